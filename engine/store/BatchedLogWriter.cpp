#include "BatchedLogWriter.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>

#include "DbExecutor.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {
constexpr int kMaxRetryDelayMs = 30000;
constexpr qint64 kRefusalLogEveryMs = 10000;
} // namespace

struct BatchedLogWriter::Shared
{
    QString name;
    QString table;
    QStringList columns;
    QString spillFile;
    int batchSize = 500;

    std::mutex mutex; // guards queue
    std::deque<QVariantList> queue;
    // Held by the job writing a batch: one writer at a time keeps rows in order, and the last
    // job at shutdown waits here for a batch in flight to be written or put back.
    std::mutex writeMutex;

    QList<QVariantList> take(int max)
    {
        std::lock_guard lock(mutex);
        QList<QVariantList> batch;
        while (!queue.empty() && (max <= 0 || batch.size() < max)) {
            batch.append(std::move(queue.front()));
            queue.pop_front();
        }
        return batch;
    }

    void putBack(QList<QVariantList> &batch)
    {
        std::lock_guard lock(mutex);
        for (auto it = batch.rbegin(); it != batch.rend(); ++it)
            queue.push_front(std::move(*it));
    }

    // Writes `batch`. A row the database rejects (it should never happen: rows are shaped to the
    // table) must not block the rows behind it forever: it is logged, spilled and skipped. False
    // when the database is unavailable; `batch` is then untouched.
    bool write(QSqlDatabase &db, QList<QVariantList> &batch, QString *error)
    {
        while (!batch.isEmpty()) {
            int rejected = -1;
            if (insertBatch(db, table, columns, batch, error, &rejected))
                return true;
            if (rejected < 0)
                return false;
            // Tell a rejected row from a database that went away in the middle of the batch.
            QList<QVariantList> single{batch.at(rejected)};
            QString rowError;
            int again = -1;
            if (insertBatch(db, table, columns, single, &rowError, &again)) {
                batch.removeAt(rejected);
                continue;
            }
            if (again < 0)
                return false;
            spdlog::critical("{} log: the database rejected a row ({}); it is set aside", name.toStdString(),
                             rowError.toStdString());
            spill(single);
            batch.removeAt(rejected);
        }
        return true;
    }

    // Last resort at shutdown: rows the database would not take go to a file, not to nowhere.
    void spill(const QList<QVariantList> &rows) const
    {
        if (rows.isEmpty())
            return;
        QFile file(spillFile);
        if (spillFile.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Append,
                                              QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            spdlog::critical("{} log: {} rows could not be written and are lost", name.toStdString(),
                             rows.size());
            return;
        }
        for (const QVariantList &row : rows) {
            QJsonArray values;
            for (const QVariant &v : row)
                values.append(QJsonValue::fromVariant(v));
            file.write(QJsonDocument(values).toJson(QJsonDocument::Compact) + '\n');
        }
        spdlog::critical("{} log: {} rows could not be written to the database; saved to {} "
                         "(columns: {})",
                         name.toStdString(), rows.size(), spillFile.toStdString(),
                         columns.join(QLatin1Char(',')).toStdString());
    }
};

BatchedLogWriter::BatchedLogWriter(DbExecutor &executor, ConnectionSpec spec, Options options,
                                   QObject *parent)
    : QObject(parent)
    , m_executor(executor)
    , m_spec(std::move(spec))
    , m_options(std::move(options))
    , m_shared(std::make_shared<Shared>())
{
    m_options.batchSize = qMax(1, m_options.batchSize);
    m_options.maxQueued = qMax(m_options.batchSize, m_options.maxQueued);
    m_shared->name = m_options.name;
    m_shared->table = m_options.table;
    m_shared->columns = m_options.columns;
    m_shared->spillFile = m_options.spillFile;
    m_shared->batchSize = m_options.batchSize;
    m_timer.setInterval(qMax(10, m_options.flushIntervalMs));
    connect(&m_timer, &QTimer::timeout, this, &BatchedLogWriter::startFlush);
    m_timer.start();
}

