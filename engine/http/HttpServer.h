#pragma once

#include <QHostAddress>
#include <QObject>

#include "HttpConnection.h"
#include "HttpLimits.h"

class QSslConfiguration;
class QTcpServer;

namespace gatehouse {

// Accepts TCP connections and turns them into HttpConnections that feed one handler.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    HttpServer(HttpLimits limits, HttpConnection::Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    // Before listen(): every connection must then speak TLS (see TlsListener).
    void enableTls(const QSslConfiguration &configuration);
    bool isTls() const { return m_tls; }
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;
    void close();
    // For connections accepted from now on (see HttpConnection::RejectionHook).
    void setRejectionHook(HttpConnection::RejectionHook hook) { m_rejectionHook = std::move(hook); }

private:
    void onNewConnection();

    QTcpServer *m_server;
    HttpLimits m_limits;
    HttpConnection::Handler m_handler;
    bool m_tls = false;
    HttpConnection::RejectionHook m_rejectionHook;
};
} // namespace gatehouse
