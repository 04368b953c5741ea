#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace gatehouse {

class AppRoleTable;
class GatehouseClient;
class MessageBar;

// Creates or edits a non-admin user (/system/user): email, names, password (typed twice),
// active, and the user's role per app. Users provisioned by an identity service (LDAP, OIDC)
// show that service and their directory user name, read-only. The API has no "is admin" field
// for users (admins are a separate resource), so the form offers none.
class UserEditorDialog : public QDialog
{
    Q_OBJECT
public:
    UserEditorDialog(GatehouseClient *client, qint64 userId, QWidget *parent = nullptr);

    void save();
    QStringList validate() const;
    bool isLoaded() const { return m_pending == 0; }

    AppRoleTable *appRoles() const { return m_appRoles; }
    MessageBar *messageBar() const { return m_messages; }
    QGroupBox *directoryBox() const { return m_directory; }

Q_SIGNALS:
    void loaded();
    void saved(qint64 userId);

private:
    void partDone();

    GatehouseClient *m_client;
    qint64 m_id;
    int m_pending = 0;
    MessageBar *m_messages;
    QLineEdit *m_email;
    QLineEdit *m_name;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QCheckBox *m_active;
    QGroupBox *m_directory;
    QLineEdit *m_directoryService;
    QLineEdit *m_directoryUser;
    AppRoleTable *m_appRoles;
    QDialogButtonBox *m_buttons;
};
} // namespace gatehouse
