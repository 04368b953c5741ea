#pragma once

#include <functional>

#include <QList>
#include <QPointer>

#include "ConsolePage.h"
#include "ServiceTypeInfo.h"
#include "client/GatehouseClient.h"

class QMenu;
class QPushButton;
class QTableWidget;

namespace gatehouse {

class EventScriptsDialog;
class SchemaBrowserDialog;
class ServiceEditorDialog;

// The Services page: the engine's services (GET /system/service) with New (a menu of the
// creatable types from /system/service_type), Edit, Delete (confirmed), Activate/Deactivate,
// Browse (schema and records of a database service), Event scripts (EventScriptsDialog) and
// Refresh. The editor builds its form
// from the type's config_schema (ServiceEditorDialog).
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
    // Opens the schema browser of the database service `name`.
    SchemaBrowserDialog *browseService(const QString &name);
    // Opens the event scripts (one dialog at a time).
    EventScriptsDialog *openEventScripts();
    // Deletes / (de)activates the selected service; Delete asks first (see setConfirmer).
    void deleteSelected();
    void toggleSelected();
    // Replaces the confirmation question (a QMessageBox) for tests; returns whether to go on.
    void setConfirmer(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    bool selectService(const QString &name);

    // The editor currently open, if any.
    ServiceEditorDialog *editor() const;
    QList<ServiceDefinition> services() const { return m_services; }
    QList<ServiceTypeInfo> types() const { return m_types; }
    QTableWidget *table() const { return m_table; }
    QMenu *newMenu() const { return m_newMenu; }

Q_SIGNALS:
    // A delete or (de)activation answered (success or not).
    void changed();

private:
    ServiceEditorDialog *openEditor(const ServiceDefinition &service);
    ServiceTypeInfo typeInfo(const QString &name) const;
    const ServiceDefinition *selected() const;
    void fillTable();
    void fillNewMenu();
    void updateButtons();
    void finishRefresh();

    QTableWidget *m_table;
    QPushButton *m_new;
    QMenu *m_newMenu;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_toggle;
    QPushButton *m_browse;
    QList<ServiceDefinition> m_services;
    QList<ServiceTypeInfo> m_types;
    QPointer<ServiceEditorDialog> m_editor;
    QPointer<EventScriptsDialog> m_eventScripts;
    QPointer<QObject> m_refresh; // the running refresh's calls
    int m_refreshPending = 0;
    std::function<bool(const QString &)> m_confirm;
};
} // namespace gatehouse
