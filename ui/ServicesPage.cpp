#include "ServicesPage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

#include "EventScriptsDialog.h"
#include "MessageBar.h"
#include "SchemaBrowserDialog.h"
#include "ServiceEditorDialog.h"

namespace gatehouse {

ServicesPage::ServicesPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_table(new QTableWidget(0, 4, this))
    , m_new(new QPushButton(tr("&New"), this))
    , m_newMenu(new QMenu(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_toggle(new QPushButton(tr("Deac&tivate"), this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
{
    m_table->setObjectName(QStringLiteral("services"));
    m_table->setAccessibleName(tr("Services"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Label"), tr("Type"), tr("Active")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();

    m_new->setObjectName(QStringLiteral("new"));
    m_new->setMenu(m_newMenu);
    m_new->setToolTip(tr("Create a service of one of the engine's types."));
    m_newMenu->setObjectName(QStringLiteral("newMenu"));
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete->setObjectName(QStringLiteral("delete"));
    m_toggle->setObjectName(QStringLiteral("toggleActive"));
    m_browse->setObjectName(QStringLiteral("browse"));
    m_browse->setToolTip(tr("Tables, columns, relationships and records of a database service."));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    reload->setObjectName(QStringLiteral("refresh"));
    auto *eventScripts = new QPushButton(tr("Event scri&pts…"), this);
    eventScripts->setObjectName(QStringLiteral("eventScripts"));
    eventScripts->setToolTip(tr("Scripts that run before or after calls to a service."));
    connect(eventScripts, &QPushButton::clicked, this, &ServicesPage::openEventScripts);

    connect(reload, &QPushButton::clicked, this, &ServicesPage::refresh);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const ServiceDefinition *service = selected())
            editService(service->name);
    });
    connect(m_delete, &QPushButton::clicked, this, &ServicesPage::deleteSelected);
    connect(m_toggle, &QPushButton::clicked, this, &ServicesPage::toggleSelected);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        if (const ServiceDefinition *service = selected())
            browseService(service->name);
    });
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < m_services.size())
            editService(m_services.at(row).name);
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ServicesPage::updateButtons);
    // The Delete key on the list asks too (the same as the button).
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &ServicesPage::deleteSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_toggle);
    buttons->addWidget(m_browse);
    buttons->addWidget(eventScripts);
    buttons->addStretch();
    buttons->addWidget(reload);
    contentLayout()->addWidget(m_table);
    contentLayout()->addLayout(buttons);
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Delete service"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };
    fillNewMenu();
    updateButtons();
}

ServiceEditorDialog *ServicesPage::editor() const
{
    return m_editor;
}

const ServiceDefinition *ServicesPage::selected() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_services.size() && m_table->selectionModel()->hasSelection()
               ? &m_services.at(row)
               : nullptr;
}

bool ServicesPage::selectService(const QString &name)
{
    for (int row = 0; row < m_services.size(); ++row)
        if (m_services.at(row).name == name) {
            m_table->selectRow(row);
            return true;
        }
    return false;
}

ServiceTypeInfo ServicesPage::typeInfo(const QString &name) const
{
    for (const ServiceTypeInfo &type : m_types)
        if (type.name == name)
            return type;
    ServiceTypeInfo unknown;
    unknown.name = name;
    return unknown;
}

void ServicesPage::updateButtons()
{
    const ServiceDefinition *service = selected();
    m_edit->setEnabled(service != nullptr);
    m_delete->setEnabled(service != nullptr);
    m_toggle->setEnabled(service != nullptr);
    m_toggle->setText(service && !service->isActive ? tr("Ac&tivate") : tr("Deac&tivate"));
    const bool database = service && typeInfo(service->type).isDatabase();
    m_browse->setEnabled(database);
    m_browse->setToolTip(database || !service
                             ? tr("Tables, columns, relationships and records of a database service.")
                             : tr("Only database services have tables to browse."));
}

void ServicesPage::fillNewMenu()
{
    m_newMenu->clear();
    QString group;
    for (const ServiceTypeInfo &type : std::as_const(m_types)) {
        if (type.group != group) {
            group = type.group;
            m_newMenu->addSection(group);
        }
        QAction *action = m_newMenu->addAction(tr("%1…").arg(type.label));
        action->setObjectName(QStringLiteral("new:%1").arg(type.name));
        action->setToolTip(type.description);
        action->setStatusTip(type.description);
        const QString name = type.name;
        connect(action, &QAction::triggered, this, [this, name] { createService(name); });
    }
    m_new->setEnabled(!m_types.isEmpty());
}

