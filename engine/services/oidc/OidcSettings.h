#pragma once

#include <optional>

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "core/Json.h"
#include "security/IdentityRoleMap.h"

namespace gatehouse {

struct AccessSnapshot;

// The `oidc` service type's config (docs/configuration.md, "OpenID Connect"), validated.
struct OidcSettings
{
    QString issuer;       // exact `iss`; discovery at <issuer>/.well-known/openid-configuration
    QString clientId;     // Gatehouse's client at the IdP (browser sign-in, ID token `aud`)
    QString clientSecret; // empty: a public client (PKCE alone)
    QStringList scopes;   // always contains "openid"
    QString audience;     // bearer tokens' expected `aud`; default clientId
    std::optional<qint64> appId;
    QHash<QString, QString> claims; // lookup name → claim
    QString usernameClaim = QStringLiteral("preferred_username");
    QString groupsClaim = QStringLiteral("groups");
    QStringList allowedRedirectUris; // front ends' redirect_uri besides http loopback
    QString publicUrl;               // the gateway's external base URL; empty: the request's Host
    int timeoutMs = 10000;
    QStringList algorithms{QStringLiteral("RS256"), QStringLiteral("ES256")};
    int jwksCooldownSeconds = 30;
    // "client_secret_basic" or "client_secret_post" as registered at the IdP; empty: basic
    // unless discovery offers only post.
    QString tokenAuthMethod;
    IdentityRoleMap roleMap;

    // Throws ApiError 400 naming the bad key (unknown keys too). Ids are checked against
    // `snapshot` when one is given.
    static OidcSettings fromConfig(const Json &config, const AccessSnapshot *snapshot = nullptr);
    static QStringList configKeys();
    // The type's config_schema (role-map keys included); configKeys() are its keys.
    static ConfigSchema configSchema();
    // http loopback (127.0.0.1, [::1], localhost; any port) or https/http on a listed URL.
    bool isAllowedClientRedirect(const QUrl &url) const;
    static bool isLoopbackHost(const QString &host);
};
} // namespace gatehouse
