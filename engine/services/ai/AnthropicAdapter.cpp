#include "AnthropicAdapter.h"

#include <QDateTime>

#include "AdapterSupport.h"
#include "SseDecoder.h"
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

qint64 num(const Json &object, const char *key, bool *present = nullptr)
{
    if (!object.is_object())
        return 0;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return 0;
    if (present)
        *present = true;
    return it->is_number_integer() ? it->get<qint64>() : qint64(it->get<double>());
}

// OpenAI content parts → Anthropic blocks (text and images; Anthropic-shaped blocks pass through).
Json toBlocks(const Json &content)
{
    Json blocks = Json::array();
    if (content.is_string()) {
        if (!content.get<std::string>().empty())
            blocks.push_back(Json{{"type", "text"}, {"text", content}});
        return blocks;
    }
    if (!content.is_array())
        return blocks;
    for (const Json &part : content) {
        if (!part.is_object())
            continue;
        const QString type = str(part, "type");
        if (type == QLatin1String("text") || type == QLatin1String("input_text")) {
            blocks.push_back(Json{{"type", "text"}, {"text", part.value("text", Json(""))}});
        } else if (type == QLatin1String("image_url")) {
            const Json &image = part.value("image_url", Json());
            const QString url = image.is_object()   ? str(image, "url")
                                : image.is_string() ? QString::fromStdString(image.get<std::string>())
                                                    : QString();
            if (url.startsWith(QLatin1String("data:"))) {
                const qsizetype semi = url.indexOf(QLatin1Char(';'));
                const qsizetype comma = url.indexOf(QLatin1Char(','));
                if (semi > 5 && comma > semi)
                    blocks.push_back(Json{{"type", "image"},
                                          {"source", Json{{"type", "base64"},
                                                          {"media_type", url.mid(5, semi - 5)},
                                                          {"data", url.mid(comma + 1)}}}});
            } else if (!url.isEmpty()) {
                blocks.push_back(Json{{"type", "image"}, {"source", Json{{"type", "url"}, {"url", url}}}});
            }
        } else if (type == QLatin1String("image") || type == QLatin1String("document") ||
                   type == QLatin1String("thinking") || type == QLatin1String("redacted_thinking")) {
            blocks.push_back(part);
        }
    }
    return blocks;
}

Json toolResultContent(const Json &content)
{
    if (content.is_array()) {
        Json blocks = toBlocks(content);
        return blocks.empty() ? Json("") : blocks;
    }
    return content.is_string() ? content : Json(contentText(content).toStdString());
}

Json toolChoice(const Json &choice, bool parallelDisabled)
{
    Json out;
    if (choice.is_string()) {
        const std::string s = choice.get<std::string>();
        if (s == "required")
            out = Json{{"type", "any"}};
        else if (s == "none")
            out = Json{{"type", "none"}};
        else
            out = Json{{"type", "auto"}};
    } else if (choice.is_object() && choice.value("function", Json()).is_object()) {
        out = Json{{"type", "tool"}, {"name", choice["function"].value("name", Json(""))}};
    } else if (parallelDisabled) {
        out = Json{{"type", "auto"}};
    }
    if (parallelDisabled && out.is_object() && out["type"] != "none")
        out["disable_parallel_tool_use"] = true;
    return out;
}

