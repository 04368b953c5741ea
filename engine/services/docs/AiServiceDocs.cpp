#include "AiServiceDocs.h"

#include <QList>
#include <QRegularExpression>

#include "OpenApiBuilder.h"
#include "services/Service.h"

namespace gatehouse {

const QList<AiServiceDocs::Operation> &AiServiceDocs::operations()
{
    static const QList<Operation> list{
        {"/", "get", "", "getAiResources", "List the endpoints of this AI connection.", nullptr,
         "ResourceList"},
        {"/chat", "post", "chat", "createChat",
         "Chat with the connection's model (OpenAI chat format; may stream).", "ChatRequest", "ChatResponse"},
        {"/completion", "post", "completion", "createCompletion",
         "A completion for a prompt (OpenAI chat format; may stream).", "ChatRequest", "ChatResponse"},
        {"/embeddings", "post", "embeddings", "createEmbeddings", "Embeddings for one or more inputs.",
         "EmbeddingsRequest", "EmbeddingsResponse"},
        {"/models", "get", "models", "listModels", "The models the connection offers.", nullptr, "ModelList"},
        {"/health", "get", "health", "getHealth", "Whether the provider answers.", nullptr, nullptr},
        {"/data-chat", "get", "data-chat", "getDataChat",
         "The data-chat configuration: model, services and tools.", nullptr, nullptr},
        {"/data-chat", "post", "data-chat", "createDataChat",
         "Ask about governed data: the model queries it through tools as the caller (may stream).",
         "ChatRequest", "ChatResponse"},
        {"/endpoint", "get", "endpoint", "listAiEndpoints", "The AI endpoints the caller may call.", nullptr,
         "ResourceList"},
        {"/endpoint/{name}", "get", "endpoint/*", "callAiEndpoint",
         "Run an AI endpoint with its parameters in the query string.", nullptr, "AiEndpointResult"},
        {"/endpoint/{name}", "post", "endpoint/*", "callAiEndpointWithBody",
         "Run an AI endpoint with its parameters in the body.", "AiEndpointRequest", "AiEndpointResult"},
        {"/usage", "get", "usage", "getUsage", "Token usage and cost of this connection (period=7d ...).",
         nullptr, nullptr},
    };
    return list;
}

Json AiServiceDocs::schemas()
{
    const Json message{
        {"type", "object"},
        {"required", Json::array({"role"})},
        {"properties",
         {{"role", {{"type", "string"}, {"enum", Json::array({"system", "user", "assistant", "tool"})}}},
          {"content", {{"nullable", true}}}}}};
    return {
        {"ChatRequest",
         {{"type", "object"},
          {"required", Json::array({"messages"})},
          {"properties",
           {{"model", {{"type", "string"}}},
            {"messages", {{"type", "array"}, {"items", message}}},
            {"stream", {{"type", "boolean"}}},
            {"max_tokens", {{"type", "integer"}}},
            {"temperature", {{"type", "number"}}},
            {"tools", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
        {"ChatResponse",
         {{"type", "object"},
          {"properties",
           {{"id", {{"type", "string"}}},
            {"model", {{"type", "string"}}},
            {"choices", {{"type", "array"}, {"items", {{"type", "object"}}}}},
            {"usage", {{"type", "object"}}}}}}},
        {"EmbeddingsRequest",
         {{"type", "object"},
          {"required", Json::array({"input"})},
          {"properties",
           {{"model", {{"type", "string"}}},
            {"input",
             {{"oneOf", Json::array({{{"type", "string"}},
                                     {{"type", "array"}, {"items", {{"type", "string"}}}}})}}}}}}},
        {"EmbeddingsResponse",
         {{"type", "object"},
          {"properties",
           {{"data", {{"type", "array"}, {"items", {{"type", "object"}}}}},
            {"model", {{"type", "string"}}},
            {"usage", {{"type", "object"}}}}}}},
        {"AiEndpointRequest", {{"type", "object"}, {"additionalProperties", true}}},
        {"AiEndpointResult",
         {{"type", "object"},
          {"properties",
           {{"content", Json::object()},
            {"model", {{"type", "string"}}},
            {"usage", {{"type", "object"}}},
            {"latency_ms", {{"type", "integer"}}}}}}},
        {"ModelList",
         {{"type", "object"},
          {"properties", {{"data", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
    };
}

Json AiServiceDocs::openApi(const Service &service)
{
    Q_UNUSED(service);
    Json paths = OpenApiBuilder::pathsFromOperations(operations());
    return {{"paths", std::move(paths)}, {"components", {{"schemas", schemas()}}}};
}
} // namespace gatehouse
