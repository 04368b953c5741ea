#pragma once

#include <functional>

#include <QString>

#include "core/Json.h"

namespace gatehouse {

class SqlService;
struct RequestContext;
struct ColumnSchema;
struct TableSchema;

// The OpenAPI paths of a database service (DreamFactory's operationIds: getRecordsByTable,
// createRecords, callStoredProc ...): generic {table_name} paths, or with `expand` one path
// pair and one schema per table; procedures, functions and named queries by name when
// expanded. The caller filter in OpenApiBuilder removes what the role may not use.
class SqlServiceDocs
{
public:
    static Json openApi(const SqlService &service, const RequestContext &caller, bool expand);
    // A table's record as a JSON schema (types, nullability, required columns).
    // `namesRef`: whether a column's referenced table may be named (one the caller can read).
    static Json tableSchema(const TableSchema &table,
                            const std::function<bool(const QString &)> &namesRef = {});
    static Json columnSchema(const ColumnSchema &column, bool namesRef = true);
    // `x-dreamfactory-resources`: {type: "database", tables: [readable tables], count}.
    static Json resourcesExtension(const SqlService &service, const RequestContext &caller);
};
} // namespace gatehouse
