#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace gatehouse {

class GatehouseClient;
class MessageBar;

// Creates or edits an app (/system/app): name, description, active, default role. A create
// answers with the app's API key, which `saved` hands on so the page can show it once.
class AppEditorDialog : public QDialog
{
    Q_OBJECT
public:
    AppEditorDialog(GatehouseClient *client, const QJsonObject &app, QWidget *parent = nullptr);

    // Validates and sends; the result arrives as saved() or in the dialog's message bar.
    void save();
    // Empty when the form is valid, else what to fix.
    QString validate() const;
    MessageBar *messageBar() const { return m_messages; }

Q_SIGNALS:
    void rolesLoaded();
    // `record` is the server's answer (with `api_key` after a create).
    void saved(const QJsonObject &record);

private:
    GatehouseClient *m_client;
    qint64 m_id;
    MessageBar *m_messages;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QCheckBox *m_active;
    QComboBox *m_role;
    QDialogButtonBox *m_buttons;
};
} // namespace gatehouse
