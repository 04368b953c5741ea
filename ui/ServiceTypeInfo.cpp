#include "ServiceTypeInfo.h"

namespace gatehouse {

bool ServiceTypeInfo::isDatabase() const
{
    return group == QLatin1String("Database");
}

ServiceTypeInfo ServiceTypeInfo::fromJson(const QJsonObject &json)
{
    ServiceTypeInfo type;
    type.name = json.value(QLatin1String("name")).toString();
    type.label = json.value(QLatin1String("label")).toString(type.name);
    type.group = json.value(QLatin1String("group")).toString();
    type.description = json.value(QLatin1String("description")).toString();
    type.configSchema = json.value(QLatin1String("config_schema")).toArray();
    type.testable = json.value(QLatin1String("testable")).toBool();
    return type;
}

QList<ServiceTypeInfo> ServiceTypeInfo::listFromJson(const QJsonValue &body)
{
    QList<ServiceTypeInfo> out;
    for (const QJsonValue &row : body.toObject().value(QLatin1String("resource")).toArray())
        out << fromJson(row.toObject());
    return out;
}
} // namespace gatehouse
