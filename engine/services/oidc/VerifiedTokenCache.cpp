#include "VerifiedTokenCache.h"

#include <QCryptographicHash>

namespace gatehouse {

QByteArray VerifiedTokenCache::keyFor(const QString &token, const QString &audience)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(audience.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(token.toUtf8());
    return hash.result();
}

std::optional<ExternalIdentity> VerifiedTokenCache::find(const QByteArray &key, qint64 now) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd() || it->expiresAt <= now)
        return std::nullopt;
    return it->identity;
}

void VerifiedTokenCache::insert(const QByteArray &key, const ExternalIdentity &identity, qint64 tokenExpiry,
                                qint64 now)
{
    const qint64 expiresAt = tokenExpiry > 0 ? qMin(tokenExpiry, now + MaxAgeSeconds) : now + MaxAgeSeconds;
    if (expiresAt <= now)
        return;
    if (m_entries.size() >= MaxEntries) {
        for (auto it = m_entries.begin(); it != m_entries.end();)
            it = it->expiresAt <= now ? m_entries.erase(it) : std::next(it);
        // Still full of live entries (many distinct tokens at once): start over rather than
        // grow without bound; the next requests verify again.
        if (m_entries.size() >= MaxEntries)
            m_entries.clear();
    }
    m_entries.insert(key, Entry{identity, expiresAt});
}
} // namespace gatehouse
