#pragma once

#include <QPointer>

#include "ConsolePage.h"

class QPushButton;

namespace gatehouse {

class PagedRecordList;
class UserEditorDialog;

// The Users page: non-admin users (/system/user), paged, with create, edit (UserEditorDialog:
// details, password, role per app) and delete.
class UsersPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit UsersPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Users"); }
    QString iconName() const override { return QStringLiteral("users"); }
    void refresh() override;

    UserEditorDialog *createUser();
    UserEditorDialog *editUser();
    void deleteUser();
    bool selectUser(const QString &email);

    PagedRecordList *list() const { return m_list; }
    UserEditorDialog *editor() const;

Q_SIGNALS:
    void actionFinished();

private:
    UserEditorDialog *openEditor(qint64 id);
    void updateButtons();

    PagedRecordList *m_list;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPointer<UserEditorDialog> m_editor;
};
} // namespace gatehouse
