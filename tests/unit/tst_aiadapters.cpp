// The AI provider adapters without a network: AiConnection validation, request and response
// translation for OpenAI/xAI/compatible servers, Anthropic and Ollama, stream translation fed at
// every split position, and upstream error classification.
#include "tst_aiadapters.h"

#include <QRandomGenerator>
#include <QTest>

#include "core/ApiError.h"
#include "services/ai/AdapterSupport.h"
#include "services/ai/AiConnection.h"
#include "services/ai/AnthropicAdapter.h"
#include "services/ai/NdjsonDecoder.h"
#include "services/ai/OllamaAdapter.h"
#include "services/ai/OpenAiAdapter.h"
#include "services/ai/ProviderAdapter.h"
#include "services/ai/SseDecoder.h"

using namespace gatehouse;

namespace {
Json parse(const char *text)
{
    Json j = parseJsonOrDiscarded(QByteArray(text));
    if (j.is_discarded())
        qFatal("bad JSON in test: %s", text);
    return j;
}

QByteArray header(const HttpClientRequest &r, const QByteArray &name)
{
    QByteArray value;
    int count = 0;
    for (const auto &h : r.headers) {
        if (h.first.toLower() == name) {
            value = h.second;
            ++count;
        }
    }
    if (count > 1)
        return "<duplicate>";
    return value;
}

AiConnection connection(const char *config)
{
    return AiConnection::fromConfig(parse(config));
}

Json bodyOf(const HttpClientRequest &r)
{
    return parseJsonOrDiscarded(r.body);
}

// The ways a body can be cut: whole, one byte at a time, and seeded random splits.
QList<QList<QByteArray>> splits(const QByteArray &body)
{
    QList<QList<QByteArray>> out;
    out << QList<QByteArray>{body};
    QList<QByteArray> bytes;
    for (char c : body)
        bytes << QByteArray(1, c);
    out << bytes;
    // Every two-piece split: the byte boundary lands everywhere once.
    for (qsizetype i = 1; i < body.size(); ++i)
        out << QList<QByteArray>{body.left(i), body.mid(i)};
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QRandomGenerator rng(seed);
        QList<QByteArray> pieces;
        qsizetype at = 0;
        while (at < body.size()) {
            const qsizetype n = 1 + rng.bounded(qMax<int>(1, int(body.size() / 4)));
            pieces << body.mid(at, n);
            at += n;
        }
        out << pieces;
    }
    return out;
}

struct StreamResult
{
    std::vector<Json> chunks;
    bool complete = false;
    bool hasError = false;
    ProviderError error;
    AiUsage usage;
    QString finishReason;
    QString text;

    QByteArray dump(bool dropIds) const
    {
        Json all = Json::array();
        for (Json c : chunks) {
            if (dropIds)
                c.erase("id");
            c.erase("created"); // the clock may tick between two runs (Anthropic chunks use the time)
            all.push_back(c);
        }
        return dumpJson(all);
    }
};

StreamResult run(const ProviderAdapter &adapter, const QList<QByteArray> &pieces,
                 const QString &model = QStringLiteral("m"))
{
    StreamResult r;
    auto translator = adapter.streamTranslator(model);
    for (const QByteArray &piece : pieces)
        translator->feed(piece, r.chunks);
    translator->finish(r.chunks);
    r.complete = translator->isComplete();
    r.hasError = translator->hasError();
    r.error = translator->error();
    r.usage = translator->usage();
    r.finishReason = translator->finishReason();
    r.text = translator->text();
    return r;
}

// Feeds `body` cut every possible way; all cuts must give the same chunks. Returns the result.
StreamResult runAllSplits(const ProviderAdapter &adapter, const QByteArray &body, bool dropIds = false)
{
    const StreamResult whole = run(adapter, {body});
    const QByteArray expected = whole.dump(dropIds);
    for (const QList<QByteArray> &pieces : splits(body)) {
        const StreamResult r = run(adapter, pieces);
        if (r.dump(dropIds) != expected || r.complete != whole.complete || r.hasError != whole.hasError ||
            r.usage.inputTokens != whole.usage.inputTokens ||
            r.usage.outputTokens != whole.usage.outputTokens || r.finishReason != whole.finishReason ||
            r.text != whole.text) {
            qWarning() << "split into" << pieces.size() << "pieces differs:" << r.dump(dropIds);
            qWarning() << "expected:" << expected;
            return StreamResult{};
        }
    }
    return whole;
}

// Every chunk has the OpenAI envelope; the first is the role chunk; ids are all the same.
bool wellFormed(const std::vector<Json> &chunks)
{
    if (chunks.empty())
        return false;
    const Json first = chunks.front()["choices"][0]["delta"];
    if (first.value("role", Json()) != "assistant" || first.value("content", Json()) != "" ||
        first.contains("tool_calls"))
        return false;
    for (const Json &c : chunks) {
        if (c.value("object", Json()) != "chat.completion.chunk" || !c["id"].is_string() ||
            c["id"] != chunks.front()["id"] || !c["created"].is_number() || !c["model"].is_string() ||
            !c["choices"].is_array() || c["choices"].empty() || c.contains("usage")) {
            qWarning() << "malformed chunk" << c.dump().c_str();
            return false;
        }
    }
    return true;
}

// Joins tool-call deltas the way an OpenAI client does: by index.
Json assembleToolCalls(const std::vector<Json> &chunks)
{
    Json calls = Json::array();
    for (const Json &c : chunks) {
        const Json &delta = c["choices"][0]["delta"];
        if (!delta.contains("tool_calls"))
            continue;
        for (const Json &tc : delta["tool_calls"]) {
            const size_t index = tc["index"].get<size_t>();
            while (calls.size() <= index)
                calls.push_back(Json{{"id", ""}, {"name", ""}, {"arguments", ""}});
            if (tc.contains("id"))
                calls[index]["id"] = tc["id"];
            if (tc.contains("function") && tc["function"].contains("name"))
                calls[index]["name"] = tc["function"]["name"];
            if (tc.contains("function") && tc["function"].contains("arguments"))
                calls[index]["arguments"] = calls[index]["arguments"].get<std::string>() +
                                            tc["function"]["arguments"].get<std::string>();
        }
    }
    return calls;
}

HttpClientResponseHead head(std::initializer_list<QPair<QByteArray, QByteArray>> headers)
{
    HttpClientResponseHead h;
    for (const auto &p : headers)
        h.headers.append(p);
    return h;
}

const char *kOpenAiConfig = R"({"provider":"openai","api_key":"sk-test-123456789012345678901234"})";
const char *kAnthropicConfig =
    R"({"provider":"anthropic","api_key":"sk-ant-test","default_model":"claude-sonnet-4-5"})";
const char *kOllamaConfig = R"({"provider":"ollama"})";
} // namespace

void TestAiAdapters::sseDecoder_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected"); // events as "event|data" joined by "\n---\n"

    QTest::newRow("lf") << QByteArray("data: a\n\ndata: b\n\n") << QByteArray("|a\n---\n|b");
    QTest::newRow("crlf") << QByteArray("event: x\r\ndata: a\r\n\r\ndata: b\r\n\r\n")
                          << QByteArray("x|a\n---\n|b");
    QTest::newRow("cr only") << QByteArray("data: a\r\rdata: b\r\r") << QByteArray("|a\n---\n|b");
    QTest::newRow("multi-line data") << QByteArray("data: one\ndata: two\ndata:three\n\n")
                                     << QByteArray("|one\ntwo\nthree");
    QTest::newRow("comments and unknown fields")
        << QByteArray(": keep-alive\n\nretry: 100\nfoo: bar\ndata: a\n: inside\n\n") << QByteArray("|a");
    QTest::newRow("final event without blank line")
        << QByteArray("data: a\n\ndata: [DONE]") << QByteArray("|a\n---\n|[DONE]");
    QTest::newRow("final event with one newline") << QByteArray("data: a\n") << QByteArray("|a");
    QTest::newRow("event without data is dropped")
        << QByteArray("event: ping\n\ndata: a\n\n") << QByteArray("|a");
    QTest::newRow("no space after colon, colon in value")
        << QByteArray("data:{\"a\":\"b: c\"}\n\n") << QByteArray("|{\"a\":\"b: c\"}");
    QTest::newRow("utf-8 split inside a character") << QByteArray("data: h\xc3\xa9llo \xf0\x9f\x98\x80\n\n")
                                                    << QByteArray("|h\xc3\xa9llo \xf0\x9f\x98\x80");
}

void TestAiAdapters::sseDecoder()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    for (const QList<QByteArray> &pieces : splits(body)) {
        SseDecoder decoder;
        std::vector<SseEvent> events;
        for (const QByteArray &piece : pieces)
            decoder.feed(piece, events);
        decoder.finish(events);
        QList<QByteArray> got;
        for (const SseEvent &e : events)
            got << e.event + '|' + e.data;
        QCOMPARE(got.join("\n---\n"), expected);
    }
}

