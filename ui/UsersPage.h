#pragma once

#include "RecordListPage.h"

namespace gatehouse {

class UserEditorDialog;

// The Users page: non-admin users (/system/user), paged, with create, edit (UserEditorDialog:
// details, password, role per app) and delete.
class UsersPage : public RecordListPage
{
    Q_OBJECT
public:
    explicit UsersPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Users"); }
    QString iconName() const override { return QStringLiteral("users"); }

    UserEditorDialog *createUser();
    UserEditorDialog *editUser();
    void deleteUser() { deleteCurrent(); }
    bool selectUser(const QString &email) { return selectRecord(email); }

    UserEditorDialog *editor() const;

protected:
    QDialog *makeEditor(const QJsonObject &user) override;
    DeleteTexts deleteTexts() const override;
};
} // namespace gatehouse
