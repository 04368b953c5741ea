#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/audit: the audit trail, read-only, with the system tables' list semantics (filter,
// fields, order, limit/offset, include_count, ids, by id). `params` is a JSON document and not
// filterable. Admins only, like all of `system`, unless a role grants `audit` explicitly.
class AuditResource : public RecordResource
{
public:
    explicit AuditResource(SystemStore &store);

    // Refuses every verb but GET (405) before RecordResource sees the request.
    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done);
};
} // namespace gatehouse
