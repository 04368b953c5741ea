// The engine endpoints behind the console's Dashboard and Logs pages: /system/metrics,
// /system/ai_usage, /system/ai_prompt and /system/log, through the whole engine.
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QEventLoop>
#include <QTest>

#include "TestMain.h"
#include "TestServer.h"
#include "store/AiPromptLog.h"
#include "store/AiPromptRecord.h"
#include "store/AiUsageLog.h"
#include "store/AiUsageRecord.h"

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

    std::unique_ptr<TestServer> m_server;
    QString m_noneKey;  // a role without any system access
    QString m_grantKey; // a role granting the four resources explicitly
    qint64 m_serviceId = 4242;

    TestResponse admin(const QString &path) { return m_server->admin("GET", kSystem + path); }

private Q_SLOTS:
    void initTestCase()
    {
        TestServer::Options options;
        options.demo = true;
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

GATEHOUSE_TEST_MAIN(TestConsoleLogs)
#include "tst_consolelogs.moc"
