#include "JwksCache.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>

#include "JwkSet.h"

namespace gatehouse {

std::shared_ptr<JwksCache> JwksCache::create(Fetcher fetch, qint64 cooldownMs, qint64 maxAgeMs, Clock clock)
{
    return std::shared_ptr<JwksCache>(
        new JwksCache(std::move(fetch), cooldownMs, maxAgeMs, std::move(clock)));
}

JwksCache::JwksCache(Fetcher fetch, qint64 cooldownMs, qint64 maxAgeMs, Clock clock)
    : m_fetch(std::move(fetch))
    , m_cooldownMs(cooldownMs)
    , m_maxAgeMs(maxAgeMs)
    , m_clock(std::move(clock))
{
}

qint64 JwksCache::now() const
{
    if (m_clock)
        return m_clock();
    static QElapsedTimer timer;
    if (!timer.isValid())
        timer.start();
    // Offset so the first reading is never within a cooldown of "no fetch yet" (-1).
    return timer.elapsed() + 24LL * 3600 * 1000;
}

void JwksCache::keys(Ready ready)
{
    const bool fresh = m_keys && m_fetchedAt >= 0 && now() - m_fetchedAt < m_maxAgeMs;
    if (fresh) {
        ready(m_keys, QString());
        return;
    }
    // Nothing (or only stale keys) cached, but a fetch failed moments ago: do not hammer the
    // IdP; answer with what there is.
    if (!m_inFlight && m_lastAttemptAt >= 0 && now() - m_lastAttemptAt < m_cooldownMs) {
        ready(m_keys, m_keys ? QString() : m_lastError);
        return;
    }
    fetch(std::move(ready));
}

void JwksCache::refreshForUnknownKid(Ready ready)
{
    if (!m_inFlight && m_lastAttemptAt >= 0 && now() - m_lastAttemptAt < m_cooldownMs) {
        ready(m_keys, m_keys ? QString() : m_lastError);
        return;
    }
    fetch(std::move(ready));
}

void JwksCache::fetch(Ready ready)
{
    m_waiting.append(std::move(ready));
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_lastAttemptAt = now();
    ++m_fetches;
    std::weak_ptr<JwksCache> weak = weak_from_this();
    m_fetch([weak](const QByteArray &body, const QString &error) {
        if (const auto self = weak.lock())
            self->loaded(body, error);
    });
}

void JwksCache::loaded(const QByteArray &body, const QString &error)
{
    m_inFlight = false;
    QString problem = error;
    if (problem.isEmpty()) {
        QString parseError;
        auto set = std::make_shared<JwkSet>(JwkSet::parse(body, &parseError));
        if (!parseError.isEmpty())
            problem = parseError;
        else if (set->isEmpty())
            problem = QStringLiteral("the JWKS document holds no usable signing key");
        else {
            m_keys = std::move(set);
            m_fetchedAt = now();
        }
    }
    if (!problem.isEmpty()) {
        m_lastError = problem;
        if (m_keys)
            spdlog::warn("identity provider keys could not be refreshed ({}); the cached ones stay in use",
                         problem.toStdString());
    }
    const QList<Ready> waiting = std::exchange(m_waiting, {});
    for (const Ready &ready : waiting)
        ready(m_keys, m_keys ? QString() : problem);
}
} // namespace gatehouse
