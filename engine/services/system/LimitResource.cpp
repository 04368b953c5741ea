#include "LimitResource.h"

#include <QSqlQuery>

#include "security/RateLimit.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {
QVariant idValue(std::optional<qint64> id)
{
    return id ? QVariant::fromValue<qlonglong>(*id) : QVariant();
}

std::optional<qint64> idFrom(const QVariant &value)
{
    return value.isNull() || !value.isValid() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QString textFrom(const Json &value)
{
    return value.is_string() ? value.get<QString>() : QString();
}
} // namespace

LimitResource::LimitResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("limit"), QStringLiteral("limits"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("type"), FieldType::String, true, true, false, 64},
                         {QStringLiteral("key_text"), FieldType::String, false},
                         {QStringLiteral("rate"), FieldType::Integer, true, true, false},
                         // Written through extraInputKeys(): it takes a name or an index.
                         {QStringLiteral("period"), FieldType::Integer, false},
                         {QStringLiteral("user_id"), FieldType::Integer, true, false, true},
                         {QStringLiteral("role_id"), FieldType::Integer, true, false, true},
                         {QStringLiteral("service_id"), FieldType::Integer, true, false, true},
                         {QStringLiteral("endpoint"), FieldType::String, true, false, true, 255},
                         {QStringLiteral("verb"), FieldType::String, true, false, true, 16},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 64},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

std::optional<int> LimitResource::parsePeriod(const Json &value)
{
    if (value.is_number_integer()) {
        const qint64 index = value.get<qint64>();
        if (index >= 0 && index < RateLimit::periodNames().size())
            return int(index);
        return std::nullopt;
    }
    if (!value.is_string())
        return std::nullopt;
    const QString text = value.get<QString>().trimmed().toLower();
    const qsizetype named = RateLimit::periodNames().indexOf(text);
    if (named >= 0)
        return int(named);
    bool ok = false;
    const int index = text.toInt(&ok);
    if (ok && index >= 0 && index < RateLimit::periodNames().size())
        return index;
    return std::nullopt;
}

QStringList LimitResource::extraInputKeys() const
{
    return {QStringLiteral("period")};
}

void LimitResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("period")) {
        const auto period = parsePeriod(record["period"]);
        if (!period)
            throw ApiError::badRequest(
                QStringLiteral("Invalid period. Use one of minute, hour, day, 7-day, 30-day (or 0-4)."));
        item.columns.insert(QStringLiteral("period"), *period);
        record.erase("period");
    } else if (operation == Operation::Create) {
        throw ApiError::badRequest(QStringLiteral("Required field 'period' can not be NULL."));
    }
    if (record.contains("type") && !RateLimit::types().contains(textFrom(record["type"])))
        throw ApiError::badRequest(
            QStringLiteral("Invalid limit type '%1'. Valid types: %2.")
                .arg(textFrom(record["type"]), RateLimit::types().join(QStringLiteral(", "))));
    if (record.contains("rate") &&
        toColumnValue(QStringLiteral("rate"), FieldType::Integer, record["rate"]).toLongLong() < 1)
        throw ApiError::badRequest(QStringLiteral("Limit rate must be a positive integer."));
    if (record.contains("name")) {
        const QString name = textFrom(record["name"]).trimmed();
        if (name.isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'name' can not be empty."));
        record["name"] = name;
    }
    if (record.contains("verb") && !record["verb"].is_null()) {
        const QString verb = textFrom(record["verb"]).trimmed().toUpper();
        if (verb.isEmpty())
            record["verb"] = nullptr;
        else if (!RateLimit::verbs().contains(verb))
            throw ApiError::badRequest(QStringLiteral("Verb is invalid or not allowed. Use one of %1.")
                                           .arg(RateLimit::verbs().join(QStringLiteral(", "))));
        else
            record["verb"] = verb;
    }
    if (record.contains("endpoint") && !record["endpoint"].is_null()) {
        // DF strips leading and trailing slashes; the gate compares against the resource path
        // in the same form.
        QString endpoint = textFrom(record["endpoint"]).trimmed();
        while (endpoint.startsWith(QLatin1Char('/')))
            endpoint.remove(0, 1);
        while (endpoint.endsWith(QLatin1Char('/')))
            endpoint.chop(1);
        if (endpoint.isEmpty())
            record["endpoint"] = nullptr;
        else
            record["endpoint"] = endpoint;
    }
}

