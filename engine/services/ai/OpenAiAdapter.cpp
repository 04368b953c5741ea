#include "OpenAiAdapter.h"

#include <QRegularExpression>

#include "AdapterSupport.h"
#include "SseDecoder.h"

namespace gatehouse {

using namespace aisupport;

namespace {
class OpenAiStreamTranslator : public DecodingStreamTranslator<SseDecoder, SseEvent>
{
public:
    explicit OpenAiStreamTranslator(const QString &model)
        : DecodingStreamTranslator(model)
    {
    }

private:
    void handle(const SseEvent &event, std::vector<Json> &chunks) override
    {
        const QByteArray data = event.data.trimmed();
        if (data == "[DONE]") {
            m_complete = true;
            return;
        }
        Json json = parseJsonOrDiscarded(data);
        if (!json.is_object())
            return; // keep-alive noise from some compatible servers
        if (json.contains("error") && !json["error"].is_null()) {
            m_hasError = true;
            m_error = classify(0, {}, dumpJson(json));
            const Json &err = json["error"];
            const QString type = err.is_object() && err.value("type", Json()).is_string()
                                     ? QString::fromStdString(err["type"].get<std::string>())
                                     : QString();
            m_error.type = type.isEmpty() ? QStringLiteral("api_error") : type;
            m_error.retryable = type.isEmpty() || type == QLatin1String("server_error") ||
                                type == QLatin1String("api_error") ||
                                type == QLatin1String("overloaded_error");
            if (err.is_object() && err.value("message", Json()).is_string())
                m_error.message = scrubSecrets(QString::fromStdString(err["message"].get<std::string>()));
            else if (err.is_string())
                m_error.message = scrubSecrets(QString::fromStdString(err.get<std::string>()));
            return;
        }
        // Usage may come on any chunk (some servers put it on the finish chunk).
        if (const auto usage = json.find("usage"); usage != json.end()) {
            if (usage->is_object())
                m_usage = AiUsage::fromOpenAi(*usage);
            json.erase("usage");
        }
        if (!m_chunks.started) {
            if (json.value("id", Json()).is_string() && !json["id"].get<std::string>().empty())
                m_chunks.id = QString::fromStdString(json["id"].get<std::string>());
            if (json.value("created", Json()).is_number_integer())
                m_chunks.created = json["created"].get<qint64>();
            if (json.value("model", Json()).is_string() && !json["model"].get<std::string>().empty())
                m_chunks.model = QString::fromStdString(json["model"].get<std::string>());
        }
        const auto choices = json.find("choices");
        if (choices == json.end() || !choices->is_array() || choices->empty())
            return; // the usage chunk (choices: []) is collected, not emitted

        json["id"] = m_chunks.id;
        json["object"] = "chat.completion.chunk";
        json["created"] = m_chunks.created;
        json["model"] = m_chunks.model;
        bool roleOnly = false;
        for (Json &choice : *choices) {
            if (!choice.is_object())
                continue;
            Json &delta = choice["delta"];
            if (!delta.is_object())
                delta = Json::object();
            if (const auto content = delta.find("content"); content != delta.end() && content->is_string())
                m_text += QString::fromStdString(content->get<std::string>());
            if (const auto reason = choice.find("finish_reason");
                reason != choice.end() && reason->is_string()) {
                m_finishReason = normaliseFinishReason(QString::fromStdString(reason->get<std::string>()));
                *reason = m_finishReason;
            } else {
                choice["finish_reason"] = nullptr;
            }
            if (!m_chunks.started) {
                // The upstream's own role chunk ({role, content:""[, refusal:null]}) stands as ours.
                roleOnly = delta.value("role", Json()) == "assistant" && choice["finish_reason"].is_null();
                for (auto it = delta.begin(); it != delta.end() && roleOnly; ++it) {
                    if (it.key() == "role" || it.key() == "refusal")
                        continue;
                    if (it.key() != "content" || !(it->is_null() || *it == ""))
                        roleOnly = false;
                }
                if (roleOnly)
                    delta["content"] = "";
            }
        }
        if (!m_chunks.started && roleOnly) {
            m_chunks.started = true;
            chunks.push_back(std::move(json));
            return;
        }
        m_chunks.start(chunks);
        chunks.push_back(std::move(json));
    }
};

QString modelOf(const Json &request)
{
    const auto it = request.find("model");
    return it != request.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                  : QString();
}
} // namespace

bool OpenAiAdapter::isReasoningModel(const QString &model)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:openai/)?(?:o\\d(?:$|-)|gpt-5(?!-chat)(?:$|[-.]))"));
    return re.match(model).hasMatch();
}

HttpClientRequest OpenAiAdapter::baseRequest(const AiConnection &connection, const QString &path,
                                             bool stream) const
{
    HttpClientRequest r;
    r.url = joinUrl(connection.baseUrl, path);
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    r.headers.append(
        qMakePair(QByteArray("accept"), QByteArray(stream ? "text/event-stream" : "application/json")));
    if (!connection.apiKey.isEmpty())
        r.headers.append(
            qMakePair(QByteArray("authorization"), QByteArray("Bearer " + connection.apiKey.toUtf8())));
    if (!connection.organization.isEmpty() && m_flavour == Flavour::OpenAi)
        r.headers.append(
            qMakePair(QByteArray("openai-organization"), QByteArray(connection.organization.toUtf8())));
    applyExtraHeaders(r.headers, connection.extraHeaders);
    r.headTimeoutMs = connection.timeoutSeconds * 1000;
    r.idleTimeoutMs = connection.timeoutSeconds * 1000;
    return r;
}

