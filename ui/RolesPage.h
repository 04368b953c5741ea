#pragma once

#include <QPointer>

#include "ConsolePage.h"

class QPushButton;

namespace gatehouse {

class PagedRecordList;
class RoleEditorDialog;

// The Roles page: roles (/system/role) with create, edit (access rules, row filters, field
// masks in RoleEditorDialog) and delete.
class RolesPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit RolesPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Roles"); }
    QString iconName() const override { return QStringLiteral("roles"); }
    void refresh() override;

    RoleEditorDialog *createRole();
    RoleEditorDialog *editRole();
    void deleteRole();
    bool selectRole(const QString &name);

    PagedRecordList *list() const { return m_list; }
    RoleEditorDialog *editor() const;

Q_SIGNALS:
    void actionFinished();

private:
    RoleEditorDialog *openEditor(qint64 id);
    void updateButtons();

    PagedRecordList *m_list;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPointer<RoleEditorDialog> m_editor;
};
} // namespace gatehouse
