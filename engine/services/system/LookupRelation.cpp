#include "LookupRelation.h"

#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>

#include "RecordResource.h"
#include "core/ApiError.h"
#include "security/LookupResolver.h"
#include "security/LookupSecrets.h"
#include "store/Migrations.h"

namespace gatehouse {
namespace {
constexpr int kMaxValueLength = 4000;
constexpr int kMaxNameLength = 128;
constexpr int kMaxDescriptionLength = 4000;

QSqlQuery exec(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok = query.prepare(sql);
    if (ok) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok) {
        const QSqlError error = query.lastError();
        // The driver's text names tables and constraints (never a lookup value: values are bound).
        spdlog::warn("system database statement failed ({}): {}", sql.simplified().left(200).toStdString(),
                     error.text().toStdString());
        if (error.nativeErrorCode() == QLatin1String("23505") ||
            error.text().contains(QLatin1String("UNIQUE constraint"), Qt::CaseInsensitive))
            throw ApiError::badRequest(
                QStringLiteral("A lookup with this name already exists at this level."));
        throw ApiError::internal(QStringLiteral("The system database request failed."));
    }
    return query;
}

QVariant idValue(qint64 id)
{
    return QVariant::fromValue<qlonglong>(id);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

QString textField(const Json &entry, const char *key, int maxLength)
{
    const Json &value = entry[key];
    if (!value.is_string())
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be a string.").arg(QLatin1String(key)));
    const QString text = value.get<QString>();
    if (text.size() > maxLength)
        throw ApiError::badRequest(QStringLiteral("Field '%1' is longer than %2 characters.")
                                       .arg(QLatin1String(key))
                                       .arg(maxLength));
    return text;
}

bool boolField(const Json &value, const char *key)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer() && (value.get<qint64>() == 0 || value.get<qint64>() == 1))
        return value.get<qint64>() == 1;
    if (value.is_string()) {
        const QString text = value.get<QString>().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("0"))
            return false;
    }
    throw ApiError::badRequest(QStringLiteral("Field '%1' must be a boolean.").arg(QLatin1String(key)));
}
} // namespace

LookupRelation::LookupRelation(Owner owner)
    : m_owner(owner)
{
}

QString LookupRelation::ownerColumn() const
{
    switch (m_owner) {
    case Owner::App:
        return QStringLiteral("app_id");
    case Owner::Role:
        return QStringLiteral("role_id");
    case Owner::User:
        break;
    }
    return QStringLiteral("user_id");
}

QString LookupRelation::name() const
{
    return QStringLiteral("lookup_by_") + ownerColumn();
}

