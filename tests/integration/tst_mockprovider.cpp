// The mock LLM provider must be faithful to the real wire formats, or every gateway test built
// on it proves nothing. These tests read it with a raw HTTP/1.1 client so that the exact bytes,
// the chunked-transfer pieces and abrupt closes are visible.
#include <sys/resource.h>

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QtTest>

#include "MockProvider.h"

using gatehouse::Json;
using gatehouse::test::MockProvider;

namespace {

struct RawResponse
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QList<QByteArray> pieces;              // chunked-transfer chunks as written by the server
    QByteArray body;
    bool complete = false; // the terminating chunk (or the whole Content-Length) arrived
    bool timedOut = false;
    QByteArray raw;

    Json json() const { return Json::parse(body.toStdString(), nullptr, false); }
    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

struct SseEvent
{
    QByteArray event;
    QByteArray data;
    Json json() const { return Json::parse(data.toStdString(), nullptr, false); }
};

void parseRaw(RawResponse &r)
{
    const int headEnd = r.raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = r.raw.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    r.status = statusLine.value(1).toInt();
    for (int i = 1; i < lines.size(); ++i) {
        const int colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    QByteArray rest = r.raw.mid(headEnd + 4);
    if (r.headers.value("transfer-encoding") == "chunked") {
        int pos = 0;
        while (true) {
            const int eol = rest.indexOf("\r\n", pos);
            if (eol < 0)
                break;
            bool ok = false;
            const int size = rest.mid(pos, eol - pos).trimmed().toInt(&ok, 16);
            if (!ok)
                break;
            if (size == 0) {
                r.complete = true;
                break;
            }
            if (eol + 2 + size > rest.size()) {
                r.body += rest.mid(eol + 2); // a piece cut mid-way
                break;
            }
            r.pieces.append(rest.mid(eol + 2, size));
            r.body += r.pieces.last();
            pos = eol + 2 + size + 2;
        }
    } else {
        r.body = rest;
        r.complete =
            r.headers.contains("content-length") && rest.size() == r.headers.value("content-length").toInt();
    }
}

// One request on its own connection; reads until the server closes or `timeoutMs` passes.
RawResponse rawRequest(quint16 port, const QByteArray &method, const QByteArray &path,
                       const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                       int timeoutMs = 10000)
{
    RawResponse r;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return r;
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!body.isEmpty())
        request +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : headers)
        request += h.first + ": " + h.second + "\r\n";
    request += "\r\n" + body;
    socket.write(request);
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState) {
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0) {
            r.timedOut = true;
            break;
        }
        if (socket.waitForReadyRead(int(left)))
            r.raw += socket.readAll();
    }
    r.raw += socket.readAll();
    parseRaw(r);
    return r;
}

QList<SseEvent> parseSse(const QByteArray &body)
{
    QList<SseEvent> events;
    int pos = 0;
    while (pos < body.size()) {
        int end = body.indexOf("\n\n", pos);
        if (end < 0)
            end = body.size();
        SseEvent e;
        for (const QByteArray &line : body.mid(pos, end - pos).split('\n')) {
            if (line.startsWith("event:"))
                e.event = line.mid(6).trimmed();
            else if (line.startsWith("data:"))
                e.data = line.mid(5).trimmed();
        }
        if (!e.event.isEmpty() || !e.data.isEmpty())
            events.append(e);
        pos = end + 2;
    }
    return events;
}

QList<Json> parseNdjson(const QByteArray &body)
{
    QList<Json> out;
    for (const QByteArray &line : body.split('\n')) {
        if (!line.trimmed().isEmpty())
            out.append(Json::parse(line.toStdString(), nullptr, false));
    }
    return out;
}

const QList<QPair<QByteArray, QByteArray>> kOpenAiAuth = {{"Authorization", "Bearer mock-key"}};
const QList<QPair<QByteArray, QByteArray>> kAnthropicAuth = {{"x-api-key", "mock-key"},
                                                             {"anthropic-version", "2023-06-01"}};

QByteArray chatBody(bool stream, bool includeUsage = false, const char *text = "hello world")
{
    Json body = {{"model", "gpt-4o-mini"},
                 {"messages", Json::array({{{"role", "user"}, {"content", text}}})}};
    if (stream)
        body["stream"] = true;
    if (includeUsage)
        body["stream_options"] = {{"include_usage", true}};
    return QByteArray::fromStdString(body.dump());
}

