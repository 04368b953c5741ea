// The LLM gateway end to end: `ai` services for OpenAI, Anthropic and Ollama in front of the mock
// provider (tests/support/mock-llm), the DreamFactory-shaped endpoints, streams relayed chunk by
// chunk, tool calls, retries and fallbacks, fail-fast errors, RPM limits, hard budgets, the
// OpenAI-compatible drop-in with model aliases, client disconnects, and the usage log.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include "MockProvider.h"
#include "TestMain.h"
#include "TestServer.h"
#include "store/AiPromptLog.h"
#include "store/AiUsageLog.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

// A JSON number, or -1 (never an exception) when the field is missing or not a number.
double num(const Json &value)
{
    return value.is_number() ? value.get<double>() : -1;
}

Json userMessages(const char *text)
{
    return Json::array({Json{{"role", "user"}, {"content", text}}});
}

// An SSE body as the list of its `data:` payloads.
QList<QByteArray> sseData(const QByteArray &body)
{
    QList<QByteArray> out;
    for (const QByteArray &line : body.split('\n'))
        if (line.startsWith("data: "))
            out.append(line.mid(6).trimmed());
    return out;
}

struct StreamResult
{
    int status = 0;
    QByteArray body;
    int readyReads = 0;      // how many times bytes arrived
    int readsBeforeLast = 0; // reads that happened while the upstream was still streaming
};
} // namespace

class TestAiGateway : public QObject
{
    Q_OBJECT

private:
    MockProvider m_mock;
    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_nam;
    qint64 m_gpt = 0;
    qint64 m_claude = 0;
    qint64 m_llama = 0;
    qint64 m_backup = 0;
    qint64 m_flaky = 0;
    qint64 m_limited = 0;
    qint64 m_private = 0;
    qint64 m_roleId = 0;
    QString m_key;

    qint64 createAi(const QString &name, const Json &config)
    {
        return m_server->createService(
            Json{{"name", name.toStdString()}, {"type", "ai"}, {"is_active", true}, {"config", config}});
    }

    TestResponse asApp(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->request(method, path, body, {{"X-DreamFactory-API-Key", m_key.toLatin1()}});
    }

    StreamResult stream(const QString &path, const Json &body, const QByteArray &authHeader,
                        const QByteArray &authValue, int abortAfterReads = -1)
    {
        QNetworkRequest request(QUrl(m_server->baseUrl() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader(authHeader, authValue);
        QNetworkReply *reply = m_nam.post(request, dumpJson(body));
        StreamResult result;
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
            result.body += reply->readAll();
            ++result.readyReads;
            if (!result.body.contains("[DONE]"))
                ++result.readsBeforeLast;
            if (abortAfterReads > 0 && result.readyReads >= abortAfterReads)
                reply->abort();
        });
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body += reply->readAll();
        reply->deleteLater();
        return result;
    }

    void wait(int ms)
    {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    }

    bool flushUsage()
    {
        bool ok = false;
        QEventLoop loop;
        m_server->engine().aiUsageLog()->flush([&](bool done) {
            ok = done;
            loop.quit();
        });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        return ok;
    }

