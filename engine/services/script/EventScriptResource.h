#pragma once

#include "services/system/RecordResource.h"

namespace gatehouse {

// /system/event_script: DreamFactory's event scripts, keyed by name (the event they hook):
// GET/PUT/PATCH/DELETE /system/event_script/{name} (a numeric id works too), POST with
// {"resource": [...]} or /system/event_script/{name} with one record, and the usual list
// parameters (fields, filter, order, limit, offset, include_count). Sys-admins only. The
// content is syntax-checked on save (400 naming the line); `type` is "javascript" only; config
// is {allowed_hosts, cpu_limit_ms, memory_limit_mb, ...} (the rest reaches platform.config).
// Every write rebuilds the AccessSnapshot, which carries the active scripts (EventScriptTable).
class EventScriptResource : public RecordResource
{
public:
    explicit EventScriptResource(SystemStore &store);

    void handleNamed(std::shared_ptr<const RequestContext> context, const QStringList &path,
                     Service::Completion done);

protected:
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
};
} // namespace gatehouse