QByteArray anthropicBody(bool stream)
{
    Json body = {{"model", "claude-haiku-4-5"},
                 {"max_tokens", 100},
                 {"system", "be brief"},
                 {"messages", Json::array({{{"role", "user"}, {"content", "hi there"}}})}};
    if (stream)
        body["stream"] = true;
    return QByteArray::fromStdString(body.dump());
}

} // namespace

class TestMockProvider : public QObject
{
    Q_OBJECT

private:
    MockProvider m_mock;

private slots:
    void initTestCase() { QVERIFY2(m_mock.start(), qPrintable(m_mock.errorString())); }
    void init() { QVERIFY(m_mock.reset()); }

    void openaiNonStream()
    {
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth);
        QCOMPARE(r.status, 200);
        const Json j = r.json();
        QCOMPARE(QString::fromStdString(j.value("object", "")), QStringLiteral("chat.completion"));
        QCOMPARE(QString::fromStdString(j["choices"][0]["message"]["content"].get<std::string>()),
                 QStringLiteral("echo: hello world"));
        QCOMPARE(QString::fromStdString(j["choices"][0]["finish_reason"].get<std::string>()),
                 QStringLiteral("stop"));
        // Documented estimate: ceil(chars / 4) per message and for the answer.
        QCOMPARE(j["usage"]["prompt_tokens"].get<int>(), 3);
        QCOMPARE(j["usage"]["completion_tokens"].get<int>(), 5);
        QCOMPARE(j["usage"]["total_tokens"].get<int>(), 8);
        QVERIFY(!r.header("x-request-id").isEmpty());
    }

    void openaiStreamEventOrder()
    {
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true, true), kOpenAiAuth);
        QCOMPARE(r.status, 200);
        QVERIFY(r.complete);
        QVERIFY(r.headers.value("content-type").startsWith("text/event-stream"));
        const QList<SseEvent> events = parseSse(r.body);
        QVERIFY(events.size() >= 5);
        for (const SseEvent &e : events)
            QVERIFY(e.event.isEmpty()); // OpenAI sends data lines only
        QCOMPARE(events.last().data, QByteArray("[DONE]"));

        const Json first = events[0].json();
        const std::string id = first["id"].get<std::string>();
        QCOMPARE(QString::fromStdString(first["object"].get<std::string>()),
                 QStringLiteral("chat.completion.chunk"));
        QCOMPARE(QString::fromStdString(first["choices"][0]["delta"]["role"].get<std::string>()),
                 QStringLiteral("assistant"));
        QCOMPARE(QString::fromStdString(first["choices"][0]["delta"]["content"].get<std::string>()),
                 QString());
        QVERIFY(first["choices"][0]["finish_reason"].is_null());

        QString text;
        int i = 1;
        for (; i < events.size() - 3; ++i) {
            const Json c = events[i].json();
            QCOMPARE(c["id"].get<std::string>(), id);
            QVERIFY(c.contains("usage") && c["usage"].is_null()); // include_usage: null until the end
            QVERIFY(c["choices"][0]["finish_reason"].is_null());
            text += QString::fromStdString(c["choices"][0]["delta"]["content"].get<std::string>());
        }
        QCOMPARE(text, QStringLiteral("echo: hello world"));
        const Json finish = events[i].json();
        QCOMPARE(finish["choices"][0]["delta"].dump(), std::string("{}"));
        QCOMPARE(QString::fromStdString(finish["choices"][0]["finish_reason"].get<std::string>()),
                 QStringLiteral("stop"));
        const Json usage = events[i + 1].json();
        QVERIFY(usage["choices"].is_array() && usage["choices"].empty());
        QCOMPARE(usage["usage"]["total_tokens"].get<int>(), 8);
    }

    void openaiStreamWithoutUsage()
    {
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true, false), kOpenAiAuth);
        const QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.last().data, QByteArray("[DONE]"));
        for (int i = 0; i < events.size() - 1; ++i) {
            const Json c = events[i].json();
            QVERIFY2(!c.contains("usage"), events[i].data.constData());
            QCOMPARE(c["choices"].size(), size_t(1));
        }
        // omitUsage: even a client that asks gets no usage chunk (an OpenAI-compatible server that ignores
        // it).
        QVERIFY(m_mock.script({{{"omitUsage", true}}}));
        const RawResponse o =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true, true), kOpenAiAuth);
        for (const SseEvent &e : parseSse(o.body))
            QVERIFY(e.data == "[DONE]" || !e.json()["choices"].empty());
    }

    void openaiParallelToolCallStream()
    {
        QVERIFY(m_mock.script(Json::array(
            {{{"toolCalls", Json::array({{{"name", "get_weather"}, {"arguments", {{"city", "Paris"}}}},
                                         {{"name", "get_time"}, {"arguments", {{"tz", "Europe/Paris"}}}}})},
              {"argsChunkSize", 3}}})));
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true), kOpenAiAuth);
        const QList<SseEvent> events = parseSse(r.body);
        QMap<int, QString> args, names, ids;
        QMap<int, int> fragments;
        QString finishReason;
        for (const SseEvent &e : events) {
            if (e.data == "[DONE]")
                continue;
            const Json choice = e.json()["choices"][0];
            if (choice["finish_reason"].is_string())
                finishReason = QString::fromStdString(choice["finish_reason"].get<std::string>());
            if (!choice["delta"].contains("tool_calls"))
                continue;
            for (const Json &call : choice["delta"]["tool_calls"]) {
                const int index = call["index"].get<int>();
                if (call.contains("id")) {
                    // The first delta of a call: id, type, name and empty arguments, before any fragment.
                    QVERIFY(!ids.contains(index));
                    QCOMPARE(QString::fromStdString(call["type"].get<std::string>()),
                             QStringLiteral("function"));
                    QCOMPARE(QString::fromStdString(call["function"]["arguments"].get<std::string>()),
                             QString());
                    ids[index] = QString::fromStdString(call["id"].get<std::string>());
                    names[index] = QString::fromStdString(call["function"]["name"].get<std::string>());
                } else {
                    QVERIFY(ids.contains(index));
                    QVERIFY(!call["function"].contains("name"));
                    args[index] += QString::fromStdString(call["function"]["arguments"].get<std::string>());
                    ++fragments[index];
                }
            }
        }
        QCOMPARE(finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(names.value(0), QStringLiteral("get_weather"));
        QCOMPARE(names.value(1), QStringLiteral("get_time"));
        QVERIFY(ids.value(0).startsWith(QLatin1String("call_")));
        QVERIFY(fragments.value(0) > 1 && fragments.value(1) > 1);
        QCOMPARE(args.value(0), QStringLiteral("{\"city\":\"Paris\"}"));
        QCOMPARE(args.value(1), QStringLiteral("{\"tz\":\"Europe/Paris\"}"));
    }

    void openaiNonStreamToolCall()
    {
        QVERIFY(
            m_mock.script({{{"toolCalls", Json::array({{{"name", "lookup"}, {"arguments", {{"q", 1}}}}})}}}));
        const Json j =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth).json();
        const Json msg = j["choices"][0]["message"];
        QVERIFY(msg["content"].is_null());
        QCOMPARE(QString::fromStdString(msg["tool_calls"][0]["function"]["arguments"].get<std::string>()),
                 QStringLiteral("{\"q\":1}"));
        QCOMPARE(QString::fromStdString(j["choices"][0]["finish_reason"].get<std::string>()),
                 QStringLiteral("tool_calls"));
        // The tool result goes back: the default answer reports it.
        const Json followUp = {
            {"model", "gpt-4o-mini"},
            {"messages",
             Json::array(
                 {{{"role", "user"}, {"content", "go"}},
                  {{"role", "assistant"}, {"tool_calls", msg["tool_calls"]}},
                  {{"role", "tool"}, {"tool_call_id", msg["tool_calls"][0]["id"]}, {"content", "42"}}})}};
        const Json answer = rawRequest(m_mock.port(), "POST", "/v1/chat/completions",
                                       QByteArray::fromStdString(followUp.dump()), kOpenAiAuth)
                                .json();
        QCOMPARE(QString::fromStdString(answer["choices"][0]["message"]["content"].get<std::string>()),
                 QStringLiteral("tool result: 42"));
    }

    void splitStreamReassembles()
    {
        const Json fixed =
            Json::array({{{"id", "c1"}, {"choices", Json::array({{{"delta", {{"content", "héllo"}}}}})}},
                         "data: [DONE]\n\n"});
        const QByteArray expected =
            "data: " + QByteArray::fromStdString(fixed[0].dump()) + "\n\ndata: [DONE]\n\n";
        QVERIFY(m_mock.script({{{"stream", fixed}},
                               {{"stream", fixed}, {"splitBytes", 1}},
                               {{"stream", fixed}, {"splitBytes", 7}, {"delayMs", 1}}}));
        const RawResponse whole = rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true));
        QCOMPARE(whole.body, expected);
        QCOMPARE(whole.pieces.size(), 2); // one write per event

        const RawResponse bytes = rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true));
        QVERIFY(bytes.complete);
        QCOMPARE(bytes.body, expected);
        QCOMPARE(bytes.pieces.size(), expected.size()); // every byte its own write, UTF-8 split too
        for (const QByteArray &piece : bytes.pieces)
            QCOMPARE(piece.size(), 1);

        const RawResponse sevens = rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true));
        QCOMPARE(sevens.body, expected);
        QCOMPARE(sevens.pieces.size(), int((expected.size() + 6) / 7));

        // A generated stream split at every byte still parses into the same answer.
        QVERIFY(m_mock.script({{{"splitBytes", 1}}}));
        const RawResponse gen =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true), kOpenAiAuth);
        QString text;
        for (const SseEvent &e : parseSse(gen.body)) {
            if (e.data != "[DONE]")
                text +=
                    QString::fromStdString(e.json()["choices"][0]["delta"].value("content", std::string()));
        }
        QCOMPARE(text, QStringLiteral("echo: hello world"));
        QVERIFY(gen.pieces.size() > 100);
    }

    void anthropicStreamSequence()
    {
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(true), kAnthropicAuth);
        QCOMPARE(r.status, 200);
        QVERIFY(r.complete);
        const QList<SseEvent> events = parseSse(r.body);
        QList<QByteArray> names;
        QString text;
        for (const SseEvent &e : events) {
            QCOMPARE(QByteArray::fromStdString(e.json()["type"].get<std::string>()), e.event);
            if (names.isEmpty() || names.last() != e.event || e.event != "content_block_delta")
                names.append(e.event);
            if (e.event == "content_block_delta")
                text += QString::fromStdString(e.json()["delta"]["text"].get<std::string>());
        }
        QCOMPARE(names,
                 (QList<QByteArray>{"message_start", "content_block_start", "ping", "content_block_delta",
                                    "content_block_stop", "message_delta", "message_stop"}));
        QCOMPARE(text, QStringLiteral("echo: hi there"));
        const Json start = events[0].json();
        // input_tokens: "be brief" (2) + "hi there" (2).
        QCOMPARE(start["message"]["usage"]["input_tokens"].get<int>(), 4);
        const Json delta = events[events.size() - 2].json();
        QCOMPARE(QString::fromStdString(delta["delta"]["stop_reason"].get<std::string>()),
                 QStringLiteral("end_turn"));
        QCOMPARE(delta["usage"]["output_tokens"].get<int>(), 4);
    }

    void anthropicToolUseStream()
    {
        QVERIFY(m_mock.script(
            {{{"toolCalls", Json::array({{{"name", "get_weather"}, {"arguments", {{"city", "Paris"}}}}})}}}));
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(true), kAnthropicAuth);
        QString partial, name, stop;
        int fragments = 0;
        for (const SseEvent &e : parseSse(r.body)) {
            const Json j = e.json();
            if (e.event == "content_block_start") {
                QCOMPARE(QString::fromStdString(j["content_block"]["type"].get<std::string>()),
                         QStringLiteral("tool_use"));
                QVERIFY(QString::fromStdString(j["content_block"]["id"].get<std::string>())
                            .startsWith(QLatin1String("toolu_")));
                name = QString::fromStdString(j["content_block"]["name"].get<std::string>());
            } else if (e.event == "content_block_delta") {
                QCOMPARE(QString::fromStdString(j["delta"]["type"].get<std::string>()),
                         QStringLiteral("input_json_delta"));
                partial += QString::fromStdString(j["delta"]["partial_json"].get<std::string>());
                ++fragments;
            } else if (e.event == "message_delta") {
                stop = QString::fromStdString(j["delta"]["stop_reason"].get<std::string>());
            }
        }
        QCOMPARE(name, QStringLiteral("get_weather"));
        QCOMPARE(partial, QStringLiteral("{\"city\":\"Paris\"}"));
        QVERIFY(fragments > 2);
        QCOMPARE(stop, QStringLiteral("tool_use"));
    }

    void anthropicNonStreamAndErrors()
    {
        const Json j =
            rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(false), kAnthropicAuth).json();
        QCOMPARE(QString::fromStdString(j["type"].get<std::string>()), QStringLiteral("message"));
        QCOMPARE(QString::fromStdString(j["content"][0]["text"].get<std::string>()),
                 QStringLiteral("echo: hi there"));
        QCOMPARE(QString::fromStdString(j["stop_reason"].get<std::string>()), QStringLiteral("end_turn"));

        // Extended thinking: content[0] is a thinking block, the text follows.
        QVERIFY(m_mock.script({{{"thinking", "let me think"}}}));
        const Json thought =
            rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(false), kAnthropicAuth).json();
        QCOMPARE(QString::fromStdString(thought["content"][0]["type"].get<std::string>()),
                 QStringLiteral("thinking"));
        QCOMPARE(QString::fromStdString(thought["content"][1]["text"].get<std::string>()),
                 QStringLiteral("echo: hi there"));

        const RawResponse noKey = rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(false),
                                             {{"anthropic-version", "2023-06-01"}});
        QCOMPARE(noKey.status, 401);
        QCOMPARE(QString::fromStdString(noKey.json()["type"].get<std::string>()), QStringLiteral("error"));
        QCOMPARE(QString::fromStdString(noKey.json()["error"]["type"].get<std::string>()),
                 QStringLiteral("authentication_error"));

        const RawResponse noVersion = rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(false),
                                                 {{"x-api-key", "mock-key"}});
        QCOMPARE(noVersion.status, 400);

        QVERIFY(m_mock.script(QStringLiteral("/v1/messages"), {{{"status", 529}}}));
        const RawResponse overloaded =
            rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(true), kAnthropicAuth);
        QCOMPARE(overloaded.status, 529);
        QCOMPARE(QString::fromStdString(overloaded.json()["error"]["type"].get<std::string>()),
                 QStringLiteral("overloaded_error"));

        QVERIFY(m_mock.script({{{"streamError", {{"afterEvents", 2}}}}}));
        const QList<SseEvent> events = parseSse(
            rawRequest(m_mock.port(), "POST", "/v1/messages", anthropicBody(true), kAnthropicAuth).body);
        QCOMPARE(events.last().event, QByteArray("error"));
        QCOMPARE(QString::fromStdString(events.last().json()["error"]["type"].get<std::string>()),
                 QStringLiteral("overloaded_error"));
    }

    void ollamaNative()
    {
        const QByteArray body = R"({"model":"llama3.2","messages":[{"role":"user","content":"hi there"}]})";
        const RawResponse r = rawRequest(m_mock.port(), "POST", "/api/chat", body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/x-ndjson"));
        const QList<Json> lines = parseNdjson(r.body);
        QVERIFY(lines.size() >= 2);
        QString text;
        for (int i = 0; i < lines.size() - 1; ++i) {
            QVERIFY(!lines[i]["done"].get<bool>());
            text += QString::fromStdString(lines[i]["message"]["content"].get<std::string>());
        }
        QCOMPARE(text, QStringLiteral("echo: hi there"));
        const Json last = lines.last();
        QVERIFY(last["done"].get<bool>());
        QCOMPARE(QString::fromStdString(last["done_reason"].get<std::string>()), QStringLiteral("stop"));
        QCOMPARE(last["prompt_eval_count"].get<int>(), 2);
        QCOMPARE(last["eval_count"].get<int>(), 4);
        QVERIFY(last["total_duration"].get<qint64>() > 1000); // nanoseconds

        QVERIFY(m_mock.script({{{"toolCalls", Json::array({{{"name", "f"}, {"arguments", {{"a", 1}}}}})},
                                {"omitPromptEvalCount", true}}}));
        const Json single =
            rawRequest(m_mock.port(), "POST", "/api/chat",
                       R"({"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"x"}]})")
                .json();
        QVERIFY(single["done"].get<bool>());
        QVERIFY(single["message"]["tool_calls"][0]["function"]["arguments"]
                    .is_object()); // an object, not a string
        QVERIFY(!single.contains("prompt_eval_count"));

        const Json tags = rawRequest(m_mock.port(), "GET", "/api/tags").json();
        QVERIFY(tags["models"].size() >= 1);
        QVERIFY(tags["models"][0].contains("digest"));
        const Json embed = rawRequest(m_mock.port(), "POST", "/api/embed",
                                      R"({"model":"nomic-embed-text","input":["a","b"]})")
                               .json();
        QCOMPARE(embed["embeddings"].size(), size_t(2));
    }

    void rateLimitWithRetryAfter()
    {
        QVERIFY(m_mock.script(QStringLiteral("/v1/chat/completions"),
                              {{{"status", 429}, {"headers", {{"Retry-After", "2"}}}}}));
        const RawResponse limited =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("retry-after"), QByteArray("2"));
        QCOMPARE(QString::fromStdString(limited.json()["error"]["code"].get<std::string>()),
                 QStringLiteral("rate_limit_exceeded"));
        QCOMPARE(limited.header("x-ratelimit-remaining-requests"), QByteArray("0"));
        // The step was consumed: the next call succeeds.
        QCOMPARE(
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth).status,
            200);

        QVERIFY(m_mock.script({{{"status", 500}}}));
        const RawResponse failed =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth);
        QCOMPARE(failed.status, 500);
        QCOMPARE(QString::fromStdString(failed.json()["error"]["type"].get<std::string>()),
                 QStringLiteral("server_error"));
    }

    void cutStream()
    {
        QVERIFY(m_mock.script({{{"cutAfter", 2}}}));
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true, true), kOpenAiAuth);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.timedOut);
        QVERIFY(!r.complete); // no terminating chunk: the socket was closed mid-body
        const QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.size(), 2);
        QVERIFY(!r.body.contains("[DONE]"));
    }

    void hangNeverAnswers()
    {
        QVERIFY(m_mock.script({{{"hang", true}}}));
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth, 700);
        QVERIFY(r.timedOut);
        QVERIFY(r.raw.isEmpty());
        QCOMPARE(m_mock.requests().size(), size_t(1)); // it did arrive
    }

    void malformedJsonBody()
    {
        QVERIFY(m_mock.script({{{"body", "{\"id\": \"chatcmpl-1\", \"choices\": [}"}}}));
        const RawResponse r =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY(r.json().is_discarded());
    }

    void authErrors()
    {
        const RawResponse wrong = rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false),
                                             {{"Authorization", "Bearer wrong"}});
        QCOMPARE(wrong.status, 401);
        QCOMPARE(QString::fromStdString(wrong.json()["error"]["code"].get<std::string>()),
                 QStringLiteral("invalid_api_key"));
        QCOMPARE(rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false)).status, 401);
        // xAI answers a wrong key with 400 and a string `error`.
        const RawResponse xai = rawRequest(m_mock.port(), "POST", "/xai/v1/chat/completions", chatBody(false),
                                           {{"Authorization", "Bearer wrong"}});
        QCOMPARE(xai.status, 400);
        QVERIFY(xai.json()["error"].is_string());
    }

    void embeddingsAndModels()
    {
        const QByteArray floatBody = R"({"model":"text-embedding-3-small","input":["a","b"]})";
        const QByteArray b64Body =
            R"({"model":"text-embedding-3-small","input":["a","b"],"encoding_format":"base64"})";
        const Json f = rawRequest(m_mock.port(), "POST", "/v1/embeddings", floatBody, kOpenAiAuth).json();
        const Json b = rawRequest(m_mock.port(), "POST", "/v1/embeddings", b64Body, kOpenAiAuth).json();
        QCOMPARE(f["data"].size(), size_t(2));
        const QByteArray decoded =
            QByteArray::fromBase64(QByteArray::fromStdString(b["data"][1]["embedding"].get<std::string>()));
        const Json floats = f["data"][1]["embedding"];
        QCOMPARE(decoded.size(), int(floats.size() * 4));
        for (size_t i = 0; i < floats.size(); ++i) {
            float v = 0;
            memcpy(&v, decoded.constData() + i * 4, 4); // little-endian float32 on this machine
            QCOMPARE(v, floats[i].get<float>());
        }
        const Json models = rawRequest(m_mock.port(), "GET", "/v1/models", {}, kOpenAiAuth).json();
        QCOMPARE(QString::fromStdString(models["object"].get<std::string>()), QStringLiteral("list"));
        QCOMPARE(QString::fromStdString(models["data"][0]["object"].get<std::string>()),
                 QStringLiteral("model"));
        const Json claude = rawRequest(m_mock.port(), "GET", "/v1/models", {}, kAnthropicAuth).json();
        QCOMPARE(QString::fromStdString(claude["data"][0]["type"].get<std::string>()),
                 QStringLiteral("model"));
        QVERIFY(claude.contains("has_more"));
    }

    void requestRecordingAndReset()
    {
        rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth);
        rawRequest(m_mock.port(), "GET", "/api/tags");
        Json log = m_mock.requests();
        QCOMPARE(log.size(), size_t(2));
        QCOMPARE(QString::fromStdString(log[0]["method"].get<std::string>()), QStringLiteral("POST"));
        QCOMPARE(QString::fromStdString(log[0]["headers"]["authorization"].get<std::string>()),
                 QStringLiteral("Bearer mock-key"));
        QCOMPARE(QString::fromStdString(log[0]["body"]["messages"][0]["content"].get<std::string>()),
                 QStringLiteral("hello world"));
        QCOMPARE(m_mock.requests(QStringLiteral("/api/tags")).size(), size_t(1));

        QVERIFY(m_mock.script({{{"status", 503}}, {{"status", 503}}}));
        QVERIFY(m_mock.reset());
        QCOMPARE(m_mock.requests().size(), size_t(0));
        QCOMPARE(
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth).status,
            200);
    }

    void scriptFilters()
    {
        // A step for one path or model leaves other requests alone.
        QVERIFY(m_mock.script(
            {{{"path", "/v1/embeddings"}, {"status", 500}}, {{"model", "gpt-4o"}, {"content", "scripted"}}}));
        const Json j =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(false), kOpenAiAuth).json();
        QCOMPARE(QString::fromStdString(j["choices"][0]["message"]["content"].get<std::string>()),
                 QStringLiteral("echo: hello world"));
        const QByteArray other = R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}]})";
        const Json s = rawRequest(m_mock.port(), "POST", "/v1/chat/completions", other, kOpenAiAuth).json();
        QCOMPARE(QString::fromStdString(s["choices"][0]["message"]["content"].get<std::string>()),
                 QStringLiteral("scripted"));
        QCOMPARE(
            rawRequest(m_mock.port(), "POST", "/v1/embeddings", R"({"model":"m","input":"a"})", kOpenAiAuth)
                .status,
            500);
    }

    void midStreamErrorsAndChunkKnobs()
    {
        QVERIFY(m_mock.script({{{"streamError", {{"afterEvents", 2}}}}}));
        const QList<SseEvent> openai = parseSse(
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true), kOpenAiAuth).body);
        QCOMPARE(openai.size(), 3);
        QVERIFY(
            openai.last().json()["error"].is_object()); // a data line with a top-level error, then the end

        QVERIFY(m_mock.script({{{"streamError", {{"afterEvents", 1}}}}}));
        const QList<Json> ollama =
            parseNdjson(rawRequest(m_mock.port(), "POST", "/api/chat",
                                   R"({"model":"m","messages":[{"role":"user","content":"a b"}]})")
                            .body);
        QCOMPARE(ollama.size(), 2);
        QVERIFY(ollama.last()["error"].is_string());

        // Chunk count per request header, and as a default for every request (benchmarks).
        auto contentChunks = [](const RawResponse &r) {
            int n = 0;
            for (const SseEvent &e : parseSse(r.body)) {
                if (e.data != "[DONE]" && e.json()["choices"][0]["delta"].contains("content") &&
                    !e.json()["choices"][0]["delta"].contains("role"))
                    ++n;
            }
            return n;
        };
        auto headers = kOpenAiAuth;
        headers.append(qMakePair(QByteArray("x-mock-chunks"), QByteArray("5")));
        QCOMPARE(
            contentChunks(rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true), headers)),
            5);
        QVERIFY(m_mock.configure({{"defaults", {{"chunks", 4}}}}));
        const RawResponse four =
            rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true), kOpenAiAuth);
        QCOMPARE(contentChunks(four), 4);
        QVERIFY(m_mock.reset());
        QCOMPARE(contentChunks(
                     rawRequest(m_mock.port(), "POST", "/v1/chat/completions", chatBody(true), kOpenAiAuth)),
                 3);
    }

    void manyConcurrentStreams()
    {
        // 1,000 paced streams open at once, each must arrive whole (the benchmark's shape).
        int wanted = 1000;
        rlimit limit{};
        getrlimit(RLIMIT_NOFILE, &limit);
        if (limit.rlim_cur < rlim_t(wanted + 200)) {
            limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, wanted + 200);
            setrlimit(RLIMIT_NOFILE, &limit);
        }
        wanted = int(std::min<rlim_t>(wanted, limit.rlim_cur - 200));
        QVERIFY(m_mock.configure({{"defaults", {{"chunks", 10}, {"streamMs", 1000}}}, {"record", false}}));
        const QByteArray body = chatBody(true, true);
        const QByteArray request =
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            "Authorization: Bearer mock-key\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QList<QTcpSocket *> sockets;
        QList<QByteArray> received(wanted);
        int finished = 0;
        QEventLoop loop;
        for (int i = 0; i < wanted; ++i) {
            auto *socket = new QTcpSocket(this);
            sockets.append(socket);
            connect(socket, &QTcpSocket::connected, socket, [socket, &request] { socket->write(request); });
            connect(socket, &QTcpSocket::readyRead, socket,
                    [socket, &received, i] { received[i] += socket->readAll(); });
            auto done = [&finished, &loop, wanted] {
                if (++finished == wanted)
                    loop.quit();
            };
            connect(socket, &QTcpSocket::disconnected, socket, done);
            connect(socket, &QTcpSocket::errorOccurred, socket,
                    [socket, done](QAbstractSocket::SocketError e) {
                        if (e != QAbstractSocket::RemoteHostClosedError ||
                            socket->state() == QAbstractSocket::UnconnectedState)
                            done();
                    });
            socket->connectToHost(QStringLiteral("127.0.0.1"), m_mock.port());
        }
        QTimer::singleShot(90000, &loop, &QEventLoop::quit);
        loop.exec();
        int complete = 0;
        for (int i = 0; i < wanted; ++i) {
            RawResponse r;
            r.raw = received[i];
            parseRaw(r);
            const QList<SseEvent> events = parseSse(r.body);
            // role + 10 content + finish + usage + [DONE]
            if (r.status == 200 && r.complete && events.size() == 14 && events.last().data == "[DONE]")
                ++complete;
        }
        qDeleteAll(sockets);
        QCOMPARE(complete, wanted);
        const Json stats = m_mock.control("GET", QStringLiteral("/__mock/stats"));
        QVERIFY(stats["maxActive"].get<int>() > 1); // they really overlapped
    }

    void officialOpenAiClientAgainstMock()
    {
        // The interop script, pointed at the mock itself: the official SDK accepts every shape the
        // mock produces, and the script's checks hold for a faithful OpenAI server.
        QVERIFY(m_mock.configure({{"strictModels", true}}));
        QByteArray output;
        const int rc = m_mock.runOpenAiInterop(
            m_mock.baseUrl() + QStringLiteral("/v1"), QString::fromLatin1(MockProvider::kApiKey),
            QStringLiteral("gpt-4o-mini"), QStringLiteral("text-embedding-3-small"), &output);
        if (rc == MockProvider::kNotInstalled)
            QSKIP("the openai npm package is not installed: run `npm ci` in tests/interop (setup.sh test "
                  "does)");
        QVERIFY2(rc == 0, output.constData());
        QVERIFY(output.contains("all 7 interop checks passed"));
    }
};

QTEST_GUILESS_MAIN(TestMockProvider)
#include "tst_mockprovider.moc"
