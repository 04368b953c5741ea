#pragma once

#include <QDialog>

#include "ServiceTypeInfo.h"
#include "client/GatehouseClient.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSplitter;

namespace gatehouse {

class ScriptTestPanel;
class ServiceConfigForm;

// Creates or edits one service of any type: name, label, active, the config form built from the
// type's config_schema (ServiceConfigForm; LdapServiceForm / OidcServiceForm add their types'
// rules; RwsServiceForm shows rws rules as tables; a script field brings a ScriptTestPanel), a
// "Test" button for types with a probe (POST /system/service/_test; each step's result
// is listed) and Save (POST or PATCH /system/service; the server's error is shown as it says it).
class ServiceEditorDialog : public QDialog
{
    Q_OBJECT
public:
    // `service.id` 0: a new service of `service.type`. `type` without a config_schema: the
    // dialog loads it (GET /system/service_type/{type}).
    ServiceEditorDialog(GatehouseClient *client, const ServiceDefinition &service,
                        const ServiceTypeInfo &type, QWidget *parent = nullptr);

    ServiceConfigForm *form() const { return m_form; }
    // "Run with sample request" and "Last errors", for types whose schema has a script field.
    ScriptTestPanel *scriptPanel() const { return m_scriptPanel; }
    ServiceDefinition definition() const;
    QString errorText() const;
    QStringList testResults() const;
    bool isLoaded() const { return m_pending == 0; }

    void test();
    void save();

Q_SIGNALS:
    // The form is complete: the type's schema and the roles it offers have loaded.
    void rolesLoaded();
    void testFinished(bool success);
    void saved(const gatehouse::ServiceDefinition &service);
    void saveFailed(const QString &message);

private:
    void loadRoles();
    void loadSchema();
    void applyType(const ServiceTypeInfo &type);
    void addScriptPanel();
    void loadedOne();
    bool checkForm();
    void showError(const QString &message);

    GatehouseClient *m_client;
    ServiceDefinition m_service;
    ServiceTypeInfo m_type;
    int m_pending = 2;
    QLineEdit *m_name;
    QLineEdit *m_label;
    QCheckBox *m_active;
    ServiceConfigForm *m_form;
    QLabel *m_description;
    QPushButton *m_testButton;
    QPushButton *m_saveButton;
    QLabel *m_testSummary;
    QListWidget *m_testResults;
    QLabel *m_error;
    QSplitter *m_splitter;
    ScriptTestPanel *m_scriptPanel = nullptr;
};
} // namespace gatehouse
