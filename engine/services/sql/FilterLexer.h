#pragma once

#include <QList>
#include <QString>

namespace gatehouse {

// One token of a filter. Keywords (AND, LIKE, NULL, ...) arrive as Word tokens: whether a word
// is a keyword, a field name or a bare value depends on where it stands, so only the parser
// can decide.
struct FilterToken
{
    enum class Kind
    {
        Word,     // bare run of characters: a field name, a keyword or an unquoted value
        Number,   // bare run that reads as a decimal number: 12, -3.5, 1e6
        String,   // 'quoted' or "quoted"; text holds the content with doubled quotes undone
        Param,    // :name; text holds the name without the colon
        Lookup,   // {name}; text holds what is between the braces
        Operator, // = != <> < <= > >=
        AndAnd,   // &&
        OrOr,     // ||
        LParen,
        RParen,
        Comma,
        End
    };

    Kind kind = Kind::End;
    QString text;
    int position = 0; // 0-based offset of the token's first character in the filter
    int length = 0;   // characters the token spans in the filter, quotes included
};

// Splits a filter into tokens. Throws ApiError 400 for text that can never be part of a valid
// filter: unterminated quotes, SQL comments, ';', control characters, typographic quotes.
class FilterLexer
{
public:
    explicit FilterLexer(const QString &filter);

    // The tokens, always ending with one End token.
    QList<FilterToken> tokenize() const;

    // Message prefix shared by every positional filter error, so they all read alike.
    // `position` is 0-based; the message counts from 1, as a person reading the filter would.
    static QString errorAt(int position, const QString &problem);
    // User text shortened for quoting in an error message.
    static QString excerpt(const QString &text);

private:
    QString m_filter;
};
} // namespace gatehouse
