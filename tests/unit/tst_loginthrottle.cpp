#include <QTest>

#include "security/LoginThrottle.h"

using namespace gatehouse;

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 1'000'000;

    LoginThrottle make(int account, int address, int lockoutSeconds)
    {
        LoginThrottle throttle(account, address, lockoutSeconds);
        throttle.setClock([this] { return m_now; });
        return throttle;
    }

    const QHostAddress a{QStringLiteral("192.0.2.1")};
    const QHostAddress b{QStringLiteral("192.0.2.2")};

private slots:
    void init() { m_now = 1'000'000; }

    void locksAccountAfterThreshold()
    {
        LoginThrottle t = make(3, 100, 60);
        const QString ann = QStringLiteral("ann@x.io");
        for (int i = 0; i < 2; ++i) {
            t.recordFailure(ann, a);
            QCOMPARE(t.retryAfter(ann, a), 0);
        }
        t.recordFailure(ann, b); // the account counts across addresses
        QCOMPARE(t.retryAfter(ann, a), 60);
        QCOMPARE(t.retryAfter(ann, QHostAddress(QStringLiteral("198.51.100.7"))), 60);
        // Another account from the same addresses is not locked.
        QCOMPARE(t.retryAfter(QStringLiteral("bob@x.io"), a), 0);
        m_now += 59'500;
        QCOMPARE(t.retryAfter(ann, a), 1); // rounded up
        m_now += 500;
        QCOMPARE(t.retryAfter(ann, a), 0);
        // After a lockout the count starts again from zero.
        t.recordFailure(ann, a);
        QCOMPARE(t.retryAfter(ann, a), 0);
    }

    void locksAddressAcrossAccounts()
    {
        LoginThrottle t = make(100, 3, 900);
        t.recordFailure(QStringLiteral("a@x.io"), a);
        t.recordFailure(QStringLiteral("b@x.io"), a);
        QCOMPARE(t.retryAfter(QStringLiteral("c@x.io"), a), 0);
        t.recordFailure(QStringLiteral("c@x.io"), a);
        QCOMPARE(t.retryAfter(QStringLiteral("someone@x.io"), a), 900);
        QCOMPARE(t.retryAfter(QStringLiteral("someone@x.io"), b), 0);
        // A success clears the account's count, never the address's.
        t.recordSuccess(QStringLiteral("someone@x.io"));
        QCOMPARE(t.retryAfter(QStringLiteral("someone@x.io"), a), 900);
    }

    void successClearsAccount()
    {
        LoginThrottle t = make(3, 100, 60);
        const QString ann = QStringLiteral("ann@x.io");
        t.recordFailure(ann, a);
        t.recordFailure(ann, a);
        t.recordSuccess(ann);
        t.recordFailure(ann, a);
        t.recordFailure(ann, a);
        QCOMPARE(t.retryAfter(ann, a), 0);
        t.recordFailure(ann, a);
        QCOMPARE(t.retryAfter(ann, a), 60);
        // A success cannot lift a running lockout.
        t.recordSuccess(ann);
        QCOMPARE(t.retryAfter(ann, a), 60);
    }

    void oldFailuresAreForgotten()
    {
        LoginThrottle t = make(3, 100, 60);
        const QString ann = QStringLiteral("ann@x.io");
        t.recordFailure(ann, a);
        t.recordFailure(ann, a);
        m_now += 60'000;
        t.recordFailure(ann, a);
        QCOMPARE(t.retryAfter(ann, a), 0);
    }

    void addressKeys()
    {
        QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("::ffff:192.0.2.9"))),
                 QStringLiteral("192.0.2.9"));
        // One IPv6 host usually owns a /64: the whole prefix is one address.
        QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:aaaa::1"))),
                 LoginThrottle::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:bbbb::2"))));
        QVERIFY(LoginThrottle::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2::1"))) !=
                LoginThrottle::addressKey(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
        LoginThrottle t = make(100, 2, 60);
        t.recordFailure(QStringLiteral("a@x.io"), QHostAddress(QStringLiteral("2001:db8::1")));
        t.recordFailure(QStringLiteral("b@x.io"), QHostAddress(QStringLiteral("2001:db8::2")));
        QCOMPARE(t.retryAfter(QStringLiteral("c@x.io"), QHostAddress(QStringLiteral("2001:db8::3"))), 60);
    }

    void boundedMemory()
    {
        LoginThrottle t = make(3, 1000000, 60);
        t.setMaxEntries(10);
        for (int i = 0; i < 100; ++i) {
            ++m_now;
            t.recordFailure(QStringLiteral("user%1@x.io").arg(i), a);
        }
        QVERIFY(t.trackedCount() <= 11); // 10 accounts, 1 address
        // A locked account survives eviction of older, unlocked entries.
        LoginThrottle u = make(2, 1000000, 60);
        u.setMaxEntries(10);
        u.recordFailure(QStringLiteral("target@x.io"), a);
        u.recordFailure(QStringLiteral("target@x.io"), a);
        for (int i = 0; i < 50; ++i) {
            ++m_now;
            u.recordFailure(QStringLiteral("noise%1@x.io").arg(i), a);
        }
        QVERIFY(u.trackedCount() <= 11);
        QVERIFY(u.retryAfter(QStringLiteral("target@x.io"), a) > 0);
    }

    void lockedResponse()
    {
        const HttpResponse r = LoginThrottle::lockedResponse(42);
        QCOMPARE(r.status, 429);
        bool found = false;
        for (const auto &[name, value] : r.headers)
            if (name == "Retry-After") {
                QCOMPARE(value, QByteArray("42"));
                found = true;
            }
        QVERIFY(found);
        QVERIFY(r.body.contains("Too many failed sign-in attempts"));
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
