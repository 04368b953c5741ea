#include "RoleResource.h"

#include <QSqlQuery>

#include "security/AccessTypes.h"
#include "security/LookupSecrets.h"

namespace gatehouse {
namespace {
const QStringList &filterOperators()
{
    // The reference's operator list (§4.3); stored upper-case so the filter builder can match
    // them without caring how the admin typed them.
    static const QStringList operators{
        QStringLiteral("="),          QStringLiteral("!="),       QStringLiteral(">"),
        QStringLiteral(">="),         QStringLiteral("<"),        QStringLiteral("<="),
        QStringLiteral("IN"),         QStringLiteral("NOT IN"),   QStringLiteral("STARTS WITH"),
        QStringLiteral("ENDS WITH"),  QStringLiteral("CONTAINS"), QStringLiteral("IS NULL"),
        QStringLiteral("IS NOT NULL")};
    return operators;
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}
} // namespace

RoleResource::RoleResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("role"), QStringLiteral("role"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 64},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QStringList RoleResource::relations() const
{
    return {QLatin1String(AccessRelation), QLatin1String(UserAppRelation), QLatin1String(LookupRelationName)};
}

QStringList RoleResource::uniqueFields() const
{
    return {QStringLiteral("name")};
}

void RoleResource::prepare(Item &item, Operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("name")) {
        const QString name = record["name"].get<QString>().trimmed();
        if (name.isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'name' can not be empty."));
        record["name"] = name;
    }
    // Mappings are written through users (a later issue), not through roles.
    record.erase(UserAppRelation);
    if (record.contains(LookupRelationName))
        record[LookupRelationName] = m_lookups.validate(record[LookupRelationName]);
    if (!record.contains(AccessRelation))
        return;
    const Json &rules = record[AccessRelation];
    if (rules.is_null()) {
        record.erase(AccessRelation);
        return;
    }
    if (!rules.is_array())
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' must be an array.").arg(QLatin1String(AccessRelation)));
    Json cleaned = Json::array();
    for (const Json &rule : rules)
        cleaned.push_back(validateRule(rule));
    record[AccessRelation] = cleaned;
}

Json RoleResource::validateRule(const Json &rule)
{
    if (!rule.is_object())
        throw ApiError::badRequest(QStringLiteral("Each access rule must be a JSON object."));
    Json out = Json::object();
    const bool existing = rule.contains("id") && !rule["id"].is_null();
    if (existing)
        out["id"] = toId(rule["id"], QStringLiteral("access rule"));
    if (existing && rule.contains("role_id") && rule["role_id"].is_null()) {
        out["delete"] = true;
        return out;
    }
    if (rule.contains("service_id")) {
        if (rule["service_id"].is_null())
            out["service_id"] = nullptr;
        else
            out["service_id"] = toId(rule["service_id"], QStringLiteral("service_id"));
    }
    if (rule.contains("component")) {
        const Json &component = rule["component"];
        if (component.is_null()) {
            out["component"] = "";
        } else {
            const QVariant text =
                toColumnValue(QStringLiteral("component"), FieldType::String, component, 255);
            out["component"] = text.toString().trimmed();
        }
    }
    auto mask = [&](const char *key, int max, int min) {
        if (!rule.contains(key))
            return;
        const Json &value = rule[key];
        if (!value.is_number_integer() || value.get<qint64>() < min || value.get<qint64>() > max)
            throw ApiError::badRequest(QStringLiteral("Field '%1' must be an integer from %2 to %3.")
                                           .arg(QLatin1String(key))
                                           .arg(min)
                                           .arg(max));
        out[key] = value;
    };
    mask("verb_mask", VerbAll, 0);
    mask("requestor_mask", RequestorApi | RequestorScript, 1);
    if (!existing && !out.contains("verb_mask"))
        throw ApiError::badRequest(QStringLiteral("Required field 'verb_mask' can not be NULL."));
    if (rule.contains("filters")) {
        const Json &filters = rule["filters"];
        if (!filters.is_null() && !filters.is_array())
            throw ApiError::badRequest(QStringLiteral("Field 'filters' must be an array."));
        Json cleanedFilters = Json::array();
        if (filters.is_array()) {
            for (const Json &filter : filters) {
                if (!filter.is_object() || !filter.contains("name") || !filter["name"].is_string() ||
                    filter["name"].get<QString>().trimmed().isEmpty())
                    throw ApiError::badRequest(
                        QStringLiteral("Each filter needs a 'name' (the field to test)."));
                const QString op =
                    filter.value("operator", Json("")).is_string()
                        ? filter.value("operator", Json("")).get<QString>().simplified().toUpper()
                        : QString();
                if (!filterOperators().contains(op))
                    throw ApiError::badRequest(
                        QStringLiteral("Invalid filter operator '%1'.")
                            .arg(QString::fromStdString(filter.value("operator", Json("")).dump())));
                const Json value = filter.value("value", Json());
                if (value.is_object())
                    throw ApiError::badRequest(
                        QStringLiteral("A filter value must be a string, number, boolean or null."));
                cleanedFilters.push_back(Json{
                    {"name", filter["name"].get<QString>().trimmed()}, {"operator", op}, {"value", value}});
            }
        }
        out["filters"] = cleanedFilters;
    }
    if (rule.contains("filter_op")) {
        const QString op =
            rule["filter_op"].is_string() ? rule["filter_op"].get<QString>().trimmed().toUpper() : QString();
        if (op != QLatin1String("AND") && op != QLatin1String("OR"))
            throw ApiError::badRequest(QStringLiteral("Field 'filter_op' must be AND or OR."));
        out["filter_op"] = op;
    }
    return out;
}

void RoleResource::afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation) const
{
    writeAccessRules(db, id, item);
    if (item.record.contains(LookupRelationName))
        m_lookups.write(db, LookupSecrets(store()), id, item.record[LookupRelationName]);
}

