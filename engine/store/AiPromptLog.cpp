#include "AiPromptLog.h"

#include <spdlog/spdlog.h>

#include <QDir>

#include "BatchedLogWriter.h"
#include "LogRetention.h"
#include "SystemStore.h"
#include "core/Config.h"

namespace gatehouse {
namespace {
constexpr int kPruneEveryMs = 24 * 3600 * 1000;
} // namespace

AiPromptLog::AiPromptLog(SystemStore &store, const Config &config, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_retentionDays(config.aiPromptRetentionDays)
{
    BatchedLogWriter::Options options;
    options.name = QStringLiteral("ai prompts");
    options.table = QStringLiteral("ai_prompt_log");
    options.columns = AiPromptRecord::columns();
    options.flushIntervalMs = config.auditFlushMs;
    // Prompts are large: smaller batches keep each transaction short.
    options.batchSize = qMin(config.auditBatchSize, 100);
    options.maxQueued = qMin(config.auditQueueMax, 10000);
    options.spillFile = QDir(config.dataDir).filePath(QStringLiteral("ai-prompts-unsaved.ndjson"));
    options.makeGapRow = [](qint64 count, qint64 firstMs, qint64) {
        AiPromptRecord gap;
        gap.timeMs = firstMs;
        gap.model = QStringLiteral("prompt_gap");
        gap.response =
            QStringLiteral("%1 prompt rows were refused because the prompt log queue was full").arg(count);
        return gap.toRow();
    };
    m_writer = std::make_unique<BatchedLogWriter>(store.executor(), store.connectionSpec(), options);
    m_retention =
        new LogRetention(store, QStringLiteral("ai_prompt_log"), m_retentionDays, kPruneEveryMs, this);
}

AiPromptLog::~AiPromptLog()
{
    shutdown();
}

void AiPromptLog::record(AiPromptRecord record)
{
    if (m_stopped) {
        spdlog::error("ai prompts: a row arrived after shutdown (request {}); it is not stored",
                      record.requestId.toStdString());
        return;
    }
    m_writer->append(record.toRow());
}

void AiPromptLog::flush(std::function<void(bool)> done)
{
    m_writer->flush(std::move(done));
}

void AiPromptLog::shutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_retention->stop();
    m_writer->shutdown();
}

} // namespace gatehouse
