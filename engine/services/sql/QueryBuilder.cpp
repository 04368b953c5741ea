#include "QueryBuilder.h"

#include <QRegularExpression>

#include "core/ApiError.h"

namespace gatehouse {
namespace {

const QString kTableAlias = QStringLiteral("gh_t");
const QString kJunctionAlias = QStringLiteral("gh_j");
const QString kRowNumberAlias = QStringLiteral("__gh_rn");

const char *aggregateName(SelectItem::Aggregate aggregate)
{
    switch (aggregate) {
    case SelectItem::Aggregate::Sum:
        return "SUM";
    case SelectItem::Aggregate::Count:
        return "COUNT";
    case SelectItem::Aggregate::Avg:
        return "AVG";
    case SelectItem::Aggregate::Min:
        return "MIN";
    case SelectItem::Aggregate::Max:
        return "MAX";
    case SelectItem::Aggregate::None:
        break;
    }
    return "";
}

// "SUM(total)", "count( * )" ... The argument is checked against the schema afterwards.
const QRegularExpression &aggregatePattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*(SUM|COUNT|AVG|MIN|MAX)\s*\(\s*([^()\s]+)\s*\)\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// Parses an aggregate written as in DF's `fields`; returns false when `text` is not one.
bool parseAggregate(const TableSchema &table, const QString &text, SelectItem &item)
{
    const QRegularExpressionMatch match = aggregatePattern().match(text);
    if (!match.hasMatch())
        return false;
    const QString function = match.captured(1).toUpper();
    const QString argument = match.captured(2);
    if (function == QLatin1String("SUM"))
        item.aggregate = SelectItem::Aggregate::Sum;
    else if (function == QLatin1String("COUNT"))
        item.aggregate = SelectItem::Aggregate::Count;
    else if (function == QLatin1String("AVG"))
        item.aggregate = SelectItem::Aggregate::Avg;
    else if (function == QLatin1String("MIN"))
        item.aggregate = SelectItem::Aggregate::Min;
    else
        item.aggregate = SelectItem::Aggregate::Max;
    if (argument == QLatin1String("*")) {
        if (item.aggregate != SelectItem::Aggregate::Count)
            throw ApiError::badRequest(QStringLiteral("Invalid field requested: %1").arg(text.trimmed()));
        item.column = nullptr;
        item.alias = QStringLiteral("COUNT_ALL");
        return true;
    }
    item.column = table.column(argument);
    if (!item.column)
        throw ApiError::badRequest(QStringLiteral("Invalid field requested: %1").arg(text.trimmed()));
    item.alias = function + QLatin1Char('_') + item.column->name;
    return true;
}

QStringList splitList(const QString &text)
{
    QStringList out;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &part : parts) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out << trimmed;
    }
    return out;
}
} // namespace

QueryBuilder::QueryBuilder(const SqlDialect &dialect)
    : m_dialect(dialect)
{
}

QString QueryBuilder::parentKeyAlias()
{
    return QStringLiteral("__gh_parent");
}

SelectItem QueryBuilder::columnItem(const ColumnSchema &column)
{
    SelectItem item;
    item.column = &column;
    item.alias = column.name;
    return item;
}

QList<SelectItem> QueryBuilder::allColumns(const TableSchema &table)
{
    QList<SelectItem> items;
    items.reserve(table.columns.size());
    for (const ColumnSchema &column : table.columns)
        items << columnItem(column);
    return items;
}

QString QueryBuilder::expression(const SelectItem &item, const QString &qualifier) const
{
    QString column;
    if (item.column) {
        column = m_dialect.quoteIdentifier(item.column->name);
        if (!qualifier.isEmpty())
            column = qualifier + QLatin1Char('.') + column;
    }
    if (!item.isAggregate())
        return column;
    return QLatin1String(aggregateName(item.aggregate)) + QLatin1Char('(') +
           (item.column ? column : QStringLiteral("*")) + QLatin1Char(')');
}

