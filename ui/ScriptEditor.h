#pragma once

#include <QPlainTextEdit>

namespace gatehouse {

class JavaScriptHighlighter;

// The JavaScript editor of scripted services and event scripts: line numbers in a margin, the
// current line tinted, syntax colours (JavaScriptHighlighter), the theme's fixed-pitch font and
// Tab inserting four spaces (Ctrl+Tab / Ctrl+Shift+Tab move the focus on, as in any text field
// where Tab is taken). A script error's line can be marked (tinted, its number in bold) and
// jumped to.
class ScriptEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ScriptEditor(QWidget *parent = nullptr);

    // Width of the line-number margin: grows with the number of digits of the last line.
    int lineNumberAreaWidth() const;
    QWidget *lineNumberArea() const { return m_lineNumbers; }
    JavaScriptHighlighter *highlighter() const { return m_highlighter; }

    // Marks line `line` (1-based) as the line of an error; 0 clears the mark. Editing the text
    // clears it too, since the line may no longer be where the error was.
    void setErrorLine(int line);
    int errorLine() const { return m_errorLine; }
    // Puts the cursor at the start of `line` (1-based), scrolls to it and takes the focus.
    void goToLine(int line);

    // Called by the line-number margin.
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateMarginWidth();
    void updateMargin(const QRect &rect, int dy);
    void updateExtraSelections();

    QWidget *m_lineNumbers;
    JavaScriptHighlighter *m_highlighter;
    int m_errorLine = 0;
};
} // namespace gatehouse
