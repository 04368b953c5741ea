#pragma once

#include <functional>
#include <memory>

#include <QHash>

#include "AccessTypes.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

class QObject;

namespace gatehouse {

class SystemStore;
struct AccessSnapshot;
struct JwtClaims;

// Turns a request's credentials into a Session. Runs on the event loop thread for every
// request. API keys and session tokens touch only memory: the store's current AccessSnapshot
// and an HMAC check. Basic credentials are the one exception: their password hash is read on
// the system database executor and verified on the hashing pool (authenticateBasic), and the
// result continues on the event loop.
class Authenticator
{
public:
    explicit Authenticator(const SystemStore &store);
    ~Authenticator();

    // An empty Session when the request carries no credentials at all (the gate then answers
    // 400). Throws ApiError: invalid API key 401, inactive app 403, invalid or tampered JWT
    // 401, expired JWT 401 (DF's message), revoked JWT 403, inactive user 403, inactive role
    // 403, a non-admin JWT without an API key 400.
    Session authenticate(const HttpRequest &request) const;

    // Where DF looks, in order (reference §1.2). Empty when absent.
    static QString apiKey(const HttpRequest &request);
    static QString sessionToken(const HttpRequest &request);
    // `Authorization: Basic ...` counts only when no session token is present (DF's rule).
    static bool hasBasicCredentials(const HttpRequest &request);

    // Basic auth (reference §1.2): checks the sign-in throttle, then the password (or a cached
    // verification), then applies the same app and role rules as a token user. Exactly one of
    // the callbacks runs, always on the event loop thread and never before this returns.
    // Failures are full responses (401 with WWW-Authenticate, 429 with Retry-After, ...).
    void authenticateBasic(const HttpRequest &request, std::function<void(Session)> onSession,
                           std::function<void(HttpResponse)> onError) const;

    // Verifies a token in full and returns its claims and (current) user; throws like
    // authenticate(). The session endpoints use it for GET and DELETE.
    std::pair<JwtClaims, User> verifyToken(const QString &token, const AccessSnapshot &snapshot) const;
    // The app behind an API key; throws 401 for an unknown key, 403 for an inactive app.
    static App appForKey(const QString &key, const AccessSnapshot &snapshot);
    // The app and role part of authenticate() for a user already known (token, Basic or an
    // identity provider's bearer token). `fallbackAppId`: the app to use when the request names
    // none (an identity service's bearer app); it must exist and be active.
    void applyAppAndRole(Session &session, const HttpRequest &request,
                         std::optional<qint64> fallbackAppId = std::nullopt) const;

    // The clock, replaceable by tests (seconds since the epoch).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const;

    static QString expiredMessage();
    static QString revokedMessage();

    // How long a successful Basic verification is remembered (see the .cpp).
    static constexpr int BasicCacheSeconds = 60;
    static constexpr int BasicCacheMaxEntries = 1024;

private:
    struct BasicCacheEntry
    {
        qint64 userId = 0;
        qint64 epoch = 0;
        QString email;
        qint64 expiresAt = 0;
    };
    QByteArray basicCacheKey(const QString &email, const QString &password) const;
    void finishBasic(const HttpRequest &request, const User &user, std::function<void(Session)> onSession,
                     std::function<void(HttpResponse)> onError) const;

    const SystemStore &m_store;
    std::function<qint64()> m_clock;
    // Context for continuations: they are dropped if the authenticator is gone.
    std::unique_ptr<QObject> m_guard;
    QByteArray m_cacheKey; // random per process: cache keys reveal nothing after a restart
    mutable QHash<QByteArray, BasicCacheEntry> m_basicCache;
};
} // namespace gatehouse
