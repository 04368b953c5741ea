#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

class QSslSocket;

namespace gatehouse {

// The TLS form of the listener. Each accepted connection first shows its first byte: a TLS
// handshake record (0x16) starts the server handshake; plain-text HTTP (a letter) is answered
// with a 400 naming HTTPS and closed, so a client that forgot "https://" gets a readable error
// instead of binary garbage (no redirect: the plain request has already exposed whatever it
// carried, and API clients must be fixed, not silently upgraded); anything else is dropped.
// A connection only becomes pending (and so an HttpConnection) once its handshake succeeded.
// Handshakes are bounded in time (a stalled or slow client is aborted) and in number (beyond
// the cap new connections are closed at once), and a failed handshake only ends its own
// connection.
class TlsListener : public QTcpServer
{
    Q_OBJECT
public:
    static constexpr int kMaxHandshakes = 256;

    TlsListener(QSslConfiguration configuration, int handshakeTimeoutMs, QObject *parent = nullptr);

    // TLS 1.2 or later with forward-secret AEAD ciphers, the certificate chain from `certPath`
    // and the key from `keyPath` (PEM, EC or RSA, unencrypted). False with `error` set when
    // the files cannot be read, do not belong together, or Qt has no TLS backend.
    static bool loadConfiguration(const QString &certPath, const QString &keyPath, QSslConfiguration *out,
                                  QString *error);

    int handshakesInProgress() const { return m_handshakes; }

signals:
    // A connection finished its handshake and waits in nextPendingConnection().
    void encryptedConnectionReady();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void sniff(QSslSocket *socket, QObject *handshake);
    static void refusePlainHttp(QSslSocket *socket);

    QSslConfiguration m_configuration;
    int m_timeoutMs;
    int m_handshakes = 0;
};
} // namespace gatehouse
