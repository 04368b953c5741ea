#pragma once

#include <QElapsedTimer>
#include <QJsonValue>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace gatehouse {

class GatehouseClient;
class KeyValueTable;
struct ApiReply;

// "Try it" for the API docs page: one request (method, path below /api/v2, query parameters,
// JSON body) sent with the console's admin session through GatehouseClient, answered with the
// status, the request id, the time taken and the body pretty-printed. A request in flight can
// be cancelled (its context object is destroyed, which aborts the transfer).
class TryItPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TryItPanel(GatehouseClient *client, QWidget *parent = nullptr);

    // Prefills the form for an operation: `path` below /api/v2 ("demo/_table/{table_name}").
    void setRequest(const QString &method, const QString &path, const QStringList &queryNames = {},
                    bool hasBody = false);
    bool isBusy() const { return m_call; }
    QString statusText() const;
    QString responseText() const;
    QString requestIdText() const;

public Q_SLOTS:
    void send();
    void cancel();

Q_SIGNALS:
    // The answer is shown (or the request failed or was cancelled).
    void finished();

private:
    // At most this much of a text answer is shown; a larger one is cut, with a note.
    static constexpr qsizetype kMaxShownBytes = 256 * 1024;

    void showReply(const ApiReply &reply, qint64 elapsedMs);
    // JSON indented, text as it is, anything else described by its size and type.
    static QString bodyText(const ApiReply &reply);
    void setBusy(bool busy);

    GatehouseClient *m_client;
    QComboBox *m_method;
    QLineEdit *m_path;
    KeyValueTable *m_query;
    QPlainTextEdit *m_body;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_requestId;
    QPlainTextEdit *m_response;
    QPointer<QObject> m_call;
    QElapsedTimer m_timer;
};
} // namespace gatehouse
