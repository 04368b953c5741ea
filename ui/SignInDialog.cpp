#include "SignInDialog.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "LoopbackRedirectReceiver.h"

namespace gatehouse {

SignInDialog::SignInDialog(GatehouseClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_openBrowser([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_passwordButton(new QPushButton(tr("&Sign in"), this))
    , m_directoryBox(new QGroupBox(tr("Directory account"), this))
    , m_directoryService(new QComboBox(m_directoryBox))
    , m_directoryServiceLabel(new QLabel(tr("Direc&tory:"), m_directoryBox))
    , m_directoryUser(new QLineEdit(m_directoryBox))
    , m_directoryPassword(new QLineEdit(m_directoryBox))
    , m_directoryButton(new QPushButton(tr("Sign in with &directory account"), m_directoryBox))
    , m_ssoBox(new QGroupBox(tr("Single sign-on"), this))
    , m_ssoButtons(new QVBoxLayout)
    , m_cancelSso(new QPushButton(tr("&Cancel browser sign-in"), m_ssoBox))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Sign in to Gatehouse"));

    auto *accountBox = new QGroupBox(tr("Gatehouse admin account"), this);
    auto *accountForm = new QFormLayout(accountBox);
    auto *emailLabel = new QLabel(tr("&Email:"), accountBox);
    emailLabel->setBuddy(m_email);
    auto *passwordLabel = new QLabel(tr("&Password:"), accountBox);
    passwordLabel->setBuddy(m_password);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setAccessibleName(tr("Email"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordButton->setObjectName(QStringLiteral("passwordSignIn"));
    accountForm->addRow(emailLabel, m_email);
    accountForm->addRow(passwordLabel, m_password);
    accountForm->addRow(QString(), m_passwordButton);

    auto *directoryForm = new QFormLayout(m_directoryBox);
    m_directoryServiceLabel->setBuddy(m_directoryService);
    auto *userLabel = new QLabel(tr("&Username:"), m_directoryBox);
    userLabel->setBuddy(m_directoryUser);
    auto *directoryPasswordLabel = new QLabel(tr("Pass&word:"), m_directoryBox);
    directoryPasswordLabel->setBuddy(m_directoryPassword);
    m_directoryService->setObjectName(QStringLiteral("directoryService"));
    m_directoryService->setAccessibleName(tr("Directory service"));
    m_directoryUser->setObjectName(QStringLiteral("directoryUser"));
    m_directoryUser->setAccessibleName(tr("Directory username"));
    m_directoryPassword->setObjectName(QStringLiteral("directoryPassword"));
    m_directoryPassword->setAccessibleName(tr("Directory password"));
    m_directoryPassword->setEchoMode(QLineEdit::Password);
    m_directoryButton->setObjectName(QStringLiteral("directorySignIn"));
    directoryForm->addRow(m_directoryServiceLabel, m_directoryService);
    directoryForm->addRow(userLabel, m_directoryUser);
    directoryForm->addRow(directoryPasswordLabel, m_directoryPassword);
    directoryForm->addRow(QString(), m_directoryButton);
    m_directoryBox->setObjectName(QStringLiteral("directoryBox"));
    m_directoryBox->hide();

    auto *ssoLayout = new QVBoxLayout(m_ssoBox);
    ssoLayout->addLayout(m_ssoButtons);
    ssoLayout->addWidget(m_cancelSso);
    m_cancelSso->setObjectName(QStringLiteral("cancelBrowserSignIn"));
    m_cancelSso->hide();
    m_ssoBox->setObjectName(QStringLiteral("ssoBox"));
    m_ssoBox->hide();

    m_status->setObjectName(QStringLiteral("status"));
    m_status->setAccessibleName(tr("Sign-in status"));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setAccessibleName(tr("Sign-in error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(accountBox);
    layout->addWidget(m_directoryBox);
    layout->addWidget(m_ssoBox);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_passwordButton, &QPushButton::clicked, this, &SignInDialog::signInWithPassword);
    connect(m_password, &QLineEdit::returnPressed, this, &SignInDialog::signInWithPassword);
    connect(m_directoryButton, &QPushButton::clicked, this, &SignInDialog::signInWithDirectory);
    connect(m_directoryPassword, &QLineEdit::returnPressed, this, &SignInDialog::signInWithDirectory);
    connect(m_cancelSso, &QPushButton::clicked, this, &SignInDialog::cancelBrowserSignIn);
    setTabOrder(m_email, m_password);
    setTabOrder(m_password, m_passwordButton);
    setTabOrder(m_passwordButton, m_directoryService);
    setTabOrder(m_directoryService, m_directoryUser);
    setTabOrder(m_directoryUser, m_directoryPassword);
    setTabOrder(m_directoryPassword, m_directoryButton);
    refresh();
}

SignInDialog::~SignInDialog() = default;

QString SignInDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SignInDialog::refresh()
{
    setBusy(true, tr("Asking the engine how to sign in…"));
    m_client->fetchEnvironment(this, [this](const ApiReply &reply, const EnvironmentInfo &environment) {
        setBusy(false);
        if (!reply.ok()) {
            // The admin account still works without the list of identity services.
            showError(tr("The sign-in options could not be loaded: %1").arg(reply.describeError()));
        } else {
            showEnvironment(environment);
        }
        Q_EMIT environmentLoaded();
    });
}

void SignInDialog::showEnvironment(const EnvironmentInfo &environment)
{
    m_directoryService->clear();
    for (const IdentityServiceEntry &service : environment.passwordServices)
        m_directoryService->addItem(service.label, service.name);
    const bool several = environment.passwordServices.size() > 1;
    m_directoryService->setVisible(several);
    m_directoryServiceLabel->setVisible(several);
    if (environment.passwordServices.size() == 1)
        m_directoryBox->setTitle(tr("Directory account: %1").arg(environment.passwordServices.first().label));
    m_directoryBox->setVisible(!environment.passwordServices.isEmpty());

    qDeleteAll(m_ssoButtonList);
    m_ssoButtonList.clear();
    QWidget *previous = m_directoryButton;
    for (const IdentityServiceEntry &service : environment.browserServices) {
        auto *button = new QPushButton(tr("Sign in with %1").arg(service.label), m_ssoBox);
        button->setObjectName(QStringLiteral("sso:") + service.name);
        button->setAccessibleDescription(tr("Opens your web browser to sign in with %1.").arg(service.label));
        connect(button, &QPushButton::clicked, this, [this, service] { startBrowserSignIn(service); });
        m_ssoButtons->addWidget(button);
        m_ssoButtonList << button;
        setTabOrder(previous, button);
        previous = button;
    }
    m_ssoBox->setVisible(!environment.browserServices.isEmpty());
}

void SignInDialog::setBusy(bool busy, const QString &message)
{
    m_passwordButton->setEnabled(!busy);
    m_directoryButton->setEnabled(!busy);
    for (QPushButton *button : std::as_const(m_ssoButtonList))
        button->setEnabled(!busy);
    m_status->setText(message);
    if (busy)
        m_error->hide();
}

void SignInDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void SignInDialog::signInWithPassword()
{
    if (m_email->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter your email address and password."));
        (m_email->text().trimmed().isEmpty() ? m_email : m_password)->setFocus();
        return;
    }
    setBusy(true, tr("Signing in…"));
    m_client->signInWithPassword(
        m_email->text().trimmed(), m_password->text(), this,
        [this](const ApiReply &reply, const AdminSession &session) { finished(reply, session); });
}

void SignInDialog::signInWithDirectory()
{
    const QString service = m_directoryService->currentData().toString();
    if (service.isEmpty())
        return;
    if (m_directoryUser->text().trimmed().isEmpty() || m_directoryPassword->text().isEmpty()) {
        showError(tr("Enter your directory username and password."));
        (m_directoryUser->text().trimmed().isEmpty() ? m_directoryUser : m_directoryPassword)->setFocus();
        return;
    }
    setBusy(true, tr("Signing in through %1…").arg(m_directoryService->currentText()));
    m_client->signInWithService(
        service, m_directoryUser->text().trimmed(), m_directoryPassword->text(), this,
        [this](const ApiReply &reply, const AdminSession &session) { finished(reply, session); });
}

void SignInDialog::startBrowserSignIn(const IdentityServiceEntry &service)
{
    cancelBrowserSignIn();
    auto *receiver = new LoopbackRedirectReceiver(this);
    const QString state = LoopbackRedirectReceiver::newState();
    if (!receiver->start(state, m_browserTimeoutMs)) {
        showError(tr("The console cannot receive the browser's answer: %1").arg(receiver->errorString()));
        delete receiver;
        return;
    }
    m_receiver = receiver;
    const QString name = service.name;
    connect(receiver, &LoopbackRedirectReceiver::codeReceived, this,
            [this, name](const QString &code) { finishBrowserSignIn(name, code); });
    connect(receiver, &LoopbackRedirectReceiver::failed, this, [this, receiver](const QString &message) {
        if (m_receiver == receiver) {
            m_receiver = nullptr;
            receiver->deleteLater();
        }
        m_cancelSso->hide();
        setBusy(false);
        showError(message);
    });
    setBusy(true, tr("Continue in your web browser to sign in with %1…").arg(service.label));
    m_cancelSso->show();
    m_cancelSso->setEnabled(true);
    m_cancelSso->setFocus();
    const QUrl url = m_client->browserSignInUrl(name, receiver->redirectUri(), state);
    if (!m_openBrowser(url)) {
        cancelBrowserSignIn();
        showError(tr("The web browser could not be opened. Open this address yourself: %1")
                      .arg(url.toString(QUrl::FullyEncoded)));
    }
}

void SignInDialog::cancelBrowserSignIn()
{
    if (!m_receiver)
        return;
    LoopbackRedirectReceiver *receiver = m_receiver;
    m_receiver = nullptr;
    receiver->disconnect(this);
    receiver->cancel();
    receiver->deleteLater();
    m_cancelSso->hide();
    setBusy(false);
}

void SignInDialog::finishBrowserSignIn(const QString &service, const QString &code)
{
    if (m_receiver) {
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    m_cancelSso->hide();
    setBusy(true, tr("Completing the sign-in…"));
    m_client->exchangeHandoffCode(
        service, code, this,
        [this](const ApiReply &reply, const AdminSession &session) { finished(reply, session); });
}

void SignInDialog::finished(const ApiReply &reply, const AdminSession &session)
{
    setBusy(false);
    if (!reply.ok() || session.token.isEmpty()) {
        showError(reply.ok() ? tr("The engine answered without a session.") : reply.describeError());
        return;
    }
    m_session = session;
    m_password->clear();
    m_directoryPassword->clear();
    Q_EMIT signedIn(session);
    accept();
}
} // namespace gatehouse
