#pragma once

#include <QByteArray>
#include <QString>

namespace gatehouse {

// The claims Gatehouse puts in a session token. `firstIssuedAt` ("orig_iat") is carried over
// unchanged on every refresh, so the refresh window counts from the first login (DF semantics).
struct JwtClaims
{
    QString jti;
    QString subject; // the user id as text
    qint64 userId = 0;
    bool isSysAdmin = false;
    qint64 issuedAt = 0;
    qint64 notBefore = 0;
    qint64 expiresAt = 0;
    qint64 firstIssuedAt = 0;
    // The user's token epoch at issue ("epoch"); a token whose epoch is behind the user's
    // current one was revoked in bulk (password change, deactivation). Absent in tokens from
    // before epochs existed, which read as 0.
    qint64 epoch = 0;
};

// HS256 session tokens, and nothing else: the header must be exactly {"alg":"HS256","typ":"JWT"},
// so "none", algorithm switching (RS256 with the secret as a public key, HS512, ...) and
// unknown header parameters are all rejected before any claim is looked at. Immutable after
// construction; safe to share between threads.
class Jwt
{
public:
    static constexpr int MinKeyBytes = 32;
    static constexpr qint64 ClockSkewSeconds = 60; // tolerated for nbf/iat between nodes
    static constexpr qsizetype MaxTokenLength = 8192;

    enum class Error
    {
        None,
        Malformed,    // wrong shape, header, encoding or claims
        BadSignature, // well-formed but not signed with our key
        NotYetValid,  // nbf/iat in the future
        Expired
    };
    struct Result
    {
        Error error = Error::Malformed;
        JwtClaims claims;
        bool ok() const { return error == Error::None; }
    };

    Jwt() = default;
    explicit Jwt(const QByteArray &key);
    ~Jwt();
    Jwt(const Jwt &) = default;
    Jwt &operator=(const Jwt &) = default;

    bool isValid() const { return m_key.size() >= MinKeyBytes; }
    static QByteArray generateKey();

    // Fresh claims with a random jti. `firstIssuedAt` 0 means "this is the first issue".
    static JwtClaims newClaims(qint64 userId, bool isSysAdmin, qint64 now, int ttlMinutes,
                               qint64 firstIssuedAt = 0);
    QString sign(const JwtClaims &claims) const;
    // With `checkExpiry` false (refresh), everything but `exp` is still enforced.
    Result verify(const QString &token, qint64 now, bool checkExpiry = true) const;
    static bool withinRefreshWindow(const JwtClaims &claims, qint64 now, int refreshTtlMinutes);
    // The `iss` of a JWT-shaped token, read WITHOUT verifying anything: only for choosing who
    // should verify it (an identity provider's token is not ours). Empty when there is none, or
    // when it is our own issuer.
    static QString foreignIssuer(const QString &token);

private:
    QByteArray mac(const QByteArray &signingInput) const;

    QByteArray m_key;
};
} // namespace gatehouse
