#pragma once

#include <memory>

#include "AiConnection.h"
#include "AiRpmCounter.h"
#include "services/Service.h"

namespace gatehouse {

class ServiceManager;
struct ServiceEnvironment;
class AiCall;
struct AiCallSpec;

// A service of type `ai` (DreamFactory's AI Connection): one LLM provider connection behind
// /api/v2/{svc}/ — chat, completion (both may stream), embeddings, models, health and usage.
// The provider key never leaves the gateway; every call is limited (RPM per user, budgets),
// priced and logged per attempt, with fallbacks to other `ai` services on transient failures.
class AiService : public Service, public std::enable_shared_from_this<AiService>
{
public:
    AiService(const ServiceInfo &info, const ServiceEnvironment &env);
    ~AiService() override;

    static void registerType(ServiceManager &manager);
    // The "Test" button (POST /system/service/_test): steps config, connect and models (the
    // provider's model list, read through the adapter; the default model must be in it).
    static void probeConnection(const ServiceInfo &info, const ServiceEnvironment &env,
                                std::function<void(Json)> done);

    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;
    Json openApi(const RequestContext &caller, bool expand) const override; // AiServiceOpenApi.cpp

    const AiConnection &connection() const { return m_connection; }
    const ServiceEnvironment &environment() const { return *m_env; }

    // The chain a call walks: this service, then its fallbacks that exist, are active and are
    // `ai` services (each at most once).
    QList<std::shared_ptr<AiService>> fallbackChain() const;
    // May this caller use the connection at all (allowed_roles)? Throws ApiError 403 if not.
    void checkCaller(const RequestContext &context) const;
    // RPM per user: counts the request, or throws ApiError 429 before any provider call.
    void countRequest(const RequestContext &context);
    // A caller-chosen model outside allowed_models: ApiError 403.
    void checkModel(const Json &body) const;
    // A canonical OpenAI request for this connection: default model, the system prompt first
    // (a caller's own system messages follow it), default max tokens and temperature, extra body
    // fields, and PII redaction when configured. Throws ApiError 400 for a model not allowed.
    Json prepareRequest(const Json &request, const QString &model, bool embeddings) const;

private:
    void chat(const std::shared_ptr<const RequestContext> &context, bool completion, Completion &done);
    void embeddings(const std::shared_ptr<const RequestContext> &context, Completion &done);
    void models(Completion &done);
    void health(Completion &done);
    void usage(const RequestContext &context, Completion &done);

    std::unique_ptr<ServiceEnvironment> m_env;
    AiConnection m_connection;
    QString m_configError;
    AiRpmCounter m_rpm;
};
} // namespace gatehouse
