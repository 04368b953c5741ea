#pragma once

#include <optional>

#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "http/HttpResponse.h"

namespace gatehouse {

struct Config;
struct HttpRequest;
struct RequestContext;
class Service;
class ServiceManager;

// The OAuth 2.1 resource-server side of an MCP service (MCP authorization, 2025-06-18+): the
// `oauth` config key, the protected resource metadata document (RFC 9728), the
// WWW-Authenticate challenges on 401/403, and which callers are admitted. The tokens themselves
// are verified by the configured identity service (oidc) through the gate, for the audience
// resourceUrl() (RFC 8707), so a token issued for another resource never works here.
class McpOAuth
{
public:
    struct Settings
    {
        bool enabled = false;
        QString identityService;     // the oidc service whose bearer tokens are accepted
        QStringList scopes;          // every one is required
        QString resource;            // canonical resource URL; empty: derived per request
        bool allowApiKeyAuth = true; // API keys, session tokens and Basic still work
    };

    // Reads config["oauth"] of an mcp service; malformed values set `error` (a 400 message).
    static Settings parse(const Json &mcpConfig, QString *error);
    // Validate-time checks against the mounted services (the named one exists, is active and
    // accepts bearer tokens); empty when fine. Must run on the ServiceManager's thread.
    static QString checkIdentityService(const Settings &settings, const ServiceManager &services);
    // The issuer the identity service publishes (its config `issuer`), if it accepts it.
    static QString issuerOf(Service &identityService);

    McpOAuth(Settings settings, const Config *config, const ServiceManager *services, QString serviceName,
             QString resourceName);

    bool enabled() const { return m_settings.enabled; }
    const Settings &settings() const { return m_settings; }

    // The gateway's base URL as this caller reached it: public_url, else scheme://Host.
    QString baseUrl(const RequestContext &context) const;
    // The canonical resource URL tokens must be issued for (no trailing slash).
    QString resourceUrl(const RequestContext &context) const;
    // The absolute URL of the protected resource metadata (path-inserted form).
    QString metadataUrl(const RequestContext &context) const;
    // GET /.well-known/oauth-protected-resource/mcp/{name}: the RFC 9728 document.
    HttpResponse metadata(const RequestContext &context) const;
    // 401 with `WWW-Authenticate: Bearer resource_metadata=..., scope=...` (and
    // error="invalid_token" when a token was presented) for missing or rejected credentials.
    HttpResponse challengeRefusal(const RequestContext &context, HttpResponse refusal) const;
    // After authentication: tokens of another identity service, non-OAuth credentials when
    // API keys are off (401), and missing scopes (403 insufficient_scope).
    std::optional<HttpResponse> admitCaller(const RequestContext &context) const;

private:
    static bool tokenPresented(const HttpRequest &request);
    HttpResponse challenge(const RequestContext &context, int status, const QString &error,
                           const QString &message) const;

    Settings m_settings;
    const Config *m_config;
    const ServiceManager *m_services;
    QString m_serviceName;
    QString m_resourceName;
};
} // namespace gatehouse
