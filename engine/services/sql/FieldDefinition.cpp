#include "FieldDefinition.h"

#include <QRegularExpression>

#include "core/ApiError.h"

namespace gatehouse {
namespace {

const QStringList &abstractTypes()
{
    static const QStringList types = {QStringLiteral("id"),
                                      QStringLiteral("bigid"),
                                      QStringLiteral("smallid"),
                                      QStringLiteral("mediumid"),
                                      QStringLiteral("integer"),
                                      QStringLiteral("bigint"),
                                      QStringLiteral("smallint"),
                                      QStringLiteral("mediumint"),
                                      QStringLiteral("tinyint"),
                                      QStringLiteral("decimal"),
                                      QStringLiteral("double"),
                                      QStringLiteral("float"),
                                      QStringLiteral("money"),
                                      QStringLiteral("string"),
                                      QStringLiteral("text"),
                                      QStringLiteral("mediumtext"),
                                      QStringLiteral("longtext"),
                                      QStringLiteral("boolean"),
                                      QStringLiteral("date"),
                                      QStringLiteral("time"),
                                      QStringLiteral("datetime"),
                                      QStringLiteral("timestamp"),
                                      QStringLiteral("time_tz"),
                                      QStringLiteral("datetime_tz"),
                                      QStringLiteral("timestamp_tz"),
                                      QStringLiteral("binary"),
                                      QStringLiteral("json"),
                                      QStringLiteral("jsonb"),
                                      QStringLiteral("uuid"),
                                      QStringLiteral("reference"),
                                      QStringLiteral("user_id"),
                                      QStringLiteral("user_id_on_create"),
                                      QStringLiteral("user_id_on_update"),
                                      QStringLiteral("timestamp_on_create"),
                                      QStringLiteral("timestamp_on_update")};
    return types;
}

// Default keywords a client may ask for; anything else is stored as a literal.
QString defaultKeyword(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    if (t == QLatin1String("CURRENT_TIMESTAMP") || t == QLatin1String("CURRENT_TIMESTAMP()") ||
        t == QLatin1String("NOW()") || t == QLatin1String("LOCALTIMESTAMP"))
        return QStringLiteral("CURRENT_TIMESTAMP");
    if (t == QLatin1String("CURRENT_DATE") || t == QLatin1String("CURRENT_DATE()") ||
        t == QLatin1String("CURDATE()"))
        return QStringLiteral("CURRENT_DATE");
    if (t == QLatin1String("CURRENT_TIME") || t == QLatin1String("CURRENT_TIME()") ||
        t == QLatin1String("CURTIME()"))
        return QStringLiteral("CURRENT_TIME");
    return {};
}

bool jsonBool(const Json &value, const char *key, const QString &field)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<qint64>() != 0;
    if (value.is_string()) {
        const QString s = QString::fromStdString(value.get<std::string>()).trimmed().toLower();
        if (s == QLatin1String("true") || s == QLatin1String("1"))
            return true;
        if (s == QLatin1String("false") || s == QLatin1String("0") || s.isEmpty())
            return false;
    }
    if (value.is_null())
        return false;
    throw ApiError::badRequest(
        QStringLiteral("Property '%1' of field '%2' must be true or false.").arg(QLatin1String(key), field));
}

int jsonInt(const Json &value, const char *key, const QString &field, int max)
{
    if (value.is_null())
        return 0;
    qint64 n = -1;
    if (value.is_number_integer() || value.is_number_unsigned())
        n = value.get<qint64>();
    else if (value.is_number_float() && value.get<double>() == double(qint64(value.get<double>())))
        n = qint64(value.get<double>());
    else if (value.is_string()) {
        bool ok = false;
        n = QString::fromStdString(value.get<std::string>()).trimmed().toLongLong(&ok);
        if (!ok)
            n = -1;
    }
    if (n < 0 || n > max)
        throw ApiError::badRequest(
            QStringLiteral("Property '%1' of field '%2' must be a whole number from 0 to %3.")
                .arg(QLatin1String(key), field)
                .arg(max));
    return int(n);
}

QString jsonString(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return {};
    return QString::fromStdString(value.dump());
}

QString referentialAction(const Json &value, const char *key, const QString &field)
{
    QString action = jsonString(value).trimmed().toUpper();
    action.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (action.isEmpty())
        return {};
    static const QStringList allowed = {QStringLiteral("CASCADE"), QStringLiteral("SET NULL"),
                                        QStringLiteral("SET DEFAULT"), QStringLiteral("RESTRICT"),
                                        QStringLiteral("NO ACTION")};
    if (!allowed.contains(action))
        throw ApiError::badRequest(
            QStringLiteral("Property '%1' of field '%2' must be one of CASCADE, SET NULL, SET DEFAULT, "
                           "RESTRICT or NO ACTION.")
                .arg(QLatin1String(key), field));
    return action;
}

// A native type override, e.g. "varchar(40)", "numeric(12, 2)", "int unsigned", "text[]".
// Nothing else gets through, so db_type can never carry SQL.
bool isValidNativeType(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*){0,3}"
                       "(\\(\\s*\\d{1,5}\\s*(,\\s*\\d{1,5}\\s*)?\\))?( unsigned| zerofill)*(\\[\\])?$"),
        QRegularExpression::CaseInsensitiveOption);
    return text.size() <= 80 && pattern.match(text.trimmed()).hasMatch();
}

