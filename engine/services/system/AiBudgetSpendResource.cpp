#include "AiBudgetSpendResource.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include "core/ApiError.h"
#include "security/AiBudgetLedger.h"
#include "security/AiBudgetSpend.h"
#include "services/RequestContext.h"
#include "store/AuditRecord.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
ApiError readFailure(const QSqlQuery &query)
{
    spdlog::error("ai budget spend: reading failed: {}", query.lastError().text().toStdString());
    return ApiError(500, QStringLiteral("The budgets' spend could not be read."));
}

Json spendOf(QSqlDatabase &db, qint64 nowMs)
{
    QSqlQuery budgets(db);
    budgets.setForwardOnly(true);
    if (!budgets.exec(QStringLiteral("SELECT id, name, dimension, target_id, period, limit_amount, "
                                     "hard_stop, is_active FROM ai_budget ORDER BY id")))
        throw readFailure(budgets);
    Json rows = Json::array();
    while (budgets.next()) {
        const QString dimension = budgets.value(2).toString();
        const QString period = budgets.value(4).toString();
        const double limit = budgets.value(5).toDouble();
        const qint64 start = AiBudgetLedger::periodStart(period, nowMs);
        const qint64 end = AiBudgetLedger::periodEnd(period, nowMs);
        Json row{
            {"id", budgets.value(0).toLongLong()},
            {"name", budgets.value(1).toString().toStdString()},
            {"dimension", dimension.toStdString()},
            {"target_id", budgets.value(3).isNull() ? Json(nullptr) : Json(budgets.value(3).toLongLong())},
            {"period", period.toStdString()},
            {"limit_amount", limit},
            {"hard_stop", budgets.value(6).toBool()},
            {"is_active", budgets.value(7).toBool()},
            {"period_start", AuditRecord::timeText(start).toStdString()},
            {"period_end", AuditRecord::timeText(end).toStdString()}};
        const QString column = AiBudgetSpend::usageColumn(dimension);
        double spent = 0; // a target-less non-global budget charges nothing
        if (column.isEmpty() || !budgets.value(3).isNull()) {
            const std::optional<double> settled =
                AiBudgetSpend::settled(db, column, budgets.value(3).toLongLong(), start, end);
            if (!settled)
                throw ApiError(500, QStringLiteral("The budgets' spend could not be read."));
            spent = *settled;
        }
        row["spent"] = spent;
        row["utilisation"] = limit > 0 ? spent / limit : 0.0;
        rows.push_back(std::move(row));
    }
    return rows;
}
} // namespace

AiBudgetSpendResource::AiBudgetSpendResource(SystemStore &store)
    : m_store(store)
{
}

void AiBudgetSpendResource::handle(std::shared_ptr<const RequestContext> context,
                                   Service::Completion done) const
{
    if (context->verb != VerbGet)
        throw ApiError::methodNotAllowed(QStringLiteral("The budgets' spend is read-only."));
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    m_store.submitRead(
        [nowMs](QSqlDatabase &db) {
            Json rows = spendOf(db, nowMs);
            return HttpResponse::json(
                Json{{"as_of", AuditRecord::timeText(nowMs).toStdString()}, {"resource", std::move(rows)}});
        },
        std::move(done));
}
} // namespace gatehouse
