#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;

// GET /system/event[?service=<name>]: {"resource": ["db._table.customers.get.pre_process", ...]},
// the names an event script may hook, derived from each service's RBAC components (see
// EventScriptNames::forComponents). Database services load their schema first (prepareDocs),
// so every table and procedure is listed. Sys-admins only.
class EventScriptEventList
{
public:
    explicit EventScriptEventList(ServiceManager &services);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done);

private:
    ServiceManager &m_services;
};
} // namespace gatehouse
