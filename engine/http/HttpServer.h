#pragma once

#include <QHostAddress>
#include <QObject>

#include "HttpConnection.h"
#include "HttpLimits.h"

class QTcpServer;

namespace gatehouse {

// Accepts TCP connections and turns them into HttpConnections that feed one handler.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    HttpServer(HttpLimits limits, HttpConnection::Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;
    void close();

private:
    void onNewConnection();

    QTcpServer *m_server;
    HttpLimits m_limits;
    HttpConnection::Handler m_handler;
};
} // namespace gatehouse