class AnthropicStreamTranslator : public DecodingStreamTranslator<SseDecoder, SseEvent>
{
public:
    explicit AnthropicStreamTranslator(const QString &model)
        : DecodingStreamTranslator(model)
    {
    }

private:
    void handle(const SseEvent &event, std::vector<Json> &chunks) override
    {
        const Json json = parseJsonOrDiscarded(event.data);
        if (!json.is_object())
            return;
        QString type = str(json, "type");
        if (type.isEmpty())
            type = QString::fromUtf8(event.event);

        if (type == QLatin1String("message_start")) {
            const Json &message = json.value("message", Json());
            if (!str(message, "id").isEmpty())
                m_chunks.id = str(message, "id");
            if (!str(message, "model").isEmpty())
                m_chunks.model = str(message, "model");
            updateUsage(message.value("usage", Json()));
            m_chunks.start(chunks);
        } else if (type == QLatin1String("content_block_start")) {
            const Json &block = json.value("content_block", Json());
            const QString blockType = str(block, "type");
            if (blockType == QLatin1String("tool_use")) {
                // Tool calls are numbered on their own: the Anthropic block index also counts
                // text and thinking blocks.
                const int toolIndex = m_nextTool++;
                m_toolIndex.insert(num(json, "index"), toolIndex);
                m_sawTool = true;
                m_chunks.emitDelta(
                    chunks, Json{{"tool_calls",
                                  Json::array({Json{{"index", toolIndex},
                                                    {"id", block.value("id", Json(""))},
                                                    {"type", "function"},
                                                    {"function", Json{{"name", block.value("name", Json(""))},
                                                                      {"arguments", ""}}}}})}});
                const Json &input = block.value("input", Json());
                if (input.is_object() && !input.empty())
                    emitArguments(chunks, toolIndex, dumpJson(input));
            } else if (blockType == QLatin1String("text")) {
                const QString text = str(block, "text");
                if (!text.isEmpty())
                    emitText(chunks, text);
            }
        } else if (type == QLatin1String("content_block_delta")) {
            const Json &delta = json.value("delta", Json());
            const QString deltaType = str(delta, "type");
            if (deltaType == QLatin1String("text_delta")) {
                emitText(chunks, str(delta, "text"));
            } else if (deltaType == QLatin1String("input_json_delta")) {
                const auto tool = m_toolIndex.constFind(num(json, "index"));
                const QString fragment = str(delta, "partial_json");
                if (tool != m_toolIndex.constEnd() && !fragment.isEmpty())
                    emitArguments(chunks, *tool, fragment.toUtf8());
            } else if (deltaType == QLatin1String("thinking_delta")) {
                // Visible reasoning goes out the way xAI and DeepSeek stream it.
                const QString thinking = str(delta, "thinking");
                if (!thinking.isEmpty())
                    m_chunks.emitDelta(chunks, Json{{"reasoning_content", thinking.toStdString()}});
            }
        } else if (type == QLatin1String("message_delta")) {
            const Json &delta = json.value("delta", Json());
            const QString stop = str(delta, "stop_reason");
            m_finishReason = normaliseFinishReason(stop.isEmpty() ? QStringLiteral("end_turn") : stop);
            updateUsage(json.value("usage", Json()));
            emitFinish(chunks);
        } else if (type == QLatin1String("message_stop")) {
            if (m_finishReason.isEmpty())
                m_finishReason = m_sawTool ? QStringLiteral("tool_calls") : QStringLiteral("stop");
            emitFinish(chunks);
            m_complete = true;
        } else if (type == QLatin1String("error")) {
            const Json &err = json.value("error", Json());
            m_hasError = true;
            m_error.type = str(err, "type").isEmpty() ? QStringLiteral("api_error") : str(err, "type");
            m_error.message = scrubSecrets(str(err, "message"));
            if (m_error.message.isEmpty())
                m_error.message = QStringLiteral("the provider reported an error in the stream");
            // The HTTP status stays 200 in a stream; `status` carries the status the same error
            // has outside a stream, so the caller can treat both alike.
            m_error.status = m_error.type == QLatin1String("overloaded_error")        ? 529
                             : m_error.type == QLatin1String("rate_limit_error")      ? 429
                             : m_error.type == QLatin1String("timeout_error")         ? 504
                             : m_error.type == QLatin1String("invalid_request_error") ? 400
                                                                                      : 500;
            m_error.retryable = m_error.status >= 500 || m_error.status == 429;
        }
        // ping and unknown event types are ignored, as Anthropic asks of clients.
    }

