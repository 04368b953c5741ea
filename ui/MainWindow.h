#pragma once

#include <QList>
#include <QMainWindow>
#include <QSet>

class QListWidget;
class QStackedWidget;

namespace gatehouse {

class ConnectPage;
class ConsolePage;
class GatehouseClient;
class ServicesPage;
class SignInDialog;
struct AdminSession;

// The console's main window: a page list on the left (Connect, Dashboard, Services, Roles …)
// and the chosen page on the right. Pages other than Connect open once an admin has signed in;
// each loads the first time it is shown, and F5 reloads the current one.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void setEngineStarting();
    void setEngineFailed(const QString &message);
    void connectToEngine(GatehouseClient *client, const QString &generatedAdminPassword);
    // Opens the sign-in dialog (non-modal; also returned for tests).
    SignInDialog *signIn();

    QList<ConsolePage *> pages() const { return m_pages; }
    template <typename T>
    T *page() const
    {
        for (ConsolePage *candidate : m_pages)
            if (auto *typed = qobject_cast<T *>(candidate))
                return typed;
        return nullptr;
    }
    ServicesPage *servicesPage() const;
    ConnectPage *connectPage() const { return m_connect; }
    void showPage(ConsolePage *page);
    bool isPageEnabled(ConsolePage *page) const;
    bool isSignedIn() const { return m_signedIn; }

Q_SIGNALS:
    void signedIn(const gatehouse::AdminSession &session);

private:
    // Every page the console has, in the order of the page list.
    void createPages(GatehouseClient *client);
    void addPage(ConsolePage *page);
    void pageChosen(int row);
    void onSignedIn(const AdminSession &session);

    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    ConnectPage *m_connect;
    QList<ConsolePage *> m_pages;
    QSet<ConsolePage *> m_loaded;
    GatehouseClient *m_client = nullptr;
    bool m_signedIn = false;
};
} // namespace gatehouse