void RoleResource::writeAccessRules(QSqlDatabase &db, qint64 id, const Item &item) const
{
    const auto rules = item.record.find(AccessRelation);
    if (rules == item.record.end())
        return;
    const QVariant roleId = QVariant::fromValue<qlonglong>(id);
    const QString now = nowText();
    for (const Json &rule : *rules) {
        if (rule.contains("service_id") && !rule["service_id"].is_null() &&
            !rowExists(db, QStringLiteral("SELECT id FROM service WHERE id = ?"),
                       {QVariant::fromValue<qlonglong>(rule["service_id"].get<qint64>())}))
            throw ApiError::badRequest(QStringLiteral("Service with identifier '%1' not found.")
                                           .arg(rule["service_id"].get<qint64>()));

        if (rule.contains("id")) {
            const QVariant ruleId = QVariant::fromValue<qlonglong>(rule["id"].get<qint64>());
            if (!rowExists(db,
                           QStringLiteral("SELECT id FROM role_service_access WHERE id = ? AND role_id = ?"),
                           {ruleId, roleId}))
                throw ApiError::notFound(
                    QStringLiteral("Access rule with identifier '%1' not found for this role.")
                        .arg(rule["id"].get<qint64>()));
            if (rule.value("delete", false)) {
                run(db, QStringLiteral("DELETE FROM role_service_access WHERE id = ? AND role_id = ?"),
                    {ruleId, roleId});
                continue;
            }
            QStringList sets;
            QVariantList values;
            for (const char *key : {"service_id", "component", "verb_mask", "requestor_mask", "filter_op"}) {
                if (!rule.contains(key))
                    continue;
                sets << QLatin1String(key) + QStringLiteral(" = ?");
                values << jsonToVariant(rule[key]);
            }
            if (rule.contains("filters")) {
                sets << QStringLiteral("filters = ?");
                values << QString::fromUtf8(dumpJson(rule["filters"]));
            }
            sets << QStringLiteral("last_modified_date = ?");
            values << now << ruleId;
            run(db,
                QStringLiteral("UPDATE role_service_access SET ") + sets.join(QStringLiteral(", ")) +
                    QStringLiteral(" WHERE id = ?"),
                values);
            continue;
        }
        run(db,
            QStringLiteral(
                "INSERT INTO role_service_access (role_id, service_id, component, verb_mask, requestor_mask, "
                "filters, filter_op, created_date, last_modified_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {roleId, rule.contains("service_id") ? jsonToVariant(rule["service_id"]) : QVariant(),
             rule.value("component", Json("")).get<QString>(),
             QVariant::fromValue<qlonglong>(rule["verb_mask"].get<qint64>()),
             QVariant::fromValue<qlonglong>(rule.value("requestor_mask", Json(RequestorApi)).get<qint64>()),
             QString::fromUtf8(dumpJson(rule.value("filters", Json::array()))),
             rule.value("filter_op", Json("AND")).get<QString>(), now, now});
    }
}

void RoleResource::loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const
{
    if (relation == QLatin1String(LookupRelationName)) {
        m_lookups.load(db, rows);
        return;
    }
    QVariantList ids;
    for (const Json &row : rows)
        ids << QVariant::fromValue<qlonglong>(row["id"].get<qint64>());
    const std::string key = relation.toStdString();
    for (Json &row : rows)
        row[key] = Json::array();
    if (ids.isEmpty())
        return;
    QHash<qint64, Json> byRole;
    if (relation == QLatin1String(AccessRelation)) {
        QSqlQuery query =
            run(db,
                QStringLiteral("SELECT id, role_id, service_id, component, verb_mask, requestor_mask, "
                               "filters, filter_op FROM role_service_access WHERE role_id IN (") +
                    placeholders(ids.size()) + QStringLiteral(") ORDER BY id"),
                ids);
        while (query.next()) {
            Json filters = parseJsonOrDiscarded(query.value(6).toString().toUtf8());
            Json rule{
                {"id", query.value(0).toLongLong()},
                {"role_id", query.value(1).toLongLong()},
                {"service_id", query.value(2).isNull() ? Json(nullptr) : Json(query.value(2).toLongLong())},
                {"component", query.value(3).toString()},
                {"verb_mask", query.value(4).toInt()},
                {"requestor_mask", query.value(5).toInt()},
                {"filters", filters.is_array() ? filters : Json::array()},
                {"filter_op", query.value(7).toString()}};
            byRole[query.value(1).toLongLong()].push_back(std::move(rule));
        }
    } else if (relation == QLatin1String(UserAppRelation)) {
        QSqlQuery query =
            run(db,
                QStringLiteral(
                    "SELECT id, user_id, app_id, role_id FROM user_to_app_to_role WHERE role_id IN (") +
                    placeholders(ids.size()) + QStringLiteral(") ORDER BY id"),
                ids);
        while (query.next())
            byRole[query.value(3).toLongLong()].push_back(Json{{"id", query.value(0).toLongLong()},
                                                               {"user_id", query.value(1).toLongLong()},
                                                               {"app_id", query.value(2).toLongLong()},
                                                               {"role_id", query.value(3).toLongLong()}});
    }
    for (Json &row : rows) {
        const auto it = byRole.constFind(row["id"].get<qint64>());
        if (it != byRole.constEnd())
            row[key] = it.value();
    }
}
} // namespace gatehouse
