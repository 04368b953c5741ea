#include "JwkSet.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace gatehouse {
namespace {
constexpr int kMinRsaBits = 2048;

std::optional<QByteArray> base64Url(const Json &value)
{
    if (!value.is_string())
        return std::nullopt;
    const QByteArray text = QByteArray::fromStdString(value.get<std::string>());
    if (text.isEmpty() || text.contains('='))
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

QString textOf(const Json &key, const char *name)
{
    const auto it = key.find(name);
    return it != key.end() && it->is_string() ? it->get<QString>() : QString();
}

struct BnFree
{
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

std::shared_ptr<evp_pkey_st> fromParams(const char *type, OSSL_PARAM_BLD *builder)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    if (!params)
        return nullptr;
    EVP_PKEY *pkey = nullptr;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
            pkey = nullptr;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    if (!pkey)
        return nullptr;
    return std::shared_ptr<evp_pkey_st>(pkey, EVP_PKEY_free);
}

std::shared_ptr<evp_pkey_st> rsaKey(const Json &key)
{
    const auto n = base64Url(key.value("n", Json()));
    const auto e = base64Url(key.value("e", Json()));
    if (!n || !e || e->size() > 8)
        return nullptr;
    Bn bnN(BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()), int(n->size()), nullptr));
    Bn bnE(BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()), int(e->size()), nullptr));
    if (!bnN || !bnE || BN_num_bits(bnN.get()) < kMinRsaBits || BN_is_odd(bnE.get()) == 0 ||
        BN_is_one(bnE.get()))
        return nullptr;
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    if (!builder)
        return nullptr;
    std::shared_ptr<evp_pkey_st> pkey;
    if (OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bnN.get()) == 1 &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bnE.get()) == 1)
        pkey = fromParams("RSA", builder);
    OSSL_PARAM_BLD_free(builder);
    return pkey;
}

std::shared_ptr<evp_pkey_st> ecKey(const Json &key)
{
    if (textOf(key, "crv") != QLatin1String("P-256"))
        return nullptr;
    const auto x = base64Url(key.value("x", Json()));
    const auto y = base64Url(key.value("y", Json()));
    if (!x || !y || x->size() != 32 || y->size() != 32)
        return nullptr;
    // The uncompressed point; OpenSSL checks that it lies on the curve.
    const QByteArray point = QByteArray(1, '\x04') + *x + *y;
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    if (!builder)
        return nullptr;
    std::shared_ptr<evp_pkey_st> pkey;
    if (OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                         size_t(point.size())) == 1)
        pkey = fromParams("EC", builder);
    OSSL_PARAM_BLD_free(builder);
    if (pkey) {
        EVP_PKEY_CTX *check = EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr);
        const bool valid = check && EVP_PKEY_public_check(check) == 1;
        EVP_PKEY_CTX_free(check);
        if (!valid)
            return nullptr;
    }
    return pkey;
}
} // namespace

JwkSet JwkSet::parse(const QByteArray &document, QString *error)
{
    const Json json =
        Json::parse(document.constData(), document.constData() + document.size(), nullptr, false);
    return parse(json, error);
}

JwkSet JwkSet::parse(const Json &document, QString *error)
{
    JwkSet set;
    if (!document.is_object() || !document.contains("keys") || !document.at("keys").is_array()) {
        if (error)
            *error = QStringLiteral("the JWKS document has no \"keys\" array");
        return set;
    }
    for (const Json &entry : document.at("keys")) {
        if (!entry.is_object())
            continue;
        const QString use = textOf(entry, "use");
        if (!use.isEmpty() && use != QLatin1String("sig"))
            continue;
        if (const auto ops = entry.find("key_ops"); ops != entry.end() && ops->is_array()) {
            bool verifies = false;
            for (const Json &op : *ops)
                verifies = verifies || (op.is_string() && op.get<std::string>() == "verify");
            if (!verifies)
                continue;
        }
        Key key;
        key.kid = textOf(entry, "kid");
        key.kty = textOf(entry, "kty");
        key.alg = textOf(entry, "alg");
        if (!key.alg.isEmpty() && keyTypeFor(key.alg) != key.kty)
            continue; // an algorithm we do not verify with, or one that does not fit the key
        if (key.kty == QLatin1String("RSA"))
            key.pkey = rsaKey(entry);
        else if (key.kty == QLatin1String("EC"))
            key.pkey = ecKey(entry);
        if (key.pkey)
            set.m_keys.append(std::move(key));
    }
    return set;
}

QString JwkSet::keyTypeFor(const QString &alg)
{
    if (alg == QLatin1String("RS256"))
        return QStringLiteral("RSA");
    if (alg == QLatin1String("ES256"))
        return QStringLiteral("EC");
    return QString();
}

QList<JwkSet::Key> JwkSet::candidates(const QString &kid, const QString &alg) const
{
    const QString kty = keyTypeFor(alg);
    QList<Key> found;
    if (kty.isEmpty())
        return found;
    for (const Key &key : m_keys) {
        if (!kid.isEmpty() && key.kid != kid)
            continue;
        if (key.kty != kty || (!key.alg.isEmpty() && key.alg != alg))
            continue;
        found.append(key);
    }
    return found;
}

bool JwkSet::hasKid(const QString &kid) const
{
    for (const Key &key : m_keys)
        if (key.kid == kid)
            return true;
    return false;
}

QStringList JwkSet::kids() const
{
    QStringList list;
    for (const Key &key : m_keys)
        list.append(key.kid);
    return list;
}
} // namespace gatehouse
