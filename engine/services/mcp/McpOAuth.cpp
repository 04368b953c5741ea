#include "McpOAuth.h"

#include <QRegularExpression>
#include <QUrl>

#include "core/ApiError.h"
#include "core/Config.h"
#include "security/Authenticator.h"
#include "services/IdentityProvider.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"

namespace gatehouse {
namespace {

const char *kKnownKeys[] = {"identity_service", "scopes", "resource", "allow_api_key_auth"};

QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

// RFC 6749 scope-token: printable ASCII without space, '"' and '\' (so a scope can never break
// out of the quoted WWW-Authenticate parameter it is written into).
bool isScopeToken(const QString &scope)
{
    static const QRegularExpression pattern(QStringLiteral("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$"));
    return pattern.match(scope).hasMatch();
}

// A Host header value safe to build URLs (and quoted header parameters) from: a name or IPv4
// address, or a bracketed IPv6 literal, with an optional port.
bool isSafeHost(const QString &host)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(?:[A-Za-z0-9](?:[A-Za-z0-9.\\-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$"));
    return pattern.match(host).hasMatch();
}
} // namespace

McpOAuth::Settings McpOAuth::parse(const Json &mcpConfig, QString *error)
{
    Settings settings;
    error->clear();
    if (!mcpConfig.is_object())
        return settings;
    const auto it = mcpConfig.find("oauth");
    if (it == mcpConfig.end() || it->is_null())
        return settings;
    if (!it->is_object()) {
        *error = QStringLiteral("mcp config 'oauth' must be an object such as {\"identity_service\": \"<oidc "
                                "service>\", \"scopes\": [\"mcp:tools\"]}.");
        return settings;
    }
    const Json &oauth = *it;
    for (auto key = oauth.begin(); key != oauth.end(); ++key)
        if (std::find_if(std::begin(kKnownKeys), std::end(kKnownKeys),
                         [&](const char *k) { return key.key() == k; }) == std::end(kKnownKeys)) {
            *error = QStringLiteral("Unknown mcp config key 'oauth.%1' (known: identity_service, scopes, "
                                    "resource, allow_api_key_auth).")
                         .arg(QString::fromStdString(key.key()));
            return settings;
        }

    settings.identityService = text(oauth.value("identity_service", Json())).trimmed();
    static const QRegularExpression serviceName(QStringLiteral("^[_0-9a-zA-Z\\-.]+$"));
    if (!serviceName.match(settings.identityService).hasMatch()) {
        *error = QStringLiteral("mcp config 'oauth.identity_service' must name the oidc service whose "
                                "access tokens this MCP server accepts.");
        return settings;
    }

    if (const auto scopes = oauth.find("scopes"); scopes != oauth.end() && !scopes->is_null()) {
        if (!scopes->is_array()) {
            *error = QStringLiteral("mcp config 'oauth.scopes' must be an array of scope names.");
            return settings;
        }
        for (const Json &scope : *scopes) {
            const QString name = text(scope);
            if (!isScopeToken(name)) {
                *error = QStringLiteral("mcp config 'oauth.scopes' must hold OAuth scope names (printable "
                                        "ASCII without spaces, quotes or backslashes).");
                return settings;
            }
            if (!settings.scopes.contains(name))
                settings.scopes << name;
        }
    }

    if (const auto resource = oauth.find("resource"); resource != oauth.end() && !resource->is_null()) {
        QString value = text(*resource).trimmed();
        while (value.endsWith(QLatin1Char('/')))
            value.chop(1);
        const QUrl url(value, QUrl::StrictMode);
        // RFC 8707: an absolute URI without a fragment (and, as advised, without a query).
        if (!resource->is_string() || !url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
            url.hasFragment() || url.hasQuery() || !url.userInfo().isEmpty() ||
            value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\\'))) {
            *error =
                QStringLiteral("mcp config 'oauth.resource' must be the MCP server's absolute URL, such as "
                               "https://gw.example.com/mcp/<name> (no query or fragment).");
            return settings;
        }
        settings.resource = value;
    }

    if (const auto allow = oauth.find("allow_api_key_auth"); allow != oauth.end() && !allow->is_null()) {
        if (!allow->is_boolean()) {
            *error = QStringLiteral("mcp config 'oauth.allow_api_key_auth' must be true or false.");
            return settings;
        }
        settings.allowApiKeyAuth = allow->get<bool>();
    }
    settings.enabled = true;
    return settings;
}

QString McpOAuth::issuerOf(Service &identityService)
{
    IdentityProvider *provider = identityService.identityProvider();
    if (!provider)
        return {};
    const Json &config = identityService.info().config;
    const QString issuer = config.is_object() ? text(config.value("issuer", Json())).trimmed() : QString();
    if (issuer.isEmpty())
        return {};
    // The provider decides what its issuer is (it may normalise a trailing slash).
    for (const QString &candidate :
         {issuer, issuer.endsWith(QLatin1Char('/')) ? issuer.chopped(1) : issuer + QLatin1Char('/')})
        if (provider->acceptsIssuer(candidate))
            return candidate;
    return {};
}

QString McpOAuth::checkIdentityService(const Settings &settings, const ServiceManager &services)
{
    if (!settings.enabled)
        return {};
    const auto service = services.find(settings.identityService);
    if (!service)
        return QStringLiteral("mcp config 'oauth.identity_service': there is no service named '%1'.")
            .arg(settings.identityService);
    if (!service->identityProvider())
        return QStringLiteral("mcp config 'oauth.identity_service': '%1' is not an identity service (oidc).")
            .arg(settings.identityService);
    if (issuerOf(*service).isEmpty())
        return QStringLiteral("mcp config 'oauth.identity_service': '%1' does not accept bearer tokens (an "
                              "oidc service with an issuer is needed).")
            .arg(settings.identityService);
    return {};
}

McpOAuth::McpOAuth(Settings settings, const Config *config, const ServiceManager *services,
                   QString serviceName, QString resourceName)
    : m_settings(std::move(settings))
    , m_config(config)
    , m_services(services)
    , m_serviceName(std::move(serviceName))
    , m_resourceName(std::move(resourceName))
{
}

QString McpOAuth::baseUrl(const RequestContext &context) const
{
    if (m_config && !m_config->publicUrl.isEmpty())
        return m_config->publicUrl;
    // Derived from the request: only as trustworthy as the Host allow-list the gate enforced
    // before this (allowed_hosts); production setups configure public_url or oauth.resource.
    const QString scheme = context.request.encrypted ? QStringLiteral("https") : QStringLiteral("http");
    QString host = QString::fromLatin1(context.request.header("host")).trimmed().toLower();
    if (!isSafeHost(host))
        host = m_config ? m_config->listenText() : QStringLiteral("localhost");
    return scheme + QStringLiteral("://") + host;
}

QString McpOAuth::resourceUrl(const RequestContext &context) const
{
    if (!m_settings.resource.isEmpty())
        return m_settings.resource;
    return baseUrl(context) + QStringLiteral("/mcp/") + m_serviceName;
}

QString McpOAuth::metadataUrl(const RequestContext &context) const
{
    // RFC 9728 §3.1: the well-known segment goes between the host and the resource's path.
    const QUrl base(baseUrl(context));
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return base.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                         QUrl::StripTrailingSlash) +
           QStringLiteral("/.well-known/oauth-protected-resource") + path + QStringLiteral("/mcp/") +
           m_serviceName;
}

HttpResponse McpOAuth::metadata(const RequestContext &context) const
{
    const auto identity = m_services ? m_services->find(m_settings.identityService) : nullptr;
    const QString issuer = identity && identity->info().isActive ? issuerOf(*identity) : QString();
    if (issuer.isEmpty())
        return HttpResponse::fromError(
            ApiError(503, QStringLiteral("The identity service '%1' of this MCP server is not available.")
                              .arg(m_settings.identityService)));
    Json document{{"resource", resourceUrl(context)},
                  {"authorization_servers", Json::array({issuer})},
                  {"bearer_methods_supported", Json::array({"header"})},
                  {"resource_name", m_resourceName}};
    if (!m_settings.scopes.isEmpty()) {
        Json scopes = Json::array();
        for (const QString &scope : m_settings.scopes)
            scopes.push_back(scope);
        document["scopes_supported"] = scopes;
    }
    HttpResponse response = HttpResponse::json(document);
    // Derived from the Host header unless configured: caches must not mix hosts.
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("Vary", "Host");
    return response;
}

HttpResponse McpOAuth::challenge(const RequestContext &context, int status, const QString &error,
                                 const QString &message) const
{
    HttpResponse response = HttpResponse::fromError(ApiError(status, message));
    QStringList params;
    if (!error.isEmpty())
        params << QStringLiteral("error=\"%1\"").arg(error);
    if (!m_settings.scopes.isEmpty())
        params << QStringLiteral("scope=\"%1\"").arg(m_settings.scopes.join(QLatin1Char(' ')));
    params << QStringLiteral("resource_metadata=\"%1\"").arg(metadataUrl(context));
    response.setHeader("WWW-Authenticate",
                       (QStringLiteral("Bearer ") + params.join(QStringLiteral(", "))).toLatin1());
    return response;
}

// Did the caller present a token? A bearer value the gate took for an API key (not a JWT)
// counts: to an OAuth client, whatever it sent as a bearer token was its access token.
bool McpOAuth::tokenPresented(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    return !Authenticator::sessionToken(request).isEmpty() ||
           (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0);
}

HttpResponse McpOAuth::challengeRefusal(const RequestContext &context, HttpResponse refusal) const
{
    if (!m_settings.enabled)
        return refusal;
    const HttpRequest &request = context.request;
    const bool tokenPresented = McpOAuth::tokenPresented(request);
    const bool noCredentials = !tokenPresented && Authenticator::apiKey(request).isEmpty() &&
                               !Authenticator::hasBasicCredentials(request);
    if (refusal.status == 400 && noCredentials)
        return challenge(
            context, 401, QString(),
            QStringLiteral("Unauthorized: this MCP server needs an OAuth access token from identity "
                           "service '%1' (see WWW-Authenticate)%2.")
                .arg(m_settings.identityService,
                     m_settings.allowApiKeyAuth ? QStringLiteral(" or an API key") : QString()));
    if (refusal.status != 401)
        return refusal; // 403 disabled account, 502/504 identity provider down: as they are
    // Keep the gate's explanation, add the challenge.
    QString message = QStringLiteral("Unauthorized.");
    const Json body = parseJsonOrDiscarded(refusal.body);
    if (body.is_object() && body.contains("error") && body["error"].is_object())
        message = text(body["error"].value("message", Json()));
    return challenge(context, 401, tokenPresented ? QStringLiteral("invalid_token") : QString(),
                     htmlUnescape(message));
}

std::optional<HttpResponse> McpOAuth::admitCaller(const RequestContext &context) const
{
    if (!m_settings.enabled)
        return std::nullopt;
    if (context.bearerServiceId != 0) {
        const auto identity = m_services ? m_services->find(m_settings.identityService) : nullptr;
        if (!identity || identity->info().id != context.bearerServiceId)
            return challenge(
                context, 401, QStringLiteral("invalid_token"),
                QStringLiteral("Invalid token: this MCP server accepts only access tokens issued "
                               "through identity service '%1'.")
                    .arg(m_settings.identityService));
        QStringList missing;
        for (const QString &scope : m_settings.scopes)
            if (!context.bearerScopes.contains(scope))
                missing << scope;
        if (!missing.isEmpty())
            return challenge(context, 403, QStringLiteral("insufficient_scope"),
                             QStringLiteral("Insufficient scope: the access token does not grant %1.")
                                 .arg(missing.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    if (!m_settings.allowApiKeyAuth)
        return challenge(context, 401,
                         tokenPresented(context.request) ? QStringLiteral("invalid_token") : QString(),
                         QStringLiteral("Unauthorized: this MCP server accepts only OAuth access tokens from "
                                        "identity service '%1' (API keys and session tokens are off).")
                             .arg(m_settings.identityService));
    return std::nullopt;
}
} // namespace gatehouse
