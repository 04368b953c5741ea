// JwkSet + JwtVerifier + JwksCache: identity-provider tokens verified on OpenSSL with keys made
// here (RS256, ES256), and every way a token can be wrong: tampered, another key, "none", HS256
// with the public key as the secret (algorithm confusion), unknown or missing kid, time claims
// with the 60 s skew, audiences as string or array, azp and nonce for ID tokens; the key cache
// refetches once per cooldown, shares a fetch in flight and serves stale keys when the IdP is down.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <QTest>

#include "core/ApiError.h"
#include "services/oidc/JwkSet.h"
#include "services/oidc/JwksCache.h"
#include "services/oidc/JwtVerifier.h"
#include "services/oidc/OidcIdentityMapper.h"
#include "services/oidc/OidcSettings.h"
#include "services/oidc/VerifiedTokenCache.h"

using namespace gatehouse;

namespace {
const QString kIssuer = QStringLiteral("https://idp.example.test");
const QString kAudience = QStringLiteral("gatehouse");
constexpr qint64 kNow = 1'900'000'000;

QByteArray b64(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bnBytes(const BIGNUM *bn, int pad = 0)
{
    QByteArray out(pad > 0 ? pad : BN_num_bytes(bn), '\0');
    if (pad > 0)
        BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), pad);
    else
        BN_bn2bin(bn, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

struct TestKey
{
    EVP_PKEY *pkey = nullptr;
    QString kid;
    QString alg;
    Json jwk;
};

TestKey makeRsa(const QString &kid)
{
    TestKey key;
    key.kid = kid;
    key.alg = QStringLiteral("RS256");
    key.pkey = EVP_RSA_gen(2048);
    BIGNUM *n = nullptr;
    BIGNUM *e = nullptr;
    EVP_PKEY_get_bn_param(key.pkey, OSSL_PKEY_PARAM_RSA_N, &n);
    EVP_PKEY_get_bn_param(key.pkey, OSSL_PKEY_PARAM_RSA_E, &e);
    key.jwk = Json{{"kty", "RSA"},
                   {"kid", kid},
                   {"alg", "RS256"},
                   {"use", "sig"},
                   {"n", b64(bnBytes(n)).toStdString()},
                   {"e", b64(bnBytes(e)).toStdString()}};
    BN_free(n);
    BN_free(e);
    return key;
}

TestKey makeEc(const QString &kid)
{
    TestKey key;
    key.kid = kid;
    key.alg = QStringLiteral("ES256");
    key.pkey = EVP_EC_gen("P-256");
    BIGNUM *x = nullptr;
    BIGNUM *y = nullptr;
    EVP_PKEY_get_bn_param(key.pkey, OSSL_PKEY_PARAM_EC_PUB_X, &x);
    EVP_PKEY_get_bn_param(key.pkey, OSSL_PKEY_PARAM_EC_PUB_Y, &y);
    key.jwk = Json{{"kty", "EC"},
                   {"kid", kid},
                   {"crv", "P-256"},
                   {"use", "sig"},
                   {"x", b64(bnBytes(x, 32)).toStdString()},
                   {"y", b64(bnBytes(y, 32)).toStdString()}};
    BN_free(x);
    BN_free(y);
    return key;
}

QByteArray sign(const TestKey &key, const QByteArray &input)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key.pkey);
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char *>(input.constData()),
                   size_t(input.size()));
    QByteArray sig(int(length), '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &length,
                   reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
    sig.resize(int(length));
    EVP_MD_CTX_free(ctx);
    if (key.alg != QLatin1String("ES256"))
        return sig;
    // DER → JOSE r||s
    const unsigned char *p = reinterpret_cast<const unsigned char *>(sig.constData());
    ECDSA_SIG *ecdsa = d2i_ECDSA_SIG(nullptr, &p, sig.size());
    const QByteArray raw = bnBytes(ECDSA_SIG_get0_r(ecdsa), 32) + bnBytes(ECDSA_SIG_get0_s(ecdsa), 32);
    ECDSA_SIG_free(ecdsa);
    return raw;
}