    void updateUsage(const Json &usage)
    {
        if (!usage.is_object())
            return;
        // message_start carries the final input counts; message_delta the cumulative output and
        // sometimes the input counts again.
        bool present = false;
        const qint64 input = num(usage, "input_tokens", &present);
        const qint64 cacheRead = num(usage, "cache_read_input_tokens", &present);
        const qint64 cacheWrite = num(usage, "cache_creation_input_tokens", &present);
        if (usage.contains("input_tokens") || usage.contains("cache_read_input_tokens")) {
            m_usage.inputTokens = input + cacheRead + cacheWrite;
            m_usage.cachedInputTokens = cacheRead;
        }
        if (usage.contains("output_tokens"))
            m_usage.outputTokens = num(usage, "output_tokens", &present);
        if (present)
            m_usage.reported = true;
    }

    void emitText(std::vector<Json> &chunks, const QString &text)
    {
        if (text.isEmpty())
            return;
        m_text += text;
        m_chunks.emitDelta(chunks, Json{{"content", text}});
    }

    void emitArguments(std::vector<Json> &chunks, int toolIndex, const QByteArray &fragment)
    {
        m_chunks.emitDelta(
            chunks, Json{{"tool_calls",
                          Json::array({Json{{"index", toolIndex},
                                            {"function", Json{{"arguments", fragment.toStdString()}}}}})}});
    }

    void emitFinish(std::vector<Json> &chunks)
    {
        if (m_finishSent)
            return;
        m_finishSent = true;
        m_chunks.emitDelta(chunks, Json::object(), m_finishReason.toStdString());
    }

    QHash<qint64, int> m_toolIndex; // Anthropic block index → OpenAI tool call index
    int m_nextTool = 0;
    bool m_sawTool = false;
    bool m_finishSent = false;
};
} // namespace

AiUsage AnthropicAdapter::usageFrom(const Json &usage)
{
    AiUsage u;
    if (!usage.is_object())
        return u;
    bool present = false;
    const qint64 input = num(usage, "input_tokens", &present);
    const qint64 cacheRead = num(usage, "cache_read_input_tokens", &present);
    const qint64 cacheWrite = num(usage, "cache_creation_input_tokens", &present);
    u.inputTokens = input + cacheRead + cacheWrite;
    u.cachedInputTokens = cacheRead;
    u.outputTokens = num(usage, "output_tokens", &present);
    u.reported = present;
    return u;
}

