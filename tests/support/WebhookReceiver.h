#pragma once

#include <QList>
#include <QObject>
#include <QTcpServer>

#include "core/Json.h"

namespace gatehouse::test {

// A webhook endpoint on loopback, standing in for a SIEM collector or a budget-alert receiver:
// answers the first `failFirst` POSTs with 500, then 200, and keeps the JSON documents it
// accepted. A body that is an array (a batch) gives each of its elements, an object itself.
class WebhookReceiver : public QObject
{
public:
    WebhookReceiver();

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    int failFirst = 0;
    int failed = 0;
    QList<Json> documents;

private:
    // Answers every complete request in `buffer`, leaving a partial one there.
    void answer(QTcpSocket *socket, QByteArray &buffer);

    QTcpServer m_server;
};
} // namespace gatehouse::test
