#include "ServiceEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "LdapServiceForm.h"
#include "OidcServiceForm.h"
#include "RwsServiceForm.h"
#include "ScriptEditor.h"
#include "ScriptTestPanel.h"
#include "ServiceConfigForm.h"

namespace gatehouse {
namespace {
ServiceConfigForm *formFor(const QString &type)
{
    if (type == QLatin1String("oidc"))
        return new OidcServiceForm;
    if (type == QLatin1String("ldap") || type == QLatin1String("adldap"))
        return new LdapServiceForm(type == QLatin1String("adldap"));
    if (type == QLatin1String("rws"))
        return new RwsServiceForm;
    return new ServiceConfigForm(type);
}

bool isIdentityType(const QString &type)
{
    return type == QLatin1String("ldap") || type == QLatin1String("adldap") || type == QLatin1String("oidc");
}
} // namespace

ServiceEditorDialog::ServiceEditorDialog(GatehouseClient *client, const ServiceDefinition &service,
                                         const ServiceTypeInfo &type, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_service(service)
    , m_type(type)
    , m_name(new QLineEdit(this))
    , m_label(new QLineEdit(this))
    , m_active(new QCheckBox(
          isIdentityType(service.type) ? tr("&Active (offered for sign-in)") : tr("&Active"), this))
    , m_form(formFor(service.type))
    , m_description(new QLabel(this))
    , m_testButton(new QPushButton(tr("&Test"), this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_testSummary(new QLabel(this))
    , m_testResults(new QListWidget(this))
    , m_error(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    m_type.name = service.type;
    auto *header = new QFormLayout;
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto *labelLabel = new QLabel(tr("&Label:"), this);
    labelLabel->setBuddy(m_label);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Service name"));
    m_name->setToolTip(tr("Used in URLs and sign-in requests: letters, digits, '_', '-' and '.'."));
    m_label->setObjectName(QStringLiteral("label"));
    m_label->setAccessibleName(tr("Service label"));
    m_label->setToolTip(isIdentityType(service.type)
                            ? tr("Shown on the sign-in screen, e.g. \"Sign in with <label>\".")
                            : tr("A display name for the service."));
    m_active->setObjectName(QStringLiteral("is_active"));
    header->addRow(nameLabel, m_name);
    header->addRow(labelLabel, m_label);
    header->addRow(QString(), m_active);

    m_name->setText(service.name);
    m_label->setText(service.label);
    m_active->setChecked(service.id == 0 || service.isActive);
    m_form->setReservedMnemonics(QStringLiteral("nlatsc"));
    m_form->setConfig(service.config);
    m_description->setObjectName(QStringLiteral("typeDescription"));
    m_description->setWordWrap(true);
    m_description->setForegroundRole(QPalette::PlaceholderText);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);
    scroll->setFocusPolicy(Qt::NoFocus);

    m_testButton->setObjectName(QStringLiteral("test"));
    m_testButton->setAccessibleDescription(
        tr("Tries this configuration against the server without saving it."));
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_saveButton->setDefault(true);
    m_testSummary->setObjectName(QStringLiteral("testSummary"));
    m_testSummary->setAccessibleName(tr("Test result"));
    m_testSummary->setWordWrap(true);
    m_testResults->setObjectName(QStringLiteral("testResults"));
    m_testResults->setAccessibleName(tr("Test steps"));
    m_testResults->setMaximumHeight(110);
    m_testResults->hide();
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setAccessibleName(tr("Error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_testButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_testButton, &QPushButton::clicked, this, &ServiceEditorDialog::test);
    // Save answers asynchronously; the dialog closes only once the engine accepted it.
    connect(m_saveButton, &QPushButton::clicked, this, &ServiceEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_description);
    layout->addLayout(header);
    m_splitter->addWidget(scroll);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_testSummary);
    layout->addWidget(m_testResults);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, 720);
    setTabOrder(m_name, m_label);
    setTabOrder(m_label, m_active);
    setTabOrder(m_active, m_form);
    applyType(m_type);
    if (m_type.configSchema.isEmpty())
        loadSchema();
    else
        loadedOne();
    loadRoles();
}

void ServiceEditorDialog::applyType(const ServiceTypeInfo &type)
{
    const QString title = type.label.isEmpty() ? type.name : type.label;
    setWindowTitle(m_service.id ? tr("Edit %1 service %2").arg(title, m_service.name)
                                : tr("New %1 service").arg(title));
    m_description->setText(type.description);
    m_description->setVisible(!type.description.isEmpty());
    m_testButton->setVisible(type.testable);
    if (!type.configSchema.isEmpty())
        m_form->setSchema(type.configSchema);
    addScriptPanel();
}

void ServiceEditorDialog::addScriptPanel()
{
    ScriptEditor *editor = m_form->scriptEditor();
    if (!editor || m_scriptPanel)
        return;
    m_scriptPanel = new ScriptTestPanel(m_client, ScriptTestPanel::Kind::Service, this);
    m_scriptPanel->setObjectName(QStringLiteral("scriptPanel"));
    m_scriptPanel->setEditor(editor);
    // The name and config as they are in the form now: a run uses what is being edited.
    m_scriptPanel->setNameSource([this] { return m_name->text(); });
    m_scriptPanel->setConfigSource([this] { return m_form->config(); });
    m_splitter->addWidget(m_scriptPanel);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    if (width() < 820 || height() < 860)
        resize(qMax(width(), 820), qMax(height(), 860));
}

void ServiceEditorDialog::loadSchema()
{
    m_client->send(
        "GET", QStringLiteral("system/service_type/%1").arg(m_type.name), QJsonValue(), this,
        [this](const ApiReply &reply) {
            if (!reply.ok())
                showError(
                    tr("The form of this service type could not be loaded: %1").arg(reply.describeError()));
            else
                applyType(m_type = ServiceTypeInfo::fromJson(reply.body.toObject()));
            loadedOne();
        });
}

void ServiceEditorDialog::loadedOne()
{
    if (--m_pending == 0)
        Q_EMIT rolesLoaded();
}

void ServiceEditorDialog::loadRoles()
{
    m_client->send("GET", QStringLiteral("system/role?fields=id,name&order=name"), QJsonValue(), this,
                   [this](const ApiReply &reply) {
                       if (!reply.ok()) {
                           showError(tr("The roles could not be loaded: %1").arg(reply.describeError()));
                       } else {
                           QList<RoleChoice> roles;
                           for (const QJsonValue &row :
                                reply.body.toObject().value(QLatin1String("resource")).toArray())
                               roles << RoleChoice{row.toObject().value(QLatin1String("id")).toInteger(),
                                                   row.toObject().value(QLatin1String("name")).toString()};
                           m_form->setRoles(roles);
                       }
                       loadedOne();
                   });
}

ServiceDefinition ServiceEditorDialog::definition() const
{
    ServiceDefinition service = m_service;
    service.type = m_form->serviceType();
    service.name = m_name->text().trimmed();
    service.label = m_label->text().trimmed();
    service.isActive = m_active->isChecked();
    service.config = m_form->config();
    return service;
}

QString ServiceEditorDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QStringList ServiceEditorDialog::testResults() const
{
    QStringList out;
    for (int i = 0; i < m_testResults->count(); ++i)
        out << m_testResults->item(i)->text();
    return out;
}

void ServiceEditorDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool ServiceEditorDialog::checkForm()
{
    static const QRegularExpression namePattern(QStringLiteral("^[_0-9a-zA-Z\\-.]+$"));
    QStringList problems;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        problems << tr("Enter a name for the service.");
    else if (!namePattern.match(name).hasMatch() || name.startsWith(QLatin1Char('_')))
        problems << tr("The name may use letters, digits, '_', '-' and '.' only, and not start with '_'.");
    problems += m_form->validate();
    showError(problems.join(QLatin1Char('\n')));
    return problems.isEmpty();
}

void ServiceEditorDialog::test()
{
    if (!checkForm())
        return;
    m_testButton->setEnabled(false);
    m_testSummary->setText(tr("Testing…"));
    m_testResults->clear();
    m_testResults->hide();
    const ServiceDefinition service = definition();
    m_client->testService(
        service.type, service.config, service.id ? std::optional<qint64>(service.id) : std::nullopt, this,
        [this](const ApiReply &reply, const ProbeResult &result) {
            m_testButton->setEnabled(true);
            if (!reply.ok()) {
                m_testSummary->setText(tr("The test could not run."));
                showError(reply.describeError());
                Q_EMIT testFinished(false);
                return;
            }
            for (const ProbeStep &step : result.steps) {
                const QString text = step.success ? tr("✔ %1: %2").arg(step.name, step.detail)
                                                  : tr("✘ %1: %2").arg(step.name, step.detail);
                auto *item = new QListWidgetItem(text, m_testResults);
                item->setData(
                    Qt::AccessibleTextRole,
                    (step.success ? tr("Passed: %1. %2") : tr("Failed: %1. %2")).arg(step.name, step.detail));
            }
            m_testResults->setVisible(!result.steps.isEmpty());
            m_testSummary->setText(result.success ? tr("The test passed.") : tr("The test failed."));
            Q_EMIT testFinished(result.success);
        });
}

void ServiceEditorDialog::save()
{
    if (!checkForm())
        return;
    m_saveButton->setEnabled(false);
    const ServiceDefinition service = definition();
    auto done = [this](const ApiReply &reply, const ServiceDefinition &stored) {
        m_saveButton->setEnabled(true);
        if (!reply.ok()) {
            showError(tr("The service was not saved: %1").arg(reply.describeError()));
            Q_EMIT saveFailed(reply.describeError());
            return;
        }
        m_service = stored;
        Q_EMIT saved(stored);
        accept();
    };
    if (service.id)
        m_client->updateService(service, this, done);
    else
        m_client->createService(service, this, done);
}
} // namespace gatehouse
