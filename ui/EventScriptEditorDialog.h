#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;

namespace gatehouse {

class GatehouseClient;
class ScriptEditor;
class ScriptTestPanel;

// Creates or edits one event script (/system/event_script, keyed by its event name): the event
// (completed from GET /system/event, optionally for one service), active, "may modify the
// event", description, the allowed hosts of platform.http and the script in a ScriptEditor, with
// a ScriptTestPanel to run it on a sample event and list its last errors. Save sends one call
// (POST for a new script, PUT for an existing one) and stays open with the server's message
// when it refuses.
class EventScriptEditorDialog : public QDialog
{
    Q_OBJECT
public:
    // `record` empty: a new script. `services`: names offered to narrow the event list.
    EventScriptEditorDialog(GatehouseClient *client, const QJsonObject &record, const QStringList &services,
                            QWidget *parent = nullptr);

    bool isNew() const { return m_record.isEmpty(); }
    // False while an existing script's content is still being loaded.
    bool isLoaded() const { return m_loaded; }
    QJsonObject record() const;
    QString errorText() const;
    QStringList eventNames() const;
    ScriptEditor *scriptEditor() const { return m_script; }
    ScriptTestPanel *testPanel() const { return m_panel; }

    void loadEvents(const QString &service = QString());
    void save();

Q_SIGNALS:
    void eventsLoaded();
    void loaded();
    void saved(const QString &name);
    void saveFailed(const QString &message);

private:
    void showError(const QString &message);
    void applyRecord(const QJsonObject &record);
    void suggestSample();

    GatehouseClient *m_client;
    QJsonObject m_record;
    QComboBox *m_service;
    QLineEdit *m_event;
    QStringListModel *m_events;
    QCompleter *m_completer;
    QCheckBox *m_active;
    QCheckBox *m_modify;
    QLineEdit *m_description;
    QPlainTextEdit *m_allowedHosts;
    ScriptEditor *m_script;
    ScriptTestPanel *m_panel;
    QPushButton *m_saveButton;
    QLabel *m_error;
    bool m_loaded = true;
    QPointer<QObject> m_eventsCall; // the event-name list being loaded
};
} // namespace gatehouse
