#pragma once

#include "ProviderAdapter.h"

namespace gatehouse {

// Ollama's native API: /api/chat (NDJSON stream; sampling parameters go in `options`), /api/embed
// and /api/tags. Ollama returns tool calls whole with `arguments` as an object; they become
// OpenAI tool calls with JSON-string arguments and ids `call_<n>` (n counts the calls of one
// response) when Ollama gives none. Tool results go back with `tool_name`, found from the
// assistant turn that made the call.
class OllamaAdapter : public ProviderAdapter
{
public:
    static Json toChatBody(const AiConnection &connection, const Json &request);

    HttpClientRequest chatRequest(const AiConnection &connection, const Json &request) const override;
    Json chatResponse(const QByteArray &body, const QString &model) const override;
    std::unique_ptr<StreamTranslator> streamTranslator(const QString &model) const override;
    HttpClientRequest embeddingsRequest(const AiConnection &connection, const Json &request) const override;
    Json embeddingsResponse(const QByteArray &body, const QString &model) const override;
    HttpClientRequest modelsRequest(const AiConnection &connection) const override;
    Json modelsResponse(const QByteArray &body) const override;
    ProviderError error(int status, const HttpClientResponseHead &head,
                        const QByteArray &body) const override;

private:
    static HttpClientRequest baseRequest(const AiConnection &connection, const QString &path);
};
} // namespace gatehouse
