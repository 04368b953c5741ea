#include "UserEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "AppRoleTable.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
QLineEdit *field(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setMaxLength(255);
    return edit;
}

AppRoleTable::Choices choicesFrom(const QJsonValue &body)
{
    AppRoleTable::Choices choices;
    for (const QJsonValue &row : body.toObject().value(QLatin1String("resource")).toArray())
        choices << qMakePair(qint64(row.toObject().value(QLatin1String("id")).toDouble()),
                             row.toObject().value(QLatin1String("name")).toString());
    return choices;
}
} // namespace

UserEditorDialog::UserEditorDialog(GatehouseClient *client, qint64 userId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_id(userId)
    , m_messages(new MessageBar(this))
    , m_email(field(QStringLiteral("email"), tr("Email"), this))
    , m_name(field(QStringLiteral("name"), tr("Display name"), this))
    , m_firstName(field(QStringLiteral("firstName"), tr("First name"), this))
    , m_lastName(field(QStringLiteral("lastName"), tr("Last name"), this))
    , m_password(field(QStringLiteral("password"), tr("Password"), this))
    , m_confirm(field(QStringLiteral("confirmPassword"), tr("Confirm password"), this))
    , m_active(new QCheckBox(tr("Acti&ve (may sign in)"), this))
    , m_directory(new QGroupBox(tr("Directory account"), this))
    , m_directoryService(field(QStringLiteral("directoryService"), tr("Identity service"), m_directory))
    , m_directoryUser(field(QStringLiteral("directoryUser"), tr("Directory user name"), m_directory))
    , m_appRoles(new AppRoleTable(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(userId ? tr("Edit user") : tr("New user"));
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(1024);
    m_confirm->setMaxLength(1024);
    if (userId)
        m_password->setPlaceholderText(tr("unchanged"));
    m_active->setObjectName(QStringLiteral("active"));
    m_active->setChecked(true);
    m_directoryService->setReadOnly(true);
    m_directoryUser->setReadOnly(true);
    auto *directoryForm = new QFormLayout(m_directory);
    directoryForm->addRow(tr("Identity servi&ce:"), m_directoryService);
    directoryForm->addRow(tr("Directory &user:"), m_directoryUser);
    m_directory->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("Display &name:"), m_name);
    form->addRow(tr("&First name:"), m_firstName);
    form->addRow(tr("L&ast name:"), m_lastName);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Confir&m password:"), m_confirm);
    form->addRow(QString(), m_active);
    auto *rolesLabel = new QLabel(tr("&Role per app:"), this);
    rolesLabel->setBuddy(m_appRoles->table());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addWidget(m_directory);
    layout->addWidget(rolesLabel);
    layout->addWidget(m_appRoles, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);

    // Apps and roles first, so the user's mappings find their names.
    auto apps = std::make_shared<AppRoleTable::Choices>();
    auto roles = std::make_shared<AppRoleTable::Choices>();
    m_pending = 2;
    auto loadUser = [this, apps, roles] {
        m_appRoles->setChoices(*apps, *roles);
        if (!m_id) {
            partDone();
            return;
        }
        m_client->send(
            "GET", QStringLiteral("system/user/%1?related=user_to_app_to_role_by_user_id").arg(m_id),
            QJsonValue(), this, [this](const ApiReply &reply) {
                if (!reply.ok()) {
                    m_messages->showError(tr("The user could not be loaded"), reply);
                    partDone();
                    return;
                }
                const QJsonObject user = reply.body.toObject();
                m_email->setText(user.value(QLatin1String("email")).toString());
                m_name->setText(user.value(QLatin1String("name")).toString());
                m_firstName->setText(user.value(QLatin1String("first_name")).toString());
                m_lastName->setText(user.value(QLatin1String("last_name")).toString());
                m_active->setChecked(user.value(QLatin1String("is_active")).toBool(true));
                m_appRoles->setMappings(
                    user.value(QLatin1String("user_to_app_to_role_by_user_id")).toArray());
                const QJsonValue service = user.value(QLatin1String("identity_service_id"));
                if (service.isDouble()) {
                    m_directory->show();
                    m_directoryUser->setText(user.value(QLatin1String("directory_username")).toString());
                    m_directoryService->setText(QString::number(qint64(service.toDouble())));
                    m_client->send(
                        "GET", QStringLiteral("system/service/%1?fields=name,label").arg(service.toDouble()),
                        QJsonValue(), this, [this](const ApiReply &named) {
                            const QJsonObject s = named.body.toObject();
                            if (named.ok())
                                m_directoryService->setText(
                                    QStringLiteral("%1 (%2)").arg(s.value(QLatin1String("label")).toString(),
                                                                  s.value(QLatin1String("name")).toString()));
                        });
                    // The directory owns the password.
                    m_password->setEnabled(false);
                    m_confirm->setEnabled(false);
                    m_password->setPlaceholderText(tr("managed by the directory"));
                }
                partDone();
            });
    };
    auto choiceLoaded = [this, loadUser](const ApiReply &reply, AppRoleTable::Choices *into,
                                         const QString &what) {
        if (reply.ok())
            *into = choicesFrom(reply.body);
        else
            m_messages->showError(what, reply);
        if (--m_pending == 0) {
            m_pending = 1;
            loadUser();
        }
    };
    m_client->send("GET", QStringLiteral("system/app?fields=id,name&order=name&limit=1000"), QJsonValue(),
                   this, [apps, choiceLoaded, this](const ApiReply &reply) {
                       choiceLoaded(reply, apps.get(), tr("The apps could not be loaded"));
                   });
    m_client->send("GET", QStringLiteral("system/role?fields=id,name&order=name&limit=1000"), QJsonValue(),
                   this, [roles, choiceLoaded, this](const ApiReply &reply) {
                       choiceLoaded(reply, roles.get(), tr("The roles could not be loaded"));
                   });
}

void UserEditorDialog::partDone()
{
    if (--m_pending > 0)
        return;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
    Q_EMIT loaded();
}

QStringList UserEditorDialog::validate() const
{
    QStringList problems;
    const QString email = m_email->text().trimmed();
    if (email.isEmpty() || !email.contains(QLatin1Char('@')) || email.startsWith(QLatin1Char('@')) ||
        email.endsWith(QLatin1Char('@')))
        problems << tr("Enter a valid email address.");
    if (m_name->text().trimmed().isEmpty())
        problems << tr("Enter a display name.");
    if (m_password->isEnabled()) {
        const QString password = m_password->text();
        if (!m_id && password.isEmpty())
            problems << tr("Enter a password for the new user.");
        if (!password.isEmpty() && password.size() < 8)
            problems << tr("The password needs at least 8 characters.");
        if (password != m_confirm->text())
            problems << tr("The password and its confirmation differ.");
    }
    problems << m_appRoles->validate();
    return problems;
}

void UserEditorDialog::save()
{
    if (const QStringList problems = validate(); !problems.isEmpty()) {
        m_messages->showMessage(problems.join(QLatin1Char('\n')), MessageBar::Kind::Error);
        return;
    }
    QJsonObject user{{QStringLiteral("email"), m_email->text().trimmed()},
                     {QStringLiteral("name"), m_name->text().trimmed()},
                     {QStringLiteral("first_name"), m_firstName->text().trimmed()},
                     {QStringLiteral("last_name"), m_lastName->text().trimmed()},
                     {QStringLiteral("is_active"), m_active->isChecked()},
                     {QStringLiteral("user_to_app_to_role_by_user_id"), m_appRoles->mappingsJson(m_id)}};
    if (m_password->isEnabled() && !m_password->text().isEmpty())
        user.insert(QStringLiteral("password"), m_password->text());
    m_buttons->setEnabled(false);
    m_client->saveRecord(QStringLiteral("user"), m_id, user,
                         QStringLiteral("related=user_to_app_to_role_by_user_id"), this,
                         [this](const ApiReply &reply, const QJsonObject &record) {
                             m_buttons->setEnabled(true);
                             if (!reply.ok()) {
                                 m_messages->showError(tr("The user could not be saved"), reply);
                                 return;
                             }
                             Q_EMIT saved(qint64(record.value(QLatin1String("id")).toDouble()));
                             accept();
                         });
}
} // namespace gatehouse
