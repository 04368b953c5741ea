#include "AppEditorDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "MessageBar.h"
#include "RecordChoices.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

AppEditorDialog::AppEditorDialog(GatehouseClient *client, const QJsonObject &app, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_id(qint64(app.value(QLatin1String("id")).toDouble()))
    , m_messages(new MessageBar(this))
    , m_name(new QLineEdit(app.value(QLatin1String("name")).toString(), this))
    , m_description(new QPlainTextEdit(app.value(QLatin1String("description")).toString(), this))
    , m_active(new QCheckBox(tr("&Active (requests with its key are served)"), this))
    , m_role(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(m_id ? tr("Edit app") : tr("New app"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(64);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(80);
    m_active->setObjectName(QStringLiteral("active"));
    m_active->setChecked(app.value(QLatin1String("is_active")).toBool(true));
    m_role->setObjectName(QStringLiteral("role"));
    m_role->setAccessibleName(tr("Default role"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Default &role:"), m_role);
    form->addRow(QString(), m_active);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AppEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    const QJsonValue role = app.value(QLatin1String("role_id"));
    RecordChoices::load(m_client, this, QStringLiteral("system/role"), m_role, tr("(no role)"),
                        role.isDouble() ? qint64(role.toDouble()) : 0, [this](bool ok) {
                            if (!ok)
                                m_messages->showMessage(tr("The roles could not be loaded."),
                                                        MessageBar::Kind::Warning);
                            Q_EMIT rolesLoaded();
                        });
}

QString AppEditorDialog::validate() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Enter the app's name.");
    return QString();
}

void AppEditorDialog::save()
{
    if (const QString problem = validate(); !problem.isEmpty()) {
        m_messages->showMessage(problem, MessageBar::Kind::Error);
        m_name->setFocus();
        return;
    }
    QJsonObject body{{QStringLiteral("name"), m_name->text().trimmed()},
                     {QStringLiteral("description"), m_description->toPlainText()},
                     {QStringLiteral("is_active"), m_active->isChecked()}};
    const qint64 role = RecordChoices::selectedId(m_role);
    body.insert(QStringLiteral("role_id"), role ? QJsonValue(double(role)) : QJsonValue());
    m_buttons->setEnabled(false);
    m_client->saveRecord(QStringLiteral("app"), m_id, body, QStringLiteral("fields=*"), this,
                         [this](const ApiReply &reply, const QJsonObject &record) {
                             m_buttons->setEnabled(true);
                             if (!reply.ok()) {
                                 m_messages->showError(tr("The app could not be saved"), reply);
                                 return;
                             }
                             Q_EMIT saved(record);
                             accept();
                         });
}
} // namespace gatehouse
