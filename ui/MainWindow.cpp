#include "MainWindow.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

#include "ServicesPage.h"
#include "SignInDialog.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_address(new QLabel(this))
    , m_state(new QLabel(this))
    , m_details(new QLabel(this))
    , m_account(new QLabel(tr("Not signed in"), this))
    , m_signIn(new QPushButton(tr("S&ign in…"), this))
    , m_tabs(new QTabWidget(this))
    , m_poll(new QTimer(this))
{
    setWindowTitle(tr("Gatehouse"));
    auto *central = new QWidget(m_tabs);
    auto *form = new QFormLayout(central);
    form->addRow(tr("Engine address:"), m_address);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Details:"), m_details);
    form->addRow(tr("Account:"), m_account);
    form->addRow(QString(), m_signIn);
    m_account->setAccessibleName(tr("Signed-in account"));
    m_signIn->setEnabled(false);
    connect(m_signIn, &QPushButton::clicked, this, &MainWindow::signIn);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_state->setAccessibleName(tr("Engine state"));
    m_tabs->addTab(central, tr("&Engine"));
    setCentralWidget(m_tabs);
    resize(720, 480);
    m_poll->setInterval(2000);
}

void MainWindow::setEngineStarting()
{
    m_state->setText(tr("Starting…"));
}

void MainWindow::setEngineFailed(const QString &message)
{
    m_state->setText(tr("Not running"));
    m_details->setText(message);
}

void MainWindow::connectToEngine(GatehouseClient *client, const QString &generatedAdminPassword)
{
    m_client = client;
    m_address->setText(client->baseUrl().toString());
    if (!generatedAdminPassword.isEmpty())
        m_details->setText(tr("First admin created. Password (shown once): %1").arg(generatedAdminPassword));
    connect(client, &GatehouseClient::statusReceived, this, &MainWindow::showStatus);
    connect(client, &GatehouseClient::requestFailed, this,
            [this](const QString &message) { m_state->setText(tr("Unreachable: %1").arg(message)); });
    connect(m_poll, &QTimer::timeout, client, &GatehouseClient::fetchStatus);
    m_services = new ServicesPage(client, m_tabs);
    m_tabs->addTab(m_services, tr("&Services"));
    m_tabs->setTabEnabled(m_tabs->indexOf(m_services), false);
    m_signIn->setEnabled(true);
    client->fetchStatus();
    m_poll->start();
}

SignInDialog *MainWindow::signIn()
{
    if (!m_client)
        return nullptr;
    auto *dialog = new SignInDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SignInDialog::signedIn, this, &MainWindow::signedIn);
    dialog->open();
    return dialog;
}

void MainWindow::signedIn(const AdminSession &session)
{
    m_account->setText(session.name.isEmpty() ? session.email
                                              : tr("%1 (%2)").arg(session.name, session.email));
    m_tabs->setTabEnabled(m_tabs->indexOf(m_services), true);
    m_services->refresh();
}

void MainWindow::showStatus(const EngineStatus &status)
{
    m_state->setText(tr("Running — version %1, up %2 s, %3 services")
                         .arg(status.version)
                         .arg(status.uptimeSeconds)
                         .arg(status.services));
}
} // namespace gatehouse
