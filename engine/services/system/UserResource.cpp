#include "UserResource.h"

#include <QSqlQuery>

#include "security/LookupSecrets.h"

namespace gatehouse {
namespace {
QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

QVariant idValue(qint64 id)
{
    return QVariant::fromValue<qlonglong>(id);
}
} // namespace

UserResource::UserResource(SystemStore &store)
    : AccountResource(store, QStringLiteral("user"), false)
{
}

QStringList UserResource::relations() const
{
    return {QLatin1String(AppRoleRelation), QLatin1String(LookupRelationName)};
}

void UserResource::prepare(Item &item, Operation operation, const RequestContext &context) const
{
    AccountResource::prepare(item, operation, context);
    Json &record = item.record;
    if (record.contains(LookupRelationName))
        record[LookupRelationName] = m_lookups.validate(record[LookupRelationName]);
    if (!record.contains(AppRoleRelation))
        return;
    const Json &mappings = record[AppRoleRelation];
    if (mappings.is_null()) {
        record.erase(AppRoleRelation);
        return;
    }
    if (!mappings.is_array())
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' must be an array.").arg(QLatin1String(AppRoleRelation)));
    Json cleaned = Json::array();
    for (const Json &mapping : mappings)
        cleaned.push_back(validateMapping(mapping));
    record[AppRoleRelation] = cleaned;
}

Json UserResource::validateMapping(const Json &mapping)
{
    if (!mapping.is_object())
        throw ApiError::badRequest(QStringLiteral("Each app role mapping must be a JSON object."));
    Json out = Json::object();
    const bool existing = mapping.contains("id") && !mapping["id"].is_null();
    if (existing)
        out["id"] = toId(mapping["id"], QStringLiteral("app role mapping"));
    if (mapping.contains("user_id")) {
        if (mapping["user_id"].is_null()) {
            if (!existing)
                throw ApiError::badRequest(
                    QStringLiteral("A mapping to remove needs its 'id' (send {\"id\":n,\"user_id\":null})."));
            out["delete"] = true;
            return out;
        }
        out["user_id"] = toId(mapping["user_id"], QStringLiteral("user_id"));
    }
    for (const char *key : {"app_id", "role_id"}) {
        if (mapping.contains(key) && !mapping[key].is_null())
            out[key] = toId(mapping[key], QLatin1String(key));
        else if (!existing || (mapping.contains(key) && mapping[key].is_null()))
            throw ApiError::badRequest(
                QStringLiteral("Required field '%1' can not be NULL.").arg(QLatin1String(key)));
    }
    return out;
}

void UserResource::writeMapping(QSqlDatabase &db, qint64 userId, const Json &mapping)
{
    if (mapping.contains("user_id") && mapping["user_id"].get<qint64>() != userId)
        throw ApiError::badRequest(
            QStringLiteral("An app role mapping's 'user_id' must be the user's own id."));
    if (mapping.contains("app_id") && !rowExists(db, QStringLiteral("SELECT id FROM app WHERE id = ?"),
                                                 {idValue(mapping["app_id"].get<qint64>())}))
        throw ApiError::badRequest(
            QStringLiteral("App with identifier '%1' not found.").arg(mapping["app_id"].get<qint64>()));
    if (mapping.contains("role_id") && !rowExists(db, QStringLiteral("SELECT id FROM role WHERE id = ?"),
                                                  {idValue(mapping["role_id"].get<qint64>())}))
        throw ApiError::badRequest(
            QStringLiteral("Role with identifier '%1' not found.").arg(mapping["role_id"].get<qint64>()));

    if (mapping.contains("id")) {
        const qint64 id = mapping["id"].get<qint64>();
        if (!rowExists(db, QStringLiteral("SELECT id FROM user_to_app_to_role WHERE id = ? AND user_id = ?"),
                       {idValue(id), idValue(userId)}))
            throw ApiError::notFound(
                QStringLiteral("App role mapping with identifier '%1' not found for this user.").arg(id));
        if (mapping.value("delete", false)) {
            run(db, QStringLiteral("DELETE FROM user_to_app_to_role WHERE id = ?"), {idValue(id)});
            return;
        }
        if (mapping.contains("app_id") &&
            rowExists(db,
                      QStringLiteral(
                          "SELECT id FROM user_to_app_to_role WHERE user_id = ? AND app_id = ? AND id <> ?"),
                      {idValue(userId), idValue(mapping["app_id"].get<qint64>()), idValue(id)}))
            throw ApiError::badRequest(QStringLiteral("The user already has a role for app '%1'.")
                                           .arg(mapping["app_id"].get<qint64>()));
        QStringList sets;
        QVariantList values;
        for (const char *key : {"app_id", "role_id"}) {
            if (!mapping.contains(key))
                continue;
            sets << QLatin1String(key) + QStringLiteral(" = ?");
            values << idValue(mapping[key].get<qint64>());
        }
        if (sets.isEmpty())
            return;
        values << idValue(id);
        run(db,
            QStringLiteral("UPDATE user_to_app_to_role SET ") + sets.join(QStringLiteral(", ")) +
                QStringLiteral(" WHERE id = ?"),
            values);
        return;
    }

    // One role per (user, app): a second mapping for the same app replaces the first's role.
    const QVariant appId = idValue(mapping["app_id"].get<qint64>());
    const QVariant roleId = idValue(mapping["role_id"].get<qint64>());
    QSqlQuery found =
        run(db, QStringLiteral("SELECT id FROM user_to_app_to_role WHERE user_id = ? AND app_id = ?"),
            {idValue(userId), appId});
    if (found.next()) {
        const QVariant existing = found.value(0);
        found.finish();
        run(db, QStringLiteral("UPDATE user_to_app_to_role SET role_id = ? WHERE id = ?"),
            {roleId, existing});
        return;
    }
    found.finish();
    run(db, QStringLiteral("INSERT INTO user_to_app_to_role (user_id, app_id, role_id) VALUES (?, ?, ?)"),
        {idValue(userId), appId, roleId});
}

void UserResource::afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const
{
    AccountResource::afterWrite(db, id, item, operation);
    if (item.record.contains(LookupRelationName))
        m_lookups.write(db, LookupSecrets(store()), id, item.record[LookupRelationName]);
    const auto mappings = item.record.find(AppRoleRelation);
    if (mappings == item.record.end())
        return;
    for (const Json &mapping : *mappings)
        writeMapping(db, id, mapping);
}

void UserResource::loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const
{
    if (relation == QLatin1String(LookupRelationName)) {
        m_lookups.load(db, rows);
        return;
    }
    QVariantList ids;
    for (const Json &row : rows)
        ids << idValue(row["id"].get<qint64>());
    const std::string key = relation.toStdString();
    for (Json &row : rows)
        row[key] = Json::array();
    if (ids.isEmpty() || relation != QLatin1String(AppRoleRelation))
        return;
    QHash<qint64, Json> byUser;
    QSqlQuery query = run(
        db,
        QStringLiteral("SELECT id, user_id, app_id, role_id FROM user_to_app_to_role WHERE user_id IN (") +
            placeholders(ids.size()) + QStringLiteral(") ORDER BY id"),
        ids);
    while (query.next())
        byUser[query.value(1).toLongLong()].push_back(Json{{"id", query.value(0).toLongLong()},
                                                           {"user_id", query.value(1).toLongLong()},
                                                           {"app_id", query.value(2).toLongLong()},
                                                           {"role_id", query.value(3).toLongLong()}});
    for (Json &row : rows) {
        const auto it = byUser.constFind(row["id"].get<qint64>());
        if (it != byUser.constEnd())
            row[key] = it.value();
    }
}
} // namespace gatehouse
