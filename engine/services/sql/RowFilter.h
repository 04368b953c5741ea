#pragma once

#include <QString>
#include <QVariantMap>

#include "DbSchema.h"
#include "FilterAst.h"
#include "FilterParser.h"
#include "SqlDialect.h"
#include "core/Json.h"
#include "security/AccessTypes.h"

namespace gatehouse {

struct RequestContext;

// A role's server-side row filter (DreamFactory's "advanced filters", reference §4.3) for one
// table and verb: the `filters` of the most specific access row that grants the verb, joined
// by its `filter_op`. Values are lookup-substituted (public lookups only) and bound; the
// condition is built as a filter tree and written by FilterSqlWriter, so no filter text is
// ever parsed or spliced. Sys-admins and rows without filters give an inactive filter.
//
// An unresolvable lookup (e.g. {user.id} for a caller without a user), an unknown operator or
// a field the table lacks makes the filter fail closed (403 / 500), never match-all.
class RowFilter
{
public:
    RowFilter() = default;
    // The filter of `component` (e.g. "_table/orders") for `verb` on the request's service.
    static RowFilter forComponent(const RequestContext &ctx, qint64 serviceId, const QString &component,
                                  int verb);
    static RowFilter forTable(const RequestContext &ctx, qint64 serviceId, const TableSchema &table,
                              int verb);

    bool isActive() const { return m_active; }

    // The condition for `table` (without WHERE), empty when inactive. The SQL is parenthesised
    // so it can be ANDed with anything.
    SqlFragment sql(const TableSchema &table, const SqlDialect &dialect) const;
    // The same for result rows of a named query: `columns` is matched by name only; each
    // comparison's type follows its value (numbers bind as numbers).
    SqlFragment sqlForResult(const SqlDialect &dialect) const;

    // Checks the values of one record in memory (DF: 403 "Denied access to some of the requested
    // fields."). `changedOnly`: an update, where filters on fields the record does not carry are
    // skipped; on a create a missing field counts as NULL.
    void checkRecord(const TableSchema &table, const SqlDialect &dialect, const Json &record,
                     bool changedOnly) const;
    // Whether a result row (named query / procedure output) passes; fields it lacks fail.
    bool matchesRow(const Json &row) const;

    // `a AND b`, either may be empty.
    static SqlFragment both(const SqlFragment &a, const SqlFragment &b);

private:
    struct Condition
    {
        QString field;
        FilterOp op = FilterOp::Equal;
        bool negated = false;
        QVariant value; // null, a QString, a bool or a QVariantList (IN)
    };
    // true/false/unknown(-1) for one condition against a value; `present` false: field absent.
    static bool evaluate(const Condition &condition, const Json &value, const ColumnSchema *column,
                         const SqlDialect *dialect);
    SqlFragment write(const TableSchema &table, const SqlDialect &dialect) const;

    bool m_active = false;
    bool m_or = false;
    QList<Condition> m_conditions;
};
} // namespace gatehouse
