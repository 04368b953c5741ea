#pragma once

#include <optional>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

class JwkSet;

// Verifies JWTs signed by an identity provider (ID tokens and bearer access tokens): RS256
// (RSASSA-PKCS1-v1_5 with SHA-256) and ES256 (ECDSA P-256, JOSE's raw r||s signature) on
// OpenSSL, then the registered claims. Only the algorithms in Expectations::algorithms are
// accepted and never "none" or an HMAC one, whatever the configuration says: an HS256 token
// "signed" with the provider's public key as the secret is the classic algorithm confusion.
// Our own HS256 session tokens are security/Jwt's business, not this class's.
class JwtVerifier
{
public:
    enum class Error
    {
        None,
        Malformed,
        AlgorithmNotAllowed,
        UnknownKey, // no key with the token's kid: the caller may refetch the JWKS once
        BadSignature,
        WrongIssuer,
        WrongAudience,
        WrongAuthorizedParty,
        Expired,
        NotYetValid,
        IssuedInFuture,
        MissingClaim,
        WrongNonce,
    };

    struct Parts
    {
        Json header = Json::object();
        Json claims = Json::object();
        QByteArray signingInput; // "<header>.<payload>" as received
        QByteArray signature;    // decoded
        QString alg;
        QString kid;
    };

    struct Expectations
    {
        QString issuer;   // exact match with `iss`
        QString audience; // `aud` (a string or an array) must contain it
        QStringList algorithms{QStringLiteral("RS256"), QStringLiteral("ES256")};
        qint64 now = 0; // seconds since the epoch; 0: the current time
        int skewSeconds = 60;
        // ID tokens: the client id an `azp` must name (also required when `aud` has several
        // values); empty: `azp` is not checked (bearer tokens of other clients).
        QString authorizedParty;
        // ID tokens of a browser sign-in: the `nonce` sent in the authorization request.
        QString nonce;
    };

    struct Result
    {
        Error error = Error::None;
        QString message; // for the 401: says what is wrong, never echoes the token
        Parts parts;
        bool ok() const { return error == Error::None; }
    };

    // Splits and decodes a compact JWS (three base64url parts, JSON header and payload).
    static std::optional<Parts> parse(const QString &token, QString *error = nullptr);
    // Signature (with a key of `keys`) and claims.
    static Result verify(const QString &token, const JwkSet &keys, const Expectations &expect);
    static Result verify(const Parts &parts, const JwkSet &keys, const Expectations &expect);
    // The claim checks alone (iss, aud, azp, exp, nbf, iat, nonce), for parts whose signature
    // has been verified.
    static Result checkClaims(const Parts &parts, const Expectations &expect);
    // Algorithms this class implements; allowed_algorithms must be a subset.
    static QStringList supportedAlgorithms();
    static bool isSupportedAlgorithm(const QString &alg);
    // The `aud` claim as a list (a string is a list of one; anything else: empty).
    static QStringList audiences(const Json &claims);
};
} // namespace gatehouse
