#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QObject>

#include "HttpRequest.h"
#include "Responder.h"
#include "TransportPolicy.h"

namespace gatehouse {

struct Config;
struct RequestContext;
class AuditLog;
class Authenticator;
class RateLimiter;
class Service;
class ServiceManager;

// The one path every request takes, in this order: request id → route → verb override →
// body parsing → authentication and role → service lookup → RBAC → service handler.
// Services never repeat any of these steps. Runs on the engine's event loop thread.
class RequestGate : public QObject
{
    Q_OBJECT
public:
    RequestGate(const Config &config, ServiceManager &services, const Authenticator &authenticator,
                QObject *parent = nullptr);

    void handle(HttpRequest &&request, const Responder &responder);
    // A request the gateway makes itself on behalf of `context->session` (InternalDispatcher):
    // `context->request` holds method, path, query and body; authentication is already done.
    // Runs rate limits, dispatch with RBAC (public routes included), then records the audit
    // record and calls `done` with the response.
    void handleInternal(std::shared_ptr<RequestContext> context, std::function<void(HttpResponse)> done);
    // Counts requests against the rate limits in enforceLimits; none set: no limits.
    void setRateLimiter(RateLimiter *limiter) { m_limiter = limiter; }
    // Where `finish` records every request; none: not audited (unit tests of the gate alone).
    void setAuditLog(AuditLog *audit) { m_audit = audit; }

private:
    using Reply = std::function<void(HttpResponse)>;
    using Next = std::function<void()>;

    // Transport-level checks before anything else is read; a response ends the request there
    // (refusals, CORS preflight).
    std::optional<HttpResponse> admit(const RequestContext &context) const;
    // /{ownPath}/{service}: fills the context's method, verb and service; a refusal for an unknown
    // service or verb, or from the service's transport checks.
    std::optional<HttpResponse> admitOwnPath(RequestContext &context, const QString &prefix,
                                             const QString &serviceName) const;
    // /.well-known/{document}/{ownPath}/{service} and /{ownPath}/{service}/.well-known/{document}:
    // the service's public document (Service::wellKnownDocument) or a refusal; nullopt for
    // other paths.
    std::optional<HttpResponse> wellKnown(RequestContext &context) const;
    // Splits /api/v2/{service}/{resource}, applies the verb override and parses the body.
    void route(RequestContext &context, const QString &servicePath) const;
    // Resolves the caller's Session (user, app, role); may finish asynchronously.
    void authenticate(std::shared_ptr<RequestContext> context, Next next, Reply reply);
    // A bearer token issued by an identity service (OIDC): verified by that service for the
    // audience the target service expects, its person provisioned, then the usual app and
    // role rules. Off the event loop only while keys are fetched or the user is written.
    void authenticateExternal(std::shared_ptr<RequestContext> context,
                              std::shared_ptr<Service> identityService, const QString &token, Next next,
                              Reply reply);
    // Rate limits for the resolved caller; may finish asynchronously.
    void enforceLimits(std::shared_ptr<RequestContext> context, Next next, Reply reply);
    // RBAC on (service, component, verb, requestor); throws ApiError 403.
    void authorize(const RequestContext &context, const Service &service) const;
    void dispatch(std::shared_ptr<RequestContext> context, Reply reply);
    // The stages after routing, chained: authenticate → enforceLimits → dispatch.
    void authenticateThenRun(const std::shared_ptr<RequestContext> &context, const Reply &reply);
    void limitThenDispatch(const std::shared_ptr<RequestContext> &context, const Reply &reply);
    // Every response leaves through here: response headers, then the audit record.
    void finish(const std::shared_ptr<RequestContext> &context, const Responder &responder,
                HttpResponse response);
    // Runs `step`, turning an ApiError it throws into the reply.
    static void guarded(const Reply &reply, const std::function<void()> &step);

    HttpResponse status() const;
    HttpResponse catalogue(const RequestContext &context) const;

    const Config &m_config;
    ServiceManager &m_services;
    const Authenticator &m_authenticator;
    QElapsedTimer m_uptime;
    RateLimiter *m_limiter = nullptr;
    TransportPolicy m_transport; // Host allow-list, CORS, security headers
    AuditLog *m_audit = nullptr;
};
} // namespace gatehouse
