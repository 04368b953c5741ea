#include "JwtVerifier.h"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <QDateTime>

#include "JwkSet.h"

namespace gatehouse {
namespace {
using Error = JwtVerifier::Error;

// Tokens are headers: a few KB. Anything much larger is not a token we issue or accept.
constexpr qsizetype kMaxTokenSize = 64 * 1024;

std::optional<QByteArray> decodePart(const QByteArray &part)
{
    if (part.contains('='))
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

JwtVerifier::Result failure(Error error, const QString &message)
{
    JwtVerifier::Result result;
    result.error = error;
    result.message = message;
    return result;
}

// JOSE's ES256 signature is r||s, 32 bytes each; OpenSSL verifies DER.
QByteArray joseToDer(const QByteArray &raw)
{
    if (raw.size() != 64)
        return QByteArray();
    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()), 32, nullptr);
    BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()) + 32, 32, nullptr);
    QByteArray der;
    if (sig && r && s && ECDSA_SIG_set0(sig, r, s) == 1) {
        r = s = nullptr; // owned by sig now
        unsigned char *out = nullptr;
        const int length = i2d_ECDSA_SIG(sig, &out);
        if (length > 0)
            der = QByteArray(reinterpret_cast<const char *>(out), length);
        OPENSSL_free(out);
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return der;
}

bool verifySignature(const QString &alg, evp_pkey_st *pkey, const QByteArray &input,
                     const QByteArray &signature)
{
    QByteArray sig = signature;
    if (alg == QLatin1String("ES256")) {
        sig = joseToDer(signature);
        if (sig.isEmpty())
            return false;
    } else if (alg != QLatin1String("RS256")) {
        return false;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
              EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(sig.constData()),
                               size_t(sig.size()), reinterpret_cast<const unsigned char *>(input.constData()),
                               size_t(input.size())) == 1;
    EVP_MD_CTX_free(ctx);
    ERR_clear_error(); // a failed check leaves entries in this thread's error queue
    return ok;
}

// A NumericDate (RFC 7519 §2): a JSON number; fractions are allowed and truncated.
std::optional<qint64> numericDate(const Json &claims, const char *name, bool *wrongType)
{
    const auto it = claims.find(name);
    if (it == claims.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number()) {
        *wrongType = true;
        return std::nullopt;
    }
    const double value = it->get<double>();
    if (!(value > -1e15 && value < 1e15)) {
        *wrongType = true;
        return std::nullopt;
    }
    return qint64(value);
}
} // namespace

QStringList JwtVerifier::supportedAlgorithms()
{
    return {QStringLiteral("RS256"), QStringLiteral("ES256")};
}

bool JwtVerifier::isSupportedAlgorithm(const QString &alg)
{
    return supportedAlgorithms().contains(alg);
}

QStringList JwtVerifier::audiences(const Json &claims)
{
    QStringList list;
    const auto it = claims.find("aud");
    if (it == claims.end())
        return list;
    if (it->is_string()) {
        list.append(it->get<QString>());
    } else if (it->is_array()) {
        for (const Json &value : *it)
            if (value.is_string())
                list.append(value.get<QString>());
    }
    return list;
}

std::optional<JwtVerifier::Parts> JwtVerifier::parse(const QString &token, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Parts> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (token.size() > kMaxTokenSize)
        return fail(QStringLiteral("the token is too large"));
    const QByteArray text = token.toLatin1();
    const QList<QByteArray> pieces = text.split('.');
    if (pieces.size() != 3)
        return fail(QStringLiteral("the token is not a signed JWT (three parts)"));
    const auto header = decodePart(pieces[0]);
    const auto payload = decodePart(pieces[1]);
    const auto signature = decodePart(pieces[2]);
    if (!header || !payload || !signature)
        return fail(QStringLiteral("the token is not valid base64url"));
    Parts parts;
    parts.header = Json::parse(header->constData(), header->constData() + header->size(), nullptr, false);
    parts.claims = Json::parse(payload->constData(), payload->constData() + payload->size(), nullptr, false);
    if (!parts.header.is_object() || !parts.claims.is_object())
        return fail(QStringLiteral("the token's header or payload is not a JSON object"));
    const auto alg = parts.header.find("alg");
    if (alg == parts.header.end() || !alg->is_string())
        return fail(QStringLiteral("the token names no algorithm"));
    parts.alg = alg->get<QString>();
    if (const auto kid = parts.header.find("kid"); kid != parts.header.end()) {
        if (!kid->is_string())
            return fail(QStringLiteral("the token's key id is not a string"));
        parts.kid = kid->get<QString>();
    }
    // Critical extensions we do not understand make the token unusable (RFC 7515 §4.1.11).
    if (parts.header.contains("crit"))
        return fail(QStringLiteral("the token uses critical header extensions"));
    parts.signingInput = pieces[0] + '.' + pieces[1];
    parts.signature = *signature;
    return parts;
}

