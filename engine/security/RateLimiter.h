#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include "AccessTypes.h"
#include "RateLimit.h"
#include "http/HttpResponse.h"

class QSqlDatabase;

namespace gatehouse {

class SystemStore;

// Who is asking and what, as far as limits care.
struct RateLimitCaller
{
    std::optional<qint64> userId; // session (JWT) or Basic-auth user
    bool isSysAdmin = false;
    bool isScript = false; // script requestor
    std::optional<qint64> roleId;
    std::optional<qint64> serviceId;
    QString resource; // path below the service, no leading/trailing slash
    QString method;   // after verb override
};

// One counter a request touches: a limit, and for each-user limits the user it counts for.
struct RateLimitCounter
{
    RateLimit limit;
    QString subject; // user id for each-user limits, else "*"
};

struct RateLimitVerdict
{
    bool allowed = true;
    int failureStatus = 0; // 503 when the counter store could not be reached
    QList<RateLimit> exceeded;
    // The exceeded limit with the longest wait: what the X-RateLimit-* headers describe.
    qint64 limit = 0;
    qint64 remaining = 0;
    qint64 resetAt = 0; // epoch seconds
    qint64 retryAfter = 0;

    // The 429 (DF envelope, context listing the exceeded limits, headers) or the 503.
    HttpResponse response() const;
};

// One line of /system/limit_cache.
struct RateLimitCacheEntry
{
    qint64 id = 0;
    QString key;
    qint64 max = 0;
    qint64 attempts = 0;
    qint64 remaining = 0;
    qint64 resetAt = 0; // epoch second the counter's window ends; 0: no window open
    Json toJson() const;
};

// Counts requests against the limits in the AccessSnapshot (reference §6) in fixed windows that
// start at a counter's first hit. A request is checked against every counter it touches and
// counted in all of them only if none is exhausted, so a refused request costs nothing and a
// burst can never get more than `rate` requests through.
//
// Where counters live: with an SQLite system database there is one node, so they are kept in
// memory and checked and incremented on the event loop thread (single-threaded, hence atomic).
// With PostgreSQL several nodes share the database, so counters live in `limit_counter` and one
// INSERT ... ON CONFLICT DO UPDATE ... RETURNING per request increments them atomically, in a
// transaction that is rolled back when a limit is exceeded; it runs on the system store's
// executor and never blocks the event loop.
class RateLimiter : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // seconds since the epoch
    using VerdictDone = std::function<void(RateLimitVerdict)>;

    // `store` null: in-memory counters and no snapshot (unit tests pass limits explicitly).
    explicit RateLimiter(SystemStore *store, QObject *parent = nullptr);
    ~RateLimiter() override;

    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const;
    // Counters in the shared (PostgreSQL) system database rather than in memory.
    bool sharedCounters() const;

    // The counters `caller` touches among `limits`: active limits whose key matches, broader
    // ones alongside narrower ones; a user's own limit replaces the each-user limit of the same
    // level (same service and endpoint) for that user; each-user limits only count requests
    // with a user; sys-admins and scripts touch none.
    static QList<RateLimitCounter> applicable(const QList<RateLimit> &limits, const RateLimitCaller &caller);

    // Checks and counts one request against the store's current limits; `done` runs on the
    // event loop thread (at once when no limit applies or counters are in memory).
    void check(const RateLimitCaller &caller, VerdictDone done);
    void check(const QList<RateLimit> &limits, const RateLimitCaller &caller, VerdictDone done);
    // The in-memory check-and-increment (event loop thread only).
    RateLimitVerdict checkInMemory(const QList<RateLimitCounter> &counters);

    // Counter state for /system/limit_cache: every limit (or one), one entry per active
    // non-admin user for each-user limits. `users` come from the snapshot.
    void entries(const QList<RateLimit> &limits, const QList<User> &users,
                 std::function<void(QList<RateLimitCacheEntry>, int failureStatus)> done);
    // Resets the counters of these limits (every user's for each-user limits), or, with
    // nullopt, all of them.
    void reset(const std::optional<QList<qint64>> &limitIds, std::function<void(bool ok)> done);

    // Drops in-memory counters of limits that were removed or whose key or rate changed (a
    // rate change clears an active lockout). Called on every snapshot change.
    void syncLimits(const QList<RateLimit> &limits);

private:
    struct Counter
    {
        qint64 windowStart = 0;
        qint64 windowEnd = 0;
        qint64 hits = 0;
    };
    using CounterKey = QPair<qint64, QString>; // limit id, subject

    static RateLimitVerdict verdictFor(const QList<QPair<RateLimit, qint64>> &exceeded, qint64 now);
    // Worker side (PostgreSQL): the atomic statement; returns the verdict.
    static RateLimitVerdict countShared(QSqlDatabase &db, const QList<RateLimitCounter> &counters,
                                        qint64 now);

    SystemStore *m_store = nullptr;
    Clock m_clock;
    QHash<CounterKey, Counter> m_counters;
    QHash<qint64, QString> m_signatures; // limit id -> key and rate last seen
};
} // namespace gatehouse
