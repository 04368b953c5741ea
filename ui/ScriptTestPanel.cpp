#include "ScriptTestPanel.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "JsonText.h"
#include "ScriptEditor.h"
#include "Theme.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {

QPlainTextEdit *jsonEdit(QWidget *parent, const QString &placeholder, int height)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setFont(Theme::monospaceFont());
    edit->setTabChangesFocus(true);
    edit->setPlaceholderText(placeholder);
    edit->setMaximumHeight(height);
    return edit;
}

} // namespace

// The error kinds of ScriptError in plain words.
QString ScriptTestPanel::kindText(const QString &kind)
{
    if (kind == QLatin1String("exception"))
        return tr("Error");
    if (kind == QLatin1String("cpu_limit"))
        return tr("CPU time limit reached");
    if (kind == QLatin1String("memory_limit"))
        return tr("Memory limit reached");
    if (kind == QLatin1String("depth_limit"))
        return tr("Too deeply nested platform.api calls");
    if (kind == QLatin1String("aborted"))
        return tr("Stopped (the engine is shutting down)");
    return kind.isEmpty() ? tr("Error") : kind;
}

// An exception's message already names its kind ("ReferenceError: …"); the limits do not.
QString ScriptTestPanel::describeError(const QJsonObject &error)
{
    const QString kind = error.value(QLatin1String("kind")).toString();
    const QString message = error.value(QLatin1String("message")).toString();
    if (kind == QLatin1String("exception") && !message.isEmpty())
        return message;
    return tr("%1: %2").arg(kindText(kind), message);
}

namespace {
// "line 12" of an error object, 0 when it has none.
int errorLineOf(const QJsonObject &error)
{
    return error.value(QLatin1String("line")).toInt(0);
}
} // namespace

