#include "OidcService.h"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include "JwkSet.h"
#include "JwksCache.h"
#include "OidcHttp.h"
#include "OidcIdentityMapper.h"
#include "core/ApiError.h"
#include "http/HttpClient.h"
#include "security/Authenticator.h"
#include "security/SessionHandoffCodes.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {
constexpr qint64 kMetadataMaxAgeMs = 3600 * 1000;
constexpr qint64 kJwksMaxAgeMs = 3600 * 1000;
constexpr qsizetype kMaxClientState = 512;

qint64 monotonicMs()
{
    static QElapsedTimer timer;
    if (!timer.isValid())
        timer.start();
    return timer.elapsed() + 24LL * 3600 * 1000;
}

// Callbacks never run before the call that takes them returns (IdentityProvider's contract).
template <typename F>
void later(F f)
{
    QTimer::singleShot(0, std::move(f));
}

HttpResponse unauthorized(const QString &message)
{
    return HttpResponse::fromError(ApiError::unauthorized(message));
}

HttpResponse statusError(int status, const QString &message)
{
    return HttpResponse::fromError(ApiError(status, message));
}

// Text from the IdP shown in our answers: printable, short.
QString sanitized(const QString &text, qsizetype max = 300)
{
    QString out;
    for (const QChar c : text.left(max))
        out.append(c.isPrint() ? c : QLatin1Char(' '));
    return out;
}

QString audiencePathOf(const RequestContext &context)
{
    QString path = context.request.path;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QString pkceChallenge(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString bindingCookieName(const QString &state)
{
    return QStringLiteral("gh_oidc_") + state.left(16);
}

QString cookieValue(const HttpRequest &request, const QString &name)
{
    const QString header = QString::fromLatin1(request.header("cookie"));
    for (const QString &part : header.split(QLatin1Char(';'))) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq > 0 && part.left(eq).trimmed() == name)
            return part.mid(eq + 1).trimmed();
    }
    return QString();
}

QString jsonText(const Json &object, const char *key)
{
    if (!object.is_object())
        return QString();
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<QString>() : QString();
}
} // namespace

void OidcService::registerType(ServiceManager &manager)
{
    ServiceType type;
    type.name = QStringLiteral("oidc");
    type.label = QStringLiteral("OpenID Connect");
    type.group = QStringLiteral("Identity");
    type.description = QStringLiteral(
        "Single sign-on through an OpenID Connect provider (Entra ID, Okta, Keycloak, Google...): browser "
        "sign-in with the authorization code flow and PKCE, and the provider's access tokens accepted as "
        "bearer tokens, with claims mapped to lookups and groups to roles.");
    type.configSchema = OidcSettings::configSchema();
    type.create = [](const ServiceInfo &info, const ServiceEnvironment &env) -> std::shared_ptr<Service> {
        return std::make_shared<OidcService>(info, env);
    };
    type.validate = [](const ServiceInfo &info, const ServiceEnvironment &) {
        // Role and app ids are not checked here: this runs on a worker thread, and the access
        // snapshot belongs to the event loop. A missing role simply never applies.
        try {
            OidcSettings::fromConfig(info.config);
        } catch (const ApiError &error) {
            return error.message();
        }
        return QString();
    };
    type.probe = &OidcService::probe;
    manager.registerType(std::move(type));
}

