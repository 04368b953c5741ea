#include "FilterSqlWriter.h"

#include <QStringList>

#include "FilterLexer.h"
#include "core/ApiError.h"

namespace gatehouse {

namespace {

ApiError errorAt(int position, const QString &problem)
{
    return ApiError::badRequest(FilterLexer::errorAt(position, problem));
}

// Qt's SQL drivers bind a null QString as SQL NULL, so an empty value ('') must be an empty
// string that is not null, or "name = ''" would never match.
QString nonNull(const QString &text)
{
    return text.isNull() ? QString(QLatin1String("")) : text;
}

bool isNullVariant(const QVariant &value)
{
    return !value.isValid() || value.typeId() == QMetaType::Nullptr;
}

bool isListVariant(const QVariant &value)
{
    return value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList;
}

bool isMapVariant(const QVariant &value)
{
    return value.typeId() == QMetaType::QVariantMap || value.typeId() == QMetaType::QVariantHash;
}

bool isTemporal(const ColumnSchema &column)
{
    return column.type.contains(QLatin1String("date"), Qt::CaseInsensitive) ||
           column.type.contains(QLatin1String("time"), Qt::CaseInsensitive);
}

bool isTextual(const ColumnSchema &column)
{
    return column.type == QLatin1String("string") || column.type == QLatin1String("text") ||
           column.type == QLatin1String("mediumtext") || column.type == QLatin1String("longtext");
}

FilterOp inverse(FilterOp op)
{
    switch (op) {
    case FilterOp::Equal:
        return FilterOp::NotEqual;
    case FilterOp::NotEqual:
        return FilterOp::Equal;
    case FilterOp::Less:
        return FilterOp::GreaterOrEqual;
    case FilterOp::LessOrEqual:
        return FilterOp::Greater;
    case FilterOp::Greater:
        return FilterOp::LessOrEqual;
    case FilterOp::GreaterOrEqual:
        return FilterOp::Less;
    default:
        return op;
    }
}

QString sqlSymbol(FilterOp op)
{
    switch (op) {
    case FilterOp::Equal:
        return QStringLiteral("=");
    case FilterOp::NotEqual:
        return QStringLiteral("<>");
    case FilterOp::Less:
        return QStringLiteral("<");
    case FilterOp::LessOrEqual:
        return QStringLiteral("<=");
    case FilterOp::Greater:
        return QStringLiteral(">");
    case FilterOp::GreaterOrEqual:
        return QStringLiteral(">=");
    default:
        return QString();
    }
}
} // namespace

FilterSqlWriter::FilterSqlWriter(const TableSchema &table, const SqlDialect &dialect,
                                 const QVariantMap &params)
    : m_table(table)
    , m_dialect(dialect)
    , m_params(params)
{
}

SqlFragment FilterSqlWriter::write(const FilterNode &root) const
{
    SqlFragment fragment;
    fragment.sql = writeNode(root, fragment.binds);
    // Callers append role filters with AND; a bare top-level OR would swallow them.
    if (root.kind == FilterNode::Kind::Or || root.kind == FilterNode::Kind::Xor)
        fragment.sql = QLatin1Char('(') + fragment.sql + QLatin1Char(')');
    return fragment;
}

QString FilterSqlWriter::writeNode(const FilterNode &node, QVariantList &binds) const
{
    const auto join = [&](const QString &separator) -> QString {
        QStringList parts;
        for (const FilterNode &child : node.children)
            parts << writeOperand(child, binds);
        return parts.join(separator);
    };
    switch (node.kind) {
    case FilterNode::Kind::Comparison:
        return writeComparison(node, binds);
    case FilterNode::Kind::And:
        return join(QStringLiteral(" AND "));
    case FilterNode::Kind::Or:
        return join(QStringLiteral(" OR "));
    case FilterNode::Kind::Nor:
        return QStringLiteral("NOT (") + join(QStringLiteral(" OR ")) + QLatin1Char(')');
    case FilterNode::Kind::Not:
        return QStringLiteral("NOT (") + writeNode(node.children.front(), binds) + QLatin1Char(')');
    case FilterNode::Kind::Xor: {
        // No portable XOR: MySQL has one, SQLite and PostgreSQL do not. Boolean inequality gives
        // the same truth table, NULL included (NULL XOR x and NULL <> x are both NULL).
        QString sql;
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            const QString operand = QLatin1Char('(') + writeNode(node.children[i], binds) + QLatin1Char(')');
            if (i == 0)
                sql = operand;
            else if (i == 1)
                sql += QStringLiteral(" <> ") + operand;
            else
                sql = QLatin1Char('(') + sql + QStringLiteral(") <> ") + operand;
        }
        return sql;
    }
    }
    return QString();
}