QString QueryBuilder::selectList(const QList<SelectItem> &items, const QString &qualifier) const
{
    QString sql;
    for (const SelectItem &item : items) {
        if (!sql.isEmpty())
            sql += QLatin1String(", ");
        sql += expression(item, qualifier);
        if (item.isAggregate())
            sql += QLatin1String(" AS ") + m_dialect.quoteIdentifier(item.alias);
    }
    return sql;
}

QString QueryBuilder::orderList(const QList<OrderItem> &order, const QString &qualifier) const
{
    QString sql;
    for (const OrderItem &item : order) {
        if (!sql.isEmpty())
            sql += QLatin1String(", ");
        const QString expr = expression(item.expression, qualifier);
        const QLatin1String direction(item.descending ? " DESC" : " ASC");
        if (item.nulls == OrderItem::Nulls::Default) {
            sql += expr + direction;
        } else if (m_dialect.kind() == SqlDialect::Kind::Mysql) {
            // MySQL/MariaDB have no NULLS FIRST/LAST; sorting on "IS NULL" first does the same.
            sql +=
                expr +
                QLatin1String(item.nulls == OrderItem::Nulls::First ? " IS NULL DESC, " : " IS NULL ASC, ") +
                expr + direction;
        } else {
            sql += expr + direction +
                   QLatin1String(item.nulls == OrderItem::Nulls::First ? " NULLS FIRST" : " NULLS LAST");
        }
    }
    return sql;
}

QString QueryBuilder::returningClause(const QList<const ColumnSchema *> &returning) const
{
    if (returning.isEmpty() || !m_dialect.supportsReturning())
        return {};
    QString sql = QStringLiteral(" RETURNING ");
    for (qsizetype i = 0; i < returning.size(); ++i) {
        if (i > 0)
            sql += QLatin1String(", ");
        sql += m_dialect.quoteIdentifier(returning.at(i)->name);
    }
    return sql;
}

SqlFragment QueryBuilder::select(const SelectQuery &query) const
{
    SqlFragment out;
    // Room for the whole statement: QStringBuilder's `+=` reserves the exact new size, so a
    // string that outgrows its capacity is reallocated on every append after that.
    out.sql.reserve(2048);
    out.sql += QLatin1String("SELECT ") + selectList(query.items, {}) + QLatin1String(" FROM ") +
               m_dialect.quoteTable(*query.table);
    if (!query.where.sql.isEmpty()) {
        out.sql += QLatin1String(" WHERE ") + query.where.sql;
        out.binds += query.where.binds;
    }
    if (!query.groupBy.isEmpty()) {
        out.sql += QLatin1String(" GROUP BY ");
        for (qsizetype i = 0; i < query.groupBy.size(); ++i) {
            if (i > 0)
                out.sql += QLatin1String(", ");
            out.sql += m_dialect.quoteIdentifier(query.groupBy.at(i)->name);
        }
    }
    if (!query.having.sql.isEmpty()) {
        out.sql += QLatin1String(" HAVING ") + query.having.sql;
        out.binds += query.having.binds;
    }
    if (!query.order.isEmpty())
        out.sql += QLatin1String(" ORDER BY ") + orderList(query.order, {});
    out.sql += m_dialect.limitClause(query.limit, query.offset, out.binds);
    if (query.forUpdate && m_dialect.kind() != SqlDialect::Kind::Sqlite)
        out.sql += QLatin1String(" FOR UPDATE");
    return out;
}

SqlFragment QueryBuilder::count(const SelectQuery &query) const
{
    SqlFragment out;
    QString from = m_dialect.quoteTable(*query.table);
    if (!query.where.sql.isEmpty()) {
        from += QLatin1String(" WHERE ") + query.where.sql;
        out.binds += query.where.binds;
    }
    if (query.groupBy.isEmpty() && query.having.sql.isEmpty()) {
        out.sql = QLatin1String("SELECT COUNT(*) FROM ") + from;
        return out;
    }
    // Grouped: count the groups, which is what the page rows are.
    QString inner = QLatin1String("SELECT 1 AS ") + m_dialect.quoteIdentifier(QStringLiteral("gh_one")) +
                    QLatin1String(" FROM ") + from;
    if (!query.groupBy.isEmpty()) {
        inner += QLatin1String(" GROUP BY ");
        for (qsizetype i = 0; i < query.groupBy.size(); ++i) {
            if (i > 0)
                inner += QLatin1String(", ");
            inner += m_dialect.quoteIdentifier(query.groupBy.at(i)->name);
        }
    }
    if (!query.having.sql.isEmpty()) {
        inner += QLatin1String(" HAVING ") + query.having.sql;
        out.binds += query.having.binds;
    }
    out.sql = QLatin1String("SELECT COUNT(*) FROM (") + inner + QLatin1String(") ") +
              m_dialect.quoteIdentifier(QStringLiteral("gh_groups"));
    return out;
}