OidcService::OidcService(ServiceInfo info, const ServiceEnvironment &env)
    : Service(std::move(info))
    , m_env(env)
{
    try {
        m_settings = OidcSettings::fromConfig(this->info().config);
    } catch (const ApiError &error) {
        m_configError = error.message();
    }
    if (m_configError.isEmpty() && !m_env.httpClient)
        m_configError = QStringLiteral("no HTTP client is available to reach the identity provider");
    // The fetch goes through the discovery document; `weak` keeps a replaced service's cache
    // from reaching into a destroyed one.
    QPointer<HttpClient> http = m_env.httpClient;
    const int timeoutMs = m_settings.timeoutMs;
    m_jwks = JwksCache::create(
        [this, http, timeoutMs](JwksCache::Loaded loaded) {
            // The cache belongs to this service and dies with it, and it ignores answers after
            // that (weak_from_this), so `this` is valid whenever the cache asks.
            withMetadata([http, timeoutMs, loaded](std::shared_ptr<const OidcMetadata> metadata,
                                                   const HttpResponse *error) {
                if (!metadata || !http) {
                    Q_UNUSED(error); // logged where discovery failed
                    loaded(QByteArray(), QStringLiteral("the discovery document could not be fetched"));
                    return;
                }
                OidcHttp::get(
                    *http, QUrl(metadata->jwksUri), timeoutMs, [loaded](const OidcHttp::Reply &reply) {
                        if (reply.status == 200)
                            loaded(reply.body, QString());
                        else if (reply.status == 0)
                            loaded(QByteArray(), reply.error);
                        else
                            loaded(QByteArray(),
                                   QStringLiteral("the JWKS endpoint answered HTTP %1").arg(reply.status));
                    });
            });
        },
        qint64(m_settings.jwksCooldownSeconds) * 1000, kJwksMaxAgeMs);
}

QStringList OidcService::accessComponents() const
{
    return {QString()};
}

void OidcService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    Q_UNUSED(context);
    done(HttpResponse::fromError(ApiError::badRequest(
        QStringLiteral("The oidc service '%1' has no resources of its own: sign in through "
                       "/api/v2/user/session?service=%1, or send its access tokens as bearer tokens.")
            .arg(info().name))));
}

bool OidcService::acceptsIssuer(const QString &issuer) const
{
    return m_configError.isEmpty() && !issuer.isEmpty() && issuer == m_settings.issuer;
}

HttpResponse OidcService::unreachable(const QString &what, const QString &error, bool timedOut) const
{
    spdlog::warn("oidc service '{}': {} failed: {}", info().name.toStdString(), what.toStdString(),
                 error.toStdString());
    return statusError(timedOut ? 504 : 502,
                       QStringLiteral("The identity provider of service '%1' could not be reached (%2).")
                           .arg(info().name, what));
}

void OidcService::withMetadata(MetadataReady ready)
{
    const qint64 now = monotonicMs();
    if (m_metadata && now - m_metadataAtMs < kMetadataMaxAgeMs) {
        ready(m_metadata, nullptr);
        return;
    }
    // Failed a moment ago: answer from what there is instead of asking again at once.
    const qint64 cooldown = qMax<qint64>(1000, qint64(m_settings.jwksCooldownSeconds) * 1000);
    if (!m_metadataInFlight && m_metadataAttemptMs >= 0 && now - m_metadataAttemptMs < cooldown) {
        ready(m_metadata, m_metadata ? nullptr : &m_metadataError);
        return;
    }
    m_metadataWaiting.append(std::move(ready));
    if (m_metadataInFlight)
        return;
    m_metadataInFlight = true;
    m_metadataAttemptMs = now;
    std::weak_ptr<OidcService> weak = weak_from_this();
    OidcHttp::get(*m_env.httpClient, QUrl(OidcMetadata::discoveryUrl(m_settings.issuer)),
                  m_settings.timeoutMs, [weak](const OidcHttp::Reply &reply) {
                      if (const auto self = weak.lock())
                          self->metadataLoaded(reply.body, reply.status, reply.error, reply.timedOut);
                  });
}

void OidcService::metadataLoaded(const QByteArray &body, int status, const QString &error, bool timedOut)
{
    m_metadataInFlight = false;
    QString problem;
    if (status == 0) {
        m_metadataError = unreachable(QStringLiteral("discovery"), error, timedOut);
        problem = error;
    } else if (status != 200) {
        problem = QStringLiteral("the discovery document answered HTTP %1").arg(status);
        m_metadataError = unreachable(QStringLiteral("discovery"), problem, false);
    } else {
        auto metadata = std::make_shared<OidcMetadata>();
        problem =
            OidcMetadata::parse(Json::parse(body.constData(), body.constData() + body.size(), nullptr, false),
                                m_settings.issuer, metadata.get());
        if (problem.isEmpty()) {
            m_metadata = std::move(metadata);
            m_metadataAtMs = monotonicMs();
        } else {
            spdlog::warn("oidc service '{}': {}", info().name.toStdString(), problem.toStdString());
            m_metadataError =
                statusError(502, QStringLiteral("The identity provider of service '%1' is misconfigured: %2.")
                                     .arg(info().name, problem));
        }
    }
    const auto waiting = std::exchange(m_metadataWaiting, {});
    for (const MetadataReady &ready : waiting)
        ready(m_metadata, m_metadata ? nullptr : &m_metadataError);
}

