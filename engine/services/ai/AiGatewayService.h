#pragma once

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;
struct ServiceEnvironment;

// The OpenAI-compatible drop-in, mounted as the built-in service `_ai`:
// /api/v2/_ai/v1/chat/completions (sync and stream), /v1/embeddings and /v1/models. Clients
// authenticate with a Gatehouse API key as `Authorization: Bearer <key>`; the request's `model`
// is a model alias (system/ai_alias) naming an `ai` service and a model. The caller's role must
// allow the target service's `chat` (or `embeddings`) component, checked here because the target
// is only known after the alias is resolved. Every request field passes through to the provider;
// answers and errors are OpenAI's shapes, so official SDKs work unchanged.
class AiGatewayService : public Service
{
public:
    explicit AiGatewayService(ServiceManager &services);

    static ServiceInfo builtInInfo();

    bool authorizesItself() const override { return true; }
    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;
    // Only the operations the caller can use on some `ai` service (AiGatewayOpenApi.cpp).
    Json openApi(const RequestContext &caller, bool expand) const override;

private:
    void call(const std::shared_ptr<const RequestContext> &context, bool embeddings, Completion &done);
    void models(const RequestContext &context, Completion &done);

    ServiceManager &m_services;
};
} // namespace gatehouse
