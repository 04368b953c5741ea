#include "AiAliasDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "client/GatehouseClient.h"

namespace gatehouse {

AiAliasDialog::AiAliasDialog(GatehouseClient *client, const QList<QPair<qint64, QString>> &connections,
                             const QJsonObject &alias, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_id(alias.value(QLatin1String("id")).toVariant().toLongLong())
    , m_alias(new QLineEdit(this))
    , m_service(new QComboBox(this))
    , m_model(new QLineEdit(this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(m_id ? tr("Edit model alias") : tr("New model alias"));
    m_alias->setObjectName(QStringLiteral("alias"));
    m_alias->setAccessibleName(tr("Alias"));
    m_alias->setToolTip(tr("What OpenAI-style clients send as \"model\"."));
    m_service->setObjectName(QStringLiteral("service"));
    m_service->setAccessibleName(tr("AI connection"));
    m_model->setObjectName(QStringLiteral("model"));
    m_model->setAccessibleName(tr("Provider model"));
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    for (const auto &connection : connections)
        m_service->addItem(connection.second, connection.first);

    m_alias->setText(alias.value(QLatin1String("alias")).toString());
    m_model->setText(alias.value(QLatin1String("model")).toString());
    const int index = m_service->findData(alias.value(QLatin1String("service_id")).toVariant().toLongLong());
    if (index >= 0)
        m_service->setCurrentIndex(index);

    auto *form = new QFormLayout;
    auto *aliasLabel = new QLabel(tr("&Alias:"), this);
    aliasLabel->setBuddy(m_alias);
    auto *serviceLabel = new QLabel(tr("AI &connection:"), this);
    serviceLabel->setBuddy(m_service);
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_model);
    form->addRow(aliasLabel, m_alias);
    form->addRow(serviceLabel, m_service);
    form->addRow(modelLabel, m_model);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    m_saveButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &AiAliasDialog::save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QStringList AiAliasDialog::validate() const
{
    QStringList problems;
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._:/-]{1,128}$"));
    if (!pattern.match(m_alias->text().trimmed()).hasMatch())
        problems << tr("The alias needs 1 to 128 letters, digits or . _ : / -");
    if (m_service->currentIndex() < 0)
        problems << tr("Create an AI connection first.");
    if (m_model->text().trimmed().isEmpty())
        problems << tr("Enter the provider's model name.");
    return problems;
}

QString AiAliasDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AiAliasDialog::save()
{
    const QStringList problems = validate();
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        m_error->show();
        return;
    }
    m_error->hide();
    const QJsonObject record{{QStringLiteral("alias"), m_alias->text().trimmed()},
                             {QStringLiteral("service_id"), m_service->currentData().toLongLong()},
                             {QStringLiteral("model"), m_model->text().trimmed()}};
    delete m_call;
    m_call = new QObject(this);
    m_saveButton->setEnabled(false);
    m_client->saveRecord(QStringLiteral("ai_alias"), m_id, record, QString(), m_call,
                         [this](const ApiReply &reply, const QJsonObject &) {
                             m_saveButton->setEnabled(true);
                             if (!reply.ok()) {
                                 m_error->setText(
                                     tr("The alias could not be saved: %1").arg(reply.describeError()));
                                 m_error->show();
                                 return;
                             }
                             Q_EMIT saved();
                             accept();
                         });
}
} // namespace gatehouse
