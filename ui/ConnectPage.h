#pragma once

#include <QUrl>

#include "ConsolePage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QTimer;

namespace gatehouse {

struct AdminSession;
struct EngineStatus;

// Where the console chooses its engine (the embedded one, or a remote gatehoused from the list
// of servers used before), shows whether it runs, and signs an admin in or out.
class ConnectPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit ConnectPage(QWidget *parent = nullptr);

    QString title() const override { return tr("Connect"); }
    QString iconName() const override { return QStringLiteral("connect"); }
    bool needsSignIn() const override { return false; }
    void refresh() override;

    void setEngineStarting();
    void setEngineFailed(const QString &message);
    void setClient(GatehouseClient *client, const QString &generatedAdminPassword);
    void setSession(const AdminSession *session); // null: signed out
    // "Keep me signed in": the session token goes to the OS keychain.
    bool keepSignedIn() const;
    void setKeychainNote(const QString &note);

Q_SIGNALS:
    void embeddedRequested();
    void remoteRequested(const QUrl &url);
    void signInRequested();
    void signOutRequested();

private:
    void connectClicked();
    void showStatus(const EngineStatus &status);
    void fillServers();

    GatehouseClient *m_client = nullptr;
    QRadioButton *m_embedded;
    QRadioButton *m_remote;
    QComboBox *m_server;
    QPushButton *m_forget;
    QPushButton *m_connect;
    QLabel *m_address;
    QLabel *m_state;
    QLabel *m_details;
    QLabel *m_account;
    QCheckBox *m_keep;
    QLabel *m_keychainNote;
    QPushButton *m_signIn;
    QPushButton *m_signOut;
    QTimer *m_poll;
};
} // namespace gatehouse
