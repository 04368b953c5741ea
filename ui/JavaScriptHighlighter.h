#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace gatehouse {

// Syntax colours for the scripts of scripted services and event scripts: keywords, strings
// (including template literals over several lines), numbers, comments (including block comments
// over several lines) and the globals a script is given (`platform`, `event`). A small lexer
// rather than a list of regular expressions, so a "//" inside a string is not a comment and a
// quote inside a comment opens no string. Colours come from Theme::codeColor, so they follow the
// light and the dark palette (call updateColors() after the palette changes).
class JavaScriptHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Role
    {
        Keyword,
        String,
        Number,
        Comment,
        Global
    };

    explicit JavaScriptHighlighter(QTextDocument *document);

    QTextCharFormat format(Role role) const;
    void updateColors();

protected:
    void highlightBlock(const QString &text) override;

private:
    // What a block ends inside of, carried into the next block.
    enum State
    {
        Normal = 0,
        InBlockComment = 1,
        InTemplate = 2
    };

    QTextCharFormat m_keyword;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_comment;
    QTextCharFormat m_global;
};
} // namespace gatehouse