SqlFragment QueryBuilder::related(const RelatedQuery &query) const
{
    SqlFragment out;
    const QString t = m_dialect.quoteIdentifier(kTableAlias);
    const QString j = m_dialect.quoteIdentifier(kJunctionAlias);
    const QString parentAlias = m_dialect.quoteIdentifier(parentKeyAlias());
    const QString parentExpr =
        query.junction ? j + QLatin1Char('.') + m_dialect.quoteIdentifier(query.junctionParent->name)
                       : t + QLatin1Char('.') + m_dialect.quoteIdentifier(query.matchColumn->name);

    QString from;
    if (query.filter.sql.isEmpty()) {
        from = m_dialect.quoteTable(*query.table) + QLatin1String(" AS ") + t;
    } else {
        from = QLatin1String("(SELECT * FROM ") + m_dialect.quoteTable(*query.table) +
               QLatin1String(" WHERE ") + query.filter.sql + QLatin1String(") ") + t;
        out.binds += query.filter.binds; // the FROM comes before every other placeholder
    }
    if (query.junction) {
        from += QLatin1String(" JOIN ") + m_dialect.quoteTable(*query.junction) + QLatin1String(" AS ") + j +
                QLatin1String(" ON ") + j + QLatin1Char('.') +
                m_dialect.quoteIdentifier(query.junctionTarget->name) + QLatin1String(" = ") + t +
                QLatin1Char('.') + m_dialect.quoteIdentifier(query.matchColumn->name);
    }
    QString where = parentExpr + QLatin1String(" IN (");
    for (qsizetype i = 0; i < query.keys.size(); ++i)
        where += i == 0 ? QLatin1String("?") : QLatin1String(",?");
    where += QLatin1Char(')');
    out.binds += query.keys;

    QList<OrderItem> order = query.order;
    if (order.isEmpty()) {
        // A stable order, so that "the first N per parent" means the same thing every time.
        for (const QString &pk : query.table->primaryKey)
            if (const ColumnSchema *column = query.table->column(pk))
                order << OrderItem{columnItem(*column), false, OrderItem::Nulls::Default};
        if (order.isEmpty())
            order << OrderItem{columnItem(*query.matchColumn), false, OrderItem::Nulls::Default};
    }

    const QString items = selectList(query.items, t);
    if (query.perParent < 0) {
        out.sql = QLatin1String("SELECT ") + items + QLatin1String(", ") + parentExpr +
                  QLatin1String(" AS ") + parentAlias + QLatin1String(" FROM ") + from +
                  QLatin1String(" WHERE ") + where + QLatin1String(" ORDER BY ") + orderList(order, t);
        return out;
    }
    // The per-parent limit: number each parent's rows with ROW_NUMBER() and keep the first N.
    // Window functions exist on every supported engine (SQLite 3.25+, PostgreSQL, MariaDB 10.2+).
    const QString rowNumber = m_dialect.quoteIdentifier(kRowNumberAlias);
    const QString inner = QLatin1String("SELECT ") + items + QLatin1String(", ") + parentExpr +
                          QLatin1String(" AS ") + parentAlias +
                          QLatin1String(", ROW_NUMBER() OVER (PARTITION BY ") + parentExpr +
                          QLatin1String(" ORDER BY ") + orderList(order, t) + QLatin1String(") AS ") +
                          rowNumber + QLatin1String(" FROM ") + from + QLatin1String(" WHERE ") + where;
    const QString q = m_dialect.quoteIdentifier(QStringLiteral("gh_q"));
    QString outer;
    for (const SelectItem &item : query.items) {
        if (!outer.isEmpty())
            outer += QLatin1String(", ");
        outer += q + QLatin1Char('.') + m_dialect.quoteIdentifier(item.alias);
    }
    out.sql = QLatin1String("SELECT ") + outer + QLatin1String(", ") + q + QLatin1Char('.') + parentAlias +
              QLatin1String(" FROM (") + inner + QLatin1String(") ") + q + QLatin1String(" WHERE ") + q +
              QLatin1Char('.') + rowNumber + QLatin1String(" <= ? ORDER BY ") + q + QLatin1Char('.') +
              rowNumber;
    out.binds << query.perParent;
    return out;
}

