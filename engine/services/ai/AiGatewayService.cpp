#include "AiGatewayService.h"

#include "AiCall.h"
#include "AiService.h"
#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/AccessTypes.h"
#include "services/ServiceManager.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
// OpenAI's error body: {"error": {message, type, param, code}}.
HttpResponse openAiError(int status, const QString &message, const char *type, const char *code)
{
    return HttpResponse::json(
        Json{{"error",
              {{"message", message.toStdString()}, {"type", type}, {"param", nullptr}, {"code", code}}}},
        status);
}

const char *errorType(int status)
{
    switch (status) {
    case 401:
        return "authentication_error";
    case 403:
        return "permission_error";
    case 404:
        return "not_found_error";
    case 429:
        return "rate_limit_error";
    default:
        return status >= 500 ? "api_error" : "invalid_request_error";
    }
}
} // namespace

AiGatewayService::AiGatewayService(ServiceManager &services)
    : Service(builtInInfo())
    , m_services(services)
{
}

ServiceInfo AiGatewayService::builtInInfo()
{
    ServiceInfo info;
    info.id = 0;
    info.name = QStringLiteral("_ai");
    info.label = QStringLiteral("OpenAI-compatible AI gateway");
    info.description =
        QStringLiteral("OpenAI Chat Completions, Embeddings and Models, routed by model alias.");
    info.type = QStringLiteral("ai_gateway");
    return info;
}

QStringList AiGatewayService::accessComponents() const
{
    return {QStringLiteral("v1/chat/completions"), QStringLiteral("v1/embeddings"),
            QStringLiteral("v1/models")};
}

void AiGatewayService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    const QString resource = context->resource;
    try {
        if (resource == QLatin1String("v1/chat/completions") || resource == QLatin1String("v1/embeddings")) {
            if (context->verb != VerbPost) {
                done(openAiError(405, QStringLiteral("Use POST."), "invalid_request_error",
                                 "method_not_allowed"));
                return;
            }
            call(context, resource == QLatin1String("v1/embeddings"), done);
        } else if (resource == QLatin1String("v1/models")) {
            if (context->verb != VerbGet) {
                done(openAiError(405, QStringLiteral("Use GET."), "invalid_request_error",
                                 "method_not_allowed"));
                return;
            }
            models(*context, done);
        } else {
            done(openAiError(404, QStringLiteral("Unknown endpoint '%1'.").arg(resource),
                             "invalid_request_error", "unknown_url"));
        }
    } catch (const ApiError &e) {
        HttpResponse response =
            openAiError(e.status(), e.message(), errorType(e.status()),
                        e.status() == 429 ? "rate_limit_exceeded" : errorType(e.status()));
        if (e.status() == 429 && e.context().is_object() && e.context().contains("retry_after"))
            response.setHeader("Retry-After", QByteArray::number(e.context()["retry_after"].get<qint64>()));
        done(std::move(response));
    }
}

void AiGatewayService::call(const std::shared_ptr<const RequestContext> &context, bool embeddings,
                            Completion &done)
{
    const Json &body = context->body;
    if (!body.is_object())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object."));
    if (!body.contains("model") || !body["model"].is_string())
        throw ApiError::badRequest(QStringLiteral("'model' (a model alias) is required."));
    const QString alias = QString::fromStdString(body["model"].get<std::string>());
    const std::optional<AiAliasTarget> target =
        m_services.environment().store->snapshot()->aiAliases.resolve(alias);
    std::shared_ptr<AiService> service =
        target ? std::dynamic_pointer_cast<AiService>(m_services.findById(target->serviceId)) : nullptr;
    if (!service || !service->info().isActive) {
        done(openAiError(
            404, QStringLiteral("The model '%1' does not exist or you do not have access to it.").arg(alias),
            "invalid_request_error", "model_not_found"));
        return;
    }
    const QString component = embeddings ? QStringLiteral("embeddings") : QStringLiteral("chat");
    if (!context->session.isSysAdmin() && !context->isAllowed(service->info().id, component, VerbPost)) {
        // Indistinguishable from an unknown alias: a caller learns nothing about aliases it may not use.
        done(openAiError(
            404, QStringLiteral("The model '%1' does not exist or you do not have access to it.").arg(alias),
            "invalid_request_error", "model_not_found"));
        return;
    }
    service->checkCaller(*context);
    if (embeddings) {
        if (!body.contains("input") ||
            !(body["input"].is_string() || (body["input"].is_array() && !body["input"].empty())))
            throw ApiError::badRequest(
                QStringLiteral("'input' (a string or a non-empty array) is required."));
    } else if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty()) {
        throw ApiError::badRequest(QStringLiteral("'messages' (a non-empty array) is required."));
    }
    if (body.contains("stream") && !body["stream"].is_boolean())
        throw ApiError::badRequest(QStringLiteral("'stream' must be true or false."));
    service->countRequest(*context);

    AiCallSpec spec;
    spec.endpoint = embeddings ? AiEndpoint::Embeddings : AiEndpoint::Chat;
    spec.shape = AiReplyShape::OpenAi;
    spec.stream = !embeddings && body.value("stream", false);
    spec.includeUsage = body.contains("stream_options") && body["stream_options"].is_object() &&
                        body["stream_options"].value("include_usage", false);
    spec.model = target->model;
    spec.endpointName = embeddings ? QStringLiteral("v1/embeddings") : QStringLiteral("v1/chat/completions");
    spec.request = body;
    spec.request.erase("model");
    AiCall::start(service, context, std::move(spec), std::move(done));
}

void AiGatewayService::models(const RequestContext &context, Completion &done)
{
    const AiAliasTable &aliases = m_services.environment().store->snapshot()->aiAliases;
    Json data = Json::array();
    {
        for (const QString &alias : aliases.aliases()) {
            const std::optional<AiAliasTarget> target = aliases.resolve(alias);
            const auto service =
                target ? std::dynamic_pointer_cast<AiService>(m_services.findById(target->serviceId))
                       : nullptr;
            if (!service || !service->info().isActive)
                continue;
            if (!context.session.isSysAdmin() &&
                !context.isAllowed(service->info().id, QStringLiteral("chat"), VerbPost) &&
                !context.isAllowed(service->info().id, QStringLiteral("embeddings"), VerbPost))
                continue;
            data.push_back(Json{{"id", alias.toStdString()},
                                {"object", "model"},
                                {"created", 0},
                                {"owned_by", service->info().name.toStdString()}});
        }
    }
    done(HttpResponse::json(Json{{"object", "list"}, {"data", data}}));
}
} // namespace gatehouse
