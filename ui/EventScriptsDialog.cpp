#include "EventScriptsDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "Confirmation.h"
#include "EventScriptEditorDialog.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

EventScriptsDialog::EventScriptsDialog(GatehouseClient *client, const QStringList &services, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_services(services)
    , m_table(new QTableWidget(0, 4, this))
    , m_messages(new MessageBar(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    setWindowTitle(tr("Event scripts"));
    auto *intro = new QLabel(tr("Scripts that run before (pre_process) or after (post_process) a "
                                "service call, for example to check or enrich a request or to "
                                "reshape a response."),
                             this);
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("eventScripts"));
    m_table->setAccessibleName(tr("Event scripts"));
    m_table->setHorizontalHeaderLabels({tr("Event"), tr("Active"), tr("May modify"), tr("Description")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();

    auto *create = new QPushButton(tr("&New…"), this);
    create->setObjectName(QStringLiteral("new"));
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete->setObjectName(QStringLiteral("delete"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    reload->setObjectName(QStringLiteral("refresh"));
    connect(create, &QPushButton::clicked, this, &EventScriptsDialog::createScript);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (!selectedName().isEmpty())
            editScript(selectedName());
    });
    connect(m_delete, &QPushButton::clicked, this, &EventScriptsDialog::deleteSelected);
    connect(reload, &QPushButton::clicked, this, &EventScriptsDialog::refresh);
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < m_scripts.size())
            editScript(m_scripts.at(row).toObject().value(QLatin1String("name")).toString());
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &EventScriptsDialog::updateButtons);
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &EventScriptsDialog::deleteSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(reload);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_messages);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(close);
    resize(720, 480);
    m_confirm = [this](const QString &question, std::function<void()> onYes) {
        Confirmation::ask(this, tr("Delete event script"), question, tr("Delete"), std::move(onYes));
    };
    updateButtons();
}

EventScriptEditorDialog *EventScriptsDialog::editor() const
{
    return m_editor;
}

QString EventScriptsDialog::selectedName() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_scripts.size() || !m_table->selectionModel()->hasSelection())
        return {};
    return m_scripts.at(row).toObject().value(QLatin1String("name")).toString();
}

void EventScriptsDialog::updateButtons()
{
    const bool any = !selectedName().isEmpty();
    m_edit->setEnabled(any);
    m_delete->setEnabled(any);
}

QStringList EventScriptsDialog::scriptNames() const
{
    QStringList names;
    for (const QJsonValue &script : m_scripts)
        names << script.toObject().value(QLatin1String("name")).toString();
    return names;
}

bool EventScriptsDialog::selectScript(const QString &name)
{
    const QStringList names = scriptNames();
    const int row = int(names.indexOf(name));
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

void EventScriptsDialog::refresh()
{
    delete m_refresh; // a new refresh replaces one still running
    auto *context = new QObject(this);
    m_refresh = context;
    const QString current = selectedName();
    m_client->send(
        "GET", QStringLiteral("system/event_script"), QJsonValue(), context,
        [this, context, current](const ApiReply &reply) {
            context->deleteLater();
            if (!reply.ok()) {
                m_messages->showError(tr("The event scripts could not be loaded"), reply);
            } else {
                m_scripts = reply.body.toObject().value(QLatin1String("resource")).toArray();
                m_table->setRowCount(0);
                for (const QJsonValue &value : std::as_const(m_scripts)) {
                    const QJsonObject script = value.toObject();
                    const int row = m_table->rowCount();
                    m_table->insertRow(row);
                    m_table->setItem(row, 0,
                                     new QTableWidgetItem(script.value(QLatin1String("name")).toString()));
                    m_table->setItem(row, 1,
                                     new QTableWidgetItem(script.value(QLatin1String("is_active")).toBool()
                                                              ? tr("yes")
                                                              : tr("no")));
                    m_table->setItem(
                        row, 2,
                        new QTableWidgetItem(script.value(QLatin1String("allow_event_modification")).toBool()
                                                 ? tr("yes")
                                                 : tr("no")));
                    m_table->setItem(
                        row, 3, new QTableWidgetItem(script.value(QLatin1String("description")).toString()));
                }
                if (!current.isEmpty())
                    selectScript(current);
            }
            updateButtons();
            Q_EMIT refreshed();
        });
}

EventScriptEditorDialog *EventScriptsDialog::openEditor(const QJsonObject &record)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new EventScriptEditorDialog(m_client, record, m_services, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &EventScriptEditorDialog::saved, this, [this](const QString &name) {
        m_messages->showMessage(tr("The event script %1 was saved.").arg(name));
        refresh();
    });
    m_editor = editor;
    editor->open();
    return editor;
}

EventScriptEditorDialog *EventScriptsDialog::createScript()
{
    return openEditor(QJsonObject());
}

EventScriptEditorDialog *EventScriptsDialog::editScript(const QString &name)
{
    // When the list leaves out the content, the editor loads the whole record itself.
    for (const QJsonValue &script : std::as_const(m_scripts))
        if (script.toObject().value(QLatin1String("name")).toString() == name)
            return openEditor(script.toObject());
    return nullptr;
}

void EventScriptsDialog::deleteSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    // By id when the list has it (event names hold '{' and '}', see EventScriptEditorDialog).
    const QJsonObject record = m_scripts.at(m_table->currentRow()).toObject();
    const QString path =
        record.value(QLatin1String("id")).isDouble()
            ? QStringLiteral("system/event_script/%1").arg(record.value(QLatin1String("id")).toInteger())
            : QStringLiteral("system/event_script/%1")
                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(name)));
    m_confirm(tr("Delete the event script \"%1\"? The event then runs without it.").arg(name),
              [this, name, path] {
                  m_delete->setEnabled(false);
                  m_client->send("DELETE", path, QJsonValue(), this, [this, name](const ApiReply &reply) {
                      if (!reply.ok())
                          m_messages->showError(tr("The event script %1 was not deleted").arg(name), reply);
                      else
                          m_messages->showMessage(tr("The event script %1 was deleted.").arg(name));
                      Q_EMIT deleted(name);
                      refresh();
                  });
              });
}
} // namespace gatehouse
