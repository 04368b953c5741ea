#include "Jwt.h"

#include <sodium.h>

#include "SecretBox.h"
#include "core/Json.h"

namespace gatehouse {
namespace {
const char kIssuer[] = "gatehouse";
constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// Strict base64url: only the URL alphabet, no padding, and canonical (re-encoding gives the
// same text), so one token has exactly one spelling.
bool decodeSegment(const QByteArray &segment, QByteArray *out)
{
    if (segment.isEmpty())
        return false;
    for (const char c : segment) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_'))
            return false;
    }
    if (segment.size() % 4 == 1)
        return false;
    const auto decoded =
        QByteArray::fromBase64Encoding(segment, kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64(kEncoding) != segment)
        return false;
    *out = decoded.decoded;
    return true;
}

bool readInt(const Json &object, const char *key, qint64 *out)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return false;
    *out = it->get<qint64>();
    return true;
}

bool readString(const Json &object, const char *key, QString *out)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return false;
    *out = it->get<QString>();
    return !out->isEmpty();
}

const QByteArray &expectedHeader()
{
    static const QByteArray header = QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})").toBase64(kEncoding);
    return header;
}
} // namespace

Jwt::Jwt(const QByteArray &key)
    : m_key(key)
{
    SecretBox::initializeSodium();
}

Jwt::~Jwt()
{
    if (!m_key.isEmpty() && m_key.isDetached())
        sodium_memzero(m_key.data(), size_t(m_key.size()));
}

QByteArray Jwt::generateKey()
{
    SecretBox::initializeSodium();
    QByteArray key(64, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

JwtClaims Jwt::newClaims(qint64 userId, bool isSysAdmin, qint64 now, int ttlMinutes, qint64 firstIssuedAt)
{
    SecretBox::initializeSodium();
    unsigned char id[16];
    randombytes_buf(id, sizeof id);
    JwtClaims claims;
    claims.jti = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(id), sizeof id).toHex());
    claims.userId = userId;
    claims.subject = QString::number(userId);
    claims.isSysAdmin = isSysAdmin;
    claims.issuedAt = now;
    claims.notBefore = now;
    claims.expiresAt = now + qint64(ttlMinutes) * 60;
    claims.firstIssuedAt = firstIssuedAt > 0 ? firstIssuedAt : now;
    return claims;
}

QByteArray Jwt::mac(const QByteArray &signingInput) const
{
    // The init/update/final form takes keys of any length (the one-shot form needs exactly 32).
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(m_key.constData()),
                                size_t(m_key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(signingInput.constData()),
                                  quint64(signingInput.size()));
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(out.data()));
    sodium_memzero(&state, sizeof state);
    return out;
}

QString Jwt::sign(const JwtClaims &claims) const
{
    if (!isValid())
        return {};
    const Json payload{{"iss", kIssuer},
                       {"sub", claims.subject},
                       {"jti", claims.jti},
                       {"iat", claims.issuedAt},
                       {"nbf", claims.notBefore},
                       {"exp", claims.expiresAt},
                       {"orig_iat", claims.firstIssuedAt},
                       {"user_id", claims.userId},
                       {"is_sys_admin", claims.isSysAdmin},
                       {"epoch", claims.epoch},
                       {"forever", false}};
    const QByteArray input = expectedHeader() + '.' + dumpJson(payload).toBase64(kEncoding);
    return QString::fromLatin1(input + '.' + mac(input).toBase64(kEncoding));
}

Jwt::Result Jwt::verify(const QString &token, qint64 now, bool checkExpiry) const
{
    Result result;
    if (!isValid() || token.isEmpty() || token.size() > MaxTokenLength)
        return result;
    const QByteArray text = token.toLatin1();
    if (QString::fromLatin1(text) != token) // non-Latin-1 characters
        return result;
    const QList<QByteArray> parts = text.split('.');
    if (parts.size() != 3)
        return result;

    QByteArray headerJson, payloadJson, signature;
    if (!decodeSegment(parts[0], &headerJson) || !decodeSegment(parts[1], &payloadJson) ||
        !decodeSegment(parts[2], &signature))
        return result;
    // Exactly these two members with exactly these values; the check is on parsed JSON so
    // whitespace or member order from other issuers does not matter, but nothing else passes.
    const Json header = parseJsonOrDiscarded(headerJson);
    if (!header.is_object() || header.size() != 2 || header.value("alg", Json()) != Json("HS256") ||
        header.value("typ", Json()) != Json("JWT"))
        return result;

    if (signature.size() != crypto_auth_hmacsha256_BYTES)
        return result;
    const QByteArray expected = mac(parts[0] + '.' + parts[1]);
    if (sodium_memcmp(expected.constData(), signature.constData(), size_t(expected.size())) != 0) {
        result.error = Error::BadSignature;
        return result;
    }

    // Only now, with the payload authenticated, are the claims interpreted.
    const Json payload = parseJsonOrDiscarded(payloadJson);
    if (!payload.is_object())
        return result;
    JwtClaims claims;
    QString issuer;
    if (!readString(payload, "iss", &issuer) || issuer != QLatin1String(kIssuer) ||
        !readString(payload, "jti", &claims.jti) || !readString(payload, "sub", &claims.subject) ||
        !readInt(payload, "iat", &claims.issuedAt) || !readInt(payload, "nbf", &claims.notBefore) ||
        !readInt(payload, "exp", &claims.expiresAt) || !readInt(payload, "orig_iat", &claims.firstIssuedAt) ||
        !readInt(payload, "user_id", &claims.userId))
        return result;
    const auto admin = payload.find("is_sys_admin");
    if (admin == payload.end() || !admin->is_boolean())
        return result;
    claims.isSysAdmin = admin->get<bool>();
    const auto epoch = payload.find("epoch");
    if (epoch != payload.end()) {
        if (!epoch->is_number_integer() || epoch->get<qint64>() < 0)
            return result;
        claims.epoch = epoch->get<qint64>();
    }
    if (claims.subject != QString::number(claims.userId) || claims.firstIssuedAt > claims.issuedAt ||
        claims.expiresAt <= claims.issuedAt)
        return result;

    result.claims = claims;
    if (claims.notBefore > now + ClockSkewSeconds || claims.issuedAt > now + ClockSkewSeconds) {
        result.error = Error::NotYetValid;
        return result;
    }
    if (checkExpiry && now >= claims.expiresAt) {
        result.error = Error::Expired;
        return result;
    }
    result.error = Error::None;
    return result;
}

QString Jwt::foreignIssuer(const QString &token)
{
    if (token.size() > MaxTokenLength)
        return QString();
    const QList<QByteArray> parts = token.toLatin1().split('.');
    QByteArray payloadJson;
    if (parts.size() != 3 || !decodeSegment(parts[1], &payloadJson))
        return QString();
    const Json payload = parseJsonOrDiscarded(payloadJson);
    if (!payload.is_object())
        return QString();
    const auto iss = payload.find("iss");
    if (iss == payload.end() || !iss->is_string())
        return QString();
    const QString issuer = iss->get<QString>();
    return issuer == QLatin1String(kIssuer) ? QString() : issuer;
}

bool Jwt::withinRefreshWindow(const JwtClaims &claims, qint64 now, int refreshTtlMinutes)
{
    return now < claims.firstIssuedAt + qint64(refreshTtlMinutes) * 60;
}
} // namespace gatehouse