void OidcService::verifyToken(const JwtVerifier::Parts &parts, const JwtVerifier::Expectations &expect,
                              Verified done)
{
    std::weak_ptr<OidcService> weak = weak_from_this();
    auto withKeys = [parts, expect, done](std::shared_ptr<const JwkSet> keys, const QString &error,
                                          bool *unknownKey) {
        if (!keys) {
            const HttpResponse refusal = statusError(
                502, QStringLiteral("The identity provider's signing keys could not be fetched: %1.")
                         .arg(sanitized(error)));
            done(JwtVerifier::Result(), &refusal);
            return;
        }
        JwtVerifier::Result result = JwtVerifier::verify(parts, *keys, expect);
        if (unknownKey && result.error == JwtVerifier::Error::UnknownKey) {
            *unknownKey = true;
            return;
        }
        done(result, nullptr);
    };
    m_jwks->keys([weak, withKeys](std::shared_ptr<const JwkSet> keys, const QString &error) {
        bool unknownKey = false;
        withKeys(keys, error, &unknownKey);
        if (!unknownKey)
            return;
        // Rotated keys: fetch the JWKS again (once per cooldown, shared by every waiting token).
        const auto self = weak.lock();
        if (!self) {
            withKeys(keys, error, nullptr);
            return;
        }
        self->m_jwks->refreshForUnknownKid([withKeys](std::shared_ptr<const JwkSet> fresh, const QString &e) {
            withKeys(fresh, e, nullptr);
        });
    });
}

ExternalIdentity OidcService::identityFrom(const Json &claims) const
{
    ExternalIdentity identity = OidcIdentityMapper::map(claims, m_settings);
    identity.serviceId = info().id;
    identity.serviceName = info().name;
    return identity;
}

void OidcService::verifyBearer(const QString &token, const QString &audience, OnIdentity onIdentity,
                               OnError onError)
{
    if (!m_configError.isEmpty()) {
        later([onError, message = m_configError, name = info().name] {
            onError(statusError(
                503, QStringLiteral("Identity service '%1' is misconfigured: %2").arg(name, message)));
        });
        return;
    }
    QString parseError;
    const auto parts = JwtVerifier::parse(token, &parseError);
    if (!parts) {
        later([onError, parseError] {
            onError(unauthorized(QStringLiteral("Invalid token: %1.").arg(parseError)));
        });
        return;
    }
    JwtVerifier::Expectations expect;
    expect.issuer = m_settings.issuer;
    expect.audience = audience.isEmpty() ? m_settings.audience : audience;
    expect.algorithms = m_settings.algorithms;
    const QByteArray cacheKey = VerifiedTokenCache::keyFor(token, expect.audience);
    // A token verified a moment ago is taken again only while its key is still in the
    // provider's key set: a key retired at the next JWKS fetch ends its tokens at once.
    const std::shared_ptr<const JwkSet> currentKeys = m_jwks ? m_jwks->current() : nullptr;
    if (currentKeys && !parts->kid.isEmpty() && currentKeys->hasKid(parts->kid)) {
        if (auto identity = m_verified.find(cacheKey, QDateTime::currentSecsSinceEpoch())) {
            later([onIdentity, identity = std::move(*identity)] { onIdentity(identity); });
            return;
        }
    }
    std::weak_ptr<OidcService> weak = weak_from_this();
    const QString name = info().name;
    verifyToken(*parts, expect,
                [weak, name, cacheKey, onIdentity, onError](const JwtVerifier::Result &result,
                                                            const HttpResponse *error) {
                    if (error) {
                        later([onError, refusal = *error] { onError(refusal); });
                        return;
                    }
                    if (!result.ok()) {
                        spdlog::info("oidc service '{}': bearer token refused: {}", name.toStdString(),
                                     result.message.toStdString());
                        later([onError, message = result.message] { onError(unauthorized(message)); });
                        return;
                    }
                    const auto self = weak.lock();
                    if (!self) {
                        later([onError] {
                            onError(statusError(503, QStringLiteral("The identity service was reconfigured; "
                                                                    "try again.")));
                        });
                        return;
                    }
                    ExternalIdentity identity = self->identityFrom(result.parts.claims);
                    const auto exp = result.parts.claims.find("exp");
                    self->m_verified.insert(
                        cacheKey, identity,
                        exp != result.parts.claims.end() && exp->is_number() ? exp->get<qint64>() : 0,
                        QDateTime::currentSecsSinceEpoch());
                    later([onIdentity, identity = std::move(identity)] { onIdentity(identity); });
                });
}

