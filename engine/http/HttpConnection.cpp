#include "HttpConnection.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>

#include "Responder.h"
#include "ResponseStream.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

QByteArray httpDate()
{
    // Formatting a date per response is measurable at high request rates; one per second is enough.
    static thread_local qint64 cachedSecond = -1;
    static thread_local QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QDateTime::fromSecsSinceEpoch(now, Qt::UTC)
                     .toString(QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return cached;
}

QString decodeComponent(QByteArray raw, bool plusIsSpace)
{
    if (plusIsSpace)
        raw.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (c <= 32 || c >= 127 || c == '(' || c == ')' || c == ',' || c == '/' || c == ':' || c == ';' ||
            c == '<' || c == '=' || c == '>' || c == '?' || c == '@' || c == '[' || c == '\\' || c == ']' ||
            c == '{' || c == '}' || c == '"')
            return false;
    }
    return true;
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // A client that stalls mid-request is answered 408; an idle keep-alive one is just closed.
        if (m_state == State::Head && m_buffer.isEmpty())
            m_socket->disconnectFromHost();
        else if (m_state != State::Waiting)
            fail(408, QStringLiteral("Request timed out."));
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        // Tell the producer at once (not only when deleteLater runs) so it stops the upstream call.
        cancelStream();
        deleteLater();
    });
    m_timer.start(m_limits.headerTimeoutMs);
    m_request.peer = m_socket->peerAddress();
    const auto *tls = qobject_cast<QSslSocket *>(m_socket);
    m_encrypted = tls && tls->isEncrypted();
    m_request.encrypted = m_encrypted;
    // Over TLS, the first request may have arrived with the end of the handshake, before this
    // connection listened for readyRead.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    cancelStream();
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Closing) {
        m_socket->readAll();
        return;
    }
    m_buffer.append(m_socket->readAll());
    parse();
}

void HttpConnection::parse()
{
    while (m_state != State::Waiting && m_state != State::Closing) {
        switch (m_state) {
        case State::Head: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > m_limits.maxHeaderBytes)
                    fail(431, QStringLiteral("Request headers are too large."));
                return;
            }
            if (end > m_limits.maxHeaderBytes) {
                fail(431, QStringLiteral("Request headers are too large."));
                return;
            }
            m_timer.start(m_limits.headerTimeoutMs);
            if (!parseHead(end))
                return;
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
            m_request.body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return;
            dispatch();
            break;
        }
        case State::ChunkSize: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > 1024)
                    fail(400, QStringLiteral("Malformed chunked request body."));
                return;
            }
            QByteArray sizeText = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            const qsizetype semicolon = sizeText.indexOf(';');
            if (semicolon >= 0)
                sizeText.truncate(semicolon);
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                fail(400, QStringLiteral("Malformed chunked request body."));
                return;
            }
            if (m_request.body.size() + size > m_limits.maxBodyBytes) {
                fail(413, QStringLiteral("Request body is larger than the limit of %1 bytes.")
                              .arg(m_limits.maxBodyBytes));
                return;
            }
            m_remaining = size;
            m_state = size == 0 ? State::ChunkTrailer : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
            m_request.body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return;
            if (m_buffer.size() < 2)
                return;
            if (!m_buffer.startsWith("\r\n")) {
                fail(400, QStringLiteral("Malformed chunked request body."));
                return;
            }
            m_buffer.remove(0, 2);
            m_state = State::ChunkSize;
            break;
        }
        case State::ChunkTrailer: {
            // Trailers are read and dropped: nothing in the gateway depends on them.
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > m_limits.maxHeaderBytes)
                    fail(431, QStringLiteral("Request trailers are too large."));
                return;
            }
            m_buffer.remove(0, eol + 2);
            if (eol == 0)
                dispatch();
            break;
        }
        case State::Waiting:
        case State::Closing:
            return;
        }
    }
}

