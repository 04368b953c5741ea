#include "RowFilter.h"

#include <QRegularExpression>

#include "FilterSqlWriter.h"
#include "core/ApiError.h"
#include "security/LookupResolver.h"
#include "security/Rbac.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {

const QRegularExpression &lookupPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_.]*)\\}"));
    return pattern;
}

ApiError misconfigured(const QString &component, const QString &problem)
{
    // The details go to the admin reading the message; nothing about the data is revealed.
    return ApiError::internal(
        QStringLiteral("The role's row filter for '%1' is misconfigured: %2.").arg(component, problem));
}

// Public lookups only: role filter values are not a trusted-substitution context.
QString resolveText(const LookupResolver &lookups, const QString &text)
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    QString out;
    if (text.size() > 2 && text.front() == QLatin1Char('{') && text.back() == QLatin1Char('}') &&
        LookupResolver::isValidName(text.mid(1, text.size() - 2))) {
        const std::optional<QString> value = lookups.value(text.mid(1, text.size() - 2));
        if (value)
            return value->isNull() ? QString(QLatin1String("")) : *value;
        out = text;
    } else {
        out = lookups.substitute(text);
    }
    const QRegularExpressionMatch left =
        out.contains(QLatin1Char('{')) ? lookupPattern().match(out) : QRegularExpressionMatch();
    if (left.hasMatch())
        // Comparing with the literal "{user.id}" could match everything under != or NOT IN.
        throw ApiError::forbidden(QStringLiteral("Access denied: the role's row filter uses the lookup '%1', "
                                                 "which has no value for this caller.")
                                      .arg(left.captured(0)));
    return out;
}

QVariant resolveScalar(const LookupResolver &lookups, const Json &value)
{
    if (value.is_null())
        return QVariant();
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number())
        return QString::fromStdString(value.dump());
    if (value.is_string())
        return resolveText(lookups, QString::fromStdString(value.get<std::string>()));
    return QString::fromStdString(value.dump());
}

QString unquote(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() >= 2 && (t.front() == QLatin1Char('\'') || t.front() == QLatin1Char('"')) &&
        t.back() == t.front())
        return t.mid(1, t.size() - 2);
    return t;
}

