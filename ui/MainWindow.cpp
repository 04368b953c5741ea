#include "MainWindow.h"

#include <QFormLayout>
#include <QLabel>
#include <QTimer>

#include "client/GatehouseClient.h"

namespace gatehouse {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_address(new QLabel(this))
    , m_state(new QLabel(this))
    , m_details(new QLabel(this))
    , m_poll(new QTimer(this))
{
    setWindowTitle(tr("Gatehouse"));
    auto *central = new QWidget(this);
    auto *form = new QFormLayout(central);
    form->addRow(tr("Engine address:"), m_address);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Details:"), m_details);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_state->setAccessibleName(tr("Engine state"));
    setCentralWidget(central);
    resize(560, 200);
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
    client->fetchStatus();
    m_poll->start();
}

void MainWindow::showStatus(const EngineStatus &status)
{
    m_state->setText(tr("Running — version %1, up %2 s, %3 services")
                         .arg(status.version)
                         .arg(status.uptimeSeconds)
                         .arg(status.services));
}
} // namespace gatehouse
