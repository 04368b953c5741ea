#pragma once

#include <memory>
#include <optional>

#include <QStringList>

#include "McpOAuth.h"
#include "McpSessionIds.h"
#include "services/ServiceManager.h"

namespace gatehouse {

struct HttpRequest;

// Service type `mcp`: a Model Context Protocol server at /mcp/{service} (Streamable HTTP,
// revision 2025-11-25 with sessions, and stateless 2026-07-28 requests). Its tools are the
// governed DataToolbox operations over the database services it exposes, run as the caller;
// its resources are those services' table schemas; its prompts are starting points for common
// questions. The gate authenticates, rate-limits and checks RBAC on this service (component
// "" or "*", the HTTP verb) as for any request; here come the transport rules: Origin,
// loopback-only unless allowed, the protocol version header, session ids, JSON or SSE.
class McpService : public Service
{
public:
    struct Settings
    {
        QStringList services;       // database services exposed
        bool allowWrites = false;   // create/update/delete tools
        QStringList allowedOrigins; // browser origins besides same-origin loopback
        bool allowRemote = false;   // answer peers that are not loopback
        McpOAuth::Settings oauth;   // OAuth resource server (`oauth` key); off by default
    };
    // Reads the service config; unknown keys and wrong types set `error` (a 400 message).
    static Settings parseSettings(const Json &config, QString *error);

    static void registerType(ServiceManager &manager);
    // The type's config_schema; parseSettings() refuses keys outside it.
    static ConfigSchema configSchema();

    McpService(ServiceInfo info, const ServiceEnvironment &env,
               std::shared_ptr<McpSessionIds::Revocations> revocations);

    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;

    // Before credentials are read: a refused Origin (403) or a non-loopback peer (403 unless
    // allow_remote).
    std::optional<HttpResponse> admitTransport(const HttpRequest &request) const override;

    // With `oauth` set (McpOAuth): tokens must name this server's resource URL as audience,
    // refusals carry the WWW-Authenticate challenge, and the protected resource metadata is
    // published at /.well-known/oauth-protected-resource/mcp/{name}.
    QString bearerAudience(const RequestContext &context) const override;
    HttpResponse challengeRefusal(const RequestContext &context, HttpResponse refusal) const override;
    std::optional<HttpResponse> admitCaller(const RequestContext &context) const override;
    std::optional<HttpResponse> wellKnownDocument(const QString &document,
                                                  const RequestContext &context) const override;

private:
    void post(const std::shared_ptr<const RequestContext> &context, const Completion &done);
    void endSession(const RequestContext &context, const Completion &done);

    ServiceEnvironment m_env;
    QString m_configError; // before m_settings: parsing fills it
    Settings m_settings;
    McpSessionIds m_sessionIds;
    McpOAuth m_oauth;
};
} // namespace gatehouse
