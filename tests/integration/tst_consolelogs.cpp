// The engine endpoints behind the console's Dashboard and Logs pages: /system/metrics,
// /system/ai_usage, /system/ai_prompt and /system/log, through the whole engine.
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QEventLoop>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "TestDatabases.h"
#include "TestServer.h"
#include "services/system/MetricsResource.h"
#include "store/AiPromptLog.h"
#include "store/AiPromptRecord.h"
#include "store/AiUsageLog.h"
#include "store/AiUsageRecord.h"
#include "store/ConnectionSpec.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kSystem = QStringLiteral("/api/v2/system/");
constexpr const char *kUserSecret = "Tail-Secret-Passw0rd-7781";

Headers apiKey(const QString &key)
{
    return {{"X-DreamFactory-Api-Key", key.toLatin1()}};
}

const Json *findBy(const Json &list, const char *key, const std::string &value)
{
    for (const Json &entry : list)
        if (entry.contains(key) && entry.at(key).is_string() && entry.at(key).get<std::string>() == value)
            return &entry;
    return nullptr;
}

template <typename Log>
bool flushLog(Log *log)
{
    bool ok = false;
    bool finished = false;
    QEventLoop loop;
    log->flush([&](bool result) {
        ok = result;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return ok;
}
} // namespace

class TestConsoleLogs : public QObject
{
    Q_OBJECT

    QString m_systemDb; // empty: SQLite
    std::unique_ptr<TestServer> m_server;
    QString m_noneKey;  // a role without any system access
    QString m_grantKey; // a role granting the four resources explicitly
    qint64 m_serviceId = 4242;

    TestResponse admin(const QString &path) { return m_server->admin("GET", kSystem + path); }

public:
    explicit TestConsoleLogs(QString systemDb)
        : m_systemDb(std::move(systemDb))
    {
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_systemDb.isEmpty()) {
            QString error;
            QVERIFY2(TestDatabases::resetSystemSchema(m_systemDb, &error), qPrintable(error));
        }
        TestServer::Options options;
        options.demo = true;
        options.systemDb = m_systemDb;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(!m_server->adminToken().isEmpty());

        const qint64 none = m_server->createRole(QStringLiteral("no-system"), Json::array());
        QVERIFY(none > 0);
        m_noneKey = m_server->createAppKey(QStringLiteral("no-system-app"), none);
        Json grants = Json::array();
        for (const char *component : {"metrics", "ai_usage", "ai_prompt", "log"})
            grants.push_back(
                Json{{"service_id", 1}, {"component", component}, {"verb_mask", 1}, {"requestor_mask", 1}});
        const qint64 granted = m_server->createRole(QStringLiteral("log-reader"), grants);
        QVERIFY(granted > 0);
        m_grantKey = m_server->createAppKey(QStringLiteral("log-reader-app"), granted);
        QVERIFY(!m_noneKey.isEmpty() && !m_grantKey.isEmpty());

        // AI usage: 15 calls of model-a, 10 of model-b, known tokens and costs.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 25; ++i) {
            AiUsageRecord record;
            record.timeMs = now - 1000 * (25 - i);
            record.requestId = QStringLiteral("usage-%1").arg(i);
            record.serviceId = m_serviceId;
            record.serviceName = QStringLiteral("llm");
            record.provider = QStringLiteral("openai");
            record.model = i < 15 ? QStringLiteral("model-a") : QStringLiteral("model-b");
            record.endpoint = QStringLiteral("chat");
            record.inputTokens = 100;
            record.outputTokens = i < 15 ? 10 : 20;
            record.cost = 0.5;
            record.latencyMs = 30;
            m_server->engine().aiUsageLog()->record(record);
        }
        QVERIFY(flushLog(m_server->engine().aiUsageLog()));
        for (int i = 0; i < 3; ++i) {
            AiPromptRecord record;
            record.timeMs = now - 1000 * (3 - i);
            record.requestId = QStringLiteral("prompt-%1").arg(i);
            record.serviceId = m_serviceId;
            record.model = QStringLiteral("model-a");
            record.prompt = QStringLiteral("question %1").arg(i);
            record.response = QStringLiteral("answer %1").arg(i);
            m_server->engine().aiPromptLog()->record(record);
        }
        QVERIFY(flushLog(m_server->engine().aiPromptLog()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void metricsCountTheRequestsMade()
    {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/products?limit=1")).status,
                     200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/no_such_table")).status, 404);
        QVERIFY(m_server->flushAudit());

        const TestResponse r = admin(QStringLiteral("metrics?range=1h"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json &requests = r.json.at("requests");
        const Json *demo = findBy(r.json.at("top_services"), "service", "demo");
        QVERIFY2(demo, r.json.at("top_services").dump().c_str());
        QCOMPARE(demo->at("requests").get<qint64>(), 7);
        QCOMPARE(demo->at("errors").get<qint64>(), 3);
        // Every request of the window is in one of the (few) services and one of the buckets.
        qint64 byService = 0;
        for (const Json &service : r.json.at("top_services"))
            byService += service.at("requests").get<qint64>();
        const qint64 total = requests.at("total").get<qint64>();
        QCOMPARE(byService, total);
        qint64 bySeries = 0, errorsBySeries = 0;
        for (const Json &point : r.json.at("series")) {
            bySeries += point.at("requests").get<qint64>();
            errorsBySeries += point.at("errors").get<qint64>();
        }
        QCOMPARE(bySeries, total);
        QCOMPARE(errorsBySeries, requests.at("errors").get<qint64>());
        QVERIFY(requests.at("errors").get<qint64>() >= 3);
        QCOMPARE(requests.at("server_errors").get<qint64>(), 0);
        QVERIFY(requests.at("error_rate").get<double>() > 0);
        QVERIFY(requests.at("p95_ms").get<qint64>() >= requests.at("p50_ms").get<qint64>());
        QCOMPARE(r.json.at("bucket_seconds").get<int>(), 60);
        QVERIFY(r.json.at("series").size() >= 60 && r.json.at("series").size() <= 62);
        const Json *adminUser = findBy(r.json.at("top_users"), "user_email", TestServer::kAdminEmail);
        QVERIFY(adminUser);
        QVERIFY(adminUser->at("requests").get<qint64>() >= 7);
    }

    void metricsSumAiUsageAndBudgets()
    {
        const TestResponse created = m_server->admin("POST", kSystem + QStringLiteral("ai_budget"),
                                                     Json{{"resource",
                                                           {{{"name", "all-ai"},
                                                             {"dimension", "global"},
                                                             {"period", "daily"},
                                                             {"limit_amount", 50}}}}});
        QVERIFY2(created.status == 201 || created.status == 200, created.describe().constData());
        const TestResponse r = admin(QStringLiteral("metrics?range=24h"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json &ai = r.json.at("ai");
        QCOMPARE(ai.at("calls").get<qint64>(), 25);
        QCOMPARE(ai.at("input_tokens").get<qint64>(), 2500);
        QCOMPARE(ai.at("output_tokens").get<qint64>(), 15 * 10 + 10 * 20);
        QVERIFY(qFuzzyCompare(ai.at("cost").get<double>(), 12.5));
        const Json *a = findBy(ai.at("models"), "model", "model-a");
        const Json *b = findBy(ai.at("models"), "model", "model-b");
        QVERIFY(a && b);
        QCOMPARE(a->at("calls").get<qint64>(), 15);
        QCOMPARE(b->at("output_tokens").get<qint64>(), 200);
        const Json *budget = findBy(ai.at("budgets"), "name", "all-ai");
        QVERIFY2(budget, ai.dump().c_str());
        QVERIFY(qFuzzyCompare(budget->at("spent").get<double>(), 12.5));
        QVERIFY(qFuzzyCompare(budget->at("utilisation").get<double>(), 0.25));
        QCOMPARE(r.json.at("bucket_seconds").get<int>(), 600);
    }

    void metricsRangesAndBadInput()
    {
        for (const auto &[range, points] : {std::pair{"7d", 168}, std::pair{"30d", 30}}) {
            const TestResponse r = admin(QStringLiteral("metrics?range=%1").arg(QLatin1String(range)));
            QVERIFY2(r.status == 200, r.describe().constData());
            const int size = int(r.json.at("series").size());
            QVERIFY2(size >= points && size <= points + 2, qPrintable(QString::number(size)));
        }
        QCOMPARE(admin(QStringLiteral("metrics?range=2y")).status, 400);
        QCOMPARE(m_server->admin("POST", kSystem + QStringLiteral("metrics"), Json::object()).status, 405);
    }

    // The metrics SQL on a MySQL/MariaDB database with the columns it reads (the engine's own
    // tests run it on SQLite and PostgreSQL system databases through the API above).
    void metricsSqlRunsOnMysql()
    {
        if (!m_systemDb.isEmpty())
            QSKIP("once, in the SQLite run");
        GATEHOUSE_REQUIRE_URL(TestDatabases::mysqlUrl(), "GATEHOUSE_TEST_MYSQL");
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(TestDatabases::mysqlUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(spec.driver, QStringLiteral("metrics-mysql"));
            db.setHostName(spec.host);
            db.setPort(spec.port);
            db.setUserName(spec.username);
            db.setPassword(spec.password);
            db.setDatabaseName(spec.database);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            for (const char *sql :
                 {"DROP TABLE IF EXISTS audit_log", "DROP TABLE IF EXISTS ai_usage_log",
                  "DROP TABLE IF EXISTS ai_budget",
                  "CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, created_date VARCHAR(32) "
                  "NOT NULL, "
                  "event VARCHAR(32) NOT NULL, user_email VARCHAR(255), service VARCHAR(255) NOT NULL, "
                  "status INTEGER NOT NULL, duration_ms BIGINT NOT NULL)",
                  "CREATE TABLE ai_usage_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, created_date VARCHAR(32) "
                  "NOT "
                  "NULL, service_id BIGINT, user_id BIGINT, role_id BIGINT, app_id BIGINT, model "
                  "VARCHAR(255) NOT "
                  "NULL, input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, cost DOUBLE PRECISION "
                  "NOT NULL)",
                  "CREATE TABLE ai_budget (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL, "
                  "dimension "
                  "VARCHAR(16) NOT NULL, target_id BIGINT, period VARCHAR(16) NOT NULL, limit_amount DOUBLE "
                  "PRECISION "
                  "NOT NULL, hard_stop SMALLINT NOT NULL DEFAULT 1, alert_webhook_url VARCHAR(2048), "
                  "is_active "
                  "SMALLINT NOT NULL DEFAULT 1)"})
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const auto at = [now](int secondsAgo) {
                return QDateTime::fromMSecsSinceEpoch(now - secondsAgo * 1000LL, Qt::UTC)
                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
            };
            // Ten requests: durations 10 … 100 ms, two 404s and one 500 on "orders".
            for (int i = 1; i <= 10; ++i) {
                q.prepare(
                    QStringLiteral("INSERT INTO audit_log (created_date, event, user_email, service, status, "
                                   "duration_ms) VALUES (?, 'request', ?, ?, ?, ?)"));
                q.addBindValue(at(i * 30));
                q.addBindValue(i <= 6 ? QStringLiteral("a@x") : QStringLiteral("b@x"));
                q.addBindValue(i <= 7 ? QStringLiteral("orders") : QStringLiteral("system"));
                q.addBindValue(i <= 2 ? 404 : (i == 3 ? 500 : 200));
                q.addBindValue(i * 10);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO audit_log (created_date, event, service, status, duration_ms) "
                               "VALUES ('2000-01-01 00:00:00.000', 'request', 'old', 200, 1)")));
            for (int i = 0; i < 4; ++i) {
                q.prepare(
                    QStringLiteral("INSERT INTO ai_usage_log (created_date, service_id, model, input_tokens, "
                                   "output_tokens, cost) VALUES (?, 7, ?, 100, 5, 1.5)"));
                q.addBindValue(at(60));
                q.addBindValue(i < 3 ? QStringLiteral("m1") : QStringLiteral("m2"));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO ai_budget (name, dimension, target_id, period, limit_amount) "
                               "VALUES ('svc7', 'service', 7, 'monthly', 12)")));

            const Json metrics = MetricsResource::compute(db, QStringLiteral("1h"), now);
            const Json &requests = metrics.at("requests");
            QCOMPARE(requests.at("total").get<qint64>(), 10);
            QCOMPARE(requests.at("errors").get<qint64>(), 3);
            QCOMPARE(requests.at("server_errors").get<qint64>(), 1);
            QCOMPARE(requests.at("p50_ms").get<qint64>(), 50);
            QCOMPARE(requests.at("p95_ms").get<qint64>(), 100);
            QCOMPARE(metrics.at("top_services")[0].dump(),
                     Json({{"service", "orders"}, {"requests", 7}, {"errors", 3}}).dump());
            QCOMPARE(metrics.at("top_users")[0].dump(),
                     Json({{"user_email", "a@x"}, {"requests", 6}}).dump());
            qint64 bySeries = 0;
            for (const Json &point : metrics.at("series"))
                bySeries += point.at("requests").get<qint64>();
            QCOMPARE(bySeries, 10);
            QCOMPARE(metrics.at("ai").at("models")[0].at("model").get<QString>(), QStringLiteral("m1"));
            QCOMPARE(metrics.at("ai").at("input_tokens").get<qint64>(), 400);
            QVERIFY(qFuzzyCompare(metrics.at("ai").at("budgets")[0].at("spent").get<double>(), 6.0));
            QVERIFY(qFuzzyCompare(metrics.at("ai").at("budgets")[0].at("utilisation").get<double>(), 0.5));
            for (const char *sql :
                 {"DROP TABLE audit_log", "DROP TABLE ai_usage_log", "DROP TABLE ai_budget"})
                q.exec(QLatin1String(sql));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("metrics-mysql"));
    }

    void aiUsageIsFilteredAndPaged()
    {
        const TestResponse page = admin(
            QStringLiteral("ai_usage?filter=model%3D'model-b'&include_count=true&limit=4&offset=4&order=id"));
        QVERIFY2(page.status == 200, page.describe().constData());
        QCOMPARE(page.json.at("meta").at("count").get<int>(), 10);
        QCOMPARE(page.json.at("resource").size(), size_t(4));
        QCOMPARE(page.json.at("resource")[0].at("request_id").get<QString>(), QStringLiteral("usage-19"));
        QCOMPARE(page.json.at("resource")[0].at("output_tokens").get<int>(), 20);
        const TestResponse last = admin(QStringLiteral("ai_usage?filter=model%3D'model-b'&limit=4&offset=8"));
        QCOMPARE(last.json.at("resource").size(), size_t(2));
        // Read-only like the audit log.
        QCOMPARE(
            m_server->admin("POST", kSystem + QStringLiteral("ai_usage"), Json{{"resource", Json::array()}})
                .status,
            405);
    }

    void aiPromptsAreForAdminsOnly()
    {
        const TestResponse all =
            admin(QStringLiteral("ai_prompt?include_count=true&order=id%20desc&limit=2"));
        QVERIFY2(all.status == 200, all.describe().constData());
        QCOMPARE(all.json.at("meta").at("count").get<int>(), 3);
        QCOMPARE(all.json.at("resource")[0].at("prompt").get<QString>(), QStringLiteral("question 2"));
        QCOMPARE(all.json.at("resource")[1].at("response").get<QString>(), QStringLiteral("answer 1"));
        const TestResponse filtered = admin(QStringLiteral("ai_prompt?filter=request_id%3D'prompt-0'"));
        QCOMPARE(filtered.json.at("resource").size(), size_t(1));
    }

    void nonAdminsAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("withoutGrant");
        QTest::addColumn<int>("withGrant");
        QTest::newRow("metrics") << QStringLiteral("metrics") << 403 << 200;
        QTest::newRow("ai_usage") << QStringLiteral("ai_usage") << 403 << 200;
        // Prompt content and the engine log stay with system admins whatever a role grants.
        QTest::newRow("ai_prompt") << QStringLiteral("ai_prompt") << 403 << 403;
        QTest::newRow("log") << QStringLiteral("log") << 403 << 403;
    }
    void nonAdminsAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(int, withoutGrant);
        QFETCH(int, withGrant);
        QCOMPARE(m_server->request("GET", kSystem + path, nullptr, apiKey(m_noneKey)).status, withoutGrant);
        QCOMPARE(m_server->request("GET", kSystem + path, nullptr, apiKey(m_grantKey)).status, withGrant);
        // No credentials at all: DreamFactory's 400 for a missing API key.
        QCOMPARE(m_server->request("GET", kSystem + path).status, 400);
    }

    void logTailReturnsNewLinesWithoutSecrets()
    {
        // A user whose password the engine has seen: signing in and failing to.
        const qint64 role = m_server->createRole(QStringLiteral("tail-user-role"), Json::array());
        const QString key = m_server->createAppKey(QStringLiteral("tail-app"), role);
        QVERIFY(m_server->createUser(QStringLiteral("tail@test.local"), QLatin1String(kUserSecret)) > 0);
        m_server->userLogin(QStringLiteral("tail@test.local"), QLatin1String(kUserSecret), key);
        m_server->userLogin(QStringLiteral("tail@test.local"),
                            QLatin1String(kUserSecret) + QStringLiteral("x"), key);

        const TestResponse before = admin(QStringLiteral("log?limit=1"));
        QVERIFY2(before.status == 200, before.describe().constData());
        const quint64 last = before.json.at("last_seq").get<quint64>();
        spdlog::warn("console tail marker {}", 1);
        spdlog::info("console tail marker {}", 2);
        const TestResponse after = admin(QStringLiteral("log?after=%1").arg(last));
        QVERIFY2(after.status == 200, after.describe().constData());
        QStringList markers;
        quint64 previous = last;
        for (const Json &line : after.json.at("resource")) {
            const quint64 seq = line.at("seq").get<quint64>();
            QVERIFY(seq > previous); // ascending, all newer than `after`
            previous = seq;
            const QString text = line.at("line").get<QString>();
            if (text.contains(QLatin1String("console tail marker")))
                markers << line.at("level").get<QString>() + QLatin1Char(' ') +
                               text.section(QLatin1Char(' '), -1);
        }
        QCOMPARE(markers, QStringList({QStringLiteral("warning 1"), QStringLiteral("info 2")}));
        // Polling again from the newest line gives nothing new but the poll's own lines.
        const TestResponse again =
            admin(QStringLiteral("log?after=%1").arg(after.json.at("last_seq").get<quint64>()));
        for (const Json &line : again.json.at("resource"))
            QVERIFY(!line.at("line").get<QString>().contains(QLatin1String("console tail marker")));

        const TestResponse everything = admin(QStringLiteral("log?after=0&limit=1000"));
        QVERIFY(!everything.json.at("resource").empty());
        const QString dump = QString::fromStdString(everything.json.at("resource").dump());
        QVERIFY(!dump.contains(QLatin1String(kUserSecret)));
        QVERIFY(!dump.contains(QLatin1String(TestServer::kAdminPassword)));
        QVERIFY(!dump.contains(m_server->adminToken()));

        QCOMPARE(admin(QStringLiteral("log?limit=0")).status, 400);
        QCOMPARE(admin(QStringLiteral("log?after=abc")).status, 400);
    }
};

int main(int argc, char **argv)
{
    return TestDatabases::runOnSystemDatabases<TestConsoleLogs>(argc, argv);
}
#include "tst_consolelogs.moc"