QString LookupRelation::checkName(const Json &value)
{
    if (!value.is_string())
        throw ApiError::badRequest(QStringLiteral("Field 'name' must be a string."));
    const QString name = value.get<QString>().trimmed();
    if (name.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Field 'name' can not be empty."));
    if (name.size() > kMaxNameLength || !LookupResolver::isValidName(name))
        throw ApiError::badRequest(
            QStringLiteral(
                "Invalid lookup name '%1': use letters, digits, '_' and '.' (up to %2 characters), "
                "starting with a letter or '_'.")
                .arg(name.left(kMaxNameLength))
                .arg(kMaxNameLength));
    if (LookupResolver::isReservedName(name))
        throw ApiError::badRequest(
            QStringLiteral(
                "Invalid lookup name '%1': names starting with user., role., app., session. or df. "
                "are reserved for built-in lookups.")
                .arg(name));
    return name;
}

Json LookupRelation::validate(const Json &entries) const
{
    if (entries.is_null())
        return Json::array();
    if (!entries.is_array())
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be an array.").arg(name()));
    const std::string owner = ownerColumn().toStdString();
    Json cleaned = Json::array();
    for (const Json &entry : entries) {
        if (!entry.is_object())
            throw ApiError::badRequest(QStringLiteral("Each lookup must be a JSON object."));
        Json out = Json::object();
        const bool existing = entry.contains("id") && !entry["id"].is_null();
        if (existing) {
            const Json &id = entry["id"];
            qint64 value = 0;
            if (id.is_number_integer())
                value = id.get<qint64>();
            else if (id.is_string())
                value = id.get<QString>().trimmed().toLongLong();
            if (value <= 0)
                throw ApiError::badRequest(QStringLiteral("No valid identifier ('id') found in lookup."));
            out["id"] = value;
            if (entry.contains(owner) && entry[owner].is_null()) {
                out["delete"] = true;
                cleaned.push_back(out);
                continue;
            }
        }
        if (entry.contains("name"))
            out["name"] = checkName(entry["name"]);
        else if (!existing)
            throw ApiError::badRequest(QStringLiteral("Required field 'name' can not be NULL."));
        if (entry.contains("value"))
            out["value"] =
                entry["value"].is_null() ? Json(nullptr) : Json(textField(entry, "value", kMaxValueLength));
        if (entry.contains("private") && !entry["private"].is_null())
            out["private"] = boolField(entry["private"], "private");
        if (entry.contains("description"))
            out["description"] = entry["description"].is_null()
                                     ? Json(nullptr)
                                     : Json(textField(entry, "description", kMaxDescriptionLength));
        cleaned.push_back(out);
    }
    return cleaned;
}

void LookupRelation::valueColumns(const LookupSecrets &secrets, Json &record, QVariantHash &columns,
                                  const std::optional<Current> &current, const QString &name)
{
    bool isPrivate = current ? current->isPrivate : false;
    if (record.contains("private") && !record["private"].is_null())
        isPrivate = boolField(record["private"], "private");
    bool hasValue = record.contains("value");
    const Json value = hasValue ? record["value"] : Json();
    record.erase("value");
    record.erase("private");
    columns.insert(QStringLiteral("private"), isPrivate ? 1 : 0);

    // The mask is what every read of a private lookup shows; writing it back means "unchanged".
    if (hasValue && current && current->isPrivate && value.is_string() &&
        value.get<QString>() == RecordResource::mask())
        hasValue = false;

    if (!hasValue) {
        if (!current)
            return;
        if (current->isPrivate && !isPrivate)
            throw ApiError::badRequest(
                QStringLiteral(
                    "Send a new value to make the private lookup '%1' public; its current value is "
                    "never shown.")
                    .arg(name));
        if (!current->isPrivate && isPrivate && !current->value.isNull())
            columns.insert(QStringLiteral("value"), secrets.seal(current->value.toString()));
        return;
    }
    if (value.is_null()) {
        columns.insert(QStringLiteral("value"), QVariant(QMetaType::fromType<QString>()));
        return;
    }
    const QString text = value.get<QString>();
    columns.insert(QStringLiteral("value"),
                   isPrivate ? secrets.seal(text)
                             : QVariant(text.isNull() ? QString(QLatin1String("")) : text));
}

std::optional<LookupRelation::Current>
LookupRelation::readCurrent(QSqlDatabase &db, qint64 id, const QString &condition, const QVariantList &values)
{
    QSqlQuery query =
        exec(db, QStringLiteral("SELECT private, value FROM lookup WHERE id = ? AND ") + condition,
             QVariantList{idValue(id)} + values);
    if (!query.next())
        return std::nullopt;
    return Current{query.value(0).toInt() != 0, query.value(1)};
}

void LookupRelation::checkDuplicate(QSqlDatabase &db, const QString &name, const QString &scopeCondition,
                                    const QVariantList &scopeValues, std::optional<qint64> exclude)
{
    QString sql = QStringLiteral("SELECT id FROM lookup WHERE name = ? AND ") + scopeCondition;
    QVariantList values = QVariantList{name} + scopeValues;
    if (exclude) {
        sql += QStringLiteral(" AND id <> ?");
        values << idValue(*exclude);
    }
    if (exec(db, sql, values).next())
        throw ApiError::badRequest(
            QStringLiteral("Duplicate value '%1' for unique field 'name': a lookup with this name already "
                           "exists at this level.")
                .arg(name));
}

void LookupRelation::mask(Json &row)
{
    const auto isPrivate = row.find("private");
    if (isPrivate != row.end() && isPrivate->is_boolean() && isPrivate->get<bool>() && row.contains("value"))
        row["value"] = RecordResource::mask();
}

void LookupRelation::write(QSqlDatabase &db, const LookupSecrets &secrets, qint64 ownerId,
                           const Json &entries) const
{
    const QString owner = ownerColumn();
    const QString scope = owner + QStringLiteral(" = ?");
    const QVariantList scopeValues{idValue(ownerId)};
    const QString now = Migrations::nowText();
    for (const Json &constEntry : entries) {
        Json entry = constEntry;
        if (entry.contains("id")) {
            const qint64 id = entry["id"].get<qint64>();
            const std::optional<Current> current = readCurrent(db, id, scope, scopeValues);
            if (!current)
                throw ApiError::notFound(QStringLiteral("Lookup with identifier '%1' not found for this %2.")
                                             .arg(id)
                                             .arg(owner.chopped(3)));
            if (entry.value("delete", false)) {
                exec(db, QStringLiteral("DELETE FROM lookup WHERE id = ? AND ") + scope,
                     QVariantList{idValue(id)} + scopeValues);
                continue;
            }
            QString name;
            if (entry.contains("name")) {
                name = entry["name"].get<QString>();
                checkDuplicate(db, name, scope, scopeValues, id);
            } else {
                QSqlQuery q = exec(db, QStringLiteral("SELECT name FROM lookup WHERE id = ?"), {idValue(id)});
                name = q.next() ? q.value(0).toString() : QString();
            }
            QVariantHash columns;
            valueColumns(secrets, entry, columns, current, name);
            QStringList sets;
            QVariantList values;
            if (entry.contains("name")) {
                sets << QStringLiteral("name = ?");
                values << name;
            }
            if (entry.contains("description")) {
                sets << QStringLiteral("description = ?");
                values << jsonToVariant(entry["description"]);
            }
            for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
                sets << it.key() + QStringLiteral(" = ?");
                values << it.value();
            }
            sets << QStringLiteral("last_modified_date = ?");
            values << now << idValue(id);
            exec(db,
                 QStringLiteral("UPDATE lookup SET ") + sets.join(QStringLiteral(", ")) +
                     QStringLiteral(" WHERE id = ?"),
                 values);
            continue;
        }
        const QString name = entry["name"].get<QString>();
        checkDuplicate(db, name, scope, scopeValues, std::nullopt);
        QVariantHash columns;
        valueColumns(secrets, entry, columns, std::nullopt, name);
        exec(db,
             QStringLiteral("INSERT INTO lookup (name, value, private, description, ") + owner +
                 QStringLiteral(", created_date, last_modified_date) VALUES (?, ?, ?, ?, ?, ?, ?)"),
             {name, columns.value(QStringLiteral("value")), columns.value(QStringLiteral("private")),
              entry.contains("description") ? jsonToVariant(entry["description"]) : QVariant(),
              idValue(ownerId), now, now});
    }
}

