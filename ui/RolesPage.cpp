#include "RolesPage.h"

#include "RoleEditorDialog.h"

namespace gatehouse {

RolesPage::RolesPage(GatehouseClient *client, QWidget *parent)
    : RecordListPage(client,
                     {{QStringLiteral("name"), tr("Name")},
                      {QStringLiteral("is_active"), tr("Active")},
                      {QStringLiteral("description"), tr("Description")}},
                     parent)
{
    setUp({.objectName = QStringLiteral("roles"),
           .accessibleName = tr("Roles"),
           .searchFields = {QStringLiteral("name"), QStringLiteral("description")},
           .resource = QStringLiteral("system/role"),
           .query = QStringLiteral("order=name"),
           .nameField = QStringLiteral("name"),
           .newText = tr("&New role…"),
           .newObjectName = QStringLiteral("newRole"),
           .editText = tr("&Edit…"),
           .deleteText = tr("&Delete…"),
           .refreshText = tr("&Refresh"),
           .loadError = tr("The roles could not be loaded")});
}

RoleEditorDialog *RolesPage::createRole()
{
    return static_cast<RoleEditorDialog *>(openEditor(QJsonObject()));
}

RoleEditorDialog *RolesPage::editRole()
{
    return static_cast<RoleEditorDialog *>(editCurrent());
}

QDialog *RolesPage::makeEditor(const QJsonObject &role)
{
    // An empty record has id 0, which the dialog takes as "new role".
    auto *editor = new RoleEditorDialog(client(), recordId(role), this);
    connect(editor, &RoleEditorDialog::saved, this, &RolesPage::refresh);
    return editor;
}

RecordListPage::DeleteTexts RolesPage::deleteTexts() const
{
    return {tr("Delete role"),
            tr("Delete the role \"%1\"? Apps and users that use it lose that access; its "
               "rules, masks, lookups and limits are deleted."),
            tr("&Delete"), tr("The role could not be deleted")};
}

RoleEditorDialog *RolesPage::editor() const
{
    return static_cast<RoleEditorDialog *>(currentEditor());
}
} // namespace gatehouse
