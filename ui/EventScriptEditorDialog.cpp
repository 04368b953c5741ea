#include "EventScriptEditorDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStringListModel>
#include <QUrl>
#include <QVBoxLayout>

#include "ScriptEditor.h"
#include "ScriptTestPanel.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
// By id when the record has one: event names hold '{' and '}' ("….{id}.get.pre_process"),
// which a URL carries percent-encoded, while the id needs no encoding at all.
QString recordPath(const QJsonObject &record)
{
    if (record.value(QLatin1String("id")).isDouble())
        return QStringLiteral("system/event_script/%1").arg(record.value(QLatin1String("id")).toInteger());
    return QStringLiteral("system/event_script/%1")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(record.value(QLatin1String("name")).toString())));
}

const QString kPre = QStringLiteral("pre_process");
const QString kPost = QStringLiteral("post_process");
} // namespace

EventScriptEditorDialog::EventScriptEditorDialog(GatehouseClient *client, const QJsonObject &record,
                                                 const QStringList &services, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_record(record)
    , m_service(new QComboBox(this))
    , m_event(new QLineEdit(this))
    , m_events(new QStringListModel(this))
    , m_completer(new QCompleter(m_events, this))
    , m_active(new QCheckBox(tr("&Active"), this))
    , m_modify(new QCheckBox(tr("Allow event &modification"), this))
    , m_description(new QLineEdit(this))
    , m_allowedHosts(new QPlainTextEdit(this))
    , m_script(new ScriptEditor(this))
    , m_panel(new ScriptTestPanel(client, ScriptTestPanel::Kind::Event, this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_error(new QLabel(this))
{
    const QString name = record.value(QLatin1String("name")).toString();
    setWindowTitle(isNew() ? tr("New event script") : tr("Edit event script %1").arg(name));

    m_service->setObjectName(QStringLiteral("service"));
    m_service->setAccessibleName(tr("Service whose events are offered"));
    m_service->addItem(tr("(all services)"), QString());
    for (const QString &service : services)
        m_service->addItem(service, service);
    m_event->setObjectName(QStringLiteral("event"));
    m_event->setAccessibleName(tr("Event name"));
    m_event->setPlaceholderText(QStringLiteral("db._table.customers.get.pre_process"));
    m_event->setToolTip(tr("{service}.{path}.{verb}.pre_process runs before the call, …post_process "
                           "after it."));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_event->setCompleter(m_completer);
    m_active->setObjectName(QStringLiteral("is_active"));
    m_modify->setObjectName(QStringLiteral("allow_event_modification"));
    m_modify->setToolTip(tr("Lets the script change the request (pre_process) or the response "
                            "(post_process); without it, its changes are ignored."));
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setAccessibleName(tr("Description"));
    m_allowedHosts->setObjectName(QStringLiteral("allowed_hosts"));
    m_allowedHosts->setAccessibleName(tr("Allowed hosts for platform.http"));
    m_allowedHosts->setPlaceholderText(tr("One host or host:port per line; empty: no outside calls"));
    m_allowedHosts->setTabChangesFocus(true);
    m_allowedHosts->setMaximumHeight(60);
    m_script->setObjectName(QStringLiteral("content"));
    m_script->setAccessibleName(tr("Script (JavaScript)"));

    auto *form = new QFormLayout;
    if (isNew()) {
        auto *serviceLabel = new QLabel(tr("Ser&vice:"), this);
        serviceLabel->setBuddy(m_service);
        form->addRow(serviceLabel, m_service);
    } else {
        m_service->hide();
        m_event->setReadOnly(true); // the name is the key; a new name is a new script
    }
    auto *eventLabel = new QLabel(tr("&Event:"), this);
    eventLabel->setBuddy(m_event);
    form->addRow(eventLabel, m_event);
    auto *flags = new QHBoxLayout;
    flags->addWidget(m_active);
    flags->addWidget(m_modify);
    flags->addStretch();
    form->addRow(QString(), flags);
    auto *descriptionLabel = new QLabel(tr("&Description:"), this);
    descriptionLabel->setBuddy(m_description);
    form->addRow(descriptionLabel, m_description);
    auto *hostsLabel = new QLabel(tr("Allowed &hosts:"), this);
    hostsLabel->setBuddy(m_allowedHosts);
    form->addRow(hostsLabel, m_allowedHosts);
    auto *scriptLabel = new QLabel(tr("Scri&pt:"), this);
    scriptLabel->setBuddy(m_script);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addWidget(scriptLabel);
    topLayout->addWidget(m_script, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_panel);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_panel->setObjectName(QStringLiteral("scriptPanel"));
    m_panel->setEditor(m_script);
    m_panel->setNameSource([this] { return m_event->text(); });
    m_panel->setConfigSource([this] { return this->record().value(QLatin1String("config")).toObject(); });

    m_error->setObjectName(QStringLiteral("error"));
    m_error->setAccessibleName(tr("Error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_saveButton->setDefault(true);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_saveButton, &QPushButton::clicked, this, &EventScriptEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(860, 900);

    applyRecord(record);
    if (!isNew() && !record.contains(QLatin1String("content"))) {
        m_loaded = false;
        m_saveButton->setEnabled(false);
        m_client->send("GET", recordPath(record), QJsonValue(), this, [this](const ApiReply &reply) {
            if (!reply.ok())
                showError(tr("The event script could not be loaded: %1").arg(reply.describeError()));
            else
                applyRecord(m_record = reply.body.toObject());
            m_loaded = true;
            m_saveButton->setEnabled(reply.ok());
            Q_EMIT loaded();
        });
    }

    connect(m_service, &QComboBox::currentIndexChanged, this,
            [this] { loadEvents(m_service->currentData().toString()); });
    connect(m_event, &QLineEdit::editingFinished, this, &EventScriptEditorDialog::suggestSample);
    if (isNew())
        loadEvents();
}

void EventScriptEditorDialog::loadEvents(const QString &service)
{
    QString path = QStringLiteral("system/event");
    if (!service.isEmpty())
        path += QStringLiteral("?service=%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(service)));
    // Choosing another service replaces a list still loading (its answer is dropped).
    delete m_eventsCall;
    auto *context = new QObject(this);
    m_eventsCall = context;
    m_client->send("GET", path, QJsonValue(), context, [this, context](const ApiReply &reply) {
        context->deleteLater();
        QStringList names;
        if (!reply.ok()) {
            showError(tr("The event names could not be loaded: %1").arg(reply.describeError()));
        } else {
            for (const QJsonValue &name : reply.body.toObject().value(QLatin1String("resource")).toArray())
                names << name.toString();
        }
        m_events->setStringList(names);
        Q_EMIT eventsLoaded();
    });
}

void EventScriptEditorDialog::applyRecord(const QJsonObject &record)
{
    m_event->setText(record.value(QLatin1String("name")).toString());
    m_active->setChecked(record.isEmpty() || record.value(QLatin1String("is_active")).toBool(true));
    m_modify->setChecked(record.value(QLatin1String("allow_event_modification")).toBool(false));
    m_description->setText(record.value(QLatin1String("description")).toString());
    QStringList hosts;
    for (const QJsonValue &host :
         record.value(QLatin1String("config")).toObject().value(QLatin1String("allowed_hosts")).toArray())
        hosts << host.toString();
    m_allowedHosts->setPlainText(hosts.join(QLatin1Char('\n')));
    m_script->setPlainText(record.isEmpty()
                               ? QStringLiteral("// event.request: method, path, parameters, headers, body\n"
                                                "// event.response (post_process): status_code, content\n")
                               : record.value(QLatin1String("content")).toString());
    suggestSample();
}

QStringList EventScriptEditorDialog::eventNames() const
{
    return m_events->stringList();
}

void EventScriptEditorDialog::suggestSample()
{
    // "db._table.orders.get.pre_process" → GET db/_table/orders, unless a sample was typed.
    QStringList parts = m_event->text().trimmed().split(QLatin1Char('.'), Qt::SkipEmptyParts);
    if (parts.size() < 3 || (parts.last() != kPre && parts.last() != kPost))
        return;
    parts.removeLast();
    const QString verb = parts.takeLast().toUpper();
    m_panel->setSample(verb, parts.join(QLatin1Char('/')));
}

QJsonObject EventScriptEditorDialog::record() const
{
    QJsonObject out = m_record;
    out.insert(QStringLiteral("name"), m_event->text().trimmed());
    out.insert(QStringLiteral("type"), QStringLiteral("javascript"));
    out.insert(QStringLiteral("content"), m_script->toPlainText());
    out.insert(QStringLiteral("is_active"), m_active->isChecked());
    out.insert(QStringLiteral("allow_event_modification"), m_modify->isChecked());
    out.insert(QStringLiteral("description"), m_description->text().trimmed());
    QJsonObject config = m_record.value(QLatin1String("config")).toObject();
    QJsonArray hosts;
    for (const QString &line : m_allowedHosts->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            hosts.append(line.trimmed());
    if (hosts.isEmpty())
        config.remove(QStringLiteral("allowed_hosts"));
    else
        config.insert(QStringLiteral("allowed_hosts"), hosts);
    out.insert(QStringLiteral("config"), config);
    return out;
}

QString EventScriptEditorDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void EventScriptEditorDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void EventScriptEditorDialog::save()
{
    const QJsonObject script = record();
    const QString name = script.value(QLatin1String("name")).toString();
    QStringList problems;
    const QStringList parts = name.split(QLatin1Char('.'));
    if (name.isEmpty())
        problems << tr("Choose the event the script runs on.");
    else if (parts.size() < 2 || name.contains(QLatin1Char(' ')))
        problems << tr("The event name looks like service.path.verb.pre_process, e.g. %1.")
                        .arg(QStringLiteral("db._table.orders.get.pre_process"));
    if (m_script->toPlainText().trimmed().isEmpty())
        problems << tr("The script is empty.");
    showError(problems.join(QLatin1Char('\n')));
    if (!problems.isEmpty())
        return;
    m_saveButton->setEnabled(false);
    auto done = [this, name](const ApiReply &reply) {
        m_saveButton->setEnabled(true);
        if (!reply.ok()) {
            showError(tr("The event script was not saved: %1").arg(reply.describeError()));
            Q_EMIT saveFailed(reply.describeError());
            return;
        }
        m_record = record();
        Q_EMIT saved(name);
        accept();
    };
    const QString path = recordPath(m_record);
    if (isNew())
        m_client->send("POST", QStringLiteral("system/event_script"),
                       QJsonObject{{QStringLiteral("resource"), QJsonArray{script}}}, this, done);
    else
        m_client->send("PUT", path, script, this, done);
}
} // namespace gatehouse
