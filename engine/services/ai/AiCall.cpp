#include "AiCall.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include "AiCost.h"
#include "AiService.h"
#include "core/ApiError.h"
#include "http/HttpClient.h"
#include "http/ResponseStream.h"
#include "security/AiBudgetLedger.h"
#include "security/PiiRedactor.h"
#include "services/ServiceManager.h"
#include "store/AiPromptLog.h"
#include "store/AiUsageLog.h"

namespace gatehouse {
namespace {
constexpr int kBaseBackoffMs = 250;
constexpr int kMaxBackoffMs = 8000;
constexpr int kMaxRetryAfterSeconds = 10; // longer waits go to the next service instead
constexpr qsizetype kMaxResponseBytes = 32 * 1024 * 1024;

QByteArray sse(const Json &value)
{
    QByteArray out("data: ");
    out += dumpJson(value);
    out += "\n\n";
    return out;
}

} // namespace

void AiCall::start(std::shared_ptr<AiService> primary, std::shared_ptr<const RequestContext> context,
                   AiCallSpec spec, Service::Completion done)
{
    std::shared_ptr<AiCall> call(
        new AiCall(std::move(primary), std::move(context), std::move(spec), std::move(done)));
    call->m_self = call;
    call->m_chain = call->m_primary->fallbackChain();
    call->m_total.start();
    call->nextService();
}

AiCall::AiCall(std::shared_ptr<AiService> primary, std::shared_ptr<const RequestContext> context,
               AiCallSpec spec, Service::Completion done)
    : m_primary(std::move(primary))
    , m_context(std::move(context))
    , m_spec(std::move(spec))
    , m_done(std::move(done))
{
}

AiCall::~AiCall() = default;

void AiCall::nextService()
{
    ++m_index;
    m_retry = 0;
    if (m_index >= m_chain.size()) {
        // Every service in the chain failed (or refused): the last failure speaks for them.
        if (m_lastError.status == 503 && m_lastError.type.isEmpty())
            replyError(503, QStringLiteral("service_unavailable"), m_lastError.message);
        else if (m_lastStatus == 429 || m_lastError.status == 429)
            replyError(429, QStringLiteral("rate_limit_error"),
                       m_lastError.message.isEmpty()
                           ? QStringLiteral("The provider is rate limiting requests.")
                           : m_lastError.message,
                       m_lastError.retryAfterSeconds);
        else if (m_lastError.status == 0 && m_lastError.type == QLatin1String("timeout"))
            replyError(504, QStringLiteral("timeout"), m_lastError.message);
        else
            replyError(502, QStringLiteral("upstream_error"),
                       m_lastError.message.isEmpty() ? QStringLiteral("The AI provider could not be reached.")
                                                     : m_lastError.message);
        release();
        return;
    }
    m_service = m_chain.at(m_index);
    const ServiceEnvironment &env = m_service->environment();
    m_client = env.httpClient;
    m_ledger = env.aiBudgets;
    m_usage = env.aiUsage;
    m_prompts = env.aiPrompts;
    const AiConnection &connection = m_service->connection();
    m_adapter = &ProviderAdapter::forProvider(connection.provider);
    // The caller's model applies to the service it named; a fallback answers with its own default.
    const QString model = m_index == 0 ? m_spec.model : QString();
    try {
        m_body = m_service->prepareRequest(m_spec.request, model, m_spec.endpoint == AiEndpoint::Embeddings);
    } catch (const ApiError &e) {
        if (m_index == 0) {
            replyError(e.status(), QStringLiteral("invalid_request_error"), e.message());
            release();
            return;
        }
        spdlog::warn("AI fallback '{}' skipped: {}", m_service->info().name.toStdString(),
                     e.message().toStdString());
        nextService();
        return;
    }
    m_model = QString::fromStdString(m_body.value("model", std::string()));
    if (m_spec.stream) {
        m_body["stream"] = true;
        // Ask every OpenAI-format upstream for usage: cost is computed whether or not the caller
        // wants the usage chunk.
        m_body["stream_options"] = Json{{"include_usage", true}};
    } else {
        m_body.erase("stream");
        m_body.erase("stream_options");
    }
    reserveAndAttempt();
}

void AiCall::reserveAndAttempt()
{
    const AiConnection &connection = m_service->connection();
    const AiPrice price = connection.priceFor(m_model);
    const qint64 inputEstimate = AiCost::estimateRequestTokens(m_body);
    const qint64 maxOutput =
        m_spec.endpoint == AiEndpoint::Embeddings
            ? 0
            : m_body.value("max_completion_tokens", m_body.value("max_tokens", qint64(connection.maxTokens)));
    AiUsage worst;
    worst.inputTokens = inputEstimate;
    worst.outputTokens = maxOutput;
    m_worstCost = AiCost::cost(worst, price);

    AiBudgetLedger *ledger = m_ledger;
    if (!ledger) {
        attempt();
        return;
    }
    AiBudgetSubject subject;
    subject.serviceId = m_service->info().id;
    const Session &session = m_context->session;
    if (session.user)
        subject.userId = session.user->id;
    if (session.role)
        subject.roleId = session.role->id;
    if (session.app)
        subject.appId = session.app->id;
    subject.serviceMonthlyBudget = connection.monthlyBudget;
    QPointer<AiCall> self(this);
    ledger->reserve(subject, m_worstCost, [self](AiBudgetVerdict verdict) {
        if (!self)
            return;
        if (verdict.allowed) {
            self->m_reservation = verdict.reservation;
            self->attempt();
            return;
        }
        // A hard budget of this service is spent: its fallback (with its own budgets) may answer.
        self->m_lastError = ProviderError{};
        self->m_lastError.status = verdict.failureStatus;
        self->m_lastError.retryAfterSeconds = int(verdict.retryAfterSeconds);
        self->m_lastError.message = verdict.message;
        self->m_lastStatus = verdict.failureStatus;
        self->recordAttempt(QStringLiteral("error"), verdict.failureStatus, verdict.message, AiUsage{}, false,
                            0);
        self->nextService();
    });
}

void AiCall::attempt()
{
    ++m_attempt;
    const AiConnection &connection = m_service->connection();
    HttpClientRequest request = m_spec.endpoint == AiEndpoint::Embeddings
                                    ? m_adapter->embeddingsRequest(connection, m_body)
                                    : m_adapter->chatRequest(connection, m_body);
    const int timeoutMs =
        qMax(1, m_spec.timeoutSeconds > 0 ? m_spec.timeoutSeconds : connection.timeoutSeconds) * 1000;
    request.headTimeoutMs = timeoutMs;
    request.idleTimeoutMs = timeoutMs;
    m_head = HttpClientResponseHead{};
    m_responseBody.clear();
    m_translator.reset();
    m_ttftMs = -1;
    m_attemptTimer.start();
    HttpClient *client = m_client;
    if (!client) {
        replyError(500, QStringLiteral("server_error"), QStringLiteral("The AI gateway has no HTTP client."));
        release();
        return;
    }
    QPointer<AiCall> self(this);
    HttpClientHandlers handlers;
    handlers.head = [self](const HttpClientResponseHead &head) {
        if (self)
            self->onHead(head);
    };
    handlers.data = [self](const QByteArray &bytes) {
        if (self)
            self->onData(bytes);
    };
    handlers.done = [self](const HttpClientError *error) {
        if (self)
            self->onDone(error);
    };
    m_inFlight = true;
    m_callId = client->start(std::move(request), std::move(handlers));
}

void AiCall::onHead(const HttpClientResponseHead &head)
{
    m_head = head;
    const bool ok = head.status >= 200 && head.status < 300;
    if (!ok || !m_spec.stream)
        return;
    m_translator = m_adapter->streamTranslator(m_model);
    if (m_stream || m_spec.chunkSink)
        return;
    // The upstream accepted the call: from here on the client gets a 200 and the chunks.
    m_stream = std::make_shared<ResponseStream>();
    QPointer<AiCall> self(this);
    connect(m_stream.get(), &ResponseStream::cancelled, this, [self] {
        if (self)
            self->onClientGone();
    });
    HttpResponse response;
    response.status = 200;
    response.contentType = "text/event-stream";
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    response.stream = m_stream;
    reply(std::move(response));
}

void AiCall::onData(const QByteArray &bytes)
{
    if (m_translator) {
        std::vector<Json> chunks;
        m_translator->feed(bytes, chunks);
        writeChunks(chunks);
        return;
    }
    if (m_responseBody.size() + bytes.size() > kMaxResponseBytes) {
        // Far beyond any chat answer: stop reading rather than buffer without bound.
        if (m_client)
            m_client->abort(m_callId);
        m_inFlight = false;
        ProviderError error;
        error.message = QStringLiteral("The provider's answer exceeded %1 MB.").arg(kMaxResponseBytes >> 20);
        handleFailure(error, 502);
        return;
    }
    m_responseBody += bytes;
}

void AiCall::writeChunks(std::vector<Json> &chunks)
{
    if (m_spec.chunkSink) {
        for (const Json &chunk : chunks) {
            if (m_chunkIdentity.is_null() && chunk.is_object())
                m_chunkIdentity = Json{{"model", chunk.value("model", Json())}};
            if (m_ttftMs < 0)
                m_ttftMs = m_total.elapsed();
            m_sinkStarted = true;
            if (!m_spec.chunkSink(chunk)) {
                chunks.clear();
                onClientGone();
                return;
            }
        }
        chunks.clear();
        return;
    }
    if (!m_stream || m_stream->isCancelled())
        return;
    for (Json &chunk : chunks) {
        if (m_chunkIdentity.is_null() && chunk.is_object())
            m_chunkIdentity = Json{{"id", chunk.value("id", Json())},
                                   {"created", chunk.value("created", Json())},
                                   {"model", chunk.value("model", Json())}};
        if (m_ttftMs < 0)
            m_ttftMs = m_total.elapsed();
        m_stream->write(sse(chunk));
    }
    chunks.clear();
}

void AiCall::onDone(const HttpClientError *error)
{
    m_inFlight = false;
    if (error) {
        ProviderError failure;
        failure.retryable = true;
        failure.type = error->kind == HttpClientError::Timeout ? QStringLiteral("timeout")
                                                               : QStringLiteral("connection_error");
        failure.message =
            error->kind == HttpClientError::Timeout
                ? QStringLiteral("The AI provider did not answer in time.")
                : QStringLiteral("The AI provider could not be reached: %1").arg(error->message);
        if (m_stream || m_sinkStarted) {
            // Bytes already reached the client: no retry, no fallback.
            std::vector<Json> chunks;
            if (m_translator)
                m_translator->finish(chunks);
            writeChunks(chunks);
            bool estimated = false;
            const AiUsage usage =
                usageOrEstimate(m_translator ? m_translator->usage() : AiUsage{},
                                m_translator ? m_translator->text() : QString(), &estimated);
            const double cost = AiCost::cost(usage, m_service->connection().priceFor(m_model));
            recordAttempt(QStringLiteral("partial"), m_head.status, failure.message, usage, estimated, cost);
            settle(cost);
            endStreamWithError(failure.message);
            release();
            return;
        }
        handleFailure(failure, 0);
        return;
    }
    if (m_head.status < 200 || m_head.status >= 300) {
        handleFailure(m_adapter->error(m_head.status, m_head, m_responseBody), m_head.status);
        return;
    }
    if (m_translator)
        finishStream();
    else
        succeed();
}

void AiCall::onClientGone()
{
    if (!m_inFlight)
        return;
    // The client hung up: stop paying for tokens nobody reads.
    if (m_client)
        m_client->abort(m_callId);
    m_inFlight = false;
    bool estimated = false;
    const AiUsage usage = usageOrEstimate(m_translator ? m_translator->usage() : AiUsage{},
                                          m_translator ? m_translator->text() : QString(), &estimated);
    const double cost = AiCost::cost(usage, m_service->connection().priceFor(m_model));
    recordAttempt(QStringLiteral("partial"), m_head.status, QStringLiteral("client disconnected"), usage,
                  estimated, cost);
    settle(cost);
    spdlog::info("AI call on '{}' ended early: the client disconnected",
                 m_service->info().name.toStdString());
    release();
}

void AiCall::handleFailure(const ProviderError &error, int upstreamStatus)
{
    m_lastError = error;
    m_lastStatus = upstreamStatus;
    recordAttempt(QStringLiteral("error"), upstreamStatus, error.message, AiUsage{}, false, 0);
    settle(0);
    if (!error.retryable) {
        // The request itself is wrong (or the provider refuses our key): no other attempt helps.
        if (upstreamStatus == 401 || upstreamStatus == 403)
            replyError(502, QStringLiteral("upstream_auth_error"),
                       QStringLiteral("The AI provider refused the gateway's credentials for service '%1'.")
                           .arg(m_service->info().name));
        else
            replyError(upstreamStatus >= 400 && upstreamStatus < 500 ? upstreamStatus : 502,
                       QStringLiteral("invalid_request_error"), error.message);
        release();
        return;
    }
    const int maxRetries = m_service->connection().maxRetries;
    if (m_retry < maxRetries &&
        (error.retryAfterSeconds < 0 || error.retryAfterSeconds <= kMaxRetryAfterSeconds)) {
        ++m_retry;
        int delayMs = qMin(kMaxBackoffMs, kBaseBackoffMs << (m_retry - 1));
        delayMs = delayMs / 2 + int(QRandomGenerator::global()->bounded(delayMs / 2 + 1)); // jitter
        if (error.retryAfterSeconds >= 0)
            delayMs = qMax(delayMs, error.retryAfterSeconds * 1000);
        QPointer<AiCall> self(this);
        QTimer::singleShot(delayMs, this, [self] {
            if (self)
                self->reserveAndAttempt();
        });
        return;
    }
    nextService();
}

void AiCall::succeed()
{
    Json body;
    try {
        body = m_spec.endpoint == AiEndpoint::Embeddings
                   ? m_adapter->embeddingsResponse(m_responseBody, m_model)
                   : m_adapter->chatResponse(m_responseBody, m_model);
    } catch (const ProviderError &error) {
        ProviderError failure = error;
        failure.retryable = true; // a garbled answer may come out right next time (or elsewhere)
        if (failure.message.isEmpty())
            failure.message = QStringLiteral("The AI provider sent a malformed answer.");
        handleFailure(failure, m_head.status);
        return;
    }
    const Json choice = body.contains("choices") && body["choices"].is_array() && !body["choices"].empty()
                            ? body["choices"][0]
                            : Json::object();
    const Json message = choice.value("message", Json::object());
    const QString content = message.contains("content") && message["content"].is_string()
                                ? QString::fromStdString(message["content"].get<std::string>())
                                : QString();
    bool estimated = false;
    const AiUsage reported = body.contains("usage") ? AiUsage::fromOpenAi(body["usage"]) : AiUsage{};
    const AiUsage usage = usageOrEstimate(reported, content, &estimated);
    const double cost = AiCost::cost(usage, m_service->connection().priceFor(m_model));
    recordAttempt(QStringLiteral("success"), m_head.status, QString(), usage, estimated, cost);
    settle(cost);
    logPrompt(content);
    const qint64 latency = m_total.elapsed();

    HttpResponse response;
    if (m_spec.shape == AiReplyShape::OpenAi || m_spec.endpoint == AiEndpoint::Embeddings) {
        if (estimated)
            body["usage"] = usage.toOpenAi();
        response = HttpResponse::json(body);
    } else {
        Json out{{"content", content.toStdString()},
                 {"provider", m_service->connection().provider.toStdString()},
                 {"model", body.value("model", m_model.toStdString())},
                 {"input_tokens", usage.inputTokens},
                 {"output_tokens", usage.outputTokens},
                 {"cached_input_tokens", usage.cachedInputTokens},
                 {"finish_reason", choice.value("finish_reason", Json())},
                 {"latency_ms", latency},
                 {"cost", cost},
                 {"usage_source", estimated ? "estimated" : "provider"}};
        if (message.contains("tool_calls"))
            out["tool_calls"] = message["tool_calls"];
        if (m_index > 0)
            out["service"] = m_service->info().name.toStdString();
        response = HttpResponse::json(out);
    }
    response.setHeader("X-Gatehouse-Usage-Source", estimated ? "estimated" : "provider");
    if (m_index > 0)
        response.setHeader("X-Gatehouse-Fallback", m_service->info().name.toUtf8());
    reply(std::move(response));
    release();
}

void AiCall::finishStream()
{
    std::vector<Json> chunks;
    m_translator->finish(chunks);
    writeChunks(chunks);
    bool estimated = false;
    const AiUsage usage = usageOrEstimate(m_translator->usage(), m_translator->text(), &estimated);
    const double cost = AiCost::cost(usage, m_service->connection().priceFor(m_model));
    if (m_translator->hasError() || !m_translator->isComplete()) {
        const QString message = m_translator->hasError()
                                    ? m_translator->error().message
                                    : QStringLiteral("The AI provider's stream ended early.");
        recordAttempt(QStringLiteral("partial"), m_head.status, message, usage, estimated, cost);
        settle(cost);
        endStreamWithError(message);
        release();
        return;
    }
    recordAttempt(QStringLiteral("success"), m_head.status, QString(), usage, estimated, cost);
    settle(cost);
    logPrompt(m_translator->text());
    if (m_spec.chunkSink) {
        Json out{{"content", m_translator->text().toStdString()},
                 {"provider", m_service->connection().provider.toStdString()},
                 {"model", m_chunkIdentity.is_object() && m_chunkIdentity.value("model", Json()).is_string()
                               ? m_chunkIdentity["model"]
                               : Json(m_model.toStdString())},
                 {"input_tokens", usage.inputTokens},
                 {"output_tokens", usage.outputTokens},
                 {"cached_input_tokens", usage.cachedInputTokens},
                 {"finish_reason", m_translator->finishReason().toStdString()},
                 {"latency_ms", m_total.elapsed()},
                 {"cost", cost},
                 {"usage_source", estimated ? "estimated" : "provider"}};
        if (m_index > 0)
            out["service"] = m_service->info().name.toStdString();
        reply(HttpResponse::json(out));
        release();
        return;
    }
    if (m_stream && !m_stream->isCancelled()) {
        if (m_spec.includeUsage) {
            // Like OpenAI's: the same id, created and model as every other chunk, no choices.
            Json usageChunk{
                {"id", m_chunkIdentity.value("id", Json("chatcmpl-gatehouse"))},
                {"object", "chat.completion.chunk"},
                {"created", m_chunkIdentity.value("created", Json(QDateTime::currentSecsSinceEpoch()))},
                {"model", m_chunkIdentity.value("model", Json(m_model.toStdString()))},
                {"choices", Json::array()},
                {"usage", usage.toOpenAi()}};
            if (estimated)
                usageChunk["usage_source"] = "estimated";
            m_stream->write(sse(usageChunk));
        }
        m_stream->write(QByteArrayLiteral("data: [DONE]\n\n"));
        m_stream->end();
    }
    release();
}

void AiCall::endStreamWithError(const QString &message)
{
    if (m_spec.chunkSink) {
        replyError(502, QStringLiteral("upstream_error"), message);
        return;
    }
    if (!m_stream || m_stream->isCancelled())
        return;
    // OpenAI's mid-stream error shape: SDKs raise it as an APIError.
    m_stream->write(sse(Json{{"error", {{"message", message.toStdString()}, {"type", "upstream_error"}}}}));
    m_stream->write(QByteArrayLiteral("data: [DONE]\n\n"));
    m_stream->end();
}

AiUsage AiCall::usageOrEstimate(const AiUsage &reported, const QString &outputText, bool *estimated) const
{
    if (reported.reported) {
        *estimated = false;
        return reported;
    }
    *estimated = true;
    AiUsage usage;
    usage.inputTokens = AiCost::estimateRequestTokens(m_body);
    usage.outputTokens = AiCost::estimateTokens(outputText);
    return usage;
}

void AiCall::recordAttempt(const QString &status, int httpStatus, const QString &error, const AiUsage &usage,
                           bool estimated, double cost)
{
    AiUsageLog *log = m_usage;
    if (!log)
        return;
    AiUsageRecord record;
    record.timeMs = QDateTime::currentMSecsSinceEpoch();
    record.requestId = m_context->requestId;
    record.serviceId = m_service->info().id;
    record.serviceName = m_service->info().name;
    record.provider = m_service->connection().provider;
    record.model = m_model;
    const Session &session = m_context->session;
    if (session.user)
        record.userId = session.user->id;
    if (session.role)
        record.roleId = session.role->id;
    if (session.app)
        record.appId = session.app->id;
    record.endpoint = m_spec.endpointName;
    record.stream = m_spec.stream;
    record.inputTokens = usage.inputTokens;
    record.outputTokens = usage.outputTokens;
    record.cachedInputTokens = usage.cachedInputTokens;
    record.reasoningTokens = usage.reasoningTokens;
    record.cost = cost;
    record.estimated = estimated;
    record.latencyMs = m_attemptTimer.isValid() ? m_attemptTimer.elapsed() : 0;
    if (m_ttftMs >= 0)
        record.ttftMs = m_ttftMs;
    record.status = status;
    record.httpStatus = httpStatus;
    record.errorMessage = error.left(1000);
    record.fallbackIndex = m_index;
    record.attempt = m_retry + 1;
    log->record(std::move(record));
}

void AiCall::logPrompt(const QString &responseText)
{
    const AiConnection &connection = m_service->connection();
    AiPromptLog *log = m_prompts;
    if (!connection.promptLog || !log || m_spec.endpoint == AiEndpoint::Embeddings)
        return;
    const PiiRedactor redactor(connection.redactPatterns);
    Json messages = m_body.value("messages", Json::array());
    redactor.redactMessages(messages);
    AiPromptRecord record;
    record.timeMs = QDateTime::currentMSecsSinceEpoch();
    record.requestId = m_context->requestId;
    record.serviceId = m_service->info().id;
    if (m_context->session.user)
        record.userId = m_context->session.user->id;
    record.model = m_model;
    record.prompt = QString::fromUtf8(dumpJson(messages));
    record.response = redactor.redact(responseText);
    log->record(std::move(record));
}

void AiCall::settle(double cost)
{
    if (m_reservation == 0)
        return;
    if (m_ledger)
        m_ledger->settle(m_reservation, cost);
    m_reservation = 0;
}

void AiCall::replyError(int status, const QString &type, const QString &message, int retryAfterSeconds)
{
    if (m_answered)
        return;
    HttpResponse response;
    if (m_spec.shape == AiReplyShape::OpenAi) {
        response = HttpResponse::json(Json{{"error",
                                            {{"message", message.toStdString()},
                                             {"type", type.toStdString()},
                                             {"param", nullptr},
                                             {"code", type.toStdString()}}}},
                                      status);
    } else {
        response = HttpResponse::fromError(ApiError(status, message));
    }
    if (retryAfterSeconds > 0)
        response.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
    reply(std::move(response));
}

void AiCall::reply(HttpResponse response)
{
    if (m_answered)
        return;
    m_answered = true;
    m_done(std::move(response));
}

void AiCall::release()
{
    // Deleting from inside an HttpClient or timer callback would pull the object out from under
    // its caller: let the event loop finish the current callback first.
    if (!m_self)
        return;
    std::shared_ptr<AiCall> self = std::move(m_self);
    QTimer::singleShot(0, [self] {});
}
} // namespace gatehouse
