#pragma once

#include <memory>

#include "RwsConfig.h"
#include "services/ServiceManager.h"

namespace gatehouse {

class RwsResponseCache;

// A remote HTTP service (`rws`, DreamFactory §10.3): /api/v2/{service}/{path} is proxied to
// {base_url}/{path} with the same verb, the client's query parameters (never the gateway's
// own api_key / session_token) and raw body, plus the configured parameters and headers, whose
// values may use lookups (private ones included) and are never logged, audited or echoed.
// Every outbound URL and redirect goes through the egress policy (OutboundHttp). Event
// streams and chunked responses are passed through as they arrive; other 2xx responses are
// buffered (and cached for GET when cache_ttl is set); a non-2xx status becomes a DF error with
// the remote body as message.
class RwsService : public Service
{
public:
    RwsService(ServiceInfo info, const ServiceEnvironment &env);
    ~RwsService() override;

    static void registerType(ServiceManager &manager);

    QStringList accessComponents() const override;
    bool acceptsRawBody() const override { return true; }
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;

private:
    ServiceEnvironment m_env;
    RwsConfig m_config;
    QString m_configError;
    std::shared_ptr<RwsResponseCache> m_cache;
};
} // namespace gatehouse
