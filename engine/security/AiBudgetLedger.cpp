#include "AiBudgetLedger.h"

#include <algorithm>
#include <cmath>
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUrl>

#include "AccessSnapshot.h"
#include "AiBudgetAlertSender.h"
#include "AiBudgetSpend.h"
#include "core/ApiError.h"
#include "store/AuditRecord.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
// Costs are sums of doubles: compare with a little slack so a budget that fits exactly N calls
// admits N, not N-1.
constexpr double kEpsilon = 1e-9;
constexpr int kSweepEveryMs = 10 * 60 * 1000;
constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kKeepSharedCountersMs = 40 * kDayMs;
constexpr qint64 kStaleReservationMs = 2 * kHourMs;
constexpr int kThresholds[] = {50, 80, 100};

QVariant big(qint64 value)
{
    return QVariant::fromValue<qlonglong>(value);
}

bool matches(const AiBudget &budget, const AiBudgetSubject &subject)
{
    if (budget.dimension == QLatin1String("global"))
        return true;
    if (!budget.targetId)
        return false;
    const qint64 target = *budget.targetId;
    if (budget.dimension == QLatin1String("service"))
        return subject.serviceId == target;
    if (budget.dimension == QLatin1String("user"))
        return subject.userId && *subject.userId == target;
    if (budget.dimension == QLatin1String("role"))
        return subject.roleId && *subject.roleId == target;
    if (budget.dimension == QLatin1String("app"))
        return subject.appId && *subject.appId == target;
    return false;
}

bool exceeds(double used, double amount, double limit)
{
    return used + amount > limit + kEpsilon || used >= limit - kEpsilon;
}

void rollback(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("ROLLBACK"));
}
} // namespace

