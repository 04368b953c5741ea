#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include "client/GatehouseClient.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace gatehouse {

// Creates or edits one AI connection (a service of type `ai`) through /system/service. A provider
// preset fills the base URL and default model and says whether a key is needed; the form also
// covers the requests-per-minute limit, the monthly budget and the prices per 1,000 tokens.
// Config keys the form does not show (data_chat, endpoints, rate_sheet …) are kept as stored.
// The API key arrives masked; leaving the mask keeps the stored key.
class AiConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    AiConnectionDialog(GatehouseClient *client, const ServiceDefinition &service, QWidget *parent = nullptr);

    // Fills the form from a preset (what choosing it in the list does).
    void applyPreset(const QString &provider);
    // The service as it would be saved, or the problems found in the form.
    ServiceDefinition definition() const;
    QStringList validate() const;
    QString errorText() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved(const gatehouse::ServiceDefinition &service);

private:
    void updateKeyHint();

    GatehouseClient *m_client;
    ServiceDefinition m_service;
    QLineEdit *m_name;
    QLineEdit *m_label;
    QComboBox *m_provider;
    QLabel *m_keyHint;
    QLineEdit *m_baseUrl;
    QLineEdit *m_apiKey;
    QLineEdit *m_model;
    QSpinBox *m_rpm;
    QDoubleSpinBox *m_monthlyBudget;
    QDoubleSpinBox *m_inputPrice;
    QDoubleSpinBox *m_outputPrice;
    QCheckBox *m_active;
    QPushButton *m_saveButton;
    QLabel *m_error;
    QPointer<QObject> m_call;
};
} // namespace gatehouse
