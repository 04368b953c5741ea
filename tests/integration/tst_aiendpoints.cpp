// No-code AI endpoints end to end: GET/POST /{ai_svc}/endpoint/{name} through the running
// gateway with the mock provider: parameter validation (400 naming the field, before any data
// or model call), the data fetched through the named query as the data identity (masking in
// the prompt, a row hidden by a filter → 404 and no prompt), text and JSON output (code fences,
// 502 on non-JSON), RBAC on endpoint/{name}, the audit record of the data call, config
// validation at save, and the demo's local_ai/customer_summary answering 502/503 without a model.
#include <QTest>
#include <QUrl>

#include "MockProvider.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
constexpr const char *kSsn = "998-92-8586";
constexpr const char *kEmail = "amelia.redfield@hollowell-furniture.example";

Json endpoint(const char *name, const char *output, Json parameters = Json())
{
    if (parameters.is_null())
        parameters =
            Json::array({Json{{"name", "customer_id"}, {"type", "integer"}, {"required", true}, {"min", 1}}});
    return Json{{"name", name},
                {"description", "Customer summary"},
                {"service", "demo"},
                {"query", "GetCustomerSummaryData"},
                {"parameters", parameters},
                {"prompt", "Summarise customer {{customer_id}}.\nDATA:\n{{data}}"},
                {"max_tokens", 200},
                {"timeout_seconds", 60},
                {"output", output}};
}
} // namespace

class TestAiEndpoints : public QObject
{
    Q_OBJECT

private:
    MockProvider m_mock;
    std::unique_ptr<TestServer> m_server;
    qint64 m_demo = 0;
    QString m_callerKey;

    Json aiConfig(const QString &dataKey, const Json &endpoints)
    {
        return Json{{"provider", "openai"},
                    {"base_url", m_mock.baseUrl().toStdString() + "/v1"},
                    {"api_key", MockProvider::kApiKey},
                    {"default_model", "gpt-4o-mini"},
                    {"data_access_api_key", dataKey.toStdString()},
                    {"endpoints", endpoints}};
    }

    TestResponse asCaller(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->request(method, path, body, {{"X-DreamFactory-API-Key", m_callerKey.toLatin1()}});
    }

