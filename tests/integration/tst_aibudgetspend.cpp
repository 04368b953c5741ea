// GET /api/v2/system/ai_budget/_spend: each budget's spend in its current period, summed from the
// usage log with the budget's dimension (global, service, user, role, app) as the ledger counts
// it; earlier periods left out; read-only and, like ai_budget, for admins only.
#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include "Engine.h"
#include "TestServer.h"
#include "security/AiBudgetLedger.h"
#include "store/AiUsageLog.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kSpend = QStringLiteral("/api/v2/system/ai_budget/_spend");
} // namespace

class TestAiBudgetSpend : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    bool flushUsage()
    {
        bool ok = false, done = false;
        m_server->engine().aiUsageLog()->flush([&](bool result) {
            ok = result;
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, 10000) && ok;
    }

    void record(qint64 timeMs, qint64 service, qint64 user, qint64 role, qint64 app, double cost)
    {
        AiUsageRecord r;
        r.timeMs = timeMs;
        r.requestId = QStringLiteral("spend-test");
        r.serviceId = service;
        r.userId = user;
        r.roleId = role;
        r.appId = app;
        r.model = QStringLiteral("gpt-4o-mini");
        r.cost = cost;
        m_server->engine().aiUsageLog()->record(r);
    }

    qint64 createBudget(const Json &budget)
    {
        const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/ai_budget"),
                                               Json{{"resource", Json::array({budget})}});
        if (r.status != 201) {
            qWarning("creating a budget failed: %s", r.describe().constData());
            return 0;
        }
        return r.json["resource"][0]["id"].get<qint64>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->engine().aiUsageLog());
    }

    void spendPerDimensionAndPeriod()
    {
        const qint64 service = m_server->createService(
            Json{{"name", "llm"},
                 {"type", "ai"},
                 {"config", {{"provider", "ollama"}, {"base_url", "http://127.0.0.1:1"}}}});
        QVERIFY(service > 0);
        const qint64 role = m_server->createRole(QStringLiteral("spenders"), Json::array());
        QVERIFY(role > 0);
        const qint64 user =
            m_server->createUser(QStringLiteral("spender@test.local"), QStringLiteral("Spender-Passw0rd"));
        QVERIFY(user > 0);
        QVERIFY(!m_server->createAppKey(QStringLiteral("spending-app"), role).isEmpty());
        const TestResponse apps =
            m_server->admin("GET", QStringLiteral("/api/v2/system/app?filter=name%3D'spending-app'"));
        const qint64 app = apps.json.at("resource").at(0).at("id").get<qint64>();

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 monthStart = AiBudgetLedger::periodStart(QStringLiteral("monthly"), now);
        const qint64 dayStart = AiBudgetLedger::periodStart(QStringLiteral("daily"), now);
        // This period: 1 (ours) + 2 (another user, app and role, same service) + 4 (another service).
        record(now, service, user, role, app, 1.0);
        record(now, service, user + 1000, role + 1000, app + 1000, 2.0);
        record(now, service + 1000, user + 1000, role + 1000, app + 1000, 4.0);
        // Last month: never counted.
        record(monthStart - 1000, service, user, role, app, 100.0);
        // Earlier today but in this month, when today is not the 1st: counted by monthly budgets only.
        const bool earlierToday = dayStart > monthStart;
        if (earlierToday)
            record(dayStart - 1000, service, user, role, app, 10.0);
        QVERIFY(flushUsage());

        const qint64 global = createBudget(
            Json{{"name", "all"}, {"dimension", "global"}, {"period", "monthly"}, {"limit_amount", 200}});
        const qint64 perService = createBudget(Json{{"name", "svc"},
                                                    {"dimension", "service"},
                                                    {"target_id", service},
                                                    {"period", "monthly"},
                                                    {"limit_amount", 20}});
        const qint64 perUser = createBudget(Json{{"name", "usr"},
                                                 {"dimension", "user"},
                                                 {"target_id", user},
                                                 {"period", "daily"},
                                                 {"limit_amount", 4}});
        const qint64 perRole = createBudget(Json{{"name", "rol"},
                                                 {"dimension", "role"},
                                                 {"target_id", role},
                                                 {"period", "monthly"},
                                                 {"limit_amount", 50}});
        const qint64 perApp = createBudget(Json{{"name", "app"},
                                                {"dimension", "app"},
                                                {"target_id", app},
                                                {"period", "hourly"},
                                                {"limit_amount", 2}});
        QVERIFY(global && perService && perUser && perRole && perApp);

        const TestResponse r = m_server->admin("GET", kSpend);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json.contains("as_of"));
        QHash<qint64, Json> byId;
        for (const Json &row : r.json.at("resource"))
            byId.insert(row.at("id").get<qint64>(), row);
        QCOMPARE(byId.size(), 5);
        const double earlier = earlierToday ? 10.0 : 0.0;
        auto spent = [&](qint64 id) { return byId.value(id).at("spent").get<double>(); };
        QCOMPARE(spent(global), 7.0 + earlier);
        QCOMPARE(spent(perService), 3.0 + earlier);
        QCOMPARE(spent(perUser), 1.0);
        QCOMPARE(spent(perRole), 1.0 + earlier);
        QCOMPARE(spent(perApp), 1.0);
        QCOMPARE(byId.value(perUser).at("utilisation").get<double>(), 0.25);
        QCOMPARE(byId.value(perApp).at("utilisation").get<double>(), 0.5);

        // The period as the ledger has it, in the audit log's time format.
        const Json monthly = byId.value(perService);
        QCOMPARE(monthly.at("period").get<std::string>(), std::string("monthly"));
        QCOMPARE(monthly.at("target_id").get<qint64>(), service);
        QCOMPARE(monthly.at("limit_amount").get<double>(), 20.0);
        QCOMPARE(monthly.at("hard_stop").get<bool>(), true);
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(monthStart, QTimeZone::utc());
        QCOMPARE(QString::fromStdString(monthly.at("period_start").get<std::string>()),
                 start.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
        QCOMPARE(QString::fromStdString(monthly.at("period_end").get<std::string>()),
                 start.addMonths(1).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
        QVERIFY(byId.value(global).at("target_id").is_null());

        // Inactive budgets are listed too (the console shows them greyed), with their spend.
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/ai_budget/%1").arg(perApp),
                             Json{{"is_active", false}})
                     .status,
                 200);
        const TestResponse again = m_server->admin("GET", kSpend);
        for (const Json &row : again.json.at("resource"))
            if (row.at("id").get<qint64>() == perApp) {
                QCOMPARE(row.at("is_active").get<bool>(), false);
                QCOMPARE(row.at("spent").get<double>(), 1.0);
            }
    }

    void readOnlyAndAdminsOnly()
    {
        QCOMPARE(m_server->admin("POST", kSpend, Json::object()).status, 405);
        QCOMPARE(m_server->admin("DELETE", kSpend).status, 405);
        // A role without system access sees nothing of it.
        const qint64 role = m_server->createRole(QStringLiteral("nobody"), Json::array());
        const QString key = m_server->createAppKey(QStringLiteral("nobody-app"), role);
        const TestResponse denied =
            m_server->request("GET", kSpend, nullptr, {{"X-DreamFactory-API-Key", key.toLatin1()}});
        QVERIFY2(denied.status == 403, denied.describe().constData());
        QVERIFY(!denied.body.contains("spent"));
        // ai_budget itself still routes ids as before.
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/system/ai_budget/999999")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestAiBudgetSpend)
#include "tst_aibudgetspend.moc"
