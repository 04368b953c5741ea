#pragma once

#include "SqlCall.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// `/{service}/_proc[/{name}]` and `/{service}/_func[/{name}]`: lists trimmed by RBAC,
// describes (`?ids=`), and calls via GET or POST with parameters from the body `params`,
// inline `name(a,b)` or the query string (reference §2.7). `_proc` also lists and runs the
// service's named queries (see NamedQuery). Runs on a database worker thread; throws
// ApiError for clean error replies.
class RoutineResource
{
public:
    static HttpResponse handle(SqlCall &call);
};
} // namespace gatehouse