bool isNumericVariant(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Double:
    case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

// -1, 0, 1; numbers compare as numbers when the column is numeric or both values are.
int compare(const QVariant &a, const QVariant &b, bool numeric)
{
    if (numeric || (isNumericVariant(a) && isNumericVariant(b))) {
        bool okA = false;
        bool okB = false;
        const double x = a.toString().toDouble(&okA);
        const double y = b.toString().toDouble(&okB);
        if (okA && okB)
            return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a.typeId() == QMetaType::Bool || b.typeId() == QMetaType::Bool) {
        const auto truth = [](const QVariant &v) {
            const QString t = v.toString().toLower();
            return t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("t");
        };
        return int(truth(a)) - int(truth(b));
    }
    const int c = a.toString().compare(b.toString(), Qt::CaseSensitive);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

const Json *findField(const Json &record, const QString &field)
{
    if (!record.is_object())
        return nullptr;
    for (auto it = record.begin(); it != record.end(); ++it)
        if (QString::fromStdString(it.key()).compare(field, Qt::CaseInsensitive) == 0)
            return &it.value();
    return nullptr;
}
} // namespace

RowFilter RowFilter::forTable(const RequestContext &ctx, qint64 serviceId, const TableSchema &table, int verb)
{
    return forComponent(ctx, serviceId, QLatin1String("_table/") + table.name, verb);
}

RowFilter RowFilter::forComponent(const RequestContext &ctx, qint64 serviceId, const QString &component,
                                  int verb)
{
    RowFilter filter;
    const AccessRule *rule = Rbac::filterRule(ctx.session, serviceId, component, verb, ctx.requestor);
    if (!rule)
        return filter;
    filter.m_active = true;
    const QString op = rule->filterOp.trimmed().toUpper();
    if (!op.isEmpty() && op != QLatin1String("AND") && op != QLatin1String("OR"))
        throw misconfigured(component, QStringLiteral("filter_op must be AND or OR"));
    filter.m_or = op == QLatin1String("OR");
    const LookupResolver lookups(ctx.session);
    for (const Json &entry : rule->filters) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
            throw misconfigured(component, QStringLiteral("every filter needs a field name"));
        Condition condition;
        condition.field = QString::fromStdString(entry["name"].get<std::string>()).trimmed();
        const QString opText =
            entry.contains("operator") && entry["operator"].is_string()
                ? QString::fromStdString(entry["operator"].get<std::string>()).simplified().toUpper()
                : QStringLiteral("=");
        if (opText == QLatin1String("=") || opText == QLatin1String("EQ")) {
            condition.op = FilterOp::Equal;
        } else if (opText == QLatin1String("!=") || opText == QLatin1String("<>") ||
                   opText == QLatin1String("NE")) {
            condition.op = FilterOp::NotEqual;
        } else if (opText == QLatin1String(">") || opText == QLatin1String("GT")) {
            condition.op = FilterOp::Greater;
        } else if (opText == QLatin1String(">=") || opText == QLatin1String("GTE")) {
            condition.op = FilterOp::GreaterOrEqual;
        } else if (opText == QLatin1String("<") || opText == QLatin1String("LT")) {
            condition.op = FilterOp::Less;
        } else if (opText == QLatin1String("<=") || opText == QLatin1String("LTE")) {
            condition.op = FilterOp::LessOrEqual;
        } else if (opText == QLatin1String("IN") || opText == QLatin1String("NOT IN")) {
            condition.op = FilterOp::In;
            condition.negated = opText.startsWith(QLatin1String("NOT"));
        } else if (opText == QLatin1String("STARTS WITH")) {
            condition.op = FilterOp::StartsWith;
        } else if (opText == QLatin1String("ENDS WITH")) {
            condition.op = FilterOp::EndsWith;
        } else if (opText == QLatin1String("CONTAINS")) {
            condition.op = FilterOp::Contains;
        } else if (opText == QLatin1String("IS NULL") || opText == QLatin1String("IS NOT NULL")) {
            condition.op = FilterOp::IsNull;
            condition.negated = opText == QLatin1String("IS NOT NULL");
        } else {
            throw misconfigured(component, QStringLiteral("unknown operator '%1'").arg(opText.left(20)));
        }

        const Json value = entry.value("value", Json(nullptr));
        if (condition.op == FilterOp::In) {
            QVariantList items;
            if (value.is_array()) {
                for (const Json &item : value)
                    items << resolveScalar(lookups, item);
            } else if (value.is_string()) {
                QString text = QString::fromStdString(value.get<std::string>()).trimmed();
                if (text.startsWith(QLatin1Char('(')) && text.endsWith(QLatin1Char(')')))
                    text = text.mid(1, text.size() - 2);
                for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    items << resolveText(lookups, unquote(part));
            } else {
                items << resolveScalar(lookups, value);
            }
            condition.value = items;
        } else if (condition.op != FilterOp::IsNull) {
            condition.value = resolveScalar(lookups, value);
            const bool textual = condition.op == FilterOp::StartsWith || condition.op == FilterOp::EndsWith ||
                                 condition.op == FilterOp::Contains;
            if (textual && condition.value.isNull())
                throw misconfigured(component, QStringLiteral("'%1' needs a text value").arg(opText));
            if (condition.value.isNull() && condition.op != FilterOp::Equal &&
                condition.op != FilterOp::NotEqual)
                throw misconfigured(component, QStringLiteral("null can only be compared with = or !="));
        }
        filter.m_conditions << condition;
    }
    if (filter.m_conditions.isEmpty())
        filter.m_active = false;
    return filter;
}

SqlFragment RowFilter::write(const TableSchema &table, const SqlDialect &dialect) const
{
    FilterNode root;
    root.kind = m_or ? FilterNode::Kind::Or : FilterNode::Kind::And;
    QVariantMap params;
    for (qsizetype i = 0; i < m_conditions.size(); ++i) {
        const Condition &condition = m_conditions.at(i);
        FilterNode node;
        node.kind = FilterNode::Kind::Comparison;
        node.field = condition.field;
        node.op = condition.op;
        node.negated = condition.negated;
        node.opText = filterOpName(condition.op);
        if (condition.op != FilterOp::IsNull) {
            const QString name = QStringLiteral("__gh_rf%1").arg(i);
            FilterValue value;
            value.kind = FilterValue::Kind::Param;
            value.text = name;
            node.values << value;
            params.insert(name, condition.value);
        }
        root.children.push_back(std::move(node));
    }
    SqlFragment out = FilterSqlWriter(table, dialect, params).write(root);
    out.sql = QLatin1Char('(') + out.sql + QLatin1Char(')');
    return out;
}

SqlFragment RowFilter::sql(const TableSchema &table, const SqlDialect &dialect) const
{
    if (!m_active)
        return {};
    for (const Condition &condition : m_conditions)
        if (!table.column(condition.field))
            throw misconfigured(
                QLatin1String("_table/") + table.name,
                QStringLiteral("table '%1' has no field '%2'").arg(table.name, condition.field));
    return write(table, dialect);
}

