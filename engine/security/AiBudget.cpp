#include "AiBudget.h"

#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include "core/ApiError.h"

namespace gatehouse {

const QStringList &AiBudget::dimensions()
{
    static const QStringList list{QStringLiteral("global"), QStringLiteral("service"), QStringLiteral("user"),
                                  QStringLiteral("role"), QStringLiteral("app")};
    return list;
}

const QStringList &AiBudget::periods()
{
    static const QStringList list{QStringLiteral("hourly"), QStringLiteral("daily"),
                                  QStringLiteral("monthly")};
    return list;
}

QList<AiBudget> AiBudget::loadAll(QSqlDatabase &db)
{
    QList<AiBudget> list;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, name, dimension, target_id, period, limit_amount, hard_stop, "
                                   "alert_webhook_url FROM ai_budget WHERE is_active = 1 ORDER BY id"))) {
        spdlog::error("loading AI budgets failed: {}", query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    while (query.next()) {
        AiBudget budget;
        budget.id = query.value(0).toLongLong();
        budget.name = query.value(1).toString();
        budget.dimension = query.value(2).toString();
        if (!query.value(3).isNull())
            budget.targetId = query.value(3).toLongLong();
        budget.period = query.value(4).toString();
        budget.limit = query.value(5).toDouble();
        budget.hardStop = query.value(6).toInt() != 0;
        budget.alertWebhookUrl = query.value(7).toString();
        if (dimensions().contains(budget.dimension) && periods().contains(budget.period) && budget.limit > 0)
            list.append(std::move(budget));
    }
    return list;
}
} // namespace gatehouse
