#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gatehouse {

class GatehouseClient;

// Creates or edits one budget of /system/ai_budget. The "applies to" list is loaded for the
// chosen dimension (AI connections, users, roles or apps), so the admin picks a name instead of
// typing an id; a global budget has none.
class AiBudgetDialog : public QDialog
{
    Q_OBJECT
public:
    AiBudgetDialog(GatehouseClient *client, const QJsonObject &budget, QWidget *parent = nullptr);

    QStringList validate() const;
    QString errorText() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved();
    // The "applies to" list for the current dimension has arrived (tests wait for it).
    void targetsLoaded();

private:
    void loadTargets();

    GatehouseClient *m_client;
    qint64 m_id = 0;
    qint64 m_initialTarget = 0;
    QLineEdit *m_name;
    QComboBox *m_dimension;
    QComboBox *m_target;
    QComboBox *m_period;
    QDoubleSpinBox *m_limit;
    QCheckBox *m_hardStop;
    QLineEdit *m_webhook;
    QCheckBox *m_active;
    QPushButton *m_saveButton;
    QLabel *m_error;
    QPointer<QObject> m_targetCall;
    QPointer<QObject> m_call;
};
} // namespace gatehouse
