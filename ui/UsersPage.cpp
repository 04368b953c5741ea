#include "UsersPage.h"

#include "UserEditorDialog.h"

namespace gatehouse {

UsersPage::UsersPage(GatehouseClient *client, QWidget *parent)
    : RecordListPage(client,
                     {{QStringLiteral("email"), tr("Email")},
                      {QStringLiteral("name"), tr("Name")},
                      {QStringLiteral("is_active"), tr("Active")},
                      {QStringLiteral("directory_username"), tr("Directory user")},
                      {QStringLiteral("last_login_date"), tr("Last sign-in")}},
                     parent)
{
    setUp({.objectName = QStringLiteral("users"),
           .accessibleName = tr("Users"),
           .searchFields = {QStringLiteral("email"), QStringLiteral("name")},
           .resource = QStringLiteral("system/user"),
           .query = QStringLiteral("order=email"),
           .nameField = QStringLiteral("email"),
           .newText = tr("&New user…"),
           .newObjectName = QStringLiteral("newUser"),
           .editText = tr("&Edit…"),
           .deleteText = tr("&Delete…"),
           .refreshText = tr("&Refresh"),
           .loadError = tr("The users could not be loaded")});
}

UserEditorDialog *UsersPage::createUser()
{
    return static_cast<UserEditorDialog *>(openEditor(QJsonObject()));
}

UserEditorDialog *UsersPage::editUser()
{
    return static_cast<UserEditorDialog *>(editCurrent());
}

QDialog *UsersPage::makeEditor(const QJsonObject &user)
{
    // An empty record has id 0, which the dialog takes as "new user".
    auto *editor = new UserEditorDialog(client(), recordId(user), this);
    connect(editor, &UserEditorDialog::saved, this, &UsersPage::refresh);
    return editor;
}

RecordListPage::DeleteTexts UsersPage::deleteTexts() const
{
    return {tr("Delete user"),
            tr("Delete the user \"%1\"? Their sessions end, and their app roles, lookups "
               "and limits are deleted."),
            tr("&Delete"), tr("The user could not be deleted")};
}

UserEditorDialog *UsersPage::editor() const
{
    return static_cast<UserEditorDialog *>(currentEditor());
}
} // namespace gatehouse
