#pragma once

#include "LogRecordResource.h"

namespace gatehouse {

// /system/audit: the audit trail, read-only, with the system tables' list semantics (filter,
// fields, order, limit/offset, include_count, ids, by id). `params` is a JSON document and not
// filterable. Admins only, like all of `system`, unless a role grants `audit` explicitly.
class AuditResource : public LogRecordResource
{
public:
    explicit AuditResource(SystemStore &store);
};
} // namespace gatehouse