AiBudgetLedger::AiBudgetLedger(SystemStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_shared(store.isPostgres())
    , m_sender(new AiBudgetAlertSender(this))
{
    connect(&m_sweepTimer, &QTimer::timeout, this, &AiBudgetLedger::sweep);
    m_sweepTimer.start(kSweepEveryMs);
}

AiBudgetLedger::~AiBudgetLedger() = default;

void AiBudgetLedger::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 AiBudgetLedger::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 AiBudgetLedger::periodStart(const QString &period, qint64 nowMs)
{
    if (period == QLatin1String("hourly"))
        return nowMs - (nowMs % kHourMs + kHourMs) % kHourMs;
    if (period == QLatin1String("daily"))
        return nowMs - (nowMs % kDayMs + kDayMs) % kDayMs;
    const QDate date = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).date();
    return QDateTime(QDate(date.year(), date.month(), 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

qint64 AiBudgetLedger::periodEnd(const QString &period, qint64 nowMs)
{
    const qint64 start = periodStart(period, nowMs);
    if (period == QLatin1String("hourly"))
        return start + kHourMs;
    if (period == QLatin1String("daily"))
        return start + kDayMs;
    return QDateTime::fromMSecsSinceEpoch(start, QTimeZone::utc()).addMonths(1).toMSecsSinceEpoch();
}

QList<AiBudgetLedger::Charge> AiBudgetLedger::chargesFor(const AiBudgetSubject &subject, double amount,
                                                         qint64 at) const
{
    QList<Charge> charges;
    const auto snapshot = m_store.snapshot();
    if (snapshot) {
        for (const AiBudget &budget : snapshot->aiBudgets) {
            if (!matches(budget, subject))
                continue;
            Charge charge;
            charge.key = QStringLiteral("b%1").arg(budget.id);
            charge.periodStart = periodStart(budget.period, at);
            charge.periodEnd = periodEnd(budget.period, at);
            charge.amount = amount;
            charge.limit = budget.limit;
            charge.hard = budget.hardStop;
            charge.budgetId = budget.id;
            charge.name = budget.name;
            charge.dimension = budget.dimension;
            charge.period = budget.period;
            charge.webhook = budget.alertWebhookUrl;
            charge.filterColumn = AiBudgetSpend::usageColumn(budget.dimension);
            charge.filterValue = budget.targetId.value_or(0);
            charges.append(std::move(charge));
        }
    }
    if (subject.serviceMonthlyBudget > 0) {
        Charge charge;
        charge.key = QStringLiteral("s%1").arg(subject.serviceId);
        charge.period = QStringLiteral("monthly");
        charge.periodStart = periodStart(charge.period, at);
        charge.periodEnd = periodEnd(charge.period, at);
        charge.amount = amount;
        charge.limit = subject.serviceMonthlyBudget;
        charge.hard = true;
        charge.name = QStringLiteral("monthly_budget of service %1").arg(subject.serviceId);
        charge.dimension = QStringLiteral("service");
        charge.filterColumn = QStringLiteral("service_id");
        charge.filterValue = subject.serviceId;
        charges.append(std::move(charge));
    }
    // One lock order for every transaction (shared counters): no deadlocks between requests.
    std::sort(charges.begin(), charges.end(), [](const Charge &a, const Charge &b) {
        return a.key != b.key ? a.key < b.key : a.periodStart < b.periodStart;
    });
    return charges;
}

AiBudgetVerdict AiBudgetLedger::refusal(const Charge &charge, double used, qint64 at) const
{
    AiBudgetVerdict verdict;
    verdict.allowed = false;
    verdict.dimension = charge.dimension;
    verdict.period = charge.period;
    verdict.limit = charge.limit;
    verdict.spent = used;
    verdict.retryAfterSeconds = qMax<qint64>(1, (charge.periodEnd - at + 999) / 1000);
    verdict.message = QStringLiteral("The %1 AI budget '%2' is exhausted for this period (%3 of %4 spent or "
                                     "reserved); it resets in %5 s.")
                          .arg(charge.period, charge.name, QString::number(used, 'f', 6),
                               QString::number(charge.limit, 'f', 6))
                          .arg(verdict.retryAfterSeconds);
    return verdict;
}

void AiBudgetLedger::reserve(const AiBudgetSubject &subject, double worstCaseCost,
                             std::function<void(AiBudgetVerdict)> done)
{
    const double amount = std::isfinite(worstCaseCost) ? qMax(0.0, worstCaseCost) : 0.0;
    QList<Charge> charges = chargesFor(subject, amount, now());
    if (charges.isEmpty()) {
        // No budget: explicitly unlimited.
        done(AiBudgetVerdict{});
        return;
    }
    if (m_shared)
        reserveShared(std::move(charges), std::move(done));
    else
        reserveInMemory(std::move(charges), std::move(done));
}

void AiBudgetLedger::reserveInMemory(QList<Charge> charges, std::function<void(AiBudgetVerdict)> done)
{
    QList<Charge> missing;
    for (const Charge &charge : charges)
        if (!m_counters.contains({charge.key, charge.periodStart}))
            missing.append(charge);

    // The check and the reservation happen in one event-loop step: atomic on this node.
    QPointer<AiBudgetLedger> self(this);
    auto finish = std::make_shared<std::function<void(AiBudgetVerdict)>>(std::move(done));
    auto apply = [self, charges, finish]() {
        const auto &done = *finish;
        if (!self)
            return;
        const qint64 at = self->now();
        for (const Charge &charge : charges) {
            if (!charge.hard)
                continue;
            const Counter &counter = self->m_counters[{charge.key, charge.periodStart}];
            const double used = counter.spent + counter.reserved;
            if (exceeds(used, charge.amount, charge.limit)) {
                done(self->refusal(charge, used, at));
                return;
            }
        }
        for (const Charge &charge : charges)
            self->m_counters[{charge.key, charge.periodStart}].reserved += charge.amount;
        AiBudgetVerdict verdict;
        verdict.reservation = self->m_nextReservation++;
        self->m_reservations.insert(verdict.reservation, charges);
        self->m_reservedAt.insert(verdict.reservation, QDateTime::currentMSecsSinceEpoch());
        done(verdict);
    };
    if (missing.isEmpty()) {
        apply();
        return;
    }
    const ConnectionSpec spec = m_store.connectionSpec();
    m_store.executor().submit(
        [spec, missing](QSqlDatabase &db) {
            QList<double> seeds;
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                return seeds;
            }
            for (const Charge &charge : missing) {
                bool ok = false;
                const double seed = seedFromUsage(db, charge, &ok);
                if (!ok)
                    return QList<double>();
                seeds.append(seed);
            }
            return seeds;
        },
        [self, missing, apply = std::move(apply), finish](QList<double> seeds) {
            if (!self)
                return;
            if (seeds.size() != missing.size()) {
                // Fail closed: a budget that cannot be checked is not a budget.
                AiBudgetVerdict verdict;
                verdict.allowed = false;
                verdict.failureStatus = 503;
                verdict.message = QStringLiteral("AI budgets cannot be checked right now.");
                spdlog::error("ai budgets: seeding counters from the usage log failed");
                (*finish)(verdict);
                return;
            }
            for (int i = 0; i < missing.size(); ++i) {
                const CounterKey key{missing[i].key, missing[i].periodStart};
                // Another reservation may have seeded it meanwhile; its value is newer.
                if (!self->m_counters.contains(key))
                    self->m_counters.insert(key, Counter{seeds[i], 0, missing[i].periodEnd});
            }
            apply();
        });
}

double AiBudgetLedger::seedFromUsage(QSqlDatabase &db, const Charge &charge, bool *ok)
{
    const std::optional<double> spent = AiBudgetSpend::settled(db, charge.filterColumn, charge.filterValue,
                                                               charge.periodStart, charge.periodEnd);
    *ok = spent.has_value();
    return spent.value_or(0);
}

void AiBudgetLedger::reserveShared(QList<Charge> charges, std::function<void(AiBudgetVerdict)> done)
{
    struct Result
    {
        bool ok = false;
        int refused = -1;
        double used = 0;
    };
    const ConnectionSpec spec = m_store.connectionSpec();
    QPointer<AiBudgetLedger> self(this);
    m_store.executor().submit(
        [spec, charges](QSqlDatabase &db) {
            Result result;
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                return result;
            }
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (!query.exec(QStringLiteral("BEGIN"))) {
                spdlog::error("ai budgets: BEGIN failed: {}", query.lastError().text().toStdString());
                return result;
            }
            auto failed = [&](const char *what) {
                spdlog::error("ai budgets: {} failed: {}", what, query.lastError().text().toStdString());
                query.finish();
                rollback(db);
                return result;
            };
            for (int i = 0; i < charges.size(); ++i) {
                const Charge &charge = charges[i];
                query.prepare(QStringLiteral(
                    "SELECT 1 FROM ai_budget_counter WHERE budget_key = ? AND period_start = ?"));
                query.addBindValue(charge.key);
                query.addBindValue(big(charge.periodStart));
                if (!query.exec())
                    return failed("reading a counter");
                const bool exists = query.next();
                query.finish();
                if (!exists) {
                    // First use of this period: start from what the usage log already holds.
                    bool ok = false;
                    const double seed = seedFromUsage(db, charge, &ok);
                    if (!ok)
                        return failed("seeding a counter");
                    query.prepare(
                        QStringLiteral("INSERT INTO ai_budget_counter (budget_key, period_start, spent, "
                                       "reserved) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING"));
                    query.addBindValue(charge.key);
                    query.addBindValue(big(charge.periodStart));
                    query.addBindValue(seed);
                    if (!query.exec())
                        return failed("creating a counter");
                }
                // The row lock taken by this UPDATE serialises concurrent reservations on every
                // node; a waiting one re-evaluates the condition against the committed row.
                if (charge.hard) {
                    query.prepare(QStringLiteral(
                        "UPDATE ai_budget_counter SET reserved = reserved + ? WHERE budget_key = ? AND "
                        "period_start = ? AND spent + reserved + ? <= ? AND spent + reserved < ? RETURNING "
                        "spent"));
                    query.addBindValue(charge.amount);
                    query.addBindValue(charge.key);
                    query.addBindValue(big(charge.periodStart));
                    query.addBindValue(charge.amount);
                    query.addBindValue(charge.limit + kEpsilon);
                    query.addBindValue(charge.limit - kEpsilon);
                } else {
                    query.prepare(QStringLiteral("UPDATE ai_budget_counter SET reserved = reserved + ? WHERE "
                                                 "budget_key = ? AND period_start = ? RETURNING spent"));
                    query.addBindValue(charge.amount);
                    query.addBindValue(charge.key);
                    query.addBindValue(big(charge.periodStart));
                }
                if (!query.exec())
                    return failed("reserving");
                const bool reserved = query.next();
                query.finish();
                if (!reserved) {
                    query.prepare(QStringLiteral("SELECT spent + reserved FROM ai_budget_counter WHERE "
                                                 "budget_key = ? AND period_start = ?"));
                    query.addBindValue(charge.key);
                    query.addBindValue(big(charge.periodStart));
                    if (query.exec() && query.next())
                        result.used = query.value(0).toDouble();
                    query.finish();
                    rollback(db);
                    result.ok = true;
                    result.refused = i;
                    return result;
                }
            }
            if (!query.exec(QStringLiteral("COMMIT")))
                return failed("COMMIT");
            result.ok = true;
            return result;
        },
        [self, charges, done = std::move(done)](Result result) {
            if (!self)
                return;
            if (!result.ok) {
                AiBudgetVerdict verdict;
                verdict.allowed = false;
                verdict.failureStatus = 503;
                verdict.message = QStringLiteral("AI budgets cannot be checked right now.");
                done(verdict);
                return;
            }
            if (result.refused >= 0) {
                done(self->refusal(charges[result.refused], result.used, self->now()));
                return;
            }
            AiBudgetVerdict verdict;
            verdict.reservation = self->m_nextReservation++;
            self->m_reservations.insert(verdict.reservation, charges);
            self->m_reservedAt.insert(verdict.reservation, QDateTime::currentMSecsSinceEpoch());
            done(verdict);
        });
}

void AiBudgetLedger::settle(quint64 reservation, double actualCost)
{
    const auto it = m_reservations.find(reservation);
    if (it == m_reservations.end())
        return;
    const QList<Charge> charges = it.value();
    m_reservations.erase(it);
    m_reservedAt.remove(reservation);
    const double actual = std::isfinite(actualCost) ? qMax(0.0, actualCost) : 0.0;
    if (!m_shared) {
        for (const Charge &charge : charges) {
            const auto counter = m_counters.find({charge.key, charge.periodStart});
            if (counter == m_counters.end())
                continue;
            counter->reserved = qMax(0.0, counter->reserved - charge.amount);
            counter->spent += actual;
            checkAlerts(charge, counter->spent);
        }
        return;
    }
    const ConnectionSpec spec = m_store.connectionSpec();
    QPointer<AiBudgetLedger> self(this);
    m_store.executor().submit(
        [spec, charges, actual](QSqlDatabase &db) {
            QList<double> spent;
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                spdlog::error("ai budgets: settling failed: the system database is unavailable");
                return spent;
            }
            QSqlQuery query(db);
            query.setForwardOnly(true);
            for (const Charge &charge : charges) {
                query.prepare(QStringLiteral(
                    "UPDATE ai_budget_counter SET reserved = CASE WHEN reserved > ? THEN reserved - ? ELSE 0 "
                    "END, "
                    "spent = spent + ? WHERE budget_key = ? AND period_start = ? RETURNING spent"));
                query.addBindValue(charge.amount);
                query.addBindValue(charge.amount);
                query.addBindValue(actual);
                query.addBindValue(charge.key);
                query.addBindValue(big(charge.periodStart));
                if (query.exec() && query.next()) {
                    spent.append(query.value(0).toDouble());
                } else {
                    spdlog::error("ai budgets: settling failed: {}", query.lastError().text().toStdString());
                    spent.append(-1);
                }
                query.finish();
            }
            return spent;
        },
        [self, charges](QList<double> spent) {
            if (!self)
                return;
            for (int i = 0; i < spent.size() && i < charges.size(); ++i)
                if (spent[i] >= 0)
                    self->checkAlerts(charges[i], spent[i]);
        });
}

