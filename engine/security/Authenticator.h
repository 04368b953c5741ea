#pragma once

#include <functional>

#include "AccessTypes.h"
#include "http/HttpRequest.h"

namespace gatehouse {

class SystemStore;
struct AccessSnapshot;
struct JwtClaims;

// Turns a request's credentials into a Session. Runs on the event loop thread for every
// request, so it touches only memory: the store's current AccessSnapshot and an HMAC check.
// It never reads the database and never does anything slower than SHA-256.
class Authenticator
{
public:
    explicit Authenticator(const SystemStore &store);

    // An empty Session when the request carries no credentials at all (the gate then answers
    // 400). Throws ApiError: invalid API key 401, inactive app 403, invalid or tampered JWT
    // 401, expired JWT 401 (DF's message), revoked JWT 403, inactive user 403, inactive role
    // 403, a non-admin JWT without an API key 400.
    Session authenticate(const HttpRequest &request) const;

    // Where DF looks, in order (reference §1.2). Empty when absent.
    static QString apiKey(const HttpRequest &request);
    static QString sessionToken(const HttpRequest &request);

    // Verifies a token in full and returns its claims and (current) user; throws like
    // authenticate(). The session endpoints use it for GET and DELETE.
    std::pair<JwtClaims, User> verifyToken(const QString &token, const AccessSnapshot &snapshot) const;

    // The clock, replaceable by tests (seconds since the epoch).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const;

    static QString expiredMessage();

private:
    const SystemStore &m_store;
    std::function<qint64()> m_clock;
};
} // namespace gatehouse
