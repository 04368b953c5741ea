#include "ScriptEditor.h"

#include <QKeyEvent>
#include <QPainter>
#include <QTextBlock>

#include "JavaScriptHighlighter.h"
#include "Theme.h"

namespace gatehouse {
namespace {
// The margin at the editor's left that shows line numbers; the editor paints it.
class LineNumberMargin : public QWidget
{
public:
    explicit LineNumberMargin(ScriptEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return QSize(m_editor->lineNumberAreaWidth(), 0); }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    ScriptEditor *m_editor;
};

constexpr int kIndent = 4;
} // namespace

ScriptEditor::ScriptEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumbers(new LineNumberMargin(this))
    , m_highlighter(new JavaScriptHighlighter(document()))
{
    setFont(Theme::monospaceFont());
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * kIndent);
    setMinimumHeight(220);
    m_lineNumbers->setObjectName(QStringLiteral("lineNumbers"));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &ScriptEditor::updateMarginWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &ScriptEditor::updateMargin);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &ScriptEditor::updateExtraSelections);
    connect(document(), &QTextDocument::contentsChange, this, [this](int, int removed, int added) {
        if ((removed || added) && m_errorLine) {
            m_errorLine = 0;
            updateExtraSelections();
            m_lineNumbers->update();
        }
    });
    updateMarginWidth();
    updateExtraSelections();
}

int ScriptEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    // At least two digits, so the margin does not jump between line 9 and 10.
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(2, digits);
}

void ScriptEditor::updateMarginWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void ScriptEditor::updateMargin(const QRect &rect, int dy)
{
    if (dy)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateMarginWidth();
}

void ScriptEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_lineNumbers->setGeometry(QRect(area.left(), area.top(), lineNumberAreaWidth(), area.height()));
}

void ScriptEditor::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (ctrl && (event->key() == Qt::Key_Tab || event->key() == Qt::Key_Backtab)) {
        // Keyboard users leave the editor the way they would leave any editor that takes Tab.
        if (event->key() == Qt::Key_Backtab || event->modifiers() & Qt::ShiftModifier)
            focusPreviousChild();
        else
            focusNextChild();
        return;
    }
    if (event->key() == Qt::Key_Tab && !(event->modifiers() & ~Qt::KeypadModifier)) {
        QTextCursor cursor = textCursor();
        const int column = cursor.positionInBlock();
        cursor.insertText(QString(kIndent - column % kIndent, QLatin1Char(' ')));
        return;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        // Keep the indentation of the line above.
        const QString line = textCursor().block().text();
        qsizetype indent = 0;
        while (indent < line.size() && line.at(indent) == QLatin1Char(' '))
            ++indent;
        QPlainTextEdit::keyPressEvent(event);
        if (indent)
            textCursor().insertText(QString(indent, QLatin1Char(' ')));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void ScriptEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->updateColors();
        updateExtraSelections();
        m_lineNumbers->update();
    } else if (event->type() == QEvent::FontChange) {
        setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * kIndent);
        updateMarginWidth();
    }
}

void ScriptEditor::setErrorLine(int line)
{
    m_errorLine = line > 0 && line <= blockCount() ? line : 0;
    updateExtraSelections();
    m_lineNumbers->update();
}

void ScriptEditor::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(qBound(1, line, blockCount()) - 1);
    QTextCursor cursor(block);
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

void ScriptEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_errorLine) {
        QTextEdit::ExtraSelection error;
        error.format.setBackground(Theme::codeColor(Theme::CodeRole::ErrorLine));
        error.format.setProperty(QTextFormat::FullWidthSelection, true);
        error.cursor = QTextCursor(document()->findBlockByNumber(m_errorLine - 1));
        selections << error;
    }
    if (!isReadOnly() && textCursor().blockNumber() + 1 != m_errorLine) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(Theme::codeColor(Theme::CodeRole::CurrentLine));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections << current;
    }
    setExtraSelections(selections);
}

void ScriptEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    const QPalette pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber() + 1;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            QFont font = painter.font();
            font.setBold(number == m_errorLine || number == current);
            painter.setFont(font);
            if (number == m_errorLine)
                painter.fillRect(0, top, m_lineNumbers->width(), bottom - top,
                                 Theme::codeColor(Theme::CodeRole::ErrorLine));
            painter.setPen(number == current || number == m_errorLine ? pal.color(QPalette::Text)
                                                                      : pal.color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_lineNumbers->width() - 4, fontMetrics().height(), Qt::AlignRight,
                             QString::number(number));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}
} // namespace gatehouse
