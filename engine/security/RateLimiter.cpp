#include "RateLimiter.h"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>

#include "AccessSnapshot.h"
#include "core/ApiError.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
// The subject of a counter every caller shares (anything but each-user limits). Not empty: a
// null QString would be bound as NULL.
const QString kShared = QStringLiteral("*");

// The each-user type a user type stands in for at the same level.
QString eachUserCounterpart(const QString &userType)
{
    QString type = userType;
    return type.replace(QLatin1String("instance.user"), QLatin1String("instance.each_user"));
}

bool sameLevel(const RateLimit &userLimit, const RateLimit &eachUser)
{
    if (eachUserCounterpart(userLimit.type) != eachUser.type)
        return false;
    if (RateLimit::typeNeedsService(eachUser.type) && userLimit.serviceId != eachUser.serviceId)
        return false;
    if (RateLimit::typeNeedsEndpoint(eachUser.type) &&
        userLimit.endpoint.compare(eachUser.endpoint, Qt::CaseInsensitive) != 0)
        return false;
    return true;
}

void rollback(QSqlDatabase &db)
{
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
}
} // namespace

HttpResponse RateLimitVerdict::response() const
{
    if (failureStatus != 0)
        return HttpResponse::fromError(ApiError(
            failureStatus, QStringLiteral("Rate limits cannot be checked right now. Try again later.")));
    Json context = Json::array();
    for (const RateLimit &limit : exceeded)
        context.push_back(Json{{"id", limit.id}, {"name", limit.name}, {"object", limit.toJson()}});
    HttpResponse response =
        HttpResponse::fromError(ApiError(429, QStringLiteral("API limit(s) exceeded. "), context));
    response.setHeader("X-RateLimit-Limit", QByteArray::number(limit));
    response.setHeader("X-RateLimit-Remaining", QByteArray::number(remaining));
    response.setHeader("X-RateLimit-Reset", QByteArray::number(resetAt));
    response.setHeader("Retry-After", QByteArray::number(retryAfter));
    return response;
}

Json RateLimitCacheEntry::toJson() const
{
    return Json{{"id", id},
                {"key", key},
                {"max", max},
                {"attempts", attempts},
                {"remaining", remaining},
                {"reset", resetAt > 0 ? Json(resetAt) : Json(nullptr)}};
}

RateLimiter::RateLimiter(SystemStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    if (m_store) {
        syncLimits(m_store->snapshot()->limits);
        connect(m_store, &SystemStore::snapshotChanged, this,
                [this] { syncLimits(m_store->snapshot()->limits); });
    }
}

RateLimiter::~RateLimiter() = default;

qint64 RateLimiter::now() const
{
    return m_clock ? m_clock() : QDateTime::currentSecsSinceEpoch();
}

bool RateLimiter::sharedCounters() const
{
    return m_store && m_store->isPostgres();
}

QList<RateLimitCounter> RateLimiter::applicable(const QList<RateLimit> &limits, const RateLimitCaller &caller)
{
    QList<RateLimitCounter> out;
    if (caller.isSysAdmin || caller.isScript)
        return out;
    for (const RateLimit &limit : limits) {
        if (!limit.isActive || !limit.matchesRoute(caller.serviceId, caller.resource, caller.method))
            continue;
        RateLimitCounter counter{limit, kShared};
        if (RateLimit::typeNeedsUser(limit.type)) {
            if (!caller.userId || limit.userId != caller.userId)
                continue;
        } else if (limit.isEachUser()) {
            if (!caller.userId)
                continue;
            const bool overridden = std::any_of(limits.cbegin(), limits.cend(), [&](const RateLimit &other) {
                return other.isActive && RateLimit::typeNeedsUser(other.type) &&
                       other.userId == caller.userId && sameLevel(other, limit);
            });
            if (overridden)
                continue;
            counter.subject = QString::number(*caller.userId);
        } else if (RateLimit::typeNeedsRole(limit.type)) {
            if (!caller.roleId || limit.roleId != caller.roleId)
                continue;
        }
        out.append(std::move(counter));
    }
    // One global order for every request: the shared statement locks counter rows in it, so
    // two requests can never wait on each other's rows.
    std::sort(out.begin(), out.end(), [](const RateLimitCounter &a, const RateLimitCounter &b) {
        return a.limit.id != b.limit.id ? a.limit.id < b.limit.id : a.subject < b.subject;
    });
    return out;
}

void RateLimiter::check(const RateLimitCaller &caller, VerdictDone done)
{
    if (!m_store) {
        done(RateLimitVerdict{});
        return;
    }
    check(m_store->snapshot()->limits, caller, std::move(done));
}

void RateLimiter::check(const QList<RateLimit> &limits, const RateLimitCaller &caller, VerdictDone done)
{
    const QList<RateLimitCounter> counters = applicable(limits, caller);
    if (counters.isEmpty()) {
        done(RateLimitVerdict{});
        return;
    }
    if (!sharedCounters()) {
        done(checkInMemory(counters));
        return;
    }
    const qint64 at = now();
    const ConnectionSpec spec = m_store->connectionSpec();
    QPointer<RateLimiter> self(this);
    m_store->executor().submit(
        [counters, at, spec](QSqlDatabase &db) {
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                RateLimitVerdict down;
                down.allowed = false;
                down.failureStatus = 503;
                return down;
            }
            return countShared(db, counters, at);
        },
        [self, done = std::move(done)](RateLimitVerdict verdict) {
            if (self)
                done(std::move(verdict));
        });
}

