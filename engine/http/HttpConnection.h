#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QTimer>

#include "HttpLimits.h"
#include "HttpRequest.h"
#include "HttpResponse.h"

class QTcpSocket;

namespace gatehouse {

class Responder;
class ResponseStream;

// One client connection: an incremental HTTP/1.1 parser (Content-Length and chunked bodies,
// keep-alive, 100-continue) and the writer for its responses. Requests on a connection are
// handled one at a time, so pipelined requests are answered in order.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(HttpRequest &&, const Responder &)>;
    // Sees each request the connection refuses itself (framing, limits, timeouts: it never
    // reaches the handler) and may add headers to the refusal; the request may be partial.
    using RejectionHook = std::function<void(const HttpRequest &, HttpResponse &)>;

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Handler handler, QObject *parent = nullptr);
    ~HttpConnection() override;

    void sendResponse(quint64 serial, HttpResponse response);
    void setRejectionHook(RejectionHook hook) { m_rejectionHook = std::move(hook); }

private:
    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkTrailer,
        Waiting,
        Closing
    };

    void onReadyRead();
    void parse();
    bool parseHead(qsizetype end);
    void dispatch();
    void fail(int status, const QString &message);
    // `chunked`: the head of a streamed body (Transfer-Encoding instead of Content-Length).
    void writeRaw(const HttpResponse &response, bool headOnly, bool keepAlive, bool chunked);
    void resetForNext();
    void completeResponse();
    void startStream(std::shared_ptr<ResponseStream> stream);
    void drainStream();
    void cancelStream();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    Handler m_handler;
    QByteArray m_buffer;
    HttpRequest m_request;
    State m_state = State::Head;
    qint64 m_remaining = 0;
    quint64 m_serial = 0;
    bool m_currentIsHead = false;
    bool m_currentKeepAlive = true;
    bool m_encrypted = false; // a TLS connection (set once, after its handshake)
    QTimer m_timer;
    RejectionHook m_rejectionHook;
    // The streamed body being written (held until its end, or cancelled on disconnect).
    std::shared_ptr<ResponseStream> m_stream;
};
} // namespace gatehouse