    TestResponse saveService(const Json &config)
    {
        return m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource",
                  {Json{{"name", "ep_bad"}, {"type", "ai"}, {"is_active", true}, {"config", config}}}}});
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_mock.start(), qPrintable(m_mock.errorString()));
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_demo = m_server->serviceId(QStringLiteral("demo"));
        QVERIFY(m_demo);

        const qint64 reader = m_server->createRole(
            QStringLiteral("ep_reader"),
            Json::array(
                {Json{{"service_id", m_demo}, {"component", "*"}, {"verb_mask", 1}, {"requestor_mask", 1}},
                 Json{{"service_id", m_demo},
                      {"component", "_proc/*"},
                      {"verb_mask", 3},
                      {"requestor_mask", 1}}}));
        QVERIFY(reader);
        for (const char *field : {"ssn", "email"}) {
            const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/field_mask"),
                                                   Json{{"role_id", reader},
                                                        {"service_id", m_demo},
                                                        {"table_name", "customers"},
                                                        {"field", field},
                                                        {"mode", "redact"}});
            QVERIFY2(r.status == 201, r.describe().constData());
        }
        const QString readerKey = m_server->createAppKey(QStringLiteral("ep_data"), reader);
        // A role whose named-query rule filters every customer out.
        const Json nobody = Json::array({Json{{"name", "status"}, {"operator", "="}, {"value", "nobody"}}});
        const qint64 hidden = m_server->createRole(
            QStringLiteral("ep_hidden"), Json::array({Json{{"service_id", m_demo},
                                                           {"component", "_table/customers"},
                                                           {"verb_mask", 1},
                                                           {"requestor_mask", 1},
                                                           {"filters", nobody}},
                                                      Json{{"service_id", m_demo},
                                                           {"component", "_proc/GetCustomerSummaryData"},
                                                           {"verb_mask", 3},
                                                           {"requestor_mask", 1},
                                                           {"filters", nobody}}}));
        QVERIFY(hidden);
        const QString hiddenKey = m_server->createAppKey(QStringLiteral("ep_hidden_data"), hidden);
        QVERIFY(!readerKey.isEmpty() && !hiddenKey.isEmpty());

        Json coded = endpoint(
            "by_code", "text",
            Json::array(
                {Json{{"name", "customer_id"}, {"type", "integer"}, {"required", true}},
                 Json{{"name", "code"}, {"type", "string"}, {"pattern", "[A-Z]{3}"}, {"max_length", 3}}}));
        const qint64 ai = m_server->createService(
            Json{{"name", "ep_ai"},
                 {"type", "ai"},
                 {"config", aiConfig(readerKey, Json::array({endpoint("summary", "text"),
                                                             endpoint("summary_json", "json"), coded}))}});
        const qint64 aiHidden = m_server->createService(
            Json{{"name", "ep_hidden_ai"},
                 {"type", "ai"},
                 {"config", aiConfig(hiddenKey, Json::array({endpoint("summary", "text")}))}});
        QVERIFY(ai && aiHidden);
        // The caller may use two endpoints of ep_ai by name, and everything of ep_hidden_ai.
        const qint64 caller = m_server->createRole(QStringLiteral("ep_caller"),
                                                   Json::array({Json{{"service_id", ai},
                                                                     {"component", "endpoint/summary"},
                                                                     {"verb_mask", 3},
                                                                     {"requestor_mask", 1}},
                                                                Json{{"service_id", ai},
                                                                     {"component", "endpoint/by_code"},
                                                                     {"verb_mask", 3},
                                                                     {"requestor_mask", 1}},
                                                                Json{{"service_id", aiHidden},
                                                                     {"component", "*"},
                                                                     {"verb_mask", 3},
                                                                     {"requestor_mask", 1}}}));
        m_callerKey = m_server->createAppKey(QStringLiteral("ep_caller_app"), caller);
        QVERIFY(!m_callerKey.isEmpty());
    }

    void init() { QVERIFY(m_mock.reset()); }

    void textEndpointBuildsThePromptFromMaskedData()
    {
        const TestResponse r =
            asCaller("GET", QStringLiteral("/api/v2/ep_ai/endpoint/summary?customer_id=1"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["model"]), QStringLiteral("gpt-4o-mini"));
        QVERIFY(r.json["usage"]["input_tokens"].get<qint64>() > 0);
        QVERIFY(r.json["usage"]["output_tokens"].get<qint64>() > 0);
        QVERIFY(r.json.contains("latency_ms"));
        // The mock echoes the prompt: the template filled with the parameter and the data.
        const QString content = str(r.json["content"]);
        QVERIFY2(content.startsWith(QStringLiteral("echo: Summarise customer 1.")), qPrintable(content));
        QVERIFY(content.contains(QStringLiteral("Amelia Redfield")));
        const Json seen = m_mock.requests(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(int(seen.size()), 1);
        const QString prompt = str(seen[0]["body"]["messages"][0]["content"]);
        QVERIFY(prompt.contains(QStringLiteral("\"order_count\"")));
        QVERIFY2(!prompt.contains(QLatin1String(kEmail)), qPrintable(prompt));
        QVERIFY(!prompt.contains(QLatin1String(kSsn)));
        QCOMPARE(seen[0]["body"]["max_completion_tokens"].get<int>(), 200);

        // POST takes the parameters from the body.
        const TestResponse posted =
            asCaller("POST", QStringLiteral("/api/v2/ep_ai/endpoint/summary"), Json{{"customer_id", 2}});
        QVERIFY2(posted.status == 200, posted.describe().constData());
        QVERIFY(str(posted.json["content"]).contains(QStringLiteral("Ava Galloway")));

        // The data call is audited as the endpoint's, with the data-access role.
        const Json children =
            m_server->childAuditRecords(QString::fromLatin1(posted.header("x-request-id")), 20);
        QCOMPARE(int(children.size()), 1);
        QCOMPARE(str(children[0]["params"]["_origin"]), QStringLiteral("ai-endpoint"));
        QCOMPARE(str(children[0]["role_name"]), QStringLiteral("ep_reader"));
        QCOMPARE(str(children[0]["component"]), QStringLiteral("_proc/getcustomersummarydata"));
    }

    void parametersAreValidated()
    {
        struct Case
        {
            QString query;
            QString field;
        };
        const QList<Case> cases{{QString(), QStringLiteral("customer_id")},
                                {QStringLiteral("customer_id=abc"), QStringLiteral("customer_id")},
                                {QStringLiteral("customer_id=0"), QStringLiteral("customer_id")},
                                {QStringLiteral("customer_id=1.5"), QStringLiteral("customer_id")}};
        for (const Case &c : cases) {
            const TestResponse r =
                asCaller("GET", QStringLiteral("/api/v2/ep_ai/endpoint/summary?") + c.query);
            QVERIFY2(r.status == 400, r.describe().constData());
            QVERIFY2(str(r.json["error"]["message"]).contains(c.field), r.describe().constData());
        }
        for (const QString &code : {QStringLiteral("abc"), QStringLiteral("ABCD"), QStringLiteral("A1C")}) {
            const TestResponse r =
                asCaller("GET", QStringLiteral("/api/v2/ep_ai/endpoint/by_code?customer_id=1&code=") + code);
            QVERIFY2(r.status == 400, r.describe().constData());
            QVERIFY(str(r.json["error"]["message"]).contains(QStringLiteral("code")));
        }
        const TestResponse wrongType = asCaller("POST", QStringLiteral("/api/v2/ep_ai/endpoint/by_code"),
                                                Json{{"customer_id", 1}, {"code", 12}});
        QCOMPARE(wrongType.status, 400);
        QCOMPARE(int(m_mock.requests().size()), 0);
        const TestResponse ok =
            asCaller("GET", QStringLiteral("/api/v2/ep_ai/endpoint/by_code?customer_id=1&code=ABC"));
        QVERIFY2(ok.status == 200, ok.describe().constData());
    }

    void hiddenRecordIsNotFoundAndNeverPrompted()
    {
        const TestResponse r =
            asCaller("GET", QStringLiteral("/api/v2/ep_hidden_ai/endpoint/summary?customer_id=1"));
        QVERIFY2(r.status == 404, r.describe().constData());
        QCOMPARE(int(m_mock.requests().size()), 0);
        // So is a record that does not exist.
        const TestResponse missing =
            asCaller("GET", QStringLiteral("/api/v2/ep_ai/endpoint/summary?customer_id=999999"));
        QVERIFY2(missing.status == 404, missing.describe().constData());
        QCOMPARE(int(m_mock.requests().size()), 0);
    }

    void jsonOutputIsParsed()
    {
        QVERIFY(m_mock.script(
            Json::array({Json{{"content", "```json\n{\"health\": \"good\", \"score\": 3}\n```"}},
                         Json{{"content", "Sure! Here is the summary."}}})));
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/ep_ai/endpoint/summary_json?customer_id=1"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["content"].is_object());
        QCOMPARE(str(r.json["content"]["health"]), QStringLiteral("good"));
        QCOMPARE(r.json["content"]["score"].get<int>(), 3);
        const TestResponse bad =
            m_server->admin("GET", QStringLiteral("/api/v2/ep_ai/endpoint/summary_json?customer_id=1"));
        QCOMPARE(bad.status, 502);
        QVERIFY(str(bad.json["error"]["message"]).contains(QStringLiteral("not valid JSON")));
    }

    void rbacNamesTheEndpoint()
    {
        const TestResponse denied =
            asCaller("GET", QStringLiteral("/api/v2/ep_ai/endpoint/summary_json?customer_id=1"));
        QCOMPARE(denied.status, 403);
        const TestResponse chat =
            asCaller("POST", QStringLiteral("/api/v2/ep_ai/chat"),
                     Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "hi"}}})}});
        QCOMPARE(chat.status, 403);
        QCOMPARE(int(m_mock.requests().size()), 0);
        const TestResponse unknown =
            m_server->admin("GET", QStringLiteral("/api/v2/ep_ai/endpoint/nope?customer_id=1"));
        QCOMPARE(unknown.status, 404);
        // The list shows what the admin defined.
        const TestResponse list = m_server->admin("GET", QStringLiteral("/api/v2/ep_ai/endpoint"));
        QVERIFY2(list.status == 200, list.describe().constData());
        QCOMPARE(int(list.json["resource"].size()), 3);
        QCOMPARE(str(list.json["resource"][0]["parameters"][0]["name"]), QStringLiteral("customer_id"));
    }

    void configIsValidatedAtSave()
    {
        const QString key = QStringLiteral("unused");
        Json tooLong = endpoint("slow", "text");
        tooLong["timeout_seconds"] = 301;
        Json unknownKey = endpoint("odd", "text");
        unknownKey["sql"] = "DELETE FROM customers";
        Json badName = endpoint("bad name", "text");
        Json badOutput = endpoint("fmt", "xml");
        Json badParam = endpoint("p", "text", Json::array({Json{{"name", "x"}, {"type", "date"}}}));
        const QList<QPair<Json, QString>> cases{{tooLong, QStringLiteral("timeout_seconds")},
                                                {unknownKey, QStringLiteral("sql")},
                                                {badName, QStringLiteral("name")},
                                                {badOutput, QStringLiteral("output")},
                                                {badParam, QStringLiteral("type")}};
        for (const auto &c : cases) {
            const TestResponse r = saveService(aiConfig(key, Json::array({c.first})));
            QVERIFY2(r.status == 400, r.describe().constData());
            QVERIFY2(r.body.contains(c.second.toUtf8()), r.describe().constData());
        }
        Json config = aiConfig(key, Json::array());
        config["data_chat"] = Json{{"services", Json::array({"demo"})}, {"max_iterationz", 3}};
        const TestResponse r = saveService(config);
        QVERIFY2(r.status == 400, r.describe().constData());
        QVERIFY(r.body.contains("max_iterationz"));
    }

    void demoEndpointWithoutAModel()
    {
        // The demo's local_ai points at Ollama on localhost:11434, which the tests do not run.
        const TestResponse list = m_server->admin("GET", QStringLiteral("/api/v2/local_ai/endpoint"));
        QVERIFY2(list.status == 200, list.describe().constData());
        QCOMPARE(str(list.json["resource"][0]["name"]), QStringLiteral("customer_summary"));
        const TestResponse r = m_server->admin(
            "GET", QStringLiteral("/api/v2/local_ai/endpoint/customer_summary?customer_id=1"));
        QVERIFY2(r.status == 502 || r.status == 503, r.describe().constData());
        QVERIFY(r.json["error"].is_object());
        QVERIFY(!str(r.json["error"]["message"]).isEmpty());
        const TestResponse missing = m_server->admin(
            "GET", QStringLiteral("/api/v2/local_ai/endpoint/customer_summary?customer_id=999999"));
        QCOMPARE(missing.status, 404);
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_mock.stop();
    }
};

QTEST_MAIN(TestAiEndpoints)
#include "tst_aiendpoints.moc"