RateLimitVerdict RateLimiter::verdictFor(const QList<QPair<RateLimit, qint64>> &exceeded, qint64 now)
{
    RateLimitVerdict verdict;
    if (exceeded.isEmpty())
        return verdict;
    verdict.allowed = false;
    qint64 longest = -1;
    for (const auto &[limit, windowEnd] : exceeded) {
        verdict.exceeded.append(limit);
        const qint64 wait = qMax<qint64>(1, windowEnd - now);
        if (wait > longest) {
            longest = wait;
            verdict.limit = limit.rate;
            verdict.remaining = 0;
            verdict.retryAfter = wait;
            verdict.resetAt = now + wait;
        }
    }
    return verdict;
}

RateLimitVerdict RateLimiter::checkInMemory(const QList<RateLimitCounter> &counters)
{
    const qint64 at = now();
    QList<QPair<RateLimit, qint64>> exceeded;
    for (const RateLimitCounter &c : counters) {
        const auto it = m_counters.constFind(qMakePair(c.limit.id, c.subject));
        const bool live = it != m_counters.constEnd() && it->windowEnd > at;
        const qint64 hits = live ? it->hits : 0;
        if (hits + 1 > c.limit.rate)
            exceeded.append({c.limit, live ? it->windowEnd : at + c.limit.periodSeconds()});
    }
    if (!exceeded.isEmpty())
        return verdictFor(exceeded, at);
    for (const RateLimitCounter &c : counters) {
        Counter &counter = m_counters[qMakePair(c.limit.id, c.subject)];
        if (counter.windowEnd <= at)
            counter = Counter{at, at + c.limit.periodSeconds(), 0};
        ++counter.hits;
    }
    return RateLimitVerdict{};
}

RateLimitVerdict RateLimiter::countShared(QSqlDatabase &db, const QList<RateLimitCounter> &counters,
                                          qint64 now)
{
    RateLimitVerdict failed;
    failed.allowed = false;
    failed.failureStatus = 503;

    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN"))) {
        spdlog::error("rate limits: BEGIN failed: {}", query.lastError().text().toStdString());
        return failed;
    }
    // One statement counts the request in every counter it touches. ON CONFLICT ... DO UPDATE
    // locks each counter row, so concurrent requests (on any node) are applied one after the
    // other; every CASE reads the row as it was before this update. An expired window restarts
    // at this hit.
    QStringList rows;
    QVariantList binds;
    for (const RateLimitCounter &c : counters) {
        rows << QStringLiteral("(?, ?, ?, ?, 1)");
        binds << QVariant::fromValue<qlonglong>(c.limit.id) << c.subject
              << QVariant::fromValue<qlonglong>(now)
              << QVariant::fromValue<qlonglong>(now + c.limit.periodSeconds());
    }
    const QString sql =
        QStringLiteral(
            "INSERT INTO limit_counter (limit_id, subject, window_start, window_end, hits) VALUES ") +
        rows.join(QStringLiteral(", ")) +
        QStringLiteral(" ON CONFLICT (limit_id, subject) DO UPDATE SET "
                       "hits = CASE WHEN limit_counter.window_end <= EXCLUDED.window_start THEN 1 "
                       "ELSE limit_counter.hits + 1 END, "
                       "window_start = CASE WHEN limit_counter.window_end <= EXCLUDED.window_start "
                       "THEN EXCLUDED.window_start ELSE limit_counter.window_start END, "
                       "window_end = CASE WHEN limit_counter.window_end <= EXCLUDED.window_start "
                       "THEN EXCLUDED.window_end ELSE limit_counter.window_end END "
                       "RETURNING limit_id, subject, hits, window_end");
    query.setForwardOnly(true);
    bool ok = query.prepare(sql);
    for (const QVariant &value : binds)
        query.addBindValue(value);
    ok = ok && query.exec();
    if (!ok) {
        spdlog::error("rate limits: counting failed: {}", query.lastError().text().toStdString());
        rollback(db);
        return failed;
    }
    QList<QPair<RateLimit, qint64>> exceeded;
    while (query.next()) {
        const qint64 limitId = query.value(0).toLongLong();
        const QString subject = query.value(1).toString();
        const qint64 hits = query.value(2).toLongLong();
        const qint64 windowEnd = query.value(3).toLongLong();
        for (const RateLimitCounter &c : counters)
            if (c.limit.id == limitId && c.subject == subject && hits > c.limit.rate)
                exceeded.append({c.limit, windowEnd});
    }
    query.finish();
    if (!exceeded.isEmpty()) {
        // Refused requests are not counted: undo every increment of this request.
        rollback(db);
        return verdictFor(exceeded, now);
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        spdlog::error("rate limits: COMMIT failed: {}", query.lastError().text().toStdString());
        rollback(db);
        return failed;
    }
    return RateLimitVerdict{};
}

