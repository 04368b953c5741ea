#pragma once

#include "SqlCall.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// `/{service}/_schema[/{table}[/_field[/{field}] | /_related[/{relation}]]]`: table lists
// trimmed by RBAC, DF describes, and table/field create, alter and drop through SchemaDdl.
// Runs on a database worker thread; throws ApiError for clean error replies.
class SchemaResource
{
public:
    static HttpResponse handle(SqlCall &call);
};
} // namespace gatehouse