QString OidcService::callbackUri(const RequestContext &context, const QString &audiencePath) const
{
    QString base = m_settings.publicUrl;
    if (base.isEmpty()) {
        // Without public_url the request's Host names the gateway. A forged Host only yields a
        // redirect_uri the IdP does not have registered, so it cannot redirect codes elsewhere.
        const QString host = QString::fromLatin1(context.request.header("host")).trimmed();
        static const QRegularExpression valid(
            QStringLiteral("^([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$"));
        if (!valid.match(host).hasMatch())
            throw ApiError::badRequest(QStringLiteral(
                "The request has no usable Host header; set public_url in the oidc service config."));
        base = (context.request.encrypted ? QStringLiteral("https://") : QStringLiteral("http://")) + host;
    }
    return base + audiencePath + QStringLiteral("?oauth_callback=true&service=") +
           QString::fromLatin1(QUrl::toPercentEncoding(info().name));
}

void OidcService::beginBrowserSignIn(std::shared_ptr<const RequestContext> context,
                                     std::function<void(HttpResponse)> done)
{
    try {
        if (!m_configError.isEmpty())
            throw ApiError(
                503,
                QStringLiteral("Identity service '%1' is misconfigured: %2").arg(info().name, m_configError));
        if (m_settings.clientId.isEmpty())
            throw ApiError::badRequest(
                QStringLiteral("Identity service '%1' has no client_id: it accepts bearer tokens only.")
                    .arg(info().name));
        OidcSignInStates::Pending pending;
        pending.clientRedirect = context->request.queryValue(QStringLiteral("redirect_uri")).trimmed();
        if (!pending.clientRedirect.isEmpty()) {
            const QUrl url(pending.clientRedirect, QUrl::StrictMode);
            if (!m_settings.isAllowedClientRedirect(url))
                throw ApiError::badRequest(QStringLiteral(
                    "The redirect_uri is not allowed: use http on a loopback address (127.0.0.1, [::1], "
                    "localhost) or a URL listed in the service's allowed_redirect_uris."));
            pending.clientRedirect = url.toString(QUrl::FullyEncoded);
        }
        pending.clientState = context->request.queryValue(QStringLiteral("state"));
        if (pending.clientState.size() > kMaxClientState)
            throw ApiError::badRequest(QStringLiteral("The state parameter is too long."));
        pending.audiencePath = audiencePathOf(*context);
        pending.callbackUri = callbackUri(*context, pending.audiencePath);
        pending.apiKey = Authenticator::apiKey(context->request);
        pending.nonce = OidcSignInStates::randomToken();
        pending.codeVerifier = OidcSignInStates::randomToken();
        pending.browserBinding = OidcSignInStates::randomToken();
        const bool secure = pending.callbackUri.startsWith(QLatin1String("https:"));
        const QString loginHint = context->request.queryValue(QStringLiteral("login_hint")).left(256);

        std::weak_ptr<OidcService> weak = weak_from_this();
        withMetadata([weak, pending, loginHint, secure, done](std::shared_ptr<const OidcMetadata> metadata,
                                                              const HttpResponse *error) mutable {
            const auto self = weak.lock();
            if (!self) {
                later([done] {
                    done(statusError(503, QStringLiteral("The identity service was reconfigured.")));
                });
                return;
            }
            if (!metadata || metadata->authorizationEndpoint.isEmpty() || metadata->tokenEndpoint.isEmpty()) {
                const HttpResponse refusal =
                    error
                        ? *error
                        : statusError(502, QStringLiteral("The identity provider offers no authorization "
                                                          "code flow (no authorization or token endpoint)."));
                later([done, refusal] { done(refusal); });
                return;
            }
            const OidcSettings &s = self->m_settings;
            const QString challenge = pkceChallenge(pending.codeVerifier);
            const QString nonce = pending.nonce;
            const QString callback = pending.callbackUri;
            const QString binding = pending.browserBinding;
            const QString cookiePath = pending.audiencePath;
            const QString state = self->m_states.add(std::move(pending), monotonicMs());
            QUrl url(metadata->authorizationEndpoint);
            QUrlQuery query(url);
            query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
            query.addQueryItem(QStringLiteral("client_id"), s.clientId);
            query.addQueryItem(QStringLiteral("redirect_uri"), callback);
            query.addQueryItem(QStringLiteral("scope"), s.scopes.join(QLatin1Char(' ')));
            query.addQueryItem(QStringLiteral("state"), state);
            query.addQueryItem(QStringLiteral("nonce"), nonce);
            query.addQueryItem(QStringLiteral("code_challenge"), challenge);
            query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            if (!loginHint.isEmpty())
                query.addQueryItem(QStringLiteral("login_hint"), loginHint);
            // QUrlQuery leaves '+' and friends alone; encode every value fully.
            QString encoded;
            for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
                if (!encoded.isEmpty())
                    encoded += QLatin1Char('&');
                encoded +=
                    QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
            }
            url.setQuery(encoded, QUrl::StrictMode);
            HttpResponse redirect;
            redirect.status = 302;
            redirect.contentType = "application/json";
            redirect.setHeader("Location", url.toString(QUrl::FullyEncoded).toUtf8());
            redirect.setHeader("Cache-Control", "no-store");
            redirect.setHeader("Set-Cookie", bindingCookieName(state).toLatin1() + '=' + binding.toLatin1() +
                                                 "; Path=" + cookiePath.toLatin1() +
                                                 "; Max-Age=600; HttpOnly; SameSite=Lax" +
                                                 (secure ? QByteArray("; Secure") : QByteArray()));
            redirect.body = QByteArray(R"({"success":true,"redirect":true})");
            later([done, redirect] { done(redirect); });
        });
    } catch (const ApiError &error) {
        later([done, refusal = HttpResponse::fromError(error)] { done(refusal); });
    }
}

