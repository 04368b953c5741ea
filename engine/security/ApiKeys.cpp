#include "ApiKeys.h"

#include <sodium.h>

#include "SecretBox.h"

namespace gatehouse {

QString ApiKeys::generate()
{
    SecretBox::initializeSodium();
    unsigned char bytes[KeyLength / 2];
    randombytes_buf(bytes, sizeof bytes);
    const QByteArray hex = QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex();
    sodium_memzero(bytes, sizeof bytes);
    return QString::fromLatin1(hex);
}

QByteArray ApiKeys::hash(const QString &key)
{
    SecretBox::initializeSodium();
    // Keys are hex, so case carries no entropy; folding it lets clients send either case.
    const QByteArray utf8 = key.toLower().toUtf8();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(utf8.constData()),
                       quint64(utf8.size()));
    return QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex();
}

bool ApiKeys::isWellFormed(const QString &key)
{
    if (key.size() != KeyLength)
        return false;
    for (const QChar c : key) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            return false;
    }
    return true;
}

bool ApiKeys::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}
} // namespace gatehouse
