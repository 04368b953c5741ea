#include "AiBudgetSpend.h"

#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "store/AuditRecord.h"

namespace gatehouse {

QString AiBudgetSpend::usageColumn(const QString &dimension)
{
    if (dimension == QLatin1String("service"))
        return QStringLiteral("service_id");
    if (dimension == QLatin1String("user"))
        return QStringLiteral("user_id");
    if (dimension == QLatin1String("role"))
        return QStringLiteral("role_id");
    if (dimension == QLatin1String("app"))
        return QStringLiteral("app_id");
    return {};
}

std::optional<double> AiBudgetSpend::settled(QSqlDatabase &db, const QString &column, qint64 value,
                                             qint64 fromMs, qint64 toMs)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QString sql = QStringLiteral(
        "SELECT COALESCE(SUM(cost), 0) FROM ai_usage_log WHERE created_date >= ? AND created_date < ?");
    // `column` is one of usageColumn's fixed names, never request text.
    if (!column.isEmpty())
        sql += QStringLiteral(" AND ") + column + QStringLiteral(" = ?");
    query.prepare(sql);
    query.addBindValue(AuditRecord::timeText(fromMs));
    query.addBindValue(AuditRecord::timeText(toMs));
    if (!column.isEmpty())
        query.addBindValue(QVariant::fromValue<qlonglong>(value));
    if (!query.exec() || !query.next()) {
        spdlog::error("ai budgets: summing the usage log failed: {}", query.lastError().text().toStdString());
        return std::nullopt;
    }
    return query.value(0).toDouble();
}
} // namespace gatehouse
