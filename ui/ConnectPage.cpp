#include "ConnectPage.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

#include "client/GatehouseClient.h"

namespace gatehouse {

ConnectPage::ConnectPage(QWidget *parent)
    : ConsolePage(nullptr, parent)
    , m_address(new QLabel(this))
    , m_state(new QLabel(this))
    , m_details(new QLabel(this))
    , m_account(new QLabel(tr("Not signed in"), this))
    , m_signIn(new QPushButton(tr("S&ign in…"), this))
    , m_poll(new QTimer(this))
{
    auto *form = new QFormLayout;
    form->addRow(tr("Engine address:"), m_address);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Details:"), m_details);
    form->addRow(tr("Account:"), m_account);
    form->addRow(QString(), m_signIn);
    contentLayout()->addLayout(form);
    contentLayout()->addStretch();
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_account->setAccessibleName(tr("Signed-in account"));
    m_signIn->setEnabled(false);
    connect(m_signIn, &QPushButton::clicked, this, &ConnectPage::signInRequested);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_state->setAccessibleName(tr("Engine state"));
    m_poll->setInterval(2000);
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
    m_client = client;
    m_address->setText(client->baseUrl().toString());
    if (!generatedAdminPassword.isEmpty())
        m_details->setText(tr("First admin created. Password (shown once): %1").arg(generatedAdminPassword));
    connect(client, &GatehouseClient::statusReceived, this, &ConnectPage::showStatus);
    connect(client, &GatehouseClient::requestFailed, this,
            [this](const QString &message) { m_state->setText(tr("Unreachable: %1").arg(message)); });
    connect(m_poll, &QTimer::timeout, client, &GatehouseClient::fetchStatus);
    m_signIn->setEnabled(true);
    client->fetchStatus();
    m_poll->start();
}

void ConnectPage::setSession(const AdminSession &session)
{
    m_account->setText(session.name.isEmpty() ? session.email
                                              : tr("%1 (%2)").arg(session.name, session.email));
}

void ConnectPage::showStatus(const EngineStatus &status)
{
    m_state->setText(tr("Running — version %1, up %2 s, %3 services")
                         .arg(status.version)
                         .arg(status.uptimeSeconds)
                         .arg(status.services));
}
} // namespace gatehouse
