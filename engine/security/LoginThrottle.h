#pragma once

#include <functional>

#include <QHash>
#include <QHostAddress>
#include <QString>

#include "http/HttpResponse.h"

namespace gatehouse {

// Counts failed sign-ins (admin and user sessions, Basic auth, a wrong old password) per
// account and per client address and locks either out for a while once it has failed too
// often: a locked key answers 429 with Retry-After before any password is checked, so a
// guessing client also stops costing Argon2 time.
//
// - An account is the normalised email, whether or not it exists (so a lockout tells nothing
//   about which addresses are registered). A successful sign-in clears that account's count.
// - An address is the peer's IPv4 address, or the /64 prefix of an IPv6 address (one host
//   usually owns a whole /64). Its threshold is higher, since many people can share one
//   address (NAT, proxies), and a success never clears it: otherwise one valid account would
//   let its owner reset the counter between guesses at other accounts.
// - Failures older than the lockout period are forgotten; a lockout lasts that long too.
//
// In memory and per node: counters are not shared between nodes behind one load balancer
// and start from zero after a restart. Event-loop thread only (no locking).
class LoginThrottle
{
public:
    LoginThrottle(int maxAccountFailures, int maxAddressFailures, int lockoutSeconds);

    // Seconds until `email` or `peer` may try again; 0 when neither is locked.
    qint64 retryAfter(const QString &email, const QHostAddress &peer);
    // Counts one failure for both keys; starts (and logs) a lockout when a key reaches its
    // threshold.
    void recordFailure(const QString &email, const QHostAddress &peer);
    void recordSuccess(const QString &email);

    // The 429 reply for a lockout.
    static HttpResponse lockedResponse(qint64 retryAfterSeconds);
    static QString addressKey(const QHostAddress &peer);

    // Monotonic milliseconds, replaceable by tests.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // Upper bound on tracked keys of each kind, so a flood of made-up emails cannot grow
    // memory without limit (the oldest entries are dropped first).
    void setMaxEntries(int maxEntries) { m_maxEntries = qMax(1, maxEntries); }
    int trackedCount() const { return int(m_accounts.size() + m_addresses.size()); }

private:
    struct Entry
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
        qint64 lockedUntilMs = 0;
    };
    using Table = QHash<QString, Entry>;

    qint64 now() const;
    qint64 remaining(Table &table, const QString &key, qint64 now) const;
    bool fail(Table &table, const QString &key, int threshold, qint64 now);
    void makeRoom(Table &table, qint64 now);

    int m_maxAccountFailures;
    int m_maxAddressFailures;
    qint64 m_lockoutMs;
    int m_maxEntries = 100000;
    Table m_accounts;
    Table m_addresses;
    std::function<qint64()> m_clock;
};
} // namespace gatehouse
