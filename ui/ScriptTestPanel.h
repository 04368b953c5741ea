#pragma once

#include <functional>

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace gatehouse {

class GatehouseClient;
class ScriptEditor;
struct ApiReply;

// "Run with sample request" and "Last errors" for a script being edited (a scripted service or
// an event script). Run sends the editor's current text, not the stored one, with a sample
// request (method, path, parameters, body; for an event script also a response, which
// post_process scripts see) to POST /system/script_test, and shows the status, the content (for
// an event script: the event after the run), the script's log lines and its error, whose line
// can be clicked to jump there in the editor. Last errors lists GET /system/script_error for
// the script's name, newest first; Clear deletes them.
class ScriptTestPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Kind
    {
        Service, // a scripted service: the answer is the response it would send
        Event    // an event script: the answer is the event after the run
    };

    ScriptTestPanel(GatehouseClient *client, Kind kind, QWidget *parent = nullptr);

    // The editor to read the script from and mark errors in; the script's name (the service or
    // event name, read when needed since the form may change it) and the config to run it with.
    void setEditor(ScriptEditor *editor) { m_editor = editor; }
    void setNameSource(std::function<QString()> name) { m_name = std::move(name); }
    void setConfigSource(std::function<QJsonObject()> config) { m_config = std::move(config); }
    void setSample(const QString &method, const QString &path, const QJsonObject &parameters = {},
                   const QJsonValue &body = QJsonValue());

    bool isRunning() const { return m_run; }
    bool lastSucceeded() const { return m_success; }
    QString summaryText() const;
    QString resultText() const;
    QStringList logLines() const;
    // The error line of the last run (0: none).
    int lastErrorLine() const { return m_errorLine; }
    QStringList errorEntries() const;
    QListWidget *errorList() const { return m_errors; }
    static QString kindText(const QString &kind);
    static QString describeError(const QJsonObject &error);

public Q_SLOTS:
    void run();
    void refreshErrors();
    void clearErrors();
    // Marks `line` in the editor and puts the cursor there.
    void showLine(int line);

Q_SIGNALS:
    void finished(bool success);
    void errorsLoaded();
    void errorsCleared();

private:
    void showResult(const ApiReply &reply);
    void showErrors(const ApiReply &reply);
    QString scriptName() const;
    bool parseJsonField(QPlainTextEdit *edit, const QString &what, QJsonValue *out, QStringList *problems);

    GatehouseClient *m_client;
    Kind m_kind;
    QPointer<ScriptEditor> m_editor;
    std::function<QString()> m_name;
    std::function<QJsonObject()> m_config;
    QTabWidget *m_tabs;
    QComboBox *m_method;
    QLineEdit *m_path;
    QPlainTextEdit *m_parameters;
    QPlainTextEdit *m_body;
    QPlainTextEdit *m_response = nullptr;
    QPushButton *m_runButton;
    QLabel *m_summary;
    QLabel *m_errorLink;
    QPlainTextEdit *m_result;
    QListWidget *m_logs;
    QListWidget *m_errors;
    QPushButton *m_refreshErrors;
    QPushButton *m_clearErrors;
    QLabel *m_errorsSummary;
    QPointer<QObject> m_run;
    bool m_success = false;
    int m_errorLine = 0;
};
} // namespace gatehouse
