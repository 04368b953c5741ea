#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

// One key of a service type's config, as GET /system/service_type describes it
// (`config_schema`, after DreamFactory) and the console builds its form from. The schema is the
// one list of a type's config keys: the types derive their known-key lists and secret fields
// from it.
//   type: string, text (multi-line), password, integer, number, boolean, picklist,
//         multi_picklist, url, array (of strings), object (string → string), role (a role id),
//         role_map (identity group → role rows), json (any JSON value), script (JavaScript
//         source: the console's script editor).
struct ConfigField
{
    QString name;
    QString label;
    QString type = QStringLiteral("string");
    QString description;
    bool required = false;
    Json defaultValue;  // null: none (the type decides, or the key is simply optional)
    QStringList values; // picklist / multi_picklist choices
    bool secret = false;
    Json minimum; // integer / number bounds; null: none
    Json maximum;

    ConfigField() = default;
    ConfigField(QString name, QString type, QString label, QString description);

    // Builders, for readable schema tables.
    ConfigField &&isRequired() &&;
    ConfigField &&withDefault(Json value) &&;
    ConfigField &&withValues(QStringList choices) &&;
    ConfigField &&isSecret() &&;
    ConfigField &&withRange(qint64 min, qint64 max) &&;

    Json toJson() const;
    // The type names above.
    static const QStringList &types();
};

using ConfigSchema = QList<ConfigField>;

namespace configschema {
QStringList keys(const ConfigSchema &schema);
QStringList secretKeys(const ConfigSchema &schema);
Json toJson(const ConfigSchema &schema);
// Problems with the schema itself (unknown type, duplicate key, picklist without values);
// empty when it is sound. For unit tests and a debug check at registration.
QStringList problems(const ConfigSchema &schema);
// The required keys `config` lacks (absent, null or an empty string/array/object).
QStringList missingRequired(const ConfigSchema &schema, const Json &config);
} // namespace configschema
} // namespace gatehouse