Json AnthropicAdapter::toMessagesBody(const AiConnection &connection, const Json &request)
{
    if (!request.is_object())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object."));
    Json body = Json::object();
    body["model"] = request.value("model", Json(connection.defaultModel.toStdString()));

    QStringList system;
    Json messages = Json::array();
    bool lastFromTool = false; // the last Anthropic message is a user turn built from tool results
    const Json &input = request.value("messages", Json::array());
    if (!input.is_array())
        throw ApiError::badRequest(QStringLiteral("messages must be an array"));
    int position = 0;
    for (const Json &message : input) {
        const QString field = QStringLiteral("messages[%1]").arg(position++);
        if (!message.is_object())
            throw ApiError::badRequest(field + QStringLiteral(" must be an object"));
        const QString role = str(message, "role");
        const Json &content = message.value("content", Json());
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            const QString text = contentText(content);
            if (!text.isEmpty())
                system << text;
            continue;
        }
        if (role == QLatin1String("tool")) {
            Json block{{"type", "tool_result"},
                       {"tool_use_id", message.value("tool_call_id", Json(""))},
                       {"content", toolResultContent(content)}};
            if (lastFromTool) {
                messages.back()["content"].push_back(std::move(block));
            } else {
                messages.push_back(Json{{"role", "user"}, {"content", Json::array({std::move(block)})}});
                lastFromTool = true;
            }
            continue;
        }
        if (role == QLatin1String("user")) {
            if (lastFromTool) {
                // Text after tool results belongs to the same user turn, after the results.
                for (Json &block : toBlocks(content))
                    messages.back()["content"].push_back(std::move(block));
                lastFromTool = false;
                continue;
            }
            messages.push_back(
                Json{{"role", "user"}, {"content", content.is_string() ? content : toBlocks(content)}});
            continue;
        }
        if (role == QLatin1String("assistant")) {
            lastFromTool = false;
            Json blocks = toBlocks(content);
            const Json &calls = message.value("tool_calls", Json());
            if (calls.is_array()) {
                int i = 0;
                for (const Json &call : calls) {
                    const QString callField = field + QStringLiteral(".tool_calls[%1]").arg(i++);
                    const Json &function = call.value("function", Json::object());
                    blocks.push_back(
                        Json{{"type", "tool_use"},
                             {"id", call.value("id", Json(""))},
                             {"name", function.value("name", Json(""))},
                             {"input", argumentsObject(function.value("arguments", Json()),
                                                       callField + QStringLiteral(".function.arguments"))}});
                }
            }
            if (blocks.empty())
                continue; // Anthropic refuses empty assistant turns
            const bool plainText = blocks.size() == 1 && blocks[0]["type"] == "text" && content.is_string();
            messages.push_back(Json{{"role", "assistant"}, {"content", plainText ? content : blocks}});
            continue;
        }
        throw ApiError::badRequest(field + QStringLiteral(".role '%1' is not supported").arg(role));
    }
    if (!system.isEmpty())
        body["system"] = system.join(QStringLiteral("\n\n")).toStdString();
    body["messages"] = std::move(messages);

    qint64 maxTokens = connection.maxTokens;
    if (request.value("max_completion_tokens", Json()).is_number_integer())
        maxTokens = request["max_completion_tokens"].get<qint64>();
    else if (request.value("max_tokens", Json()).is_number_integer())
        maxTokens = request["max_tokens"].get<qint64>();
    body["max_tokens"] = maxTokens;

    if (request.value("temperature", Json()).is_number())
        body["temperature"] = qBound(0.0, request["temperature"].get<double>(), 1.0);
    if (request.value("top_p", Json()).is_number())
        body["top_p"] = request["top_p"];
    if (request.value("top_k", Json()).is_number())
        body["top_k"] = request["top_k"];
    const Json &stop = request.value("stop", Json());
    if (stop.is_string())
        body["stop_sequences"] = Json::array({stop});
    else if (stop.is_array() && !stop.empty())
        body["stop_sequences"] = stop;
    if (request.value("stream", Json(false)) == true)
        body["stream"] = true;
    if (request.value("user", Json()).is_string())
        body["metadata"] = Json{{"user_id", request["user"]}};

    const Json &tools = request.value("tools", Json());
    if (tools.is_array() && !tools.empty()) {
        Json out = Json::array();
        for (const Json &tool : tools) {
            if (!tool.is_object() || tool.value("type", Json("function")) != "function")
                continue;
            const Json &function = tool.value("function", Json::object());
            Json schema = function.value("parameters", Json());
            if (!schema.is_object())
                schema = Json{{"type", "object"}, {"properties", Json::object()}};
            Json t{{"name", function.value("name", Json(""))}, {"input_schema", std::move(schema)}};
            if (function.value("description", Json()).is_string())
                t["description"] = function["description"];
            out.push_back(std::move(t));
        }
        body["tools"] = std::move(out);
        const bool parallelDisabled = request.value("parallel_tool_calls", Json(true)) == false;
        const Json choice = toolChoice(request.value("tool_choice", Json()), parallelDisabled);
        if (!choice.is_null())
            body["tool_choice"] = choice;
    }
    mergeExtraBody(body, connection.extraBody);
    return body;
}

HttpClientRequest AnthropicAdapter::baseRequest(const AiConnection &connection, const QString &path,
                                                bool stream)
{
    HttpClientRequest r;
    r.url = joinUrl(connection.baseUrl, path);
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    r.headers.append(
        qMakePair(QByteArray("accept"), QByteArray(stream ? "text/event-stream" : "application/json")));
    r.headers.append(qMakePair(QByteArray("x-api-key"), QByteArray(connection.apiKey.toUtf8())));
    r.headers.append(qMakePair(QByteArray("anthropic-version"), QByteArray(kVersion)));
    applyExtraHeaders(r.headers, connection.extraHeaders);
    r.headTimeoutMs = connection.timeoutSeconds * 1000;
    r.idleTimeoutMs = connection.timeoutSeconds * 1000;
    return r;
}