JwtVerifier::Result JwtVerifier::verify(const QString &token, const JwkSet &keys, const Expectations &expect)
{
    QString error;
    const auto parts = parse(token, &error);
    if (!parts)
        return failure(Error::Malformed, QStringLiteral("Invalid token: %1.").arg(error));
    return verify(*parts, keys, expect);
}

JwtVerifier::Result JwtVerifier::verify(const Parts &parts, const JwkSet &keys, const Expectations &expect)
{
    // The allow-list is intersected with what we implement, so "none" and HS256 never pass
    // even if a configuration listed them.
    if (!isSupportedAlgorithm(parts.alg) || !expect.algorithms.contains(parts.alg))
        return failure(Error::AlgorithmNotAllowed,
                       QStringLiteral("Invalid token: the signing algorithm '%1' is not accepted.")
                           .arg(parts.alg.left(32)));
    const QList<JwkSet::Key> candidates = keys.candidates(parts.kid, parts.alg);
    if (candidates.isEmpty())
        return failure(Error::UnknownKey,
                       parts.kid.isEmpty()
                           ? QStringLiteral("Invalid token: no signing key of the identity provider fits it.")
                           : QStringLiteral("Invalid token: the signing key '%1' is unknown to the identity "
                                            "provider.")
                                 .arg(parts.kid.left(128)));
    bool verified = false;
    for (const JwkSet::Key &key : candidates)
        if ((verified = verifySignature(parts.alg, key.pkey.get(), parts.signingInput, parts.signature)))
            break;
    if (!verified)
        return failure(Error::BadSignature, QStringLiteral("Invalid token: the signature does not verify."));
    return checkClaims(parts, expect);
}

JwtVerifier::Result JwtVerifier::checkClaims(const Parts &parts, const Expectations &expect)
{
    const Json &claims = parts.claims;
    const qint64 now = expect.now > 0 ? expect.now : QDateTime::currentSecsSinceEpoch();
    const qint64 skew = qMax(0, expect.skewSeconds);

    const auto iss = claims.find("iss");
    if (iss == claims.end() || !iss->is_string() || iss->get<QString>() != expect.issuer)
        return failure(Error::WrongIssuer, QStringLiteral("Invalid token: it was not issued by this identity "
                                                          "provider."));
    const auto sub = claims.find("sub");
    if (sub == claims.end() || !sub->is_string() || sub->get<std::string>().empty())
        return failure(Error::MissingClaim, QStringLiteral("Invalid token: it names no subject (sub)."));

    const QStringList aud = audiences(claims);
    if (expect.audience.isEmpty() || !aud.contains(expect.audience))
        return failure(Error::WrongAudience,
                       QStringLiteral("Invalid token: it is not meant for this audience (expected '%1').")
                           .arg(expect.audience));
    if (!expect.authorizedParty.isEmpty()) {
        const auto azp = claims.find("azp");
        const bool hasAzp = azp != claims.end();
        if ((hasAzp && (!azp->is_string() || azp->get<QString>() != expect.authorizedParty)) ||
            (!hasAzp && aud.size() > 1))
            return failure(Error::WrongAuthorizedParty,
                           QStringLiteral("Invalid token: it was issued to another client (azp)."));
    }

    bool wrongType = false;
    const auto exp = numericDate(claims, "exp", &wrongType);
    const auto nbf = numericDate(claims, "nbf", &wrongType);
    const auto iat = numericDate(claims, "iat", &wrongType);
    if (wrongType)
        return failure(Error::Malformed, QStringLiteral("Invalid token: a time claim is not a number."));
    if (!exp)
        return failure(Error::MissingClaim, QStringLiteral("Invalid token: it has no expiry (exp)."));
    if (now - skew >= *exp)
        return failure(Error::Expired, QStringLiteral("Invalid token: the token has expired."));
    if (nbf && *nbf > now + skew)
        return failure(Error::NotYetValid,
                       QStringLiteral("Invalid token: the token is not valid yet (nbf)."));
    if (iat && *iat > now + skew)
        return failure(Error::IssuedInFuture,
                       QStringLiteral("Invalid token: it claims to be issued in the future (iat)."));

    if (!expect.nonce.isEmpty()) {
        const auto nonce = claims.find("nonce");
        if (nonce == claims.end() || !nonce->is_string() || nonce->get<QString>() != expect.nonce)
            return failure(Error::WrongNonce,
                           QStringLiteral("Invalid token: the nonce does not match this sign-in."));
    }
    Result result;
    result.parts = parts;
    return result;
}
} // namespace gatehouse
