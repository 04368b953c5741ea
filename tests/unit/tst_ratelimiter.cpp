// RateLimiter without a system database: which limits a request touches (key matching,
// precedence, exemptions) and the in-memory fixed windows, driven by an injected clock.
#include <QTest>

#include "security/RateLimiter.h"

using namespace gatehouse;

namespace {
RateLimit limit(qint64 id, const char *type, qint64 rate, int period = 0)
{
    RateLimit l;
    l.id = id;
    l.type = QLatin1String(type);
    l.rate = rate;
    l.period = period;
    l.name = QStringLiteral("limit %1").arg(id);
    return l;
}

RateLimitCaller caller(std::optional<qint64> userId = std::nullopt, std::optional<qint64> serviceId = 7,
                       const char *resource = "_table/contact", const char *method = "GET")
{
    RateLimitCaller c;
    c.userId = userId;
    c.serviceId = serviceId;
    c.resource = QLatin1String(resource);
    c.method = QLatin1String(method);
    return c;
}

QList<qint64> ids(const QList<RateLimitCounter> &counters)
{
    QList<qint64> out;
    for (const RateLimitCounter &c : counters)
        out << c.limit.id;
    return out;
}
} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

    qint64 m_now = 1'000'000;

    // Checks one request and reports whether it passed.
    bool pass(RateLimiter &limiter, const QList<RateLimit> &limits, const RateLimitCaller &c,
              RateLimitVerdict *out = nullptr)
    {
        RateLimitVerdict verdict;
        bool called = false;
        limiter.check(limits, c, [&](RateLimitVerdict v) {
            verdict = std::move(v);
            called = true;
        });
        if (!called)
            qFatal("in-memory checks answer at once");
        if (out)
            *out = verdict;
        return verdict.allowed;
    }

