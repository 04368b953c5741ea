#include "OllamaAdapter.h"

#include <QDateTime>
#include <QHash>

#include "AdapterSupport.h"
#include "NdjsonDecoder.h"
#include "core/ApiError.h"

namespace gatehouse {

using namespace aisupport;

namespace {
QString str(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 createdFrom(const Json &json)
{
    const QDateTime dt = QDateTime::fromString(str(json, "created_at"), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toSecsSinceEpoch() : nowSeconds();
}

// Ollama tool calls → OpenAI tool calls; `counter` numbers generated ids across a response.
Json toolCallOf(const Json &call, int index)
{
    const Json &function = call.value("function", Json::object());
    const Json &arguments = function.value("arguments", Json::object());
    const QString id = str(call, "id");
    return Json{{"index", index},
                {"id", id.isEmpty() ? QStringLiteral("call_%1").arg(index).toStdString() : id.toStdString()},
                {"type", "function"},
                {"function", Json{{"name", function.value("name", Json(""))},
                                  {"arguments", arguments.is_string() ? arguments.get<std::string>()
                                                                      : dumpJson(arguments).toStdString()}}}};
}

AiUsage usageOf(const Json &json)
{
    AiUsage u;
    bool present = false;
    for (const char *key : {"prompt_eval_count", "eval_count"}) {
        const auto it = json.find(key);
        if (it == json.end() || !it->is_number())
            continue;
        present = true;
        (qstrcmp(key, "eval_count") == 0 ? u.outputTokens : u.inputTokens) = it->get<qint64>();
    }
    if (const auto it = json.find("prompt_eval_cached_count"); it != json.end() && it->is_number())
        u.cachedInputTokens = it->get<qint64>();
    u.reported = present;
    return u;
}

QString finishOf(const Json &json, bool toolCalls)
{
    if (toolCalls)
        return QStringLiteral("tool_calls");
    return str(json, "done_reason") == QLatin1String("length") ? QStringLiteral("length")
                                                               : QStringLiteral("stop");
}

class OllamaStreamTranslator : public DecodingStreamTranslator<NdjsonDecoder, QByteArray>
{
public:
    explicit OllamaStreamTranslator(const QString &model)
        : DecodingStreamTranslator(model)
    {
    }

private:
    void handle(const QByteArray &line, std::vector<Json> &chunks) override
    {
        const Json json = parseJsonOrDiscarded(line);
        if (!json.is_object())
            return;
        if (json.contains("error")) {
            m_hasError = true;
            m_error = classify(500, {}, line);
            return;
        }
        if (!m_chunks.started) {
            m_chunks.created = createdFrom(json);
            if (!str(json, "model").isEmpty())
                m_chunks.model = str(json, "model");
            m_chunks.start(chunks);
        }
        const Json &message = json.value("message", Json::object());
        const QString thinking = str(message, "thinking");
        if (!thinking.isEmpty())
            m_chunks.emitDelta(chunks, Json{{"reasoning_content", thinking.toStdString()}});
        const QString content = str(message, "content");
        if (!content.isEmpty()) {
            m_text += content;
            m_chunks.emitDelta(chunks, Json{{"content", content.toStdString()}});
        }
        const Json &calls = message.value("tool_calls", Json());
        if (calls.is_array()) {
            for (const Json &call : calls)
                m_chunks.emitDelta(chunks,
                                   Json{{"tool_calls", Json::array({toolCallOf(call, m_nextTool++)})}});
        }
        if (json.value("done", Json(false)) == true) {
            m_finishReason = finishOf(json, m_nextTool > 0);
            m_usage = usageOf(json);
            m_chunks.emitDelta(chunks, Json::object(), m_finishReason.toStdString());
            m_complete = true;
        }
    }

    int m_nextTool = 0;
};
} // namespace

Json OllamaAdapter::toChatBody(const AiConnection &connection, const Json &request)
{
    if (!request.is_object())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object."));
    Json body = Json::object();
    body["model"] = request.value("model", Json(connection.defaultModel.toStdString()));
    QHash<QString, QString> toolNames; // tool_call_id → function name
    Json messages = Json::array();
    const Json &input = request.value("messages", Json::array());
    if (!input.is_array())
        throw ApiError::badRequest(QStringLiteral("messages must be an array"));
    int position = 0;
    for (const Json &message : input) {
        const QString field = QStringLiteral("messages[%1]").arg(position++);
        if (!message.is_object())
            throw ApiError::badRequest(field + QStringLiteral(" must be an object"));
        QString role = str(message, "role");
        if (role == QLatin1String("developer"))
            role = QStringLiteral("system");
        const Json &content = message.value("content", Json());
        Json out{{"role", role.toStdString()}, {"content", contentText(content).toStdString()}};
        if (content.is_array()) {
            Json images = Json::array();
            for (const Json &part : content) {
                if (str(part, "type") != QLatin1String("image_url"))
                    continue;
                const Json &image = part.value("image_url", Json());
                const QString url = image.is_object() ? str(image, "url") : QString();
                const qsizetype comma = url.indexOf(QLatin1Char(','));
                if (url.startsWith(QLatin1String("data:")) && comma > 0)
                    images.push_back(url.mid(comma + 1).toStdString()); // Ollama takes base64 only
            }
            if (!images.empty())
                out["images"] = std::move(images);
        }
        if (role == QLatin1String("assistant") && message.value("tool_calls", Json()).is_array()) {
            Json calls = Json::array();
            int i = 0;
            for (const Json &call : message["tool_calls"]) {
                const Json &function = call.value("function", Json::object());
                const QString name = str(function, "name");
                toolNames.insert(str(call, "id"), name);
                calls.push_back(
                    Json{{"function",
                          Json{{"name", name.toStdString()},
                               {"arguments",
                                argumentsObject(
                                    function.value("arguments", Json()),
                                    field + QStringLiteral(".tool_calls[%1].function.arguments").arg(i))}}}});
                ++i;
            }
            out["tool_calls"] = std::move(calls);
        } else if (role == QLatin1String("tool")) {
            const QString name = toolNames.value(str(message, "tool_call_id"));
            if (!name.isEmpty())
                out["tool_name"] = name.toStdString();
        } else if (role != QLatin1String("system") && role != QLatin1String("user") &&
                   role != QLatin1String("assistant")) {
            throw ApiError::badRequest(field + QStringLiteral(".role '%1' is not supported").arg(role));
        }
        messages.push_back(std::move(out));
    }
    body["messages"] = std::move(messages);
    if (request.value("tools", Json()).is_array() && !request["tools"].empty())
        body["tools"] = request["tools"];

    Json options = Json::object();
    for (const char *key : {"temperature", "top_p", "seed", "frequency_penalty", "presence_penalty"}) {
        if (request.value(key, Json()).is_number())
            options[key] = request[key];
    }
    if (request.value("max_completion_tokens", Json()).is_number_integer())
        options["num_predict"] = request["max_completion_tokens"];
    else if (request.value("max_tokens", Json()).is_number_integer())
        options["num_predict"] = request["max_tokens"];
    const Json &stop = request.value("stop", Json());
    if (stop.is_string())
        options["stop"] = Json::array({stop});
    else if (stop.is_array() && !stop.empty())
        options["stop"] = stop;
    if (!options.empty())
        body["options"] = std::move(options);

    const Json &format = request.value("response_format", Json());
    if (str(format, "type") == QLatin1String("json_object"))
        body["format"] = "json";
    else if (str(format, "type") == QLatin1String("json_schema") &&
             format.value("json_schema", Json()).is_object() &&
             format["json_schema"].value("schema", Json()).is_object())
        body["format"] = format["json_schema"]["schema"];
    // Ollama streams by default: say explicitly what the caller wants.
    body["stream"] = request.value("stream", Json(false)) == true;
    mergeExtraBody(body, connection.extraBody);
    return body;
}

HttpClientRequest OllamaAdapter::baseRequest(const AiConnection &connection, const QString &path)
{
    HttpClientRequest r;
    r.url = joinUrl(connection.baseUrl, path);
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    // Ollama's cloud models take a key; a local server ignores it.
    if (!connection.apiKey.isEmpty())
        r.headers.append(
            qMakePair(QByteArray("authorization"), QByteArray("Bearer " + connection.apiKey.toUtf8())));
    applyExtraHeaders(r.headers, connection.extraHeaders);
    r.headTimeoutMs = connection.timeoutSeconds * 1000;
    r.idleTimeoutMs = connection.timeoutSeconds * 1000;
    return r;
}

HttpClientRequest OllamaAdapter::chatRequest(const AiConnection &connection, const Json &request) const
{
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/api/chat"));
    r.body = dumpJson(toChatBody(connection, request));
    return r;
}

Json OllamaAdapter::chatResponse(const QByteArray &body, const QString &model) const
{
    const Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("message", Json()).is_object())
        throw malformed(QStringLiteral("no message in the chat response"));
    const Json &in = json["message"];
    Json toolCalls = Json::array();
    if (in.value("tool_calls", Json()).is_array()) {
        int i = 0;
        for (const Json &call : in["tool_calls"]) {
            Json c = toolCallOf(call, i++);
            c.erase("index");
            toolCalls.push_back(std::move(c));
        }
    }
    const QString content = str(in, "content");
    Json message{{"role", "assistant"},
                 {"content", content.isEmpty() && !toolCalls.empty() ? Json() : Json(content.toStdString())}};
    if (!toolCalls.empty())
        message["tool_calls"] = toolCalls;
    if (!str(in, "thinking").isEmpty())
        message["reasoning_content"] = in["thinking"];
    Json out{{"id", newCompletionId().toStdString()},
             {"object", "chat.completion"},
             {"created", createdFrom(json)},
             {"model", str(json, "model").isEmpty() ? model.toStdString() : json["model"].get<std::string>()},
             {"choices",
              Json::array({Json{{"index", 0},
                                {"message", std::move(message)},
                                {"finish_reason", finishOf(json, !toolCalls.empty()).toStdString()}}})}};
    const AiUsage usage = usageOf(json);
    if (usage.reported)
        out["usage"] = usage.toOpenAi();
    return out;
}

std::unique_ptr<StreamTranslator> OllamaAdapter::streamTranslator(const QString &model) const
{
    return std::make_unique<OllamaStreamTranslator>(model);
}

HttpClientRequest OllamaAdapter::embeddingsRequest(const AiConnection &connection, const Json &request) const
{
    if (!request.is_object())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object."));
    const Json &input = request.value("input", Json());
    if (!input.is_string() && !(input.is_array() && std::all_of(input.begin(), input.end(),
                                                                [](const Json &v) { return v.is_string(); })))
        throw ApiError::badRequest(
            QStringLiteral("input must be a string or an array of strings for the ollama provider"));
    Json body{{"model", request.value("model", Json(connection.defaultModel.toStdString()))},
              {"input", input}};
    if (request.value("dimensions", Json()).is_number_integer())
        body["dimensions"] = request["dimensions"];
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/api/embed"));
    r.body = dumpJson(body);
    return r;
}

Json OllamaAdapter::embeddingsResponse(const QByteArray &body, const QString &model) const
{
    const Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("embeddings", Json()).is_array())
        throw malformed(QStringLiteral("no embeddings in the response"));
    Json data = Json::array();
    int index = 0;
    for (const Json &embedding : json["embeddings"])
        data.push_back(Json{{"object", "embedding"}, {"index", index++}, {"embedding", embedding}});
    const qint64 tokens =
        json.value("prompt_eval_count", Json(0)).is_number() ? json["prompt_eval_count"].get<qint64>() : 0;
    return Json{
        {"object", "list"},
        {"data", std::move(data)},
        {"model", str(json, "model").isEmpty() ? model.toStdString() : json["model"].get<std::string>()},
        {"usage", Json{{"prompt_tokens", tokens}, {"total_tokens", tokens}}}};
}

HttpClientRequest OllamaAdapter::modelsRequest(const AiConnection &connection) const
{
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/api/tags"));
    r.method = "GET";
    r.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) { return h.first == "content-type"; });
    return r;
}

Json OllamaAdapter::modelsResponse(const QByteArray &body) const
{
    const Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("models", Json()).is_array())
        throw malformed(QStringLiteral("no models in the tag list"));
    Json data = Json::array();
    for (const Json &m : json["models"]) {
        const QString id = str(m, "name").isEmpty() ? str(m, "model") : str(m, "name");
        if (id.isEmpty())
            continue;
        const QDateTime modified = QDateTime::fromString(str(m, "modified_at"), Qt::ISODateWithMs);
        data.push_back(Json{{"id", id.toStdString()},
                            {"object", "model"},
                            {"created", modified.isValid() ? modified.toSecsSinceEpoch() : 0},
                            {"owned_by", "library"}});
    }
    return Json{{"object", "list"}, {"data", std::move(data)}};
}

ProviderError OllamaAdapter::error(int status, const HttpClientResponseHead &head,
                                   const QByteArray &body) const
{
    return classify(status, head, body);
}
} // namespace gatehouse
