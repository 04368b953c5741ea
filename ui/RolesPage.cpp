#include "RolesPage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QPushButton>
#include <QTableView>

#include "Confirmation.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "RoleEditorDialog.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

RolesPage::RolesPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_list(new PagedRecordList(client,
                                 {{QStringLiteral("name"), tr("Name")},
                                  {QStringLiteral("is_active"), tr("Active")},
                                  {QStringLiteral("description"), tr("Description")}},
                                 this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    m_list->setObjectName(QStringLiteral("roles"));
    m_list->view()->setAccessibleName(tr("Roles"));
    m_list->setSearchFields({QStringLiteral("name"), QStringLiteral("description")});
    m_list->setSource(QStringLiteral("system/role"), QStringLiteral("order=name"));
    auto *add = new QPushButton(tr("&New role…"), this);
    add->setObjectName(QStringLiteral("newRole"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete->setObjectName(QStringLiteral("delete"));
    connect(add, &QPushButton::clicked, this, &RolesPage::createRole);
    connect(m_edit, &QPushButton::clicked, this, &RolesPage::editRole);
    connect(m_delete, &QPushButton::clicked, this, &RolesPage::deleteRole);
    connect(reload, &QPushButton::clicked, this, &RolesPage::refresh);
    connect(m_list, &PagedRecordList::activated, this, [this](const QJsonObject &role) {
        openEditor(qint64(role.value(QLatin1String("id")).toDouble()));
    });
    connect(m_list, &PagedRecordList::currentChanged, this, &RolesPage::updateButtons);
    connect(m_list, &PagedRecordList::pageLoaded, this, [this](const ApiReply &reply, bool first) {
        if (checkReply(reply, tr("The roles could not be loaded")) && first)
            messageBar()->clear();
        updateButtons();
        if (first)
            Q_EMIT refreshed();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(reload);
    contentLayout()->addWidget(m_list, 1);
    contentLayout()->addLayout(buttons);
    // Ctrl+N and Delete anywhere on the page (not inside its dialogs).
    auto *newAction = new QAction(this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, [this] { createRole(); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &RolesPage::deleteRole);
    addActions({newAction, deleteAction});
    updateButtons();
}

void RolesPage::refresh()
{
    m_list->reload();
}

bool RolesPage::selectRole(const QString &name)
{
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        if (m_list->model()->record(row).value(QLatin1String("name")).toString() == name) {
            m_list->view()->setCurrentIndex(m_list->model()->index(row, 0));
            return true;
        }
    return false;
}

void RolesPage::updateButtons()
{
    const bool selected = !m_list->currentRecord().isEmpty();
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

RoleEditorDialog *RolesPage::createRole()
{
    return openEditor(0);
}

RoleEditorDialog *RolesPage::editRole()
{
    const QJsonObject role = m_list->currentRecord();
    return role.isEmpty() ? nullptr : openEditor(qint64(role.value(QLatin1String("id")).toDouble()));
}

RoleEditorDialog *RolesPage::openEditor(qint64 id)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new RoleEditorDialog(client(), id, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &RoleEditorDialog::saved, this, &RolesPage::refresh);
    m_editor = editor;
    editor->open();
    return editor;
}

void RolesPage::deleteRole()
{
    const QJsonObject role = m_list->currentRecord();
    if (role.isEmpty())
        return;
    const qint64 id = qint64(role.value(QLatin1String("id")).toDouble());
    Confirmation::ask(this, tr("Delete role"),
                      tr("Delete the role \"%1\"? Apps and users that use it lose that access; its "
                         "rules, masks, lookups and limits are deleted.")
                          .arg(role.value(QLatin1String("name")).toString()),
                      tr("&Delete"), [this, id] {
                          client()->send("DELETE", QStringLiteral("system/role/%1").arg(id), QJsonValue(),
                                         this, [this](const ApiReply &reply) {
                                             if (checkReply(reply, tr("The role could not be deleted")))
                                                 refresh();
                                             Q_EMIT actionFinished();
                                         });
                      });
}

RoleEditorDialog *RolesPage::editor() const
{
    return m_editor;
}
} // namespace gatehouse
