#include "FilterParser.h"

#include "FilterLexer.h"
#include "FilterSqlWriter.h"
#include "core/ApiError.h"
#include "security/LookupResolver.h"

namespace gatehouse {

namespace {

bool isWord(const FilterToken &token, const char *keyword)
{
    return token.kind == FilterToken::Kind::Word &&
           token.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

// Words that can only join conditions; they are never read as a field or an unquoted value.
bool isLogicalKeyword(const FilterToken &token)
{
    return isWord(token, "AND") || isWord(token, "OR") || isWord(token, "XOR") || isWord(token, "NOR") ||
           isWord(token, "NOT");
}

QString describe(const FilterToken &token)
{
    switch (token.kind) {
    case FilterToken::Kind::End:
        return QStringLiteral("the end of the filter");
    case FilterToken::Kind::String:
        return QStringLiteral("the string '%1'").arg(FilterLexer::excerpt(token.text));
    case FilterToken::Kind::Param:
        return QStringLiteral("':%1'").arg(FilterLexer::excerpt(token.text));
    case FilterToken::Kind::Lookup:
        return QStringLiteral("'{%1}'").arg(FilterLexer::excerpt(token.text));
    default:
        return QStringLiteral("'%1'").arg(FilterLexer::excerpt(token.text));
    }
}

ApiError errorAt(const FilterToken &token, const QString &problem)
{
    return ApiError::badRequest(FilterLexer::errorAt(token.position, problem));
}

// A bare word or number where a separator was expected: most likely the second half of an
// unquoted value such as New York, which deserves a hint.
bool looksLikeUnquotedValue(const FilterToken &token)
{
    return (token.kind == FilterToken::Kind::Word && !isLogicalKeyword(token)) ||
           token.kind == FilterToken::Kind::Number;
}
} // namespace

struct FilterParser::Cursor
{
    QList<FilterToken> tokens;
    qsizetype index = 0;
    int depth = 0;
    int conditions = 0;

