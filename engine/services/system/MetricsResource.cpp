#include "MetricsResource.h"

#include <cmath>
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include "core/ApiError.h"
#include "security/AiBudget.h"
#include "security/AiBudgetLedger.h"
#include "security/AiBudgetSpend.h"
#include "services/RequestContext.h"
#include "store/AuditRecord.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {

constexpr int kTopLimit = 10;
constexpr int kModelLimit = 20;

struct RangeSpec
{
    qint64 spanMs;
    qint64 bucketMs;
    int prefix; // characters of the stored timestamp that name a bucket
};

// 60 one-minute points for an hour, 144 ten-minute points for a day, 168 hourly points for a
// week and 30 daily points for a month: enough to read a trend, few enough to draw.
RangeSpec rangeSpec(const QString &range)
{
    constexpr qint64 minute = 60 * 1000;
    if (range == QLatin1String("24h"))
        return {24 * 60 * minute, 10 * minute, 15};
    if (range == QLatin1String("7d"))
        return {7 * 24 * 60 * minute, 60 * minute, 13};
    if (range == QLatin1String("30d"))
        return {30 * 24 * 60 * minute, 24 * 60 * minute, 10};
    return {60 * minute, minute, 16};
}

QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        spdlog::error("metrics query failed to prepare: {}", query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The metrics could not be read."));
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        spdlog::error("metrics query failed: {}", query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The metrics could not be read."));
    }
    return query;
}

// SUM() is DECIMAL on MySQL and NUMERIC on PostgreSQL; both arrive as text.
qint64 integer(const QVariant &value)
{
    return value.isNull() ? 0 : std::llround(value.toDouble());
}

