#include "WebhookReceiver.h"

#include <memory>

#include <QTcpSocket>

namespace gatehouse::test {

WebhookReceiver::WebhookReceiver()
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                buffer->append(socket->readAll());
                answer(socket, *buffer);
            });
        }
    });
}

void WebhookReceiver::answer(QTcpSocket *socket, QByteArray &buffer)
{
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        const qsizetype eol = head.indexOf("\r\n", cl);
        const qint64 length =
            cl < 0 ? 0 : head.mid(cl + 15, (eol < 0 ? head.size() : eol) - cl - 15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        if (failed < failFirst) {
            ++failed;
            socket->write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
            continue;
        }
        const Json parsed = parseJsonOrDiscarded(body);
        if (parsed.is_array()) {
            for (const Json &document : parsed)
                documents.append(document);
        } else if (parsed.is_object()) {
            documents.append(parsed);
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }
}
} // namespace gatehouse::test