void TestAiAdapters::ndjsonDecoder()
{
    const QByteArray body = "{\"a\":1}\n\r\n{\"b\":2}\r\n   \n{\"c\":3}";
    for (const QList<QByteArray> &pieces : splits(body)) {
        NdjsonDecoder decoder;
        std::vector<QByteArray> lines;
        for (const QByteArray &piece : pieces)
            decoder.feed(piece, lines);
        decoder.finish(lines);
        QCOMPARE(QList<QByteArray>(lines.begin(), lines.end()),
                 (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"}));
    }
}

void TestAiAdapters::connectionDefaults()
{
    const AiConnection openai = connection(kOpenAiConfig);
    QCOMPARE(openai.provider, QStringLiteral("openai"));
    QCOMPARE(openai.baseUrl.toString(), QStringLiteral("https://api.openai.com/v1"));
    QCOMPARE(openai.maxTokens, 1024);
    QCOMPARE(openai.temperature, 0.7);
    QCOMPARE(openai.timeoutSeconds, 30);
    QCOMPARE(openai.rpmPerUser, 0);
    QVERIFY(!openai.promptLog);
    QVERIFY(!openai.redactUpstream);
    QCOMPARE(connection(kAnthropicConfig).baseUrl.toString(), QStringLiteral("https://api.anthropic.com/v1"));
    QCOMPARE(connection(R"({"provider":"xai","api_key":"xai-k"})").baseUrl.toString(),
             QStringLiteral("https://api.x.ai/v1"));
    QCOMPARE(connection(kOllamaConfig).baseUrl.toString(), QStringLiteral("http://127.0.0.1:11434"));
    const AiConnection compatible =
        connection(R"({"provider":"openai_compatible","base_url":"http://vllm.local:8000/v1/"})");
    QCOMPARE(compatible.baseUrl.toString(), QStringLiteral("http://vllm.local:8000/v1"));
    QVERIFY(compatible.apiKey.isEmpty());
    QCOMPARE(AiConnection::providers().size(), 5);
    QCOMPARE(AiConnection::defaultBaseUrl(QStringLiteral("openai_compatible")), QString());
}

void TestAiAdapters::connectionAliasesAndLists()
{
    const AiConnection c = connection(R"({
        "provider":"OpenAI", "api_key":"sk-x", "model":"gpt-4o-mini", "timeout_seconds":"45",
        "organization_id":"org-1", "rpm_per_user":60, "max_tokens":"2048", "temperature":0,
        "allowed_models":"gpt-4o, gpt-4o-mini ,", "allowed_roles":["analyst"," ops "],
        "extra_headers":{"OpenAI-Project":"proj_1"}, "extra_body":{"service_tier":"flex"},
        "rate_sheet":{"gpt-4o":{"input_per_1k":0.0025,"output_per_1k":0.01,"cached_input_per_1k":0.00125}},
        "input_price_per_1k":0.001, "output_price_per_1k":0.002, "monthly_budget":"100",
        "fallback_service_ids":[7,"8",7], "prompt_log":true, "redact_upstream":"true",
        "redact_patterns":["ACME-\\d+","(?i)secret"], "data_access_api_key":"dak", "system_prompt":"  Be brief.  "
    })");
    QCOMPARE(c.provider, QStringLiteral("openai"));
    QCOMPARE(c.defaultModel, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(c.timeoutSeconds, 45);
    QCOMPARE(c.organization, QStringLiteral("org-1"));
    QCOMPARE(c.rpmPerUser, 60);
    QCOMPARE(c.maxTokens, 2048);
    QCOMPARE(c.temperature, 0.0);
    QCOMPARE(c.allowedModels, (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")}));
    QCOMPARE(c.allowedRoles, (QStringList{QStringLiteral("analyst"), QStringLiteral("ops")}));
    QCOMPARE(c.extraHeaders.size(), 1);
    QCOMPARE(c.extraHeaders[0].first, QByteArray("openai-project"));
    QCOMPARE(c.extraBody.dump(), std::string(R"({"service_tier":"flex"})"));
    QCOMPARE(c.monthlyBudget, 100.0);
    QCOMPARE(c.fallbackServiceIds, (QList<qint64>{7, 8}));
    QVERIFY(c.promptLog);
    QVERIFY(c.redactUpstream);
    QCOMPARE(c.redactPatterns.size(), 2);
    QCOMPARE(c.dataAccessApiKey, QStringLiteral("dak"));
    QCOMPARE(c.systemPrompt, QStringLiteral("  Be brief.  "));
    QCOMPARE(c.defaultPrice.inputPer1k, 0.001);
    QCOMPARE(c.defaultPrice.cachedInputPer1k, -1.0);
    QCOMPARE(c.rateSheet.value(QStringLiteral("gpt-4o")).cachedInputPer1k, 0.00125);
    // null values are absent values
    QCOMPARE(connection(R"({"provider":"ollama","max_tokens":null,"base_url":null})").maxTokens, 1024);
}

void TestAiAdapters::connectionInvalid_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("fieldBytes");
    QTest::newRow("no provider") << QByteArray("{}") << QByteArray("provider");
    QTest::newRow("unknown provider") << QByteArray(R"({"provider":"gemini"})") << QByteArray("provider");
    QTest::newRow("provider not a string") << QByteArray(R"({"provider":1})") << QByteArray("provider");
    QTest::newRow("config not an object") << QByteArray(R"([1])") << QByteArray("config");
    QTest::newRow("missing key") << QByteArray(R"({"provider":"openai"})") << QByteArray("api_key");
    QTest::newRow("compatible without base_url")
        << QByteArray(R"({"provider":"openai_compatible"})") << QByteArray("base_url");
    QTest::newRow("ftp base_url") << QByteArray(R"({"provider":"ollama","base_url":"ftp://x/"})")
                                  << QByteArray("base_url");
    QTest::newRow("base_url without host")
        << QByteArray(R"({"provider":"ollama","base_url":"http:///v1"})") << QByteArray("base_url");
    QTest::newRow("base_url not a URL")
        << QByteArray(R"({"provider":"ollama","base_url":"localhost"})") << QByteArray("base_url");
    QTest::newRow("base_url with credentials")
        << QByteArray(R"({"provider":"ollama","base_url":"http://u:p@host/"})") << QByteArray("base_url");
    QTest::newRow("max_tokens 0") << QByteArray(R"({"provider":"ollama","max_tokens":0})")
                                  << QByteArray("max_tokens");
    QTest::newRow("max_tokens fraction")
        << QByteArray(R"({"provider":"ollama","max_tokens":1.5})") << QByteArray("max_tokens");
    QTest::newRow("max_tokens text") << QByteArray(R"({"provider":"ollama","max_tokens":"many"})")
                                     << QByteArray("max_tokens");
    QTest::newRow("temperature 2.5") << QByteArray(R"({"provider":"ollama","temperature":2.5})")
                                     << QByteArray("temperature");
    QTest::newRow("temperature negative")
        << QByteArray(R"({"provider":"ollama","temperature":-0.1})") << QByteArray("temperature");
    QTest::newRow("timeout 0") << QByteArray(R"({"provider":"ollama","timeout":0})") << QByteArray("timeout");
    QTest::newRow("timeout_seconds alias")
        << QByteArray(R"({"provider":"ollama","timeout_seconds":-3})") << QByteArray("timeout_seconds");
    QTest::newRow("rpm negative") << QByteArray(R"({"provider":"ollama","rpm_limit":-1})")
                                  << QByteArray("rpm_limit");
    QTest::newRow("allowed_models object")
        << QByteArray(R"({"provider":"ollama","allowed_models":{}})") << QByteArray("allowed_models");
    QTest::newRow("allowed_roles numbers")
        << QByteArray(R"({"provider":"ollama","allowed_roles":[1]})") << QByteArray("allowed_roles");
    QTest::newRow("extra_headers array")
        << QByteArray(R"({"provider":"ollama","extra_headers":[]})") << QByteArray("extra_headers");
    QTest::newRow("extra_headers authorization")
        << QByteArray(R"({"provider":"ollama","extra_headers":{"Authorization":"Bearer x"}})")
        << QByteArray("extra_headers.Authorization");
    for (const char *name : {"host", "content-length", "x-api-key", "transfer-encoding", "connection"})
        QTest::newRow(name) << QByteArray(R"({"provider":"ollama","extra_headers":{")") + name + R"(":"v"}})"
                            << QByteArray("extra_headers.") + name;
    QTest::newRow("extra_headers number") << QByteArray(R"({"provider":"ollama","extra_headers":{"x-a":1}})")
                                          << QByteArray("extra_headers.x-a");
    QTest::newRow("extra_headers bad name")
        << QByteArray(R"({"provider":"ollama","extra_headers":{"a b":"v"}})")
        << QByteArray("extra_headers.a b");
    QTest::newRow("extra_headers CRLF")
        << QByteArray(R"({"provider":"ollama","extra_headers":{"x-a":"v\r\nx-b: 1"}})")
        << QByteArray("extra_headers.x-a");
    QTest::newRow("extra_body string")
        << QByteArray(R"({"provider":"ollama","extra_body":"x"})") << QByteArray("extra_body");
    QTest::newRow("extra_body model") << QByteArray(R"({"provider":"ollama","extra_body":{"model":"x"}})")
                                      << QByteArray("extra_body.model");
    QTest::newRow("rate_sheet array")
        << QByteArray(R"({"provider":"ollama","rate_sheet":[]})") << QByteArray("rate_sheet");
    QTest::newRow("rate_sheet negative")
        << QByteArray(R"({"provider":"ollama","rate_sheet":{"m":{"input_per_1k":-1}}})")
        << QByteArray("rate_sheet.m.input_per_1k");
    QTest::newRow("rate_sheet entry not object")
        << QByteArray(R"({"provider":"ollama","rate_sheet":{"m":1}})") << QByteArray("rate_sheet.m");
    QTest::newRow("input price negative")
        << QByteArray(R"({"provider":"ollama","input_price_per_1k":-1})") << QByteArray("input_price_per_1k");
    QTest::newRow("output price text") << QByteArray(R"({"provider":"ollama","output_price_per_1k":"x"})")
                                       << QByteArray("output_price_per_1k");
    QTest::newRow("cached price negative")
        << QByteArray(R"({"provider":"ollama","cached_input_price_per_1k":-2})")
        << QByteArray("cached_input_price_per_1k");
    QTest::newRow("budget negative") << QByteArray(R"({"provider":"ollama","monthly_budget":-5})")
                                     << QByteArray("monthly_budget");
    QTest::newRow("fallbacks not array") << QByteArray(R"({"provider":"ollama","fallback_service_ids":3})")
                                         << QByteArray("fallback_service_ids");
    QTest::newRow("fallbacks zero") << QByteArray(R"({"provider":"ollama","fallback_service_ids":[0]})")
                                    << QByteArray("fallback_service_ids");
    QTest::newRow("prompt_log text") << QByteArray(R"({"provider":"ollama","prompt_log":"yes"})")
                                     << QByteArray("prompt_log");
    QTest::newRow("redact_upstream object")
        << QByteArray(R"({"provider":"ollama","redact_upstream":{}})") << QByteArray("redact_upstream");
    QTest::newRow("redact_patterns invalid")
        << QByteArray(R"({"provider":"ollama","redact_patterns":["ok","(unclosed"]})")
        << QByteArray("redact_patterns[1]");
    QTest::newRow("redact_patterns not strings")
        << QByteArray(R"({"provider":"ollama","redact_patterns":[1]})") << QByteArray("redact_patterns");
    QTest::newRow("system_prompt number")
        << QByteArray(R"({"provider":"ollama","system_prompt":5})") << QByteArray("system_prompt");
    QTest::newRow("unknown option") << QByteArray(R"({"provider":"ollama","max_age":5})")
                                    << QByteArray("max_age");
}

void TestAiAdapters::connectionInvalid()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, fieldBytes);
    const QString field = QString::fromUtf8(fieldBytes);
    try {
        AiConnection::fromConfig(parseJsonOrDiscarded(config));
        QFAIL("no error");
    } catch (const ApiError &e) {
        QCOMPARE(e.status(), 400);
        QVERIFY2(e.message().contains(field + QLatin1Char(' ')), qPrintable(e.message()));
    }
}

void TestAiAdapters::prices()
{
    const AiConnection c = connection(R"({"provider":"openai","api_key":"k",
        "input_price_per_1k":1,"output_price_per_1k":2,"cached_input_price_per_1k":0.5,
        "rate_sheet":{"gpt-4o":{"input_per_1k":3,"output_per_1k":4},
                      "gpt-4o*":{"input_per_1k":5,"output_per_1k":6},
                      "gpt-4o-mini*":{"input_per_1k":7,"output_per_1k":8,"cached_input_per_1k":0.1}}})");
    QCOMPARE(c.priceFor(QStringLiteral("gpt-4o")).inputPer1k, 3.0);            // exact beats pattern
    QCOMPARE(c.priceFor(QStringLiteral("gpt-4o")).cachedInputPer1k, -1.0);     // not set: same as input
    QCOMPARE(c.priceFor(QStringLiteral("gpt-4o-2024-08-06")).inputPer1k, 5.0); // prefix pattern
    QCOMPARE(c.priceFor(QStringLiteral("gpt-4o-mini-2024")).outputPer1k, 8.0); // longest pattern wins
    QCOMPARE(c.priceFor(QStringLiteral("gpt-4o-mini-2024")).cachedInputPer1k, 0.1);
    const AiPrice fallback = c.priceFor(QStringLiteral("o3"));
    QCOMPARE(fallback.inputPer1k, 1.0);
    QCOMPARE(fallback.outputPer1k, 2.0);
    QCOMPARE(fallback.cachedInputPer1k, 0.5);
}

void TestAiAdapters::allowedModels()
{
    const AiConnection any = connection(kOllamaConfig);
    QVERIFY(any.allowsModel(QStringLiteral("llama3.2")));
    const AiConnection some = connection(R"({"provider":"ollama","allowed_models":["llama3.2","qwen*"]})");
    QVERIFY(some.allowsModel(QStringLiteral("llama3.2")));
    QVERIFY(some.allowsModel(QStringLiteral("qwen2.5:7b")));
    QVERIFY(!some.allowsModel(QStringLiteral("llama3.2:70b")));
    QVERIFY(!some.allowsModel(QStringLiteral("mistral")));
}

void TestAiAdapters::openAiRequest_data()
{
    QTest::addColumn<QByteArray>("providerBytes");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("expected"); // the upstream body

    const QByteArray basic =
        R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":50,"temperature":0.7})";
    QTest::newRow("openai: max_tokens → max_completion_tokens")
        << QByteArray("openai") << basic
        << QByteArray(
               R"({"max_completion_tokens":50,"messages":[{"content":"Hi","role":"user"}],"model":"gpt-4o","temperature":0.7})");
    QTest::newRow("openai: existing max_completion_tokens wins")
        << QByteArray("openai")
        << QByteArray(R"({"model":"gpt-4o","messages":[],"max_tokens":50,"max_completion_tokens":9})")
        << QByteArray(R"({"max_completion_tokens":9,"messages":[],"model":"gpt-4o"})");
    QTest::newRow("openai: reasoning model drops sampling")
        << QByteArray("openai")
        << QByteArray(
               R"({"model":"o3-mini","messages":[],"max_tokens":50,"temperature":0.7,"top_p":1,"reasoning_effort":"low"})")
        << QByteArray(
               R"({"max_completion_tokens":50,"messages":[],"model":"o3-mini","reasoning_effort":"low"})");
    QTest::newRow("openai: gpt-5 is a reasoning model")
        << QByteArray("openai") << QByteArray(R"({"model":"gpt-5-mini","messages":[],"temperature":0.2})")
        << QByteArray(R"({"messages":[],"model":"gpt-5-mini"})");
    QTest::newRow("openai: gpt-5-chat is not")
        << QByteArray("openai")
        << QByteArray(R"({"model":"gpt-5-chat-latest","messages":[],"temperature":0.2})")
        << QByteArray(R"({"messages":[],"model":"gpt-5-chat-latest","temperature":0.2})");
    QTest::newRow("openai: stream asks for usage, keeps other stream_options")
        << QByteArray("openai")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[],"stream":true,"stream_options":{"include_obfuscation":false}})")
        << QByteArray(
               R"({"messages":[],"model":"gpt-4o","stream":true,"stream_options":{"include_obfuscation":false,"include_usage":true}})");
    QTest::newRow("openai: stream_options without stream is dropped")
        << QByteArray("openai")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[],"stream":false,"stream_options":{"include_usage":true}})")
        << QByteArray(R"({"messages":[],"model":"gpt-4o","stream":false})");
    QTest::newRow("openai: tools and the rest pass through")
        << QByteArray("openai")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"ok"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":"required","response_format":{"type":"json_object"},"seed":3,"stop":["x"]})")
        << QByteArray(
               R"({"messages":[{"content":null,"role":"assistant","tool_calls":[{"function":{"arguments":"{}","name":"f"},"id":"call_1","type":"function"}]},{"content":"ok","role":"tool","tool_call_id":"call_1"}],"model":"gpt-4o","response_format":{"type":"json_object"},"seed":3,"stop":["x"],"tool_choice":"required","tools":[{"function":{"name":"f","parameters":{"type":"object"}},"type":"function"}]})");
    QTest::newRow("xai: max_completion_tokens, sampling kept")
        << QByteArray("xai")
        << QByteArray(R"({"model":"grok-4","messages":[],"max_tokens":50,"temperature":0.7})")
        << QByteArray(R"({"max_completion_tokens":50,"messages":[],"model":"grok-4","temperature":0.7})");
    QTest::newRow("compatible: max_tokens kept")
        << QByteArray("openai_compatible") << basic
        << QByteArray(
               R"({"max_tokens":50,"messages":[{"content":"Hi","role":"user"}],"model":"gpt-4o","temperature":0.7})");
    QTest::newRow("compatible: OpenAI reasoning model behind a proxy")
        << QByteArray("openai_compatible")
        << QByteArray(R"({"model":"o4-mini","messages":[],"max_tokens":5,"temperature":1})")
        << QByteArray(R"({"max_completion_tokens":5,"messages":[],"model":"o4-mini"})");
}

void TestAiAdapters::openAiRequest()
{
    QFETCH(QByteArray, providerBytes);
    const QString provider = QString::fromUtf8(providerBytes);
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, expected);
    const AiConnection c = AiConnection::fromConfig(
        Json{{"provider", provider.toStdString()}, {"api_key", "k"}, {"base_url", "http://up.local/v1"}});
    const HttpClientRequest r =
        ProviderAdapter::forProvider(provider).chatRequest(c, parse(request.constData()));
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.url.toString(), QStringLiteral("http://up.local/v1/chat/completions"));
    QCOMPARE(QByteArray::fromStdString(bodyOf(r).dump()), expected);
}

