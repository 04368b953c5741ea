#include "ConnectPage.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>

#include "ConsoleSettings.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"
#include "client/SessionTokenStore.h"

namespace gatehouse {

ConnectPage::ConnectPage(QWidget *parent)
    : ConsolePage(nullptr, parent)
    , m_embedded(new QRadioButton(tr("&Embedded engine on this computer"), this))
    , m_remote(new QRadioButton(tr("&Remote engine:"), this))
    , m_server(new QComboBox(this))
    , m_forget(new QPushButton(tr("&Forget"), this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_address(new QLabel(this))
    , m_state(new QLabel(tr("Not connected"), this))
    , m_details(new QLabel(this))
    , m_account(new QLabel(tr("Not signed in"), this))
    , m_keep(new QCheckBox(tr("&Keep me signed in on this computer"), this))
    , m_keychainNote(new QLabel(this))
    , m_signIn(new QPushButton(tr("S&ign in…"), this))
    , m_signOut(new QPushButton(tr("Sign &out"), this))
    , m_poll(new QTimer(this))
{
    m_embedded->setObjectName(QStringLiteral("embedded"));
    m_remote->setObjectName(QStringLiteral("remote"));
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setEditable(true);
    m_server->setInsertPolicy(QComboBox::NoInsert);
    m_server->setAccessibleName(tr("Remote engine address"));
    m_server->lineEdit()->setPlaceholderText(QStringLiteral("https://gatehouse.example.org:8443"));
    m_server->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_forget->setObjectName(QStringLiteral("forget"));
    m_forget->setToolTip(tr("Remove this address from the list"));
    m_connect->setObjectName(QStringLiteral("connect"));
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signOut->setObjectName(QStringLiteral("signOut"));
    m_keep->setObjectName(QStringLiteral("keepSignedIn"));
    m_keep->setToolTip(tr("The session token is kept in the operating system's keychain, never in a file."));
    m_keep->setChecked(SessionTokenStore::isAvailable());
    m_keep->setEnabled(SessionTokenStore::isAvailable());
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->hide();
    auto *choice = new QButtonGroup(this);
    choice->addButton(m_embedded);
    choice->addButton(m_remote);
    (ConsoleSettings::useEmbeddedEngine() ? m_embedded : m_remote)->setChecked(true);
    fillServers();

    auto *engineBox = new QGroupBox(tr("Engine"), this);
    auto *engineLayout = new QVBoxLayout(engineBox);
    engineLayout->addWidget(m_embedded);
    auto *remoteRow = new QHBoxLayout;
    remoteRow->addWidget(m_remote);
    remoteRow->addWidget(m_server, 1);
    remoteRow->addWidget(m_forget);
    engineLayout->addLayout(remoteRow);
    auto *connectRow = new QHBoxLayout;
    connectRow->addStretch();
    connectRow->addWidget(m_connect);
    engineLayout->addLayout(connectRow);

    auto *statusBox = new QGroupBox(tr("Status"), this);
    auto *form = new QFormLayout(statusBox);
    form->addRow(tr("Engine address:"), m_address);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Details:"), m_details);
    form->addRow(tr("Account:"), m_account);
    form->addRow(QString(), m_keep);
    form->addRow(QString(), m_keychainNote);
    auto *accountRow = new QHBoxLayout;
    accountRow->addWidget(m_signIn);
    accountRow->addWidget(m_signOut);
    accountRow->addStretch();
    form->addRow(QString(), accountRow);

    contentLayout()->addWidget(engineBox);
    contentLayout()->addWidget(statusBox);
    contentLayout()->addStretch();

    m_account->setAccessibleName(tr("Signed-in account"));
    m_state->setAccessibleName(tr("Engine state"));
    m_address->setAccessibleName(tr("Engine address"));
    m_details->setAccessibleName(tr("Details"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_signIn->setEnabled(false);
    m_signOut->setEnabled(false);
    m_poll->setInterval(2000);

    auto updateChoice = [this] {
        m_server->setEnabled(m_remote->isChecked());
        m_forget->setEnabled(m_remote->isChecked() && m_server->count() > 0);
    };
    connect(m_remote, &QRadioButton::toggled, this, updateChoice);
    updateChoice();
    connect(m_connect, &QPushButton::clicked, this, &ConnectPage::connectClicked);
    connect(m_server->lineEdit(), &QLineEdit::returnPressed, this, &ConnectPage::connectClicked);
    connect(m_forget, &QPushButton::clicked, this, [this, updateChoice] {
        ConsoleSettings::forgetServer(m_server->currentText().trimmed());
        fillServers();
        updateChoice();
    });
    connect(m_signIn, &QPushButton::clicked, this, &ConnectPage::signInRequested);
    connect(m_signOut, &QPushButton::clicked, this, &ConnectPage::signOutRequested);
}

void ConnectPage::fillServers()
{
    m_server->clear();
    m_server->addItems(ConsoleSettings::rememberedServers());
}

void ConnectPage::connectClicked()
{
    messageBar()->clear();
    if (m_embedded->isChecked()) {
        ConsoleSettings::setUseEmbeddedEngine(true);
        Q_EMIT embeddedRequested();
        return;
    }
    const QString text = m_server->currentText().trimmed();
    const QUrl url = QUrl::fromUserInput(text);
    if (text.isEmpty() || !url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        messageBar()->showMessage(
            tr("Enter the engine's address, for example https://gatehouse.example.org:8443."),
            MessageBar::Kind::Error);
        m_server->setFocus();
        return;
    }
    if (url.scheme() == QLatin1String("http") && url.host() != QLatin1String("localhost") &&
        url.host() != QLatin1String("127.0.0.1") && url.host() != QLatin1String("::1"))
        messageBar()->showMessage(tr("This address is not encrypted (http): passwords and tokens cross the "
                                     "network in clear. Use https for a remote engine."),
                                  MessageBar::Kind::Warning);
    QUrl server = url.adjusted(QUrl::StripTrailingSlash);
    if (server.path() == QLatin1String("/"))
        server.setPath(QString());
    ConsoleSettings::setUseEmbeddedEngine(false);
    ConsoleSettings::rememberServer(server.toString());
    fillServers();
    m_server->setCurrentText(server.toString());
    Q_EMIT remoteRequested(server);
}

void ConnectPage::refresh()
{
    if (m_client)
        m_client->fetchStatus();
    Q_EMIT refreshed();
}

void ConnectPage::setEngineStarting()
{
    m_state->setText(tr("Starting…"));
}

void ConnectPage::setEngineFailed(const QString &message)
{
    m_state->setText(tr("Not running"));
    m_details->setText(message);
}

void ConnectPage::setClient(GatehouseClient *client, const QString &generatedAdminPassword)
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    m_poll->disconnect();
    m_client = client;
    m_address->setText(client->baseUrl().toString());
    m_state->setText(tr("Connecting…"));
    m_details->setText(
        generatedAdminPassword.isEmpty()
            ? QString()
            : tr("First admin created. Password (shown once): %1").arg(generatedAdminPassword));
    connect(client, &GatehouseClient::statusReceived, this, &ConnectPage::showStatus);
    connect(client, &GatehouseClient::requestFailed, this,
            [this](const QString &message) { m_state->setText(tr("Unreachable: %1").arg(message)); });
    connect(m_poll, &QTimer::timeout, client, &GatehouseClient::fetchStatus);
    m_signIn->setEnabled(true);
    setSession(nullptr);
    client->fetchStatus();
    m_poll->start();
}

void ConnectPage::setSession(const AdminSession *session)
{
    m_signOut->setEnabled(session != nullptr);
    if (!session) {
        m_account->setText(tr("Not signed in"));
        return;
    }
    m_account->setText(session->name.isEmpty() ? session->email
                                               : tr("%1 (%2)").arg(session->name, session->email));
}

bool ConnectPage::keepSignedIn() const
{
    return m_keep->isEnabled() && m_keep->isChecked();
}

void ConnectPage::setKeychainNote(const QString &note)
{
    m_keychainNote->setText(note);
    m_keychainNote->setVisible(!note.isEmpty());
}

void ConnectPage::showStatus(const EngineStatus &status)
{
    m_state->setText(tr("Running — version %1, up %2 s, %3 services")
                         .arg(status.version)
                         .arg(status.uptimeSeconds)
                         .arg(status.services));
}
} // namespace gatehouse