Json defaultFromVariant(const QVariant &value)
{
    return variantToJson(value);
}
} // namespace

bool FieldDefinition::isValidIdentifier(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch();
}

void FieldDefinition::checkTableName(const QString &name, bool allowSchema)
{
    const QStringList parts = name.split(QLatin1Char('.'));
    const bool ok =
        (parts.size() == 1 || (allowSchema && parts.size() == 2)) &&
        std::all_of(parts.begin(), parts.end(), [](const QString &p) { return isValidIdentifier(p); });
    if (!ok)
        throw ApiError::badRequest(
            QStringLiteral(
                "Invalid table name '%1'. Use letters, digits and underscores, starting with a letter.")
                .arg(name.left(80)));
}

FieldDefinition FieldDefinition::fromColumn(const ColumnSchema &column)
{
    FieldDefinition f;
    f.name = column.name;
    f.type = column.type;
    f.dbType = column.dbType;
    f.length = column.length;
    f.precision = column.precision;
    f.scale = column.scale;
    f.allowNull = column.allowNull;
    if (column.defaultValue.isValid() && !column.defaultValue.isNull() && !column.autoIncrement) {
        f.hasDefault = true;
        const QString keyword = column.defaultValue.typeId() == QMetaType::QString
                                    ? defaultKeyword(column.defaultValue.toString())
                                    : QString();
        if (!keyword.isEmpty()) {
            f.defaultIsExpression = true;
            f.defaultValue = keyword.toStdString();
        } else {
            f.defaultValue = defaultFromVariant(column.defaultValue);
        }
    }
    f.isPrimaryKey = column.isPrimaryKey;
    f.isUnique = column.isUnique;
    f.isIndex = column.isIndex;
    f.autoIncrement = column.autoIncrement;
    f.refTable = column.refTable;
    f.refField = column.refField;
    f.refOnUpdate = column.refOnUpdate;
    f.refOnDelete = column.refOnDelete;
    return f;
}