void TestAiAdapters::openAiHeadersAndExtras()
{
    const AiConnection c =
        connection(R"({"provider":"openai","api_key":"sk-abc","organization":"org-9","timeout":12,
        "extra_headers":{"OpenAI-Project":"proj_1","Accept":"application/x-custom"},
        "extra_body":{"service_tier":"flex","metadata":{"team":"a"}}})");
    const HttpClientRequest r =
        ProviderAdapter::forProvider(QStringLiteral("openai"))
            .chatRequest(
                c,
                parse(R"({"model":"gpt-4o","messages":[],"service_tier":"auto","metadata":{"user":"u"}})"));
    QCOMPARE(r.url.toString(), QStringLiteral("https://api.openai.com/v1/chat/completions"));
    QCOMPARE(header(r, "authorization"), QByteArray("Bearer sk-abc"));
    QCOMPARE(header(r, "openai-organization"), QByteArray("org-9"));
    QCOMPARE(header(r, "openai-project"), QByteArray("proj_1"));
    QCOMPARE(header(r, "accept"), QByteArray("application/x-custom")); // extra replaces ours, no duplicate
    QCOMPARE(header(r, "content-type"), QByteArray("application/json"));
    QCOMPARE(r.headTimeoutMs, 12000);
    const Json body = bodyOf(r);
    QCOMPARE(body["service_tier"].get<std::string>(), std::string("flex")); // the administrator's value wins
    QCOMPARE(body["metadata"].dump(), std::string(R"({"team":"a","user":"u"})"));

    // No key (a local compatible server): no Authorization header at all; no organization for xAI.
    const AiConnection local = connection(
        R"({"provider":"openai_compatible","base_url":"http://127.0.0.1:1234/v1","organization":"o"})");
    const HttpClientRequest lr = ProviderAdapter::forProvider(QStringLiteral("openai_compatible"))
                                     .chatRequest(local, parse(R"({"model":"m","messages":[]})"));
    QCOMPARE(header(lr, "authorization"), QByteArray());
    QCOMPARE(header(lr, "openai-organization"), QByteArray());
    const HttpClientRequest sr =
        ProviderAdapter::forProvider(QStringLiteral("openai_compatible"))
            .chatRequest(local, parse(R"({"model":"m","messages":[],"stream":true})"));
    QCOMPARE(header(sr, "accept"), QByteArray("text/event-stream"));
    QCOMPARE(bodyOf(sr)["stream_options"].dump(), std::string(R"({"include_usage":true})"));
    const AiConnection noOptions = connection(
        R"({"provider":"openai_compatible","base_url":"http://127.0.0.1:1234/v1","extra_body":{"stream_options":null}})");
    const Json optOut = bodyOf(
        ProviderAdapter::forProvider(QStringLiteral("openai_compatible"))
            .chatRequest(
                noOptions,
                parse(
                    R"({"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}})")));
    QVERIFY(!optOut.contains("stream_options"));
    QCOMPARE(optOut["stream"].get<bool>(), true);
}

void TestAiAdapters::openAiResponse()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("openai"));
    const QByteArray body =
        R"({"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
      "model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
      "tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                    {"id":"call_b","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}],
      "annotations":[]},"logprobs":null,"finish_reason":"tool_calls"}],
      "usage":{"prompt_tokens":1117,"completion_tokens":46,"total_tokens":1163,
      "prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},
      "completion_tokens_details":{"reasoning_tokens":12,"audio_tokens":0}},"service_tier":"default","system_fingerprint":"fp_fc9f1d7035"})";
    const Json out = adapter.chatResponse(body, QStringLiteral("gpt-4o"));
    QCOMPARE(out["choices"][0]["finish_reason"].get<std::string>(), std::string("tool_calls"));
    QCOMPARE(out["choices"][0]["message"]["tool_calls"].size(), size_t(2));
    QCOMPARE(out["choices"][0]["message"]["tool_calls"][1]["id"].get<std::string>(), std::string("call_b"));
    QCOMPARE(out["system_fingerprint"].get<std::string>(), std::string("fp_fc9f1d7035"));
    const AiUsage usage = AiUsage::fromOpenAi(out["usage"]);
    QVERIFY(usage.reported);
    QCOMPARE(usage.inputTokens, 1117);
    QCOMPARE(usage.cachedInputTokens, 1024);
    QCOMPARE(usage.outputTokens, 46);
    QCOMPARE(usage.reasoningTokens, 12);

    // A compatible server without usage, with its own finish reason and no id.
    const Json bare =
        ProviderAdapter::forProvider(QStringLiteral("openai_compatible"))
            .chatResponse(
                R"({"choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"eos"}]})",
                QStringLiteral("local"));
    QCOMPARE(bare["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));
    QCOMPARE(bare["model"].get<std::string>(), std::string("local"));
    QCOMPARE(bare["object"].get<std::string>(), std::string("chat.completion"));
    QVERIFY(bare["id"].is_string());
    QVERIFY(!bare.contains("usage"));
    QVERIFY(!AiUsage::fromOpenAi(bare.value("usage", Json())).reported);
}

namespace {
// A recorded OpenAI stream (shape of Envoy AI Gateway's cassette), with usage and [DONE].
const QByteArray kOpenAiStream =
    "data: "
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-"
    "mini\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":"
    "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],"
    "\"usage\":null,\"obfuscation\":\"abc\"}\n\n"
    "data: "
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-"
    "mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":"
    "null}],\"usage\":null}\n\n"
    "data: "
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-"
    "mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo "
    "\\u00e9\\ud83d\\ude00\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
    "data: "
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-"
    "mini\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":"
    "null}\n\n"
    "data: "
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-"
    "mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29,"
    "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{"
    "\"reasoning_tokens\":0,\"audio_tokens\":0}}}\n\n"
    "data: [DONE]\n\n";
} // namespace

void TestAiAdapters::openAiStream()
{
    const StreamResult r =
        runAllSplits(ProviderAdapter::forProvider(QStringLiteral("openai")), kOpenAiStream);
    QCOMPARE(r.chunks.size(), size_t(4)); // role, two content deltas, finish; the usage chunk is collected
    QVERIFY(wellFormed(r.chunks));
    QCOMPARE(r.chunks[0]["id"].get<std::string>(), std::string("chatcmpl-1"));
    QCOMPARE(r.chunks[0]["model"].get<std::string>(), std::string("gpt-4o-mini"));
    QCOMPARE(r.chunks[0]["created"].get<qint64>(), 1700000000);
    QCOMPARE(r.chunks[3]["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));
    QCOMPARE(r.text, QStringLiteral("Hello é😀"));
    QVERIFY(r.complete);
    QVERIFY(!r.hasError);
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QVERIFY(r.usage.reported);
    QCOMPARE(r.usage.inputTokens, 19);
    QCOMPARE(r.usage.outputTokens, 10);

    // Cut before the usage chunk and [DONE]: incomplete, no usage.
    const qsizetype cut =
        kOpenAiStream.indexOf("data: "
                              "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":"
                              "1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[]");
    const StreamResult partial =
        runAllSplits(ProviderAdapter::forProvider(QStringLiteral("openai")), kOpenAiStream.left(cut));
    QVERIFY(!partial.complete);
    QVERIFY(!partial.usage.reported);
    QCOMPARE(partial.chunks.size(), size_t(4));
}

void TestAiAdapters::openAiStreamToolCalls()
{
    // Two parallel calls, arguments split mid-token, usage on the finish chunk (LiteLLM #36168).
    const QByteArray body =
        "data: "
        "{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":["
        "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":"
        "\"call_A\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},"
        "\"finish_reason\":null}]}\n\n"
        "data: "
        "{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":["
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]},"
        "\"finish_reason\":null}]}\n\n"
        "data: "
        "{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":["
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\": "
        "\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
        "data: "
        "{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":["
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_B\",\"type\":\"function\","
        "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}\n\n"
        "data: "
        "{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":["
        "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":80,"
        "\"completion_tokens\":30,\"total_tokens\":110}}\n\n"
        "data: [DONE]\n\n";
    const StreamResult r = runAllSplits(ProviderAdapter::forProvider(QStringLiteral("xai")), body);
    QVERIFY(wellFormed(r.chunks));
    QCOMPARE(r.chunks.size(),
             size_t(6)); // synthetic role chunk first: the upstream's first delta carries a call
    QCOMPARE(
        assembleToolCalls(r.chunks).dump(),
        std::string(
            R"([{"arguments":"{\"city\": \"Paris\"}","id":"call_A","name":"get_weather"},{"arguments":"{}","id":"call_B","name":"get_time"}])"));
    QCOMPARE(r.finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(r.usage.inputTokens, 80);
    QVERIFY(r.complete);
}

void TestAiAdapters::openAiStreamWithoutRoleOrUsage()
{
    // llama.cpp-style: no role chunk, no usage, an unknown finish reason, CRLF framing, comments.
    const QByteArray body = ": ping\r\n\r\n"
                            "data: "
                            "{\"id\":\"x\",\"created\":5,\"model\":\"qwen\",\"choices\":[{\"index\":0,"
                            "\"delta\":{\"content\":\"A\"}}]}\r\n\r\n"
                            "data: "
                            "{\"id\":\"x\",\"created\":5,\"model\":\"qwen\",\"choices\":[{\"index\":0,"
                            "\"delta\":{},\"finish_reason\":\"eos\"}]}\r\n\r\n"
                            "data: [DONE]";
    const StreamResult r =
        runAllSplits(ProviderAdapter::forProvider(QStringLiteral("openai_compatible")), body);
    QVERIFY(wellFormed(r.chunks));
    QCOMPARE(r.chunks.size(), size_t(3));
    QCOMPARE(r.chunks[1]["choices"][0]["delta"]["content"].get<std::string>(), std::string("A"));
    QVERIFY(r.chunks[1]["choices"][0]["finish_reason"].is_null());
    QCOMPARE(r.chunks[2]["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));
    QCOMPARE(r.chunks[2]["object"].get<std::string>(), std::string("chat.completion.chunk"));
    QVERIFY(r.complete); // [DONE] without a trailing blank line still counts at EOF
    QVERIFY(!r.usage.reported);
}

void TestAiAdapters::openAiStreamErrors()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("openai"));
    const QByteArray body = "data: "
                            "{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                            "{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
                            "data: {\"error\":{\"message\":\"The server had an error while processing your "
                            "request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
                            "data: [DONE]\n\n";
    const StreamResult r = runAllSplits(adapter, body);
    QVERIFY(r.hasError);
    QVERIFY(!r.complete);
    QVERIFY(r.error.retryable);
    QCOMPARE(r.error.type, QStringLiteral("server_error"));
    QCOMPARE(r.error.message, QStringLiteral("The server had an error while processing your request."));
    QCOMPARE(r.chunks.size(), size_t(1));

    // Garbage lines are skipped; a body with nothing usable is incomplete without chunks.
    const StreamResult junk = run(adapter, {"data: {not json\n\nevent: x\n\n"});
    QVERIFY(junk.chunks.empty());
    QVERIFY(!junk.complete);
    QVERIFY(!junk.hasError);
}

void TestAiAdapters::openAiEmbeddingsAndModels()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("openai"));
    const AiConnection c =
        connection(R"({"provider":"openai","api_key":"k","extra_body":{"service_tier":"flex"}})");
    const HttpClientRequest r = adapter.embeddingsRequest(
        c, parse(R"({"model":"text-embedding-3-small","input":["a","b"],"encoding_format":"float"})"));
    QCOMPARE(r.url.toString(), QStringLiteral("https://api.openai.com/v1/embeddings"));
    QCOMPARE(
        bodyOf(r).dump(),
        std::string(R"({"encoding_format":"float","input":["a","b"],"model":"text-embedding-3-small"})"));
    const Json e = adapter.embeddingsResponse(
        R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}})",
        QStringLiteral("x"));
    QCOMPARE(e["data"][0]["embedding"].size(), size_t(2));
    QCOMPARE(e["model"].get<std::string>(), std::string("text-embedding-3-small"));

    const HttpClientRequest m = adapter.modelsRequest(c);
    QCOMPARE(m.method, QByteArray("GET"));
    QCOMPARE(m.url.toString(), QStringLiteral("https://api.openai.com/v1/models"));
    QVERIFY(m.body.isEmpty());
    const Json models = adapter.modelsResponse(
        R"({"object":"list","data":[{"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},{"id":"o3"},{"bad":1}]})");
    QCOMPARE(
        models.dump(),
        std::string(
            R"({"data":[{"created":1715367049,"id":"gpt-4o","object":"model","owned_by":"system"},{"created":0,"id":"o3","object":"model","owned_by":"openai"}],"object":"list"})"));
}