Json claims(const Json &extra = Json::object())
{
    Json c{{"iss", kIssuer.toStdString()},
           {"sub", "u-1"},
           {"aud", kAudience.toStdString()},
           {"iat", kNow - 10},
           {"exp", kNow + 300}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (it->is_null())
            c.erase(it.key());
        else
            c[it.key()] = *it;
    }
    return c;
}

QString token(const TestKey &key, const Json &payload, Json header = Json::object())
{
    if (!header.contains("alg"))
        header["alg"] = key.alg.toStdString();
    if (!header.contains("kid"))
        header["kid"] = key.kid.toStdString();
    else if (header["kid"].is_null())
        header.erase("kid");
    const QByteArray input =
        b64(QByteArray::fromStdString(header.dump())) + '.' + b64(QByteArray::fromStdString(payload.dump()));
    return QString::fromLatin1(input + '.' + b64(sign(key, input)));
}

JwtVerifier::Expectations expect()
{
    JwtVerifier::Expectations e;
    e.issuer = kIssuer;
    e.audience = kAudience;
    e.now = kNow;
    return e;
}

JwkSet keySet(const QList<const TestKey *> &keys)
{
    Json doc{{"keys", Json::array()}};
    for (const TestKey *key : keys)
        doc["keys"].push_back(key->jwk);
    return JwkSet::parse(doc);
}
} // namespace

class TestJwksVerify : public QObject
{
    Q_OBJECT

    TestKey m_rsa;
    TestKey m_ec;
    TestKey m_other;

private slots:
    void initTestCase()
    {
        m_rsa = makeRsa(QStringLiteral("rsa-1"));
        m_ec = makeEc(QStringLiteral("ec-1"));
        m_other = makeRsa(QStringLiteral("rsa-1")); // same kid, another key
        QVERIFY(m_rsa.pkey && m_ec.pkey && m_other.pkey);
    }

    void cleanupTestCase()
    {
        EVP_PKEY_free(m_rsa.pkey);
        EVP_PKEY_free(m_ec.pkey);
        EVP_PKEY_free(m_other.pkey);
    }

    void parsesJwks()
    {
        Json doc{
            {"keys",
             Json::array(
                 {m_rsa.jwk, m_ec.jwk, Json{{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}},
                  Json{{"kty", "RSA"}, {"kid", "enc"}, {"use", "enc"}, {"n", m_rsa.jwk["n"]}, {"e", "AQAB"}},
                  Json{{"kty", "EC"}, {"kid", "p384"}, {"crv", "P-384"}, {"x", "AA"}, {"y", "AA"}},
                  Json{{"kty", "EC"},
                       {"kid", "bad-point"},
                       {"crv", "P-256"},
                       {"x", m_ec.jwk["x"]},
                       {"y", m_ec.jwk["x"]}},
                  Json{{"kty", "RSA"}, {"kid", "small"}, {"n", "AQAB"}, {"e", "AQAB"}}})}};
        const JwkSet set = JwkSet::parse(doc);
        QCOMPARE(set.kids(), (QStringList{QStringLiteral("rsa-1"), QStringLiteral("ec-1")}));
        QString error;
        QVERIFY(JwkSet::parse(Json{{"nokeys", 1}}, &error).isEmpty());
        QVERIFY(!error.isEmpty());
        QVERIFY(JwkSet::parse(QByteArray("not json"), &error).isEmpty());
    }

    void validTokens()
    {
        const JwkSet keys = keySet({&m_rsa, &m_ec});
        for (const TestKey *key : {&m_rsa, &m_ec}) {
            const auto result = JwtVerifier::verify(token(*key, claims()), keys, expect());
            QVERIFY2(result.ok(), qPrintable(result.message));
            QCOMPARE(result.parts.claims.at("sub").get<std::string>(), std::string("u-1"));
        }
        // No kid, one key of the right type: it is tried.
        auto result = JwtVerifier::verify(token(m_ec, claims(), Json{{"kid", nullptr}}), keys, expect());
        QVERIFY2(result.ok(), qPrintable(result.message));
    }

