#pragma once

#include "RecordListPage.h"

namespace gatehouse {

class RoleEditorDialog;

// The Roles page: roles (/system/role) with create, edit (access rules, row filters, field
// masks in RoleEditorDialog) and delete.
class RolesPage : public RecordListPage
{
    Q_OBJECT
public:
    explicit RolesPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Roles"); }
    QString iconName() const override { return QStringLiteral("roles"); }

    RoleEditorDialog *createRole();
    RoleEditorDialog *editRole();
    void deleteRole() { deleteCurrent(); }
    bool selectRole(const QString &name) { return selectRecord(name); }

    RoleEditorDialog *editor() const;

protected:
    QDialog *makeEditor(const QJsonObject &role) override;
    DeleteTexts deleteTexts() const override;
};
} // namespace gatehouse