void TestAiAdapters::anthropicRequest()
{
    const AiConnection c =
        connection(R"({"provider":"anthropic","api_key":"sk-ant-api03-key","max_tokens":700,
        "extra_headers":{"anthropic-beta":"prompt-caching-2024-07-31","anthropic-version":"2024-01-01"}})");
    const Json request = parse(R"({
      "model":"claude-sonnet-4-5",
      "messages":[
        {"role":"system","content":"You are terse."},
        {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
        {"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"},
                                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                                  {"type":"image_url","image_url":{"url":"https://example.com/a.jpg"}}]},
        {"role":"assistant","content":"Let me check.","tool_calls":[
          {"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
          {"id":"toolu_02","type":"function","function":{"name":"get_weather","arguments":""}}]},
        {"role":"tool","tool_call_id":"toolu_01","content":"18C"},
        {"role":"tool","tool_call_id":"toolu_02","content":[{"type":"text","text":"21C"}]},
        {"role":"user","content":"Thanks. And tomorrow?"},
        {"role":"assistant","content":"Sunny."},
        {"role":"user","content":"ok"}
      ],
      "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city",
                "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
               {"type":"function","function":{"name":"now"}}],
      "tool_choice":"auto","stop":"END","temperature":1.6,"top_p":0.9,"user":"u-42","stream":true,
      "n":1,"seed":7,"frequency_penalty":0.1,"response_format":{"type":"text"},"stream_options":{"include_usage":true}
    })");
    const HttpClientRequest r =
        ProviderAdapter::forProvider(QStringLiteral("anthropic")).chatRequest(c, request);
    QCOMPARE(r.url.toString(), QStringLiteral("https://api.anthropic.com/v1/messages"));
    QCOMPARE(header(r, "x-api-key"), QByteArray("sk-ant-api03-key"));
    QCOMPARE(header(r, "anthropic-version"), QByteArray("2024-01-01")); // the configured one replaces ours
    QCOMPARE(header(r, "anthropic-beta"), QByteArray("prompt-caching-2024-07-31"));
    QCOMPARE(header(r, "authorization"), QByteArray());
    QCOMPARE(header(r, "accept"), QByteArray("text/event-stream"));
    const std::string expected =
        R"({"max_tokens":700,"messages":[)"
        R"({"content":[{"text":"Weather in Paris and Rome?","type":"text"},{"source":{"data":"iVBORw0KGgo=","media_type":"image/png","type":"base64"},"type":"image"},{"source":{"type":"url","url":"https://example.com/a.jpg"},"type":"image"}],"role":"user"},)"
        R"({"content":[{"text":"Let me check.","type":"text"},{"id":"toolu_01","input":{"city":"Paris"},"name":"get_weather","type":"tool_use"},{"id":"toolu_02","input":{},"name":"get_weather","type":"tool_use"}],"role":"assistant"},)"
        R"({"content":[{"content":"18C","tool_use_id":"toolu_01","type":"tool_result"},{"content":[{"text":"21C","type":"text"}],"tool_use_id":"toolu_02","type":"tool_result"},{"text":"Thanks. And tomorrow?","type":"text"}],"role":"user"},)"
        R"({"content":"Sunny.","role":"assistant"},{"content":"ok","role":"user"}],)"
        R"("metadata":{"user_id":"u-42"},"model":"claude-sonnet-4-5","stop_sequences":["END"],"stream":true,"system":"You are terse.\n\nAnswer in French.","temperature":1.0,)"
        R"("tool_choice":{"type":"auto"},"tools":[{"description":"Weather by city","input_schema":{"properties":{"city":{"type":"string"}},"required":["city"],"type":"object"},"name":"get_weather"},{"input_schema":{"properties":{},"type":"object"},"name":"now"}],"top_p":0.9})";
    QCOMPARE(bodyOf(r).dump(), expected);

    // max_completion_tokens wins over the default; no stream → no stream field and JSON accept.
    const HttpClientRequest r2 =
        ProviderAdapter::forProvider(QStringLiteral("anthropic"))
            .chatRequest(
                connection(kAnthropicConfig),
                parse(
                    R"({"messages":[{"role":"user","content":"x"}],"max_completion_tokens":33,"max_tokens":5})"));
    QCOMPARE(
        bodyOf(r2).dump(),
        std::string(
            R"({"max_tokens":33,"messages":[{"content":"x","role":"user"}],"model":"claude-sonnet-4-5"})"));
    QCOMPARE(header(r2, "anthropic-version"), QByteArray(AnthropicAdapter::kVersion));
    QCOMPARE(header(r2, "accept"), QByteArray("application/json"));
}

