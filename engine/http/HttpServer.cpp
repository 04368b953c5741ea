#include "HttpServer.h"

#include <QTcpServer>
#include <QTcpSocket>

#include "TlsListener.h"

namespace gatehouse {

HttpServer::HttpServer(HttpLimits limits, HttpConnection::Handler handler, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_limits(limits)
    , m_handler(std::move(handler))
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer() = default;

void HttpServer::enableTls(const QSslConfiguration &configuration)
{
    delete m_server;
    auto *listener = new TlsListener(configuration, m_limits.tlsHandshakeTimeoutMs, this);
    connect(listener, &TlsListener::encryptedConnectionReady, this, &HttpServer::onNewConnection);
    m_server = listener;
    m_tls = true;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    m_server->setListenBacklogSize(1024);
    return m_server->listen(address, port);
}

quint16 HttpServer::port() const
{
    return m_server->serverPort();
}

QString HttpServer::errorString() const
{
    return m_server->errorString();
}

void HttpServer::close()
{
    m_server->close();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, m_limits, m_handler, this);
        if (m_rejectionHook)
            connection->setRejectionHook(m_rejectionHook);
    }
}
} // namespace gatehouse
