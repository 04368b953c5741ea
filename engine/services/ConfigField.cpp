#include "ConfigField.h"

#include <QSet>

namespace gatehouse {

ConfigField::ConfigField(QString name, QString type, QString label, QString description)
    : name(std::move(name))
    , label(std::move(label))
    , type(std::move(type))
    , description(std::move(description))
{
}

ConfigField &&ConfigField::isRequired() &&
{
    required = true;
    return std::move(*this);
}

ConfigField &&ConfigField::withDefault(Json value) &&
{
    defaultValue = std::move(value);
    return std::move(*this);
}

ConfigField &&ConfigField::withValues(QStringList choices) &&
{
    values = std::move(choices);
    return std::move(*this);
}

ConfigField &&ConfigField::isSecret() &&
{
    secret = true;
    return std::move(*this);
}

ConfigField &&ConfigField::withRange(qint64 min, qint64 max) &&
{
    minimum = min;
    maximum = max;
    return std::move(*this);
}

const QStringList &ConfigField::types()
{
    static const QStringList names{
        QStringLiteral("string"),   QStringLiteral("text"),           QStringLiteral("password"),
        QStringLiteral("integer"),  QStringLiteral("number"),         QStringLiteral("boolean"),
        QStringLiteral("picklist"), QStringLiteral("multi_picklist"), QStringLiteral("url"),
        QStringLiteral("array"),    QStringLiteral("object"),         QStringLiteral("role"),
        QStringLiteral("role_map"), QStringLiteral("json"),           QStringLiteral("script")};
    return names;
}

Json ConfigField::toJson() const
{
    Json out{{"name", name},         {"label", label},         {"type", type}, {"description", description},
             {"required", required}, {"default", defaultValue}};
    if (!values.isEmpty())
        out["values"] = values;
    if (secret)
        out["secret"] = true;
    if (!minimum.is_null())
        out["min"] = minimum;
    if (!maximum.is_null())
        out["max"] = maximum;
    return out;
}

namespace configschema {
QStringList keys(const ConfigSchema &schema)
{
    QStringList out;
    for (const ConfigField &field : schema)
        out << field.name;
    return out;
}

QStringList secretKeys(const ConfigSchema &schema)
{
    QStringList out;
    for (const ConfigField &field : schema)
        if (field.secret)
            out << field.name;
    return out;
}

Json toJson(const ConfigSchema &schema)
{
    Json out = Json::array();
    for (const ConfigField &field : schema)
        out.push_back(field.toJson());
    return out;
}

QStringList problems(const ConfigSchema &schema)
{
    QStringList out;
    QSet<QString> seen;
    for (const ConfigField &field : schema) {
        if (field.name.isEmpty() || field.label.isEmpty())
            out << QStringLiteral("A field has no name or label.");
        if (seen.contains(field.name))
            out << QStringLiteral("'%1' is declared twice.").arg(field.name);
        seen.insert(field.name);
        if (!ConfigField::types().contains(field.type))
            out << QStringLiteral("'%1' has the unknown type '%2'.").arg(field.name, field.type);
        const bool pick =
            field.type == QLatin1String("picklist") || field.type == QLatin1String("multi_picklist");
        if (pick && field.values.isEmpty())
            out << QStringLiteral("'%1' is a picklist without values.").arg(field.name);
        if (field.secret && field.type != QLatin1String("password"))
            out << QStringLiteral("'%1' is secret but not a password field.").arg(field.name);
    }
    return out;
}

QStringList missingRequired(const ConfigSchema &schema, const Json &config)
{
    QStringList out;
    for (const ConfigField &field : schema) {
        if (!field.required)
            continue;
        const auto it = config.is_object() ? config.find(field.name.toStdString()) : config.end();
        const bool missing =
            !config.is_object() || it == config.end() || it->is_null() ||
            (it->is_string() && QString::fromStdString(it->get<std::string>()).trimmed().isEmpty()) ||
            ((it->is_array() || it->is_object()) && it->empty());
        if (missing)
            out << field.name;
    }
    return out;
}
} // namespace configschema
} // namespace gatehouse