void TestAiAdapters::anthropicToolChoice_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("auto") << QByteArray(R"("tool_choice":"auto")") << QByteArray(R"({"type":"auto"})");
    QTest::newRow("required → any") << QByteArray(R"("tool_choice":"required")")
                                    << QByteArray(R"({"type":"any"})");
    QTest::newRow("none") << QByteArray(R"("tool_choice":"none")") << QByteArray(R"({"type":"none"})");
    QTest::newRow("named") << QByteArray(R"("tool_choice":{"type":"function","function":{"name":"f"}})")
                           << QByteArray(R"({"name":"f","type":"tool"})");
    QTest::newRow("no parallel") << QByteArray(R"("parallel_tool_calls":false)")
                                 << QByteArray(R"({"disable_parallel_tool_use":true,"type":"auto"})");
    QTest::newRow("required, no parallel")
        << QByteArray(R"("tool_choice":"required","parallel_tool_calls":false)")
        << QByteArray(R"({"disable_parallel_tool_use":true,"type":"any"})");
    QTest::newRow("absent") << QByteArray(R"("parallel_tool_calls":true)") << QByteArray("null");
}

void TestAiAdapters::anthropicToolChoice()
{
    QFETCH(QByteArray, fields);
    QFETCH(QByteArray, expected);
    const QByteArray request =
        R"({"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],)" +
        fields + "}";
    const Json body =
        AnthropicAdapter::toMessagesBody(connection(kAnthropicConfig), parse(request.constData()));
    QCOMPARE(QByteArray::fromStdString(body.value("tool_choice", Json()).dump()), expected);
    // Without tools there is no tool_choice at all.
    const Json noTools = AnthropicAdapter::toMessagesBody(
        connection(kAnthropicConfig), parse(R"({"messages":[],"tool_choice":"required"})"));
    QVERIFY(!noTools.contains("tool_choice"));
}

void TestAiAdapters::anthropicRequestErrors()
{
    const AiConnection c = connection(kAnthropicConfig);
    const char *bad[] = {
        R"({"messages":[{"role":"assistant","tool_calls":[{"id":"t","function":{"name":"f","arguments":"{oops"}}]}]})",
        R"({"messages":[{"role":"assistant","tool_calls":[{"id":"t","function":{"name":"f","arguments":"[1,2]"}}]}]})",
        R"({"messages":[{"role":"wizard","content":"x"}]})",
        R"({"messages":"hello"})",
        R"({"messages":[3]})",
    };
    for (const char *request : bad) {
        try {
            ProviderAdapter::forProvider(QStringLiteral("anthropic")).chatRequest(c, parse(request));
            QFAIL(request);
        } catch (const ApiError &e) {
            QCOMPARE(e.status(), 400);
            QVERIFY2(e.message().contains(QLatin1String("messages")), qPrintable(e.message()));
        }
    }
}

void TestAiAdapters::anthropicResponse()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("anthropic"));
    const QByteArray body =
        R"({"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
      "content":[{"type":"thinking","thinking":"Let me think","signature":"sig"},
                 {"type":"text","text":"I'll check both."},
                 {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris","unit":"c"}},
                 {"type":"tool_use","id":"toolu_01B","name":"get_weather","input":{"city":"Rome"}}],
      "stop_reason":"tool_use","stop_sequence":null,
      "usage":{"input_tokens":40,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":73,
               "cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":0},"service_tier":"standard"}})";
    const Json out = adapter.chatResponse(body, QStringLiteral("claude"));
    QCOMPARE(out["id"].get<std::string>(), std::string("msg_01Aq9w938a90dw8q"));
    QCOMPARE(out["object"].get<std::string>(), std::string("chat.completion"));
    QCOMPARE(out["model"].get<std::string>(), std::string("claude-sonnet-4-5-20250929"));
    const Json &message = out["choices"][0]["message"];
    QCOMPARE(message["content"].get<std::string>(), std::string("I'll check both."));
    QCOMPARE(message["reasoning_content"].get<std::string>(), std::string("Let me think"));
    QCOMPARE(
        message["tool_calls"].dump(),
        std::string(
            R"([{"function":{"arguments":"{\"city\":\"Paris\",\"unit\":\"c\"}","name":"get_weather"},"id":"toolu_01A","type":"function"},{"function":{"arguments":"{\"city\":\"Rome\"}","name":"get_weather"},"id":"toolu_01B","type":"function"}])"));
    QCOMPARE(out["choices"][0]["finish_reason"].get<std::string>(), std::string("tool_calls"));
    const AiUsage usage = AiUsage::fromOpenAi(out["usage"]);
    QCOMPARE(usage.inputTokens, 2140); // input + cache writes + cache reads
    QCOMPARE(usage.cachedInputTokens, 2000);
    QCOMPARE(usage.outputTokens, 73);
    QCOMPARE(out["usage"]["total_tokens"].get<qint64>(), 2213);

    // Only tool use: content null. No usage: none reported.
    const Json toolsOnly = adapter.chatResponse(
        R"({"id":"msg_2","type":"message","content":[{"type":"tool_use","id":"toolu_X","name":"now","input":{}}],"stop_reason":"tool_use"})",
        QStringLiteral("claude-x"));
    QVERIFY(toolsOnly["choices"][0]["message"]["content"].is_null());
    QCOMPARE(toolsOnly["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"].get<std::string>(),
             std::string("{}"));
    QCOMPARE(toolsOnly["model"].get<std::string>(), std::string("claude-x"));
    QVERIFY(!toolsOnly.contains("usage"));
}

void TestAiAdapters::anthropicStopReasons_data()
{
    QTest::addColumn<QByteArray>("stopBytes");
    QTest::addColumn<QByteArray>("finishBytes");
    QTest::newRow("end_turn") << QByteArray("end_turn") << QByteArray("stop");
    QTest::newRow("stop_sequence") << QByteArray("stop_sequence") << QByteArray("stop");
    QTest::newRow("pause_turn") << QByteArray("pause_turn") << QByteArray("stop");
    QTest::newRow("max_tokens") << QByteArray("max_tokens") << QByteArray("length");
    QTest::newRow("context window") << QByteArray("model_context_window_exceeded") << QByteArray("length");
    QTest::newRow("tool_use") << QByteArray("tool_use") << QByteArray("tool_calls");
    QTest::newRow("refusal") << QByteArray("refusal") << QByteArray("content_filter");
    QTest::newRow("unknown") << QByteArray("brand_new_reason") << QByteArray("stop");
}

void TestAiAdapters::anthropicStopReasons()
{
    QFETCH(QByteArray, stopBytes);
    const QString stop = QString::fromUtf8(stopBytes);
    QFETCH(QByteArray, finishBytes);
    const QString finish = QString::fromUtf8(finishBytes);
    const QByteArray body =
        R"({"id":"m","type":"message","content":[{"type":"text","text":"x"}],"stop_reason":")" +
        stop.toUtf8() + R"("})";
    const Json out =
        ProviderAdapter::forProvider(QStringLiteral("anthropic")).chatResponse(body, QStringLiteral("c"));
    QCOMPARE(QString::fromStdString(out["choices"][0]["finish_reason"].get<std::string>()), finish);

    const QByteArray stream =
        "event: message_start\ndata: "
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"model\":\"c\",\"content\":[],\"usage\":{"
        "\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" +
        stop.toUtf8() +
        "\"},\"usage\":{\"output_tokens\":2}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    const StreamResult r = run(ProviderAdapter::forProvider(QStringLiteral("anthropic")), {stream});
    QCOMPARE(r.finishReason, finish);
    QCOMPARE(QString::fromStdString(r.chunks.back()["choices"][0]["finish_reason"].get<std::string>()),
             finish);
}