HttpClientRequest OpenAiAdapter::chatRequest(const AiConnection &connection, const Json &request) const
{
    Json body = request.is_object() ? request : Json::object();
    mergeExtraBody(body, connection.extraBody);
    const bool stream = body.value("stream", Json(false)) == true;
    const QString model = modelOf(body);
    const bool reasoning = m_flavour != Flavour::Xai && isReasoningModel(model);
    if ((m_flavour != Flavour::Compatible || reasoning) && body.contains("max_tokens")) {
        if (!body.contains("max_completion_tokens"))
            body["max_completion_tokens"] = body["max_tokens"];
        body.erase("max_tokens");
    }
    if (reasoning) {
        body.erase("temperature");
        body.erase("top_p");
    }
    // extra_body {"stream_options": null} is the opt-out for a compatible server that refuses
    // stream_options (usage is then estimated by the caller).
    const bool usageOptOut =
        connection.extraBody.contains("stream_options") && connection.extraBody["stream_options"].is_null();
    if (usageOptOut) {
        body.erase("stream_options");
    } else if (stream) {
        Json &options = body["stream_options"];
        if (!options.is_object())
            options = Json::object();
        options["include_usage"] = true;
    } else {
        body.erase("stream_options");
    }
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/chat/completions"), stream);
    r.body = dumpJson(body);
    return r;
}

Json OpenAiAdapter::chatResponse(const QByteArray &body, const QString &model) const
{
    Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.contains("choices") || !json["choices"].is_array())
        throw malformed(QStringLiteral("no choices in the chat completion"));
    if (!json.value("id", Json()).is_string())
        json["id"] = newCompletionId();
    json["object"] = "chat.completion";
    if (!json.value("created", Json()).is_number())
        json["created"] = nowSeconds();
    if (!json.value("model", Json()).is_string())
        json["model"] = model;
    for (Json &choice : json["choices"]) {
        if (!choice.is_object())
            throw malformed(QStringLiteral("a choice is not an object"));
        const bool hasToolCalls = choice.contains("message") && choice["message"].is_object() &&
                                  choice["message"].value("tool_calls", Json()).is_array() &&
                                  !choice["message"]["tool_calls"].empty();
        const Json reason = choice.value("finish_reason", Json());
        if (reason.is_string())
            choice["finish_reason"] =
                normaliseFinishReason(QString::fromStdString(reason.get<std::string>()));
        else
            choice["finish_reason"] = hasToolCalls ? "tool_calls" : "stop";
    }
    if (json.contains("usage") && !json["usage"].is_object())
        json.erase("usage");
    return json;
}

std::unique_ptr<StreamTranslator> OpenAiAdapter::streamTranslator(const QString &model) const
{
    return std::make_unique<OpenAiStreamTranslator>(model);
}

HttpClientRequest OpenAiAdapter::embeddingsRequest(const AiConnection &connection, const Json &request) const
{
    // extra_body is for chat parameters; embeddings pass through unchanged.
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/embeddings"), false);
    r.body = dumpJson(request);
    return r;
}

Json OpenAiAdapter::embeddingsResponse(const QByteArray &body, const QString &model) const
{
    Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("data", Json()).is_array())
        throw malformed(QStringLiteral("no data in the embeddings response"));
    json["object"] = "list";
    if (!json.value("model", Json()).is_string())
        json["model"] = model;
    return json;
}

HttpClientRequest OpenAiAdapter::modelsRequest(const AiConnection &connection) const
{
    HttpClientRequest r = baseRequest(connection, QStringLiteral("/models"), false);
    r.method = "GET";
    r.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) { return h.first == "content-type"; });
    return r;
}

Json OpenAiAdapter::modelsResponse(const QByteArray &body) const
{
    const Json json = parseJsonOrDiscarded(body);
    if (!json.is_object() || !json.value("data", Json()).is_array())
        throw malformed(QStringLiteral("no data in the model list"));
    const char *owner = m_flavour == Flavour::OpenAi ? "openai"
                        : m_flavour == Flavour::Xai  ? "xai"
                                                     : "system";
    Json data = Json::array();
    for (const Json &m : json["data"]) {
        if (!m.is_object() || !m.value("id", Json()).is_string())
            continue;
        data.push_back(
            Json{{"id", m["id"]},
                 {"object", "model"},
                 {"created", m.value("created", Json()).is_number() ? m["created"] : Json(0)},
                 {"owned_by", m.value("owned_by", Json()).is_string() ? m["owned_by"] : Json(owner)}});
    }
    return Json{{"object", "list"}, {"data", std::move(data)}};
}

ProviderError OpenAiAdapter::error(int status, const HttpClientResponseHead &head,
                                   const QByteArray &body) const
{
    return classify(status, head, body);
}
} // namespace gatehouse
