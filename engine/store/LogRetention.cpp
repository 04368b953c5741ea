#include "LogRetention.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>

#include "AuditRecord.h"
#include "DbExecutor.h"
#include "SystemStore.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {
constexpr int kFirstPruneMs = 60 * 1000;
constexpr int kPruneChunk = 5000;
} // namespace

LogRetention::LogRetention(SystemStore &store, QString table, int days, int everyMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_table(std::move(table))
    , m_days(days)
    , m_everyMs(everyMs)
{
    connect(&m_timer, &QTimer::timeout, this, &LogRetention::pruneInBackground);
    if (m_days > 0)
        m_timer.start(kFirstPruneMs);
}

void LogRetention::pruneInBackground()
{
    m_timer.setInterval(m_everyMs);
    if (m_inFlight)
        return;
    m_inFlight = true;
    const ConnectionSpec spec = m_store.connectionSpec();
    const QString table = m_table;
    const int days = m_days;
    QPointer<LogRetention> self(this);
    m_store.executor().submit(
        [days, spec, table](QSqlDatabase &db) {
            QString error;
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &) {
                return qint64(-1);
            }
            const qint64 deleted = prune(db, table, days, &error);
            if (deleted < 0)
                spdlog::error("{}: pruning rows older than {} days failed: {}", table.toStdString(), days,
                              error.toStdString());
            else if (deleted > 0)
                spdlog::info("{}: pruned {} rows older than {} days", table.toStdString(), deleted, days);
            return deleted;
        },
        [self](qint64) {
            if (self)
                self->m_inFlight = false;
        });
}

qint64 LogRetention::prune(QSqlDatabase &db, const QString &table, int olderThanDays, QString *error)
{
    const QString cutoff = AuditRecord::timeText(QDateTime::currentMSecsSinceEpoch() -
                                                 qint64(qMax(0, olderThanDays)) * 86400000);
    qint64 total = 0;
    QSqlQuery query(db);
    for (;;) {
        query.prepare(QStringLiteral("DELETE FROM %1 WHERE id IN (SELECT id FROM %1 "
                                     "WHERE created_date < ? ORDER BY id LIMIT %2)")
                          .arg(table)
                          .arg(kPruneChunk));
        query.addBindValue(cutoff);
        if (!query.exec()) {
            if (error)
                *error = query.lastError().text();
            return -1;
        }
        const int n = query.numRowsAffected();
        total += qMax(0, n);
        if (n < kPruneChunk)
            break;
    }
    return total;
}
} // namespace gatehouse