    const FilterToken &peek(qsizetype ahead = 0) const
    {
        return tokens.at(std::min(index + ahead, tokens.size() - 1));
    }
    const FilterToken &next()
    {
        const FilterToken &token = peek();
        if (token.kind != FilterToken::Kind::End)
            ++index;
        return token;
    }
    // " after 'AND'": where the parser was when it found something it did not expect.
    QString after() const
    {
        if (index == 0)
            return QString();
        return QStringLiteral(" after %1").arg(describe(tokens.at(index - 1)));
    }
    void enter(const FilterToken &at)
    {
        if (++depth > MaxDepth)
            throw errorAt(at, QStringLiteral("the filter is nested too deeply (at most %1 levels of "
                                             "parentheses and NOT)")
                                  .arg(MaxDepth));
    }
    void leave() { --depth; }
};

FilterParser::FilterParser(const TableSchema &table, const SqlDialect &dialect, QVariantMap params)
    : m_table(table)
    , m_dialect(dialect)
    , m_params(std::move(params))
{
}

FilterParser::FilterParser(const TableSchema &table, const SqlDialect &dialect, QVariantMap params,
                           const LookupResolver *lookups)
    : m_table(table)
    , m_dialect(dialect)
    , m_params(std::move(params))
    , m_lookups(lookups)
{
}

SqlFragment FilterParser::toSql(const QString &filter) const
{
    std::optional<FilterNode> root = parse(filter);
    if (!root)
        return {};
    if (const LookupResolver *lookups = m_lookups ? m_lookups : LookupResolver::current())
        resolveLookups(*root, *lookups);
    return FilterSqlWriter(m_table, m_dialect, m_params).write(*root);
}

void FilterParser::resolveLookups(FilterNode &node, const LookupResolver &lookups)
{
    for (FilterNode &child : node.children)
        resolveLookups(child, lookups);
    for (FilterValue &value : node.values) {
        if (value.kind != FilterValue::Kind::Lookup)
            continue;
        // Never private: a client's filter must not be able to probe a secret's value.
        const LookupResolver::Result result = lookups.resolve(value.text, false);
        const QString quoted = QStringLiteral("'{%1}'").arg(FilterLexer::excerpt(value.text));
        switch (result.outcome) {
        case LookupResolver::Outcome::Resolved:
            // From here on it is an ordinary value: cast to the column's type and bound.
            value.kind = FilterValue::Kind::String;
            value.text = result.value.isNull() ? QString(QLatin1String("")) : result.value;
            break;
        case LookupResolver::Outcome::Private:
            throw ApiError::badRequest(FilterLexer::errorAt(
                value.position, QStringLiteral("the lookup %1 is private; private lookups are only "
                                               "substituted in service configuration")
                                    .arg(quoted)));
        case LookupResolver::Outcome::BadSyntax:
            throw ApiError::badRequest(FilterLexer::errorAt(
                value.position,
                QStringLiteral("the lookup %1 is malformed or uses an unknown modifier (allowed: %2)")
                    .arg(quoted, LookupResolver::modifiers().join(QStringLiteral(", ")))));
        case LookupResolver::Outcome::Unknown:
            throw ApiError::badRequest(FilterLexer::errorAt(
                value.position, QStringLiteral("the lookup %1 has no value for this request").arg(quoted)));
        }
    }
}

std::optional<FilterNode> FilterParser::parse(const QString &filter)
{
    // Checked before tokenizing so an oversized filter costs nothing more than its length.
    if (filter.size() > MaxLength)
        throw ApiError::badRequest(
            QStringLiteral("Invalid filter: it is %1 characters long; the maximum is %2.")
                .arg(filter.size())
                .arg(MaxLength));
    Cursor cursor;
    cursor.tokens = FilterLexer(filter).tokenize();
    if (cursor.peek().kind == FilterToken::Kind::End)
        return std::nullopt;

    FilterNode root = parseOr(cursor);
    const FilterToken &rest = cursor.peek();
    if (rest.kind == FilterToken::Kind::RParen)
        throw errorAt(rest, QStringLiteral("unexpected ')' with no matching '('"));
    if (rest.kind != FilterToken::Kind::End) {
        QString problem = QStringLiteral("expected AND, OR or the end of the filter%1, found %2")
                              .arg(cursor.after(), describe(rest));
        if (looksLikeUnquotedValue(rest))
            problem += QStringLiteral(" (values that contain spaces must be quoted)");
        throw errorAt(rest, problem);
    }
    return root;
}

FilterNode FilterParser::parseOr(Cursor &cursor)
{
    FilterNode first = parseXor(cursor);
    std::optional<FilterNode::Kind> chain;
    FilterNode node;
    node.position = first.position;
    node.children.push_back(std::move(first));
    for (;;) {
        const FilterToken &token = cursor.peek();
        FilterNode::Kind kind;
        if (token.kind == FilterToken::Kind::OrOr || isWord(token, "OR"))
            kind = FilterNode::Kind::Or;
        else if (isWord(token, "NOR"))
            kind = FilterNode::Kind::Nor;
        else
            break;
        if (chain && *chain != kind)
            throw errorAt(token, QStringLiteral("OR and NOR cannot be mixed without parentheses; write "
                                                "e.g. (a NOR b) OR c"));
        chain = kind;
        cursor.next();
        node.children.push_back(parseXor(cursor));
    }
    if (!chain)
        return std::move(node.children.front());
    node.kind = *chain;
    return node;
}

FilterNode FilterParser::parseXor(Cursor &cursor)
{
    FilterNode node;
    node.kind = FilterNode::Kind::Xor;
    node.children.push_back(parseAnd(cursor));
    node.position = node.children.front().position;
    while (isWord(cursor.peek(), "XOR")) {
        cursor.next();
        node.children.push_back(parseAnd(cursor));
    }
    if (node.children.size() == 1)
        return std::move(node.children.front());
    return node;
}

FilterNode FilterParser::parseAnd(Cursor &cursor)
{
    FilterNode node;
    node.kind = FilterNode::Kind::And;
    node.children.push_back(parseNot(cursor));
    node.position = node.children.front().position;
    while (cursor.peek().kind == FilterToken::Kind::AndAnd || isWord(cursor.peek(), "AND")) {
        cursor.next();
        node.children.push_back(parseNot(cursor));
    }
    if (node.children.size() == 1)
        return std::move(node.children.front());
    return node;
}

FilterNode FilterParser::parseNot(Cursor &cursor)
{
    const FilterToken &token = cursor.peek();
    // "not = 5" compares a column called "not"; anything else after NOT negates.
    if (!isWord(token, "NOT") || cursor.peek(1).kind == FilterToken::Kind::Operator)
        return parsePrimary(cursor);
    cursor.enter(token);
    cursor.next();
    FilterNode node;
    node.kind = FilterNode::Kind::Not;
    node.position = token.position;
    node.children.push_back(parseNot(cursor));
    cursor.leave();
    return node;
}

FilterNode FilterParser::parsePrimary(Cursor &cursor)
{
    const FilterToken &open = cursor.peek();
    if (open.kind != FilterToken::Kind::LParen)
        return parseComparison(cursor);
    cursor.enter(open);
    cursor.next();
    FilterNode inner = parseOr(cursor);
    const FilterToken &close = cursor.peek();
    if (close.kind != FilterToken::Kind::RParen) {
        QString problem = QStringLiteral("expected ')' to close the '(' at position %1%2, found %3")
                              .arg(open.position + 1)
                              .arg(cursor.after(), describe(close));
        if (looksLikeUnquotedValue(close))
            problem += QStringLiteral(" (values that contain spaces must be quoted)");
        throw errorAt(close, problem);
    }
    cursor.next();
    cursor.leave();
    return inner;
}

FilterNode FilterParser::parseComparison(Cursor &cursor)
{
    const FilterToken &fieldToken = cursor.peek();
    const bool isField =
        fieldToken.kind == FilterToken::Kind::Word &&
        (!isLogicalKeyword(fieldToken) || cursor.peek(1).kind == FilterToken::Kind::Operator);
    if (!isField) {
        const QString what = cursor.index == 0 ? QStringLiteral("expected a field name or '('")
                                               : QStringLiteral("expected a condition");
        throw errorAt(fieldToken,
                      QStringLiteral("%1%2, found %3").arg(what, cursor.after(), describe(fieldToken)));
    }
    if (++cursor.conditions > MaxConditions)
        throw errorAt(fieldToken,
                      QStringLiteral("the filter has more than %1 conditions; use IN for long lists "
                                     "of values")
                          .arg(MaxConditions));
    cursor.next();

    FilterNode node;
    node.kind = FilterNode::Kind::Comparison;
    node.position = fieldToken.position;
    node.field = fieldToken.text;
    parseOperator(cursor, node);

    switch (node.op) {
    case FilterOp::IsNull:
        break;
    case FilterOp::In:
        parseList(cursor, node);
        break;
    case FilterOp::Equal:
    case FilterOp::NotEqual:
    case FilterOp::Less:
    case FilterOp::LessOrEqual:
    case FilterOp::Greater:
    case FilterOp::GreaterOrEqual:
        node.values << parseValue(cursor, QStringLiteral("'%1'").arg(node.opText), true);
        break;
    case FilterOp::Like:
    case FilterOp::StartsWith:
    case FilterOp::EndsWith:
    case FilterOp::Contains:
        node.values << parseValue(cursor, QStringLiteral("'%1'").arg(node.opText), false);
        break;
    }
    return node;
}

void FilterParser::parseOperator(Cursor &cursor, FilterNode &node)
{
    QString notText;
    if (isWord(cursor.peek(), "NOT")) {
        notText = cursor.next().text + QLatin1Char(' ');
        node.negated = true;
    }

    const FilterToken &token = cursor.peek();
    const auto expected = [&cursor, &token]() {
        return errorAt(
            token, QStringLiteral("expected an operator%1, found %2").arg(cursor.after(), describe(token)));
    };

    if (token.kind == FilterToken::Kind::Operator) {
        const QString &symbol = token.text;
        if (symbol == QLatin1String("="))
            node.op = FilterOp::Equal;
        else if (symbol == QLatin1String("!=") || symbol == QLatin1String("<>"))
            node.op = FilterOp::NotEqual;
        else if (symbol == QLatin1String("<"))
            node.op = FilterOp::Less;
        else if (symbol == QLatin1String("<="))
            node.op = FilterOp::LessOrEqual;
        else if (symbol == QLatin1String(">"))
            node.op = FilterOp::Greater;
        else
            node.op = FilterOp::GreaterOrEqual;
        node.opText = notText + cursor.next().text;
        return;
    }
    if (token.kind != FilterToken::Kind::Word)
        throw expected();

    static const struct
    {
        const char *word;
        FilterOp op;
    } wordOps[] = {
        {"EQ", FilterOp::Equal},        {"NE", FilterOp::NotEqual}, {"LT", FilterOp::Less},
        {"LTE", FilterOp::LessOrEqual}, {"GT", FilterOp::Greater},  {"GTE", FilterOp::GreaterOrEqual},
        {"IN", FilterOp::In},           {"LIKE", FilterOp::Like},   {"CONTAINS", FilterOp::Contains}};
    for (const auto &entry : wordOps) {
        if (isWord(token, entry.word)) {
            node.op = entry.op;
            node.opText = notText + cursor.next().text;
            return;
        }
    }

    if (isWord(token, "STARTS") || isWord(token, "ENDS")) {
        const FilterToken &first = cursor.next();
        const FilterToken &with = cursor.peek();
        if (!isWord(with, "WITH"))
            throw errorAt(
                with, QStringLiteral("expected WITH after '%1', found %2").arg(first.text, describe(with)));
        node.op = isWord(first, "STARTS") ? FilterOp::StartsWith : FilterOp::EndsWith;
        node.opText = notText + first.text + QLatin1Char(' ') + cursor.next().text;
        return;
    }

    if (isWord(token, "IS")) {
        if (node.negated)
            throw errorAt(token, QStringLiteral("write IS NOT NULL instead of NOT IS NULL"));
        const FilterToken &is = cursor.next();
        QString text = is.text;
        if (isWord(cursor.peek(), "NOT")) {
            text += QLatin1Char(' ') + cursor.next().text;
            node.negated = true;
        }
        const FilterToken &null = cursor.peek();
        if (!isWord(null, "NULL"))
            throw errorAt(null,
                          QStringLiteral("expected NULL after '%1', found %2").arg(text, describe(null)));
        node.op = FilterOp::IsNull;
        node.opText = text + QLatin1Char(' ') + cursor.next().text;
        return;
    }

    if (isWord(token, "ALL"))
        throw errorAt(token, QStringLiteral("the ALL operator is not supported; use IN"));
    throw expected();
}

FilterValue FilterParser::parseValue(Cursor &cursor, const QString &after, bool allowFunction)
{
    const FilterToken &token = cursor.peek();
    FilterValue value;
    value.position = token.position;
    switch (token.kind) {
    case FilterToken::Kind::String:
        value.kind = FilterValue::Kind::String;
        break;
    case FilterToken::Kind::Number:
        value.kind = FilterValue::Kind::Number;
        break;
    case FilterToken::Kind::Param:
        value.kind = FilterValue::Kind::Param;
        break;
    case FilterToken::Kind::Lookup:
        value.kind = FilterValue::Kind::Lookup;
        break;
    case FilterToken::Kind::Word:
        if (isLogicalKeyword(token))
            throw errorAt(token,
                          QStringLiteral("expected a value after %1, found %2").arg(after, describe(token)));
        if (isWord(token, "NULL")) {
            cursor.next();
            value.kind = FilterValue::Kind::Null;
            return value;
        }
        if (isWord(token, "TRUE") || isWord(token, "FALSE")) {
            value.kind = FilterValue::Kind::Boolean;
            value.text = cursor.next().text.toLower();
            return value;
        }
        // DreamFactory binds an unquoted value as text (status=open); kept for compatibility.
        value.kind = FilterValue::Kind::String;
        break;
    case FilterToken::Kind::LParen:
        if (allowFunction)
            return parseFunction(cursor);
        throw errorAt(token,
                      QStringLiteral("a value in parentheses is only allowed as the list after IN; use a "
                                     "quoted value or a :param"));
    default:
        throw errorAt(token,
                      QStringLiteral("expected a value after %1, found %2").arg(after, describe(token)));
    }
    value.text = cursor.next().text;
    return value;
}

FilterValue FilterParser::parseFunction(Cursor &cursor)
{
    // DreamFactory pastes "(...)" values into the SQL unbound. Here the text is only matched
    // against a fixed list, and the SQL emitted is ours, so nothing the caller typed reaches it.
    const FilterToken &open = cursor.next();
    const FilterToken &name = cursor.peek();
    const auto rejected = [&open]() {
        return errorAt(open, QStringLiteral("SQL expressions in parentheses are not allowed as values; use a "
                                            "quoted value or a :param (only (CURRENT_DATE), (CURRENT_TIME), "
                                            "(CURRENT_TIMESTAMP) and (NOW()) are accepted)"));
    };
    static const char *const functions[] = {"CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "NOW"};
    QString sqlName;
    for (const char *function : functions) {
        if (isWord(name, function))
            sqlName = QLatin1String(function);
    }
    if (sqlName.isEmpty())
        throw rejected();
    cursor.next();
    if (sqlName == QLatin1String("NOW")) {
        // NOW() is not SQLite; CURRENT_TIMESTAMP means the same on all three databases.
        if (cursor.peek().kind != FilterToken::Kind::LParen ||
            cursor.peek(1).kind != FilterToken::Kind::RParen)
            throw rejected();
        cursor.next();
        cursor.next();
        sqlName = QStringLiteral("CURRENT_TIMESTAMP");
    }
    if (cursor.peek().kind != FilterToken::Kind::RParen)
        throw rejected();
    cursor.next();
    FilterValue value;
    value.kind = FilterValue::Kind::Function;
    value.text = sqlName;
    value.position = open.position;
    return value;
}

void FilterParser::parseList(Cursor &cursor, FilterNode &node)
{
    const FilterToken &open = cursor.peek();
    if (open.kind == FilterToken::Kind::Param || open.kind == FilterToken::Kind::Lookup) {
        // A :param holding a JSON array expands to the list when SQL is written.
        node.values << parseValue(cursor, QString(), false);
        return;
    }
    if (open.kind != FilterToken::Kind::LParen)
        throw errorAt(open, QStringLiteral("expected '(' and a list of values after '%1', found %2")
                                .arg(node.opText, describe(open)));
    cursor.next();
    QString after = QStringLiteral("'('");
    for (;;) {
        if (cursor.peek().kind == FilterToken::Kind::LParen)
            throw errorAt(cursor.peek(), QStringLiteral("a value in an IN list cannot be in parentheses"));
        node.values << parseValue(cursor, after, false);
        if (node.values.size() > MaxListSize)
            throw errorAt(open, QStringLiteral("the IN list has more than %1 values").arg(MaxListSize));
        const FilterToken &separator = cursor.peek();
        if (separator.kind == FilterToken::Kind::RParen) {
            cursor.next();
            return;
        }
        if (separator.kind != FilterToken::Kind::Comma) {
            QString problem =
                QStringLiteral("expected ',' or ')' in the IN list that starts at position %1, found %2")
                    .arg(open.position + 1)
                    .arg(describe(separator));
            if (looksLikeUnquotedValue(separator))
                problem += QStringLiteral(" (values that contain spaces must be quoted)");
            throw errorAt(separator, problem);
        }
        cursor.next();
        after = QStringLiteral("','");
    }
}
} // namespace gatehouse
