#pragma once

#include <QObject>
#include <QUrl>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace gatehouse {

// The console's end of a browser sign-in (RFC 8252 §7.3, loopback redirect): listens on
// 127.0.0.1 on a random port for the one redirect that carries `state` back, answers the
// browser with a small page and hands the code to the dialog. Requests with another path or a
// different state are refused (and the receiver keeps waiting: a local process guessing ports
// must not be able to end the sign-in); a provider error with the right state ends it. Stops
// listening once it has an answer, on timeout or on cancel().
class LoopbackRedirectReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackRedirectReceiver(QObject *parent = nullptr);
    ~LoopbackRedirectReceiver() override;

    // Starts listening; false (with errorString()) when no port could be opened.
    bool start(const QString &expectedState, int timeoutMs = 5 * 60 * 1000);
    void cancel();
    bool isListening() const;
    // http://127.0.0.1:<port>/callback
    QUrl redirectUri() const;
    QString errorString() const { return m_error; }

    // A state that cannot be guessed: 32 random bytes, base64url.
    static QString newState();

Q_SIGNALS:
    void codeReceived(const QString &code);
    // Timed out, cancelled, or the provider said no: a message in plain words.
    void failed(const QString &message);

private:
    void accept();
    void readRequest(QTcpSocket *socket);
    void answer(QTcpSocket *socket, int status, const QString &title, const QString &text);
    void stop();

    QTcpServer *m_server;
    QTimer *m_timeout;
    QString m_state;
    QString m_error;
};
} // namespace gatehouse
