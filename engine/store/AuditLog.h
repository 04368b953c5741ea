#pragma once

#include <deque>
#include <functional>
#include <memory>

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include "AuditRecord.h"

namespace gatehouse {

struct Config;
class AuditFileSink;
class AuditWebhookSink;
class BatchedLogWriter;
class LogRetention;
class SystemStore;

// The audit trail: one record per request, written to the system database's `audit_log` table
// by a BatchedLogWriter (batched, off the hot path, never silently lossy) and, when configured,
// to an NDJSON file (`audit_file`) and a SIEM webhook (`audit_webhook_url`). Records older than
// `audit_retention_days` are pruned in the background. Lives on the engine's event loop.
class AuditLog : public QObject
{
    Q_OBJECT
public:
    AuditLog(SystemStore &store, const Config &config, QObject *parent = nullptr);
    ~AuditLog() override;

    // Event loop, O(1) (the sinks get the record on the next tick).
    void record(AuditRecord record);
    // `done(ok)` once every record so far is in the database (and handed to the sinks).
    void flush(std::function<void(bool ok)> done);
    // Engine shutdown, first step, while the engine is still whole: gives the webhook up to 3 s
    // for what is queued. It spins a local event loop, so it must run before anything is torn
    // down (and only when a webhook is configured and has records waiting).
    void drainSinks();
    // Engine shutdown, before the system store closes: hands everything to the sinks, waits for
    // the file and queues the last database write (which the store's executor runs before it
    // stops). Runs no event loop.
    void shutdown();

    BatchedLogWriter &writer() { return *m_writer; }
    AuditWebhookSink *webhook() { return m_webhook; }

    // The row the writer adds when its queue was full (see BatchedLogWriter).
    static AuditRecord gapRecord(qint64 count, qint64 firstMs, qint64 lastMs);

private:
    void feedSinks();

    SystemStore &m_store;
    int m_retentionDays = 0;
    std::unique_ptr<BatchedLogWriter> m_writer;
    std::unique_ptr<AuditFileSink> m_file;
    AuditWebhookSink *m_webhook = nullptr;
    std::deque<AuditRecord> m_forSinks;
    QTimer m_sinkTimer;
    LogRetention *m_retention = nullptr;
    bool m_stopped = false;
};
} // namespace gatehouse
