#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

#include "client/GatehouseClient.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace gatehouse {

class ServiceEditorDialog;

// The Services page: the engine's services (GET /system/service) and, for identity services
// (ldap, adldap, oidc), create and edit forms with a "Test" button (ServiceEditorDialog). Other
// types are listed; their editors come with the bigger console.
class ServicesPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesPage(GatehouseClient *client, QWidget *parent = nullptr);

    void refresh();
    // Opens the editor for a new service of `type` / for the stored service `name`.
    ServiceEditorDialog *createService(const QString &type);
    ServiceEditorDialog *editService(const QString &name);
    // The editor currently open, if any.
    ServiceEditorDialog *editor() const;
    QList<ServiceDefinition> services() const { return m_services; }
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void refreshed();

private:
    ServiceEditorDialog *openEditor(const ServiceDefinition &service);
    void updateButtons();

    GatehouseClient *m_client;
    QTableWidget *m_table;
    QPushButton *m_edit;
    QLabel *m_error;
    QList<ServiceDefinition> m_services;
    QPointer<ServiceEditorDialog> m_editor;
};
} // namespace gatehouse
