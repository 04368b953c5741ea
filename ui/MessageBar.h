#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace gatehouse {

struct ApiReply;

// A dismissable strip above a page's content for what the user must read: the server's error in
// plain words with its request id (so support can find the audit record), or a notice. Text is
// selectable so the request id can be copied.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Error,
        Warning,
        Information
    };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Kind::Information);
    // "<what failed>: <server message> (request <id>)".
    void showError(const QString &what, const ApiReply &reply);
    void clear();

    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_text;
    QToolButton *m_close;
    Kind m_kind = Kind::Information;
};
} // namespace gatehouse
