#pragma once

#include <optional>

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace gatehouse {

// One active row of `ai_budget` (/system/ai_budget), as the AccessSnapshot carries it.
struct AiBudget
{
    qint64 id = 0;
    QString name;
    QString dimension; // global | service | user | role | app
    std::optional<qint64> targetId;
    QString period; // hourly | daily | monthly
    double limit = 0;
    bool hardStop = true;
    QString alertWebhookUrl;

    static const QStringList &dimensions();
    static const QStringList &periods();
    // Active budgets; worker side (AccessSnapshot rebuild). Throws ApiError when unreadable.
    static QList<AiBudget> loadAll(QSqlDatabase &db);
};
} // namespace gatehouse