void OidcService::completeBrowserSignIn(std::shared_ptr<const RequestContext> context, OnIdentity onIdentity,
                                        OnError onError)
{
    if (!m_configError.isEmpty()) {
        later([onError,
               refusal = statusError(503, QStringLiteral("Identity service '%1' is misconfigured: %2")
                                              .arg(info().name, m_configError))] { onError(refusal); });
        return;
    }
    const HttpRequest &request = context->request;
    // The state is consumed whatever happens next: one callback per sign-in.
    const auto pending = m_states.take(request.queryValue(QStringLiteral("state")), monotonicMs());
    bool fromThisBrowser = false;
    if (pending) {
        const QString binding =
            cookieValue(request, bindingCookieName(request.queryValue(QStringLiteral("state"))));
        fromThisBrowser =
            binding.size() == pending->browserBinding.size() && !binding.isEmpty() &&
            CRYPTO_memcmp(binding.toLatin1().constData(), pending->browserBinding.toLatin1().constData(),
                          size_t(binding.size())) == 0;
    }
    // From here on, a genuine sign-in's failures go to the front end that asked for the
    // session (if one did), so it is not left waiting.
    if (fromThisBrowser && !pending->clientRedirect.isEmpty())
        onError = [onError, redirect = pending->clientRedirect,
                   state = pending->clientState](HttpResponse refusal) {
            onError(SessionHandoffCodes::errorRedirect(redirect, state, refusal));
        };
    auto fail = [onError](HttpResponse refusal) { later([onError, refusal] { onError(refusal); }); };
    const QString idpError = request.queryValue(QStringLiteral("error"));
    if (!idpError.isEmpty()) {
        QString message =
            QStringLiteral("The identity provider refused the sign-in: %1").arg(sanitized(idpError, 64));
        const QString description = request.queryValue(QStringLiteral("error_description"));
        if (!description.isEmpty())
            message += QStringLiteral(" (%1)").arg(sanitized(description));
        fail(unauthorized(message + QLatin1Char('.')));
        return;
    }
    if (!pending) {
        fail(unauthorized(QStringLiteral(
            "The sign-in state is unknown, expired or already used. Please start the sign-in again.")));
        return;
    }
    if (!fromThisBrowser) {
        fail(unauthorized(
            QStringLiteral("The sign-in was not started in this browser. Please start it again.")));
        return;
    }
    if (pending->audiencePath != audiencePathOf(*context)) {
        fail(unauthorized(QStringLiteral("The sign-in was started for another endpoint.")));
        return;
    }
    // RFC 9207: a provider that names itself in the answer must be this one (mix-up attacks).
    if (request.hasQuery(QStringLiteral("iss")) &&
        request.queryValue(QStringLiteral("iss")) != m_settings.issuer) {
        fail(unauthorized(QStringLiteral("The sign-in answer comes from another identity provider.")));
        return;
    }
    const QString code = request.queryValue(QStringLiteral("code"));
    if (code.isEmpty() || code.size() > 4096) {
        fail(HttpResponse::fromError(
            ApiError::badRequest(QStringLiteral("The sign-in answer carries no code."))));
        return;
    }
    std::weak_ptr<OidcService> weak = weak_from_this();
    withMetadata([weak, context, pending = *pending, code, onIdentity, onError,
                  fail](std::shared_ptr<const OidcMetadata> metadata, const HttpResponse *error) {
        const auto self = weak.lock();
        if (!self) {
            fail(statusError(503, QStringLiteral("The identity service was reconfigured.")));
            return;
        }
        if (!metadata || metadata->tokenEndpoint.isEmpty()) {
            fail(error ? *error
                       : statusError(502, QStringLiteral("The identity provider has no token endpoint.")));
            return;
        }
        self->redeemCode(context, pending, code, metadata, onIdentity, onError);
    });
}