bool HttpConnection::parseHead(qsizetype end)
{
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts[0])) {
        fail(400, QStringLiteral("Malformed request line."));
        return false;
    }
    const QByteArray &version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(505, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are supported."));
        return false;
    }
    m_request.method = parts[0].toUpper();
    m_request.target = parts[1];
    if (m_request.target.size() > 16 * 1024) {
        fail(414, QStringLiteral("Request URI is too long."));
        return false;
    }

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon > 0 ? line.left(colon).toLower() : QByteArray();
        if (!isToken(name)) {
            fail(400, QStringLiteral("Malformed request header."));
            return false;
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        auto it = m_request.headers.find(name);
        if (it == m_request.headers.end())
            m_request.headers.insert(name, value);
        else if (name == "content-length" && *it != value) {
            fail(400, QStringLiteral("Conflicting Content-Length headers."));
            return false;
        } else if (name != "content-length")
            *it += ", " + value;
    }

    const QByteArray connection = m_request.header("connection").toLower();
    m_request.keepAlive =
        version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");

    const qsizetype q = m_request.target.indexOf('?');
    const QByteArray rawPath = q < 0 ? m_request.target : m_request.target.left(q);
    if (!rawPath.startsWith('/')) {
        fail(400, QStringLiteral("Only origin-form request targets are accepted."));
        return false;
    }
    m_request.path = decodeComponent(rawPath, false);
    if (m_request.path.contains(QChar(0))) {
        fail(400, QStringLiteral("Request path contains a NUL character."));
        return false;
    }
    if (q >= 0) {
        const QByteArray rawQuery = m_request.target.mid(q + 1);
        for (const QByteArray &pair : rawQuery.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            m_request.query.append({decodeComponent(eq < 0 ? pair : pair.left(eq), true),
                                    eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1), true)});
        }
    }

    const QByteArray transferEncoding = m_request.header("transfer-encoding").toLower();
    const bool hasLength = m_request.headers.contains("content-length");
    if (!transferEncoding.isEmpty()) {
        // Both framing headers at once is the classic request-smuggling vector: refuse it.
        if (hasLength) {
            fail(400, QStringLiteral("Content-Length and Transfer-Encoding must not both be sent."));
            return false;
        }
        if (transferEncoding != "chunked") {
            fail(501, QStringLiteral("Transfer-Encoding '%1' is not supported.")
                          .arg(QString::fromLatin1(transferEncoding)));
            return false;
        }
        m_state = State::ChunkSize;
    } else if (hasLength) {
        bool ok = false;
        const QByteArray lengthText = m_request.header("content-length");
        const qint64 length = lengthText.toLongLong(&ok);
        if (!ok || length < 0 || lengthText.startsWith('+')) {
            fail(400, QStringLiteral("Invalid Content-Length header."));
            return false;
        }
        if (length > m_limits.maxBodyBytes) {
            fail(413, QStringLiteral("Request body is larger than the limit of %1 bytes.")
                          .arg(m_limits.maxBodyBytes));
            return false;
        }
        m_remaining = length;
        m_request.body.reserve(length);
        m_state = length > 0 ? State::Body : State::Head;
    } else {
        m_state = State::Head;
    }

    if (m_state != State::Head && m_request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (m_state == State::Head)
        dispatch();
    return true;
}

void HttpConnection::dispatch()
{
    m_state = State::Waiting;
    m_timer.stop();
    const quint64 serial = ++m_serial;
    m_currentIsHead = m_request.method == "HEAD";
    m_currentKeepAlive = m_request.keepAlive;
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_request.peer = m_socket->peerAddress();
    m_request.encrypted = m_encrypted;
    m_handler(std::move(request), Responder(this, serial));
}

void HttpConnection::sendResponse(quint64 serial, HttpResponse response)
{
    if (serial != m_serial || m_state != State::Waiting) {
        // A stream that will never be written must still tell its producer to stop.
        if (response.stream)
            response.stream->cancel();
        return;
    }
    if (response.stream) {
        // 1xx, 204 and 304 never carry a body (RFC 9112 6.3), so they get no framing header.
        const bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
        writeRaw(response, true, m_currentKeepAlive, !bodyless);
        std::shared_ptr<ResponseStream> stream = std::move(response.stream);
        if (!bodyless && !m_currentIsHead) {
            startStream(std::move(stream));
            return;
        }
        // Nobody will read the body (HEAD): let the producer stop and abort its upstream call.
        stream->cancel();
    } else {
        writeRaw(response, m_currentIsHead, m_currentKeepAlive, false);
    }
    completeResponse();
}

