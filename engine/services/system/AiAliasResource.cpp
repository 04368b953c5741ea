#include "AiAliasResource.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include "services/RequestContext.h"

namespace gatehouse {

AiAliasResource::AiAliasResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("ai_alias"), QStringLiteral("ai_alias"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("alias"), FieldType::String, true, true, false, 128},
                         {QStringLiteral("service_id"), FieldType::Integer, true, true, false},
                         {QStringLiteral("model"), FieldType::String, true, true, false, 255},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QStringList AiAliasResource::uniqueFields() const
{
    return {QStringLiteral("alias")};
}

void AiAliasResource::prepare(Item &item, Operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("alias")) {
        static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._:/-]{1,128}$"));
        const QString alias = record["alias"].is_string() ? record["alias"].get<QString>() : QString();
        if (!pattern.match(alias).hasMatch())
            throw ApiError::badRequest(
                QStringLiteral("Field 'alias' must be 1 to 128 characters of letters, digits and . _ : / -"));
    }
    if (record.contains("model")) {
        const QString model =
            record["model"].is_string() ? record["model"].get<QString>().trimmed() : QString();
        if (model.isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'model' can not be empty."));
        record["model"] = model;
    }
}

void AiAliasResource::checkService(QSqlDatabase &db, const Item &item)
{
    const auto it = item.record.find("service_id");
    if (it == item.record.end())
        return;
    const qint64 id = toColumnValue(QStringLiteral("service_id"), FieldType::Integer, *it).toLongLong();
    QSqlQuery query = run(db, QStringLiteral("SELECT type FROM service WHERE id = ?"),
                          {QVariant::fromValue<qlonglong>(id)});
    if (!query.next())
        throw ApiError::badRequest(QStringLiteral("Service with identifier '%1' not found.").arg(id));
    if (query.value(0).toString() != QLatin1String("ai"))
        throw ApiError::badRequest(
            QStringLiteral(
                "Service '%1' is not an AI connection (type 'ai'); aliases route to AI connections only.")
                .arg(id));
}

void AiAliasResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    checkService(db, item);
}

void AiAliasResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    checkService(db, item);
}
} // namespace gatehouse