void OidcService::redeemCode(std::shared_ptr<const RequestContext> context, OidcSignInStates::Pending pending,
                             const QString &code, std::shared_ptr<const OidcMetadata> metadata,
                             OnIdentity onIdentity, OnError onError)
{
    Q_UNUSED(context);
    auto fail = [onError](HttpResponse refusal) { later([onError, refusal] { onError(refusal); }); };
    const OidcSettings &s = m_settings;
    QList<QPair<QString, QString>> form{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                        {QStringLiteral("code"), code},
                                        {QStringLiteral("redirect_uri"), pending.callbackUri},
                                        {QStringLiteral("code_verifier"), pending.codeVerifier}};
    QList<QPair<QByteArray, QByteArray>> headers;
    const QStringList methods = metadata->tokenEndpointAuthMethods;
    if (s.clientSecret.isEmpty()) {
        form.append({QStringLiteral("client_id"), s.clientId}); // a public client: PKCE alone
    } else if (s.tokenAuthMethod == QLatin1String("client_secret_basic") ||
               (s.tokenAuthMethod.isEmpty() &&
                (methods.isEmpty() || methods.contains(QLatin1String("client_secret_basic")) ||
                 !methods.contains(QLatin1String("client_secret_post"))))) {
        // RFC 6749 §2.3.1: both parts form-encoded before base64.
        const QByteArray credentials =
            QUrl::toPercentEncoding(s.clientId) + ':' + QUrl::toPercentEncoding(s.clientSecret);
        headers.append({"authorization", "Basic " + credentials.toBase64()});
    } else {
        form.append({QStringLiteral("client_id"), s.clientId});
        form.append({QStringLiteral("client_secret"), s.clientSecret});
    }
    std::weak_ptr<OidcService> weak = weak_from_this();
    const QString name = info().name;
    OidcHttp::postForm(
        *m_env.httpClient, QUrl(metadata->tokenEndpoint), form, headers, s.timeoutMs,
        [weak, name, pending, metadata, onIdentity, onError, fail](const OidcHttp::Reply &reply) {
            const auto self = weak.lock();
            if (!self) {
                fail(statusError(503, QStringLiteral("The identity service was reconfigured.")));
                return;
            }
            if (reply.status == 0) {
                fail(self->unreachable(QStringLiteral("token request"), reply.error, reply.timedOut));
                return;
            }
            const Json answer = Json::parse(reply.body.constData(),
                                            reply.body.constData() + reply.body.size(), nullptr, false);
            if (reply.status != 200) {
                const QString error = jsonText(answer, "error");
                spdlog::info("oidc service '{}': the token endpoint refused the code: HTTP {} {}",
                             name.toStdString(), reply.status, sanitized(error, 64).toStdString());
                if (reply.status >= 500) {
                    fail(statusError(
                        502, QStringLiteral("The identity provider failed to redeem the sign-in code.")));
                    return;
                }
                fail(unauthorized(QStringLiteral("The identity provider did not accept the sign-in code%1.")
                                      .arg(error.isEmpty()
                                               ? QString()
                                               : QStringLiteral(" (%1)").arg(sanitized(error, 64)))));
                return;
            }
            const QString idToken = jsonText(answer, "id_token");
            QString parseError;
            const auto parts = JwtVerifier::parse(idToken, &parseError);
            if (!parts) {
                fail(unauthorized(QStringLiteral("The identity provider returned no valid ID token.")));
                return;
            }
            JwtVerifier::Expectations expect;
            expect.issuer = self->m_settings.issuer;
            expect.audience = self->m_settings.clientId;
            expect.authorizedParty = self->m_settings.clientId;
            expect.nonce = pending.nonce;
            expect.algorithms = self->m_settings.algorithms;
            const QString accessToken = jsonText(answer, "access_token");
            self->verifyToken(
                *parts, expect,
                [weak, name, pending, accessToken, metadata, onIdentity,
                 fail](const JwtVerifier::Result &result, const HttpResponse *error) {
                    if (error) {
                        fail(*error);
                        return;
                    }
                    if (!result.ok()) {
                        spdlog::info("oidc service '{}': ID token refused: {}", name.toStdString(),
                                     result.message.toStdString());
                        fail(unauthorized(
                            QString(result.message)
                                .replace(QLatin1String("Invalid token"), QLatin1String("Invalid ID token"))));
                        return;
                    }
                    const auto self = weak.lock();
                    if (!self) {
                        fail(statusError(503, QStringLiteral("The identity service was reconfigured.")));
                        return;
                    }
                    self->finishSignIn(pending, result.parts.claims, accessToken, metadata, onIdentity);
                });
        });
}