QString FilterSqlWriter::writeOperand(const FilterNode &node, QVariantList &binds) const
{
    // NOT, NOR and comparisons are self-contained; nested AND/OR/XOR need their own parentheses.
    const bool compound = node.kind == FilterNode::Kind::And || node.kind == FilterNode::Kind::Or ||
                          node.kind == FilterNode::Kind::Xor;
    const QString sql = writeNode(node, binds);
    return compound ? QLatin1Char('(') + sql + QLatin1Char(')') : sql;
}

QString FilterSqlWriter::writeComparison(const FilterNode &node, QVariantList &binds) const
{
    const ColumnSchema &column = resolveField(node);
    switch (node.op) {
    case FilterOp::IsNull:
        return m_dialect.quoteIdentifier(column.name) +
               (node.negated ? QStringLiteral(" IS NOT NULL") : QStringLiteral(" IS NULL"));
    case FilterOp::In:
        return writeIn(node, column, binds);
    case FilterOp::Like:
    case FilterOp::StartsWith:
    case FilterOp::EndsWith:
    case FilterOp::Contains:
        return writeLike(node, column, binds);
    default:
        return writeCompare(node, column, binds);
    }
}

QString FilterSqlWriter::writeCompare(const FilterNode &node, const ColumnSchema &column,
                                      QVariantList &binds) const
{
    const Resolved value = resolve(node.values.front(), false).front();
    const FilterOp op = node.negated ? inverse(node.op) : node.op;
    const QString target = m_dialect.quoteIdentifier(column.name);

    switch (value.kind) {
    case Resolved::Kind::Null:
        // SQL's "x = NULL" is never true; DreamFactory users mean IS NULL when they write it.
        if (op == FilterOp::Equal)
            return target + QStringLiteral(" IS NULL");
        if (op == FilterOp::NotEqual)
            return target + QStringLiteral(" IS NOT NULL");
        throw errorAt(value.position, QStringLiteral("null can only be compared with = or != (or use IS NULL "
                                                     "and IS NOT NULL)"));
    case Resolved::Kind::Function:
        // Comparing a number with a date fails on PostgreSQL at run time; say so up front.
        if (!isTemporal(column))
            throw errorAt(value.position,
                          QStringLiteral("(%1) can only be compared with a date or time field; "
                                         "'%2' is %3")
                              .arg(value.value.toString(), column.name, column.type));
        return target + QLatin1Char(' ') + sqlSymbol(op) + QLatin1Char(' ') + value.value.toString();
    case Resolved::Kind::Scalar:
        break;
    }
    binds << bindValue(column, value);
    return target + QLatin1Char(' ') + sqlSymbol(op) + QStringLiteral(" ?");
}

QString FilterSqlWriter::writeIn(const FilterNode &node, const ColumnSchema &column,
                                 QVariantList &binds) const
{
    QList<Resolved> items;
    for (const FilterValue &value : node.values)
        items += resolve(value, true);
    if (items.size() > FilterParser::MaxListSize)
        throw errorAt(node.values.front().position,
                      QStringLiteral("the IN list has more than %1 values").arg(FilterParser::MaxListSize));

    const QString target = m_dialect.quoteIdentifier(column.name);
    bool hasNull = false;
    QStringList marks;
    for (const Resolved &item : items) {
        if (item.kind == Resolved::Kind::Null) {
            hasNull = true;
            continue;
        }
        binds << bindValue(column, item);
        marks << QStringLiteral("?");
    }

    const QString isNull =
        target + (node.negated ? QStringLiteral(" IS NOT NULL") : QStringLiteral(" IS NULL"));
    if (marks.isEmpty()) {
        if (hasNull)
            return isNull;
        // Only an empty :param array gets here; "IN ()" is not valid SQL, so write its meaning.
        return node.negated ? QStringLiteral("1 = 1") : QStringLiteral("1 = 0");
    }
    const QString list = target + (node.negated ? QStringLiteral(" NOT IN (") : QStringLiteral(" IN (")) +
                         marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (!hasNull)
        return list;
    // In SQL "x IN (1, NULL)" never matches a NULL x and "x NOT IN (1, NULL)" matches nothing at
    // all; spell out what a caller listing null means.
    return QLatin1Char('(') + list + (node.negated ? QStringLiteral(" AND ") : QStringLiteral(" OR ")) +
           isNull + QLatin1Char(')');
}

