#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>

#include "AiBudget.h"

namespace gatehouse {

class AiBudgetAlertSender;
class SystemStore;

// Who an AI call is charged to.
struct AiBudgetSubject
{
    qint64 serviceId = 0;
    std::optional<qint64> userId, roleId, appId;
    // The `ai` service's own monthly_budget: an implicit hard-stop budget (0: none).
    double serviceMonthlyBudget = 0;
};

struct AiBudgetVerdict
{
    bool allowed = true;
    QString message;         // why not, for the 429 (or 503 when the ledger cannot be read)
    quint64 reservation = 0; // pass to settle(); 0 when no budget applied
    // The budget that refused (when !allowed).
    QString dimension, period;
    double limit = 0;
    double spent = 0; // settled spend plus outstanding reservations in the period
    qint64 retryAfterSeconds = 0;
    int failureStatus = 429; // 503 when the shared counters could not be reached
};

// AI budgets (/system/ai_budget and each `ai` service's monthly_budget) enforced without
// overshoot: before a call, reserve() adds the call's worst-case cost to every applicable
// budget's counter for the current period, refusing (nothing reserved) when a hard budget would
// go over its limit; settle() then replaces the reservation with the actual cost. Periods are
// UTC calendar hours, days and months.
//
// Counters: on an SQLite system database (one node) they live in memory on the event loop, so a
// check-and-reserve is atomic by construction; a counter is seeded from ai_usage_log sums the
// first time its period is needed (start-up, new budget, new period). On a PostgreSQL system
// database (possibly several nodes) they live in `ai_budget_counter` and each reservation is one
// conditional UPDATE per budget in one transaction (row locks serialise concurrent requests on
// every node). A node that dies with reservations outstanding leaves them counted until the
// period ends: the error is on the safe side.
//
// Alerts: when settled spend reaches 50, 80 and 100 % of a budget with an alert_webhook_url,
// one POST per threshold and period (claimed in ai_budget_alert, so restarts and other nodes do
// not repeat it), retried with back-off off the request path.
class AiBudgetLedger : public QObject
{
    Q_OBJECT
public:
    explicit AiBudgetLedger(SystemStore &store, QObject *parent = nullptr);
    ~AiBudgetLedger() override;

    // Event loop. `done` runs on the event loop, possibly before reserve() returns (when no
    // budget applies or every counter is already known).
    void reserve(const AiBudgetSubject &subject, double worstCaseCost,
                 std::function<void(AiBudgetVerdict)> done);
    // Replaces the reservation by the actual cost (unknown or 0 reservations are ignored).
    void settle(quint64 reservation, double actualCost);

    // Budgets come with the AccessSnapshot (rebuilt after every system write); nothing to
    // reload. Kept for callers that changed the database out of band: drops cached counters so
    // they are seeded again from the usage log.
    void reload();

    // Tests: a fixed clock (ms since the epoch); an empty function restores the real one.
    void setClock(std::function<qint64()> clock);
    qint64 now() const;

    // UTC period window containing `nowMs`.
    static qint64 periodStart(const QString &period, qint64 nowMs);
    static qint64 periodEnd(const QString &period, qint64 nowMs);

    // Reservations not settled yet (tests, metrics).
    int outstanding() const { return int(m_reservations.size()); }

signals:
    // A threshold alert was delivered (or finally given up on: delivered == false).
    void alertDone(qint64 budgetId, int threshold, bool delivered);

private:
    struct Charge
    {
        QString key; // "b<budget id>", "s<service id>" for a service's monthly_budget
        qint64 periodStart = 0;
        qint64 periodEnd = 0;
        double amount = 0;
        double limit = 0;
        bool hard = true;
        qint64 budgetId = 0; // 0: the implicit service budget
        QString name, dimension, period, webhook;
        QString filterColumn; // ai_usage_log column the dimension filters on; empty: global
        qint64 filterValue = 0;
    };
    struct Counter
    {
        double spent = 0;
        double reserved = 0;
        qint64 periodEnd = 0;
    };
    using CounterKey = QPair<QString, qint64>;

    QList<Charge> chargesFor(const AiBudgetSubject &subject, double amount, qint64 at) const;
    void reserveInMemory(QList<Charge> charges, std::function<void(AiBudgetVerdict)> done);
    void reserveShared(QList<Charge> charges, std::function<void(AiBudgetVerdict)> done);
    AiBudgetVerdict refusal(const Charge &charge, double used, qint64 at) const;
    void checkAlerts(const Charge &charge, double spent);
    void sweep();

    // Worker side.
    static double seedFromUsage(QSqlDatabase &db, const Charge &charge, bool *ok);

    SystemStore &m_store;
    bool m_shared = false;
    std::function<qint64()> m_clock;
    QHash<CounterKey, Counter> m_counters; // memory mode only
    QHash<quint64, QList<Charge>> m_reservations;
    QHash<quint64, qint64> m_reservedAt; // real time, for expiring reservations never settled
    quint64 m_nextReservation = 1;
    QSet<QString> m_alerted; // "budget:period:threshold" claimed by this node
    AiBudgetAlertSender *m_sender = nullptr;
    QTimer m_sweepTimer;
};
} // namespace gatehouse
