#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QTimer>
#include <QVariantList>

#include "ConnectionSpec.h"

namespace gatehouse {

class DbExecutor;

// The asynchronous batched writer behind the audit log (and, later, the usage and prompt logs):
// rows of one table are appended on the event loop in O(1) and committed in batches, each in
// one transaction, as a job on the system store's executor — every `flushIntervalMs` or as soon
// as `batchSize` rows wait. One batch is in flight at a time, so rows reach the table in the
// order they were appended.
//
// Failures never lose rows quietly: a batch that cannot be written (database down, disk full)
// goes back to the head of the queue and is retried with a growing delay (1 s … 30 s) while
// every failed attempt is logged as an error. Memory is bounded by `maxQueued`: past it new
// rows are refused and counted, an error is logged, and once writing works again a "gap" row
// (from `makeGapRow`) records how many rows were lost and when. shutdown() writes whatever is
// left before the executor stops; rows that still cannot be written then go to `spillFile`
// (NDJSON, one JSON array of column values per line) so an operator can load them later.
class BatchedLogWriter : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString name;  // for log lines, e.g. "audit"
        QString table; // as written in SQL
        QStringList columns;
        int flushIntervalMs = 300;
        int batchSize = 500;
        int maxQueued = 100000;
        QString spillFile;
        // Builds the row recording that `count` rows were refused between two times (ms since
        // the epoch); none when empty.
        std::function<QVariantList(qint64 count, qint64 firstMs, qint64 lastMs)> makeGapRow;
    };

    BatchedLogWriter(DbExecutor &executor, ConnectionSpec spec, Options options, QObject *parent = nullptr);
    ~BatchedLogWriter() override;

    // Event loop, O(1). False when the queue is full and the row was refused (counted, logged).
    bool append(QVariantList row);
    // Commits everything appended so far as soon as possible; `done(ok)` runs on the event loop
    // once those rows are written (true) or the attempt failed (false; they stay queued).
    void flush(std::function<void(bool ok)> done = {});
    // Stops the timer and queues one last job writing every remaining row (spilling what cannot
    // be written). The executor runs it before it stops, so call this before destroying it.
    void shutdown();

    qint64 queued() const;
    qint64 written() const { return m_written; }
    qint64 refused() const { return m_refusedTotal; }

    // Worker side: inserts `rows` into `table` in one transaction. False (with the driver's text
    // in `error`) when nothing was committed; `rejectedRow` then names the row the database
    // refused, or is -1 when the transaction itself failed (database unavailable).
    static bool insertBatch(QSqlDatabase &db, const QString &table, const QStringList &columns,
                            const QList<QVariantList> &rows, QString *error, int *rejectedRow = nullptr);

signals:
    void committed(int rows);

private:
    struct Waiter
    {
        quint64 target;
        std::function<void(bool)> done;
    };
    // The queue lives here, shared with the worker jobs, so that a job that fails puts its
    // batch back itself and the last job at shutdown finds every row even if the writer (or
    // the completion of an earlier job) is gone by then.
    struct Shared;

    void scheduleFlush();
    void startFlush();
    void onBatchDone(int rows, bool ok, const QString &error);
    void notifyWaiters(bool failed);

    DbExecutor &m_executor;
    ConnectionSpec m_spec;
    Options m_options;
    std::shared_ptr<Shared> m_shared;
    QTimer m_timer;
    bool m_inFlight = false;
    bool m_flushScheduled = false;
    bool m_stopped = false;
    quint64 m_enqueued = 0;  // rows ever queued (refused ones excluded)
    quint64 m_committed = 0; // of those, rows written; rows are written in queue order
    qint64 m_written = 0;
    QList<Waiter> m_waiters;
    int m_failures = 0; // consecutive failed batches
    QElapsedTimer m_sinceFailure;
    int m_retryDelayMs = 0;
    // Refused rows not yet recorded by a gap row.
    qint64 m_refused = 0;
    qint64 m_refusedTotal = 0;
    qint64 m_refusedFirstMs = 0;
    qint64 m_refusedLastMs = 0;
    QElapsedTimer m_sinceRefusalLog;
};
} // namespace gatehouse