void RateLimiter::entries(const QList<RateLimit> &limits, const QList<User> &users,
                          std::function<void(QList<RateLimitCacheEntry>, int)> done)
{
    QList<User> subjects;
    for (const User &user : users)
        if (user.isActive && !user.isSysAdmin)
            subjects << user;
    std::sort(subjects.begin(), subjects.end(), [](const User &a, const User &b) { return a.id < b.id; });

    // Per counter: hits in the open window and the epoch second that window ends.
    using Window = QPair<qint64, qint64>;
    auto build = [limits, subjects](const QHash<CounterKey, Window> &hits) {
        QList<RateLimitCacheEntry> out;
        auto add = [&](const RateLimit &limit, const QString &key, const QString &subject) {
            RateLimitCacheEntry entry;
            entry.id = limit.id;
            entry.key = key;
            entry.max = limit.rate;
            const Window window = hits.value(qMakePair(limit.id, subject), Window(0, 0));
            entry.attempts = window.first;
            entry.resetAt = window.second;
            entry.remaining = qMax<qint64>(0, limit.rate - entry.attempts);
            out << entry;
        };
        for (const RateLimit &limit : limits) {
            if (limit.isEachUser()) {
                for (const User &user : subjects)
                    add(limit, limit.counterKey(user.id), QString::number(user.id));
            } else {
                add(limit, limit.counterKey(), kShared);
            }
        }
        return out;
    };

    const qint64 at = now();
    if (!sharedCounters()) {
        QHash<CounterKey, Window> hits;
        for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it)
            if (it->windowEnd > at)
                hits.insert(it.key(), Window(it->hits, it->windowEnd));
        done(build(hits), 0);
        return;
    }
    const ConnectionSpec spec = m_store->connectionSpec();
    QPointer<RateLimiter> self(this);
    m_store->executor().submit(
        [at, spec](QSqlDatabase &db) -> std::optional<QHash<CounterKey, Window>> {
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                return std::nullopt;
            }
            QSqlQuery query(db);
            query.setForwardOnly(true);
            query.prepare(QStringLiteral(
                "SELECT limit_id, subject, hits, window_end FROM limit_counter WHERE window_end > ?"));
            query.addBindValue(QVariant::fromValue<qlonglong>(at));
            if (!query.exec()) {
                spdlog::error("rate limits: reading counters failed: {}",
                              query.lastError().text().toStdString());
                return std::nullopt;
            }
            QHash<CounterKey, Window> hits;
            while (query.next())
                hits.insert(qMakePair(query.value(0).toLongLong(), query.value(1).toString()),
                            Window(query.value(2).toLongLong(), query.value(3).toLongLong()));
            return hits;
        },
        [self, build, done = std::move(done)](std::optional<QHash<CounterKey, Window>> hits) {
            if (!self)
                return;
            if (!hits)
                done({}, 503);
            else
                done(build(*hits), 0);
        });
}

void RateLimiter::reset(const std::optional<QList<qint64>> &limitIds, std::function<void(bool)> done)
{
    if (!sharedCounters()) {
        if (!limitIds) {
            m_counters.clear();
        } else {
            for (auto it = m_counters.begin(); it != m_counters.end();)
                it = limitIds->contains(it.key().first) ? m_counters.erase(it) : std::next(it);
        }
        done(true);
        return;
    }
    const ConnectionSpec spec = m_store->connectionSpec();
    QPointer<RateLimiter> self(this);
    m_store->executor().submit(
        [limitIds, spec](QSqlDatabase &db) {
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                return false;
            }
            QSqlQuery query(db);
            const QList<qint64> ids = limitIds.value_or(QList<qint64>());
            QStringList marks;
            for (int i = 0; i < ids.size(); ++i)
                marks << QStringLiteral("?");
            query.prepare(limitIds ? QStringLiteral("DELETE FROM limit_counter WHERE limit_id IN (%1)")
                                         .arg(marks.join(QStringLiteral(", ")))
                                   : QStringLiteral("DELETE FROM limit_counter"));
            for (const qint64 id : ids)
                query.addBindValue(QVariant::fromValue<qlonglong>(id));
            if (!query.exec()) {
                spdlog::error("rate limits: reset failed: {}", query.lastError().text().toStdString());
                return false;
            }
            return true;
        },
        [self, done = std::move(done)](bool ok) {
            if (self)
                done(ok);
        });
}

void RateLimiter::syncLimits(const QList<RateLimit> &limits)
{
    QHash<qint64, QString> signatures;
    for (const RateLimit &limit : limits)
        signatures.insert(limit.id, limit.keyText + QLatin1Char('|') + QString::number(limit.rate));
    for (auto it = m_counters.begin(); it != m_counters.end();) {
        const qint64 id = it.key().first;
        const bool stale = !signatures.contains(id) || signatures.value(id) != m_signatures.value(id);
        it = stale ? m_counters.erase(it) : std::next(it);
    }
    m_signatures = std::move(signatures);
}
} // namespace gatehouse
