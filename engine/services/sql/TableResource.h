#pragma once

#include "SqlCall.h"
#include "core/Json.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// `_table`, `_table/{table}` and `_table/{table}/{id}` of a database service: the table list
// and the DreamFactory records API (query parameters, batch modes, related records).
// Runs on a database worker; throws ApiError for every client-visible failure.
class TableResource
{
public:
    static HttpResponse handle(SqlCall &call);

    // --- Shared by RecordReader and RecordWriter ------------------------------------------
    // A list reply the DF way: {"resource":[...]} plus "meta" when there is any. `wrap=false`
    // (query or header) gives the bare array, unless there is meta to carry.
    static HttpResponse listResponse(const SqlCall &call, Json records, Json meta = Json::object());
    // The same, for records already serialised as a JSON array.
    static HttpResponse listResponse(const SqlCall &call, const QByteArray &recordsJson, const Json &meta);
    // Records sent in a body: {"resource":[...]}, a bare array, or (when `allowSingle`) one
    // bare object. Empty when there are none.
    static Json bodyRecords(const Json &body, bool allowSingle);
    // Most records one write request may carry (config "max_batch_records", default 1000).
    static int maxBatch(const SqlCall &call);
    static ApiError recordNotFound(const QString &id);
    // A comma-list parameter (fields, ids, order, group, related) under the first present
    // alias. A JSON body may give it as an array, as DF accepts; the items are joined.
    static QString listParam(const RequestContext &ctx, std::initializer_list<const char *> keys);

private:
    static HttpResponse listTables(SqlCall &call);
};
} // namespace gatehouse
