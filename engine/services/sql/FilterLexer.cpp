#include "FilterLexer.h"

#include <QRegularExpression>

#include "core/ApiError.h"

namespace gatehouse {

namespace {

bool isQuote(QChar c)
{
    return c == QLatin1Char('\'') || c == QLatin1Char('"');
}

// Quote look-alikes that word processors and LLMs produce. Read as ordinary characters they
// would turn a mistyped filter into a silent no-match; accepted as quotes they would be a second
// quoting syntax with its own escaping questions. A 400 that names the character is clearer.
bool isTypographicQuote(QChar c)
{
    switch (c.unicode()) {
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201A: // ‚
    case 0x201B: // ‛
    case 0x201C: // “
    case 0x201D: // ”
    case 0x201E: // „
    case 0x201F: // ‟
    case 0x2032: // ′
    case 0x2033: // ″
    case 0x00B4: // ´
    case 0xFF02: // ＂
    case 0xFF07: // ＇
        return true;
    default:
        return false;
    }
}

// Invisible characters outside quotes can hide what a filter really says (bidi overrides,
// zero-width spaces), so they are refused rather than read as part of a word.
bool isHiddenCharacter(QChar c)
{
    const auto category = c.category();
    return category == QChar::Other_Control || category == QChar::Other_Format;
}

// Characters that end a bare word. Everything else that is not a space may appear in one, so
// unquoted values such as 2024-01-31, 10:30 or a@b.com stay one token, as DreamFactory reads them.
bool isBareCharacter(QChar c)
{
    if (c.isSpace() || isHiddenCharacter(c) || isTypographicQuote(c))
        return false;
    switch (c.unicode()) {
    case '\'':
    case '"':
    case '`':
    case '(':
    case ')':
    case ',':
    case '=':
    case '<':
    case '>':
    case '!':
    case ';':
    case '{':
    case '}':
    case '&':
    case '|':
        return false;
    default:
        return true;
    }
}

QString codePoint(QChar c)
{
    return QLatin1String("U+") +
           QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

bool startsComment(const QString &text, qsizetype i)
{
    if (i + 1 >= text.size())
        return false;
    const QChar a = text.at(i);
    const QChar b = text.at(i + 1);
    return (a == QLatin1Char('-') && b == QLatin1Char('-')) ||
           (a == QLatin1Char('/') && b == QLatin1Char('*'));
}
} // namespace

FilterLexer::FilterLexer(const QString &filter)
    : m_filter(filter)
{
}

QString FilterLexer::errorAt(int position, const QString &problem)
{
    return QStringLiteral("Invalid filter at position %1: %2").arg(position + 1).arg(problem);
}

QString FilterLexer::excerpt(const QString &text)
{
    // Error messages echo user text; an 8 KB value repeated back helps nobody.
    constexpr qsizetype maxShown = 40;
    if (text.size() <= maxShown)
        return text;
    return text.left(maxShown) + QStringLiteral("...");
}

QList<FilterToken> FilterLexer::tokenize() const
{
    static const QRegularExpression number(
        QStringLiteral("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
    static const QRegularExpression paramName(QStringLiteral("^:[A-Za-z0-9_]+$"));

    const auto fail = [](qsizetype at, const QString &problem) {
        return ApiError::badRequest(errorAt(int(at), problem));
    };

    QList<FilterToken> tokens;
    const QString &text = m_filter;
    const qsizetype size = text.size();
    qsizetype i = 0;
    const auto push = [&tokens](FilterToken::Kind kind, QString tokenText, qsizetype start, qsizetype end) {
        tokens.append(FilterToken{kind, std::move(tokenText), int(start), int(end - start)});
    };

    while (i < size) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c.unicode() == 0)
            throw fail(i, QStringLiteral("NUL characters are not allowed"));
        if (isHiddenCharacter(c))
            throw fail(
                i,
                QStringLiteral("the invisible character %1 is not allowed outside quotes").arg(codePoint(c)));
        if (startsComment(text, i))
            throw fail(i, QStringLiteral("SQL comments ('--' and '/*') are not allowed"));
        if (c == QLatin1Char(';'))
            throw fail(i, QStringLiteral("';' is not allowed: a filter is a single expression"));
        if (isTypographicQuote(c))
            throw fail(
                i, QStringLiteral("'%1' (%2) is not a valid quote; use ' or \"").arg(c).arg(codePoint(c)));

        if (isQuote(c)) {
            // SQL's own rule: the quote character is written twice to stand for itself.
            QString content;
            qsizetype j = i + 1;
            bool closed = false;
            while (j < size) {
                const QChar d = text.at(j);
                if (d.unicode() == 0)
                    throw fail(j, QStringLiteral("NUL characters are not allowed"));
                if (d == c) {
                    if (j + 1 < size && text.at(j + 1) == c) {
                        content += c;
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                content += d;
                ++j;
            }
            if (!closed)
                throw fail(i, QStringLiteral("the quote %1 is never closed (to put %1 inside a value, "
                                             "write it twice, e.g. %2)")
                                  .arg(c)
                                  .arg(c == QLatin1Char('\'') ? QLatin1String("'O''Brien'")
                                                              : QLatin1String("\"say \"\"hi\"\"\"")));
            push(FilterToken::Kind::String, content, i, j + 1);
            i = j + 1;
            continue;
        }

        switch (c.unicode()) {
        case '(':
            push(FilterToken::Kind::LParen, QString(c), i, i + 1);
            ++i;
            continue;
        case ')':
            push(FilterToken::Kind::RParen, QString(c), i, i + 1);
            ++i;
            continue;
        case ',':
            push(FilterToken::Kind::Comma, QString(c), i, i + 1);
            ++i;
            continue;
        case '=':
            push(FilterToken::Kind::Operator, QString(c), i, i + 1);
            ++i;
            continue;
        case '<':
        case '>': {
            qsizetype end = i + 1;
            if (end < size && (text.at(end) == QLatin1Char('=') ||
                               (c == QLatin1Char('<') && text.at(end) == QLatin1Char('>'))))
                ++end;
            push(FilterToken::Kind::Operator, text.mid(i, end - i), i, end);
            i = end;
            continue;
        }
        case '!':
            if (i + 1 < size && text.at(i + 1) == QLatin1Char('=')) {
                push(FilterToken::Kind::Operator, QStringLiteral("!="), i, i + 2);
                i += 2;
                continue;
            }
            throw fail(i, QStringLiteral("unexpected '!' (use NOT to negate, != for not equal)"));
        case '&':
        case '|':
            if (i + 1 < size && text.at(i + 1) == c) {
                push(c == QLatin1Char('&') ? FilterToken::Kind::AndAnd : FilterToken::Kind::OrOr,
                     text.mid(i, 2), i, i + 2);
                i += 2;
                continue;
            }
            throw fail(i, QStringLiteral("unexpected '%1' (use %1%1, or AND/OR)").arg(c));
        case '{': {
            qsizetype j = i + 1;
            while (j < size && text.at(j) != QLatin1Char('}')) {
                const QChar d = text.at(j);
                if (d == QLatin1Char('{'))
                    throw fail(j, QStringLiteral("unexpected '{' inside a lookup"));
                if (d.unicode() == 0 || isHiddenCharacter(d))
                    throw fail(
                        j, QStringLiteral("the character %1 is not allowed in a lookup").arg(codePoint(d)));
                ++j;
            }
            if (j >= size)
                throw fail(i, QStringLiteral("the lookup '{' is never closed with '}'"));
            push(FilterToken::Kind::Lookup, text.mid(i + 1, j - i - 1).trimmed(), i, j + 1);
            i = j + 1;
            continue;
        }
        case '}':
            throw fail(i, QStringLiteral("unexpected '}'"));
        case '`':
            throw fail(i, QStringLiteral("unexpected '`' (field names are written without quotes)"));
        default:
            break;
        }

        if (!isBareCharacter(c))
            throw fail(i, QStringLiteral("unexpected character '%1'").arg(c));

        qsizetype j = i;
        while (j < size && isBareCharacter(text.at(j))) {
            if (startsComment(text, j))
                throw fail(j, QStringLiteral("SQL comments ('--' and '/*') are not allowed"));
            ++j;
        }
        const QString word = text.mid(i, j - i);
        if (c == QLatin1Char(':')) {
            if (!paramName.match(word).hasMatch())
                throw fail(i, QStringLiteral("'%1' is not a valid parameter name (use letters, digits and _ "
                                             "after ':')")
                                  .arg(excerpt(word)));
            push(FilterToken::Kind::Param, word.mid(1), i, j);
        } else {
            push(number.match(word).hasMatch() ? FilterToken::Kind::Number : FilterToken::Kind::Word, word, i,
                 j);
        }
        i = j;
    }
    tokens.append(FilterToken{FilterToken::Kind::End, QString(), int(size), 0});
    return tokens;
}
} // namespace gatehouse