void ServicesPage::fillTable()
{
    const QString current = selected() ? selected()->name : QString();
    m_table->setRowCount(0);
    for (const ServiceDefinition &service : std::as_const(m_services)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(service.name));
        m_table->setItem(row, 1, new QTableWidgetItem(service.label));
        const ServiceTypeInfo type = typeInfo(service.type);
        auto *typeItem = new QTableWidgetItem(type.label.isEmpty() ? service.type : type.label);
        typeItem->setToolTip(service.type);
        m_table->setItem(row, 2, typeItem);
        m_table->setItem(row, 3, new QTableWidgetItem(service.isActive ? tr("yes") : tr("no")));
    }
    if (!current.isEmpty())
        selectService(current);
    updateButtons();
}

void ServicesPage::refresh()
{
    // A new refresh replaces one still running (its answers are dropped with its context).
    delete m_refresh;
    auto *context = new QObject(this);
    m_refresh = context;
    m_refreshPending = 2;
    client()->listServices(context, [this](const ApiReply &reply, const QList<ServiceDefinition> &services) {
        if (checkReply(reply, tr("The services could not be loaded")))
            m_services = services;
        finishRefresh();
    });
    client()->send("GET", QStringLiteral("system/service_type"), QJsonValue(), context,
                   [this](const ApiReply &reply) {
                       if (checkReply(reply, tr("The service types could not be loaded")))
                           m_types = ServiceTypeInfo::listFromJson(reply.body);
                       finishRefresh();
                   });
}

void ServicesPage::finishRefresh()
{
    if (--m_refreshPending > 0)
        return;
    m_refresh->deleteLater();
    fillNewMenu();
    fillTable();
    Q_EMIT refreshed();
}

ServiceEditorDialog *ServicesPage::createService(const QString &type)
{
    ServiceDefinition service;
    service.type = type;
    return openEditor(service);
}

ServiceEditorDialog *ServicesPage::editService(const QString &name)
{
    for (const ServiceDefinition &service : std::as_const(m_services))
        if (service.name == name)
            return openEditor(service);
    return nullptr;
}

ServiceEditorDialog *ServicesPage::openEditor(const ServiceDefinition &service)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new ServiceEditorDialog(client(), service, typeInfo(service.type), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ServiceEditorDialog::saved, this, &ServicesPage::refresh);
    m_editor = editor;
    editor->open();
    return editor;
}

EventScriptsDialog *ServicesPage::openEventScripts()
{
    if (m_eventScripts) {
        m_eventScripts->raise();
        m_eventScripts->activateWindow();
        return m_eventScripts;
    }
    QStringList names;
    for (const ServiceDefinition &service : std::as_const(m_services))
        names << service.name;
    auto *dialog = new EventScriptsDialog(client(), names, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_eventScripts = dialog;
    dialog->show();
    dialog->refresh();
    return dialog;
}

SchemaBrowserDialog *ServicesPage::browseService(const QString &name)
{
    auto *browser = new SchemaBrowserDialog(client(), name, this);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    browser->show();
    return browser;
}

void ServicesPage::deleteSelected()
{
    const ServiceDefinition *service = selected();
    if (!service)
        return;
    const ServiceDefinition doomed = *service;
    if (!m_confirm(
            tr("Delete the service \"%1\"? Apps and roles that use it lose access to it.").arg(doomed.name)))
        return;
    m_delete->setEnabled(false);
    client()->send("DELETE", QStringLiteral("system/service/%1").arg(doomed.id), QJsonValue(), this,
                   [this, doomed](const ApiReply &reply) {
                       if (checkReply(reply, tr("The service %1 was not deleted").arg(doomed.name)))
                           messageBar()->showMessage(tr("The service %1 was deleted.").arg(doomed.name));
                       Q_EMIT changed();
                       refresh();
                   });
}

void ServicesPage::toggleSelected()
{
    const ServiceDefinition *service = selected();
    if (!service)
        return;
    const ServiceDefinition target = *service;
    m_toggle->setEnabled(false);
    client()->send(
        "PATCH", QStringLiteral("system/service/%1").arg(target.id),
        QJsonObject{{QStringLiteral("is_active"), !target.isActive}}, this,
        [this, target](const ApiReply &reply) {
            if (checkReply(reply, target.isActive ? tr("The service %1 was not deactivated").arg(target.name)
                                                  : tr("The service %1 was not activated").arg(target.name)))
                messageBar()->showMessage(target.isActive
                                              ? tr("The service %1 is inactive now.").arg(target.name)
                                              : tr("The service %1 is active now.").arg(target.name));
            Q_EMIT changed();
            refresh();
        });
}
} // namespace gatehouse