HttpClientRequest AnthropicAdapter::chatRequest(const AiConnection &connection, const Json &request) const
{
    const Json body = toMessagesBody(connection, request);
    HttpClientRequest r =
        baseRequest(connection, QStringLiteral("/messages"), body.value("stream", Json(false)) == true);
    r.body = dumpJson(body);
    return r;
}

Json AnthropicAdapter::chatResponse(const QByteArray &body, const QString &model) const
{
    const Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("content", Json()).is_array())
        throw malformed(QStringLiteral("no content in the message"));
    QString text;
    QString reasoning;
    Json toolCalls = Json::array();
    for (const Json &block : json["content"]) {
        const QString type = str(block, "type");
        if (type == QLatin1String("text")) {
            text += str(block, "text");
        } else if (type == QLatin1String("thinking")) {
            reasoning += str(block, "thinking");
        } else if (type == QLatin1String("tool_use")) {
            const Json &input = block.value("input", Json::object());
            toolCalls.push_back(Json{
                {"id", block.value("id", Json(""))},
                {"type", "function"},
                {"function",
                 Json{{"name", block.value("name", Json(""))},
                      {"arguments", dumpJson(input.is_object() ? input : Json::object()).toStdString()}}}});
        }
    }
    Json message{{"role", "assistant"},
                 {"content", text.isEmpty() && !toolCalls.empty() ? Json() : Json(text.toStdString())}};
    if (!toolCalls.empty())
        message["tool_calls"] = std::move(toolCalls);
    if (!reasoning.isEmpty())
        message["reasoning_content"] = reasoning.toStdString();
    const QString stop = str(json, "stop_reason");
    QString finish = normaliseFinishReason(stop.isEmpty() ? QStringLiteral("end_turn") : stop);
    Json out{{"id", json.value("id", Json(newCompletionId().toStdString()))},
             {"object", "chat.completion"},
             {"created", nowSeconds()},
             {"model", str(json, "model").isEmpty() ? model.toStdString() : json["model"].get<std::string>()},
             {"choices",
              Json::array({Json{
                  {"index", 0}, {"message", std::move(message)}, {"finish_reason", finish.toStdString()}}})}};
    const AiUsage usage = usageFrom(json.value("usage", Json()));
    if (usage.reported)
        out["usage"] = usage.toOpenAi();
    return out;
}

std::unique_ptr<StreamTranslator> AnthropicAdapter::streamTranslator(const QString &model) const
{
    return std::make_unique<AnthropicStreamTranslator>(model);
}

HttpClientRequest AnthropicAdapter::embeddingsRequest(const AiConnection &, const Json &) const
{
    throw ApiError::badRequest(QStringLiteral("The anthropic provider does not offer embeddings."));
}

Json AnthropicAdapter::embeddingsResponse(const QByteArray &, const QString &) const
{
    throw ApiError::badRequest(QStringLiteral("The anthropic provider does not offer embeddings."));
}

HttpClientRequest AnthropicAdapter::modelsRequest(const AiConnection &connection) const
{
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/models"), false);
    r.url.setQuery(QStringLiteral("limit=1000"));
    r.method = "GET";
    r.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) { return h.first == "content-type"; });
    return r;
}

Json AnthropicAdapter::modelsResponse(const QByteArray &body) const
{
    const Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("data", Json()).is_array())
        throw malformed(QStringLiteral("no data in the model list"));
    Json data = Json::array();
    for (const Json &m : json["data"]) {
        if (str(m, "id").isEmpty())
            continue;
        const QDateTime created = QDateTime::fromString(str(m, "created_at"), Qt::ISODateWithMs);
        data.push_back(Json{{"id", m["id"]},
                            {"object", "model"},
                            {"created", created.isValid() ? created.toSecsSinceEpoch() : 0},
                            {"owned_by", "anthropic"}});
    }
    return Json{{"object", "list"}, {"data", std::move(data)}};
}

ProviderError AnthropicAdapter::error(int status, const HttpClientResponseHead &head,
                                      const QByteArray &body) const
{
    return classify(status, head, body);
}
} // namespace gatehouse