SqlFragment RowFilter::sqlForResult(const SqlDialect &dialect) const
{
    if (!m_active)
        return {};
    // A stand-in table whose columns are the filter's fields, typed by their values, so the
    // writer binds numbers as numbers.
    TableSchema standIn;
    for (const Condition &condition : m_conditions) {
        if (standIn.column(condition.field))
            continue;
        QVariant sample = condition.value;
        if (sample.typeId() == QMetaType::QVariantList)
            sample = sample.toList().value(0);
        ColumnSchema column;
        column.name = condition.field;
        bool ok = false;
        if (sample.typeId() == QMetaType::Bool)
            column.type = QStringLiteral("boolean");
        else if (sample.toString().toLongLong(&ok), ok)
            column.type = QStringLiteral("bigint");
        else if (sample.toString().toDouble(&ok), ok)
            column.type = QStringLiteral("double");
        else
            column.type = QStringLiteral("string");
        standIn.columns << column;
    }
    return write(standIn, dialect);
}

bool RowFilter::evaluate(const Condition &condition, const Json &value, const ColumnSchema *column,
                         const SqlDialect *dialect)
{
    if (condition.op == FilterOp::IsNull)
        return value.is_null() != condition.negated;
    if (condition.value.isNull() && condition.op == FilterOp::Equal)
        return value.is_null();
    if (condition.value.isNull() && condition.op == FilterOp::NotEqual)
        return !value.is_null();
    if (value.is_null())
        return false; // SQL: a comparison with NULL is never true
    const auto cast = [&](const QVariant &v) -> QVariant {
        if (!column || !dialect || v.isNull())
            return v;
        QVariant input = v;
        if (input.typeId() == QMetaType::Bool && column->isNumeric())
            input = input.toBool() ? 1 : 0;
        return dialect->castValue(*column, input);
    };
    QVariant actual = jsonToVariant(value);
    if (value.is_structured())
        actual = QString::fromStdString(value.dump());
    actual = cast(actual);
    const bool numeric = column && column->isNumeric();
    switch (condition.op) {
    case FilterOp::In: {
        bool found = false;
        for (const QVariant &item : condition.value.toList())
            found = found || (!item.isNull() && compare(actual, cast(item), numeric) == 0);
        return found != condition.negated;
    }
    case FilterOp::StartsWith:
        return actual.toString().startsWith(condition.value.toString());
    case FilterOp::EndsWith:
        return actual.toString().endsWith(condition.value.toString());
    case FilterOp::Contains:
        return actual.toString().contains(condition.value.toString());
    default:
        break;
    }
    const int c = compare(actual, cast(condition.value), numeric);
    switch (condition.op) {
    case FilterOp::Equal:
        return c == 0;
    case FilterOp::NotEqual:
        return c != 0;
    case FilterOp::Less:
        return c < 0;
    case FilterOp::LessOrEqual:
        return c <= 0;
    case FilterOp::Greater:
        return c > 0;
    case FilterOp::GreaterOrEqual:
        return c >= 0;
    default:
        return false;
    }
}

void RowFilter::checkRecord(const TableSchema &table, const SqlDialect &dialect, const Json &record,
                            bool changedOnly) const
{
    if (!m_active)
        return;
    int evaluated = 0;
    int passed = 0;
    for (const Condition &condition : m_conditions) {
        const Json *value = findField(record, condition.field);
        if (!value && changedOnly)
            continue;
        ++evaluated;
        const ColumnSchema *column = table.column(condition.field);
        if (evaluate(condition, value ? *value : Json(nullptr), column, &dialect))
            ++passed;
    }
    const bool ok = evaluated == 0 || (m_or ? passed > 0 : passed == evaluated);
    if (!ok)
        throw ApiError::forbidden(QStringLiteral("Denied access to some of the requested fields."));
}

bool RowFilter::matchesRow(const Json &row) const
{
    if (!m_active)
        return true;
    int passed = 0;
    for (const Condition &condition : m_conditions) {
        const Json *value = findField(row, condition.field);
        if (value && evaluate(condition, *value, nullptr, nullptr))
            ++passed;
        else if (!m_or)
            return false;
    }
    return m_or ? passed > 0 : true;
}

SqlFragment RowFilter::both(const SqlFragment &a, const SqlFragment &b)
{
    if (a.sql.isEmpty())
        return b;
    if (b.sql.isEmpty())
        return a;
    SqlFragment out;
    out.sql = QLatin1Char('(') + a.sql + QStringLiteral(") AND (") + b.sql + QLatin1Char(')');
    out.binds = a.binds + b.binds;
    return out;
}
} // namespace gatehouse
