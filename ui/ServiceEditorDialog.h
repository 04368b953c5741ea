#pragma once

#include <QDialog>

#include "client/GatehouseClient.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace gatehouse {

class IdentityServiceForm;

// Creates or edits one identity service (ldap, adldap, oidc): name, label, active, the type's
// config form, a "Test" button (POST /system/service/_test; each step's result is listed) and
// Save (POST or PATCH /system/service; the server's error is shown as it says it).
class ServiceEditorDialog : public QDialog
{
    Q_OBJECT
public:
    // `service.id` 0: a new service of `service.type`.
    ServiceEditorDialog(GatehouseClient *client, const ServiceDefinition &service, QWidget *parent = nullptr);

    // The types this editor has a form for.
    static bool canEdit(const QString &type);

    IdentityServiceForm *form() const { return m_form; }
    ServiceDefinition definition() const;
    QString errorText() const;
    QStringList testResults() const;

    void test();
    void save();

Q_SIGNALS:
    void rolesLoaded();
    void testFinished(bool success);
    void saved(const gatehouse::ServiceDefinition &service);
    void saveFailed(const QString &message);

private:
    void loadRoles();
    bool checkForm();
    void showError(const QString &message);

    GatehouseClient *m_client;
    ServiceDefinition m_service;
    QLineEdit *m_name;
    QLineEdit *m_label;
    QCheckBox *m_active;
    IdentityServiceForm *m_form;
    QPushButton *m_testButton;
    QPushButton *m_saveButton;
    QLabel *m_testSummary;
    QListWidget *m_testResults;
    QLabel *m_error;
};
} // namespace gatehouse