ScriptTestPanel::ScriptTestPanel(GatehouseClient *client, Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_kind(kind)
    , m_tabs(new QTabWidget(this))
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_parameters(jsonEdit(this, QStringLiteral("{\"id\": 5}"), 60))
    , m_body(jsonEdit(this, QStringLiteral("{\"name\": \"example\"}"), 80))
    , m_runButton(new QPushButton(tr("Run with sample"), this))
    , m_summary(new QLabel(this))
    , m_errorLink(new QLabel(this))
    , m_result(new QPlainTextEdit(this))
    , m_logs(new QListWidget(this))
    , m_errors(new QListWidget(this))
    , m_refreshErrors(new QPushButton(tr("Refresh errors"), this))
    , m_clearErrors(new QPushButton(tr("Clear errors"), this))
    , m_errorsSummary(new QLabel(this))
{
    // No mnemonics here: the panel sits under forms whose labels take their letters.
    m_method->setObjectName(QStringLiteral("sampleMethod"));
    m_method->setAccessibleName(tr("Sample request method"));
    for (const char *verb : {"GET", "POST", "PUT", "PATCH", "DELETE"})
        m_method->addItem(QString::fromLatin1(verb));
    m_path->setObjectName(QStringLiteral("samplePath"));
    m_path->setAccessibleName(tr("Sample request path"));
    m_path->setPlaceholderText(kind == Kind::Service ? tr("Path below the service, e.g. orders/5")
                                                     : tr("e.g. db/_table/orders"));
    m_parameters->setObjectName(QStringLiteral("sampleParameters"));
    m_parameters->setAccessibleName(tr("Sample query parameters (JSON object)"));
    m_body->setObjectName(QStringLiteral("sampleBody"));
    m_body->setAccessibleName(tr("Sample request body (JSON)"));
    m_runButton->setObjectName(QStringLiteral("runSample"));
    m_runButton->setToolTip(tr("Runs the script as it is in the editor, without saving it. Calls it "
                               "makes through platform.api are real and run as you."));
    m_summary->setObjectName(QStringLiteral("sampleSummary"));
    m_summary->setAccessibleName(tr("Run result"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLink->setObjectName(QStringLiteral("errorLink"));
    m_errorLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_errorLink->setFocusPolicy(Qt::StrongFocus);
    m_errorLink->hide();
    connect(m_errorLink, &QLabel::linkActivated, this, [this] { showLine(m_errorLine); });
    m_result->setObjectName(QStringLiteral("sampleResult"));
    m_result->setAccessibleName(kind == Kind::Service ? tr("Response content") : tr("Event after the run"));
    m_result->setReadOnly(true);
    m_result->setFont(Theme::monospaceFont());
    m_result->setTabChangesFocus(true);
    m_logs->setObjectName(QStringLiteral("sampleLogs"));
    m_logs->setAccessibleName(tr("Script log"));
    m_logs->setMaximumHeight(90);

    auto *runPage = new QWidget(m_tabs);
    auto *form = new QFormLayout;
    auto *requestLine = new QHBoxLayout;
    requestLine->addWidget(m_method);
    requestLine->addWidget(m_path, 1);
    auto *requestLabel = new QLabel(tr("Request:"), runPage);
    requestLabel->setBuddy(m_method);
    form->addRow(requestLabel, requestLine);
    auto *parametersLabel = new QLabel(tr("Parameters:"), runPage);
    parametersLabel->setBuddy(m_parameters);
    form->addRow(parametersLabel, m_parameters);
    auto *bodyLabel = new QLabel(tr("Body:"), runPage);
    bodyLabel->setBuddy(m_body);
    form->addRow(bodyLabel, m_body);
    if (kind == Kind::Event) {
        m_response =
            jsonEdit(this, QStringLiteral("{\"status_code\": 200, \"content\": {\"resource\": []}}"), 80);
        m_response->setObjectName(QStringLiteral("sampleResponse"));
        m_response->setAccessibleName(tr("Sample response (JSON, for post_process scripts)"));
        auto *responseLabel = new QLabel(tr("Response:"), runPage);
        responseLabel->setBuddy(m_response);
        responseLabel->setToolTip(
            tr("What the service answered; post_process scripts see and may change it."));
        form->addRow(responseLabel, m_response);
    }
    auto *runLine = new QHBoxLayout;
    runLine->addWidget(m_runButton);
    runLine->addWidget(m_summary, 1);
    auto *runLayout = new QVBoxLayout(runPage);
    runLayout->addLayout(form);
    runLayout->addLayout(runLine);
    runLayout->addWidget(m_errorLink);
    runLayout->addWidget(m_result, 1);
    auto *logsLabel = new QLabel(tr("Log:"), runPage);
    logsLabel->setBuddy(m_logs);
    runLayout->addWidget(logsLabel);
    runLayout->addWidget(m_logs);
    m_tabs->addTab(runPage, tr("Run with sample request"));

    auto *errorsPage = new QWidget(m_tabs);
    m_errors->setObjectName(QStringLiteral("lastErrors"));
    m_errors->setAccessibleName(tr("Last errors of this script"));
    m_errors->setToolTip(tr("Double-click or press Enter on an error to go to its line."));
    m_refreshErrors->setObjectName(QStringLiteral("refreshErrors"));
    m_clearErrors->setObjectName(QStringLiteral("clearErrors"));
    m_clearErrors->setToolTip(tr("Forgets the errors recorded for this script."));
    m_errorsSummary->setObjectName(QStringLiteral("errorsSummary"));
    m_errorsSummary->setWordWrap(true);
    auto *errorButtons = new QHBoxLayout;
    errorButtons->addWidget(m_refreshErrors);
    errorButtons->addWidget(m_clearErrors);
    errorButtons->addWidget(m_errorsSummary, 1);
    auto *errorsLayout = new QVBoxLayout(errorsPage);
    errorsLayout->addWidget(m_errors, 1);
    errorsLayout->addLayout(errorButtons);
    m_tabs->addTab(errorsPage, tr("Last errors"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_runButton, &QPushButton::clicked, this, &ScriptTestPanel::run);
    connect(m_refreshErrors, &QPushButton::clicked, this, &ScriptTestPanel::refreshErrors);
    connect(m_clearErrors, &QPushButton::clicked, this, &ScriptTestPanel::clearErrors);
    connect(m_errors, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { showLine(item->data(Qt::UserRole).toInt()); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1 && m_errors->count() == 0)
            refreshErrors();
    });
}

QString ScriptTestPanel::scriptName() const
{
    return m_name ? m_name().trimmed() : QString();
}

void ScriptTestPanel::setSample(const QString &method, const QString &path, const QJsonObject &parameters,
                                const QJsonValue &body)
{
    m_method->setCurrentText(method.toUpper());
    m_path->setText(path);
    m_parameters->setPlainText(parameters.isEmpty() ? QString() : JsonText::readable(parameters));
    m_body->setPlainText(body.isUndefined() || body.isNull() ? QString() : JsonText::readable(body));
}

bool ScriptTestPanel::parseJsonField(QPlainTextEdit *edit, const QString &what, QJsonValue *out,
                                     QStringList *problems)
{
    const QString text = edit->toPlainText().trimmed();
    if (text.isEmpty())
        return true;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
        *problems << tr("%1 is not valid JSON.").arg(what);
        return false;
    }
    *out = doc.array().first();
    return true;
}

void ScriptTestPanel::run()
{
    if (!m_editor)
        return;
    QStringList problems;
    QJsonValue parameters(QJsonObject{});
    QJsonValue body;
    QJsonValue response;
    parseJsonField(m_parameters, tr("Parameters"), &parameters, &problems);
    if (!parameters.isObject())
        problems << tr("Parameters must be a JSON object, e.g. {\"id\": 5}.");
    parseJsonField(m_body, tr("Body"), &body, &problems);
    if (m_response)
        parseJsonField(m_response, tr("Response"), &response, &problems);
    if (m_editor->toPlainText().trimmed().isEmpty())
        problems << tr("The script is empty.");
    m_errorLink->hide();
    m_errorLine = 0;
    if (!problems.isEmpty()) {
        m_summary->setText(problems.join(QLatin1Char('\n')));
        m_success = false;
        Q_EMIT finished(false);
        return;
    }
    QJsonObject request{{QStringLiteral("method"), m_method->currentText()},
                        {QStringLiteral("path"), m_path->text().trimmed()},
                        {QStringLiteral("parameters"), parameters},
                        {QStringLiteral("headers"), QJsonObject{}}};
    if (!body.isUndefined())
        request.insert(QStringLiteral("body"), body);
    QJsonObject event{{QStringLiteral("request"), request}};
    if (response.isObject())
        event.insert(QStringLiteral("response"), response);
    QJsonObject config = m_config ? m_config() : QJsonObject();
    config.remove(QStringLiteral("content"));
    QJsonObject payload{{QStringLiteral("content"), m_editor->toPlainText()},
                        {QStringLiteral("event"), event},
                        {QStringLiteral("config"), config}};
    if (config.value(QLatin1String("allowed_hosts")).isArray())
        payload.insert(QStringLiteral("allowed_hosts"), config.value(QLatin1String("allowed_hosts")));
    if (!scriptName().isEmpty())
        payload.insert(QStringLiteral("name"), scriptName());

    delete m_run; // a new run replaces one still going
    auto *context = new QObject(this);
    m_run = context;
    m_runButton->setEnabled(false);
    m_summary->setText(tr("Running…"));
    m_result->clear();
    m_logs->clear();
    m_client->send("POST", QStringLiteral("system/script_test"), payload, context,
                   [this, context](const ApiReply &reply) {
                       context->deleteLater();
                       m_runButton->setEnabled(true);
                       showResult(reply);
                   });
}

void ScriptTestPanel::showResult(const ApiReply &reply)
{
    if (!reply.ok()) {
        m_success = false;
        m_summary->setText(tr("The script could not run: %1").arg(reply.describeError()));
        Q_EMIT finished(false);
        return;
    }
    const QJsonObject answer = reply.body.toObject();
    m_success = answer.value(QLatin1String("success")).toBool();
    const QJsonObject response = answer.value(QLatin1String("response")).toObject();
    const qint64 ms = answer.value(QLatin1String("duration_ms")).toInteger();
    const QJsonObject error = answer.value(QLatin1String("error")).toObject();
    if (m_kind == Kind::Service)
        m_result->setPlainText(JsonText::readable(response.value(QLatin1String("content"))));
    else
        m_result->setPlainText(JsonText::readable(answer.value(QLatin1String("event"))));
    for (const QJsonValue &line : answer.value(QLatin1String("logs")).toArray())
        m_logs->addItem(line.isString() ? line.toString() : JsonText::readable(line));
    if (!error.isEmpty()) {
        m_summary->setText(tr("Failed after %1 ms: %2").arg(ms).arg(describeError(error)));
        m_errorLine = errorLineOf(error);
        if (m_errorLine > 0) {
            m_errorLink->setText(QStringLiteral("<a href=\"#line\">%1</a>")
                                     .arg(tr("Go to line %1").arg(m_errorLine).toHtmlEscaped()));
            m_errorLink->setAccessibleName(tr("Go to line %1").arg(m_errorLine));
            m_errorLink->show();
            if (m_editor)
                m_editor->setErrorLine(m_errorLine);
        }
    } else if (m_kind == Kind::Service) {
        m_summary->setText(
            tr("Status %1 in %2 ms").arg(response.value(QLatin1String("status_code")).toInt(200)).arg(ms));
    } else {
        m_summary->setText(m_success ? tr("Ran in %1 ms").arg(ms) : tr("Failed after %1 ms").arg(ms));
    }
    Q_EMIT finished(m_success);
}

void ScriptTestPanel::showLine(int line)
{
    if (!m_editor || line <= 0)
        return;
    m_editor->setErrorLine(line);
    m_editor->goToLine(line);
}

void ScriptTestPanel::refreshErrors()
{
    const QString name = scriptName();
    m_errors->clear();
    if (name.isEmpty()) {
        m_errorsSummary->setText(tr("Errors are listed once the script has a name."));
        Q_EMIT errorsLoaded();
        return;
    }
    m_refreshErrors->setEnabled(false);
    m_client->send(
        "GET",
        QStringLiteral("system/script_error?name=%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(name))),
        QJsonValue(), this, [this](const ApiReply &reply) {
            m_refreshErrors->setEnabled(true);
            showErrors(reply);
        });
}

void ScriptTestPanel::showErrors(const ApiReply &reply)
{
    m_errors->clear();
    if (!reply.ok()) {
        m_errorsSummary->setText(tr("The errors could not be loaded: %1").arg(reply.describeError()));
        Q_EMIT errorsLoaded();
        return;
    }
    const QJsonArray rows = reply.body.toObject().value(QLatin1String("resource")).toArray();
    for (const QJsonValue &row : rows) {
        const QJsonObject error = row.toObject();
        const int line = errorLineOf(error);
        const QJsonValue time = error.value(QLatin1String("time"));
        QString when = time.toString();
        if (time.isDouble())
            when = QDateTime::fromMSecsSinceEpoch(time.toInteger())
                       .toLocalTime()
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        else if (const QDateTime at = QDateTime::fromString(when, Qt::ISODateWithMs); at.isValid())
            when = at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QString text = tr("%1 — %2").arg(when, describeError(error));
        if (line > 0)
            text += QLatin1Char(' ') + tr("(line %1)").arg(line);
        auto *item = new QListWidgetItem(text, m_errors);
        item->setData(Qt::UserRole, line);
        const QString requestId = error.value(QLatin1String("request_id")).toString();
        if (!requestId.isEmpty())
            item->setToolTip(tr("Request %1").arg(requestId));
    }
    m_errorsSummary->setText(rows.isEmpty() ? tr("No errors recorded.") : tr("Errors: %1").arg(rows.size()));
    m_clearErrors->setEnabled(!rows.isEmpty());
    Q_EMIT errorsLoaded();
}

void ScriptTestPanel::clearErrors()
{
    const QString name = scriptName();
    if (name.isEmpty())
        return;
    m_clearErrors->setEnabled(false);
    m_client->send(
        "DELETE",
        QStringLiteral("system/script_error?name=%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(name))),
        QJsonValue(), this, [this](const ApiReply &reply) {
            if (!reply.ok()) {
                m_clearErrors->setEnabled(true);
                m_errorsSummary->setText(tr("The errors were not cleared: %1").arg(reply.describeError()));
                return;
            }
            m_errors->clear();
            m_errorsSummary->setText(tr("No errors recorded."));
            Q_EMIT errorsCleared();
        });
}

QString ScriptTestPanel::summaryText() const
{
    return m_summary->text();
}

QString ScriptTestPanel::resultText() const
{
    return m_result->toPlainText();
}

QStringList ScriptTestPanel::logLines() const
{
    QStringList out;
    for (int i = 0; i < m_logs->count(); ++i)
        out << m_logs->item(i)->text();
    return out;
}

QStringList ScriptTestPanel::errorEntries() const
{
    QStringList out;
    for (int i = 0; i < m_errors->count(); ++i)
        out << m_errors->item(i)->text();
    return out;
}
} // namespace gatehouse
