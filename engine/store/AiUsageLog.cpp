#include "AiUsageLog.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QDir>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>

#include "AuditRecord.h"
#include "BatchedLogWriter.h"
#include "DbExecutor.h"
#include "LogRetention.h"
#include "SystemStore.h"
#include "core/ApiError.h"
#include "core/Config.h"

namespace gatehouse {
namespace {
constexpr int kPruneEveryMs = 24 * 3600 * 1000;
constexpr int kTopRows = 100;

QVariant idValue(qint64 id)
{
    return QVariant::fromValue<qlonglong>(id);
}

// Runs `sql` with the period (and the service, when one is asked for) bound; the caller's SQL
// ends with the WHERE condition's placeholder list in that order.
bool runScoped(QSqlQuery &query, const QString &sql, const QString &since, const QString &until,
               qint64 serviceId)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    query.addBindValue(since);
    query.addBindValue(until);
    if (serviceId > 0)
        query.addBindValue(idValue(serviceId));
    return query.exec();
}
} // namespace

AiUsageLog::AiUsageLog(SystemStore &store, const Config &config, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_retentionDays(config.aiUsageRetentionDays)
{
    BatchedLogWriter::Options options;
    options.name = QStringLiteral("ai usage");
    options.table = QStringLiteral("ai_usage_log");
    options.columns = AiUsageRecord::columns();
    options.flushIntervalMs = config.auditFlushMs;
    options.batchSize = config.auditBatchSize;
    options.maxQueued = config.auditQueueMax;
    options.spillFile = QDir(config.dataDir).filePath(QStringLiteral("ai-usage-unsaved.ndjson"));
    options.makeGapRow = [](qint64 count, qint64 firstMs, qint64 lastMs) {
        AiUsageRecord gap;
        gap.timeMs = firstMs;
        gap.status = QStringLiteral("error");
        gap.endpoint = QStringLiteral("usage_gap");
        gap.latencyMs = lastMs - firstMs;
        gap.errorMessage =
            QStringLiteral("%1 usage rows were refused because the usage log queue was full").arg(count);
        return gap.toRow();
    };
    m_writer = std::make_unique<BatchedLogWriter>(store.executor(), store.connectionSpec(), options);
    m_retention =
        new LogRetention(store, QStringLiteral("ai_usage_log"), m_retentionDays, kPruneEveryMs, this);
}

AiUsageLog::~AiUsageLog()
{
    shutdown();
}

void AiUsageLog::record(AiUsageRecord record)
{
    if (m_stopped) {
        spdlog::error("ai usage: a row arrived after shutdown (request {}); it is not stored",
                      record.requestId.toStdString());
        return;
    }
    m_writer->append(record.toRow());
}

void AiUsageLog::flush(std::function<void(bool)> done)
{
    m_writer->flush(std::move(done));
}

void AiUsageLog::shutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_retention->stop();
    m_writer->shutdown();
}

void AiUsageLog::summary(qint64 serviceId, qint64 sinceMs, std::function<void(Json)> done)
{
    const ConnectionSpec spec = m_store.connectionSpec();
    const qint64 untilMs = QDateTime::currentMSecsSinceEpoch();
    m_store.executor().submit(
        [spec, serviceId, sinceMs, untilMs](QSqlDatabase &db) -> Json {
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &error) {
                return Json{{"error", error.message()}};
            }
            return summarize(db, serviceId, sinceMs, untilMs);
        },
        std::move(done));
}

qint64 AiUsageLog::periodMs(const QString &period)
{
    const QString p = period.trimmed().toLower();
    if (p == QLatin1String("24h"))
        return qint64(24) * 3600 * 1000;
    if (p == QLatin1String("7d"))
        return qint64(7) * 86400 * 1000;
    if (p == QLatin1String("30d"))
        return qint64(30) * 86400 * 1000;
    if (p == QLatin1String("90d"))
        return qint64(90) * 86400 * 1000;
    return 0;
}

