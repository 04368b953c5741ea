#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gatehouse {

class GatehouseClient;

// Creates or edits one model alias of /system/ai_alias: the name OpenAI-style clients send as
// `model`, the AI connection it routes to and the provider's model name.
class AiAliasDialog : public QDialog
{
    Q_OBJECT
public:
    // `connections`: (service id, name) of the AI connections; `alias`: the stored record, or
    // empty for a new alias.
    AiAliasDialog(GatehouseClient *client, const QList<QPair<qint64, QString>> &connections,
                  const QJsonObject &alias, QWidget *parent = nullptr);

    QStringList validate() const;
    QString errorText() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved();

private:
    GatehouseClient *m_client;
    qint64 m_id = 0;
    QLineEdit *m_alias;
    QComboBox *m_service;
    QLineEdit *m_model;
    QPushButton *m_saveButton;
    QLabel *m_error;
    QPointer<QObject> m_call;
};
} // namespace gatehouse
