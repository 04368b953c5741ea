#pragma once

#include <QByteArray>
#include <QObject>

namespace gatehouse {

// The body of a streamed response (server-sent events from an LLM, for example). A service
// answers with an HttpResponse whose `stream` is set: the gate adds its headers and audits it as
// for any response, then the connection writes the head with chunked transfer encoding and
// forwards every write() as it happens, never collecting the body first.
//
// Producer side (the service): write(), end(). If the client goes away first, the connection
// calls cancel() and `cancelled` is emitted once: stop producing (abort the upstream call).
// Connection side: attach(), takeBuffered(), isEnded(), cancel().
// Lives on the event loop thread; all calls from that thread.
class ResponseStream : public QObject
{
    Q_OBJECT
public:
    explicit ResponseStream(QObject *parent = nullptr);

    // Bytes for the client. Before the connection attaches they are kept and sent first.
    void write(const QByteArray &bytes);
    // No more bytes: the connection writes the last chunk and goes on with keep-alive.
    void end();

    bool isEnded() const { return m_ended; }
    bool isCancelled() const { return m_cancelled; }
    // Bytes written so far (for logs and audit).
    qint64 bytesWritten() const { return m_bytesWritten; }

    // Connection side.
    QByteArray takeBuffered();
    void cancel();

signals:
    void dataAvailable(); // write() or end() happened: the connection drains takeBuffered()
    void cancelled();     // the client disconnected (or the connection was torn down) first

private:
    QByteArray m_buffer;
    qint64 m_bytesWritten = 0;
    bool m_ended = false;
    bool m_cancelled = false;
};
} // namespace gatehouse
