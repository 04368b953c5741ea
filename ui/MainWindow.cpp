#include "MainWindow.h"

#include <QAction>
#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>

#include "AiPage.h"
#include "ApiDocsPage.h"
#include "AppsPage.h"
#include "ConnectPage.h"
#include "DashboardPage.h"
#include "LimitsPage.h"
#include "LogsPage.h"
#include "LookupsPage.h"
#include "RolesPage.h"
#include "ServicesPage.h"
#include "SettingsPage.h"
#include "SignInDialog.h"
#include "UsersPage.h"
#include "client/EngineHost.h"
#include "client/GatehouseClient.h"
#include "client/SessionTokenStore.h"

namespace gatehouse {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_connect(new ConnectPage(m_stack))
{
    setWindowTitle(tr("Gatehouse"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setUniformItemSizes(true);
    m_navigation->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_navigation->setFixedWidth(180);
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::pageChosen);
    connect(m_connect, &ConnectPage::signInRequested, this, &MainWindow::signIn);
    connect(m_connect, &ConnectPage::signOutRequested, this, &MainWindow::signOut);
    connect(m_connect, &ConnectPage::embeddedRequested, this, &MainWindow::startEmbeddedEngine);
    connect(m_connect, &ConnectPage::remoteRequested, this, &MainWindow::connectToRemote);
    addPage(m_connect);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    auto *reload = new QAction(tr("Reload page"), this);
    reload->setShortcut(QKeySequence::Refresh);
    connect(reload, &QAction::triggered, this, [this] {
        if (auto *current = qobject_cast<ConsolePage *>(m_stack->currentWidget());
            current && isPageEnabled(current))
            current->refresh();
    });
    addAction(reload);
    // Ctrl+PgDown / Ctrl+PgUp move through the page list from anywhere, like tabs.
    auto *next = new QAction(this);
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    connect(next, &QAction::triggered, this, [this] {
        for (int row = m_navigation->currentRow() + 1; row < m_navigation->count(); ++row)
            if (!m_navigation->item(row)->isHidden() &&
                (m_navigation->item(row)->flags() & Qt::ItemIsEnabled)) {
                m_navigation->setCurrentRow(row);
                return;
            }
    });
    auto *previous = new QAction(this);
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    connect(previous, &QAction::triggered, this, [this] {
        for (int row = m_navigation->currentRow() - 1; row >= 0; --row)
            if (m_navigation->item(row)->flags() & Qt::ItemIsEnabled) {
                m_navigation->setCurrentRow(row);
                return;
            }
    });
    addAction(next);
    addAction(previous);
    m_navigation->setCurrentRow(0);
    resize(1100, 720);
}

void MainWindow::setEngineStarting()
{
    m_connect->setEngineStarting();
}

void MainWindow::setEngineFailed(const QString &message)
{
    m_connect->setEngineFailed(message);
}

void MainWindow::startEmbeddedEngine()
{
    if (m_embeddedUrl.isValid()) {
        auto *client = new GatehouseClient(m_embeddedUrl, this);
        connectToEngine(client, m_generatedPassword);
        m_ownedClient = client;
        return;
    }
    if (m_engineHost)
        return; // still starting
    m_engineHost = new EngineHost(this);
    connect(m_engineHost, &EngineHost::failed, this, &MainWindow::setEngineFailed);
    connect(m_engineHost, &EngineHost::started, this, [this](quint16 port, const QString &password) {
        m_embeddedUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_generatedPassword = password;
        startEmbeddedEngine();
    });
    setEngineStarting();
    m_engineHost->start(m_embeddedConfig);
}

void MainWindow::connectToRemote(const QUrl &url)
{
    auto *client = new GatehouseClient(url, this);
    connectToEngine(client, QString());
    m_ownedClient = client;
}

void MainWindow::connectToEngine(GatehouseClient *client, const QString &generatedAdminPassword)
{
    // Pages of the previous engine go, with the client the window made for it.
    for (ConsolePage *page : std::as_const(m_pages)) {
        if (page == m_connect)
            continue;
        m_stack->removeWidget(page);
        page->deleteLater();
    }
    m_pages = {m_connect};
    while (m_navigation->count() > 1)
        delete m_navigation->takeItem(m_navigation->count() - 1);
    m_loaded.clear();
    if (m_ownedClient && m_ownedClient != client)
        m_ownedClient->deleteLater();
    m_ownedClient = nullptr;
    m_signedIn = false;

    m_client = client;
    m_connect->setClient(client, generatedAdminPassword);
    createPages(client);
    resumeKeptSession();
}

void MainWindow::resumeKeptSession()
{
    GatehouseClient *client = m_client;
    SessionTokenStore::load(client->baseUrl(), client, [this, client](const QString &token, const QString &) {
        if (token.isEmpty() || client != m_client) {
            Q_EMIT sessionResumeFinished(false);
            return;
        }
        client->resumeSession(
            token, client, [this, client](const ApiReply &reply, const AdminSession &session) {
                if (client != m_client)
                    return;
                const bool resumed = reply.ok() && session.isSysAdmin && !session.token.isEmpty();
                if (resumed)
                    onSignedIn(session);
                else // expired, revoked or no longer an admin: sign in again
                    SessionTokenStore::remove(client->baseUrl(), client, [](bool, const QString &) {});
                Q_EMIT sessionResumeFinished(resumed);
            });
    });
}

void MainWindow::createPages(GatehouseClient *client)
{
    addPage(new DashboardPage(client, m_stack));
    addPage(new ServicesPage(client, m_stack));
    addPage(new RolesPage(client, m_stack));
    addPage(new AppsPage(client, m_stack));
    addPage(new UsersPage(client, m_stack));
    addPage(new LookupsPage(client, m_stack));
    addPage(new LimitsPage(client, m_stack));
    addPage(new AiPage(client, m_stack));
    addPage(new LogsPage(client, m_stack));
    addPage(new ApiDocsPage(client, m_stack));
    addPage(new SettingsPage(client, m_stack));
}

void MainWindow::addPage(ConsolePage *page)
{
    m_pages.append(page);
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(page->icon(), page->title(), m_navigation);
    item->setData(Qt::AccessibleTextRole, page->title());
    if (page->needsSignIn() && !m_signedIn)
        item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
}

ServicesPage *MainWindow::servicesPage() const
{
    return page<ServicesPage>();
}

void MainWindow::showPage(ConsolePage *page)
{
    const int row = int(m_pages.indexOf(page));
    if (row >= 0 && isPageEnabled(page))
        m_navigation->setCurrentRow(row);
}

bool MainWindow::isPageEnabled(ConsolePage *page) const
{
    const int row = int(m_pages.indexOf(page));
    return row >= 0 && (m_navigation->item(row)->flags() & Qt::ItemIsEnabled);
}

void MainWindow::pageChosen(int row)
{
    if (row < 0 || row >= m_pages.size())
        return;
    ConsolePage *page = m_pages.at(row);
    m_stack->setCurrentWidget(page);
    if (isPageEnabled(page) && !m_loaded.contains(page)) {
        m_loaded.insert(page);
        page->refresh();
    }
}

SignInDialog *MainWindow::signIn()
{
    if (!m_client)
        return nullptr;
    auto *dialog = new SignInDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SignInDialog::signedIn, this, &MainWindow::onSignedIn);
    dialog->open();
    return dialog;
}

void MainWindow::onSignedIn(const AdminSession &session)
{
    m_signedIn = true;
    m_connect->setSession(&session);
    if (m_connect->keepSignedIn()) {
        m_connect->setKeychainNote(QString());
        SessionTokenStore::save(
            m_client->baseUrl(), session.token, m_connect, [this](bool ok, const QString &error) {
                if (!ok)
                    m_connect->setKeychainNote(tr("The session is not kept: %1").arg(error));
            });
    }
    // A new session may see different data: every page loads afresh when next shown.
    m_loaded.clear();
    setPagesEnabled(true);
    Q_EMIT signedIn(session);
    pageChosen(m_navigation->currentRow());
}

void MainWindow::signOut()
{
    if (!m_client || !m_signedIn)
        return;
    m_client->signOut(m_client, [](const ApiReply &) {});
    SessionTokenStore::remove(m_client->baseUrl(), m_client, [](bool, const QString &) {});
    m_signedIn = false;
    m_connect->setSession(nullptr);
    setPagesEnabled(false);
    showPage(m_connect);
    Q_EMIT signedOut();
}

void MainWindow::setPagesEnabled(bool enabled)
{
    for (int row = 0; row < m_navigation->count(); ++row) {
        if (!m_pages.at(row)->needsSignIn())
            continue;
        QListWidgetItem *item = m_navigation->item(row);
        item->setFlags(enabled ? item->flags() | Qt::ItemIsEnabled : item->flags() & ~Qt::ItemIsEnabled);
    }
}
} // namespace gatehouse
