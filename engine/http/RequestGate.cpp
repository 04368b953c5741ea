#include "RequestGate.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QRegularExpression>

#include "RequestAudit.h"
#include "core/ApiError.h"
#include "core/Config.h"
#include "core/LogContext.h"
#include "core/Version.h"
#include "security/Authenticator.h"
#include "security/IdentityProvisioner.h"
#include "security/Jwt.h"
#include "security/RateLimiter.h"
#include "security/Rbac.h"
#include "services/IdentityProvider.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "services/docs/SpecRequest.h"
#include "services/script/EventScriptHooks.h"
#include "store/AuditLog.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {

bool isValidServiceName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[_0-9a-zA-Z\\-.]+$"));
    return pattern.match(name).hasMatch();
}

// POST may carry the real verb in a header or parameter (DF's verb override).
QByteArray effectiveMethod(const HttpRequest &request)
{
    QByteArray method = request.method == "HEAD" ? QByteArray("GET") : request.method;
    if (method == "POST") {
        QByteArray override = request.header("x-http-method");
        if (override.isEmpty())
            override = request.header("x-method-override");
        if (override.isEmpty())
            override =
                request.queryValue(QStringLiteral("method"), request.queryValue(QStringLiteral("_method")))
                    .toLatin1();
        if (!override.isEmpty())
            method = override.trimmed().toUpper();
    }
    if (method == "MERGE")
        method = "PATCH";
    return method;
}

bool isJsonContentType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return type.isEmpty() || type == "application/json" || type.endsWith("+json") || type == "text/plain";
}
} // namespace

RequestGate::RequestGate(const Config &config, ServiceManager &services, const Authenticator &authenticator,
                         QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_services(services)
    , m_authenticator(authenticator)
    , m_transport(config, services.environment().store)
{
    m_uptime.start();
}

void RequestGate::handle(HttpRequest &&request, const Responder &responder)
{
    auto context = std::make_shared<RequestContext>();
    context->received.start();
    context->receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    context->requestId = RequestAudit::newRequestId();
    context->request = std::move(request);
    // Log lines written while this request is handled carry its id (see LogContext).
    LogContext::Scope logScope(context->requestId);
    const Reply reply = [this, context, responder](HttpResponse response) {
        finish(context, responder, std::move(response));
    };

    guarded(reply, [&] {
        if (std::optional<HttpResponse> refusal = admit(*context)) {
            reply(std::move(*refusal));
            return;
        }
        const QString &path = context->request.path;
        if (path == QLatin1String("/status") || path == QLatin1String("/status/")) {
            if (context->request.method != "GET" && context->request.method != "HEAD")
                throw ApiError::methodNotAllowed(QStringLiteral("Only GET is supported on /status."));
            reply(status());
            return;
        }
        // Public documents about a service on its own path (MCP: RFC 9728 protected resource
        // metadata), before the own-path route, which they would otherwise not match.
        if (std::optional<HttpResponse> document = wellKnown(*context)) {
            reply(std::move(*document));
            return;
        }
        // A service type's own path, /{ownPath}/{service} (MCP's Streamable HTTP endpoint): the
        // same stages as the REST API, after the service's own transport checks (Origin,
        // loopback peer), which come before credentials.
        static const QRegularExpression ownPath(QStringLiteral("^/([a-z]+)/([^/]+)/?$"));
        if (const QRegularExpressionMatch own = ownPath.match(path);
            own.hasMatch() && m_services.isOwnPath(own.captured(1))) {
            if (std::optional<HttpResponse> refusal =
                    admitOwnPath(*context, own.captured(1), own.captured(2))) {
                reply(std::move(*refusal));
                return;
            }
            authenticateThenRun(context, reply);
            return;
        }
        // /api/v2/{service}/..., /api/{service}/... (the version segment is optional).
        static const QRegularExpression apiPath(QStringLiteral("^/api(?:/v[0-9.]+)?(?:/(.*))?$"));
        const QRegularExpressionMatch match = apiPath.match(path);
        if (!match.hasMatch())
            throw ApiError::notFound(QStringLiteral("Resource '%1' not found.").arg(path));
        route(*context, match.captured(1));
        if (context->method == "OPTIONS") {
            HttpResponse allow;
            allow.status = 204;
            allow.contentType = "text/plain";
            allow.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            reply(allow);
            return;
        }
        authenticateThenRun(context, reply);
    });
}

std::optional<HttpResponse> RequestGate::admitOwnPath(RequestContext &context, const QString &prefix,
                                                      const QString &serviceName) const
{
    context.method = context.request.method == "HEAD" ? QByteArray("GET") : context.request.method;
    context.verb = verbBit(context.method);
    context.serviceName = serviceName.toLower();
    context.resource.clear();
    context.resourceParts.clear();
    context.isPublicRoute = false;
    const auto service = m_services.find(context.serviceName);
    const ServiceType *type = service ? m_services.type(service->info().type) : nullptr;
    if (!type || type->ownPath != prefix)
        return HttpResponse::fromError(ApiError::notFound(
            QStringLiteral("Could not find a %1 service for %2").arg(prefix, context.serviceName)));
    if (context.verb == 0)
        return HttpResponse::fromError(
            ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb '%1' used in request.")
                                           .arg(QString::fromLatin1(context.method))));
    return service->admitTransport(context.request);
}

