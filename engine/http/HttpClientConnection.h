#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include "HttpClient.h"

class QTcpSocket;

namespace gatehouse {

// One upstream HTTP/1.1 connection of HttpClient: connects (TCP or TLS), writes one request at a
// time and parses the response incrementally (Content-Length, chunked, read-until-close), handing
// body bytes on as they arrive. Between exchanges it may sit idle in the client's pool.
//
// Callbacks may abort the exchange or even destroy the HttpClient (and with it this object), so
// every callback is invoked through a guard and nothing of `this` is touched once it has gone.
class HttpClientConnection : public QObject
{
    Q_OBJECT
public:
    struct Exchange
    {
        std::function<void(const HttpClientResponseHead &)> head;
        std::function<void(const QByteArray &)> data;
        // `reusable`: the response ended cleanly and the connection may serve another call.
        // `received`: at least one byte of the response arrived (a retry is then unsafe).
        std::function<void(const HttpClientError *, bool reusable, bool received)> done;
    };

    // `tls` null for http. `connectAddress` set: connect there instead of resolving `host`
    // (which stays the TLS peer name).
    HttpClientConnection(const QString &host, quint16 port, const QSslConfiguration *tls,
                         QObject *parent = nullptr, const QHostAddress &connectAddress = {});
    ~HttpClientConnection() override;

    // Connects if needed, then writes the request. Exactly one done() follows unless close().
    void start(const HttpClientRequest &request, Exchange exchange);
    // Drops the connection at once; no callback runs afterwards.
    void close();

    // Idle, still connected and with nothing unexpected received: fit for another call.
    bool isReusable() const;
    qint64 idleMs() const { return m_idleSince.isValid() ? m_idleSince.elapsed() : 0; }
    // Called when the server closes (or talks on) the connection while it is idle in the pool.
    std::function<void()> onIdleLost;

private:
    enum class State
    {
        Connecting,
        Head,
        Length,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Idle,
        Closed
    };

    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    // False when `this` must not be touched any more (the exchange ended or the object went).
    bool parse();
    bool parseHead(qsizetype end);
    bool deliver(const QByteArray &bytes);
    QByteArray takeRemaining();
    void finish(const HttpClientError *error, bool reusable);
    void fail(HttpClientError::Kind kind, const QString &message);
    void releaseSocket();

    QTcpSocket *m_socket = nullptr;
    QString m_host;
    QHostAddress m_connectAddress;
    quint16 m_port = 0;
    bool m_tls = false;
    State m_state = State::Connecting;
    QByteArray m_pendingRequest; // written once connected
    QByteArray m_buffer;
    qint64 m_remaining = 0;
    bool m_headOnly = false; // HEAD request: the response never has a body
    bool m_keepAlive = true;
    bool m_received = false;
    int m_idleTimeoutMs = 0;
    quint64 m_generation = 0; // bumped when an exchange ends or the connection closes
    Exchange m_exchange;
    QTimer m_connectTimer;
    QTimer m_responseTimer; // head timeout, then idle timeout between body reads
    QElapsedTimer m_idleSince;
};
} // namespace gatehouse