QString FilterSqlWriter::writeLike(const FilterNode &node, const ColumnSchema &column,
                                   QVariantList &binds) const
{
    const Resolved value = resolve(node.values.front(), false).front();
    if (value.kind != Resolved::Kind::Scalar)
        throw errorAt(value.position, QStringLiteral("'%1' needs a text value, not null").arg(node.opText));
    const QString text = value.value.toString();

    QString pattern;
    switch (node.op) {
    case FilterOp::Like:
        // The caller's % and _ are wildcards; '!' escapes them. A trailing lone '!' is an error
        // on PostgreSQL, so refuse it here with a message that explains it.
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('!'))
                continue;
            if (i + 1 == text.size())
                throw errorAt(value.position,
                              QStringLiteral("the LIKE pattern ends with the escape character "
                                             "'!'; write '!!' for a literal '!'"));
            ++i;
        }
        pattern = text;
        break;
    case FilterOp::StartsWith:
        pattern = escapeLikePattern(text) + QLatin1Char('%');
        break;
    case FilterOp::EndsWith:
        pattern = QLatin1Char('%') + escapeLikePattern(text);
        break;
    default:
        pattern = QLatin1Char('%') + escapeLikePattern(text) + QLatin1Char('%');
        break;
    }

    QString target = m_dialect.quoteIdentifier(column.name);
    // SQLite and MySQL apply LIKE to any type; PostgreSQL only to text.
    if (m_dialect.kind() == SqlDialect::Kind::Postgres && !isTextual(column))
        target = QStringLiteral("CAST(") + target + QStringLiteral(" AS TEXT)");
    binds << nonNull(pattern);
    return target + QLatin1Char(' ') + m_dialect.likeOperator(node.negated);
}

const ColumnSchema &FilterSqlWriter::resolveField(const FilterNode &node) const
{
    if (node.field.contains(QLatin1Char('.')))
        throw errorAt(node.position,
                      QStringLiteral("'%1' is a dotted path; filters on related tables are not "
                                     "supported, only fields of table '%2' can be used")
                          .arg(FilterLexer::excerpt(node.field), m_table.name));
    const ColumnSchema *column = m_table.column(node.field);
    if (!column)
        throw ApiError::badRequest(QStringLiteral("Invalid or unparsable field in filter request: '%1'")
                                       .arg(FilterLexer::excerpt(node.field)));
    return *column;
}

QList<FilterSqlWriter::Resolved> FilterSqlWriter::resolve(const FilterValue &value, bool allowList) const
{
    Resolved resolved;
    resolved.position = value.position;
    switch (value.kind) {
    case FilterValue::Kind::String:
    case FilterValue::Kind::Number:
        resolved.kind = Resolved::Kind::Scalar;
        resolved.value = nonNull(value.text);
        return {resolved};
    case FilterValue::Kind::Boolean:
        resolved.kind = Resolved::Kind::Scalar;
        resolved.value = value.text == QLatin1String("true");
        return {resolved};
    case FilterValue::Kind::Null:
        return {resolved};
    case FilterValue::Kind::Function:
        resolved.kind = Resolved::Kind::Function;
        resolved.value = value.text;
        return {resolved};
    case FilterValue::Kind::Lookup:
        throw errorAt(value.position,
                      QStringLiteral("lookups such as '{%1}' are not available in this context")
                          .arg(FilterLexer::excerpt(value.text)));
    case FilterValue::Kind::Param:
        break;
    }

    const QString name = QLatin1Char(':') + value.text;
    QVariant given;
    if (m_params.contains(name))
        given = m_params.value(name);
    else if (m_params.contains(value.text))
        given = m_params.value(value.text);
    else
        throw errorAt(value.position, QStringLiteral("no value was given for the parameter '%1'").arg(name));

    const auto scalar = [&](const QVariant &item) {
        Resolved out;
        out.position = value.position;
        if (isNullVariant(item))
            return out;
        if (isListVariant(item) || isMapVariant(item))
            throw errorAt(value.position,
                          QStringLiteral("the parameter '%1' must hold plain values").arg(name));
        if (item.typeId() == QMetaType::QString && item.toString().contains(QChar(0)))
            throw errorAt(value.position,
                          QStringLiteral("the parameter '%1' contains a NUL character").arg(name));
        out.kind = Resolved::Kind::Scalar;
        out.value = item.typeId() == QMetaType::QString ? QVariant(nonNull(item.toString())) : item;
        return out;
    };

    if (isMapVariant(given))
        throw errorAt(value.position,
                      QStringLiteral("the parameter '%1' must be a single value or a list").arg(name));
    if (!isListVariant(given))
        return {scalar(given)};
    if (!allowList)
        throw errorAt(value.position,
                      QStringLiteral("the parameter '%1' holds a list, which only IN accepts").arg(name));
    QList<Resolved> items;
    for (const QVariant &item : given.toList())
        items << scalar(item);
    return items;
}

QVariant FilterSqlWriter::bindValue(const ColumnSchema &column, const Resolved &value) const
{
    QVariant input = value.value;
    // true/false against a 0/1 integer column is what a caller means; castValue alone would
    // reject the word "true" as an integer.
    if (input.typeId() == QMetaType::Bool && column.isNumeric())
        input = input.toBool() ? 1 : 0;
    QVariant cast = m_dialect.castValue(column, input);
    if (cast.typeId() == QMetaType::QString)
        cast = nonNull(cast.toString());
    return cast;
}
} // namespace gatehouse
