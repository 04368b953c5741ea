#pragma once

#include "ProviderAdapter.h"

namespace gatehouse {

// OpenAI Chat Completions and the servers that speak it: xAI and OpenAI-compatible servers
// (vLLM, LM Studio, llama.cpp server, Ollama's /v1). The body passes through; the adapter only
// fixes what the upstream would refuse or what the gateway needs:
// - OpenAI and xAI get `max_completion_tokens` (max_tokens is deprecated there and refused by
//   OpenAI's reasoning models); compatible servers keep `max_tokens` (older servers know only
//   that one) unless the model is an OpenAI reasoning model name.
// - OpenAI reasoning models (o1, o3, o4, gpt-5 except gpt-5-chat) refuse temperature/top_p other
//   than the default, so those are dropped for them.
// - Streams always ask for `stream_options.include_usage` so usage can be priced; non-streaming
//   requests lose `stream_options` (OpenAI answers 400 to it without stream). A connection whose
//   extra_body says {"stream_options": null} never sends it (servers that refuse the field).
class OpenAiAdapter : public ProviderAdapter
{
public:
    enum class Flavour
    {
        OpenAi,
        Xai,
        Compatible
    };
    explicit OpenAiAdapter(Flavour flavour)
        : m_flavour(flavour)
    {
    }

    static bool isReasoningModel(const QString &model);

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
    HttpClientRequest baseRequest(const AiConnection &connection, const QString &path, bool stream) const;

    Flavour m_flavour;
};
} // namespace gatehouse
