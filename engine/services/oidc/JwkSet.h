#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QString>

#include "core/Json.h"

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header

namespace gatehouse {

// The public signing keys of an identity provider (its JWKS document, RFC 7517), parsed into
// OpenSSL keys once so verifying a token costs one signature check. Only what a token may be
// verified with is kept: RSA keys of at least 2048 bits and EC P-256 keys, for signing
// ("use" absent or "sig"). Everything else (encryption keys, other curves, symmetric "oct"
// keys) is skipped, never an error: IdPs publish keys we have no use for.
class JwkSet
{
public:
    struct Key
    {
        QString kid;
        QString kty; // "RSA" or "EC"
        QString alg; // as published; empty: any algorithm of the key type
        std::shared_ptr<evp_pkey_st> pkey;
    };

    // Fails (empty set and *error) only when the document is not a JWKS at all.
    static JwkSet parse(const Json &document, QString *error = nullptr);
    static JwkSet parse(const QByteArray &document, QString *error = nullptr);

    // Keys that may verify a token with header `kid` and `alg`: the key with that kid (kid
    // given), else every key usable for alg (a JWKS with one key and tokens without kid).
    QList<Key> candidates(const QString &kid, const QString &alg) const;
    bool hasKid(const QString &kid) const;
    bool isEmpty() const { return m_keys.isEmpty(); }
    qsizetype size() const { return m_keys.size(); }
    QStringList kids() const;

    // The key type an algorithm needs ("RSA" for RS256, "EC" for ES256; empty: unsupported).
    static QString keyTypeFor(const QString &alg);

private:
    QList<Key> m_keys;
};
} // namespace gatehouse
