#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QUrl>

#include "core/Json.h"

namespace gatehouse::test {

// The test OpenID provider (tests/support/oidc-idp/idp.mjs, the `oidc-provider` npm package) in
// a child Node.js process on a random loopback port. Seeded accounts: alice (analysts, Sales),
// bob (engineers, Engineering), carol (e-mail not verified), root (gatehouse-admins). Logins
// finish without a browser: the `login_hint` account (default alice) signs in and consents to
// everything; login_hint=deny refuses consent. Control calls block (local event loop).
class OidcTestIdp
{
public:
    static constexpr const char *kClientId = "gatehouse";
    static constexpr const char *kClientSecret = "gatehouse-test-secret";
    static constexpr const char *kPublicClientId = "mcp-public";

    OidcTestIdp() = default;
    ~OidcTestIdp();
    OidcTestIdp(const OidcTestIdp &) = delete;
    OidcTestIdp &operator=(const OidcTestIdp &) = delete;

    // Is `npm ci` done in tests/support/oidc-idp (node_modules/oidc-provider present)?
    static bool isInstalled();
    // Starts node with `clients` (a JSON array of client metadata; null: the confidential
    // `gatehouse` client and the public `mcp-public` client, both with `redirectUris`) and
    // waits for the ready line (up to 30 s). False with errorString() on failure.
    bool start(const QStringList &redirectUris = {}, const Json &clients = nullptr);
    void stop();
    bool isRunning() const { return m_port != 0; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    QString issuer() const { return m_issuer; }

    // A JWT signed with the IdP's current key: {sub, account, aud, scope, exp, nbf, iat (offsets
    // in seconds), alg ("RS256", "ES256", "none"), kid, omitKid, iss, claims}.
    QString mintToken(const Json &request);
    // New signing keys first in the JWKS (old ones kept unless `retire`); returns their kids.
    QStringList rotateKeys(bool retire = false);
    // Adds or replaces static clients (by client_id).
    bool addClients(const Json &clients);
    // Requests the IdP has seen ({method, path}), e.g. to count JWKS fetches; resetRequests clears.
    Json requests();
    bool resetRequests();
    int countRequests(const QString &path);
    // An access token from the real token endpoint (client_credentials for `resource`).
    QString clientCredentialsToken(const QString &resource, const QString &scope = QStringLiteral("read"));

    // The whole authorization code flow with PKCE as `account` for the public client
    // (kPublicClientId, or `clientId`), asking for `resource` (RFC 8707; empty: none). Returns
    // the token endpoint's answer ({access_token, id_token, ...}; null on failure). `redirectUri`
    // must be registered for the client.
    Json authorizationCodeTokens(const QString &account, const QString &redirectUri, const QString &resource,
                                 const QString &scope = QStringLiteral("openid email profile groups"),
                                 const QString &clientId = QString::fromLatin1(kPublicClientId));

    Json control(const QByteArray &method, const QString &path, const Json &body = nullptr);

    // A browser: follows redirects from `url` with a shared cookie jar, across hosts, until an
    // answer is not a redirect or the next Location starts with one of `stopAt`.
    struct Hop
    {
        int status = 0;
        QUrl url;
        QByteArray location;
        QByteArray body;
        QHash<QByteArray, QByteArray> headers;
    };
    struct BrowseResult
    {
        QList<Hop> hops; // every request made, in order; the last one is the answer
        const Hop &last() const { return hops.last(); }
        Json json() const;
    };
    BrowseResult browse(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                        const QStringList &stopAt = {}, int maxHops = 15);
    // Forgets the browser's cookies (a new browser).
    void clearCookies();

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_issuer;
    QString m_error;
    QHash<QString, QByteArray> m_cookies; // "host:port" + name → "name=value" (path ignored)
};

} // namespace gatehouse::test
