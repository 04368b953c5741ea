#pragma once

#include <QList>
#include <QPointer>

#include "ConsolePage.h"
#include "client/GatehouseClient.h"

class QPushButton;
class QTableWidget;

namespace gatehouse {

class ServiceEditorDialog;

// The Services page: the engine's services (GET /system/service) and, for identity services
// (ldap, adldap, oidc), create and edit forms with a "Test" button (ServiceEditorDialog). Other
// types are listed; their editors come with the bigger console.
class ServicesPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit ServicesPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Services"); }
    QString iconName() const override { return QStringLiteral("services"); }
    void refresh() override;
    // Opens the editor for a new service of `type` / for the stored service `name`.
    ServiceEditorDialog *createService(const QString &type);
    ServiceEditorDialog *editService(const QString &name);
    // The editor currently open, if any.
    ServiceEditorDialog *editor() const;
    QList<ServiceDefinition> services() const { return m_services; }
    QTableWidget *table() const { return m_table; }

private:
    ServiceEditorDialog *openEditor(const ServiceDefinition &service);
    void updateButtons();

    QTableWidget *m_table;
    QPushButton *m_edit;
    QList<ServiceDefinition> m_services;
    QPointer<ServiceEditorDialog> m_editor;
};
} // namespace gatehouse
