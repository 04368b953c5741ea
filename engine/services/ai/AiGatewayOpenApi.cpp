// The drop-in's OpenAPI description, apart from the service like AiServiceOpenApi.cpp. The gate
// leaves RBAC to the drop-in (the target is known only from the alias), so the document itself
// shows only what the caller can use: chat or embeddings on at least one `ai` service.
#include "AiGatewayService.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "services/docs/AiServiceDocs.h"
#include "services/docs/OpenApiBuilder.h"

namespace gatehouse {

Json AiGatewayService::openApi(const RequestContext &caller, bool expand) const
{
    Q_UNUSED(expand);
    bool chat = caller.session.isSysAdmin();
    bool embeddings = chat;
    for (const std::shared_ptr<Service> &service : m_services.all()) {
        if (service->info().type != QLatin1String("ai") || !service->info().isActive)
            continue;
        chat = chat || (caller.allowedVerbs(service->info().id, QStringLiteral("chat")) & VerbPost);
        embeddings =
            embeddings || (caller.allowedVerbs(service->info().id, QStringLiteral("embeddings")) & VerbPost);
    }
    QList<OpenApiOperation> operations;
    if (chat)
        operations.append({"/v1/chat/completions", "post", "v1/chat/completions", "createChatCompletion",
                           "OpenAI Chat Completions; `model` is a model alias (may stream).", "ChatRequest",
                           "ChatResponse"});
    if (embeddings)
        operations.append({"/v1/embeddings", "post", "v1/embeddings", "createEmbedding",
                           "OpenAI Embeddings; `model` is a model alias.", "EmbeddingsRequest",
                           "EmbeddingsResponse"});
    if (chat || embeddings)
        operations.append({"/v1/models", "get", "v1/models", "listModels",
                           "The model aliases the caller may use.", nullptr, "ModelList"});
    Json out = Json::object();
    out["paths"] = OpenApiBuilder::pathsFromOperations(operations);
    out["components"]["schemas"] = AiServiceDocs::schemas();
    return out;
}
} // namespace gatehouse