std::optional<HttpResponse> RequestGate::wellKnown(RequestContext &context) const
{
    // /.well-known/<document>/<ownPath>/<name> (RFC 9728's path-inserted form, which the MCP
    // SDKs try first) and /<ownPath>/<name>/.well-known/<document> (the path-appended form).
    static const QRegularExpression inserted(
        QStringLiteral("^/\\.well-known/([a-z0-9\\-]+)/([a-z]+)/([^/]+)/?$"));
    static const QRegularExpression appended(
        QStringLiteral("^/([a-z]+)/([^/]+)/\\.well-known/([a-z0-9\\-]+)/?$"));
    QString document, prefix, name;
    if (const QRegularExpressionMatch m = inserted.match(context.request.path); m.hasMatch()) {
        document = m.captured(1);
        prefix = m.captured(2);
        name = m.captured(3);
    } else if (const QRegularExpressionMatch m = appended.match(context.request.path); m.hasMatch()) {
        prefix = m.captured(1);
        name = m.captured(2);
        document = m.captured(3);
    } else {
        return std::nullopt;
    }
    if (!m_services.isOwnPath(prefix))
        return std::nullopt;
    if (std::optional<HttpResponse> refusal = admitOwnPath(context, prefix, name))
        return refusal;
    // Public: no credentials are read, and the audit record names the service.
    context.isPublicRoute = true;
    if (context.verb != VerbGet) {
        HttpResponse refusal = HttpResponse::fromError(
            ApiError::methodNotAllowed(QStringLiteral("Only GET is supported on /.well-known documents.")));
        refusal.setHeader("Allow", "GET, HEAD");
        return refusal;
    }
    const auto service = m_services.find(context.serviceName);
    if (service && service->info().isActive)
        if (std::optional<HttpResponse> answer = service->wellKnownDocument(document, context))
            return answer;
    return HttpResponse::fromError(ApiError::notFound(
        QStringLiteral("No %1 document for service %2.").arg(document, context.serviceName)));
}

void RequestGate::authenticateThenRun(const std::shared_ptr<RequestContext> &context, const Reply &reply)
{
    // Refusals of this stage go through the target service, which may add its challenge
    // (Service::challengeRefusal); callers it authenticates, it may still refuse
    // (Service::admitCaller) before limits and RBAC.
    const Reply refuse = [this, context, reply](HttpResponse refusal) {
        if (const auto service =
                context->serviceName.isEmpty() ? nullptr : m_services.find(context->serviceName))
            refusal = service->challengeRefusal(*context, std::move(refusal));
        reply(std::move(refusal));
    };
    guarded(refuse, [&] {
        authenticate(
            context,
            [this, context, reply] {
                guarded(reply, [&] {
                    if (!context->isPublicRoute && !context->serviceName.isEmpty())
                        if (const auto service = m_services.find(context->serviceName))
                            if (std::optional<HttpResponse> refusal = service->admitCaller(*context)) {
                                reply(std::move(*refusal));
                                return;
                            }
                    limitThenDispatch(context, reply);
                });
            },
            refuse);
    });
}

void RequestGate::limitThenDispatch(const std::shared_ptr<RequestContext> &context, const Reply &reply)
{
    enforceLimits(
        context, [this, context, reply] { guarded(reply, [&] { dispatch(context, reply); }); }, reply);
}

void RequestGate::handleInternal(std::shared_ptr<RequestContext> context,
                                 std::function<void(HttpResponse)> done)
{
    context->received.start();
    context->receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    context->requestId = RequestAudit::newRequestId();
    LogContext::Scope logScope(context->requestId);
    const Reply reply = [this, context, done = std::move(done)](HttpResponse response) {
        LogContext::Scope scope(context->requestId);
        if (m_audit)
            m_audit->record(RequestAudit::fromRequest(*context, response));
        done(std::move(response));
    };
    guarded(reply, [&] {
        static const QRegularExpression apiPath(QStringLiteral("^/api/v2/(.+)$"));
        const QRegularExpressionMatch match = apiPath.match(context->request.path);
        if (!match.hasMatch())
            throw ApiError::notFound(QStringLiteral("Resource '%1' not found.").arg(context->request.path));
        route(*context, match.captured(1));
        // A tool never reaches a sign-in route unchecked: RBAC applies to every internal call.
        context->isPublicRoute = false;
        limitThenDispatch(context, reply);
    });
}