void OidcService::finishSignIn(const OidcSignInStates::Pending &pending, const Json &idTokenClaims,
                               const QString &accessToken, std::shared_ptr<const OidcMetadata> metadata,
                               OnIdentity onIdentity)
{
    auto deliver = [weak = weak_from_this(), pending, onIdentity](const Json &claims) {
        const auto self = weak.lock();
        if (!self)
            return;
        ExternalIdentity identity = self->identityFrom(claims);
        identity.scopes.clear(); // a sign-in grants no OAuth scopes to the session
        identity.signInApiKey = pending.apiKey;
        identity.handoffRedirectUri = pending.clientRedirect;
        identity.handoffState = pending.clientState;
        later([onIdentity, identity] { onIdentity(identity); });
    };
    // Some providers (Okta, oidc-provider) put only `sub` into an ID token that comes with an
    // access token and serve the rest at userinfo: ask it, and add what the ID token lacks.
    // The ID token stays authoritative; a userinfo answer about another `sub` is ignored
    // (OIDC Core §5.3.2), and a failed call leaves the ID token's claims alone.
    if (accessToken.isEmpty() || metadata->userinfoEndpoint.isEmpty() || !m_env.httpClient) {
        deliver(idTokenClaims);
        return;
    }
    const QString name = info().name;
    OidcHttp::getWithBearer(
        *m_env.httpClient, QUrl(metadata->userinfoEndpoint), accessToken, m_settings.timeoutMs,
        [name, idTokenClaims, deliver](const OidcHttp::Reply &reply) {
            Json claims = idTokenClaims;
            const Json info = Json::parse(reply.body.constData(), reply.body.constData() + reply.body.size(),
                                          nullptr, false);
            if (reply.status == 200 && info.is_object() && info.contains("sub") &&
                info.at("sub") == idTokenClaims.at("sub")) {
                for (auto it = info.begin(); it != info.end(); ++it)
                    if (!claims.contains(it.key()))
                        claims[it.key()] = *it;
            } else {
                spdlog::info("oidc service '{}': userinfo not used (HTTP {})", name.toStdString(),
                             reply.status);
            }
            deliver(claims);
        });
}