SqlFragment QueryBuilder::insert(const TableSchema &table, const QList<const ColumnSchema *> &columns,
                                 const QVariantList &values,
                                 const QList<const ColumnSchema *> &returning) const
{
    SqlFragment out;
    out.sql = QLatin1String("INSERT INTO ") + m_dialect.quoteTable(table);
    if (columns.isEmpty()) {
        out.sql += m_dialect.kind() == SqlDialect::Kind::Mysql ? QLatin1String(" () VALUES ()")
                                                               : QLatin1String(" DEFAULT VALUES");
    } else {
        QString names;
        QString marks;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (i > 0) {
                names += QLatin1String(", ");
                marks += QLatin1String(", ");
            }
            names += m_dialect.quoteIdentifier(columns.at(i)->name);
            marks += QLatin1Char('?');
        }
        out.sql += QLatin1String(" (") + names + QLatin1String(") VALUES (") + marks + QLatin1Char(')');
        out.binds = values;
    }
    out.sql += returningClause(returning);
    return out;
}

SqlFragment QueryBuilder::update(const TableSchema &table, const QList<const ColumnSchema *> &columns,
                                 const QVariantList &values, const SqlFragment &where,
                                 const QList<const ColumnSchema *> &returning) const
{
    SqlFragment out;
    out.sql = QLatin1String("UPDATE ") + m_dialect.quoteTable(table) + QLatin1String(" SET ");
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            out.sql += QLatin1String(", ");
        out.sql += m_dialect.quoteIdentifier(columns.at(i)->name) + QLatin1String(" = ?");
    }
    out.binds = values;
    if (!where.sql.isEmpty()) {
        out.sql += QLatin1String(" WHERE ") + where.sql;
        out.binds += where.binds;
    }
    out.sql += returningClause(returning);
    return out;
}

SqlFragment QueryBuilder::remove(const TableSchema &table, const SqlFragment &where,
                                 const QList<const ColumnSchema *> &returning) const
{
    SqlFragment out;
    out.sql = QLatin1String("DELETE FROM ") + m_dialect.quoteTable(table);
    if (!where.sql.isEmpty()) {
        out.sql += QLatin1String(" WHERE ") + where.sql;
        out.binds = where.binds;
    }
    out.sql += returningClause(returning);
    return out;
}

SqlFragment QueryBuilder::keyCondition(const QList<const ColumnSchema *> &keyColumns,
                                       const QList<QVariantList> &keys) const
{
    SqlFragment out;
    if (keyColumns.size() == 1) {
        const QString column = m_dialect.quoteIdentifier(keyColumns.first()->name);
        if (keys.size() == 1) {
            out.sql = column + QLatin1String(" = ?");
        } else {
            out.sql = column + QLatin1String(" IN (");
            for (qsizetype i = 0; i < keys.size(); ++i)
                out.sql += i == 0 ? QLatin1String("?") : QLatin1String(",?");
            out.sql += QLatin1Char(')');
        }
        for (const QVariantList &key : keys)
            out.binds << key.value(0);
        return out;
    }
    out.sql = QStringLiteral("(");
    for (qsizetype k = 0; k < keys.size(); ++k) {
        if (k > 0)
            out.sql += QLatin1String(" OR ");
        out.sql += QLatin1Char('(');
        for (qsizetype c = 0; c < keyColumns.size(); ++c) {
            if (c > 0)
                out.sql += QLatin1String(" AND ");
            out.sql += m_dialect.quoteIdentifier(keyColumns.at(c)->name) + QLatin1String(" = ?");
            out.binds << keys.at(k).value(c);
        }
        out.sql += QLatin1Char(')');
    }
    out.sql += QLatin1Char(')');
    return out;
}