Json AiUsageLog::summarize(QSqlDatabase &db, qint64 serviceId, qint64 sinceMs, qint64 untilMs)
{
    const QString since = AuditRecord::timeText(sinceMs);
    // Inclusive of rows written in the same millisecond.
    const QString until = AuditRecord::timeText(untilMs + 1);
    const QString where = QStringLiteral(" WHERE created_date >= ? AND created_date < ?") +
                          (serviceId > 0 ? QStringLiteral(" AND service_id = ?") : QString());
    const QString sums =
        QStringLiteral("COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
                       "COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(cost), 0), "
                       "COALESCE(SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), 0)");
    auto fail = [](const QSqlQuery &query) {
        spdlog::error("ai usage: summary failed: {}", query.lastError().text().toStdString());
        return Json{{"error", "The usage log could not be read."}};
    };

    Json out = Json::object();
    out["period"] = Json{{"from", AuditRecord::timeText(sinceMs)}, {"to", AuditRecord::timeText(untilMs)}};
    if (serviceId > 0)
        out["service_id"] = serviceId;

    QSqlQuery query(db);
    if (!runScoped(query,
                   QStringLiteral("SELECT ") + sums + QStringLiteral(", AVG(latency_ms) FROM ai_usage_log") +
                       where,
                   since, until, serviceId) ||
        !query.next())
        return fail(query);
    out["totals"] = Json{{"requests", query.value(0).toLongLong()},
                         {"input_tokens", query.value(1).toLongLong()},
                         {"output_tokens", query.value(2).toLongLong()},
                         {"cached_input_tokens", query.value(3).toLongLong()},
                         {"cost", query.value(4).toDouble()},
                         {"errors", query.value(5).toLongLong()}};
    out["avg_latency_ms"] = query.value(6).isNull() ? 0.0 : query.value(6).toDouble();
    query.finish();

    auto group = [&](const QString &column, const char *key, Json &list) {
        if (!runScoped(query,
                       QStringLiteral("SELECT ") + column + QStringLiteral(", ") + sums +
                           QStringLiteral(" FROM ai_usage_log") + where + QStringLiteral(" GROUP BY ") +
                           column + QStringLiteral(" ORDER BY 6 DESC, 2 DESC LIMIT %1").arg(kTopRows),
                       since, until, serviceId))
            return false;
        list = Json::array();
        while (query.next()) {
            Json entry{{"requests", query.value(1).toLongLong()},
                       {"input_tokens", query.value(2).toLongLong()},
                       {"output_tokens", query.value(3).toLongLong()},
                       {"cached_input_tokens", query.value(4).toLongLong()},
                       {"cost", query.value(5).toDouble()},
                       {"errors", query.value(6).toLongLong()}};
            entry[key] = variantToJson(query.value(0));
            list.push_back(std::move(entry));
        }
        query.finish();
        return true;
    };
    Json byModel;
    Json byUser;
    if (!group(QStringLiteral("model"), "model", byModel) ||
        !group(QStringLiteral("user_id"), "user_id", byUser))
        return fail(query);
    out["by_model"] = std::move(byModel);
    out["by_user"] = std::move(byUser);

    // The most frequent errors, for the dashboard's error panel.
    if (!runScoped(
            query,
            QStringLiteral("SELECT http_status, COALESCE(error_message, ''), COUNT(*) FROM ai_usage_log") +
                where +
                QStringLiteral(" AND status = 'error' GROUP BY http_status, COALESCE(error_message, '') "
                               "ORDER BY 3 DESC LIMIT 20"),
            since, until, serviceId))
        return fail(query);
    Json errors = Json::array();
    while (query.next())
        errors.push_back(Json{{"http_status", query.value(0).toInt()},
                              {"error_message", query.value(1).toString()},
                              {"count", query.value(2).toLongLong()}});
    out["errors"] = std::move(errors);
    return out;
}

} // namespace gatehouse
