#pragma once

#include <memory>

#include <QList>

#include "DbSchema.h"
#include "QueryBuilder.h"
#include "SqlCall.h"
#include "core/Json.h"
#include "security/FieldMasker.h"

namespace gatehouse {

// `related=`: adds each requested relationship to a page of records. One batched query per
// relationship (never one per record): the page's key values go into a bound IN list, and the
// per-relation limit applies to each parent through ROW_NUMBER() OVER (PARTITION BY parent).
class RelatedLoader
{
public:
    struct Request
    {
        const RelationSchema *relation = nullptr;
        std::shared_ptr<const TableSchema> target;
        std::shared_ptr<const TableSchema> junction;
        const ColumnSchema *parentColumn = nullptr;   // column of the page's table holding the key
        const ColumnSchema *matchColumn = nullptr;    // target column matched with (or joined to) the key
        const ColumnSchema *junctionParent = nullptr; // many_many: junction column holding the key
        const ColumnSchema *junctionTarget = nullptr; // many_many: junction column pointing at target
        QList<SelectItem> items;
        QList<OrderItem> order;
        qint64 limit = -1; // per parent
        // The role's GET row filter and field masks of the related table: related records obey
        // the same rules as a direct read of `_table/{target}`.
        SqlFragment filter;
        FieldMasker masker;
    };

    // Parses `related` ("*" or a comma list of relationship names) with each one's options
    // ({rel}.fields / {rel}_fields, .limit, .order). 400 for an unknown name or option, 403 when
    // the role may not GET the related table.
    static QList<Request> parse(const SqlCall &call, const TableSchema &table, const QString &related);

    // Sets each relationship on every record of `records` (an array of objects that contain
    // each request's parentColumn): an object or null for belongs_to, an array otherwise.
    static void attach(const SqlCall &call, const QList<Request> &requests, Json &records);

    // Keys per related query: well below every engine's bind-parameter limit.
    static constexpr int KeysPerQuery = 500;

private:
    static void attachOne(const SqlCall &call, const Request &request, Json &records);
};
} // namespace gatehouse
