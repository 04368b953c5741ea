#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QList>
#include <QString>

namespace gatehouse {

class JwkSet;

// An identity provider's signing keys, fetched on first use and kept. Keys rotate: a token
// whose kid is not cached triggers one refetch, at most once per cooldown (a flood of tokens
// with made-up kids must not turn into a flood of fetches), and every verification waiting at
// that moment shares the one fetch in flight. Keys older than maxAge are refreshed on the next
// use; when the IdP cannot be reached the keys already known keep being served (stale beats
// locking every user out during a short outage). Lives on the event loop thread.
class JwksCache : public std::enable_shared_from_this<JwksCache>
{
public:
    // The fetch answers once, asynchronously: the document's bytes, or an error message.
    using Loaded = std::function<void(const QByteArray &body, const QString &error)>;
    using Fetcher = std::function<void(Loaded)>;
    using Clock = std::function<qint64()>; // milliseconds, monotonic enough
    // `keys` null only when none could ever be fetched (`error` says why).
    using Ready = std::function<void(std::shared_ptr<const JwkSet> keys, const QString &error)>;

    static std::shared_ptr<JwksCache> create(Fetcher fetch, qint64 cooldownMs = 30000,
                                             qint64 maxAgeMs = 3600000, Clock clock = {});

    // The keys; fetched first when none are cached or they are older than maxAge. May call
    // `ready` before returning (cached keys).
    void keys(Ready ready);
    // A token named a kid that is not cached: fetch again unless the last fetch started less
    // than a cooldown ago (then the cached keys answer).
    void refreshForUnknownKid(Ready ready);

    std::shared_ptr<const JwkSet> current() const { return m_keys; }
    int fetchCount() const { return m_fetches; }

private:
    JwksCache(Fetcher fetch, qint64 cooldownMs, qint64 maxAgeMs, Clock clock);
    void fetch(Ready ready);
    void loaded(const QByteArray &body, const QString &error);
    qint64 now() const;

    Fetcher m_fetch;
    qint64 m_cooldownMs;
    qint64 m_maxAgeMs;
    Clock m_clock;
    std::shared_ptr<const JwkSet> m_keys;
    qint64 m_fetchedAt = -1;     // last successful fetch
    qint64 m_lastAttemptAt = -1; // last fetch started
    QString m_lastError;
    bool m_inFlight = false;
    QList<Ready> m_waiting;
    int m_fetches = 0;
};
} // namespace gatehouse