void AiBudgetLedger::checkAlerts(const Charge &charge, double spent)
{
    if (charge.budgetId == 0 || charge.webhook.isEmpty() || charge.limit <= 0)
        return;
    const double utilisation = spent / charge.limit;
    for (const int threshold : kThresholds) {
        if (utilisation * 100.0 + kEpsilon < threshold)
            break;
        const QString key =
            QStringLiteral("%1:%2:%3").arg(charge.budgetId).arg(charge.periodStart).arg(threshold);
        if (m_alerted.contains(key))
            continue;
        m_alerted.insert(key);
        Json payload{{"budget", charge.name},
                     {"budget_id", charge.budgetId},
                     {"dimension", charge.dimension},
                     {"period", charge.period},
                     {"period_start", AuditRecord::timeText(charge.periodStart)},
                     {"period_end", AuditRecord::timeText(charge.periodEnd)},
                     {"threshold", threshold},
                     {"spent", spent},
                     {"limit", charge.limit},
                     {"utilisation", utilisation}};
        if (charge.filterValue != 0)
            payload["target_id"] = charge.filterValue;
        const ConnectionSpec spec = m_store.connectionSpec();
        const qint64 budgetId = charge.budgetId;
        const qint64 periodStart = charge.periodStart;
        QPointer<AiBudgetLedger> self(this);
        // Claim the alert in the database first: once per threshold and period, whatever the
        // node or restart.
        m_store.executor().submit(
            [spec, budgetId, periodStart, threshold, spent](QSqlDatabase &db) {
                try {
                    DbExecutor::ensureOpen(db, spec);
                } catch (const ApiError &) {
                    return false;
                }
                QSqlQuery query(db);
                query.prepare(
                    QStringLiteral("INSERT INTO ai_budget_alert (budget_id, period_start, threshold, "
                                   "spent) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
                query.addBindValue(big(budgetId));
                query.addBindValue(big(periodStart));
                query.addBindValue(threshold);
                query.addBindValue(spent);
                if (!query.exec()) {
                    spdlog::error("ai budgets: recording an alert failed: {}",
                                  query.lastError().text().toStdString());
                    return false;
                }
                return query.numRowsAffected() == 1;
            },
            [self, url = charge.webhook, payload, spec, budgetId, periodStart, threshold](bool claimed) {
                if (!self || !claimed)
                    return;
                self->m_sender->send(
                    QUrl(url), payload, [self, spec, budgetId, periodStart, threshold](bool ok) {
                        if (!self)
                            return;
                        if (ok)
                            self->m_store.executor().submit(
                                [spec, budgetId, periodStart, threshold](QSqlDatabase &db) {
                                    try {
                                        DbExecutor::ensureOpen(db, spec);
                                    } catch (const ApiError &) {
                                        return false;
                                    }
                                    QSqlQuery query(db);
                                    query.prepare(QStringLiteral(
                                        "UPDATE ai_budget_alert SET sent_date = ? WHERE "
                                        "budget_id = ? AND period_start = ? AND threshold = ?"));
                                    query.addBindValue(
                                        AuditRecord::timeText(QDateTime::currentMSecsSinceEpoch()));
                                    query.addBindValue(big(budgetId));
                                    query.addBindValue(big(periodStart));
                                    query.addBindValue(threshold);
                                    return query.exec();
                                },
                                [](bool) {});
                        emit self->alertDone(budgetId, threshold, ok);
                    });
            });
    }
}

void AiBudgetLedger::reload()
{
    // Counters without outstanding reservations are seeded again from the usage log.
    QSet<CounterKey> busy;
    for (const QList<Charge> &charges : std::as_const(m_reservations))
        for (const Charge &charge : charges)
            busy.insert({charge.key, charge.periodStart});
    for (auto it = m_counters.begin(); it != m_counters.end();)
        it = busy.contains(it.key()) ? std::next(it) : m_counters.erase(it);
}

void AiBudgetLedger::sweep()
{
    // A reservation nobody settled (a caller's bug) would hold its amount forever: after two
    // hours it is settled at its worst case, the safe side.
    const qint64 realNow = QDateTime::currentMSecsSinceEpoch();
    QList<QPair<quint64, double>> stale;
    for (auto it = m_reservedAt.cbegin(); it != m_reservedAt.cend(); ++it)
        if (it.value() + kStaleReservationMs < realNow)
            stale.append({it.key(), m_reservations.value(it.key()).value(0).amount});
    for (const auto &[id, amount] : stale) {
        spdlog::warn("ai budgets: reservation {} was never settled; charging its worst case", id);
        settle(id, amount);
    }
    const qint64 at = now();
    QSet<CounterKey> busy;
    for (const QList<Charge> &charges : std::as_const(m_reservations))
        for (const Charge &charge : charges)
            busy.insert({charge.key, charge.periodStart});
    for (auto it = m_counters.begin(); it != m_counters.end();)
        it =
            (it->periodEnd + kHourMs < at && !busy.contains(it.key())) ? m_counters.erase(it) : std::next(it);
    // Alert claims of past periods can go: their period never comes back.
    for (auto it = m_alerted.begin(); it != m_alerted.end();) {
        const QStringList parts = it->split(QLatin1Char(':'));
        const qint64 start = parts.value(1).toLongLong();
        it = start + 32 * kDayMs < at ? m_alerted.erase(it) : std::next(it);
    }
    if (m_shared) {
        const ConnectionSpec spec = m_store.connectionSpec();
        const qint64 before = at - kKeepSharedCountersMs;
        m_store.executor().submit(
            [spec, before](QSqlDatabase &db) {
                try {
                    DbExecutor::ensureOpen(db, spec);
                } catch (const ApiError &) {
                    return false;
                }
                QSqlQuery query(db);
                query.prepare(QStringLiteral("DELETE FROM ai_budget_counter WHERE period_start < ?"));
                query.addBindValue(big(before));
                return query.exec();
            },
            [](bool) {});
    }
}
} // namespace gatehouse
