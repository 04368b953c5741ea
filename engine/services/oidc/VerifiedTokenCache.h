#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QString>

#include "security/ExternalIdentity.h"

namespace gatehouse {

// Bearer tokens already verified by an oidc service, so an agent that sends the same token on
// every request pays for one RS256/ES256 verification, not one per request. Keyed by a SHA-256
// of the expected audience and the token (the token itself is never kept). An entry lives until
// the token expires, at most MaxAgeSeconds; OidcService takes an entry only while the token's
// key is still in the provider's current key set, so a retired key ends its tokens at the next
// JWKS fetch. Event loop thread only; a reconfigured service starts with an empty cache.
class VerifiedTokenCache
{
public:
    static constexpr qint64 MaxAgeSeconds = 60;
    static constexpr int MaxEntries = 10000;

    static QByteArray keyFor(const QString &token, const QString &audience);
    std::optional<ExternalIdentity> find(const QByteArray &key, qint64 now) const;
    // `tokenExpiry`: the token's `exp` (0: none).
    void insert(const QByteArray &key, const ExternalIdentity &identity, qint64 tokenExpiry, qint64 now);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        ExternalIdentity identity;
        qint64 expiresAt = 0;
    };
    QHash<QByteArray, Entry> m_entries;
};
} // namespace gatehouse