    void tamperedAndWrongKey()
    {
        const JwkSet keys = keySet({&m_rsa, &m_ec});
        for (const TestKey *key : {&m_rsa, &m_ec}) {
            const QString good = token(*key, claims());
            QList<QString> parts = good.split(QLatin1Char('.'));
            parts[1] =
                QString::fromLatin1(b64(QByteArray::fromStdString(claims(Json{{"sub", "admin"}}).dump())));
            const auto result = JwtVerifier::verify(parts.join(QLatin1Char('.')), keys, expect());
            QCOMPARE(result.error, JwtVerifier::Error::BadSignature);
            // Signature bytes flipped.
            QString flipped = good;
            flipped[flipped.size() - 5] =
                flipped[flipped.size() - 5] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
            QVERIFY(!JwtVerifier::verify(flipped, keys, expect()).ok());
        }
        // Signed by another key that claims the same kid.
        QCOMPARE(JwtVerifier::verify(token(m_other, claims()), keys, expect()).error,
                 JwtVerifier::Error::BadSignature);
        // ES256 signature of the wrong length.
        QString truncated = token(m_ec, claims());
        truncated.chop(4);
        QVERIFY(!JwtVerifier::verify(truncated, keys, expect()).ok());
    }

    void algorithmAttacks()
    {
        const JwkSet keys = keySet({&m_rsa, &m_ec});
        // alg: none, no signature.
        const QByteArray unsigned_ = b64(R"({"alg":"none","typ":"JWT"})") + '.' +
                                     b64(QByteArray::fromStdString(claims().dump())) + '.';
        QCOMPARE(JwtVerifier::verify(QString::fromLatin1(unsigned_), keys, expect()).error,
                 JwtVerifier::Error::AlgorithmNotAllowed);
        // HS256 "signed" with the RSA public key (its JWK text and its DER) as the HMAC secret.
        const QList<QByteArray> secrets{QByteArray::fromStdString(m_rsa.jwk.dump()),
                                        QByteArray::fromStdString(m_rsa.jwk["n"].get<std::string>())};
        for (const QByteArray &secret : secrets) {
            const QByteArray input = b64(R"({"alg":"HS256","kid":"rsa-1"})") + '.' +
                                     b64(QByteArray::fromStdString(claims().dump()));
            unsigned char mac[32];
            unsigned int macLength = 0;
            HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
                 reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()), mac,
                 &macLength);
            const QString forged = QString::fromLatin1(
                input + '.' + b64(QByteArray(reinterpret_cast<const char *>(mac), int(macLength))));
            QCOMPARE(JwtVerifier::verify(forged, keys, expect()).error,
                     JwtVerifier::Error::AlgorithmNotAllowed);
        }
        // Allowed by the verifier but not by the configuration.
        auto onlyRsa = expect();
        onlyRsa.algorithms = {QStringLiteral("RS256")};
        QCOMPARE(JwtVerifier::verify(token(m_ec, claims()), keys, onlyRsa).error,
                 JwtVerifier::Error::AlgorithmNotAllowed);
        // Even a configuration listing "none"/"HS256" cannot enable them.
        auto reckless = expect();
        reckless.algorithms = {QStringLiteral("none"), QStringLiteral("HS256"), QStringLiteral("RS256")};
        QCOMPARE(JwtVerifier::verify(QString::fromLatin1(unsigned_), keys, reckless).error,
                 JwtVerifier::Error::AlgorithmNotAllowed);
        // An RS256 header on an EC key's kid: no key fits.
        QCOMPARE(JwtVerifier::verify(token(m_rsa, claims(), Json{{"kid", "ec-1"}}), keys, expect()).error,
                 JwtVerifier::Error::UnknownKey);
        // The settings refuse them too.
        for (const char *alg : {"none", "HS256", "HS512", "PS256"}) {
            bool refused = false;
            try {
                OidcSettings::fromConfig(Json{{"issuer", kIssuer.toStdString()},
                                              {"client_id", "x"},
                                              {"allowed_algorithms", Json::array({alg})}});
            } catch (const ApiError &) {
                refused = true;
            }
            QVERIFY2(refused, alg);
        }
    }

    void keyIds()
    {
        const JwkSet keys = keySet({&m_rsa, &m_ec});
        QCOMPARE(
            JwtVerifier::verify(token(m_rsa, claims(), Json{{"kid", "rotated-away"}}), keys, expect()).error,
            JwtVerifier::Error::UnknownKey);
        // kid missing: every RSA key is tried; with only a wrong one, the signature fails.
        const JwkSet wrong = keySet({&m_other});
        QCOMPARE(JwtVerifier::verify(token(m_rsa, claims(), Json{{"kid", nullptr}}), wrong, expect()).error,
                 JwtVerifier::Error::BadSignature);
        QCOMPARE(
            JwtVerifier::verify(token(m_rsa, claims(), Json{{"kid", nullptr}}), keySet({&m_ec}), expect())
                .error,
            JwtVerifier::Error::UnknownKey);
        QCOMPARE(JwtVerifier::verify(token(m_rsa, claims(), Json{{"kid", 5}}), keys, expect()).error,
                 JwtVerifier::Error::Malformed);
    }

    void timeClaims()
    {
        const JwkSet keys = keySet({&m_rsa});
        auto check = [&](const Json &extra) {
            return JwtVerifier::verify(token(m_rsa, claims(extra)), keys, expect()).error;
        };
        QCOMPARE(check(Json{{"exp", kNow - 61}}), JwtVerifier::Error::Expired);
        QCOMPARE(check(Json{{"exp", kNow - 30}}), JwtVerifier::Error::None); // within the skew
        QCOMPARE(check(Json{{"exp", nullptr}}), JwtVerifier::Error::MissingClaim);
        QCOMPARE(check(Json{{"exp", "tomorrow"}}), JwtVerifier::Error::Malformed);
        QCOMPARE(check(Json{{"nbf", kNow + 120}}), JwtVerifier::Error::NotYetValid);
        QCOMPARE(check(Json{{"nbf", kNow + 30}}), JwtVerifier::Error::None);
        QCOMPARE(check(Json{{"iat", kNow + 600}}), JwtVerifier::Error::IssuedInFuture);
        QCOMPARE(check(Json{{"iat", kNow + 50}}), JwtVerifier::Error::None);
        QCOMPARE(check(Json{{"exp", double(kNow) + 10.5}}), JwtVerifier::Error::None);
    }

    void issuerAndAudience()
    {
        const JwkSet keys = keySet({&m_rsa});
        auto check = [&](const Json &extra, JwtVerifier::Expectations e = expect()) {
            return JwtVerifier::verify(token(m_rsa, claims(extra)), keys, e).error;
        };
        QCOMPARE(check(Json{{"iss", "https://idp.example.test/"}}), JwtVerifier::Error::WrongIssuer);
        QCOMPARE(check(Json{{"iss", "https://evil.example"}}), JwtVerifier::Error::WrongIssuer);
        QCOMPARE(check(Json{{"iss", nullptr}}), JwtVerifier::Error::WrongIssuer);
        QCOMPARE(check(Json{{"aud", "other"}}), JwtVerifier::Error::WrongAudience);
        QCOMPARE(check(Json{{"aud", Json::array({"other", "gatehouse"})}}), JwtVerifier::Error::None);
        QCOMPARE(check(Json{{"aud", Json::array({"other"})}}), JwtVerifier::Error::WrongAudience);
        QCOMPARE(check(Json{{"aud", nullptr}}), JwtVerifier::Error::WrongAudience);
        QCOMPARE(check(Json{{"sub", nullptr}}), JwtVerifier::Error::MissingClaim);

        // ID tokens: azp and nonce.
        auto id = expect();
        id.authorizedParty = kAudience;
        id.nonce = QStringLiteral("n-123");
        QCOMPARE(check(Json{{"nonce", "n-123"}}, id), JwtVerifier::Error::None);
        QCOMPARE(check(Json{{"nonce", "n-999"}}, id), JwtVerifier::Error::WrongNonce);
        QCOMPARE(check(Json::object(), id), JwtVerifier::Error::WrongNonce);
        QCOMPARE(check(Json{{"nonce", "n-123"}, {"azp", "someone-else"}}, id),
                 JwtVerifier::Error::WrongAuthorizedParty);
        QCOMPARE(check(Json{{"nonce", "n-123"}, {"aud", Json::array({"gatehouse", "other"})}}, id),
                 JwtVerifier::Error::WrongAuthorizedParty);
        QCOMPARE(
            check(
                Json{{"nonce", "n-123"}, {"aud", Json::array({"gatehouse", "other"})}, {"azp", "gatehouse"}},
                id),
            JwtVerifier::Error::None);
    }

    void malformed()
    {
        const JwkSet keys = keySet({&m_rsa});
        for (const QString &bad :
             {QString(), QStringLiteral("a.b"), QStringLiteral("a.b.c.d"), QStringLiteral("!!!.???.***"),
              QStringLiteral("e30.e30.e30"), QString(70000, QLatin1Char('a'))})
            QVERIFY(!JwtVerifier::verify(bad, keys, expect()).ok());
        // crit header: refused.
        QCOMPARE(
            JwtVerifier::verify(token(m_rsa, claims(), Json{{"crit", Json::array({"exp"})}}), keys, expect())
                .error,
            JwtVerifier::Error::Malformed);
    }

    void claimMapping()
    {
        OidcSettings settings = OidcSettings::fromConfig(
            Json{{"issuer", kIssuer.toStdString()},
                 {"client_id", "gatehouse"},
                 {"claims", Json{{"department", "department"}, {"roles", "realm_access.roles"}}}});
        Json c = claims(Json{{"preferred_username", "alice"},
                             {"email", "alice@example.test"},
                             {"email_verified", true},
                             {"name", "Alice A"},
                             {"given_name", "Alice"},
                             {"family_name", "A"},
                             {"groups", Json::array({"analysts", "staff"})},
                             {"department", "Sales"},
                             {"realm_access", Json{{"roles", Json::array({"r1", "r2"})}}},
                             {"scope", "read write"}});
        ExternalIdentity id = OidcIdentityMapper::map(c, settings);
        QCOMPARE(id.subject, QStringLiteral("u-1"));
        QCOMPARE(id.username, QStringLiteral("alice"));
        QCOMPARE(id.email, QStringLiteral("alice@example.test"));
        QCOMPARE(id.groups, (QStringList{QStringLiteral("analysts"), QStringLiteral("staff")}));
        QCOMPARE(id.attributes.value(QStringLiteral("department")), QStringLiteral("Sales"));
        QCOMPARE(id.attributes.value(QStringLiteral("roles")), QStringLiteral("r1,r2"));
        QCOMPARE(id.scopes, (QStringList{QStringLiteral("read"), QStringLiteral("write")}));
        // Unverified e-mail is dropped; groups as a string; scp as an array.
        c["email_verified"] = false;
        c["groups"] = "a, b c";
        c.erase("scope");
        c["scp"] = Json::array({"x"});
        id = OidcIdentityMapper::map(c, settings);
        QVERIFY(id.email.isEmpty());
        QCOMPARE(id.groups, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(id.scopes, QStringList{QStringLiteral("x")});
        // No preferred_username and no usable e-mail: the subject is the user name.
        c.erase("preferred_username");
        QCOMPARE(OidcIdentityMapper::map(c, settings).username, QStringLiteral("u-1"));
    }

    void settings()
    {
        auto refused = [](const Json &config) {
            try {
                OidcSettings::fromConfig(config);
            } catch (const ApiError &e) {
                return e.status() == 400;
            }
            return false;
        };
        QVERIFY(refused(Json{{"client_id", "x"}})); // no issuer
        QVERIFY(
            refused(Json{{"issuer", "http://idp.example.test"}, {"client_id", "x"}})); // plain http, remote
        QVERIFY(refused(Json{{"issuer", kIssuer.toStdString()}, {"client_id", "x"}, {"bogus", 1}}));
        QVERIFY(refused(Json{{"issuer", kIssuer.toStdString()}})); // neither client_id nor audience
        QVERIFY(refused(
            Json{{"issuer", kIssuer.toStdString()}, {"client_id", "x"}, {"claims", Json{{"a b", "c"}}}}));
        QVERIFY(refused(Json{{"issuer", kIssuer.toStdString()}, {"client_id", "x"}, {"app_id", -1}}));
        QVERIFY(refused(
            Json{{"issuer", kIssuer.toStdString()}, {"client_id", "x"}, {"claims", Json{{"email", "upn"}}}}));
        QVERIFY(refused(Json{{"issuer", kIssuer.toStdString()},
                             {"client_id", "x"},
                             {"allowed_redirect_uris", Json::array({"javascript:alert(1)"})}}));
        const OidcSettings s = OidcSettings::fromConfig(
            Json{{"issuer", "http://127.0.0.1:9999"},
                 {"client_id", "x"},
                 {"allowed_redirect_uris", Json::array({"https://app.example.test/cb"})}});
        QCOMPARE(s.audience, QStringLiteral("x"));
        QCOMPARE(s.scopes.join(QLatin1Char(' ')), QStringLiteral("openid email profile"));
        QVERIFY(s.isAllowedClientRedirect(QUrl(QStringLiteral("http://127.0.0.1:5000/cb"))));
        QVERIFY(s.isAllowedClientRedirect(QUrl(QStringLiteral("http://localhost:1/x"))));
        QVERIFY(s.isAllowedClientRedirect(QUrl(QStringLiteral("http://[::1]:8080/cb"))));
        QVERIFY(s.isAllowedClientRedirect(QUrl(QStringLiteral("https://app.example.test/cb"))));
        QVERIFY(!s.isAllowedClientRedirect(QUrl(QStringLiteral("https://evil.example/cb"))));
        QVERIFY(!s.isAllowedClientRedirect(QUrl(QStringLiteral("https://127.0.0.1.evil.example/cb"))));
        QVERIFY(!s.isAllowedClientRedirect(QUrl(QStringLiteral("http://user@127.0.0.1:5000/cb"))));
        QVERIFY(!s.isAllowedClientRedirect(QUrl(QStringLiteral("https://app.example.test/cb/other"))));
        QVERIFY(!s.isAllowedClientRedirect(QUrl(QStringLiteral("//evil.example/cb"))));
    }

    void cacheCooldownSharingAndStaleness()
    {
        qint64 clock = 1'000'000;
        QList<JwksCache::Loaded> pending;
        auto cache = JwksCache::create([&](JwksCache::Loaded loaded) { pending.append(std::move(loaded)); },
                                       30000, 3600000, [&] { return clock; });
        const QByteArray first = QByteArray::fromStdString(Json{{"keys", Json::array({m_rsa.jwk})}}.dump());
        const QByteArray second =
            QByteArray::fromStdString(Json{{"keys", Json::array({m_rsa.jwk, m_ec.jwk})}}.dump());
        int answered = 0;
        std::shared_ptr<const JwkSet> seen;
        auto ready = [&](std::shared_ptr<const JwkSet> keys, const QString &) {
            ++answered;
            seen = keys;
        };
        // Three verifications at once share one fetch.
        cache->keys(ready);
        cache->keys(ready);
        cache->refreshForUnknownKid(ready);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(answered, 0);
        pending.takeFirst()(first, QString());
        QCOMPARE(answered, 3);
        QCOMPARE(seen->size(), 1);
        // Cached: no fetch.
        cache->keys(ready);
        QCOMPARE(pending.size(), 0);
        QCOMPARE(answered, 4);
        // Unknown kid within the cooldown: no fetch, the cached keys answer.
        clock += 10000;
        cache->refreshForUnknownKid(ready);
        QCOMPARE(pending.size(), 0);
        QCOMPARE(answered, 5);
        // After the cooldown: one fetch; the rotated keys arrive.
        clock += 25000;
        cache->refreshForUnknownKid(ready);
        cache->refreshForUnknownKid(ready);
        QCOMPARE(pending.size(), 1);
        pending.takeFirst()(second, QString());
        QCOMPARE(seen->size(), 2);
        QCOMPARE(cache->fetchCount(), 2);
        // The IdP goes down after the keys aged out: the stale keys keep serving.
        clock += 3600000 + 1;
        cache->keys(ready);
        QCOMPARE(pending.size(), 1);
        pending.takeFirst()(QByteArray(), QStringLiteral("connection refused"));
        QVERIFY(seen && seen->size() == 2);
        // A fresh cache with the IdP down: no keys, and an error.
        auto empty = JwksCache::create([&](JwksCache::Loaded loaded) { pending.append(std::move(loaded)); },
                                       30000, 3600000, [&] { return clock; });
        QString error;
        empty->keys([&](std::shared_ptr<const JwkSet> keys, const QString &e) {
            seen = keys;
            error = e;
        });
        pending.takeFirst()(QByteArray("{}"), QString());
        QVERIFY(!seen);
        QVERIFY(!error.isEmpty());
        // ...and it does not hammer the IdP: within the cooldown the error answers at once.
        empty->keys([&](std::shared_ptr<const JwkSet> keys, const QString &) { seen = keys; });
        QCOMPARE(pending.size(), 0);
    }

    void verifiedTokensAreRememberedBriefly()
    {
        VerifiedTokenCache cache;
        ExternalIdentity alice;
        alice.subject = QStringLiteral("alice");
        const qint64 now = 1'000'000;
        const QByteArray key = VerifiedTokenCache::keyFor(QStringLiteral("a.b.c"), QStringLiteral("api"));
        // Another audience, or another token, is another entry: verified for one is not for the other.
        QVERIFY(key != VerifiedTokenCache::keyFor(QStringLiteral("a.b.c"), QStringLiteral("mcp")));
        QVERIFY(key != VerifiedTokenCache::keyFor(QStringLiteral("a.b.d"), QStringLiteral("api")));

        cache.insert(key, alice, now + 3600, now);
        QCOMPARE(cache.find(key, now + 59)->subject, QStringLiteral("alice"));
        QVERIFY(!cache.find(key, now + VerifiedTokenCache::MaxAgeSeconds)); // at most a minute
        // Never past the token's own expiry.
        cache.insert(key, alice, now + 10, now);
        QVERIFY(cache.find(key, now + 9));
        QVERIFY(!cache.find(key, now + 10));
        // An expired token is not remembered at all.
        const QByteArray old = VerifiedTokenCache::keyFor(QStringLiteral("old"), QStringLiteral("api"));
        cache.insert(old, alice, now - 1, now);
        QVERIFY(!cache.find(old, now));

        // Bounded: a flood of distinct tokens never grows it past MaxEntries.
        for (int i = 0; i < VerifiedTokenCache::MaxEntries + 5; ++i)
            cache.insert(VerifiedTokenCache::keyFor(QString::number(i), QStringLiteral("api")), alice,
                         now + 600, now);
        QVERIFY(cache.size() <= VerifiedTokenCache::MaxEntries);
    }
};

QTEST_APPLESS_MAIN(TestJwksVerify)
#include "tst_jwksverify.moc"
