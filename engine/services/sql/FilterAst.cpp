#include "FilterAst.h"

#include <QStringList>

namespace gatehouse {

QString filterOpName(FilterOp op)
{
    switch (op) {
    case FilterOp::Equal:
        return QStringLiteral("=");
    case FilterOp::NotEqual:
        return QStringLiteral("!=");
    case FilterOp::Less:
        return QStringLiteral("<");
    case FilterOp::LessOrEqual:
        return QStringLiteral("<=");
    case FilterOp::Greater:
        return QStringLiteral(">");
    case FilterOp::GreaterOrEqual:
        return QStringLiteral(">=");
    case FilterOp::In:
        return QStringLiteral("IN");
    case FilterOp::Like:
        return QStringLiteral("LIKE");
    case FilterOp::StartsWith:
        return QStringLiteral("STARTS WITH");
    case FilterOp::EndsWith:
        return QStringLiteral("ENDS WITH");
    case FilterOp::Contains:
        return QStringLiteral("CONTAINS");
    case FilterOp::IsNull:
        return QStringLiteral("IS NULL");
    }
    return {};
}

QString FilterValue::toString() const
{
    switch (kind) {
    case Kind::String: {
        QString doubled = text;
        doubled.replace(QLatin1Char('\''), QLatin1String("''"));
        return QLatin1Char('\'') + doubled + QLatin1Char('\'');
    }
    case Kind::Number:
    case Kind::Boolean:
    case Kind::Function:
        return text;
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Param:
        return QLatin1Char(':') + text;
    case Kind::Lookup:
        return QLatin1Char('{') + text + QLatin1Char('}');
    }
    return {};
}

QString FilterNode::toString() const
{
    const auto joinChildren = [this](const char *name) -> QString {
        QString out = QLatin1Char('(') + QLatin1String(name);
        for (const FilterNode &child : children)
            out += QLatin1Char(' ') + child.toString();
        return out + QLatin1Char(')');
    };
    switch (kind) {
    case Kind::And:
        return joinChildren("AND");
    case Kind::Or:
        return joinChildren("OR");
    case Kind::Xor:
        return joinChildren("XOR");
    case Kind::Nor:
        return joinChildren("NOR");
    case Kind::Not:
        return joinChildren("NOT");
    case Kind::Comparison:
        break;
    }

    QString out = QLatin1Char('(') + field;
    if (op == FilterOp::IsNull)
        return out + (negated ? QLatin1String(" IS NOT NULL)") : QLatin1String(" IS NULL)"));
    out += negated ? QLatin1String(" NOT ") : QLatin1String(" ");
    out += filterOpName(op);
    if (op == FilterOp::In) {
        QStringList items;
        for (const FilterValue &value : values)
            items << value.toString();
        return out + QLatin1String(" [") + items.join(QLatin1String(", ")) + QLatin1String("])");
    }
    for (const FilterValue &value : values)
        out += QLatin1Char(' ') + value.toString();
    return out + QLatin1Char(')');
}
} // namespace gatehouse
