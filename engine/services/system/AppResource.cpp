#include "AppResource.h"

#include <QSqlQuery>

#include "security/ApiKeys.h"
#include "security/LookupSecrets.h"
#include "services/RequestContext.h"

namespace gatehouse {

AppResource::AppResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("app"), QStringLiteral("app"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 64},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("role_id"), FieldType::Integer, true, false, true},
                         {QStringLiteral("api_key_hint"), FieldType::String, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QStringList AppResource::relations() const
{
    return {QLatin1String(RoleRelation), QLatin1String(LookupRelationName)};
}

QStringList AppResource::relationKeys(const QString &) const
{
    return {QStringLiteral("role_id")};
}

QStringList AppResource::uniqueFields() const
{
    return {QStringLiteral("name")};
}

void AppResource::prepare(Item &item, Operation operation, const RequestContext &context) const
{
    Json &record = item.record;
    record.erase(RoleRelation); // read-only relation
    if (record.contains(LookupRelationName))
        record[LookupRelationName] = m_lookups.validate(record[LookupRelationName]);
    if (record.contains("name")) {
        const QString name = record["name"].get<QString>().trimmed();
        if (name.isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'name' can not be empty."));
        record["name"] = name;
    }
    if (operation == Operation::Update && context.boolParam(QStringLiteral("regenerate")))
        item.output["regenerate"] = true; // marker for beforeUpdate, replaced by the key
}

void AppResource::checkRole(QSqlDatabase &db, const Item &item)
{
    const auto role = item.record.find("role_id");
    if (role == item.record.end() || role->is_null())
        return;
    const qint64 roleId = toColumnValue(QStringLiteral("role_id"), FieldType::Integer, *role).toLongLong();
    if (!rowExists(db, QStringLiteral("SELECT id FROM role WHERE id = ?"),
                   {QVariant::fromValue<qlonglong>(roleId)}))
        throw ApiError::badRequest(QStringLiteral("Role with identifier '%1' not found.").arg(roleId));
}

void AppResource::issueKey(Item &item)
{
    const QString key = ApiKeys::generate();
    item.columns.insert(QStringLiteral("api_key_hash"), QString::fromLatin1(ApiKeys::hash(key)));
    item.columns.insert(QStringLiteral("api_key_hint"), ApiKeys::hint(key));
    item.output.erase("regenerate");
    item.output["api_key"] = key;
}

void AppResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    checkRole(db, item);
    issueKey(item);
}

void AppResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    checkRole(db, item);
    if (item.output.contains("regenerate"))
        issueKey(item);
}

void AppResource::afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation) const
{
    if (item.record.contains(LookupRelationName))
        m_lookups.write(db, LookupSecrets(store()), id, item.record[LookupRelationName]);
}

void AppResource::loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const
{
    if (relation == QLatin1String(LookupRelationName)) {
        m_lookups.load(db, rows);
        return;
    }
    const std::string key = relation.toStdString();
    QHash<qint64, Json> roles;
    for (Json &row : rows) {
        row[key] = nullptr;
        const Json &roleId = row["role_id"];
        if (!roleId.is_number_integer() || roles.contains(roleId.get<qint64>()))
            continue;
        QSqlQuery query =
            run(db, QStringLiteral("SELECT id, name, description, is_active FROM role WHERE id = ?"),
                {QVariant::fromValue<qlonglong>(roleId.get<qint64>())});
        if (query.next())
            roles.insert(roleId.get<qint64>(), Json{{"id", query.value(0).toLongLong()},
                                                    {"name", query.value(1).toString()},
                                                    {"description", variantToJson(query.value(2))},
                                                    {"is_active", query.value(3).toInt() != 0}});
    }
    for (Json &row : rows)
        if (row["role_id"].is_number_integer() && roles.contains(row["role_id"].get<qint64>()))
            row[key] = roles.value(row["role_id"].get<qint64>());
}
} // namespace gatehouse
