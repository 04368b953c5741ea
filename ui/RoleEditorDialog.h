#pragma once

#include <QDialog>
#include <QList>

#include "FieldMaskTable.h"

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace gatehouse {

class AccessRulesEditor;
class GatehouseClient;
class MessageBar;

// Creates or edits a role: name, description, active, its access rules (AccessRulesEditor) and
// its field masks (FieldMaskTable). Saving stores the role with its rules in one call, then
// brings the field masks in line; any failure stays in the dialog's message bar.
class RoleEditorDialog : public QDialog
{
    Q_OBJECT
public:
    RoleEditorDialog(GatehouseClient *client, qint64 roleId, QWidget *parent = nullptr);

    void save();
    QStringList validate() const;
    bool isLoaded() const { return m_pending == 0; }
    qint64 roleId() const { return m_id; }

    QLineEdit *nameEdit() const { return m_name; }
    AccessRulesEditor *rules() const { return m_rules; }
    FieldMaskTable *masks() const { return m_masks; }
    MessageBar *messageBar() const { return m_messages; }

Q_SIGNALS:
    // Services, the role and its masks have arrived (or failed: see the message bar).
    void loaded();
    void saved(qint64 roleId);

private:
    void loadPart(const QByteArray &method, const QString &path, std::function<void(const QJsonValue &)> use);
    void partDone();
    void runCalls(QList<FieldMaskTable::Call> calls);

    GatehouseClient *m_client;
    qint64 m_id;
    int m_pending = 0;
    MessageBar *m_messages;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QCheckBox *m_active;
    QTabWidget *m_tabs;
    AccessRulesEditor *m_rules;
    FieldMaskTable *m_masks;
    QDialogButtonBox *m_buttons;
};
} // namespace gatehouse