BatchedLogWriter::~BatchedLogWriter()
{
    shutdown();
}

qint64 BatchedLogWriter::queued() const
{
    std::lock_guard lock(m_shared->mutex);
    return qint64(m_shared->queue.size());
}

bool BatchedLogWriter::append(QVariantList row)
{
    size_t size = 0;
    {
        std::lock_guard lock(m_shared->mutex);
        size = m_shared->queue.size();
        if (size < size_t(m_options.maxQueued))
            m_shared->queue.push_back(std::move(row));
    }
    if (size >= size_t(m_options.maxQueued)) {
        // Refused, never silently: counted, logged, and recorded by a gap row later.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_refused == 0)
            m_refusedFirstMs = now;
        m_refusedLastMs = now;
        ++m_refused;
        ++m_refusedTotal;
        if (!m_sinceRefusalLog.isValid() || m_sinceRefusalLog.elapsed() >= kRefusalLogEveryMs) {
            m_sinceRefusalLog.start();
            spdlog::error("{} log: queue full ({} rows waiting for the database); {} rows refused so far",
                          m_options.name.toStdString(), size, m_refusedTotal);
        }
        return false;
    }
    ++m_enqueued;
    if (size + 1 >= size_t(m_options.batchSize))
        scheduleFlush();
    return true;
}

void BatchedLogWriter::flush(std::function<void(bool)> done)
{
    if (done)
        m_waiters.append(Waiter{m_enqueued, std::move(done)});
    if (m_retryDelayMs > 0 && m_sinceFailure.isValid() && m_sinceFailure.elapsed() < m_retryDelayMs) {
        // Asked explicitly: try now rather than wait out the back-off.
        m_retryDelayMs = 0;
    }
    scheduleFlush();
    notifyWaiters(false);
}

void BatchedLogWriter::scheduleFlush()
{
    if (m_flushScheduled || m_stopped)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &BatchedLogWriter::startFlush, Qt::QueuedConnection);
}

void BatchedLogWriter::startFlush()
{
    m_flushScheduled = false;
    if (m_inFlight || m_stopped)
        return;
    if (m_retryDelayMs > 0 && m_sinceFailure.isValid() && m_sinceFailure.elapsed() < m_retryDelayMs)
        return;
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->queue.empty())
            return;
    }
    m_inFlight = true;
    struct Outcome
    {
        int rows = 0;
        bool ok = true;
        QString error;
    };
    const std::shared_ptr<Shared> shared = m_shared;
    const ConnectionSpec spec = m_spec;
    QPointer<BatchedLogWriter> self(this);
    // Log writes belong to no request.
    LogContext::Scope noRequest(std::string{});
    m_executor.submit(
        [shared, spec](QSqlDatabase &db) {
            Outcome outcome;
            std::lock_guard writing(shared->writeMutex);
            QList<QVariantList> batch = shared->take(shared->batchSize);
            outcome.rows = int(batch.size());
            if (batch.isEmpty())
                return outcome;
            try {
                DbExecutor::ensureOpen(db, spec);
                outcome.ok = shared->write(db, batch, &outcome.error);
            } catch (const ApiError &e) {
                outcome.ok = false;
                outcome.error = e.message();
            }
            if (!outcome.ok)
                shared->putBack(batch);
            return outcome;
        },
        [self](Outcome outcome) {
            if (self)
                self->onBatchDone(outcome.rows, outcome.ok, outcome.error);
        });
}

