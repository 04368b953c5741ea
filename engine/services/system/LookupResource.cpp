#include "LookupResource.h"

#include <QSqlQuery>

#include "LookupRelation.h"
#include "security/LookupSecrets.h"

namespace gatehouse {
namespace {
const QString kSystemScope = QStringLiteral("app_id IS NULL AND role_id IS NULL AND user_id IS NULL");
}

LookupResource::LookupResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("lookup"), QStringLiteral("lookup"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 128},
                         {QStringLiteral("value"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("private"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QString LookupResource::scopeCondition() const
{
    return kSystemScope;
}

void LookupResource::prepare(Item &item, Operation, const RequestContext &) const
{
    if (item.record.contains("name"))
        item.record["name"] = LookupRelation::checkName(item.record["name"]);
}

void LookupResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    const QString name = item.record["name"].get<QString>();
    LookupRelation::checkDuplicate(db, name, kSystemScope, {}, std::nullopt);
    LookupRelation::valueColumns(LookupSecrets(store()), item.record, item.columns, std::nullopt, name);
}

void LookupResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    const qint64 id = *item.id;
    QString name;
    if (item.record.contains("name")) {
        name = item.record["name"].get<QString>();
        LookupRelation::checkDuplicate(db, name, kSystemScope, {}, id);
    } else {
        QSqlQuery query = run(db, QStringLiteral("SELECT name FROM lookup WHERE id = ?"),
                              {QVariant::fromValue<qlonglong>(id)});
        name = query.next() ? query.value(0).toString() : QString();
    }
    const auto current = LookupRelation::readCurrent(db, id, kSystemScope, {});
    LookupRelation::valueColumns(LookupSecrets(store()), item.record, item.columns, current, name);
}

void LookupResource::present(Json &row) const
{
    LookupRelation::mask(row);
}

QStringList LookupResource::presentKeys() const
{
    return {QStringLiteral("private")};
}
} // namespace gatehouse