    Json usageSummary(const QString &service)
    {
        if (!flushUsage())
            return nullptr;
        return m_server->admin("GET", QStringLiteral("/api/v2/%1/usage?period=24h").arg(service)).json;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_mock.start(), qPrintable(m_mock.errorString()));
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const std::string mock = m_mock.baseUrl().toStdString();
        m_gpt = createAi(QStringLiteral("gpt"), Json{{"provider", "openai"},
                                                     {"base_url", mock + "/v1"},
                                                     {"api_key", MockProvider::kApiKey},
                                                     {"default_model", "gpt-4o-mini"},
                                                     {"system_prompt", "You are terse."},
                                                     {"input_price_per_1k", 1.0},
                                                     {"output_price_per_1k", 2.0},
                                                     {"max_retries", 1}});
        m_claude = createAi(QStringLiteral("claude"), Json{{"provider", "anthropic"},
                                                           {"base_url", mock + "/anthropic/v1"},
                                                           {"api_key", MockProvider::kApiKey},
                                                           {"default_model", "claude-haiku-4-5"}});
        m_llama = createAi(QStringLiteral("llama"), Json{{"provider", "ollama"},
                                                         {"base_url", mock + "/ollama"},
                                                         {"default_model", "llama3.2:latest"}});
        m_backup = createAi(QStringLiteral("backup"), Json{{"provider", "openai_compatible"},
                                                           {"base_url", mock + "/openai/v1"},
                                                           {"api_key", MockProvider::kApiKey},
                                                           {"default_model", "gpt-4o"}});
        m_flaky = createAi(QStringLiteral("flaky"), Json{{"provider", "openai"},
                                                         {"base_url", mock + "/xai/v1"},
                                                         {"api_key", MockProvider::kApiKey},
                                                         {"default_model", "gpt-4o-mini"},
                                                         {"max_retries", 1},
                                                         {"fallback_service_ids", Json::array({m_backup})}});
        m_limited = createAi(QStringLiteral("limited"), Json{{"provider", "openai"},
                                                             {"base_url", mock + "/v1"},
                                                             {"api_key", MockProvider::kApiKey},
                                                             {"default_model", "gpt-4o-mini"},
                                                             {"allowed_models", Json::array({"gpt-4o-mini"})},
                                                             {"rpm_limit", 2}});
        m_private =
            createAi(QStringLiteral("private"), Json{{"provider", "openai"},
                                                     {"base_url", mock + "/v1"},
                                                     {"api_key", MockProvider::kApiKey},
                                                     {"default_model", "gpt-4o-mini"},
                                                     {"redact_upstream", true},
                                                     {"prompt_log", true},
                                                     {"redact_patterns", Json::array({"ACME-[0-9]+"})}});
        QVERIFY(m_gpt && m_claude && m_llama && m_backup && m_flaky && m_limited && m_private);
        Json rules = Json::array();
        for (qint64 id : {m_gpt, m_claude, m_llama, m_flaky, m_limited, m_private})
            rules.push_back(
                Json{{"service_id", id}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 3}});
        m_roleId = m_server->createRole(QStringLiteral("ai_user"), rules);
        QVERIFY(m_roleId);
        m_key = m_server->createAppKey(QStringLiteral("ai_app"), m_roleId);
        QVERIFY(!m_key.isEmpty());
    }

    void init() { QVERIFY(m_mock.reset()); }

    void chatAnswersInDreamFactoryShape()
    {
        TestResponse r = asApp("POST", QStringLiteral("/api/v2/gpt/chat"),
                               Json{{"messages", userMessages("hello there")}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["content"]), QStringLiteral("echo: hello there"));
        QCOMPARE(str(r.json["provider"]), QStringLiteral("openai"));
        QCOMPARE(str(r.json["model"]), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(str(r.json["finish_reason"]), QStringLiteral("stop"));
        QVERIFY(num(r.json["input_tokens"]) > 0);
        QVERIFY(num(r.json["output_tokens"]) > 0);
        QVERIFY(r.json.contains("latency_ms"));
        QCOMPARE(str(r.json["usage_source"]), QStringLiteral("provider"));
        // Priced from the rate card: 1.0 per 1k input, 2.0 per 1k output.
        const double expected =
            (num(r.json["input_tokens"]) * 1.0 + num(r.json["output_tokens"]) * 2.0) / 1000.0;
        QVERIFY(qAbs(num(r.json["cost"]) - expected) < 1e-9);

        Json seen = m_mock.requests(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(int(seen.size()), 1);
        QCOMPARE(str(seen[0]["headers"]["authorization"]), QStringLiteral("Bearer mock-key"));
        // The system prompt comes first; the caller's messages follow.
        QCOMPARE(str(seen[0]["body"]["messages"][0]["role"]), QStringLiteral("system"));
        QCOMPARE(str(seen[0]["body"]["messages"][0]["content"]), QStringLiteral("You are terse."));
        QCOMPARE(str(seen[0]["body"]["messages"][1]["content"]), QStringLiteral("hello there"));
        QCOMPARE(num(seen[0]["body"]["max_completion_tokens"]), 1024.0);
    }

    void completionTakesAPrompt()
    {
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/gpt/completion"), Json{{"prompt", "complete me"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["content"]), QStringLiteral("echo: complete me"));
        TestResponse bad = asApp("POST", QStringLiteral("/api/v2/gpt/completion"), Json{{"prompt", 5}});
        QCOMPARE(bad.status, 400);
    }

    void badRequestsAreRefused()
    {
        QCOMPARE(asApp("POST", QStringLiteral("/api/v2/gpt/chat"), Json{{"messages", "hi"}}).status, 400);
        QCOMPARE(asApp("POST", QStringLiteral("/api/v2/gpt/chat"),
                       Json{{"messages", Json::array({Json{{"role", "wizard"}, {"content", "x"}}})}})
                     .status,
                 400);
        QCOMPARE(asApp("GET", QStringLiteral("/api/v2/gpt/chat")).status, 405);
        QCOMPARE(asApp("GET", QStringLiteral("/api/v2/gpt/nothing")).status, 404);
        QCOMPARE(asApp("GET", QStringLiteral("/api/v2/gpt/usage?period=1y")).status, 400);
        QCOMPARE(asApp("POST", QStringLiteral("/api/v2/gpt/chat"),
                       Json{{"messages", userMessages("x")}, {"stream", "yes"}})
                     .status,
                 400);
        QCOMPARE(asApp("POST", QStringLiteral("/api/v2/gpt/chat"),
                       Json{{"messages", userMessages("x")}, {"model", 4}})
                     .status,
                 400);
        QCOMPARE(
            asApp("POST", QStringLiteral("/api/v2/gpt/embeddings"), Json{{"input", Json::array()}}).status,
            400);
        // The drop-in answers bad input in OpenAI's error shape.
        const Headers bearer{{"Authorization", "Bearer " + m_key.toLatin1()}};
        for (const Json &body : {Json{{"messages", userMessages("x")}},
                                 Json{{"model", 7}, {"messages", userMessages("x")}}, Json::array({1, 2})}) {
            const TestResponse r =
                m_server->request("POST", QStringLiteral("/api/v2/_ai/v1/chat/completions"), body, bearer);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.json["error"].contains("type"), r.describe().constData());
        }
        QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/_ai/v1/chat/completions"), nullptr, bearer)
                     .status,
                 405);
        // No provider call for any of them.
        QCOMPARE(int(m_mock.requests().size()), 0);
    }

    void providerKeyIsNeverShown()
    {
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_gpt));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.body.contains(MockProvider::kApiKey));
        TestResponse bad = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource",
                  Json::array(
                      {Json{{"name", "broken"}, {"type", "ai"}, {"config", {{"provider", "nope"}}}}})}});
        QCOMPARE(bad.status, 400);
    }

    void streamIsRelayedChunkByChunk()
    {
        QVERIFY(m_mock.script(QStringLiteral("/v1/chat/completions"),
                              Json::array({Json{{"contentChunks", Json::array({"one ", "two ", "three"})},
                                                {"delayMs", 150}}})));
        const StreamResult r = stream(QStringLiteral("/api/v2/gpt/chat"),
                                      Json{{"messages", userMessages("count")},
                                           {"stream", true},
                                           {"stream_options", {{"include_usage", true}}}},
                                      "X-DreamFactory-API-Key", m_key.toLatin1());
        QCOMPARE(r.status, 200);
        const QList<QByteArray> data = sseData(r.body);
        QVERIFY2(data.size() >= 5, r.body.constData());
        QCOMPARE(data.last(), QByteArray("[DONE]"));
        Json first = parseJsonOrDiscarded(data.first());
        QCOMPARE(str(first["object"]), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(str(first["choices"][0]["delta"]["role"]), QStringLiteral("assistant"));
        QString text;
        QString finish;
        bool usageChunk = false;
        for (const QByteArray &payload : data.mid(0, data.size() - 1)) {
            Json chunk = parseJsonOrDiscarded(payload);
            QVERIFY2(!chunk.is_discarded(), payload.constData());
            if (chunk["choices"].empty()) {
                usageChunk = num(chunk["usage"]["completion_tokens"]) > 0;
                continue;
            }
            const Json &delta = chunk["choices"][0]["delta"];
            if (delta.contains("content") && delta["content"].is_string())
                text += str(delta["content"]);
            if (chunk["choices"][0].contains("finish_reason") &&
                chunk["choices"][0]["finish_reason"].is_string())
                finish = str(chunk["choices"][0]["finish_reason"]);
        }
        QCOMPARE(text, QStringLiteral("one two three"));
        QCOMPARE(finish, QStringLiteral("stop"));
        QVERIFY(usageChunk);
        // The client saw bytes while the provider was still producing (150 ms between pieces).
        QVERIFY2(r.readsBeforeLast >= 2, QByteArray::number(r.readsBeforeLast).constData());
    }

    void anthropicAndOllamaSpeakThroughTheSameEndpoint()
    {
        TestResponse r = asApp("POST", QStringLiteral("/api/v2/claude/chat"),
                               Json{{"messages", userMessages("hi claude")}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["content"]), QStringLiteral("echo: hi claude"));
        QCOMPARE(str(r.json["provider"]), QStringLiteral("anthropic"));
        Json seen = m_mock.requests(QStringLiteral("/anthropic/v1/messages"));
        QCOMPARE(int(seen.size()), 1);
        QCOMPARE(str(seen[0]["headers"]["x-api-key"]), QStringLiteral("mock-key"));

        r = asApp("POST", QStringLiteral("/api/v2/llama/chat"), Json{{"messages", userMessages("hi llama")}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["content"]), QStringLiteral("echo: hi llama"));

        const StreamResult s = stream(QStringLiteral("/api/v2/claude/chat"),
                                      Json{{"messages", userMessages("stream claude")}, {"stream", true}},
                                      "X-DreamFactory-API-Key", m_key.toLatin1());
        QCOMPARE(s.status, 200);
        QString text;
        for (const QByteArray &payload : sseData(s.body)) {
            Json chunk = parseJsonOrDiscarded(payload);
            if (chunk.is_object() && !chunk["choices"].empty() &&
                chunk["choices"][0]["delta"].contains("content") &&
                chunk["choices"][0]["delta"]["content"].is_string())
                text += str(chunk["choices"][0]["delta"]["content"]);
        }
        QCOMPARE(text, QStringLiteral("echo: stream claude"));
    }

    void toolCallsSurviveTheRoundTrip()
    {
        QVERIFY(m_mock.script(
            QStringLiteral("/anthropic/v1/messages"),
            Json::array({Json{
                {"toolCalls", Json::array({Json{{"name", "lookup"}, {"arguments", {{"id", 42}}}}})}}})));
        const Json tools = Json::array({Json{
            {"type", "function"},
            {"function",
             {{"name", "lookup"},
              {"description", "Find a record"},
              {"parameters", {{"type", "object"}, {"properties", {{"id", {{"type", "integer"}}}}}}}}}}});
        TestResponse r = asApp("POST", QStringLiteral("/api/v2/claude/chat"),
                               Json{{"messages", userMessages("find 42")}, {"tools", tools}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["finish_reason"]), QStringLiteral("tool_calls"));
        Json call = r.json["tool_calls"][0];
        QCOMPARE(str(call["function"]["name"]), QStringLiteral("lookup"));
        QCOMPARE(num(parseJsonOrDiscarded(str(call["function"]["arguments"]).toUtf8())["id"]), 42.0);
        const QString callId = str(call["id"]);
        QVERIFY(!callId.isEmpty());

        Json messages = userMessages("find 42");
        messages.push_back(
            Json{{"role", "assistant"}, {"content", nullptr}, {"tool_calls", r.json["tool_calls"]}});
        messages.push_back(
            Json{{"role", "tool"}, {"tool_call_id", callId.toStdString()}, {"content", "Ada"}});
        r = asApp("POST", QStringLiteral("/api/v2/claude/chat"),
                  Json{{"messages", messages}, {"tools", tools}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["content"]), QStringLiteral("tool result: Ada"));
        // Anthropic got a tool_use block and a tool_result block with the same id.
        Json seen = m_mock.requests(QStringLiteral("/anthropic/v1/messages"));
        QCOMPARE(int(seen.size()), 2);
        const QByteArray second = QByteArray::fromStdString(seen[1]["body"].dump());
        QVERIFY2(second.contains("\"tool_use\"") && second.contains("\"tool_result\"") &&
                     second.contains(callId.toUtf8()),
                 second.constData());
    }

    void transientFailuresRetryThenFallBack()
    {
        QVERIFY(m_mock.script(QStringLiteral("/xai/v1/chat/completions"),
                              Json::array({Json{{"status", 500}}, Json{{"status", 503}}})));
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/flaky/chat"), Json{{"messages", userMessages("anyone?")}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["content"]), QStringLiteral("echo: anyone?"));
        QCOMPARE(r.header("x-gatehouse-fallback"), QByteArray("backup"));
        QCOMPARE(str(r.json["model"]), QStringLiteral("gpt-4o")); // the fallback's own default
        QCOMPARE(int(m_mock.requests(QStringLiteral("/xai/v1/chat/completions")).size()), 2); // 1 + 1 retry
        QCOMPARE(int(m_mock.requests(QStringLiteral("/openai/v1/chat/completions")).size()), 1);

        // Every attempt has its own usage row: two errors on flaky, one success on backup.
        Json flaky = usageSummary(QStringLiteral("flaky"));
        QVERIFY2(flaky.is_object(), flaky.dump().c_str());
        QVERIFY2(num(flaky["totals"]["errors"]) >= 2, flaky.dump().c_str());
        Json backup = usageSummary(QStringLiteral("backup"));
        QVERIFY2(num(backup["totals"]["requests"]) >= 1, backup.dump().c_str());
    }

    void clientErrorsFailFast()
    {
        QVERIFY(m_mock.script(
            QStringLiteral("/xai/v1/chat/completions"),
            Json::array(
                {Json{{"status", 400},
                      {"body",
                       {{"error", {{"message", "bad temperature"}, {"type", "invalid_request_error"}}}}}}})));
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/flaky/chat"), Json{{"messages", userMessages("x")}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("bad temperature"), r.body.constData());
        QCOMPARE(int(m_mock.requests().size()), 1); // no retry, no fallback
    }

    void retryAfterIsHonoured()
    {
        QVERIFY(m_mock.script(QStringLiteral("/v1/chat/completions"),
                              Json::array({Json{{"status", 429}, {"headers", {{"Retry-After", "1"}}}}})));
        QElapsedTimer timer;
        timer.start();
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/gpt/chat"), Json{{"messages", userMessages("x")}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(int(m_mock.requests(QStringLiteral("/v1/chat/completions")).size()), 2);
    }

    void providerRefusingOurKeyIsABadGateway()
    {
        QVERIFY(m_mock.script(QStringLiteral("/v1/chat/completions"), Json::array({Json{{"status", 401}}})));
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/gpt/chat"), Json{{"messages", userMessages("x")}});
        QCOMPARE(r.status, 502);
        QVERIFY(!r.body.contains(MockProvider::kApiKey));
    }

    void disallowedModelsAndRolesAreRefused()
    {
        TestResponse r = asApp("POST", QStringLiteral("/api/v2/limited/chat"),
                               Json{{"messages", userMessages("x")}, {"model", "gpt-4o"}});
        QCOMPARE(r.status, 403);
        QCOMPARE(int(m_mock.requests().size()), 0);
        // The role has no access rule for `backup`.
        QCOMPARE(asApp("POST", QStringLiteral("/api/v2/backup/chat"), Json{{"messages", userMessages("x")}})
                     .status,
                 403);
    }

    void rpmLimitAnswersBeforeTheProvider()
    {
        for (int i = 0; i < 2; ++i)
            QCOMPARE(
                asApp("POST", QStringLiteral("/api/v2/limited/chat"), Json{{"messages", userMessages("x")}})
                    .status,
                200);
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/limited/chat"), Json{{"messages", userMessages("x")}});
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("retry-after").toInt() > 0);
        QCOMPARE(int(m_mock.requests().size()), 2);
    }

    void dropInSpeaksOpenAi()
    {
        TestResponse alias = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/ai_alias"),
            Json{{"resource",
                  Json::array({Json{{"alias", "fast"}, {"service_id", m_gpt}, {"model", "gpt-4o-mini"}}})}});
        QVERIFY2(alias.status == 200 || alias.status == 201, alias.describe().constData());
        const Headers bearer{{"Authorization", "Bearer " + m_key.toLatin1()}};
        TestResponse r = m_server->request(
            "POST", QStringLiteral("/api/v2/_ai/v1/chat/completions"),
            Json{{"model", "fast"}, {"messages", userMessages("drop in")}, {"seed", 7}}, bearer);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["object"]), QStringLiteral("chat.completion"));
        QCOMPARE(str(r.json["choices"][0]["message"]["content"]), QStringLiteral("echo: drop in"));
        Json seen = m_mock.requests(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(num(seen.back()["body"]["seed"]), 7.0); // fields pass through

        r = m_server->request("POST", QStringLiteral("/api/v2/_ai/v1/chat/completions"),
                              Json{{"model", "nope"}, {"messages", userMessages("x")}}, bearer);
        QCOMPARE(r.status, 404);
        QCOMPARE(str(r.json["error"]["code"]), QStringLiteral("model_not_found"));

        r = m_server->request("GET", QStringLiteral("/api/v2/_ai/v1/models"), nullptr, bearer);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["data"][0]["id"]), QStringLiteral("fast"));

        r = m_server->request("POST", QStringLiteral("/api/v2/_ai/v1/embeddings"),
                              Json{{"model", "fast"}, {"input", "vector"}}, bearer);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["data"][0]["embedding"].size() > 0);

        // No credentials: refused by the gate as anywhere else (DreamFactory answers 400 here).
        r = m_server->request("GET", QStringLiteral("/api/v2/_ai/v1/models"));
        QVERIFY2(r.status == 400, r.describe().constData());
        // A wrong key: 401.
        r = m_server->request("GET", QStringLiteral("/api/v2/_ai/v1/models"), nullptr,
                              {{"Authorization", "Bearer 0123abcd"}});
        QVERIFY2(r.status == 401, r.describe().constData());
    }

    void hardBudgetStopsBeforeTheProvider()
    {
        TestResponse budget = m_server->admin("POST", QStringLiteral("/api/v2/system/ai_budget"),
                                              Json{{"resource", Json::array({Json{{"name", "tiny"},
                                                                                  {"dimension", "service"},
                                                                                  {"target_id", m_gpt},
                                                                                  {"period", "daily"},
                                                                                  {"limit_amount", 0.000001},
                                                                                  {"hard_stop", true}}})}});
        QVERIFY2(budget.status == 200 || budget.status == 201, budget.describe().constData());
        TestResponse r =
            asApp("POST", QStringLiteral("/api/v2/gpt/chat"), Json{{"messages", userMessages("x")}});
        QCOMPARE(r.status, 429);
        QCOMPARE(int(m_mock.requests().size()), 0);
        const qint64 id = qint64(num(budget.json["resource"][0]["id"]));
        QCOMPARE(m_server->admin("DELETE", QStringLiteral("/api/v2/system/ai_budget/%1").arg(id)).status,
                 200);
    }

    void personalDataIsRedactedUpstreamAndInThePromptLog()
    {
        const char *secretText = "mail bob@example.com, ssn 123-45-6789, ticket ACME-4242";
        TestResponse r = asApp("POST", QStringLiteral("/api/v2/private/chat"),
                               Json{{"messages", userMessages(secretText)}});
        QVERIFY2(r.status == 200, r.describe().constData());
        Json seen = m_mock.requests(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(int(seen.size()), 1);
        const QByteArray sent = QByteArray::fromStdString(seen[0]["body"].dump());
        for (const char *value : {"bob@example.com", "123-45-6789", "ACME-4242"})
            QVERIFY2(!sent.contains(value), sent.constData());
        QVERIFY2(sent.contains("[EMAIL]") && sent.contains("[REDACTED]"), sent.constData());

        bool flushed = false;
        QEventLoop loop;
        m_server->engine().aiPromptLog()->flush([&](bool ok) {
            flushed = ok;
            loop.quit();
        });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY(flushed);
        QByteArray stored;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prompt-log-check"));
            db.setDatabaseName(m_server->dataDir() + QStringLiteral("/system.db"));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(
                query.exec(QStringLiteral("SELECT prompt, response FROM ai_prompt_log WHERE service_id = %1")
                               .arg(m_private)));
            while (query.next())
                stored += query.value(0).toString().toUtf8() + query.value(1).toString().toUtf8();
            // Connections without prompt_log keep no prompts at all (gpt answered earlier tests).
            QVERIFY(query.exec(
                QStringLiteral("SELECT COUNT(*) FROM ai_prompt_log WHERE service_id = %1").arg(m_gpt)));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("prompt-log-check"));
        QVERIFY2(stored.contains("[EMAIL]"), stored.constData());
        for (const char *value : {"bob@example.com", "123-45-6789", "ACME-4242"})
            QVERIFY2(!stored.contains(value), stored.constData());
        QVERIFY(!stored.isEmpty());
    }

    void clientDisconnectAbortsTheProviderCall()
    {
        QVERIFY(m_mock.script(QStringLiteral("/v1/chat/completions"),
                              Json::array({Json{{"chunks", 20}, {"streamMs", 4000}}})));
        const StreamResult r =
            stream(QStringLiteral("/api/v2/gpt/chat"),
                   Json{{"messages", userMessages("a long answer please")}, {"stream", true}},
                   "X-DreamFactory-API-Key", m_key.toLatin1(), 2);
        QVERIFY(!r.body.contains("[DONE]"));
        // The gateway closes its upstream connection: the mock has nothing in flight.
        QElapsedTimer timer;
        timer.start();
        int active = -1;
        while (timer.elapsed() < 3000) {
            active = int(num(m_mock.control("GET", QStringLiteral("/__mock/stats"))["active"]));
            if (active == 0)
                break;
            wait(50);
        }
        QCOMPARE(active, 0);
    }
};

GATEHOUSE_TEST_MAIN(TestAiGateway)

#include "tst_aigateway.moc"
