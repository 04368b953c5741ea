#pragma once

#include <QString>
#include <QVariant>

#include "DbSchema.h"
#include "FilterAst.h"
#include "FilterParser.h"
#include "SqlDialect.h"

namespace gatehouse {

// Turns a parsed filter into SQL for one table and dialect: resolves fields against the table
// and :params against the request, casts every value to its column's type and binds it. The
// only text it emits is quoted real column names, operators and '?' placeholders.
class FilterSqlWriter
{
public:
    FilterSqlWriter(const TableSchema &table, const SqlDialect &dialect, const QVariantMap &params);

    SqlFragment write(const FilterNode &root) const;

private:
    // A right-hand value once params are looked up.
    struct Resolved
    {
        enum class Kind
        {
            Null,
            Scalar,
            Function
        };
        Kind kind = Kind::Null;
        QVariant value;   // Scalar: a QString, bool or number; Function: its SQL name
        int position = 0; // where the value (or its :param) stands in the filter
    };

    QString writeNode(const FilterNode &node, QVariantList &binds) const;
    QString writeOperand(const FilterNode &node, QVariantList &binds) const;
    QString writeComparison(const FilterNode &node, QVariantList &binds) const;
    QString writeCompare(const FilterNode &node, const ColumnSchema &column, QVariantList &binds) const;
    QString writeIn(const FilterNode &node, const ColumnSchema &column, QVariantList &binds) const;
    QString writeLike(const FilterNode &node, const ColumnSchema &column, QVariantList &binds) const;

    const ColumnSchema &resolveField(const FilterNode &node) const;
    QList<Resolved> resolve(const FilterValue &value, bool allowList) const;
    QVariant bindValue(const ColumnSchema &column, const Resolved &value) const;

    const TableSchema &m_table;
    const SqlDialect &m_dialect;
    const QVariantMap &m_params;
};
} // namespace gatehouse
