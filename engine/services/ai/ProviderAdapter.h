#pragma once

#include <memory>
#include <vector>

#include "AiConnection.h"
#include "core/Json.h"
#include "http/HttpClient.h"

namespace gatehouse {

// Token counts of one call, as the provider reported them (or estimated when it did not).
struct AiUsage
{
    qint64 inputTokens = 0;  // includes cached input tokens
    qint64 outputTokens = 0; // includes reasoning tokens
    qint64 cachedInputTokens = 0;
    qint64 reasoningTokens = 0;
    bool reported = false; // false: the provider sent none (estimate it)

    // From an OpenAI `usage` object (prompt_tokens, completion_tokens, *_details).
    static AiUsage fromOpenAi(const Json &usage);
    Json toOpenAi() const;
};

// An upstream failure, classified for retries and fallbacks.
struct ProviderError
{
    int status = 0;             // upstream HTTP status; 0 for connect/timeout/protocol errors
    bool retryable = false;     // 429, 5xx, 529, connect errors, timeouts
    int retryAfterSeconds = -1; // from Retry-After (or provider equivalents), -1 when absent
    QString type;               // OpenAI-style error type, e.g. rate_limit_error, invalid_request_error
    QString message;            // the provider's message (never contains our credentials)
};

// Turns an upstream streaming body into OpenAI `chat.completion.chunk` objects, whatever the
// provider's framing (SSE events, NDJSON lines), however the bytes are split. The first chunk
// emitted carries delta {role:"assistant", content:""}; tool calls keep their ids, names and
// argument fragments, with OpenAI's `index` per parallel call; the finish chunk carries the
// normalised finish_reason. Usage is collected (usage()), not emitted: the caller decides
// whether to send the usage chunk (stream_options.include_usage).
class StreamTranslator
{
public:
    virtual ~StreamTranslator() = default;
    virtual void feed(const QByteArray &bytes, std::vector<Json> &chunks) = 0;
    // The upstream body ended. A stream that never reached its terminal event is incomplete.
    virtual void finish(std::vector<Json> &chunks) = 0;

    bool isComplete() const { return m_complete; }
    bool hasError() const { return m_hasError; }
    const ProviderError &error() const { return m_error; } // an error event inside the stream
    const AiUsage &usage() const { return m_usage; }
    QString finishReason() const { return m_finishReason; }
    QString text() const { return m_text; } // content seen so far (for the prompt log)

protected:
    bool m_complete = false;
    bool m_hasError = false;
    ProviderError m_error;
    AiUsage m_usage;
    QString m_finishReason;
    QString m_text;
};

// One provider's wire format. The gateway's canonical format is OpenAI Chat Completions: every
// adapter takes an OpenAI request body and returns OpenAI response bodies. Stateless.
class ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;

    // `request` is a complete OpenAI chat request (model set, system prompt in place, defaults
    // applied). The adapter maps fields to the provider (e.g. max_completion_tokens for OpenAI
    // reasoning models, Anthropic's system/tool_use/tool_result blocks, Ollama's options), adds
    // auth and extra headers/body from `connection`, and sets stream framing.
    virtual HttpClientRequest chatRequest(const AiConnection &connection, const Json &request) const = 0;
    // A successful (2xx) non-streaming body → OpenAI `chat.completion` (finish_reason normalised,
    // usage in OpenAI form when the provider sent any). Throws ProviderError on malformed JSON.
    virtual Json chatResponse(const QByteArray &body, const QString &model) const = 0;
    virtual std::unique_ptr<StreamTranslator> streamTranslator(const QString &model) const = 0;

    // OpenAI embeddings request ({model, input, ...}) → provider; response → OpenAI
    // {object:"list", data:[{object:"embedding", index, embedding}], model, usage}.
    virtual HttpClientRequest embeddingsRequest(const AiConnection &connection,
                                                const Json &request) const = 0;
    virtual Json embeddingsResponse(const QByteArray &body, const QString &model) const = 0;

    // The provider's model list → OpenAI {object:"list", data:[{id, object:"model", created, owned_by}]}.
    virtual HttpClientRequest modelsRequest(const AiConnection &connection) const = 0;
    virtual Json modelsResponse(const QByteArray &body) const = 0;

    // A non-2xx answer (or a transport failure when `status` is 0) → classification.
    virtual ProviderError error(int status, const HttpClientResponseHead &head,
                                const QByteArray &body) const = 0;

    // The adapter for a provider name (openai, anthropic, xai, ollama, openai_compatible).
    static const ProviderAdapter &forProvider(const QString &provider);
};
} // namespace gatehouse