private Q_SLOTS:
    void keysAreDreamFactorys()
    {
        RateLimit l = limit(1, "instance.each_user.service.endpoint", 10, 0);
        l.serviceId = 7;
        l.endpoint = QStringLiteral("_table/contact");
        l.verb = QStringLiteral("GET");
        QCOMPARE(l.counterKey(42),
                 QStringLiteral("instance.each_user:42.service:7.endpoint:_table/contact.verb:GET.minute"));
        QCOMPARE(RateLimit::buildKey(QStringLiteral("instance"), {}, {}, {}, {}, {}, 4),
                 QStringLiteral("instance.30-day"));
        QCOMPARE(RateLimit::buildKey(QStringLiteral("instance.user.service"), 5, {}, 3, {}, {}, 1),
                 QStringLiteral("instance.user:5.service:3.hour"));
        QCOMPARE(
            RateLimit::buildKey(QStringLiteral("instance.role"), {}, 9, {}, {}, QStringLiteral("POST"), 2),
            QStringLiteral("instance.role:9.verb:POST.day"));
    }

    void periods()
    {
        QCOMPARE(RateLimit::periodSeconds(0), 60);
        QCOMPARE(RateLimit::periodSeconds(1), 3600);
        QCOMPARE(RateLimit::periodSeconds(2), 86400);
        QCOMPARE(RateLimit::periodSeconds(3), 604800);
        QCOMPARE(RateLimit::periodSeconds(4), 2592000); // 30 days, not DF's 210
    }

    void matching()
    {
        RateLimit service = limit(2, "instance.service", 10);
        service.serviceId = 7;
        RateLimit otherService = limit(3, "instance.service", 10);
        otherService.serviceId = 8;
        RateLimit exact = limit(4, "instance.service.endpoint", 10);
        exact.serviceId = 7;
        exact.endpoint = QStringLiteral("_table/contact");
        RateLimit prefix = limit(5, "instance.service.endpoint", 10);
        prefix.serviceId = 7;
        prefix.endpoint = QStringLiteral("_table/con*");
        RateLimit postOnly = limit(6, "instance", 10);
        postOnly.verb = QStringLiteral("POST");
        RateLimit inactive = limit(7, "instance", 10);
        inactive.isActive = false;
        const QList<RateLimit> all{
            limit(1, "instance", 10), service, otherService, exact, prefix, postOnly, inactive};

        // Every matching limit counts, broad and narrow alike.
        QCOMPARE(ids(RateLimiter::applicable(all, caller())), (QList<qint64>{1, 2, 4, 5}));
        // Exact endpoints match only themselves (case-insensitively); prefixes match below.
        QCOMPARE(ids(RateLimiter::applicable(all, caller({}, 7, "_table/contact/5"))),
                 (QList<qint64>{1, 2, 5}));
        QCOMPARE(ids(RateLimiter::applicable(all, caller({}, 7, "_table/CONTACT"))),
                 (QList<qint64>{1, 2, 4, 5}));
        QCOMPARE(ids(RateLimiter::applicable(all, caller({}, 7, "_table/orders"))), (QList<qint64>{1, 2}));
        // The verb narrows.
        QCOMPARE(ids(RateLimiter::applicable(all, caller({}, 8, "_table/x", "POST"))),
                 (QList<qint64>{1, 3, 6}));
        // No service (catalogue, unknown service): only instance-wide limits.
        QCOMPARE(ids(RateLimiter::applicable(all, caller({}, std::nullopt, ""))), (QList<qint64>{1}));
    }

    void usersRolesAndExemptions()
    {
        RateLimit user5 = limit(1, "instance.user", 10);
        user5.userId = 5;
        RateLimit role3 = limit(3, "instance.role", 10);
        role3.roleId = 3;
        const QList<RateLimit> all{user5, limit(2, "instance.each_user", 10), role3,
                                   limit(4, "instance", 10)};

        // No user: neither the user limit nor the each-user one counts.
        QCOMPARE(ids(RateLimiter::applicable(all, caller())), (QList<qint64>{4}));
        // User 6 gets the each-user limit with its own counter.
        const QList<RateLimitCounter> six = RateLimiter::applicable(all, caller(6));
        QCOMPARE(ids(six), (QList<qint64>{2, 4}));
        QCOMPARE(six.first().subject, QStringLiteral("6"));
        // User 5's own limit replaces the each-user one.
        QCOMPARE(ids(RateLimiter::applicable(all, caller(5))), (QList<qint64>{1, 4}));
        // Role limits follow the role.
        RateLimitCaller withRole = caller(6);
        withRole.roleId = 3;
        QCOMPARE(ids(RateLimiter::applicable(all, withRole)), (QList<qint64>{2, 3, 4}));
        // Sys-admins and scripts are exempt from everything.
        RateLimitCaller admin = caller(5);
        admin.isSysAdmin = true;
        QVERIFY(RateLimiter::applicable(all, admin).isEmpty());
        RateLimitCaller script = caller(6);
        script.isScript = true;
        QVERIFY(RateLimiter::applicable(all, script).isEmpty());
    }

    void userOverrideIsPerLevel()
    {
        RateLimit eachOnService = limit(1, "instance.each_user.service", 10);
        eachOnService.serviceId = 7;
        RateLimit userOnOtherService = limit(2, "instance.user.service", 10);
        userOnOtherService.userId = 5;
        userOnOtherService.serviceId = 8;
        // A user limit on another service does not lift the each-user limit on this one.
        QCOMPARE(ids(RateLimiter::applicable({eachOnService, userOnOtherService}, caller(5))),
                 (QList<qint64>{1}));
        RateLimit userOnService = userOnOtherService;
        userOnService.id = 3;
        userOnService.serviceId = 7;
        QCOMPARE(ids(RateLimiter::applicable({eachOnService, userOnService}, caller(5))), (QList<qint64>{3}));
        // An inactive user limit overrides nothing.
        userOnService.isActive = false;
        QCOMPARE(ids(RateLimiter::applicable({eachOnService, userOnService}, caller(5))), (QList<qint64>{1}));
    }

    void fixedWindow()
    {
        RateLimiter limiter(nullptr);
        limiter.setClock([this] { return m_now; });
        const QList<RateLimit> limits{limit(1, "instance", 3, 0)};
        for (int i = 0; i < 3; ++i)
            QVERIFY(pass(limiter, limits, caller()));
        m_now += 20;
        RateLimitVerdict verdict;
        QVERIFY(!pass(limiter, limits, caller(), &verdict));
        QCOMPARE(verdict.limit, 3);
        QCOMPARE(verdict.remaining, 0);
        QCOMPARE(verdict.retryAfter, 40); // the window began at the first hit
        QCOMPARE(verdict.resetAt, m_now + 40);
        QCOMPARE(verdict.exceeded.size(), 1);
        const HttpResponse response = verdict.response();
        QCOMPARE(response.status, 429);
        // Refused requests are not counted, and the window does not move.
        m_now += 39;
        QVERIFY(!pass(limiter, limits, caller(), &verdict));
        QCOMPARE(verdict.retryAfter, 1);
        m_now += 1;
        QVERIFY(pass(limiter, limits, caller()));
    }

    void refusedRequestsCountNowhere()
    {
        RateLimiter limiter(nullptr);
        limiter.setClock([this] { return m_now; });
        RateLimit service = limit(2, "instance.service", 100, 1);
        service.serviceId = 7;
        const QList<RateLimit> limits{limit(1, "instance", 2, 0), service};
        QVERIFY(pass(limiter, limits, caller()));
        QVERIFY(pass(limiter, limits, caller()));
        for (int i = 0; i < 5; ++i)
            QVERIFY(!pass(limiter, limits, caller()));
        QList<RateLimitCacheEntry> entries;
        limiter.entries(limits, {}, [&](QList<RateLimitCacheEntry> e, int) { entries = e; });
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).attempts, 2);
        QCOMPARE(entries.at(1).attempts, 2); // the five refusals did not reach the service counter
        QCOMPARE(entries.at(1).remaining, 98);
    }

    void longestWaitFillsTheHeaders()
    {
        RateLimiter limiter(nullptr);
        limiter.setClock([this] { return m_now; });
        RateLimit hourly = limit(2, "instance.service", 1, 1);
        hourly.serviceId = 7;
        const QList<RateLimit> limits{limit(1, "instance", 1, 0), hourly};
        QVERIFY(pass(limiter, limits, caller()));
        RateLimitVerdict verdict;
        QVERIFY(!pass(limiter, limits, caller(), &verdict));
        QCOMPARE(verdict.exceeded.size(), 2);
        QCOMPARE(verdict.retryAfter, 3600);
        QCOMPARE(verdict.limit, 1);
    }

    void eachUserCountsPerUser()
    {
        RateLimiter limiter(nullptr);
        limiter.setClock([this] { return m_now; });
        const QList<RateLimit> limits{limit(1, "instance.each_user", 2)};
        QVERIFY(pass(limiter, limits, caller(5)));
        QVERIFY(pass(limiter, limits, caller(5)));
        QVERIFY(!pass(limiter, limits, caller(5)));
        QVERIFY(pass(limiter, limits, caller(6)));
        // Without a user the limit does not apply at all.
        for (int i = 0; i < 5; ++i)
            QVERIFY(pass(limiter, limits, caller()));

        User five;
        five.id = 5;
        User six;
        six.id = 6;
        User admin;
        admin.id = 1;
        admin.isSysAdmin = true;
        QList<RateLimitCacheEntry> entries;
        limiter.entries(limits, {six, admin, five}, [&](QList<RateLimitCacheEntry> e, int) { entries = e; });
        QCOMPARE(entries.size(), 2); // admins are exempt and not listed
        QCOMPARE(entries.at(0).key, QStringLiteral("instance.each_user:5.minute"));
        QCOMPARE(entries.at(0).attempts, 2);
        QCOMPARE(entries.at(0).remaining, 0);
        QCOMPARE(entries.at(1).attempts, 1);
    }

    void resetAndRateChange()
    {
        RateLimiter limiter(nullptr);
        limiter.setClock([this] { return m_now; });
        RateLimit a = limit(1, "instance", 1);
        a.keyText = a.counterKey();
        RateLimit b = limit(2, "instance", 1, 1);
        b.keyText = b.counterKey();
        QList<RateLimit> limits{a, b};
        limiter.syncLimits(limits);
        QVERIFY(pass(limiter, limits, caller()));
        QVERIFY(!pass(limiter, limits, caller()));

        // Resetting one limit leaves the other locked.
        bool ok = false;
        limiter.reset(QList<qint64>{1}, [&](bool result) { ok = result; });
        QVERIFY(ok);
        QVERIFY(!pass(limiter, limits, caller()));

        // A new rate clears the lockout; an unchanged limit keeps its counter.
        limits[1].rate = 2;
        limiter.syncLimits(limits);
        QVERIFY(pass(limiter, limits, caller()));
        QVERIFY(!pass(limiter, limits, caller()));
        limiter.syncLimits(limits);
        QVERIFY(!pass(limiter, limits, caller()));

        limiter.reset(std::nullopt, [&](bool result) { ok = result; });
        QVERIFY(pass(limiter, limits, caller()));
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
