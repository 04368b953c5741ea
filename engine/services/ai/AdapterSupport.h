#pragma once

#include <vector>

#include <QByteArray>
#include <QString>
#include <QUrl>

#include "ProviderAdapter.h"

// Helpers shared by the provider adapters (not a public interface of the AI service).
namespace gatehouse::aisupport {

// base URL + "/chat/completions", keeping the base path ("/v1") and no double slash.
QUrl joinUrl(const QUrl &base, const QString &path);

// Adds `extra` to `headers`; an extra header replaces ours of the same name (case-insensitive),
// e.g. to pin another anthropic-version. AiConnection already refused auth and hop-by-hop names.
void applyExtraHeaders(QList<QPair<QByteArray, QByteArray>> &headers,
                       const QList<QPair<QByteArray, QByteArray>> &extra);

// Merges the connection's extra_body into an upstream body: objects merge recursively, other
// values from extra_body win (the administrator's setting beats the caller's).
void mergeExtraBody(Json &body, const Json &extra);

QByteArray headerValue(const HttpClientResponseHead &head, const QByteArray &lowerCaseName);

// Seconds to wait from Retry-After (seconds or HTTP-date), retry-after-ms, or the providers'
// rate-limit reset headers; -1 when none is usable.
int retryAfterSeconds(const HttpClientResponseHead &head);
// "6s", "120ms", "1m30s", "2h" (OpenAI's x-ratelimit-reset-*) → milliseconds, -1 if unparsable.
qint64 parseDurationMs(const QByteArray &text);

// Normalises any provider's finish/stop reason to OpenAI's set
// (stop, length, tool_calls, content_filter, function_call); unknown values → "stop".
QString normaliseFinishReason(const QString &reason);

// Classification shared by all providers: retryable statuses, quota markers, message and type
// extraction from the OpenAI, Anthropic, Ollama and xAI error shapes.
ProviderError classify(int status, const HttpClientResponseHead &head, const QByteArray &body);
// Masks anything that looks like an API key inside a provider message.
QString scrubSecrets(const QString &message);
// A ProviderError for a 2xx body we could not read.
ProviderError malformed(const QString &what);

// "chatcmpl-" + 24 random hex digits.
QString newCompletionId();
qint64 nowSeconds();

// Parses a JSON string containing an object; an empty string gives {}. Throws ApiError (400)
// naming `field` otherwise (Anthropic and Ollama need an object, not a string).
Json argumentsObject(const Json &arguments, const QString &field);
// Text of an OpenAI content value: a string, null, or an array of parts (text parts joined).
QString contentText(const Json &content);

// Builds OpenAI chunks for a translator: same id/created/model on each, and the role chunk
// {role:"assistant", content:""} before anything else.
class ChunkBuilder
{
public:
    QString id;
    qint64 created = 0;
    QString model;
    bool started = false;

    Json chunk(Json delta, const Json &finishReason = nullptr) const;
    // Emits the role chunk if it has not gone out yet.
    void start(std::vector<Json> &chunks);
    void emitDelta(std::vector<Json> &chunks, Json delta, const Json &finishReason = nullptr);
};

// A StreamTranslator over one decoder (SSE events or NDJSON lines). Every provider drains its
// decoder the same way and stops at its terminal event or first error; only what an item means
// differs, which `handle` says.
template <typename Decoder, typename Item>
class DecodingStreamTranslator : public StreamTranslator
{
public:
    explicit DecodingStreamTranslator(const QString &model)
    {
        m_chunks.model = model;
        m_chunks.id = newCompletionId();
        m_chunks.created = nowSeconds();
    }

    void feed(const QByteArray &bytes, std::vector<Json> &chunks) override
    {
        m_items.clear();
        m_decoder.feed(bytes, m_items);
        handleItems(chunks);
    }

    void finish(std::vector<Json> &chunks) override
    {
        m_items.clear();
        m_decoder.finish(m_items);
        handleItems(chunks);
    }

protected:
    // Called while the stream is neither complete nor failed.
    virtual void handle(const Item &item, std::vector<Json> &chunks) = 0;

    ChunkBuilder m_chunks;

private:
    void handleItems(std::vector<Json> &chunks)
    {
        for (const Item &item : m_items) {
            if (m_complete || m_hasError)
                return;
            handle(item, chunks);
        }
    }

    Decoder m_decoder;
    std::vector<Item> m_items;
};
} // namespace gatehouse::aisupport
