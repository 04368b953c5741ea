#include "LoginThrottle.h"

#include <spdlog/spdlog.h>

#include <QDeadlineTimer>

#include "core/ApiError.h"

namespace gatehouse {

LoginThrottle::LoginThrottle(int maxAccountFailures, int maxAddressFailures, int lockoutSeconds)
    : m_maxAccountFailures(qMax(1, maxAccountFailures))
    , m_maxAddressFailures(qMax(1, maxAddressFailures))
    , m_lockoutMs(qMax<qint64>(1, lockoutSeconds) * 1000)
{
}

qint64 LoginThrottle::now() const
{
    if (m_clock)
        return m_clock();
    // Monotonic: a wall-clock jump must neither lift nor extend a lockout.
    return QDeadlineTimer::current().deadline();
}

QString LoginThrottle::addressKey(const QHostAddress &peer)
{
    bool mapped = false;
    const quint32 v4 = peer.toIPv4Address(&mapped);
    if (mapped)
        return QHostAddress(v4).toString();
    if (peer.protocol() == QAbstractSocket::IPv6Protocol) {
        Q_IPV6ADDR address = peer.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            address[i] = 0;
        return QHostAddress(address).toString() + QStringLiteral("/64");
    }
    return peer.toString();
}

qint64 LoginThrottle::remaining(Table &table, const QString &key, qint64 now) const
{
    const auto it = table.find(key);
    if (it == table.end())
        return 0;
    if (it->lockedUntilMs > now)
        return it->lockedUntilMs - now;
    if (it->lockedUntilMs != 0 || now - it->lastFailureMs >= m_lockoutMs)
        table.erase(it); // a finished lockout or stale failures: start again from zero
    return 0;
}

qint64 LoginThrottle::retryAfter(const QString &email, const QHostAddress &peer)
{
    const qint64 t = now();
    const qint64 ms = qMax(email.isEmpty() ? 0 : remaining(m_accounts, email, t),
                           peer.isNull() ? 0 : remaining(m_addresses, addressKey(peer), t));
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

void LoginThrottle::makeRoom(Table &table, qint64 now)
{
    if (table.size() < m_maxEntries)
        return;
    for (auto it = table.begin(); it != table.end();) {
        if (it->lockedUntilMs <= now && now - it->lastFailureMs >= m_lockoutMs)
            it = table.erase(it);
        else
            ++it;
    }
    // Still full: drop the oldest entry, sparing running lockouts while others remain (a flood
    // of made-up accounts must not be a way to lift a lockout).
    while (table.size() >= m_maxEntries) {
        auto victim = table.end();
        for (auto it = table.begin(); it != table.end(); ++it) {
            const bool locked = it->lockedUntilMs > now;
            const bool victimLocked = victim != table.end() && victim->lockedUntilMs > now;
            if (victim == table.end() || (victimLocked && !locked) ||
                (victimLocked == locked && it->lastFailureMs < victim->lastFailureMs))
                victim = it;
        }
        table.erase(victim);
    }
}

bool LoginThrottle::fail(Table &table, const QString &key, int threshold, qint64 now)
{
    remaining(table, key, now); // drops what has expired
    auto it = table.find(key);
    if (it == table.end()) {
        makeRoom(table, now);
        it = table.insert(key, Entry());
    }
    ++it->failures;
    it->lastFailureMs = now;
    if (it->failures >= threshold && it->lockedUntilMs <= now) {
        it->lockedUntilMs = now + m_lockoutMs;
        return true;
    }
    return false;
}

void LoginThrottle::recordFailure(const QString &email, const QHostAddress &peer)
{
    const qint64 t = now();
    const QString address = peer.isNull() ? QString() : addressKey(peer);
    // The email is logged (operators need to know whom a lockout hits); the password never is.
    if (!email.isEmpty() && fail(m_accounts, email, m_maxAccountFailures, t))
        spdlog::warn("sign-in lockout: account '{}' locked for {} s after {} failed attempts (last from {})",
                     email.toStdString(), m_lockoutMs / 1000, m_maxAccountFailures, address.toStdString());
    if (!address.isEmpty() && fail(m_addresses, address, m_maxAddressFailures, t))
        spdlog::warn("sign-in lockout: address {} locked for {} s after {} failed attempts (last for '{}')",
                     address.toStdString(), m_lockoutMs / 1000, m_maxAddressFailures, email.toStdString());
}

void LoginThrottle::recordSuccess(const QString &email)
{
    const auto it = m_accounts.find(email);
    // A success during a lockout cannot happen (locked keys are refused before the password
    // is checked); clearing only unlocked entries keeps that true if callers change.
    if (it != m_accounts.end() && it->lockedUntilMs <= now())
        m_accounts.erase(it);
}

HttpResponse LoginThrottle::lockedResponse(qint64 retryAfterSeconds)
{
    const qint64 seconds = qMax<qint64>(1, retryAfterSeconds);
    HttpResponse response = HttpResponse::fromError(
        ApiError(429, QStringLiteral("Too many failed sign-in attempts. The account or address is locked; "
                                     "try again in %1 seconds.")
                          .arg(seconds)));
    response.setHeader("Retry-After", QByteArray::number(seconds));
    return response;
}
} // namespace gatehouse
