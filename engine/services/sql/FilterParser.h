#pragma once

#include <optional>

#include <QString>
#include <QVariant>

#include "DbSchema.h"
#include "FilterAst.h"
#include "SqlDialect.h"

namespace gatehouse {

struct SqlFragment
{
    QString sql;        // uses positional '?' placeholders only
    QVariantList binds; // one value per placeholder, in order
};

struct FilterToken;
class LookupResolver;

// Parses DreamFactory's filter language into parameterised SQL for one table. Field names
// are checked against the table; every value is bound. Throws ApiError 400 with the position
// where the filter broke.
//
// Grammar (keywords case-insensitive; precedence from loosest to tightest binding):
//
//   filter     := or-expr
//   or-expr    := xor-expr { (OR | "||") xor-expr }     -- or the same chain with NOR, unmixed
//   xor-expr   := and-expr { XOR and-expr }
//   and-expr   := not-expr { (AND | "&&") not-expr }
//   not-expr   := NOT not-expr | "(" or-expr ")" | comparison
//   comparison := field [NOT] op value | field [NOT] IN list | field IS [NOT] NULL
//   op         := = != <> < <= > >= EQ NE LT LTE GT GTE LIKE CONTAINS "STARTS WITH" "ENDS WITH"
//   list       := "(" value { "," value } ")" | :param
//   value      := 'text' | "text" | number | word | true | false | null | :param | {lookup}
//               (a lookup, modifiers included, is resolved for the request and bound as text)
//               | "(" CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP | NOW() ")"
//
// Decisions where DreamFactory has no rule or a broken one:
// - A quote inside a quoted value is written twice ('O''Brien'); backslash has no meaning.
// - An unquoted word is a string value, as in DF (status=open); keywords are not.
// - XOR is true when an odd number of operands are (MySQL's meaning), written portably as
//   (a) <> (b). NOR is "none of": a NOR b NOR c = NOT (a OR b OR c); mixing it with OR in one
//   unparenthesised chain is ambiguous and rejected.
// - A parenthesised value is never copied into SQL. Only the four niladic date/time functions
//   above are accepted, and they are emitted from a fixed table, never from the filter text.
// - LIKE patterns keep the caller's % and _; '!' is the escape character on every database
//   (the dialect declares ESCAPE '!'). CONTAINS/STARTS WITH/ENDS WITH match their text literally.
// - "= null" is IS NULL and "!= null" IS NOT NULL; a null inside IN also matches NULL rows.
class FilterParser
{
public:
    static constexpr int MaxLength = 8192;   // characters
    static constexpr int MaxDepth = 64;      // nested parentheses and NOTs
    static constexpr int MaxListSize = 1000; // values in one IN list, after :param lists expand
    // Comparisons in one filter. SQLite refuses expressions more than 1000 levels deep, and a
    // chain of N conditions is N levels; 500 leaves room for nesting and stays clear of it.
    static constexpr int MaxConditions = 500;

    // `params` holds values for ":name" placeholders; keys may be given with or without ':'.
    FilterParser(const TableSchema &table, const SqlDialect &dialect, QVariantMap params = {});
    // With `lookups`, {lookup} values resolve through it (public lookups only). Without, they
    // resolve through the request scope installed on this thread (LookupResolver::current()),
    // and with neither they are refused as "not available in this context".
    FilterParser(const TableSchema &table, const SqlDialect &dialect, QVariantMap params,
                 const LookupResolver *lookups);

    // An empty or blank filter gives an empty fragment. The SQL is safe to join to other
    // conditions with AND as it is (a top-level OR/XOR comes back parenthesised); wrap it in
    // parentheses before using it under NOT or any other operator.
    SqlFragment toSql(const QString &filter) const;

    // The syntax tree, with nothing checked against the table or params yet; std::nullopt for
    // an empty or blank filter. Throws ApiError 400 on syntax errors and on the length and
    // depth limits.
    static std::optional<FilterNode> parse(const QString &filter);
    // Replaces every {lookup} value in the tree by its resolved text as a plain string value,
    // so it is cast and bound like any other. Private lookups are never resolved here. Throws
    // ApiError 400 at the lookup's position when it has no value, is private or is malformed.
    static void resolveLookups(FilterNode &root, const LookupResolver &lookups);

private:
    struct Cursor;
    static FilterNode parseOr(Cursor &cursor);
    static FilterNode parseXor(Cursor &cursor);
    static FilterNode parseAnd(Cursor &cursor);
    static FilterNode parseNot(Cursor &cursor);
    static FilterNode parsePrimary(Cursor &cursor);
    static FilterNode parseComparison(Cursor &cursor);
    static void parseOperator(Cursor &cursor, FilterNode &node);
    static FilterValue parseValue(Cursor &cursor, const QString &after, bool allowFunction);
    static FilterValue parseFunction(Cursor &cursor);
    static void parseList(Cursor &cursor, FilterNode &node);

    const TableSchema &m_table;
    const SqlDialect &m_dialect;
    QVariantMap m_params;
    const LookupResolver *m_lookups = nullptr;
};
} // namespace gatehouse
