#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include "DbSchema.h"
#include "FilterParser.h"
#include "SqlDialect.h"

namespace gatehouse {

// One entry of a SELECT list: a plain column, or an aggregate over a column (COUNT(*) has none).
struct SelectItem
{
    enum class Aggregate
    {
        None,
        Sum,
        Count,
        Avg,
        Min,
        Max
    };
    Aggregate aggregate = Aggregate::None;
    const ColumnSchema *column = nullptr;
    QString alias; // output name: the column's own name, or e.g. SUM_total / COUNT_ALL

    bool isAggregate() const { return aggregate != Aggregate::None; }
};

struct OrderItem
{
    enum class Nulls
    {
        Default,
        First,
        Last
    };
    SelectItem expression; // a column, or an aggregate of the select list when grouping
    bool descending = false;
    Nulls nulls = Nulls::Default;
};

// A records query on one table. `items` is the exact SELECT list, in output order.
struct SelectQuery
{
    const TableSchema *table = nullptr;
    QList<SelectItem> items;
    SqlFragment where; // condition without the WHERE keyword; empty for none
    QList<const ColumnSchema *> groupBy;
    SqlFragment having;
    QList<OrderItem> order;
    qint64 limit = -1; // -1: no limit
    qint64 offset = 0;
    bool forUpdate = false; // lock the selected rows (ignored where the engine has no row locks)
};

// The records of a related table for a page of parent keys, at most `perParent` per key.
// has_many / belongs_to match `matchColumn` of `table`; many_many go through the junction table.
// The parent key comes back as the extra column parentKeyAlias() after the items.
struct RelatedQuery
{
    const TableSchema *table = nullptr;
    QList<SelectItem> items;
    const ColumnSchema *matchColumn = nullptr; // column of `table` compared with the keys (or joined)
    const TableSchema *junction = nullptr;
    const ColumnSchema *junctionParent = nullptr; // junction column that holds the parent key
    const ColumnSchema *junctionTarget = nullptr; // junction column that points at matchColumn
    QVariantList keys;
    QList<OrderItem> order;
    qint64 perParent = -1; // -1: no limit
    // The role's row filter on `table` (unqualified column names); the table is read through a
    // filtered subquery so the names cannot collide with the junction's.
    SqlFragment filter;
};

// Builds the SQL of the records API for one dialect. Identifiers only ever come from the
// schema and are quoted by the dialect; every value is a bound '?'. No database needed, so
// it is unit-testable on its own.
class QueryBuilder
{
public:
    explicit QueryBuilder(const SqlDialect &dialect);

    SqlFragment select(const SelectQuery &query) const;
    // COUNT of the rows (or groups) `query` selects, ignoring its order, limit and offset.
    SqlFragment count(const SelectQuery &query) const;
    SqlFragment related(const RelatedQuery &query) const;
    // INSERT of one row; with an empty column list the row gets every default.
    SqlFragment insert(const TableSchema &table, const QList<const ColumnSchema *> &columns,
                       const QVariantList &values, const QList<const ColumnSchema *> &returning = {}) const;
    SqlFragment update(const TableSchema &table, const QList<const ColumnSchema *> &columns,
                       const QVariantList &values, const SqlFragment &where,
                       const QList<const ColumnSchema *> &returning = {}) const;
    SqlFragment remove(const TableSchema &table, const SqlFragment &where,
                       const QList<const ColumnSchema *> &returning = {}) const;
    // "(k IN (?,?))" for one key column; "((a = ? AND b = ?) OR (...))" for composite keys.
    // Each entry of `keys` holds one value per key column.
    SqlFragment keyCondition(const QList<const ColumnSchema *> &keyColumns,
                             const QList<QVariantList> &keys) const;

    // Name of the extra parent-key column related() returns.
    static QString parentKeyAlias();

    // Request parsing against the schema; these throw ApiError 400 on anything not in it.
    // `fields` is DF's comma list ('*' or empty for every column); aggregates (SUM, COUNT,
    // AVG, MIN, MAX and COUNT(*)) are accepted when `allowAggregates`.
    static QList<SelectItem> parseFields(const TableSchema &table, const QString &fields,
                                         bool allowAggregates);
    // `field [asc|desc] [nulls first|last]`, comma-separated. Aggregates of `selected` (by
    // alias or written as SUM(x)) may be ordered on when grouping.
    static QList<OrderItem> parseOrder(const TableSchema &table, const QString &order,
                                       const QList<SelectItem> &selected = {});
    static QList<const ColumnSchema *> parseGroup(const TableSchema &table, const QString &group);
    static QList<SelectItem> allColumns(const TableSchema &table);
    static SelectItem columnItem(const ColumnSchema &column);

    // The SQL text of an item as it appears in SELECT / ORDER BY (without alias), using
    // `qualifier` (an already-quoted table alias) when not empty.
    QString expression(const SelectItem &item, const QString &qualifier = {}) const;

private:
    QString selectList(const QList<SelectItem> &items, const QString &qualifier) const;
    QString orderList(const QList<OrderItem> &order, const QString &qualifier) const;
    QString returningClause(const QList<const ColumnSchema *> &returning) const;

    const SqlDialect &m_dialect;
};
} // namespace gatehouse
