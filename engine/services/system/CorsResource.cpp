#include "CorsResource.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include "http/CorsPolicy.h"
#include "security/AccessTypes.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {

constexpr int kMaxAgeLimit = 86400;

// A list field given as "a, b" or ["a","b"], validated entry by entry, stored as "a,b".
QString listValue(const char *field, const Json &value, const QRegularExpression &entryPattern,
                  const QString &entryHint)
{
    QStringList entries;
    if (value.is_string()) {
        entries = CorsPolicy::splitList(value.get<QString>());
    } else if (value.is_array()) {
        for (const Json &entry : value) {
            if (!entry.is_string())
                throw ApiError::badRequest(
                    QStringLiteral("Field '%1' must be a comma list or an array of strings.")
                        .arg(QLatin1String(field)));
            entries << CorsPolicy::splitList(entry.get<QString>());
        }
    } else if (!value.is_null()) {
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be a comma list or an array of strings.")
                                       .arg(QLatin1String(field)));
    }
    for (const QString &entry : entries)
        if (!entryPattern.match(entry).hasMatch())
            throw ApiError::badRequest(QStringLiteral("Field '%1': '%2' is not valid (%3).")
                                           .arg(QLatin1String(field), entry, entryHint));
    const QString joined = entries.join(QLatin1Char(','));
    if (joined.size() > 4000)
        throw ApiError::badRequest(QStringLiteral("Field '%1' is too long.").arg(QLatin1String(field)));
    return joined;
}

int methodMask(const Json &value)
{
    if (value.is_number_integer()) {
        const qint64 mask = value.get<qint64>();
        if (mask < 0 || mask > VerbAll)
            throw ApiError::badRequest(
                QStringLiteral("Field 'method' must be a verb mask between 0 and 31."));
        return int(mask);
    }
    QStringList names;
    if (value.is_string()) {
        bool isNumber = false;
        const int mask = value.get<QString>().trimmed().toInt(&isNumber);
        if (isNumber)
            return methodMask(Json(mask));
        names = CorsPolicy::splitList(value.get<QString>());
    } else if (value.is_array()) {
        for (const Json &entry : value) {
            if (!entry.is_string())
                throw ApiError::badRequest(QStringLiteral("Field 'method' must list verb names."));
            names << entry.get<QString>().trimmed();
        }
    } else {
        throw ApiError::badRequest(QStringLiteral("Field 'method' must be a verb mask or a list of verbs."));
    }
    int mask = 0;
    for (const QString &name : names) {
        const QByteArray verb = name.toUpper().toLatin1();
        const int bit = verb == "HEAD" ? 0 : verbBit(verb);
        if (bit == 0)
            throw ApiError::badRequest(
                QStringLiteral("Field 'method': '%1' is not one of GET, POST, PUT, PATCH, DELETE.")
                    .arg(name));
        mask |= bit;
    }
    return mask;
}

bool isWildcard(const Json &origin)
{
    return origin.is_string() && CorsPolicy::splitList(origin.get<QString>()).contains(QStringLiteral("*"));
}

bool truthy(const Json &value)
{
    return (value.is_boolean() && value.get<bool>()) ||
           (value.is_number_integer() && value.get<qint64>() != 0) ||
           (value.is_string() &&
            (value.get<QString>() == QLatin1String("1") ||
             value.get<QString>().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0));
}
} // namespace

