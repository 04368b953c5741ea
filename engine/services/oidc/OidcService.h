#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QString>

#include "JwtVerifier.h"
#include "OidcMetadata.h"
#include "OidcSettings.h"
#include "OidcSignInStates.h"
#include "VerifiedTokenCache.h"
#include "services/IdentityProvider.h"
#include "services/ServiceManager.h"

namespace gatehouse {

class JwksCache;

// The `oidc` service type: an OpenID Connect provider people sign in with (authorization code
// flow with PKCE, ending in a Gatehouse session) and whose access tokens clients present
// directly (bearer JWTs verified against its JWKS). docs/configuration.md, docs/api.md.
class OidcService : public Service, public IdentityProvider, public std::enable_shared_from_this<OidcService>
{
public:
    static void registerType(ServiceManager &manager);

    OidcService(ServiceInfo info, const ServiceEnvironment &env);

    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;
    IdentityProvider *identityProvider() override { return this; }

    QString signInKind() const override { return QStringLiteral("oidc"); }
    const IdentityRoleMap &roleMap() const override { return m_settings.roleMap; }
    void beginBrowserSignIn(std::shared_ptr<const RequestContext> context,
                            std::function<void(HttpResponse)> done) override;
    void completeBrowserSignIn(std::shared_ptr<const RequestContext> context, OnIdentity onIdentity,
                               OnError onError) override;
    bool acceptsIssuer(const QString &issuer) const override;
    void verifyBearer(const QString &token, const QString &audience, OnIdentity onIdentity,
                      OnError onError) override;
    std::optional<qint64> bearerAppId() const override { return m_settings.appId; }

    // The console's Test button: discovery, then the JWKS.
    static void probe(const ServiceInfo &info, const ServiceEnvironment &env, std::function<void(Json)> done);

private:
    using MetadataReady = std::function<void(std::shared_ptr<const OidcMetadata>, const HttpResponse *error)>;
    using Verified = std::function<void(const JwtVerifier::Result &, const HttpResponse *error)>;

    void withMetadata(MetadataReady ready);
    void metadataLoaded(const QByteArray &body, int status, const QString &error, bool timedOut);
    // Signature with the cached keys, refetched once when the token names an unknown kid.
    void verifyToken(const JwtVerifier::Parts &parts, const JwtVerifier::Expectations &expect, Verified done);
    void redeemCode(std::shared_ptr<const RequestContext> context, OidcSignInStates::Pending pending,
                    const QString &code, std::shared_ptr<const OidcMetadata> metadata, OnIdentity onIdentity,
                    OnError onError);
    // The verified ID token's claims, completed from userinfo where the IdP keeps them there.
    void finishSignIn(const OidcSignInStates::Pending &pending, const Json &idTokenClaims,
                      const QString &accessToken, std::shared_ptr<const OidcMetadata> metadata,
                      OnIdentity onIdentity);
    ExternalIdentity identityFrom(const Json &claims) const;
    // <public_url or scheme://Host><audience path>?oauth_callback=true&service=<name>
    QString callbackUri(const RequestContext &context, const QString &audiencePath) const;
    HttpResponse unreachable(const QString &what, const QString &error, bool timedOut) const;

    ServiceEnvironment m_env;
    OidcSettings m_settings;
    QString m_configError;
    std::shared_ptr<JwksCache> m_jwks;
    OidcSignInStates m_states;
    VerifiedTokenCache m_verified;

    std::shared_ptr<const OidcMetadata> m_metadata;
    qint64 m_metadataAtMs = -1;
    qint64 m_metadataAttemptMs = -1;
    bool m_metadataInFlight = false;
    HttpResponse m_metadataError;
    QList<MetadataReady> m_metadataWaiting;
};
} // namespace gatehouse
