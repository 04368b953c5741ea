#include "OidcSettings.h"

#include <QRegularExpression>

#include "JwtVerifier.h"
#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/LookupResolver.h"

namespace gatehouse {
namespace {
ApiError bad(const QString &key, const QString &why)
{
    return ApiError::badRequest(QStringLiteral("oidc config '%1' %2").arg(key, why));
}

QString text(const Json &config, const char *key, bool required = false)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) {
        if (required)
            throw bad(QLatin1String(key), QStringLiteral("is required."));
        return QString();
    }
    if (!it->is_string())
        throw bad(QLatin1String(key), QStringLiteral("must be a string."));
    const QString value = it->get<QString>().trimmed();
    if (required && value.isEmpty())
        throw bad(QLatin1String(key), QStringLiteral("is required."));
    return value;
}

QStringList stringList(const Json &config, const char *key)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return {};
    QStringList list;
    if (it->is_string()) {
        // "openid email profile" as well as ["openid", "email"].
        for (const QString &part :
             it->get<QString>().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts))
            list.append(part);
        return list;
    }
    if (!it->is_array())
        throw bad(QLatin1String(key), QStringLiteral("must be an array of strings."));
    for (const Json &item : *it) {
        if (!item.is_string() || item.get<std::string>().empty())
            throw bad(QLatin1String(key), QStringLiteral("must be an array of non-empty strings."));
        list.append(item.get<QString>().trimmed());
    }
    return list;
}

int integer(const Json &config, const char *key, int fallback, int min, int max)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    if (!it->is_number_integer() || it->get<qint64>() < min || it->get<qint64>() > max)
        throw bad(QLatin1String(key), QStringLiteral("must be an integer from %1 to %2.").arg(min).arg(max));
    return int(it->get<qint64>());
}

// Discovery, keys and tokens over plain HTTP could be forged on the way; only a provider on
// this machine (tests, a local IdP) may use it.
QUrl webUrl(const QString &value, const QString &key, bool allowPath = true)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasFragment() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        throw bad(key, QStringLiteral("must be an absolute http(s) URL."));
    if (!allowPath && url.hasQuery())
        throw bad(key, QStringLiteral("must not have a query."));
    return url;
}
} // namespace

QStringList OidcSettings::configKeys()
{
    return configschema::keys(configSchema());
}

ConfigSchema OidcSettings::configSchema()
{
    auto f = [](const char *name, const char *type, const char *label, const QString &description) {
        return ConfigField(QLatin1String(name), QLatin1String(type), QLatin1String(label), description);
    };
    ConfigSchema schema{
        f("issuer", "url", "Issuer",
          QStringLiteral("The identity provider's issuer URL (https; http only on loopback); its discovery "
                         "document is read from there."))
            .isRequired(),
        f("client_id", "string", "Client id",
          QStringLiteral(
              "The client id registered with the identity provider (needed for browser sign-in).")),
        f("client_secret", "password", "Client secret",
          QStringLiteral("Empty for a public client (PKCE only)."))
            .isSecret(),
        f("scopes", "array", "Scopes", QStringLiteral("One per line; openid is always asked for."))
            .withDefault(Json::array({"openid", "email", "profile"})),
        f("audience", "string", "Audience",
          QStringLiteral("The audience bearer tokens must name (default: the client id).")),
        f("app_id", "integer", "App id",
          QStringLiteral("The app whose roles apply to bearer tokens sent without an API key."))
            .withRange(1, 2147483647),
        f("username_claim", "string", "Username claim", QString()).withDefault("preferred_username"),
        f("groups_claim", "string", "Groups claim", QString()).withDefault("groups"),
        f("claims", "object", "Claims as lookups",
          QStringLiteral("Lookup name → token claim; each becomes a {user.<lookup name>} lookup.")),
        f("allowed_redirect_uris", "array", "Allowed redirect addresses",
          QStringLiteral("One address per line; loopback addresses are always allowed.")),
        f("public_url", "url", "Public URL",
          QStringLiteral("The gateway's address as browsers reach it (default: from the request).")),
        f("timeout", "integer", "Timeout", QStringLiteral("Seconds to wait for the provider."))
            .withDefault(10)
            .withRange(1, 120),
        f("allowed_algorithms", "multi_picklist", "Allowed algorithms",
          QStringLiteral("Token signature algorithms accepted (default: both)."))
            .withValues({QStringLiteral("RS256"), QStringLiteral("ES256")}),
        f("jwks_cooldown", "integer", "Key refresh cooldown",
          QStringLiteral("Seconds between key set reloads for unknown key ids."))
            .withDefault(30)
            .withRange(0, 3600),
        f("token_endpoint_auth_method", "picklist", "Token endpoint authentication",
          QStringLiteral("How the client secret is sent (default: what the provider offers)."))
            .withValues({QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}),
    };
    schema += IdentityRoleMap::configSchema();
    return schema;
}

bool OidcSettings::isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    return h == QLatin1String("127.0.0.1") || h == QLatin1String("::1") || h == QLatin1String("localhost");
}