void RequestGate::guarded(const Reply &reply, const std::function<void()> &step)
{
    try {
        step();
    } catch (const ApiError &error) {
        reply(HttpResponse::fromError(error));
    }
}

std::optional<HttpResponse> RequestGate::admit(const RequestContext &context) const
{
    // Host allow-list (DNS rebinding), then CORS preflight, before routing or authentication:
    // browsers send preflights without credentials.
    return m_transport.admit(context.request);
}

void RequestGate::route(RequestContext &context, const QString &servicePath) const
{
    HttpRequest &request = context.request;
    context.method = effectiveMethod(request);
    if (context.method == "OPTIONS")
        return;
    context.verb = verbBit(context.method);
    if (context.verb == 0)
        throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb '%1' used in request.")
                                             .arg(QString::fromLatin1(context.method)));

    // Split "{service}/{resource...}"; ".." segments are dropped as DF's router does.
    QStringList parts;
    for (const QString &part : servicePath.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        if (part != QLatin1String("..") && part != QLatin1String("."))
            parts << part;
    context.trailingSlash = servicePath.endsWith(QLatin1Char('/'));
    if (!parts.isEmpty()) {
        context.serviceName = parts.takeFirst().toLower();
        if (!isValidServiceName(context.serviceName))
            throw ApiError::notFound(
                QStringLiteral("Could not find a service for %1").arg(context.serviceName));
    }
    context.resourceParts = parts;
    context.resource = parts.join(QLatin1Char('/'));

    const auto service = context.serviceName.isEmpty() ? nullptr : m_services.find(context.serviceName);
    const bool jsonBody = isJsonContentType(request.header("content-type"));
    if (!request.body.isEmpty() && !jsonBody && !(service && service->acceptsRawBody()))
        throw ApiError(415, QStringLiteral("Only JSON request bodies are supported."));
    if (!request.body.isEmpty() && jsonBody) {
        if (!jsonDepthWithin(request.body))
            throw ApiError::badRequest(
                QStringLiteral("The JSON request body is nested more than %1 levels deep.")
                    .arg(kMaxJsonDepth));
        context.body = parseJsonOrDiscarded(request.body);
        if (context.body.is_discarded())
            throw ApiError::badRequest(QStringLiteral("Malformed JSON in request body."));
    }

    context.isPublicRoute = service && service->isPublicRoute(context.resource, context.verb);
}

void RequestGate::authenticate(std::shared_ptr<RequestContext> context, Next next, Reply reply)
{
    if (context->isPublicRoute) {
        next();
        return;
    }
    // Basic credentials (no session token sent): the password is verified off the event loop,
    // and the request continues here once it has been, with the same role rules as a token.
    if (Authenticator::hasBasicCredentials(context->request)) {
        m_authenticator.authenticateBasic(
            context->request,
            [context, next](Session session) {
                context->session = std::move(session);
                next();
            },
            [reply](HttpResponse refusal) { reply(std::move(refusal)); });
        return;
    }
    // An identity provider's token? Only looked into when some identity service could take it:
    // otherwise every session-token request would decode its payload once more for nothing.
    if (m_services.hasIdentityServices()) {
        const QString token = Authenticator::sessionToken(context->request);
        if (const QString issuer = Jwt::foreignIssuer(token); !issuer.isEmpty()) {
            if (auto identityService = m_services.identityServiceForIssuer(issuer)) {
                authenticateExternal(std::move(context), std::move(identityService), token, std::move(next),
                                     std::move(reply));
                return;
            }
        }
    }
    context->session = m_authenticator.authenticate(context->request);
    if (!context->session.user && !context->session.app)
        throw ApiError::badRequest(QStringLiteral(
            "No session token (JWT) or API Key detected in request. Please send in "
            "X-DreamFactory-Session-Token and/or X-DreamFactory-API-Key request header. You can also use "
            "URL query parameters session_token and/or api_key."));
    next();
}

