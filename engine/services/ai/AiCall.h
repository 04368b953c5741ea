#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include "ProviderAdapter.h"
#include "services/Service.h"

namespace gatehouse {

class AiBudgetLedger;
class AiPromptLog;
class AiService;
class AiUsageLog;
class HttpClient;
class ResponseStream;

enum class AiEndpoint
{
    Chat,
    Completion,
    Embeddings,
};

// How the answer is shaped: DreamFactory's AI Connection fields, or OpenAI's own bodies (the
// drop-in endpoint). Streams are OpenAI chunks either way.
enum class AiReplyShape
{
    DreamFactory,
    OpenAi,
};

struct AiCallSpec
{
    AiEndpoint endpoint = AiEndpoint::Chat;
    AiReplyShape shape = AiReplyShape::DreamFactory;
    Json request;         // an OpenAI request body as the caller sent it
    QString model;        // the caller's model (explicit or from an alias); empty = the default
    QString endpointName; // as the usage log names it, e.g. "chat", "v1/chat/completions"
    bool stream = false;
    bool includeUsage = false;
    int timeoutSeconds = 0; // > 0: instead of the connection's (AI endpoints have their own)
    // For an internal caller (data-chat): with `stream`, the OpenAI chunks go to this sink as
    // they arrive from the provider instead of to a ResponseStream, and `done` gets, once the
    // upstream stream ended, the same DreamFactory-shaped JSON a buffered call answers (without
    // tool_calls: the sink saw them) — or an error response. No retry or fallback once a chunk
    // reached the sink. A sink returning false has lost its client: the upstream call is
    // aborted (logged as partial) and `done` is not called.
    std::function<bool(const Json &chunk)> chunkSink;
};

// One logical LLM call: walks the service's fallback chain, retries transient failures with
// capped, jittered back-off (timers, no thread held), reserves the worst-case cost against the
// budgets before each attempt and settles the actual cost after it, writes one usage row per
// attempt, and relays streams chunk by chunk. Once the first byte of a stream reached the
// client there is no retry and no fallback: a failure ends the stream with an error event.
// Owns itself until it has answered and every upstream callback is done.
class AiCall : public QObject, public std::enable_shared_from_this<AiCall>
{
    Q_OBJECT
public:
    static void start(std::shared_ptr<AiService> primary, std::shared_ptr<const RequestContext> context,
                      AiCallSpec spec, Service::Completion done);
    ~AiCall() override;

private:
    AiCall(std::shared_ptr<AiService> primary, std::shared_ptr<const RequestContext> context, AiCallSpec spec,
           Service::Completion done);

    void nextService();
    void reserveAndAttempt();
    void attempt();
    void onHead(const HttpClientResponseHead &head);
    void onData(const QByteArray &bytes);
    void onDone(const HttpClientError *error);
    void onClientGone();

    void handleFailure(const ProviderError &error, int upstreamStatus);
    void succeed();
    void finishStream();
    void writeChunks(std::vector<Json> &chunks);
    void endStreamWithError(const QString &message);

    AiUsage usageOrEstimate(const AiUsage &reported, const QString &outputText, bool *estimated) const;
    void recordAttempt(const QString &status, int httpStatus, const QString &error, const AiUsage &usage,
                       bool estimated, double cost);
    void logPrompt(const QString &responseText);
    void settle(double cost);
    void replyError(int status, const QString &type, const QString &message, int retryAfterSeconds = -1);
    void reply(HttpResponse response);
    void release();

    std::shared_ptr<AiService> m_primary;
    std::shared_ptr<const RequestContext> m_context;
    AiCallSpec m_spec;
    Service::Completion m_done;
    std::shared_ptr<AiCall> m_self; // alive until release()

    QList<std::shared_ptr<AiService>> m_chain;
    int m_index = -1;  // position in m_chain
    int m_retry = 0;   // retries of the current service
    int m_attempt = 0; // attempts overall
    std::shared_ptr<AiService> m_service;
    // Engine-owned parts, checked before each use: a call may outlive the engine (shutdown).
    QPointer<HttpClient> m_client;
    QPointer<AiBudgetLedger> m_ledger;
    QPointer<AiUsageLog> m_usage;
    QPointer<AiPromptLog> m_prompts;
    const ProviderAdapter *m_adapter = nullptr;
    Json m_body; // the prepared request for the current service
    QString m_model;
    double m_worstCost = 0;
    quint64 m_reservation = 0;

    quint64 m_callId = 0;
    bool m_inFlight = false;
    QElapsedTimer m_attemptTimer;
    qint64 m_ttftMs = -1;
    HttpClientResponseHead m_head;
    QByteArray m_responseBody;
    std::unique_ptr<StreamTranslator> m_translator;
    std::shared_ptr<ResponseStream> m_stream;
    Json m_chunkIdentity; // id, created and model of the stream's chunks: the usage chunk repeats them
    bool m_answered = false;
    bool m_sinkStarted = false; // a chunk reached the spec's chunkSink
    ProviderError m_lastError;
    int m_lastStatus = 0;
    QElapsedTimer m_total;
};
} // namespace gatehouse