QList<SelectItem> QueryBuilder::parseFields(const TableSchema &table, const QString &fields,
                                            bool allowAggregates)
{
    const QString text = fields.trimmed();
    if (text.isEmpty() || text == QLatin1String("*"))
        return allColumns(table);
    QList<SelectItem> items;
    const auto add = [&items](const SelectItem &item) {
        for (const SelectItem &existing : std::as_const(items))
            if (existing.alias.compare(item.alias, Qt::CaseInsensitive) == 0)
                return;
        items << item;
    };
    const QStringList parts = splitList(text);
    for (const QString &part : parts) {
        if (part == QLatin1String("*")) {
            for (const SelectItem &item : allColumns(table))
                add(item);
            continue;
        }
        SelectItem item;
        if (parseAggregate(table, part, item)) {
            if (!allowAggregates)
                throw ApiError::badRequest(QStringLiteral("Invalid field requested: %1").arg(part));
            add(item);
            continue;
        }
        const ColumnSchema *column = table.column(part);
        if (!column)
            throw ApiError::badRequest(QStringLiteral("Invalid field requested: %1").arg(part));
        add(columnItem(*column));
    }
    if (items.isEmpty())
        return allColumns(table);
    return items;
}

QList<OrderItem> QueryBuilder::parseOrder(const TableSchema &table, const QString &order,
                                          const QList<SelectItem> &selected)
{
    QList<OrderItem> out;
    if (order.trimmed().isEmpty())
        return out;
    if (order.contains(QLatin1Char(';')))
        throw ApiError::badRequest(QStringLiteral("Invalid order requested: ';' is not allowed."));
    static const QRegularExpression itemPattern(
        QStringLiteral(R"(^(.+?)(?:\s+(ASC|DESC))?(?:\s+NULLS\s+(FIRST|LAST))?$)"),
        QRegularExpression::CaseInsensitiveOption);
    bool grouping = false;
    for (const SelectItem &item : selected)
        grouping = grouping || item.isAggregate();
    const QStringList parts = splitList(order);
    for (const QString &part : parts) {
        const QRegularExpressionMatch match = itemPattern.match(part);
        if (!match.hasMatch())
            throw ApiError::badRequest(QStringLiteral("Invalid order requested: %1").arg(part));
        const QString field = match.captured(1).trimmed();
        OrderItem item;
        item.descending = match.captured(2).compare(QLatin1String("DESC"), Qt::CaseInsensitive) == 0;
        if (!match.captured(3).isEmpty())
            item.nulls = match.captured(3).compare(QLatin1String("FIRST"), Qt::CaseInsensitive) == 0
                             ? OrderItem::Nulls::First
                             : OrderItem::Nulls::Last;
        if (const ColumnSchema *column = table.column(field)) {
            item.expression = columnItem(*column);
        } else {
            bool found = false;
            for (const SelectItem &candidate : selected) {
                if (candidate.isAggregate() && candidate.alias.compare(field, Qt::CaseInsensitive) == 0) {
                    item.expression = candidate;
                    found = true;
                    break;
                }
            }
            SelectItem aggregate;
            if (!found && grouping && parseAggregate(table, field, aggregate)) {
                item.expression = aggregate;
                found = true;
            }
            if (!found)
                throw ApiError::badRequest(QStringLiteral("Invalid order requested: %1").arg(part));
        }
        out << item;
    }
    return out;
}

QList<const ColumnSchema *> QueryBuilder::parseGroup(const TableSchema &table, const QString &group)
{
    QList<const ColumnSchema *> out;
    const QStringList parts = splitList(group);
    for (const QString &part : parts) {
        const ColumnSchema *column = table.column(part);
        if (!column)
            throw ApiError::badRequest(QStringLiteral("Invalid group field requested: %1").arg(part));
        if (!out.contains(column))
            out << column;
    }
    return out;
}
} // namespace gatehouse