void RequestGate::authenticateExternal(std::shared_ptr<RequestContext> context,
                                       std::shared_ptr<Service> identityService, const QString &token,
                                       Next next, Reply reply)
{
    IdentityProvisioner *provisioner = m_services.environment().identities;
    if (!provisioner)
        throw ApiError::unauthorized(
            QStringLiteral("Invalid token: identity-provider tokens are not accepted here."));
    QString audience;
    if (!context->serviceName.isEmpty())
        if (const auto target = m_services.find(context->serviceName))
            audience = target->bearerAudience(*context);
    IdentityProvider *provider = identityService->identityProvider();
    provider->verifyBearer(
        token, audience,
        [this, context, identityService, provisioner, next, reply](ExternalIdentity identity) {
            LogContext::Scope logScope(context->requestId);
            context->bearerServiceId = identityService->info().id;
            context->bearerScopes = identity.scopes;
            IdentityProvider *provider = identityService->identityProvider();
            provisioner->provision(
                identity, provider->roleMap(),
                [this, context, identityService, next, reply](User user) {
                    LogContext::Scope logScope(context->requestId);
                    guarded(reply, [&] {
                        Session session;
                        session.user = std::move(user);
                        m_authenticator.applyAppAndRole(session, context->request,
                                                        identityService->identityProvider()->bearerAppId());
                        context->session = std::move(session);
                        next();
                    });
                },
                reply);
        },
        reply);
}

void RequestGate::enforceLimits(std::shared_ptr<RequestContext> context, Next next, Reply reply)
{
    if (!m_limiter) {
        next();
        return;
    }
    // Sys-admins and scripts are exempt; each-user limits need a user (JWT or Basic). Requests
    // that pass carry no X-RateLimit-* headers: instance and service counters are shared by
    // every caller, and showing them would tell anyone how busy everyone else is.
    RateLimitCaller caller;
    const Session &session = context->session;
    if (session.user) {
        caller.userId = session.user->id;
        caller.isSysAdmin = session.user->isSysAdmin;
    }
    if (session.role)
        caller.roleId = session.role->id;
    caller.isScript = (context->requestor & RequestorScript) != 0;
    if (!context->serviceName.isEmpty())
        if (const auto service = m_services.find(context->serviceName))
            caller.serviceId = service->info().id;
    caller.resource = context->resource;
    caller.method = QString::fromLatin1(context->method);
    m_limiter->check(caller, [next = std::move(next), reply = std::move(reply)](RateLimitVerdict verdict) {
        if (verdict.allowed)
            next();
        else
            reply(verdict.response());
    });
}

void RequestGate::dispatch(std::shared_ptr<RequestContext> context, Reply reply)
{
    if (context->serviceName.isEmpty()) {
        if (context->verb != VerbGet)
            throw ApiError::methodNotAllowed(
                QStringLiteral("Only GET is supported on the service catalogue."));
        reply(catalogue(*context));
        return;
    }
    const auto service = m_services.find(context->serviceName);
    if (!service)
        throw ApiError::notFound(QStringLiteral("Could not find a service for %1").arg(context->serviceName));
    if (!service->info().isActive)
        throw ApiError::forbidden(QStringLiteral("Service %1 is deactivated.").arg(service->info().name));
    // `_spec` on every service, before the service's own routing (docs/SpecRequest): RBAC on
    // the `_spec` component, then the document or data model built for this caller.
    if (SpecRequest::matches(*context)) {
        SpecRequest::authorize(*context, *service);
        SpecRequest::handle(context, service, m_services.environment().dispatcher,
                            [reply](HttpResponse response) { reply(std::move(response)); });
        return;
    }
    if (!context->isPublicRoute && !context->session.isSysAdmin() && !service->authorizesItself())
        authorize(*context, *service);
    // The handler keeps the service alive until it answers, even if a reload unmounts it.
    const auto handler = [service](std::shared_ptr<RequestContext> context, Reply reply) {
        service->handle(std::move(context),
                        [reply, service](HttpResponse response) { reply(std::move(response)); });
    };
    // pre_process / post_process event scripts (sys-admins' requests too, as in DF); a service
    // without active scripts costs one hash lookup here.
    const ServiceEnvironment &environment = m_services.environment();
    if (const auto snapshot = environment.store ? environment.store->snapshot() : nullptr;
        snapshot &&
        EventScriptHooks::intercept(snapshot->eventScripts, environment.scripts, context, handler, reply))
        return;
    handler(context, reply);
}

