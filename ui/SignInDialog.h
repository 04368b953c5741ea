#pragma once

#include <functional>

#include <QDialog>
#include <QList>
#include <QUrl>

#include "client/GatehouseClient.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace gatehouse {

class LoopbackRedirectReceiver;

// Signs an admin in to the engine, every way it offers (GET /system/environment): the
// Gatehouse admin account (email + password); a directory account through an LDAP/AD service
// (username, password and, with several, a service picker); and one "Sign in with <label>"
// button per OpenID Connect service, which opens the system browser at the gateway with a
// loopback redirect back to the console (LoopbackRedirectReceiver) and exchanges the one-time
// code it brings for a session. Errors are shown in plain words with the request id.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    // Opens a URL in the system browser; tests inject their own to play the browser.
    using BrowserOpener = std::function<bool(const QUrl &)>;

    explicit SignInDialog(GatehouseClient *client, QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setBrowserOpener(BrowserOpener opener) { m_openBrowser = std::move(opener); }
    // How long the browser sign-in waits for the redirect.
    void setBrowserTimeout(int milliseconds) { m_browserTimeoutMs = milliseconds; }
    // Asks the engine which sign-ins it offers and shows them (called by the constructor).
    void refresh();

    AdminSession session() const { return m_session; }
    QString errorText() const;
    // The receiver of a browser sign-in in progress (null otherwise).
    LoopbackRedirectReceiver *pendingBrowserSignIn() const { return m_receiver; }

Q_SIGNALS:
    void environmentLoaded();
    void signedIn(const gatehouse::AdminSession &session);

private:
    void showEnvironment(const EnvironmentInfo &environment);
    void signInWithPassword();
    void signInWithDirectory();
    void startBrowserSignIn(const IdentityServiceEntry &service);
    void cancelBrowserSignIn();
    void finishBrowserSignIn(const QString &service, const QString &code);
    void finished(const ApiReply &reply, const AdminSession &session);
    void showError(const QString &message);
    void setBusy(bool busy, const QString &message = QString());

    GatehouseClient *m_client;
    BrowserOpener m_openBrowser;
    int m_browserTimeoutMs = 5 * 60 * 1000;
    AdminSession m_session;

    QLineEdit *m_email;
    QLineEdit *m_password;
    QPushButton *m_passwordButton;
    QGroupBox *m_directoryBox;
    QComboBox *m_directoryService;
    QLabel *m_directoryServiceLabel;
    QLineEdit *m_directoryUser;
    QLineEdit *m_directoryPassword;
    QPushButton *m_directoryButton;
    QGroupBox *m_ssoBox;
    QVBoxLayout *m_ssoButtons;
    QList<QPushButton *> m_ssoButtonList;
    QPushButton *m_cancelSso;
    QLabel *m_status;
    QLabel *m_error;
    LoopbackRedirectReceiver *m_receiver = nullptr;
};
} // namespace gatehouse
