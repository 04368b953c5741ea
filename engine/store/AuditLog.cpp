#include "AuditLog.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QDir>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>

#include "AuditFileSink.h"
#include "AuditWebhookSink.h"
#include "BatchedLogWriter.h"
#include "DbExecutor.h"
#include "LogRetention.h"
#include "SystemStore.h"
#include "core/ApiError.h"
#include "core/Config.h"

namespace gatehouse {
namespace {
constexpr int kPruneEveryMs = 3600 * 1000;
constexpr int kWebhookDrainMs = 3000;
} // namespace

AuditLog::AuditLog(SystemStore &store, const Config &config, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_retentionDays(config.auditRetentionDays)
{
    BatchedLogWriter::Options options;
    options.name = QStringLiteral("audit");
    options.table = QStringLiteral("audit_log");
    options.columns = AuditRecord::columns();
    options.flushIntervalMs = config.auditFlushMs;
    options.batchSize = config.auditBatchSize;
    options.maxQueued = config.auditQueueMax;
    options.spillFile = QDir(config.dataDir).filePath(QStringLiteral("audit-unsaved.ndjson"));
    options.makeGapRow = [](qint64 count, qint64 firstMs, qint64 lastMs) {
        return gapRecord(count, firstMs, lastMs).toRow();
    };
    m_writer = std::make_unique<BatchedLogWriter>(store.executor(), store.connectionSpec(), options);

    if (!config.auditFile.isEmpty()) {
        const QString path = QDir(config.dataDir).absoluteFilePath(config.auditFile);
        m_file = std::make_unique<AuditFileSink>(path, config.auditFileMaxBytes, config.auditFileKeep);
        spdlog::info("audit records also go to {}", path.toStdString());
    }
    if (!config.auditWebhookUrl.isEmpty()) {
        m_webhook = new AuditWebhookSink(QUrl(config.auditWebhookUrl), this);
        spdlog::info("audit records are also sent to a webhook");
    }
    m_sinkTimer.setInterval(qMax(10, config.auditFlushMs));
    connect(&m_sinkTimer, &QTimer::timeout, this, &AuditLog::feedSinks);
    if (m_file || m_webhook)
        m_sinkTimer.start();

    m_retention = new LogRetention(store, QStringLiteral("audit_log"), m_retentionDays, kPruneEveryMs, this);
}

AuditLog::~AuditLog()
{
    shutdown();
}

void AuditLog::record(AuditRecord record)
{
    if (m_stopped) {
        spdlog::error("audit: a record arrived after shutdown (request {}); it is not stored",
                      record.requestId.toStdString());
        return;
    }
    m_writer->append(record.toRow());
    if (m_file || m_webhook)
        m_forSinks.push_back(std::move(record));
}

void AuditLog::feedSinks()
{
    if (m_forSinks.empty())
        return;
    std::deque<AuditRecord> records;
    records.swap(m_forSinks);
    std::deque<Json> documents;
    for (const AuditRecord &record : records)
        documents.push_back(record.toEcs());
    if (m_file) {
        QByteArrayList lines;
        lines.reserve(qsizetype(documents.size()));
        for (const Json &doc : documents)
            lines.append(dumpJson(doc));
        m_file->write(std::move(lines));
    }
    if (m_webhook)
        m_webhook->send(std::move(documents));
}

void AuditLog::flush(std::function<void(bool)> done)
{
    feedSinks();
    if (m_file)
        m_file->waitForWritten();
    m_writer->flush(std::move(done));
}

void AuditLog::shutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_sinkTimer.stop();
    m_retention->stop();
    feedSinks();
    if (m_file)
        m_file->waitForWritten();
    if (m_webhook && m_webhook->queued() > 0)
        // No event loop may run here (the engine is half torn down): drainSinks() had its chance.
        spdlog::error("audit webhook: {} records not delivered at shutdown (the database copy is kept)",
                      m_webhook->queued());
    m_writer->shutdown();
    spdlog::info("audit: shutting down; {} records written, {} in the last batch", m_writer->written(),
                 m_writer->queued());
}

void AuditLog::drainSinks()
{
    if (m_stopped || !m_webhook)
        return;
    feedSinks();
    m_webhook->drain(kWebhookDrainMs);
}

AuditRecord AuditLog::gapRecord(qint64 count, qint64 firstMs, qint64 lastMs)
{
    AuditRecord record;
    record.event = QStringLiteral("audit_gap");
    record.timeMs = firstMs;
    record.durationMs = lastMs - firstMs;
    record.status = 0;
    record.params = Json{{"refused_records", count},
                         {"first", AuditRecord::timeText(firstMs).toStdString()},
                         {"last", AuditRecord::timeText(lastMs).toStdString()}};
    record.errorMessage =
        QStringLiteral("%1 audit records were refused because the audit queue was full").arg(count);
    return record;
}
} // namespace gatehouse