void RequestGate::authorize(const RequestContext &context, const Service &service) const
{
    const qint64 serviceId = service.info().id;
    const QString component = Rbac::normalizeComponent(context.resource);
    bool allowed = context.isAllowed(serviceId, component, context.verb);
    // DF lets a role with any access on a service read the service root and `_schema`
    // list; the handler then shows only what the role may see.
    if (!allowed && context.verb == VerbGet &&
        (component.isEmpty() || component == QLatin1String("_schema") ||
         component == QLatin1String("_table") || component == QLatin1String("_proc") ||
         component == QLatin1String("_func")) &&
        context.session.role) {
        for (const AccessRule &rule : context.session.role->rules)
            if ((!rule.serviceId || *rule.serviceId == serviceId) &&
                (rule.requestorMask & context.requestor) && rule.verbMask != 0)
                allowed = true;
    }
    // A table's schema is readable by whoever may read the table when the role says nothing
    // about `_schema` (the SQL service applies the same rule to what it returns).
    static const QLatin1String schemaPrefix("_schema/");
    if (!allowed && context.verb == VerbGet && component.startsWith(schemaPrefix) &&
        context.allowedVerbs(serviceId, QStringLiteral("_schema")) == 0) {
        const QString table = component.mid(schemaPrefix.size()).section(QLatin1Char('/'), 0, 0);
        allowed = !table.isEmpty() && table != QLatin1String("*") &&
                  context.isAllowed(serviceId, QLatin1String("_table/") + table, VerbGet);
    }
    if (!allowed)
        throw ApiError::forbidden(
            QStringLiteral("Access Forbidden. %1 access to component '%2' of service "
                           "'%3' is not allowed by this user's role.")
                .arg(QString::fromLatin1(context.method), component, service.info().name));
}

void RequestGate::finish(const std::shared_ptr<RequestContext> &context, const Responder &responder,
                         HttpResponse response)
{
    LogContext::Scope logScope(context->requestId);
    response.setHeader("X-Request-Id", context->requestId.toLatin1());
    m_transport.finish(context->request, response);
    if (response.status >= 500)
        spdlog::warn("{} {} answered {} after {} ms",
                     context->method.isEmpty() ? context->request.method.constData()
                                               : context->method.constData(),
                     context->request.path.toStdString(), response.status, context->received.elapsed());
    // Exactly one record per request, refusals included: every response leaves through here.
    if (m_audit)
        m_audit->record(RequestAudit::fromRequest(*context, response));
    responder.send(std::move(response));
}

HttpResponse RequestGate::status() const
{
    return HttpResponse::json(Json{{"status", "ok"},
                                   {"version", kVersion},
                                   {"uptime_seconds", m_uptime.elapsed() / 1000},
                                   {"services", m_services.all().size()}});
}

HttpResponse RequestGate::catalogue(const RequestContext &context) const
{
    const QString typeFilter = context.request.queryValue(QStringLiteral("type"));
    const QString groupFilter = context.request.queryValue(QStringLiteral("group"));
    QStringList fields;
    for (const QString &f :
         context.request.queryValue(QStringLiteral("fields")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        fields << f.trimmed();

    Json services = Json::array();
    for (const auto &service : m_services.all()) {
        const ServiceInfo &info = service->info();
        if (!typeFilter.isEmpty() && info.type != typeFilter)
            continue;
        const ServiceType *type = m_services.type(info.type);
        if (!groupFilter.isEmpty() && (!type || type->group.compare(groupFilter, Qt::CaseInsensitive) != 0))
            continue;
        if (!context.session.isSysAdmin() && context.allowedVerbs(info.id, QString()) == 0) {
            // A role sees a service when any of its rules reaches it.
            bool reachable = false;
            if (context.session.role)
                for (const AccessRule &rule : context.session.role->rules)
                    if ((!rule.serviceId || *rule.serviceId == info.id) && rule.verbMask != 0)
                        reachable = true;
            if (!reachable)
                continue;
        }
        // spec_url: where an AI client finds the service's own description (DF 7.5+).
        Json entry{{"id", info.id},
                   {"name", info.name},
                   {"label", info.label},
                   {"description", info.description},
                   {"type", info.type},
                   {"spec_url", QStringLiteral("/api/v2/%1/_spec").arg(info.name).toStdString()}};
        if (!fields.isEmpty() && !fields.contains(QStringLiteral("*"))) {
            Json narrowed = Json::object();
            for (const QString &f : fields)
                if (entry.contains(f.toStdString()))
                    narrowed[f.toStdString()] = entry[f.toStdString()];
            entry = std::move(narrowed);
        }
        services.push_back(std::move(entry));
    }
    Json types = Json::array();
    for (const ServiceType *type : m_services.types())
        types.push_back(Json{{"name", type->name},
                             {"label", type->label},
                             {"group", type->group},
                             {"description", type->description}});
    return HttpResponse::json(Json{{"services", services}, {"service_types", types}});
}
} // namespace gatehouse