namespace {
// Anthropic's documented event order: text block, then two tool_use blocks (block indexes 1 and
// 2 become tool indexes 0 and 1), input_json_delta fragments, ping, cumulative usage.
const QByteArray kAnthropicStream =
    "event: message_start\n"
    "data: "
    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_014p7gG3wDgGV9EUtLvnow3U\",\"type\":\"message\","
    "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
    "\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":0,\"cache_read_"
    "input_tokens\":128,\"output_tokens\":2}}}\n\n"
    "event: content_block_start\n"
    "data: "
    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    "event: ping\n"
    "data: {\"type\": \"ping\"}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Okay, "
    "checking \"}}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"both "
    "cities.\"}}\n\n"
    "event: content_block_stop\n"
    "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: content_block_start\n"
    "data: "
    "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_"
    "01T1x1fJ34qAmk2tNTrN7Up6\",\"name\":\"get_weather\",\"input\":{}}}\n\n"
    "event: content_block_delta\n"
    "data: "
    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
    "\"\"}}\n\n"
    "event: content_block_delta\n"
    "data: "
    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
    "\"{\\\"location\\\": \\\"San Fra\"}}\n\n"
    "event: content_block_delta\n"
    "data: "
    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
    "\"ncisco, CA\\\"}\"}}\n\n"
    "event: content_block_stop\n"
    "data: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
    "event: content_block_start\n"
    "data: "
    "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_"
    "02\",\"name\":\"get_time\",\"input\":{}}}\n\n"
    "event: content_block_delta\n"
    "data: "
    "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
    "\"{\\\"tz\\\":\"}}\n\n"
    "event: content_block_delta\n"
    "data: "
    "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
    "\"\\\"PST\\\"}\"}}\n\n"
    "event: content_block_stop\n"
    "data: {\"type\":\"content_block_stop\",\"index\":2}\n\n"
    "event: message_delta\n"
    "data: "
    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{"
    "\"output_tokens\":89}}\n\n"
    "event: message_stop\n"
    "data: {\"type\":\"message_stop\"}\n\n";
} // namespace

void TestAiAdapters::anthropicStream()
{
    const StreamResult r =
        runAllSplits(ProviderAdapter::forProvider(QStringLiteral("anthropic")), kAnthropicStream);
    QVERIFY(wellFormed(r.chunks));
    QCOMPARE(r.chunks[0]["id"].get<std::string>(), std::string("msg_014p7gG3wDgGV9EUtLvnow3U"));
    QCOMPARE(r.chunks[0]["model"].get<std::string>(), std::string("claude-sonnet-4-5-20250929"));
    // role, 2 text, tool A start + 2 fragments, tool B start + 2 fragments, finish
    QCOMPARE(r.chunks.size(), size_t(10));
    QCOMPARE(r.text, QStringLiteral("Okay, checking both cities."));
    const Json first = r.chunks[3]["choices"][0]["delta"]["tool_calls"][0];
    QCOMPARE(
        first.dump(),
        std::string(
            R"({"function":{"arguments":"","name":"get_weather"},"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","index":0,"type":"function"})"));
    QCOMPARE(r.chunks[4]["choices"][0]["delta"]["tool_calls"][0].dump(),
             std::string(R"({"function":{"arguments":"{\"location\": \"San Fra"},"index":0})"));
    QCOMPARE(
        assembleToolCalls(r.chunks).dump(),
        std::string(
            R"([{"arguments":"{\"location\": \"San Francisco, CA\"}","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather"},{"arguments":"{\"tz\":\"PST\"}","id":"toolu_02","name":"get_time"}])"));
    QCOMPARE(r.chunks.back()["choices"][0]["finish_reason"].get<std::string>(), std::string("tool_calls"));
    QVERIFY(r.chunks.back()["choices"][0]["delta"].empty());
    QVERIFY(r.complete);
    QCOMPARE(r.usage.inputTokens, 600);
    QCOMPARE(r.usage.cachedInputTokens, 128);
    QCOMPARE(r.usage.outputTokens, 89);

    // Cut after message_start: input usage is already known (Portkey #1180), output placeholder.
    const qsizetype cut = kAnthropicStream.indexOf("event: content_block_start");
    const StreamResult partial =
        runAllSplits(ProviderAdapter::forProvider(QStringLiteral("anthropic")), kAnthropicStream.left(cut));
    QVERIFY(!partial.complete);
    QVERIFY(partial.usage.reported);
    QCOMPARE(partial.usage.inputTokens, 600);
    QCOMPARE(partial.chunks.size(), size_t(1));

    // Cut before message_stop: the finish chunk went out but the stream is incomplete.
    const StreamResult noStop = run(ProviderAdapter::forProvider(QStringLiteral("anthropic")),
                                    {kAnthropicStream.left(kAnthropicStream.indexOf("event: message_stop"))});
    QVERIFY(!noStop.complete);
    QCOMPARE(noStop.chunks.size(), size_t(10));
}

void TestAiAdapters::anthropicStreamErrors()
{
    const QByteArray body =
        "event: message_start\ndata: "
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_e\",\"model\":\"c\",\"content\":[],\"usage\":{"
        "\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\ndata: "
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":"
        "\"\"}}\n\n"
        "event: content_block_delta\ndata: "
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":"
        "\"Hmm.\"}}\n\n"
        "event: content_block_delta\ndata: "
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":"
        "\"EqQB\"}}\n\n"
        "event: content_block_start\ndata: "
        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
        "\n\n"
        "event: content_block_delta\ndata: "
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"
        "\n\n"
        "event: brand_new_event\ndata: {\"type\":\"brand_new_event\",\"x\":1}\n\n"
        "event: error\ndata: "
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    const StreamResult r = runAllSplits(ProviderAdapter::forProvider(QStringLiteral("anthropic")), body);
    QVERIFY(r.hasError);
    QVERIFY(!r.complete);
    QVERIFY(r.error.retryable);
    QCOMPARE(r.error.status, 529);
    QCOMPARE(r.error.type, QStringLiteral("overloaded_error"));
    QCOMPARE(r.error.message, QStringLiteral("Overloaded"));
    QCOMPARE(r.chunks.size(), size_t(3)); // role, reasoning, text
    QCOMPARE(r.chunks[1]["choices"][0]["delta"].dump(), std::string(R"({"reasoning_content":"Hmm."})"));
    QCOMPARE(r.text, QStringLiteral("Hi"));

    const StreamResult invalid =
        run(ProviderAdapter::forProvider(QStringLiteral("anthropic")),
            {"event: error\ndata: "
             "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}\n\n"});
    QVERIFY(invalid.hasError);
    QVERIFY(!invalid.error.retryable);
}

void TestAiAdapters::anthropicModels()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("anthropic"));
    const HttpClientRequest r = adapter.modelsRequest(connection(kAnthropicConfig));
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.url.toString(), QStringLiteral("https://api.anthropic.com/v1/models?limit=1000"));
    QCOMPARE(header(r, "x-api-key"), QByteArray("sk-ant-test"));
    const Json models = adapter.modelsResponse(
        R"({"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],"has_more":false,"first_id":"a","last_id":"a"})");
    QCOMPARE(
        models.dump(),
        std::string(
            R"({"data":[{"created":1759104000,"id":"claude-sonnet-4-5-20250929","object":"model","owned_by":"anthropic"}],"object":"list"})"));
    try {
        adapter.embeddingsRequest(connection(kAnthropicConfig), parse(R"({"input":"x"})"));
        QFAIL("anthropic has no embeddings");
    } catch (const ApiError &e) {
        QCOMPARE(e.status(), 400);
    }
}

void TestAiAdapters::ollamaRequest()
{
    const AiConnection c = connection(
        R"({"provider":"ollama","base_url":"http://gpu:11434/","default_model":"llama3.2","extra_body":{"keep_alive":"5m","options":{"num_ctx":8192}}})");
    const Json request = parse(R"({
      "messages":[
        {"role":"developer","content":"Be brief."},
        {"role":"user","content":[{"type":"text","text":"What is in this image?"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]},
        {"role":"assistant","content":null,"tool_calls":[{"id":"call_0","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"cat\"}"}}]},
        {"role":"tool","tool_call_id":"call_0","content":"a cat"}
      ],
      "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}],
      "tool_choice":"auto","temperature":0.2,"max_tokens":64,"stop":"###","seed":42,"top_p":0.8,
      "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}
    })");
    const HttpClientRequest r =
        ProviderAdapter::forProvider(QStringLiteral("ollama")).chatRequest(c, request);
    QCOMPARE(r.url.toString(), QStringLiteral("http://gpu:11434/api/chat"));
    QCOMPARE(header(r, "authorization"), QByteArray());
    const std::string expected =
        R"({"format":{"type":"object"},"keep_alive":"5m","messages":[)"
        R"({"content":"Be brief.","role":"system"},)"
        R"({"content":"What is in this image?","images":["/9j/4AAQ"],"role":"user"},)"
        R"({"content":"","role":"assistant","tool_calls":[{"function":{"arguments":{"q":"cat"},"name":"lookup"}}]},)"
        R"({"content":"a cat","role":"tool","tool_name":"lookup"}],"model":"llama3.2",)"
        R"("options":{"num_ctx":8192,"num_predict":64,"seed":42,"stop":["###"],"temperature":0.2,"top_p":0.8},"stream":false,)"
        R"("tools":[{"function":{"name":"lookup","parameters":{"properties":{"q":{"type":"string"}},"type":"object"}},"type":"function"}]})";
    QCOMPARE(bodyOf(r).dump(), expected);

    const Json streaming = OllamaAdapter::toChatBody(
        c,
        parse(R"({"model":"qwen3","messages":[],"stream":true,"response_format":{"type":"json_object"}})"));
    QCOMPARE(streaming["stream"].get<bool>(), true);
    QCOMPARE(streaming["format"].get<std::string>(), std::string("json"));
    QCOMPARE(streaming["model"].get<std::string>(), std::string("qwen3"));

    // A key (Ollama cloud) goes out as a bearer token.
    const HttpClientRequest cloud =
        ProviderAdapter::forProvider(QStringLiteral("ollama"))
            .chatRequest(
                connection(R"({"provider":"ollama","api_key":"ok-1","base_url":"https://ollama.com"})"),
                parse(R"({"model":"m","messages":[]})"));
    QCOMPARE(header(cloud, "authorization"), QByteArray("Bearer ok-1"));
    QCOMPARE(cloud.url.toString(), QStringLiteral("https://ollama.com/api/chat"));
}

void TestAiAdapters::ollamaResponse()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("ollama"));
    const Json out = adapter.chatResponse(R"({"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z",
        "message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Toronto"}}},
                                                                 {"function":{"name":"get_time","arguments":{}}}]},
        "done_reason":"stop","done":true,"total_duration":885095291,"load_duration":3753500,"prompt_eval_count":122,
        "prompt_eval_duration":328493000,"eval_count":33,"eval_duration":552222000})",
                                          QStringLiteral("x"));
    QCOMPARE(out["created"].get<qint64>(), 1721680408);
    QCOMPARE(out["model"].get<std::string>(), std::string("llama3.2"));
    QVERIFY(out["choices"][0]["message"]["content"].is_null());
    QCOMPARE(
        out["choices"][0]["message"]["tool_calls"].dump(),
        std::string(
            R"([{"function":{"arguments":"{\"city\":\"Toronto\"}","name":"get_weather"},"id":"call_0","type":"function"},{"function":{"arguments":"{}","name":"get_time"},"id":"call_1","type":"function"}])"));
    QCOMPARE(out["choices"][0]["finish_reason"].get<std::string>(), std::string("tool_calls"));
    QCOMPARE(out["usage"]["prompt_tokens"].get<qint64>(), 122);
    QCOMPARE(out["usage"]["completion_tokens"].get<qint64>(), 33);

    // done_reason length; prompt_eval_count missing (cached prompt, ollama #2068) → partial usage.
    const Json cut = adapter.chatResponse(
        R"({"model":"m","created_at":"bad","message":{"role":"assistant","content":"Hi"},"done":true,"done_reason":"length","eval_count":5})",
        QStringLiteral("m"));
    QCOMPARE(cut["choices"][0]["finish_reason"].get<std::string>(), std::string("length"));
    QCOMPARE(cut["choices"][0]["message"]["content"].get<std::string>(), std::string("Hi"));
    QCOMPARE(cut["usage"]["prompt_tokens"].get<qint64>(), 0);
    QCOMPARE(cut["usage"]["completion_tokens"].get<qint64>(), 5);
    const Json none = adapter.chatResponse(
        R"({"model":"m","message":{"role":"assistant","content":"Hi"},"done":true})", QStringLiteral("m"));
    QVERIFY(!none.contains("usage"));
    const Json thinking = adapter.chatResponse(
        R"({"model":"qwen3","message":{"role":"assistant","content":"4","thinking":"2+2"},"done":true})",
        QStringLiteral("m"));
    QCOMPARE(thinking["choices"][0]["message"]["reasoning_content"].get<std::string>(), std::string("2+2"));
}

