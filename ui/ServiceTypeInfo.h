#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gatehouse {

// A creatable service type as GET /system/service_type describes it, with the config_schema
// the console builds a service's form from.
struct ServiceTypeInfo
{
    QString name;
    QString label;
    QString group;
    QString description;
    QJsonArray configSchema;
    bool testable = false; // has a probe: the editor's Test button works

    bool isDatabase() const;
    static ServiceTypeInfo fromJson(const QJsonObject &json);
    static QList<ServiceTypeInfo> listFromJson(const QJsonValue &body);
};
} // namespace gatehouse
