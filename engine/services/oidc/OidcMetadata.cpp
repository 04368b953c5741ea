#include "OidcMetadata.h"

#include <QUrl>

#include "OidcSettings.h"

namespace gatehouse {
namespace {
QString field(const Json &document, const char *name)
{
    const auto it = document.find(name);
    return it != document.end() && it->is_string() ? it->get<QString>() : QString();
}

QStringList list(const Json &document, const char *name)
{
    QStringList values;
    const auto it = document.find(name);
    if (it != document.end() && it->is_array())
        for (const Json &item : *it)
            if (item.is_string())
                values.append(item.get<QString>());
    return values;
}

bool usableEndpoint(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.hasFragment())
        return false;
    return url.scheme() == QLatin1String("https") ||
           (url.scheme() == QLatin1String("http") && OidcSettings::isLoopbackHost(url.host()));
}
} // namespace

QString OidcMetadata::discoveryUrl(const QString &issuer)
{
    QString base = issuer;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/.well-known/openid-configuration");
}

QString OidcMetadata::parse(const Json &document, const QString &expectedIssuer, OidcMetadata *out)
{
    if (!document.is_object())
        return QStringLiteral("the discovery document is not a JSON object");
    OidcMetadata m;
    m.issuer = field(document, "issuer");
    if (m.issuer != expectedIssuer)
        return QStringLiteral("the discovery document names the issuer '%1', not the configured '%2'")
            .arg(m.issuer.left(200), expectedIssuer);
    m.authorizationEndpoint = field(document, "authorization_endpoint");
    m.tokenEndpoint = field(document, "token_endpoint");
    m.jwksUri = field(document, "jwks_uri");
    m.userinfoEndpoint = field(document, "userinfo_endpoint");
    m.tokenEndpointAuthMethods = list(document, "token_endpoint_auth_methods_supported");
    m.codeChallengeMethods = list(document, "code_challenge_methods_supported");
    if (!usableEndpoint(m.jwksUri))
        return QStringLiteral("the discovery document has no usable jwks_uri (https, or http on loopback)");
    if (!m.authorizationEndpoint.isEmpty() && !usableEndpoint(m.authorizationEndpoint))
        return QStringLiteral("the authorization_endpoint is not https");
    if (!m.tokenEndpoint.isEmpty() && !usableEndpoint(m.tokenEndpoint))
        return QStringLiteral("the token_endpoint is not https");
    *out = std::move(m);
    return QString();
}
} // namespace gatehouse