void TestAiAdapters::ollamaStream()
{
    const QByteArray body =
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28Z\",\"message\":{\"role\":\"assistant\","
        "\"content\":\"The\"},\"done\":false}\n"
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28Z\",\"message\":{\"role\":\"assistant\","
        "\"content\":\" sky \\u00e9\"},\"done\":false}\n"
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:29Z\",\"message\":{\"role\":\"assistant\","
        "\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"a\",\"arguments\":{\"x\":1}}},{"
        "\"function\":{\"name\":\"b\",\"arguments\":{}}}]},\"done\":false}\n"
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:29Z\",\"message\":{\"role\":\"assistant\","
        "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,\"load_"
        "duration\":1334875,\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,\"eval_count\":282,"
        "\"eval_duration\":4535599000}\n";
    const StreamResult r = runAllSplits(ProviderAdapter::forProvider(QStringLiteral("ollama")), body, true);
    QVERIFY(wellFormed(r.chunks));
    QCOMPARE(r.chunks.size(), size_t(6)); // role, 2 content, 2 tool calls, finish
    QCOMPARE(r.chunks[0]["created"].get<qint64>(), 1721680408);
    QCOMPARE(r.text, QStringLiteral("The sky é"));
    QCOMPARE(
        assembleToolCalls(r.chunks).dump(),
        std::string(
            R"([{"arguments":"{\"x\":1}","id":"call_0","name":"a"},{"arguments":"{}","id":"call_1","name":"b"}])"));
    QCOMPARE(r.finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(r.usage.inputTokens, 26);
    QCOMPARE(r.usage.outputTokens, 282);
    QVERIFY(r.complete);

    // CRLF lines, no newline after the last line, done_reason length, no usage counts.
    const QByteArray crlf = "{\"model\":\"m\",\"created_at\":\"2024-07-22T20:33:28Z\",\"message\":{\"role\":"
                            "\"assistant\",\"content\":\"A\"},\"done\":false}\r\n"
                            "{\"model\":\"m\",\"created_at\":\"2024-07-22T20:33:28Z\",\"message\":{\"role\":"
                            "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"length\"}";
    const StreamResult c = runAllSplits(ProviderAdapter::forProvider(QStringLiteral("ollama")), crlf, true);
    QCOMPARE(c.chunks.size(), size_t(3));
    QCOMPARE(c.finishReason, QStringLiteral("length"));
    QVERIFY(!c.usage.reported);
    QVERIFY(c.complete);

    // Cut before done:true → incomplete.
    const StreamResult cut =
        run(ProviderAdapter::forProvider(QStringLiteral("ollama")),
            {body.left(body.indexOf("{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:29Z\","
                                    "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true"))});
    QVERIFY(!cut.complete);
    QVERIFY(!cut.usage.reported);
}

void TestAiAdapters::ollamaStreamErrors()
{
    const QByteArray body =
        "{\"model\":\"m\",\"created_at\":\"2024-07-22T20:33:28Z\",\"message\":{\"role\":\"assistant\","
        "\"content\":\"A\"},\"done\":false}\n"
        "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n";
    const StreamResult r = runAllSplits(ProviderAdapter::forProvider(QStringLiteral("ollama")), body, true);
    QVERIFY(r.hasError);
    QVERIFY(!r.complete);
    QCOMPARE(r.error.message,
             QStringLiteral("an error was encountered while running the model: unexpected EOF"));
    QVERIFY(r.error.retryable);
    QCOMPARE(r.chunks.size(), size_t(2));
}

void TestAiAdapters::ollamaEmbeddingsAndTags()
{
    const auto &adapter = ProviderAdapter::forProvider(QStringLiteral("ollama"));
    const AiConnection c = connection(kOllamaConfig);
    const HttpClientRequest r = adapter.embeddingsRequest(
        c,
        parse(
            R"({"model":"all-minilm","input":["Why is the sky blue?","Why is the grass green?"],"encoding_format":"float","dimensions":2})"));
    QCOMPARE(r.url.toString(), QStringLiteral("http://127.0.0.1:11434/api/embed"));
    QCOMPARE(
        bodyOf(r).dump(),
        std::string(
            R"({"dimensions":2,"input":["Why is the sky blue?","Why is the grass green?"],"model":"all-minilm"})"));
    try {
        adapter.embeddingsRequest(c, parse(R"({"model":"m","input":[[1,2]]})"));
        QFAIL("token arrays are not supported by ollama");
    } catch (const ApiError &e) {
        QCOMPARE(e.status(), 400);
    }
    const Json e = adapter.embeddingsResponse(
        R"({"model":"all-minilm","embeddings":[[0.010071029,-0.0017594862],[-0.0098027075,0.06042469]],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8})",
        QStringLiteral("x"));
    QCOMPARE(
        e.dump(),
        std::string(
            R"({"data":[{"embedding":[0.010071029,-0.0017594862],"index":0,"object":"embedding"},{"embedding":[-0.0098027075,0.06042469],"index":1,"object":"embedding"}],"model":"all-minilm","object":"list","usage":{"prompt_tokens":8,"total_tokens":8}})"));

    const HttpClientRequest t = adapter.modelsRequest(c);
    QCOMPARE(t.method, QByteArray("GET"));
    QCOMPARE(t.url.toString(), QStringLiteral("http://127.0.0.1:11434/api/tags"));
    const Json models = adapter.modelsResponse(
        R"({"models":[{"name":"deepseek-r1:latest","model":"deepseek-r1:latest","modified_at":"2025-05-10T08:06:48.639712648-07:00","size":4683075271,"digest":"0a8c2","details":{"parent_model":"","format":"gguf","family":"qwen2","families":["qwen2"],"parameter_size":"7.6B","quantization_level":"Q4_K_M"}}]})");
    QCOMPARE(
        models.dump(),
        std::string(
            R"({"data":[{"created":1746889608,"id":"deepseek-r1:latest","object":"model","owned_by":"library"}],"object":"list"})"));
}

void TestAiAdapters::errorClassification_data()
{
    QTest::addColumn<QByteArray>("providerBytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<QByteArray>>("headers"); // name, value, name, value...
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<QByteArray>("typeBytes");
    QTest::addColumn<QByteArray>("messageBytes");
    using H = QList<QByteArray>;

    QTest::newRow("openai 401")
        << QByteArray("openai") << 401 << H{}
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-proj-abcdEFGHijklMNOPqrstUVWX. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << false << -1 << QByteArray("invalid_request_error")
        << QByteArray("Incorrect API key provided: sk-proj-abcd***. You can find your API key at "
                      "https://platform.openai.com/account/api-keys.");
    QTest::newRow("openai 429 retry-after-ms")
        << QByteArray("openai") << 429 << H{"retry-after-ms", "1500", "retry-after", "9"}
        << QByteArray(
               R"({"error":{"message":"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 6.6s.","type":"tokens","code":"rate_limit_exceeded"}})")
        << true << 2 << QByteArray("tokens")
        << QByteArray("Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, "
                      "Requested 2000. Please try again in 6.6s.");
    QTest::newRow("openai 429 reset headers")
        << QByteArray("openai") << 429
        << H{"x-ratelimit-remaining-requests", "10", "x-ratelimit-reset-requests", "120ms",
             "x-ratelimit-remaining-tokens",   "0",  "x-ratelimit-reset-tokens",   "1m6.5s"}
        << QByteArray(R"({"error":{"message":"Rate limit","type":"tokens","code":"rate_limit_exceeded"}})")
        << true << 67 << QByteArray("tokens") << QByteArray("Rate limit");
    QTest::newRow("openai insufficient_quota")
        << QByteArray("openai") << 429 << H{"retry-after", "1"}
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << false << -1 << QByteArray("insufficient_quota")
        << QByteArray("You exceeded your current quota, please check your plan and billing details.");
    QTest::newRow("openai 400 unsupported")
        << QByteArray("openai") << 400 << H{}
        << QByteArray(
               R"({"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}})")
        << false << -1 << QByteArray("invalid_request_error")
        << QByteArray("Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                      "'max_completion_tokens' instead.");
    QTest::newRow("openai 404 model")
        << QByteArray("openai") << 404 << H{}
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << false << -1 << QByteArray("invalid_request_error")
        << QByteArray("The model `gpt-9` does not exist or you do not have access to it.");
    QTest::newRow("openai 503")
        << QByteArray("openai") << 503 << H{}
        << QByteArray(
               R"({"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error"}})")
        << true << -1 << QByteArray("server_error")
        << QByteArray("The engine is currently overloaded, please try again later");
    QTest::newRow("anthropic 529")
        << QByteArray("anthropic") << 529 << H{"retry-after", "3"}
        << QByteArray(
               R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded","details":null},"request_id":"req_011"})")
        << true << 3 << QByteArray("overloaded_error") << QByteArray("Overloaded");
    QTest::newRow("anthropic 401")
        << QByteArray("anthropic") << 401 << H{}
        << QByteArray(
               R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_1"})")
        << false << -1 << QByteArray("authentication_error") << QByteArray("invalid x-api-key");
    QTest::newRow("anthropic 429 reset timestamp")
        << QByteArray("anthropic") << 429
        << H{"anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset",
             "2999-01-01T00:00:00Z"}
        << QByteArray(
               R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}})")
        << true << -2 << QByteArray("rate_limit_error")
        << QByteArray("Number of request tokens has exceeded your per-minute rate limit");
    QTest::newRow("anthropic spend limit")
        << QByteArray("anthropic") << 429 << H{}
        << QByteArray(
               R"({"type":"error","error":{"type":"rate_limit_error","message":"spend limit","details":{"error_code":"enforced_spend_limit_reached"}}})")
        << false << -1 << QByteArray("insufficient_quota") << QByteArray("spend limit");
    QTest::newRow("anthropic 409 retryable")
        << QByteArray("anthropic") << 409 << H{} << QByteArray("{}") << true << -1
        << QByteArray("invalid_request_error") << QByteArray("upstream returned HTTP 409");
    QTest::newRow("anthropic x-should-retry false")
        << QByteArray("anthropic") << 500 << H{"x-should-retry", "false"}
        << QByteArray(R"({"type":"error","error":{"type":"api_error","message":"Internal"}})") << false << -1
        << QByteArray("api_error") << QByteArray("Internal");
    QTest::newRow("anthropic 413")
        << QByteArray("anthropic") << 413 << H{}
        << QByteArray(
               R"({"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}})")
        << false << -1 << QByteArray("request_too_large")
        << QByteArray("Request exceeds the maximum allowed number of bytes.");
    QTest::newRow("ollama 404") << QByteArray("ollama") << 404 << H{}
                                << QByteArray(R"({"error":"model 'llama9' not found"})") << false << -1
                                << QByteArray("not_found_error") << QByteArray("model 'llama9' not found");
    QTest::newRow("ollama 502") << QByteArray("ollama") << 502 << H{}
                                << QByteArray(R"({"error":"cloud model unreachable"})") << true << -1
                                << QByteArray("api_error") << QByteArray("cloud model unreachable");
    QTest::newRow("xai 400 string error")
        << QByteArray("xai") << 400 << H{}
        << QByteArray(
               R"({"code":"Client specified an invalid argument","error":"Incorrect API key provided: xa***yz. You can obtain an API key from https://console.x.ai."})")
        << false << -1 << QByteArray("invalid_request_error")
        << QByteArray(
               "Incorrect API key provided: xa***yz. You can obtain an API key from https://console.x.ai.");
    QTest::newRow("xai 422") << QByteArray("xai") << 422 << H{}
                             << QByteArray(R"({"error":"Failed to deserialize the JSON body"})") << false
                             << -1 << QByteArray("invalid_request_error")
                             << QByteArray("Failed to deserialize the JSON body");
    QTest::newRow("compatible 408") << QByteArray("openai_compatible") << 408 << H{} << QByteArray() << true
                                    << -1 << QByteArray("timeout_error")
                                    << QByteArray("upstream returned HTTP 408");
    QTest::newRow("vllm detail") << QByteArray("openai_compatible") << 400 << H{}
                                 << QByteArray(R"({"detail":"Not Found"})") << false << -1
                                 << QByteArray("invalid_request_error") << QByteArray("Not Found");
    QTest::newRow("html from a proxy is not echoed")
        << QByteArray("openai") << 502 << H{}
        << QByteArray("<html><body>Bad gateway authorization: Bearer sk-secret</body></html>") << true << -1
        << QByteArray("api_error") << QByteArray("upstream returned HTTP 502");
    QTest::newRow("transport") << QByteArray("openai") << 0 << H{}
                               << QByteArray("connection refused by api.openai.com") << true << -1
                               << QByteArray("api_connection_error")
                               << QByteArray("connection refused by api.openai.com");
    QTest::newRow("transport, no message")
        << QByteArray("anthropic") << 0 << H{} << QByteArray() << true << -1
        << QByteArray("api_connection_error") << QByteArray("upstream connection failed");
    QTest::newRow("402 billing")
        << QByteArray("anthropic") << 402 << H{}
        << QByteArray(
               R"({"type":"error","error":{"type":"billing_error","message":"Your credit balance is too low"}})")
        << false << -1 << QByteArray("insufficient_quota") << QByteArray("Your credit balance is too low");
}

