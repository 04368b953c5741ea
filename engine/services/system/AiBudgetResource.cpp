#include "AiBudgetResource.h"

#include <QSqlQuery>
#include <QUrl>

#include "security/AiBudget.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {
QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()).trimmed() : QString();
}

// The table a dimension's target_id points at.
QString targetTable(const QString &dimension)
{
    if (dimension == QLatin1String("service"))
        return QStringLiteral("service");
    if (dimension == QLatin1String("user"))
        return QStringLiteral("\"user\"");
    if (dimension == QLatin1String("role"))
        return QStringLiteral("role");
    if (dimension == QLatin1String("app"))
        return QStringLiteral("app");
    return {};
}
} // namespace

AiBudgetResource::AiBudgetResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("ai_budget"), QStringLiteral("ai_budget"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 255},
                         {QStringLiteral("dimension"), FieldType::String, true, true, false, 16},
                         {QStringLiteral("target_id"), FieldType::Integer, true, false, true},
                         {QStringLiteral("period"), FieldType::String, true, true, false, 16},
                         {QStringLiteral("limit_amount"), FieldType::Number, true, true, false},
                         {QStringLiteral("hard_stop"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("alert_webhook_url"), FieldType::String, true, false, true, 2048},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QStringList AiBudgetResource::uniqueFields() const
{
    return {QStringLiteral("name")};
}

void AiBudgetResource::prepare(Item &item, Operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("name")) {
        const QString name = text(record["name"]);
        if (name.isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'name' can not be empty."));
        record["name"] = name;
    }
    if (record.contains("dimension")) {
        const QString dimension = text(record["dimension"]).toLower();
        if (!AiBudget::dimensions().contains(dimension))
            throw ApiError::badRequest(QStringLiteral("Field 'dimension' must be one of %1.")
                                           .arg(AiBudget::dimensions().join(QStringLiteral(", "))));
        record["dimension"] = dimension;
    }
    if (record.contains("period")) {
        const QString period = text(record["period"]).toLower();
        if (!AiBudget::periods().contains(period))
            throw ApiError::badRequest(QStringLiteral("Field 'period' must be one of %1.")
                                           .arg(AiBudget::periods().join(QStringLiteral(", "))));
        record["period"] = period;
    }
    if (record.contains("limit_amount")) {
        const double limit =
            toColumnValue(QStringLiteral("limit_amount"), FieldType::Number, record["limit_amount"])
                .toDouble();
        if (!(limit > 0) || limit > 1e12)
            throw ApiError::badRequest(
                QStringLiteral("Field 'limit_amount' must be a number greater than 0."));
        record["limit_amount"] = limit;
    }
    if (record.contains("alert_webhook_url") && !record["alert_webhook_url"].is_null()) {
        const QString url = text(record["alert_webhook_url"]);
        if (url.isEmpty()) {
            record["alert_webhook_url"] = nullptr;
        } else {
            const QUrl parsed(url, QUrl::StrictMode);
            if (!parsed.isValid() || parsed.host().isEmpty() ||
                (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
                throw ApiError::badRequest(
                    QStringLiteral("Field 'alert_webhook_url' must be an http:// or https:// URL."));
            record["alert_webhook_url"] = url;
        }
    }
}

void AiBudgetResource::checkTarget(QSqlDatabase &db, Item &item, const QString &dimension, const Json &target)
{
    if (dimension == QLatin1String("global")) {
        if (!target.is_null())
            throw ApiError::badRequest(QStringLiteral("A global budget has no 'target_id'."));
        return;
    }
    if (target.is_null())
        throw ApiError::badRequest(
            QStringLiteral("A budget with dimension '%1' needs 'target_id' (the %1's id).").arg(dimension));
    const qint64 id = toColumnValue(QStringLiteral("target_id"), FieldType::Integer, target).toLongLong();
    // targetTable() returns one of four fixed names.
    if (!rowExists(db, QStringLiteral("SELECT id FROM %1 WHERE id = ?").arg(targetTable(dimension)),
                   {QVariant::fromValue<qlonglong>(id)}))
        throw ApiError::badRequest(
            QStringLiteral("No %1 with identifier '%2' exists.").arg(dimension).arg(id));
    item.record["target_id"] = id;
}

void AiBudgetResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    const QString dimension = text(item.record.value("dimension", Json()));
    checkTarget(db, item, dimension, item.record.value("target_id", Json()));
}

void AiBudgetResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    if (!item.id || (!item.record.contains("dimension") && !item.record.contains("target_id")))
        return;
    // The pair may change in part: check it as it will be stored.
    QSqlQuery query = run(db, QStringLiteral("SELECT dimension, target_id FROM ai_budget WHERE id = ?"),
                          {QVariant::fromValue<qlonglong>(*item.id)});
    if (!query.next())
        return;
    const QString dimension =
        item.record.contains("dimension") ? text(item.record["dimension"]) : query.value(0).toString();
    const Json target = item.record.contains("target_id")
                            ? item.record["target_id"]
                            : (query.value(1).isNull() ? Json(nullptr) : Json(query.value(1).toLongLong()));
    checkTarget(db, item, dimension, target);
}
} // namespace gatehouse
