#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace gatehouse {

class GatehouseClient;
class MessageBar;

// Creates or edits a rate limit (/system/limit): name, type, rate per period, optional verb and
// the service, role, user and endpoint its type needs (the others are disabled).
class LimitEditorDialog : public QDialog
{
    Q_OBJECT
public:
    LimitEditorDialog(GatehouseClient *client, const QJsonObject &limit, QWidget *parent = nullptr);

    void save();
    QString validate() const;
    bool isLoaded() const { return m_pending == 0; }
    MessageBar *messageBar() const { return m_messages; }

Q_SIGNALS:
    void loaded();
    void saved();

private:
    void updateFields();
    bool needs(const char *part) const;

    GatehouseClient *m_client;
    qint64 m_id;
    int m_pending = 3;
    MessageBar *m_messages;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QComboBox *m_type;
    QSpinBox *m_rate;
    QComboBox *m_period;
    QComboBox *m_verb;
    QComboBox *m_service;
    QComboBox *m_role;
    QComboBox *m_user;
    QLineEdit *m_endpoint;
    QCheckBox *m_active;
    QDialogButtonBox *m_buttons;
};
} // namespace gatehouse