void TestAiAdapters::errorClassification()
{
    QFETCH(QByteArray, providerBytes);
    const QString provider = QString::fromUtf8(providerBytes);
    QFETCH(int, status);
    QFETCH(QList<QByteArray>, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, retryable);
    QFETCH(int, retryAfter);
    QFETCH(QByteArray, typeBytes);
    const QString type = QString::fromUtf8(typeBytes);
    QFETCH(QByteArray, messageBytes);
    const QString message = QString::fromUtf8(messageBytes);
    HttpClientResponseHead h;
    h.status = status;
    for (int i = 0; i + 1 < headers.size(); i += 2)
        h.headers.append({headers[i], headers[i + 1]});
    const ProviderError e = ProviderAdapter::forProvider(provider).error(status, h, body);
    QCOMPARE(e.status, status);
    QCOMPARE(e.retryable, retryable);
    if (retryAfter == -2)
        QVERIFY(e.retryAfterSeconds > 1000); // far-future reset timestamp
    else
        QCOMPARE(e.retryAfterSeconds, retryAfter);
    QCOMPARE(e.type, type);
    QCOMPARE(e.message, message);
}

void TestAiAdapters::retryAfterDate()
{
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(120);
    const QByteArray httpDate =
        QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    const int seconds = aisupport::retryAfterSeconds(head({{"retry-after", httpDate}}));
    QVERIFY2(seconds >= 118 && seconds <= 121, qPrintable(QString::number(seconds)));
    QCOMPARE(aisupport::retryAfterSeconds(head({{"retry-after", "Thu, 01 Jan 1970 00:00:00 GMT"}})), 0);
    QCOMPARE(aisupport::retryAfterSeconds(head({{"retry-after", "soon"}})), -1);
    QCOMPARE(aisupport::retryAfterSeconds(head({})), -1);
    QCOMPARE(aisupport::retryAfterSeconds(head({{"retry-after", "0.2"}})), 1);
    QCOMPARE(aisupport::parseDurationMs("6s"), 6000);
    QCOMPARE(aisupport::parseDurationMs("120ms"), 120);
    QCOMPARE(aisupport::parseDurationMs("1m30s"), 90000);
    QCOMPARE(aisupport::parseDurationMs("2h"), 7200000);
    QCOMPARE(aisupport::parseDurationMs("6.6s"), 6600);
    QCOMPARE(aisupport::parseDurationMs("x"), -1);
    QCOMPARE(aisupport::parseDurationMs(""), -1);
}

void TestAiAdapters::usageRoundTrip()
{
    AiUsage u;
    u.inputTokens = 100;
    u.outputTokens = 20;
    u.cachedInputTokens = 60;
    u.reasoningTokens = 5;
    u.reported = true;
    const Json j = u.toOpenAi();
    QCOMPARE(
        j.dump(),
        std::string(
            R"({"completion_tokens":20,"completion_tokens_details":{"reasoning_tokens":5},"prompt_tokens":100,"prompt_tokens_details":{"cached_tokens":60},"total_tokens":120})"));
    const AiUsage back = AiUsage::fromOpenAi(j);
    QVERIFY(back.reported);
    QCOMPARE(back.inputTokens, 100);
    QCOMPARE(back.outputTokens, 20);
    QCOMPARE(back.cachedInputTokens, 60);
    QCOMPARE(back.reasoningTokens, 5);
    QVERIFY(!AiUsage::fromOpenAi(Json()).reported);
    QVERIFY(!AiUsage::fromOpenAi(parse(R"({"total_tokens":5})")).reported);
    // DeepSeek-like partial usage: every field optional.
    const AiUsage partial =
        AiUsage::fromOpenAi(parse(R"({"completion_tokens":7,"prompt_tokens_details":null})"));
    QVERIFY(partial.reported);
    QCOMPARE(partial.outputTokens, 7);
    QCOMPARE(partial.inputTokens, 0);
}

void TestAiAdapters::forProvider()
{
    for (const QString &p : AiConnection::providers())
        QVERIFY(ProviderAdapter::forProvider(p).streamTranslator(QStringLiteral("m")) != nullptr);
    QVERIFY(
        dynamic_cast<const AnthropicAdapter *>(&ProviderAdapter::forProvider(QStringLiteral("anthropic"))));
    QVERIFY(dynamic_cast<const OllamaAdapter *>(&ProviderAdapter::forProvider(QStringLiteral("ollama"))));
    QVERIFY(dynamic_cast<const OpenAiAdapter *>(&ProviderAdapter::forProvider(QStringLiteral("xai"))));
    QVERIFY_THROWS_EXCEPTION(ApiError, ProviderAdapter::forProvider(QStringLiteral("gemini")));
    QVERIFY(OpenAiAdapter::isReasoningModel(QStringLiteral("o1")));
    QVERIFY(OpenAiAdapter::isReasoningModel(QStringLiteral("o3-mini-2025-01-31")));
    QVERIFY(OpenAiAdapter::isReasoningModel(QStringLiteral("gpt-5")));
    QVERIFY(OpenAiAdapter::isReasoningModel(QStringLiteral("gpt-5.1")));
    QVERIFY(!OpenAiAdapter::isReasoningModel(QStringLiteral("gpt-4o")));
    QVERIFY(!OpenAiAdapter::isReasoningModel(QStringLiteral("gpt-5-chat-latest")));
    QVERIFY(!OpenAiAdapter::isReasoningModel(QStringLiteral("omni-moderation-latest")));
}

void TestAiAdapters::finishReasons()
{
    const QList<QPair<const char *, const char *>> cases = {{"stop", "stop"},
                                                            {"length", "length"},
                                                            {"tool_calls", "tool_calls"},
                                                            {"content_filter", "content_filter"},
                                                            {"function_call", "function_call"},
                                                            {"end_turn", "stop"},
                                                            {"max_tokens", "length"},
                                                            {"tool_use", "tool_calls"},
                                                            {"eos", "stop"},
                                                            {"", "stop"},
                                                            {"whatever", "stop"}};
    for (const auto &c : cases)
        QCOMPARE(aisupport::normaliseFinishReason(QLatin1String(c.first)), QLatin1String(c.second));
}

void TestAiAdapters::malformedBodies()
{
    const QByteArray bodies[] = {
        "", "not json", "[]", "{\"choices\":5}", "{\"content\":\"x\"}", "{\"message\":3}"};
    for (const QString &p : AiConnection::providers()) {
        const ProviderAdapter &adapter = ProviderAdapter::forProvider(p);
        for (const QByteArray &body : bodies) {
            try {
                adapter.chatResponse(body, QStringLiteral("m"));
                QFAIL(qPrintable(p + QLatin1String(": accepted ") + QString::fromUtf8(body)));
            } catch (const ProviderError &e) {
                QVERIFY(e.retryable);
                QCOMPARE(e.status, 0);
                QVERIFY(!e.message.isEmpty());
            }
        }
        QVERIFY_THROWS_EXCEPTION(ProviderError, adapter.modelsResponse("{}"));
        if (p != QLatin1String("anthropic"))
            QVERIFY_THROWS_EXCEPTION(ProviderError,
                                     adapter.embeddingsResponse("{\"data\":1}", QStringLiteral("m")));
    }
}

QTEST_GUILESS_MAIN(TestAiAdapters)
