#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include "AiUsageRecord.h"
#include "core/Json.h"

namespace gatehouse {

struct Config;
class BatchedLogWriter;
class LogRetention;
class SystemStore;

// The AI usage log: one row per attempt in `ai_usage_log`, written by a BatchedLogWriter
// (batched, off the hot path, never silently lossy), pruned in the background after
// `ai_usage_retention_days`. Lives on the engine's event loop.
class AiUsageLog : public QObject
{
    Q_OBJECT
public:
    AiUsageLog(SystemStore &store, const Config &config, QObject *parent = nullptr);
    ~AiUsageLog() override;

    // Event loop, O(1).
    void record(AiUsageRecord record);
    // `done(ok)` once every row so far is in the database.
    void flush(std::function<void(bool ok)> done);
    // Engine shutdown, before the system store closes: queues the last write.
    void shutdown();

    // Usage since `sinceMs` (ms since the epoch) for one service (`serviceId` <= 0: every
    // service), read on the system database's executor; `done` runs on the event loop with
    // {period, totals, by_model, by_user, avg_latency_ms, errors}, or {"error": text} when the
    // database cannot be read.
    void summary(qint64 serviceId, qint64 sinceMs, std::function<void(Json)> done);
    // The `usage?period=` values: "24h", "7d", "30d", "90d" -> their length in ms; 0 for
    // anything else.
    static qint64 periodMs(const QString &period);
    // Worker side of summary().
    static Json summarize(QSqlDatabase &db, qint64 serviceId, qint64 sinceMs, qint64 untilMs);

    BatchedLogWriter &writer() { return *m_writer; }

private:
    SystemStore &m_store;
    int m_retentionDays = 0;
    std::unique_ptr<BatchedLogWriter> m_writer;
    LogRetention *m_retention = nullptr;
    bool m_stopped = false;
};
} // namespace gatehouse