void HttpConnection::completeResponse()
{
    if (!m_currentKeepAlive) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    }
    resetForNext();
}

void HttpConnection::startStream(std::shared_ptr<ResponseStream> stream)
{
    // The state stays Waiting and the request timer stays stopped while the stream runs: a long
    // stream that is still producing is not a stalled client. Pipelined requests that arrive
    // meanwhile are only buffered, and parsed after the last chunk.
    m_stream = std::move(stream);
    connect(m_stream.get(), &ResponseStream::dataAvailable, this, &HttpConnection::drainStream);
    // Whatever the producer wrote before the connection attached goes out first.
    drainStream();
}

void HttpConnection::drainStream()
{
    if (!m_stream)
        return;
    if (m_stream->isCancelled()) {
        // Cancelled by someone else: the body cannot be terminated cleanly, so the connection
        // closes and the client sees a truncated chunked body rather than a complete one.
        disconnect(m_stream.get(), nullptr, this, nullptr);
        m_stream.reset();
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    }
    const QByteArray bytes = m_stream->takeBuffered();
    QByteArray out;
    if (!bytes.isEmpty()) {
        out.reserve(bytes.size() + 16);
        out += QByteArray::number(bytes.size(), 16);
        out += "\r\n";
        out += bytes;
        out += "\r\n";
    }
    const bool ended = m_stream->isEnded();
    if (ended)
        out += "0\r\n\r\n";
    if (!out.isEmpty()) {
        m_socket->write(out);
        // Send now rather than on the next turn of the loop: time to first token matters.
        m_socket->flush();
    }
    if (!ended)
        return;
    disconnect(m_stream.get(), nullptr, this, nullptr);
    m_stream.reset();
    completeResponse();
}

void HttpConnection::cancelStream()
{
    if (!m_stream)
        return;
    std::shared_ptr<ResponseStream> stream = std::move(m_stream);
    disconnect(stream.get(), nullptr, this, nullptr);
    stream->cancel();
}

void HttpConnection::resetForNext()
{
    m_state = State::Head;
    m_remaining = 0;
    m_timer.start(m_buffer.isEmpty() ? m_limits.idleTimeoutMs : m_limits.headerTimeoutMs);
    // A pipelined request may already be buffered; parse it on the next turn of the loop so a
    // long pipeline cannot recurse through sendResponse().
    if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &HttpConnection::parse, Qt::QueuedConnection);
}

void HttpConnection::fail(int status, const QString &message)
{
    // Framing errors leave the stream in an unknown state, so the connection always closes.
    HttpResponse response = HttpResponse::fromError(ApiError(status, message));
    if (m_rejectionHook)
        m_rejectionHook(m_request, response);
    writeRaw(response, false, false, false);
    m_state = State::Closing;
    m_buffer.clear();
    m_timer.stop();
    m_socket->disconnectFromHost();
}

void HttpConnection::writeRaw(const HttpResponse &response, bool headOnly, bool keepAlive, bool chunked)
{
    QByteArray out;
    out.reserve(192 + response.body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\nDate: ";
    out += httpDate();
    out += "\r\nContent-Type: ";
    out += response.contentType;
    if (chunked) {
        out += "\r\nTransfer-Encoding: chunked";
    } else if (!response.stream) {
        out += "\r\nContent-Length: ";
        out += QByteArray::number(response.body.size());
    }
    out += keepAlive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n";
    for (const auto &header : response.headers) {
        out += header.first;
        out += ": ";
        out += header.second;
        out += "\r\n";
    }
    out += "\r\n";
    if (!headOnly)
        out += response.body;
    m_socket->write(out);
    // Out now, in one write(): left to QAbstractSocket, the response would wait for a turn of the
    // event loop to report the socket writable, at the price of two epoll_ctl() calls and a wait.
    m_socket->flush();
}

Responder::Responder(HttpConnection *connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{
}

void Responder::send(HttpResponse response) const
{
    if (m_connection)
        m_connection->sendResponse(m_serial, std::move(response));
    else if (response.stream)
        response.stream->cancel(); // the client left before the answer: stop the producer
}

bool Responder::isConnected() const
{
    return !m_connection.isNull();
}
} // namespace gatehouse
