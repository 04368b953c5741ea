#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include "AiConnection.h"
#include "core/Json.h"
#include "services/Service.h"

namespace gatehouse {

class AiService;

// One call of a no-code AI endpoint (GET/POST /{ai_svc}/endpoint/{name}): validates the
// parameters, fetches the data through the endpoint's named query or procedure as the data
// identity (InternalDispatcher, so RBAC, row filters and masking apply before any prompt is
// built), refuses to prompt without data (404), fills the template, calls the model through
// AiCall (budgets, limits, usage log) and returns text or parsed JSON. Owns itself until it
// has answered.
class AiEndpointRun : public QObject
{
    Q_OBJECT
public:
    // Throws ApiError for an unknown endpoint or invalid parameters, before taking `done`.
    static void start(std::shared_ptr<AiService> service, std::shared_ptr<const RequestContext> context,
                      const QString &name, Service::Completion &done);

    // The caller's parameters checked and typed against the definition (ApiError 400 naming the
    // field otherwise).
    static Json validateParameters(const AiEndpointConfig &endpoint, const RequestContext &context);
    // `{{name}}` replaced by the parameter's value, `{{data}}` by the data as JSON (appended
    // when the template has no `{{data}}`).
    static QString buildPrompt(const AiEndpointConfig &endpoint, const Json &params, const Json &data);
    // The model's answer as JSON (code fences stripped); discarded when it is not JSON.
    static Json parseJsonAnswer(const QString &answer);

    ~AiEndpointRun() override;

private:
    AiEndpointRun(std::shared_ptr<AiService> service, std::shared_ptr<const RequestContext> context,
                  AiEndpointConfig endpoint, Service::Completion done);

    void onData(int status, const Json &body, const QByteArray &raw);
    void onModel(HttpResponse response);
    void answer(HttpResponse response);

    std::shared_ptr<AiService> m_service;
    std::shared_ptr<const RequestContext> m_context;
    AiEndpointConfig m_endpoint;
    Service::Completion m_done;
    std::shared_ptr<AiEndpointRun> m_self;
    Json m_params;
    QElapsedTimer m_timer;
};
} // namespace gatehouse
