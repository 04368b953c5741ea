#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include "AiPromptRecord.h"

namespace gatehouse {

struct Config;
class BatchedLogWriter;
class LogRetention;
class SystemStore;

// The opt-in AI prompt log (`ai_prompt_log`): redacted prompts and responses, batched like the
// usage log, pruned after `ai_prompt_retention_days`. The caller decides whether a connection
// logs prompts and redacts them (PiiRedactor) before record().
class AiPromptLog : public QObject
{
    Q_OBJECT
public:
    AiPromptLog(SystemStore &store, const Config &config, QObject *parent = nullptr);
    ~AiPromptLog() override;

    void record(AiPromptRecord record);
    void flush(std::function<void(bool ok)> done);
    void shutdown();

    BatchedLogWriter &writer() { return *m_writer; }

private:
    SystemStore &m_store;
    int m_retentionDays = 0;
    std::unique_ptr<BatchedLogWriter> m_writer;
    LogRetention *m_retention = nullptr;
    bool m_stopped = false;
};
} // namespace gatehouse
