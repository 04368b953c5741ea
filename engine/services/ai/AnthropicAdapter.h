#pragma once

#include "ProviderAdapter.h"

namespace gatehouse {

// Anthropic Messages API behind the OpenAI format: system/developer messages are hoisted into
// `system`, tool calls become tool_use blocks and tool messages tool_result blocks in a user turn
// (consecutive ones merged), `max_tokens` is always sent, temperature is clamped to Anthropic's
// 0–1. Fields without an Anthropic equivalent (n, seed, response_format, penalties, logprobs)
// are dropped. Anthropic has no embeddings endpoint (400).
class AnthropicAdapter : public ProviderAdapter
{
public:
    static constexpr const char *kVersion = "2023-06-01";

    // The Messages request body for an OpenAI chat request (exposed for tests).
    static Json toMessagesBody(const AiConnection &connection, const Json &request);
    // Anthropic `usage` → AiUsage (input includes cache reads and cache writes).
    static AiUsage usageFrom(const Json &usage);

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
    static HttpClientRequest baseRequest(const AiConnection &connection, const QString &path, bool stream);
};
} // namespace gatehouse
