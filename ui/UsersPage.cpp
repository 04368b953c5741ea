#include "UsersPage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QPushButton>
#include <QTableView>

#include "Confirmation.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "UserEditorDialog.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

UsersPage::UsersPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_list(new PagedRecordList(client,
                                 {{QStringLiteral("email"), tr("Email")},
                                  {QStringLiteral("name"), tr("Name")},
                                  {QStringLiteral("is_active"), tr("Active")},
                                  {QStringLiteral("directory_username"), tr("Directory user")},
                                  {QStringLiteral("last_login_date"), tr("Last sign-in")}},
                                 this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    m_list->setObjectName(QStringLiteral("users"));
    m_list->view()->setAccessibleName(tr("Users"));
    m_list->setSearchFields({QStringLiteral("email"), QStringLiteral("name")});
    m_list->setSource(QStringLiteral("system/user"), QStringLiteral("order=email"));
    auto *add = new QPushButton(tr("&New user…"), this);
    add->setObjectName(QStringLiteral("newUser"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete->setObjectName(QStringLiteral("delete"));
    connect(add, &QPushButton::clicked, this, &UsersPage::createUser);
    connect(m_edit, &QPushButton::clicked, this, &UsersPage::editUser);
    connect(m_delete, &QPushButton::clicked, this, &UsersPage::deleteUser);
    connect(reload, &QPushButton::clicked, this, &UsersPage::refresh);
    connect(m_list, &PagedRecordList::activated, this, [this](const QJsonObject &user) {
        openEditor(qint64(user.value(QLatin1String("id")).toDouble()));
    });
    connect(m_list, &PagedRecordList::currentChanged, this, &UsersPage::updateButtons);
    connect(m_list, &PagedRecordList::pageLoaded, this, [this](const ApiReply &reply, bool first) {
        if (checkReply(reply, tr("The users could not be loaded")) && first)
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
    connect(newAction, &QAction::triggered, this, [this] { createUser(); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &UsersPage::deleteUser);
    addActions({newAction, deleteAction});
    updateButtons();
}

void UsersPage::refresh()
{
    m_list->reload();
}

bool UsersPage::selectUser(const QString &email)
{
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        if (m_list->model()->record(row).value(QLatin1String("email")).toString() == email) {
            m_list->view()->setCurrentIndex(m_list->model()->index(row, 0));
            return true;
        }
    return false;
}

void UsersPage::updateButtons()
{
    const bool selected = !m_list->currentRecord().isEmpty();
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

UserEditorDialog *UsersPage::createUser()
{
    return openEditor(0);
}

UserEditorDialog *UsersPage::editUser()
{
    const QJsonObject user = m_list->currentRecord();
    return user.isEmpty() ? nullptr : openEditor(qint64(user.value(QLatin1String("id")).toDouble()));
}

UserEditorDialog *UsersPage::openEditor(qint64 id)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new UserEditorDialog(client(), id, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &UserEditorDialog::saved, this, &UsersPage::refresh);
    m_editor = editor;
    editor->open();
    return editor;
}

void UsersPage::deleteUser()
{
    const QJsonObject user = m_list->currentRecord();
    if (user.isEmpty())
        return;
    const qint64 id = qint64(user.value(QLatin1String("id")).toDouble());
    Confirmation::ask(this, tr("Delete user"),
                      tr("Delete the user \"%1\"? Their sessions end, and their app roles, lookups "
                         "and limits are deleted.")
                          .arg(user.value(QLatin1String("email")).toString()),
                      tr("&Delete"), [this, id] {
                          client()->send("DELETE", QStringLiteral("system/user/%1").arg(id), QJsonValue(),
                                         this, [this](const ApiReply &reply) {
                                             if (checkReply(reply, tr("The user could not be deleted")))
                                                 refresh();
                                             Q_EMIT actionFinished();
                                         });
                      });
}

UserEditorDialog *UsersPage::editor() const
{
    return m_editor;
}
} // namespace gatehouse