CorsResource::CorsResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("cors"), QStringLiteral("cors_config"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("path"), FieldType::String, true, true, false, 255},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("origin"), FieldType::Text, true, false, false, 4000},
                         {QStringLiteral("header"), FieldType::Text, true, false, false, 4000},
                         {QStringLiteral("exposed_header"), FieldType::Text, true, false, false, 4000},
                         {QStringLiteral("method"), FieldType::Integer, true, false, false},
                         {QStringLiteral("max_age"), FieldType::Integer, true, false, false},
                         {QStringLiteral("supports_credentials"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("enabled"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QStringList CorsResource::extraInputKeys() const
{
    // Accepted in more shapes than their column type; prepare() normalises them.
    return {QStringLiteral("origin"), QStringLiteral("header"), QStringLiteral("exposed_header"),
            QStringLiteral("method")};
}

QStringList CorsResource::uniqueFields() const
{
    return {QStringLiteral("path")};
}

void CorsResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("path")) {
        if (!record["path"].is_string())
            throw ApiError::badRequest(QStringLiteral("Field 'path' must be a string."));
        QString path = record["path"].get<QString>().trimmed();
        while (path.startsWith(QLatin1Char('/')))
            path.remove(0, 1);
        static const QRegularExpression pathPattern(QStringLiteral("^[A-Za-z0-9_\\-.~/*%]+$"));
        if (!pathPattern.match(path).hasMatch())
            throw ApiError::badRequest(QStringLiteral("Field 'path' must be a path pattern such as '*' or "
                                                      "'api/v2/db/*' (letters, digits, / - _ . ~ % *)."));
        record["path"] = path;
    }
    static const QRegularExpression originPattern(QStringLiteral(
        "^(\\*|null|[A-Za-z][A-Za-z0-9+.-]*://(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?|"
        "[A-Za-z][A-Za-z0-9+.-]*://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?)$"));
    static const QRegularExpression headerPattern(QStringLiteral("^(\\*|[!#$%&'*+\\-.^_`|~0-9A-Za-z]+)$"));
    if (record.contains("origin"))
        record["origin"] =
            listValue("origin", record["origin"], originPattern,
                      QStringLiteral("an origin is scheme://host[:port] without a path, or *"));
    if (record.contains("header"))
        record["header"] =
            listValue("header", record["header"], headerPattern, QStringLiteral("a header name, or *"));
    if (record.contains("exposed_header"))
        record["exposed_header"] = listValue("exposed_header", record["exposed_header"], headerPattern,
                                             QStringLiteral("a header name, or *"));
    if (record.contains("method"))
        record["method"] = methodMask(record["method"]);
    else if (operation == Operation::Create)
        record["method"] = int(VerbAll);
    if (record.contains("max_age")) {
        const qint64 maxAge =
            toColumnValue(QStringLiteral("max_age"), FieldType::Integer, record["max_age"]).toLongLong();
        if (maxAge < 0 || maxAge > kMaxAgeLimit)
            throw ApiError::badRequest(
                QStringLiteral("Field 'max_age' must be between 0 and %1 seconds.").arg(kMaxAgeLimit));
    }
    if (operation == Operation::Create)
        checkCredentialsWithWildcard(record);
}

void CorsResource::checkCredentialsWithWildcard(const Json &record)
{
    const auto origin = record.find("origin");
    const auto credentials = record.find("supports_credentials");
    if (origin != record.end() && credentials != record.end() && isWildcard(*origin) && truthy(*credentials))
        throw ApiError::badRequest(QStringLiteral(
            "supports_credentials can not be combined with origin '*': list the allowed origins."));
}

void CorsResource::beforeInsert(QSqlDatabase &, Item &item, const Job &) const
{
    checkCredentialsWithWildcard(item.record);
}

void CorsResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    if (!item.id || (!item.record.contains("origin") && !item.record.contains("supports_credentials")))
        return;
    // The combination may come from this change and the stored row together.
    QSqlQuery query =
        run(db, QStringLiteral("SELECT origin, supports_credentials FROM cors_config WHERE id = ?"),
            {QVariant::fromValue<qlonglong>(*item.id)});
    if (!query.next())
        return;
    Json merged{{"origin", query.value(0).toString()}, {"supports_credentials", query.value(1).toInt() != 0}};
    for (const char *key : {"origin", "supports_credentials"})
        if (item.record.contains(key))
            merged[key] = item.record[key];
    checkCredentialsWithWildcard(merged);
}
} // namespace gatehouse
