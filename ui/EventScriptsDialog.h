#pragma once

#include <functional>

#include <QDialog>
#include <QJsonArray>
#include <QPointer>

class QPushButton;
class QTableWidget;

namespace gatehouse {

class EventScriptEditorDialog;
class GatehouseClient;
class MessageBar;

// The event scripts (GET /system/event_script): scripts that run before (pre_process) or after
// (post_process) a service call. New and Edit open an EventScriptEditorDialog; Delete asks first.
// Reached from the Services page, since events are named after services.
class EventScriptsDialog : public QDialog
{
    Q_OBJECT
public:
    EventScriptsDialog(GatehouseClient *client, const QStringList &services, QWidget *parent = nullptr);

    void refresh();
    EventScriptEditorDialog *createScript();
    EventScriptEditorDialog *editScript(const QString &name);
    void deleteSelected();
    bool selectScript(const QString &name);
    QStringList scriptNames() const;
    EventScriptEditorDialog *editor() const;
    MessageBar *messageBar() const { return m_messages; }
    QTableWidget *table() const { return m_table; }
    // Replaces the confirmation question for tests: `onYes` runs when the answer is yes.
    void setConfirmer(std::function<void(const QString &question, std::function<void()> onYes)> confirm)
    {
        m_confirm = std::move(confirm);
    }

Q_SIGNALS:
    void refreshed();
    void deleted(const QString &name);

private:
    EventScriptEditorDialog *openEditor(const QJsonObject &record);
    QString selectedName() const;
    void updateButtons();

    GatehouseClient *m_client;
    QStringList m_services;
    QTableWidget *m_table;
    MessageBar *m_messages;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QJsonArray m_scripts;
    QPointer<EventScriptEditorDialog> m_editor;
    QPointer<QObject> m_refresh;
    std::function<void(const QString &, std::function<void()>)> m_confirm;
};
} // namespace gatehouse
