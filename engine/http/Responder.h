#pragma once

#include <QPointer>

#include "HttpResponse.h"

namespace gatehouse {

class HttpConnection;

// A cheap, copyable handle that lets asynchronous work answer the request it came from.
// If the client has gone away meanwhile, send() does nothing.
class Responder
{
public:
    Responder() = default;
    Responder(HttpConnection *connection, quint64 serial);

    void send(HttpResponse response) const;
    bool isConnected() const;

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_serial = 0;
};
} // namespace gatehouse