OidcSettings OidcSettings::fromConfig(const Json &config, const AccessSnapshot *snapshot)
{
    if (!config.is_object())
        throw ApiError::badRequest(QStringLiteral("The oidc service config must be a JSON object."));
    const QStringList known = configKeys();
    for (auto it = config.begin(); it != config.end(); ++it)
        if (!known.contains(QString::fromStdString(it.key())))
            throw ApiError::badRequest(
                QStringLiteral("Unknown oidc config key '%1' (known: %2).")
                    .arg(QString::fromStdString(it.key()), known.join(QStringLiteral(", "))));
    OidcSettings s;
    s.issuer = text(config, "issuer", true);
    const QUrl issuer = webUrl(s.issuer, QStringLiteral("issuer"), false);
    if (issuer.scheme() == QLatin1String("http") && !isLoopbackHost(issuer.host()))
        throw bad(QStringLiteral("issuer"), QStringLiteral("must use https (plain http only on loopback)."));
    s.clientId = text(config, "client_id");
    s.clientSecret = text(config, "client_secret");
    s.audience = text(config, "audience");
    if (s.audience.isEmpty())
        s.audience = s.clientId;
    if (s.audience.isEmpty())
        throw bad(QStringLiteral("client_id"), QStringLiteral("is required (or at least 'audience')."));

    s.scopes = stringList(config, "scopes");
    if (s.scopes.isEmpty())
        s.scopes = {QStringLiteral("openid"), QStringLiteral("email"), QStringLiteral("profile")};
    if (!s.scopes.contains(QLatin1String("openid")))
        s.scopes.prepend(QStringLiteral("openid"));
    static const QRegularExpression scopeToken(QStringLiteral("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$"));
    for (const QString &scope : std::as_const(s.scopes))
        if (!scopeToken.match(scope).hasMatch())
            throw bad(QStringLiteral("scopes"), QStringLiteral("holds an invalid scope '%1'.").arg(scope));

    if (const auto it = config.find("app_id"); it != config.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<qint64>() <= 0)
            throw bad(QStringLiteral("app_id"), QStringLiteral("must be a positive integer."));
        s.appId = it->get<qint64>();
        if (snapshot && !snapshot->appsById.contains(*s.appId))
            throw bad(QStringLiteral("app_id"),
                      QStringLiteral("names app %1, which does not exist.").arg(*s.appId));
    }

    if (const auto it = config.find("claims"); it != config.end() && !it->is_null()) {
        if (!it->is_object())
            throw bad(QStringLiteral("claims"), QStringLiteral("must be an object of lookup name → claim."));
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
        for (auto claim = it->begin(); claim != it->end(); ++claim) {
            const QString lookup = QString::fromStdString(claim.key());
            // Built-in {user.*} lookups win over attributes; a mapping under their name would
            // silently never apply.
            if (LookupResolver::isBuiltInUserKey(lookup))
                throw bad(QStringLiteral("claims"),
                          QStringLiteral("cannot map '%1': {user.%1} is a built-in lookup.").arg(lookup));
            if (!name.match(lookup).hasMatch())
                throw bad(QStringLiteral("claims"),
                          QStringLiteral("has an invalid lookup name '%1'.").arg(lookup));
            if (!claim->is_string() || claim->get<std::string>().empty())
                throw bad(QStringLiteral("claims"),
                          QStringLiteral("must map '%1' to a claim name (a string).").arg(lookup));
            s.claims.insert(lookup, claim->get<QString>());
        }
    }
    if (const QString v = text(config, "username_claim"); !v.isEmpty())
        s.usernameClaim = v;
    if (const QString v = text(config, "groups_claim"); !v.isEmpty())
        s.groupsClaim = v;

    for (const QString &uri : stringList(config, "allowed_redirect_uris")) {
        const QUrl url = webUrl(uri, QStringLiteral("allowed_redirect_uris"));
        s.allowedRedirectUris.append(url.toString(QUrl::FullyEncoded));
    }
    s.publicUrl = text(config, "public_url");
    if (!s.publicUrl.isEmpty()) {
        webUrl(s.publicUrl, QStringLiteral("public_url"), false);
        while (s.publicUrl.endsWith(QLatin1Char('/')))
            s.publicUrl.chop(1);
    }
    s.timeoutMs = integer(config, "timeout", 10, 1, 120) * 1000;
    s.jwksCooldownSeconds = integer(config, "jwks_cooldown", 30, 0, 3600);
    s.tokenAuthMethod = text(config, "token_endpoint_auth_method");
    if (!s.tokenAuthMethod.isEmpty() && s.tokenAuthMethod != QLatin1String("client_secret_basic") &&
        s.tokenAuthMethod != QLatin1String("client_secret_post"))
        throw bad(QStringLiteral("token_endpoint_auth_method"),
                  QStringLiteral("must be client_secret_basic or client_secret_post."));

    if (config.contains("allowed_algorithms") && !config.at("allowed_algorithms").is_null()) {
        const QStringList algs = stringList(config, "allowed_algorithms");
        if (algs.isEmpty())
            throw bad(QStringLiteral("allowed_algorithms"),
                      QStringLiteral("must name at least one algorithm."));
        for (const QString &alg : algs)
            if (!JwtVerifier::isSupportedAlgorithm(alg))
                throw bad(QStringLiteral("allowed_algorithms"),
                          QStringLiteral("names '%1'; only RS256 and ES256 are accepted (never 'none' or an "
                                         "HMAC algorithm).")
                              .arg(alg));
        s.algorithms = algs;
    }
    s.roleMap = IdentityRoleMap::fromConfig(config, snapshot);
    return s;
}

bool OidcSettings::isAllowedClientRedirect(const QUrl &url) const
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty() || !url.userInfo().isEmpty() ||
        url.hasFragment())
        return false;
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()))
        return true;
    // A listed URL matches exactly (its query too), except that a listed URL without a query
    // allows none.
    const QString normalized = url.toString(QUrl::FullyEncoded);
    return allowedRedirectUris.contains(normalized);
}
} // namespace gatehouse
