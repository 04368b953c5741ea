#pragma once

#include <QMainWindow>

class QLabel;
class QPushButton;
class QTabWidget;
class QTimer;

namespace gatehouse {

class GatehouseClient;
class ServicesPage;
class SignInDialog;
struct AdminSession;
struct EngineStatus;

// The console's main window: where the engine listens and its health, sign-in (SignInDialog)
// and, once signed in, the Services page.
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
    ServicesPage *servicesPage() const { return m_services; }

private:
    void showStatus(const EngineStatus &status);
    void signedIn(const AdminSession &session);

    QLabel *m_address;
    QLabel *m_state;
    QLabel *m_details;
    QLabel *m_account;
    QPushButton *m_signIn;
    QTabWidget *m_tabs;
    ServicesPage *m_services = nullptr;
    QTimer *m_poll;
    GatehouseClient *m_client = nullptr;
};
} // namespace gatehouse