double number(const QVariant &value)
{
    return value.isNull() ? 0.0 : value.toDouble();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

// The bucket a stored timestamp prefix names, as milliseconds since the epoch.
qint64 bucketStart(const QString &key)
{
    QString text = key;
    // "yyyy-MM-dd HH:m" (ten minutes) needs its last minute digit back.
    if (text.size() == 15)
        text += QLatin1Char('0');
    const QString full = QString(text + QStringLiteral("0000-00-00 00:00:00").mid(text.size())).left(19);
    // Date and time parsed apart and put together in UTC: parsing the whole text would read
    // it as local time, which has gaps at daylight-saving changes.
    const QDate date = QDate::fromString(full.left(10), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(full.mid(11), QStringLiteral("HH:mm:ss"));
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
}

// The nearest-rank percentile of duration_ms in the window, exactly, by letting the database
// sort: SQLite and MySQL have no PERCENTILE_CONT, and this moves one row instead of the
// window's durations.
qint64 percentile(QSqlDatabase &db, const QString &from, qint64 count, double fraction)
{
    if (count <= 0)
        return 0;
    const qint64 rank = std::max<qint64>(1, static_cast<qint64>(std::ceil(fraction * count)));
    QSqlQuery query = run(db,
                          QStringLiteral("SELECT duration_ms FROM audit_log WHERE event = ? AND "
                                         "created_date >= ? ORDER BY duration_ms LIMIT ? OFFSET ?"),
                          {QStringLiteral("request"), from, QVariant::fromValue<qlonglong>(1),
                           QVariant::fromValue<qlonglong>(rank - 1)});
    return query.next() ? integer(query.value(0)) : 0;
}

} // namespace

MetricsResource::MetricsResource(SystemStore &store)
    : m_store(store)
{
}

const QStringList &MetricsResource::ranges()
{
    static const QStringList list{QStringLiteral("1h"), QStringLiteral("24h"), QStringLiteral("7d"),
                                  QStringLiteral("30d")};
    return list;
}

void MetricsResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                             Service::Completion done) const
{
    if (context->verb != VerbGet)
        throw ApiError::methodNotAllowed(QStringLiteral("The metrics are read-only; use GET."));
    if (!path.isEmpty())
        throw ApiError::notFound(QStringLiteral("Resource 'metrics/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    const QString range = context->param(QStringLiteral("range"), QStringLiteral("1h")).trimmed().toLower();
    if (!ranges().contains(range))
        throw ApiError::badRequest(
            QStringLiteral("Parameter 'range' must be one of %1.").arg(ranges().join(QStringLiteral(", "))));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_store.submitRead([range, now](QSqlDatabase &db) { return HttpResponse::json(compute(db, range, now)); },
                       std::move(done));
}

Json MetricsResource::compute(QSqlDatabase &db, const QString &range, qint64 nowMs)
{
    const RangeSpec spec = rangeSpec(range);
    const qint64 fromMs = nowMs - spec.spanMs;
    const QString from = AuditRecord::timeText(fromMs);
    const QString request = QStringLiteral("request");
    // The prefix length comes from the fixed table above, never from the request.
    const QString bucket = QStringLiteral("SUBSTR(created_date, 1, %1)").arg(spec.prefix);

    // Requests per bucket; empty buckets are filled in below so a chart has every point.
    QHash<qint64, Json> buckets;
    qint64 total = 0, errors = 0, serverErrors = 0, durationSum = 0;
    {
        QSqlQuery query =
            run(db,
                QStringLiteral("SELECT %1, COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), "
                               "SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END), SUM(duration_ms) "
                               "FROM audit_log WHERE event = ? AND created_date >= ? GROUP BY %1")
                    .arg(bucket),
                {request, from});
        while (query.next()) {
            const qint64 count = integer(query.value(1));
            const qint64 durations = integer(query.value(4));
            buckets.insert(bucketStart(query.value(0).toString()),
                           Json{{"requests", count},
                                {"errors", integer(query.value(2))},
                                {"server_errors", integer(query.value(3))},
                                {"avg_ms", count > 0 ? durations / count : 0}});
            total += count;
            errors += integer(query.value(2));
            serverErrors += integer(query.value(3));
            durationSum += durations;
        }
    }
    Json series = Json::array();
    const qint64 firstBucket = bucketStart(from.left(spec.prefix));
    for (qint64 at = firstBucket; at <= nowMs; at += spec.bucketMs) {
        // Days and months are not multiples of a fixed step in local time, but the stored
        // times are UTC, where they are.
        Json point =
            buckets.value(at, Json{{"requests", 0}, {"errors", 0}, {"server_errors", 0}, {"avg_ms", 0}});
        point["time"] = isoTime(at);
        series.push_back(std::move(point));
    }

    Json topServices = Json::array();
    {
        QSqlQuery query =
            run(db,
                QStringLiteral("SELECT service, COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 "
                               "END) FROM audit_log WHERE event = ? AND created_date >= ? GROUP BY "
                               "service ORDER BY COUNT(*) DESC, service LIMIT ?"),
                {request, from, kTopLimit});
        while (query.next())
            topServices.push_back(Json{{"service", query.value(0).toString()},
                                       {"requests", integer(query.value(1))},
                                       {"errors", integer(query.value(2))}});
    }
    Json topUsers = Json::array();
    {
        QSqlQuery query =
            run(db,
                QStringLiteral("SELECT user_email, COUNT(*) FROM audit_log WHERE event = ? AND "
                               "created_date >= ? AND user_email IS NOT NULL GROUP BY user_email "
                               "ORDER BY COUNT(*) DESC, user_email LIMIT ?"),
                {request, from, kTopLimit});
        while (query.next())
            topUsers.push_back(
                Json{{"user_email", query.value(0).toString()}, {"requests", integer(query.value(1))}});
    }

    Json models = Json::array();
    qint64 calls = 0, inputTokens = 0, outputTokens = 0;
    double cost = 0;
    {
        QSqlQuery query =
            run(db,
                QStringLiteral("SELECT model, COUNT(*), SUM(input_tokens), SUM(output_tokens), "
                               "SUM(cost) FROM ai_usage_log WHERE created_date >= ? GROUP BY model "
                               "ORDER BY SUM(input_tokens) + SUM(output_tokens) DESC, model"),
                {from});
        while (query.next()) {
            calls += integer(query.value(1));
            inputTokens += integer(query.value(2));
            outputTokens += integer(query.value(3));
            cost += number(query.value(4));
            if (models.size() < kModelLimit)
                models.push_back(Json{{"model", query.value(0).toString()},
                                      {"calls", integer(query.value(1))},
                                      {"input_tokens", integer(query.value(2))},
                                      {"output_tokens", integer(query.value(3))},
                                      {"cost", number(query.value(4))}});
        }
    }

    // Each active budget against its own current period (not the dashboard's range): that is
    // what decides whether the next call is refused.
    Json budgets = Json::array();
    for (const AiBudget &budget : AiBudget::loadAll(db)) {
        const qint64 start = AiBudgetLedger::periodStart(budget.period, nowMs);
        const QString column = AiBudgetSpend::usageColumn(budget.dimension);
        if (!column.isEmpty() && !budget.targetId)
            continue; // a dimension budget without a target matches nothing
        const std::optional<double> settled = AiBudgetSpend::settled(
            db, column, budget.targetId.value_or(0), start, AiBudgetLedger::periodEnd(budget.period, nowMs));
        if (!settled)
            throw ApiError(500, QStringLiteral("The metrics could not be read."));
        const double spent = *settled;
        budgets.push_back(Json{{"id", budget.id},
                               {"name", budget.name},
                               {"dimension", budget.dimension},
                               {"target_id", budget.targetId ? Json(*budget.targetId) : Json(nullptr)},
                               {"period", budget.period},
                               {"period_start", isoTime(start)},
                               {"limit", budget.limit},
                               {"spent", spent},
                               {"utilisation", budget.limit > 0 ? spent / budget.limit : 0.0}});
    }

    return Json{
        {"range", range},
        {"from", isoTime(fromMs)},
        {"to", isoTime(nowMs)},
        {"bucket_seconds", spec.bucketMs / 1000},
        {"requests", Json{{"total", total},
                          {"errors", errors},
                          {"server_errors", serverErrors},
                          {"error_rate", total > 0 ? double(errors) / double(total) : 0.0},
                          {"server_error_rate", total > 0 ? double(serverErrors) / double(total) : 0.0},
                          {"avg_ms", total > 0 ? durationSum / total : 0},
                          {"p50_ms", percentile(db, from, total, 0.50)},
                          {"p95_ms", percentile(db, from, total, 0.95)}}},
        {"series", std::move(series)},
        {"top_services", std::move(topServices)},
        {"top_users", std::move(topUsers)},
        {"ai", Json{{"calls", calls},
                    {"cost", cost},
                    {"input_tokens", inputTokens},
                    {"output_tokens", outputTokens},
                    {"models", std::move(models)},
                    {"budgets", std::move(budgets)}}}};
}
} // namespace gatehouse
