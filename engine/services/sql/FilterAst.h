#pragma once

#include <vector>

#include <QList>
#include <QString>

namespace gatehouse {

// Comparison operators after the synonyms are folded (EQ and = are Equal; NE, != and <> are
// NotEqual; ...). Negation is kept apart in FilterNode::negated.
enum class FilterOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    Like,
    StartsWith,
    EndsWith,
    Contains,
    IsNull
};

// A value on the right of a comparison, exactly as the filter wrote it. Nothing is resolved or
// cast here: that needs the table and the request's params and happens when SQL is written.
struct FilterValue
{
    enum class Kind
    {
        String,  // 'quoted', "quoted" or an unquoted word; text is the content
        Number,  // text as written, so "007" stays "007" for a string column
        Boolean, // text is "true" or "false"
        Null,
        Param,    // text is the name without ':'
        Lookup,   // text is what was between the braces
        Function, // one of the allow-listed niladic SQL functions; text is its SQL name
    };

    Kind kind = Kind::Null;
    QString text;
    int position = 0; // 0-based offset in the filter

    // S-expression-style form used by tests and debug logs: 'text', 12, true, null, :p, {x}, CURRENT_DATE.
    QString toString() const;
};

// One node of the parsed filter. Logical nodes hold children; a comparison holds the field,
// operator and values. Kept as a plain value type: the tree is small (the filter length and
// nesting depth are capped) and copying it is cheap.
struct FilterNode
{
    enum class Kind
    {
        And,
        Or,
        Xor,
        Nor, // n-ary "none of": NOT (a OR b OR ...)
        Not,
        Comparison
    };

    Kind kind = Kind::Comparison;
    int position = 0; // 0-based offset of the token the node starts at
    std::vector<FilterNode> children;

    // Comparison only.
    QString field; // as written in the filter, not yet checked against the table
    FilterOp op = FilterOp::Equal;
    bool negated = false;      // NOT IN, NOT LIKE, IS NOT NULL, field NOT op value
    QString opText;            // the operator as written, for error messages
    QList<FilterValue> values; // one value; any number for IN; none for IS NULL

    // e.g. "(OR (status = 'open') (AND (id > 5) (NOT (name LIKE 'a%'))))".
    QString toString() const;
};

QString filterOpName(FilterOp op);
} // namespace gatehouse
