#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace gatehouse {

class GatehouseClient;
class MessageBar;

// Where a lookup lives: the system list, or one app's, role's or user's related lookups.
struct LookupScope
{
    QString owner; // empty: system; else "app", "role" or "user"
    qint64 ownerId = 0;

    bool isSystem() const { return owner.isEmpty(); }
    // The related array on the owner's resource ("lookup_by_role_id").
    QString relation() const { return QStringLiteral("lookup_by_%1_id").arg(owner); }
};

// Creates or edits one lookup {name, value, private, description}. A private value is never
// shown: the server only ever returns a mask, and the field stays empty ("unchanged") unless a
// new value is typed, which is then sent and sealed.
class LookupEditorDialog : public QDialog
{
    Q_OBJECT
public:
    LookupEditorDialog(GatehouseClient *client, const LookupScope &scope, const QJsonObject &lookup,
                       QWidget *parent = nullptr);

    void save();
    QString validate() const;
    MessageBar *messageBar() const { return m_messages; }

Q_SIGNALS:
    void saved();

private:
    GatehouseClient *m_client;
    LookupScope m_scope;
    qint64 m_id;
    bool m_wasPrivate;
    MessageBar *m_messages;
    QLineEdit *m_name;
    QLineEdit *m_value;
    QCheckBox *m_private;
    QLineEdit *m_description;
    QDialogButtonBox *m_buttons;
};
} // namespace gatehouse