void LimitResource::finalize(QSqlDatabase &db, Item &item, const QVariantHash &current) const
{
    QString type = current.value(QStringLiteral("type")).toString();
    qint64 rate = current.value(QStringLiteral("rate")).toLongLong();
    int period = current.value(QStringLiteral("period")).toInt();
    std::optional<qint64> userId = idFrom(current.value(QStringLiteral("user_id")));
    std::optional<qint64> roleId = idFrom(current.value(QStringLiteral("role_id")));
    std::optional<qint64> serviceId = idFrom(current.value(QStringLiteral("service_id")));
    QString endpoint = current.value(QStringLiteral("endpoint")).toString();
    QString verb = current.value(QStringLiteral("verb")).toString();

    // Every key-defining value leaves item.record for item.columns, so no column is written
    // twice.
    Json &record = item.record;
    auto take = [&record](const char *key, auto apply) {
        const auto it = record.find(key);
        if (it == record.end())
            return;
        apply(*it);
        record.erase(it);
    };
    auto takeId = [&](const char *key, std::optional<qint64> &target) {
        take(key, [&](const Json &value) {
            target = value.is_null()
                         ? std::nullopt
                         : std::optional<qint64>(
                               toColumnValue(QLatin1String(key), FieldType::Integer, value).toLongLong());
        });
    };
    take("type", [&](const Json &value) { type = textFrom(value); });
    take("rate", [&](const Json &value) {
        rate = toColumnValue(QStringLiteral("rate"), FieldType::Integer, value).toLongLong();
    });
    if (item.columns.contains(QStringLiteral("period")))
        period = item.columns.value(QStringLiteral("period")).toInt();
    takeId("user_id", userId);
    takeId("role_id", roleId);
    takeId("service_id", serviceId);
    take("endpoint", [&](const Json &value) { endpoint = textFrom(value); });
    take("verb", [&](const Json &value) { verb = textFrom(value); });

    if (!RateLimit::types().contains(type))
        throw ApiError::badRequest(QStringLiteral("Invalid limit type '%1'. Valid types: %2.")
                                       .arg(type, RateLimit::types().join(QStringLiteral(", "))));
    if (rate < 1)
        throw ApiError::badRequest(QStringLiteral("Limit rate must be a positive integer."));

    auto require = [&](bool needed, std::optional<qint64> &id, const char *field, const QString &table,
                       const char *what) {
        if (!needed) {
            id.reset(); // DF clears the ids a type does not use
            return;
        }
        if (!id)
            throw ApiError::badRequest(
                QStringLiteral("%1 must be specified with this limit type.").arg(QLatin1String(field)));
        if (!rowExists(db, QStringLiteral("SELECT id FROM %1 WHERE id = ?").arg(table),
                       {QVariant::fromValue<qlonglong>(*id)}))
            throw ApiError::badRequest(
                QStringLiteral("%1 with identifier '%2' not found.").arg(QLatin1String(what)).arg(*id));
    };
    require(RateLimit::typeNeedsUser(type), userId, "user_id", QStringLiteral("\"user\""), "User");
    require(RateLimit::typeNeedsRole(type), roleId, "role_id", QStringLiteral("role"), "Role");
    require(RateLimit::typeNeedsService(type), serviceId, "service_id", QStringLiteral("service"), "Service");
    if (!RateLimit::typeNeedsEndpoint(type))
        endpoint.clear();
    else if (endpoint.isEmpty())
        throw ApiError::badRequest(QStringLiteral("endpoint must be specified with this limit type."));

    const QString key = RateLimit::buildKey(type, userId, roleId, serviceId, endpoint, verb, period);
    QString sql = QStringLiteral("SELECT id FROM limits WHERE key_text = ?");
    QVariantList values{key};
    if (item.id) {
        sql += QStringLiteral(" AND id <> ?");
        values << QVariant::fromValue<qlonglong>(*item.id);
    }
    if (rowExists(db, sql, values))
        throw ApiError::badRequest(QStringLiteral("A limit already exists with those parameters."));

    item.columns.insert(QStringLiteral("type"), type);
    item.columns.insert(QStringLiteral("rate"), QVariant::fromValue<qlonglong>(rate));
    item.columns.insert(QStringLiteral("period"), period);
    item.columns.insert(QStringLiteral("user_id"), idValue(userId));
    item.columns.insert(QStringLiteral("role_id"), idValue(roleId));
    item.columns.insert(QStringLiteral("service_id"), idValue(serviceId));
    item.columns.insert(QStringLiteral("endpoint"), endpoint.isEmpty() ? QVariant() : QVariant(endpoint));
    item.columns.insert(QStringLiteral("verb"), verb.isEmpty() ? QVariant() : QVariant(verb));
    item.columns.insert(QStringLiteral("key_text"), key);
}

void LimitResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    finalize(db, item, {});
}

void LimitResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    QSqlQuery query =
        run(db,
            QStringLiteral("SELECT type, rate, period, user_id, role_id, service_id, endpoint, verb, "
                           "key_text FROM limits WHERE id = ?"),
            {QVariant::fromValue<qlonglong>(*item.id)});
    if (!query.next())
        throw ApiError::notFound(QStringLiteral("Record with identifier '%1' not found.").arg(*item.id));
    QVariantHash current;
    const char *names[] = {"type",       "rate",     "period", "user_id", "role_id",
                           "service_id", "endpoint", "verb",   "key_text"};
    for (int i = 0; i < 9; ++i)
        current.insert(QLatin1String(names[i]), query.value(i));
    query.finish();
    finalize(db, item, current);
    // A new rate or key starts the limit afresh, which also lifts an active lockout. In-memory
    // counters follow the snapshot (RateLimiter::syncLimits); shared ones are reset here, in
    // the same transaction as the change.
    if (item.columns.value(QStringLiteral("rate")).toLongLong() !=
            current.value(QStringLiteral("rate")).toLongLong() ||
        item.columns.value(QStringLiteral("key_text")).toString() !=
            current.value(QStringLiteral("key_text")).toString())
        run(db, QStringLiteral("DELETE FROM limit_counter WHERE limit_id = ?"),
            {QVariant::fromValue<qlonglong>(*item.id)});
}

void LimitResource::present(Json &row) const
{
    const auto period = row.find("period");
    if (period != row.end() && period->is_number_integer())
        *period =
            RateLimit::periodNames().value(int(period->get<qint64>()), RateLimit::periodNames().first());
}
} // namespace gatehouse
