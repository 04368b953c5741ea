#pragma once

#include <QString>

#include "DbSchema.h"
#include "core/Json.h"

namespace gatehouse {

// DreamFactory's describe shapes for tables, fields, relationships and routines, as
// `_schema`, `_proc`/`_func` describes (and the docs/spec generators) put them on the wire.
class SchemaJson
{
public:
    // DF labels: "order_items" -> "Order Items"; plural of a label: "Category" -> "Categories".
    static QString label(const QString &name);
    static QString plural(const QString &label);

    static Json field(const ColumnSchema &column);
    static Json relation(const RelationSchema &relation, qint64 serviceId);
    // `access` is the role's verb mask for the table; negative leaves "access" out.
    static Json table(const TableSchema &table, qint64 serviceId, int access = -1);
    static Json routine(const RoutineSchema &routine, int access = -1);
};
} // namespace gatehouse
