#pragma once

#include <memory>

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

// One active row of /system/event_script, as the gate runs it.
struct EventScript
{
    QString name; // the event it hooks, e.g. "db._table.orders.get.pre_process"
    QString content;
    Json config = Json::object(); // platform.config: the row's config without the limits below
    QStringList allowedHosts;     // platform.http egress
    int cpuLimitMs = 0;           // 0: the engine default
    qint64 memoryLimitBytes = 0;  // 0: the engine default
    bool allowModification = false;
};

// The active event scripts, grouped by the service their event names start with. Carried by the
// AccessSnapshot (rebuilt after every system write and when another node changes something), so
// a new or changed script applies from the next request on, and a request to a service without
// scripts costs one hash lookup (forService()).
class EventScriptTable
{
public:
    using Scripts = QHash<QString, std::shared_ptr<const EventScript>>; // event name -> script

    // Null when the service has no active script: the gate's whole cost for it.
    const Scripts *forService(const QString &service) const
    {
        const auto it = m_byService.constFind(service);
        return it == m_byService.constEnd() ? nullptr : &it.value();
    }
    bool isEmpty() const { return m_byService.isEmpty(); }

    void insert(EventScript script);

    // Worker side (AccessSnapshot rebuild). Throws ApiError when unreadable.
    static std::shared_ptr<const EventScriptTable> load(QSqlDatabase &db);
    // The row's config JSON split into the script's limits and platform.config.
    static void applyConfig(EventScript &script, const Json &config);

private:
    QHash<QString, Scripts> m_byService;
};
} // namespace gatehouse
