#pragma once

#include <QList>
#include <QMainWindow>
#include <QSet>
#include <QUrl>

#include "core/Config.h"

class QListWidget;
class QStackedWidget;

namespace gatehouse {

class ConnectPage;
class ConsolePage;
class EngineHost;
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
    // The configuration the embedded engine starts with when the Connect page asks for it.
    void setEmbeddedConfig(const Config &config) { m_embeddedConfig = config; }
    // Starts the embedded engine on its own thread (once; later calls reconnect to it).
    void startEmbeddedEngine();
    void connectToRemote(const QUrl &url);
    // Talks to the engine behind `client` from now on (the window does not take ownership):
    // pages are rebuilt, and a session kept in the keychain for that engine is resumed.
    void connectToEngine(GatehouseClient *client, const QString &generatedAdminPassword);
    // Opens the sign-in dialog (non-modal; also returned for tests).
    SignInDialog *signIn();
    void signOut();

    // The engine the window talks to (null before the first connect).
    GatehouseClient *client() const { return m_client; }
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
    void signedOut();
    // The kept session token was tried: `resumed` says whether it still worked.
    void sessionResumeFinished(bool resumed);

private:
    // Every page the console has, in the order of the page list.
    void createPages(GatehouseClient *client);
    void addPage(ConsolePage *page);
    void pageChosen(int row);
    void onSignedIn(const AdminSession &session);
    void setPagesEnabled(bool enabled);
    void resumeKeptSession();

    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    ConnectPage *m_connect;
    QList<ConsolePage *> m_pages;
    QSet<ConsolePage *> m_loaded;
    GatehouseClient *m_client = nullptr;
    GatehouseClient *m_ownedClient = nullptr; // the one connectToRemote / the embedded engine made
    EngineHost *m_engineHost = nullptr;
    Config m_embeddedConfig;
    QUrl m_embeddedUrl;
    QString m_generatedPassword;
    bool m_signedIn = false;
};
} // namespace gatehouse
