#include "MainWindow.h"

#include <QAction>
#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>

#include "AiPage.h"
#include "ApiDocsPage.h"
#include "ConnectPage.h"
#include "ServicesPage.h"
#include "SignInDialog.h"
#include "client/GatehouseClient.h"

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

void MainWindow::connectToEngine(GatehouseClient *client, const QString &generatedAdminPassword)
{
    m_client = client;
    m_connect->setClient(client, generatedAdminPassword);
    createPages(client);
}

void MainWindow::createPages(GatehouseClient *client)
{
    addPage(new ServicesPage(client, m_stack));
    addPage(new AiPage(client, m_stack));
    addPage(new ApiDocsPage(client, m_stack));
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
    m_connect->setSession(session);
    // A new session may see different data: every page loads afresh when next shown.
    m_loaded.clear();
    for (int row = 0; row < m_navigation->count(); ++row)
        m_navigation->item(row)->setFlags(m_navigation->item(row)->flags() | Qt::ItemIsEnabled);
    Q_EMIT signedIn(session);
    pageChosen(m_navigation->currentRow());
}
} // namespace gatehouse