void OidcService::probe(const ServiceInfo &info, const ServiceEnvironment &env,
                        std::function<void(Json)> done)
{
    struct Run
    {
        Json steps = Json::array();
        std::function<void(Json)> done;
        void step(const char *name, bool success, const QString &detail)
        {
            steps.push_back(Json{{"name", name}, {"success", success}, {"detail", detail}});
        }
        void finish(bool success) { done(Json{{"success", success}, {"steps", steps}}); }
    };
    auto run = std::make_shared<Run>();
    run->done = std::move(done);
    OidcSettings settings;
    try {
        settings = OidcSettings::fromConfig(info.config);
    } catch (const ApiError &error) {
        run->step("configuration", false, error.message());
        later([run] { run->finish(false); });
        return;
    }
    run->step("configuration", true, QStringLiteral("issuer %1").arg(settings.issuer));
    if (!env.httpClient) {
        run->step("discovery", false, QStringLiteral("no HTTP client available"));
        later([run] { run->finish(false); });
        return;
    }
    QPointer<HttpClient> http = env.httpClient;
    const QString discovery = OidcMetadata::discoveryUrl(settings.issuer);
    OidcHttp::get(
        *http, QUrl(discovery), settings.timeoutMs,
        [run, http, settings, discovery](const OidcHttp::Reply &reply) {
            if (reply.status != 200) {
                run->step("discovery", false,
                          reply.status == 0
                              ? QStringLiteral("%1: %2").arg(discovery, reply.error)
                              : QStringLiteral("%1 answered HTTP %2").arg(discovery).arg(reply.status));
                run->finish(false);
                return;
            }
            OidcMetadata metadata;
            const QString problem =
                OidcMetadata::parse(Json::parse(reply.body.constData(),
                                                reply.body.constData() + reply.body.size(), nullptr, false),
                                    settings.issuer, &metadata);
            if (!problem.isEmpty()) {
                run->step("discovery", false, problem);
                run->finish(false);
                return;
            }
            run->step(
                "discovery", true,
                QStringLiteral("issuer %1, authorization %2, token %3")
                    .arg(metadata.issuer,
                         metadata.authorizationEndpoint.isEmpty() ? QStringLiteral("none")
                                                                  : metadata.authorizationEndpoint,
                         metadata.tokenEndpoint.isEmpty() ? QStringLiteral("none") : metadata.tokenEndpoint));
            if (!http) {
                run->step("jwks", false, QStringLiteral("no HTTP client available"));
                run->finish(false);
                return;
            }
            OidcHttp::get(*http, QUrl(metadata.jwksUri), settings.timeoutMs,
                          [run, metadata](const OidcHttp::Reply &keys) {
                              if (keys.status != 200) {
                                  run->step("jwks", false,
                                            keys.status == 0
                                                ? QStringLiteral("%1: %2").arg(metadata.jwksUri, keys.error)
                                                : QStringLiteral("%1 answered HTTP %2")
                                                      .arg(metadata.jwksUri)
                                                      .arg(keys.status));
                                  run->finish(false);
                                  return;
                              }
                              QString error;
                              const JwkSet set = JwkSet::parse(keys.body, &error);
                              if (!error.isEmpty() || set.isEmpty()) {
                                  run->step("jwks", false,
                                            error.isEmpty()
                                                ? QStringLiteral("no usable RS256/ES256 signing key")
                                                : error);
                                  run->finish(false);
                                  return;
                              }
                              run->step("jwks", true,
                                        QStringLiteral("%1 signing key(s): %2")
                                            .arg(set.size())
                                            .arg(set.kids().join(QStringLiteral(", "))));
                              run->finish(true);
                          });
        });
}
} // namespace gatehouse