void BatchedLogWriter::onBatchDone(int rows, bool ok, const QString &error)
{
    m_inFlight = false;
    if (!ok) {
        ++m_failures;
        m_sinceFailure.start();
        m_retryDelayMs = qMin(kMaxRetryDelayMs, 1000 << qMin(m_failures - 1, 5));
        spdlog::error("{} log: writing {} rows failed ({} waiting; retrying in {} s): {}",
                      m_options.name.toStdString(), rows, queued(), m_retryDelayMs / 1000,
                      error.toStdString());
        notifyWaiters(true);
        return;
    }
    if (m_failures > 0)
        spdlog::warn("{} log: writing works again after {} failed attempts", m_options.name.toStdString(),
                     m_failures);
    m_failures = 0;
    m_retryDelayMs = 0;
    m_committed += quint64(rows);
    m_written += rows;
    if (rows > 0)
        emit committed(rows);
    if (m_refused > 0 && m_options.makeGapRow) {
        // The gap row is the trail's own record that rows are missing; it may exceed the cap.
        QVariantList gap = m_options.makeGapRow(m_refused, m_refusedFirstMs, m_refusedLastMs);
        spdlog::error("{} log: {} rows were refused between {} and {} (queue full)",
                      m_options.name.toStdString(), m_refused,
                      QDateTime::fromMSecsSinceEpoch(m_refusedFirstMs).toString(Qt::ISODate).toStdString(),
                      QDateTime::fromMSecsSinceEpoch(m_refusedLastMs).toString(Qt::ISODate).toStdString());
        m_refused = 0;
        {
            std::lock_guard lock(m_shared->mutex);
            m_shared->queue.push_back(std::move(gap));
        }
        ++m_enqueued;
    }
    notifyWaiters(false);
    if (queued() >= m_options.batchSize || !m_waiters.isEmpty())
        scheduleFlush();
}

void BatchedLogWriter::notifyWaiters(bool failed)
{
    QList<Waiter> ready;
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (failed || it->target <= m_committed) {
            ready.append(std::move(*it));
            it = m_waiters.erase(it);
        } else {
            ++it;
        }
    }
    for (Waiter &waiter : ready)
        waiter.done(!failed);
}

void BatchedLogWriter::shutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_timer.stop();
    const std::shared_ptr<Shared> shared = m_shared;
    const ConnectionSpec spec = m_spec;
    LogContext::Scope noRequest(std::string{});
    m_executor.submit(
        [shared, spec](QSqlDatabase &db) {
            std::lock_guard writing(shared->writeMutex);
            for (;;) {
                QList<QVariantList> batch = shared->take(shared->batchSize);
                if (batch.isEmpty())
                    break;
                QString error;
                bool ok = false;
                try {
                    DbExecutor::ensureOpen(db, spec);
                    ok = shared->write(db, batch, &error);
                } catch (const ApiError &e) {
                    error = e.message();
                }
                if (!ok) {
                    spdlog::error("{} log: final write failed: {}", shared->name.toStdString(),
                                  error.toStdString());
                    batch += shared->take(0);
                    shared->spill(batch);
                    break;
                }
            }
            return 0;
        },
        [](int) {});
    for (Waiter &waiter : m_waiters)
        waiter.done(false);
    m_waiters.clear();
}

bool BatchedLogWriter::insertBatch(QSqlDatabase &db, const QString &table, const QStringList &columns,
                                   const QList<QVariantList> &rows, QString *error, int *rejectedRow)
{
    if (rejectedRow)
        *rejectedRow = -1;
    QSqlQuery query(db);
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    if (!query.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"))) {
        *error = query.lastError().text();
        return false;
    }
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")));
    bool ok = query.prepare(sql);
    for (qsizetype r = 0; ok && r < rows.size(); ++r) {
        for (qsizetype i = 0; i < columns.size(); ++i)
            query.bindValue(int(i), rows.at(r).value(i));
        ok = query.exec();
        if (!ok && rejectedRow)
            *rejectedRow = int(r);
    }
    if (ok) {
        query.finish();
        ok = query.exec(QStringLiteral("COMMIT"));
    }
    if (!ok) {
        *error = query.lastError().text();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}
} // namespace gatehouse