FieldDefinition FieldDefinition::fromJson(const Json &field, const ColumnSchema *existing)
{
    if (!field.is_object())
        throw ApiError::badRequest(QStringLiteral("Each field definition must be a JSON object."));
    FieldDefinition f = existing ? fromColumn(*existing) : FieldDefinition();
    const auto has = [&field](const char *key) { return field.contains(key); };

    const QString name = has("name") ? jsonString(field["name"]).trimmed() : QString();
    if (name.isEmpty() && !existing)
        throw ApiError::badRequest(QStringLiteral("Each field definition needs a 'name'."));
    if (!name.isEmpty()) {
        if (existing && name.compare(existing->name, Qt::CaseInsensitive) != 0)
            throw ApiError::badRequest(
                QStringLiteral("Renaming field '%1' is not supported.").arg(existing->name));
        if (!existing && !isValidIdentifier(name))
            throw ApiError::badRequest(
                QStringLiteral(
                    "Invalid field name '%1'. Use letters, digits and underscores, starting with a letter.")
                    .arg(name.left(80)));
        if (!existing)
            f.name = name;
    }

    if (has("type") && !field["type"].is_null()) {
        const QString type = jsonString(field["type"]).trimmed().toLower();
        if (!abstractTypes().contains(type))
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' has an unknown type '%2'.").arg(f.name, type.left(40)));
        if (type != f.type && existing)
            f.dbType.clear(); // a new abstract type replaces the old native one
        f.type = type;
    }
    if (has("db_type") && !field["db_type"].is_null()) {
        const QString dbType = jsonString(field["db_type"]).trimmed();
        if (!dbType.isEmpty() && !isValidNativeType(dbType))
            throw ApiError::badRequest(QStringLiteral("Field '%1' has an invalid db_type.").arg(f.name));
        f.dbType = dbType;
    } else if (existing &&
               (has("type") || has("length") || has("size") || has("precision") || has("scale"))) {
        // The native type text carries the old size; rebuild it from the abstract type.
        f.dbType.clear();
    }
    if (f.type.isEmpty() && f.dbType.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Field '%1' needs a 'type'.").arg(f.name));

    if (has("length"))
        f.length = jsonInt(field["length"], "length", f.name, 65535);
    if (has("size") && !has("length"))
        f.length = jsonInt(field["size"], "size", f.name, 65535);
    if (has("precision"))
        f.precision = jsonInt(field["precision"], "precision", f.name, 1000);
    if (has("scale"))
        f.scale = jsonInt(field["scale"], "scale", f.name, 1000);
    if (f.scale > f.precision && f.precision > 0)
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' has a scale larger than its precision.").arg(f.name));
    if (has("allow_null"))
        f.allowNull = jsonBool(field["allow_null"], "allow_null", f.name);
    else if (has("required") && !existing)
        f.allowNull = !jsonBool(field["required"], "required", f.name);
    if (has("is_primary_key"))
        f.isPrimaryKey = jsonBool(field["is_primary_key"], "is_primary_key", f.name);
    if (has("is_unique"))
        f.isUnique = jsonBool(field["is_unique"], "is_unique", f.name);
    if (has("is_index"))
        f.isIndex = jsonBool(field["is_index"], "is_index", f.name);
    if (has("auto_increment"))
        f.autoIncrement = jsonBool(field["auto_increment"], "auto_increment", f.name);

    if (has("default")) {
        const Json &value = field["default"];
        if (value.is_null()) {
            f.hasDefault = false;
            f.defaultValue = nullptr;
            f.defaultIsExpression = false;
        } else if (value.is_string()) {
            const QString text = QString::fromStdString(value.get<std::string>());
            if (text.contains(QChar(0)))
                throw ApiError::badRequest(QStringLiteral("Field '%1' has an invalid default.").arg(f.name));
            const QString keyword = defaultKeyword(text);
            f.hasDefault = true;
            f.defaultIsExpression = !keyword.isEmpty();
            f.defaultValue = keyword.isEmpty() ? value : Json(keyword.toStdString());
        } else if (value.is_boolean() || value.is_number()) {
            f.hasDefault = true;
            f.defaultIsExpression = false;
            f.defaultValue = value;
        } else if (f.type == QLatin1String("json") || f.type == QLatin1String("jsonb")) {
            f.hasDefault = true;
            f.defaultIsExpression = false;
            f.defaultValue = value.dump();
        } else {
            throw ApiError::badRequest(QStringLiteral("Field '%1' has an invalid default.").arg(f.name));
        }
    }

    if (has("ref_table")) {
        const QString refTable = jsonString(field["ref_table"]).trimmed();
        if (!refTable.isEmpty())
            checkTableName(refTable, true);
        f.refTable = refTable;
    }
    if (has("ref_field") || has("ref_fields")) {
        const QString refField =
            jsonString(has("ref_field") ? field["ref_field"] : field["ref_fields"]).trimmed();
        if (!refField.isEmpty() && !isValidIdentifier(refField))
            throw ApiError::badRequest(QStringLiteral("Field '%1' has an invalid ref_field.").arg(f.name));
        f.refField = refField;
    }
    if (has("ref_on_update"))
        f.refOnUpdate = referentialAction(field["ref_on_update"], "ref_on_update", f.name);
    if (has("ref_on_delete"))
        f.refOnDelete = referentialAction(field["ref_on_delete"], "ref_on_delete", f.name);

    // DF's convenience types imply their constraints.
    if (f.type == QLatin1String("id") || f.type == QLatin1String("bigid") ||
        f.type == QLatin1String("smallid") || f.type == QLatin1String("mediumid")) {
        f.autoIncrement = true;
        f.isPrimaryKey = true;
        f.allowNull = false;
        f.hasDefault = false;
    }
    if (f.type == QLatin1String("reference") && f.refTable.isEmpty())
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' of type reference needs a 'ref_table'.").arg(f.name));
    if ((f.type == QLatin1String("timestamp_on_create") || f.type == QLatin1String("timestamp_on_update")) &&
        !f.hasDefault) {
        f.hasDefault = true;
        f.defaultIsExpression = true;
        f.defaultValue = "CURRENT_TIMESTAMP";
    }
    if (f.autoIncrement && f.hasDefault)
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' cannot have both a default and auto_increment.").arg(f.name));
    if (f.isPrimaryKey)
        f.allowNull = false;
    return f;
}
} // namespace gatehouse
