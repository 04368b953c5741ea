#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include "core/Json.h"
#include "http/InternalDispatcher.h"
#include "services/Service.h"

namespace gatehouse {

class AiService;
class DataToolbox;
class ResponseStream;

// One data-chat request (POST /{ai_svc}/data-chat): the agentic tool loop. Each iteration is one
// model call through AiCall (so RPM, budgets, fallbacks, usage rows and prompt logs apply per
// iteration); the tool calls the model asks for run through the DataToolbox as the connection's
// data identity (AiDataIdentity), each one an audited in-process request with origin
// "data-chat"; results go back to the model until it answers without tool calls or the
// iteration cap is reached. With `stream: true` the answer's content deltas are relayed as
// OpenAI chunks as the provider sends them, tool-call progress is announced in between.
// Owns itself until it has answered.
class DataChatRun : public QObject
{
    Q_OBJECT
public:
    // Validates the request (throws ApiError before taking `done`), then runs the loop.
    static void start(std::shared_ptr<AiService> service, std::shared_ptr<const RequestContext> context,
                      Service::Completion &done);
    // GET /{ai_svc}/data-chat: the configuration as this caller sees it.
    static HttpResponse describe(const AiService &service, const RequestContext &context);
    ~DataChatRun() override;

    // The instruction appended after the connection's system prompt.
    static QString instruction();

private:
    DataChatRun(std::shared_ptr<AiService> service, std::shared_ptr<const RequestContext> context,
                Service::Completion done);

    void iterate();
    void onModelAnswer(HttpResponse response);
    void runTools(Json toolCalls, int index);
    void finishWithAnswer(const QString &content, const QString &finishReason);
    void fail(HttpResponse response);
    bool onChunk(const Json &chunk); // false: the client is gone
    void emitChunk(Json delta, const Json &finishReason = nullptr, const Json &extra = nullptr);
    void openStream();
    void release();

    std::shared_ptr<AiService> m_service;
    std::shared_ptr<const RequestContext> m_context;
    Service::Completion m_done;
    std::shared_ptr<DataChatRun> m_self;
    DataToolbox *m_toolbox = nullptr; // child
    Json m_messages = Json::array();
    Json m_tools = Json::array();
    QString m_model;
    bool m_streaming = false;
    int m_iterations = 0;
    int m_maxIterations = 25;
    Json m_toolCallsMade = Json::array();
    qint64 m_inputTokens = 0;
    qint64 m_outputTokens = 0;
    QString m_provider;
    QString m_answerModel;
    QElapsedTimer m_timer;
    bool m_answered = false;

    // Streaming state.
    std::shared_ptr<ResponseStream> m_stream;
    QString m_chunkId;
    bool m_roleSent = false;
    Json m_pendingToolCalls = Json::array(); // accumulated from the current iteration's deltas
    QString m_iterationContent;
};
} // namespace gatehouse
