#include "RoleEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "AccessRulesEditor.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

RoleEditorDialog::RoleEditorDialog(GatehouseClient *client, qint64 roleId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_id(roleId)
    , m_messages(new MessageBar(this))
    , m_name(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_active(new QCheckBox(tr("Acti&ve"), this))
    , m_tabs(new QTabWidget(this))
    , m_rules(new AccessRulesEditor(client, m_tabs))
    , m_masks(new FieldMaskTable(m_tabs))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(roleId ? tr("Edit role") : tr("New role"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(64);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(60);
    m_active->setObjectName(QStringLiteral("active"));
    m_active->setChecked(true);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_rules, tr("Access rules"));
    m_tabs->addTab(m_masks, tr("Field masks"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(QString(), m_active);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RoleEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(820, 640);

    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    ++m_pending;
    m_client->listServices(this, [this](const ApiReply &reply, const QList<ServiceDefinition> &services) {
        if (!reply.ok())
            m_messages->showError(tr("The services could not be loaded"), reply);
        m_rules->setServices(services);
        m_masks->setServices(services);
        // Rules and masks are filled only after the service lists they refer to.
        if (m_id) {
            loadPart("GET", QStringLiteral("system/role/%1?related=role_service_access_by_role_id").arg(m_id),
                     [this](const QJsonValue &body) {
                         const QJsonObject role = body.toObject();
                         m_name->setText(role.value(QLatin1String("name")).toString());
                         m_description->setPlainText(role.value(QLatin1String("description")).toString());
                         m_active->setChecked(role.value(QLatin1String("is_active")).toBool(true));
                         m_rules->setRules(
                             role.value(QLatin1String("role_service_access_by_role_id")).toArray());
                     });
            loadPart("GET", QStringLiteral("system/field_mask?filter=role_id%3D%1&limit=1000").arg(m_id),
                     [this](const QJsonValue &body) {
                         m_masks->setMasks(body.toObject().value(QLatin1String("resource")).toArray());
                     });
        }
        partDone();
    });
}

void RoleEditorDialog::loadPart(const QByteArray &method, const QString &path,
                                std::function<void(const QJsonValue &)> use)
{
    ++m_pending;
    m_client->send(method, path, QJsonValue(), this, [this, use = std::move(use)](const ApiReply &reply) {
        if (reply.ok())
            use(reply.body);
        else
            m_messages->showError(tr("The role could not be loaded"), reply);
        partDone();
    });
}

void RoleEditorDialog::partDone()
{
    if (--m_pending > 0)
        return;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
    Q_EMIT loaded();
}

QStringList RoleEditorDialog::validate() const
{
    QStringList problems;
    if (m_name->text().trimmed().isEmpty())
        problems << tr("Enter the role's name.");
    problems << m_rules->validate() << m_masks->validate();
    return problems;
}

void RoleEditorDialog::save()
{
    if (const QStringList problems = validate(); !problems.isEmpty()) {
        m_messages->showMessage(problems.join(QLatin1Char('\n')), MessageBar::Kind::Error);
        return;
    }
    const QJsonObject role{{QStringLiteral("name"), m_name->text().trimmed()},
                           {QStringLiteral("description"), m_description->toPlainText()},
                           {QStringLiteral("is_active"), m_active->isChecked()},
                           {QStringLiteral("role_service_access_by_role_id"), m_rules->rulesJson()}};
    m_buttons->setEnabled(false);
    m_client->saveRecord(QStringLiteral("role"), m_id, role, QString(), this,
                         [this](const ApiReply &reply, const QJsonObject &record) {
                             if (!reply.ok()) {
                                 m_buttons->setEnabled(true);
                                 m_messages->showError(tr("The role could not be saved"), reply);
                                 return;
                             }
                             m_id = qint64(record.value(QLatin1String("id")).toDouble());
                             runCalls(m_masks->requests(m_id));
                         });
}

void RoleEditorDialog::runCalls(QList<FieldMaskTable::Call> calls)
{
    if (calls.isEmpty()) {
        Q_EMIT saved(m_id);
        accept();
        return;
    }
    const FieldMaskTable::Call call = calls.takeFirst();
    m_client->send(call.method, call.path, call.body, this, [this, call, calls](const ApiReply &reply) {
        if (!reply.ok()) {
            m_buttons->setEnabled(true);
            // The role itself is stored; a second Save sends only the masks still missing.
            m_messages->showError(tr("The role was saved, but its field masks could not be"), reply);
            // The stored rules now have ids: take them, so a second Save does not add them twice.
            m_client->send(
                "GET", QStringLiteral("system/role/%1?related=role_service_access_by_role_id").arg(m_id),
                QJsonValue(), this, [this](const ApiReply &role) {
                    if (role.ok())
                        m_rules->setRules(role.body.toObject()
                                              .value(QLatin1String("role_service_access_by_role_id"))
                                              .toArray());
                });
            return;
        }
        m_masks->markDone(call, reply);
        runCalls(calls);
    });
}
} // namespace gatehouse
