#include "JavaScriptHighlighter.h"

#include <QSet>

#include "Theme.h"

namespace gatehouse {
namespace {
const QSet<QString> &keywords()
{
    static const QSet<QString> words{
        QStringLiteral("async"),      QStringLiteral("await"),     QStringLiteral("break"),
        QStringLiteral("case"),       QStringLiteral("catch"),     QStringLiteral("class"),
        QStringLiteral("const"),      QStringLiteral("continue"),  QStringLiteral("default"),
        QStringLiteral("delete"),     QStringLiteral("do"),        QStringLiteral("else"),
        QStringLiteral("export"),     QStringLiteral("extends"),   QStringLiteral("false"),
        QStringLiteral("finally"),    QStringLiteral("for"),       QStringLiteral("function"),
        QStringLiteral("if"),         QStringLiteral("import"),    QStringLiteral("in"),
        QStringLiteral("instanceof"), QStringLiteral("let"),       QStringLiteral("new"),
        QStringLiteral("null"),       QStringLiteral("of"),        QStringLiteral("return"),
        QStringLiteral("super"),      QStringLiteral("switch"),    QStringLiteral("this"),
        QStringLiteral("throw"),      QStringLiteral("true"),      QStringLiteral("try"),
        QStringLiteral("typeof"),     QStringLiteral("undefined"), QStringLiteral("var"),
        QStringLiteral("void"),       QStringLiteral("while"),     QStringLiteral("yield")};
    return words;
}

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || c.isDigit();
}

// The index just past the closing `quote` (unescaped) from `from`, or -1 when the text ends first.
qsizetype closingQuote(const QString &text, qsizetype from, QChar quote)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (text.at(i) == quote)
            return i + 1;
    }
    return -1;
}
} // namespace

JavaScriptHighlighter::JavaScriptHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    updateColors();
}

void JavaScriptHighlighter::updateColors()
{
    m_keyword.setForeground(Theme::codeColor(Theme::CodeRole::Keyword));
    m_keyword.setFontWeight(QFont::Bold);
    m_string.setForeground(Theme::codeColor(Theme::CodeRole::String));
    m_number.setForeground(Theme::codeColor(Theme::CodeRole::Number));
    m_comment.setForeground(Theme::codeColor(Theme::CodeRole::Comment));
    m_comment.setFontItalic(true);
    m_global.setForeground(Theme::codeColor(Theme::CodeRole::Global));
    m_global.setFontWeight(QFont::DemiBold);
    rehighlight();
}

QTextCharFormat JavaScriptHighlighter::format(Role role) const
{
    switch (role) {
    case Role::Keyword:
        return m_keyword;
    case Role::String:
        return m_string;
    case Role::Number:
        return m_number;
    case Role::Comment:
        return m_comment;
    case Role::Global:
        return m_global;
    }
    return {};
}

void JavaScriptHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    setCurrentBlockState(Normal);
    // Continue what the previous line left open.
    if (previousBlockState() == InBlockComment) {
        const qsizetype end = text.indexOf(QLatin1String("*/"));
        if (end < 0) {
            setFormat(0, int(n), m_comment);
            setCurrentBlockState(InBlockComment);
            return;
        }
        setFormat(0, int(end + 2), m_comment);
        i = end + 2;
    } else if (previousBlockState() == InTemplate) {
        const qsizetype end = closingQuote(text, 0, QLatin1Char('`'));
        if (end < 0) {
            setFormat(0, int(n), m_string);
            setCurrentBlockState(InTemplate);
            return;
        }
        setFormat(0, int(end), m_string);
        i = end;
    }
    while (i < n) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
        if (c == QLatin1Char('/') && next == QLatin1Char('/')) {
            setFormat(int(i), int(n - i), m_comment);
            return;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype end = text.indexOf(QLatin1String("*/"), i + 2);
            if (end < 0) {
                setFormat(int(i), int(n - i), m_comment);
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(int(i), int(end + 2 - i), m_comment);
            i = end + 2;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            const qsizetype end = closingQuote(text, i + 1, c);
            if (end < 0) {
                setFormat(int(i), int(n - i), m_string);
                // Only a template literal may span lines; an open '…' or "…" ends with its line.
                if (c == QLatin1Char('`'))
                    setCurrentBlockState(InTemplate);
                return;
            }
            setFormat(int(i), int(end - i), m_string);
            i = end;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && next.isDigit())) {
            qsizetype end = i + 1;
            while (end < n && (text.at(end).isLetterOrNumber() || text.at(end) == QLatin1Char('.') ||
                               text.at(end) == QLatin1Char('_')))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
            continue;
        }
        if (isIdentifierStart(c)) {
            qsizetype end = i + 1;
            while (end < n && isIdentifierPart(text.at(end)))
                ++end;
            const QString word = text.mid(i, end - i);
            // A property such as `x.event` is not the global.
            const bool property = i > 0 && text.at(i - 1) == QLatin1Char('.');
            if (keywords().contains(word) && !property)
                setFormat(int(i), int(end - i), m_keyword);
            else if ((word == QLatin1String("platform") || word == QLatin1String("event")) && !property)
                setFormat(int(i), int(end - i), m_global);
            i = end;
            continue;
        }
        ++i;
    }
}
} // namespace gatehouse
