#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QString>

#include "RequestContext.h"
#include "core/Json.h"
#include "http/HttpResponse.h"

namespace gatehouse {

class IdentityProvider;

// The stored definition of a service (a row of the system `service` table).
struct ServiceInfo
{
    qint64 id = 0;
    QString name;
    QString label;
    QString description;
    QString type;
    bool isActive = true;
    Json config = Json::object();
};

// A mounted service. handle() is called on the event loop thread; it must not block, and
// it calls `done` exactly once, on the event loop thread.
class Service
{
public:
    using Completion = std::function<void(HttpResponse)>;

    explicit Service(ServiceInfo info)
        : m_info(std::move(info))
    {
    }
    virtual ~Service() = default;
    Service(const Service &) = delete;
    Service &operator=(const Service &) = delete;

    const ServiceInfo &info() const { return m_info; }

    // Component names for RBAC editors and docs, e.g. "_table/*", "_table/orders".
    virtual QStringList accessComponents() const = 0;
    // Routes that authenticate themselves (sign-in, session verbs): the gate demands no
    // credentials on them and skips RBAC. `resource` is the path below the service.
    virtual bool isPublicRoute(const QString &resource, int verb) const
    {
        Q_UNUSED(resource);
        Q_UNUSED(verb);
        return false;
    }
    // Services that route to other services (the OpenAI drop-in routes by model alias) check
    // RBAC against the target themselves: the gate still authenticates, then skips its check.
    virtual bool authorizesItself() const { return false; }
    // Services that pass bodies on as they came (rws forwards them, scripts see them as text)
    // take any content type; the gate still parses and checks JSON bodies for them. Default:
    // JSON bodies only (415 otherwise).
    virtual bool acceptsRawBody() const { return false; }
    // Transport checks for requests on the service type's own path (ServiceType::ownPath, e.g.
    // /mcp/{name}), made before credentials are read: a refusal ends the request there.
    virtual std::optional<HttpResponse> admitTransport(const HttpRequest &request) const
    {
        Q_UNUSED(request);
        return std::nullopt;
    }
    virtual void handle(std::shared_ptr<const RequestContext> context, Completion done) = 0;

    // The OpenAPI 3.0 description of this service for `caller` (`_spec`, api_docs):
    // {"paths": {...}, "components": {"schemas": {...}}}, paths relative to the service root
    // ("/_table/{table_name}"). Each operation names the RBAC component it needs in
    // "x-gh-component" ("_table/*" for a templated path); OpenApiBuilder removes what the
    // caller may not use, adds the shared error responses and drops that key. `expand`: one
    // path per concrete resource (tables) where the service has them. Default: a generic
    // document built from accessComponents() (engine/services/docs/OpenApiBuilder).
    virtual Json openApi(const RequestContext &caller, bool expand) const;
    // Docs may need state read asynchronously first (a database's schema): `ready` runs on the
    // event loop thread once openApi() can use it.
    virtual void prepareDocs(std::function<void()> ready) { ready(); }

    // Identity services (ldap, adldap, oidc) vouch for people; every other type returns null.
    virtual IdentityProvider *identityProvider() { return nullptr; }
    // The audience a bearer token from an identity provider must name to be used on this
    // service (MCP: its resource URL, RFC 8707); empty: the provider's own configured audience.
    virtual QString bearerAudience(const RequestContext &context) const
    {
        Q_UNUSED(context);
        return QString();
    }
    // A refusal from the gate's authentication stage (no credentials, an invalid or expired
    // token) for a request to this service: the service may add its challenge (MCP with OAuth:
    // 401 with WWW-Authenticate pointing to its protected resource metadata). Default: unchanged.
    virtual HttpResponse challengeRefusal(const RequestContext &context, HttpResponse refusal) const
    {
        Q_UNUSED(context);
        return refusal;
    }
    // After the gate authenticated the caller, before rate limits and RBAC: a service that
    // accepts only some credentials refuses the rest (MCP with OAuth: tokens of its identity
    // service only, required scopes). Default: every authenticated caller.
    virtual std::optional<HttpResponse> admitCaller(const RequestContext &context) const
    {
        Q_UNUSED(context);
        return std::nullopt;
    }
    // A public /.well-known/<document> about this service, served without credentials at
    // /.well-known/<document>/<ownPath>/<name> and /<ownPath>/<name>/.well-known/<document>
    // (MCP: "oauth-protected-resource", RFC 9728). nullopt: 404.
    virtual std::optional<HttpResponse> wellKnownDocument(const QString &document,
                                                          const RequestContext &context) const
    {
        Q_UNUSED(document);
        Q_UNUSED(context);
        return std::nullopt;
    }

private:
    ServiceInfo m_info;
};
} // namespace gatehouse