void LookupRelation::load(QSqlDatabase &db, Json &rows) const
{
    const std::string key = name().toStdString();
    QVariantList ids;
    for (Json &row : rows) {
        row[key] = Json::array();
        ids << idValue(row["id"].get<qint64>());
    }
    if (ids.isEmpty())
        return;
    const QString owner = ownerColumn();
    QSqlQuery query =
        exec(db,
             QStringLiteral("SELECT id, name, value, private, description, ") + owner +
                 QStringLiteral(", created_date, last_modified_date FROM lookup WHERE ") + owner +
                 QStringLiteral(" IN (") + placeholders(ids.size()) + QStringLiteral(") ORDER BY id"),
             ids);
    QHash<qint64, Json> byOwner;
    while (query.next()) {
        Json lookup{{"id", query.value(0).toLongLong()},
                    {"name", query.value(1).toString()},
                    {"value", variantToJson(query.value(2))},
                    {"private", query.value(3).toInt() != 0},
                    {"description", variantToJson(query.value(4))},
                    {owner.toStdString(), query.value(5).toLongLong()},
                    {"created_date", query.value(6).toString()},
                    {"last_modified_date", query.value(7).toString()}};
        mask(lookup);
        byOwner[query.value(5).toLongLong()].push_back(std::move(lookup));
    }
    for (Json &row : rows) {
        const auto it = byOwner.constFind(row["id"].get<qint64>());
        if (it != byOwner.constEnd())
            row[key] = it.value();
    }
}
} // namespace gatehouse
