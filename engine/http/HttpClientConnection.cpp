#include "HttpClientConnection.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

namespace gatehouse {
namespace {

// Bounds on what a server can make us buffer. Bodies are not capped: they are handed on as they
// arrive and never collected here (the caller decides what it keeps).
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qsizetype kMaxChunkLineBytes = 4 * 1024;
constexpr qint64 kMaxTrailerBytes = 64 * 1024;

QByteArray sanitized(const QByteArray &value)
{
    // A CR or LF in a header would let a value smuggle in headers of its own.
    if (!value.contains('\r') && !value.contains('\n'))
        return value;
    QByteArray copy = value;
    copy.replace('\r', ' ').replace('\n', ' ');
    return copy;
}

bool isSslError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError ||
           error == QAbstractSocket::SslInvalidUserDataError;
}
} // namespace

HttpClientConnection::HttpClientConnection(const QString &host, quint16 port, const QSslConfiguration *tls,
                                           QObject *parent, const QHostAddress &connectAddress)
    : QObject(parent)
    , m_host(host)
    , m_connectAddress(connectAddress)
    , m_port(port)
    , m_tls(tls != nullptr)
{
    if (tls) {
        auto *ssl = new QSslSocket;
        ssl->setSslConfiguration(*tls);
        // The handshake (certificate verification included) must succeed before a request is
        // written; sslErrors are never ignored.
        connect(ssl, &QSslSocket::encrypted, this, &HttpClientConnection::onConnected);
        m_socket = ssl;
    } else {
        m_socket = new QTcpSocket;
        connect(m_socket, &QTcpSocket::connected, this, &HttpClientConnection::onConnected);
    }
    connect(m_socket, &QTcpSocket::connected, this,
            [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpClientConnection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpClientConnection::onDisconnected);
    m_connectTimer.setSingleShot(true);
    m_responseTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &HttpClientConnection::onTimeout);
    connect(&m_responseTimer, &QTimer::timeout, this, &HttpClientConnection::onTimeout);
}

HttpClientConnection::~HttpClientConnection()
{
    releaseSocket();
}

void HttpClientConnection::start(const HttpClientRequest &request, Exchange exchange)
{
    m_exchange = std::move(exchange);
    m_headOnly = request.method == "HEAD";
    m_keepAlive = true;
    m_received = false;
    m_remaining = 0;
    m_buffer.clear();
    m_idleSince.invalidate();
    m_idleTimeoutMs = request.idleTimeoutMs;

    const QUrl &url = request.url;
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    QByteArray out;
    out.reserve(256 + request.body.size());
    out += request.method;
    out += ' ';
    out += target;
    out += " HTTP/1.1\r\n";
    bool hasHost = false;
    for (const auto &header : request.headers) {
        const QByteArray name = header.first.toLower();
        // Framing and connection management belong to this client, never to the caller.
        if (name == "content-length" || name == "transfer-encoding" || name == "connection")
            continue;
        if (name == "host")
            hasHost = true;
        out += sanitized(header.first);
        out += ": ";
        out += sanitized(header.second);
        out += "\r\n";
    }
    if (!hasHost) {
        out += "Host: ";
        const QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
        out += host.contains(':') ? '[' + host + ']' : host;
        const int defaultPort = m_tls ? 443 : 80;
        if (url.port(defaultPort) != defaultPort) {
            out += ':';
            out += QByteArray::number(url.port());
        }
        out += "\r\n";
    }
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT" ||
        request.method == "PATCH") {
        out += "Content-Length: ";
        out += QByteArray::number(request.body.size());
        out += "\r\n";
    }
    out += "Connection: keep-alive\r\n\r\n";
    out += request.body;

    if (request.headTimeoutMs > 0)
        m_responseTimer.start(request.headTimeoutMs);
    if (m_state == State::Idle) {
        m_state = State::Head;
        m_socket->write(out);
        m_socket->flush(); // now, not on the next turn of the event loop
        return;
    }
    m_pendingRequest = std::move(out);
    m_state = State::Connecting;
    if (request.connectTimeoutMs > 0)
        m_connectTimer.start(request.connectTimeoutMs);
    if (!m_connectAddress.isNull()) {
        // Pinned address (egress-checked): no second resolution; TLS still verifies m_host.
        if (m_tls)
            static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_connectAddress.toString(), m_port,
                                                                        m_host);
        else
            m_socket->connectToHost(m_connectAddress, m_port);
    } else if (m_tls) {
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_host, m_port);
    } else {
        m_socket->connectToHost(m_host, m_port);
    }
}

void HttpClientConnection::close()
{
    ++m_generation;
    m_connectTimer.stop();
    m_responseTimer.stop();
    m_state = State::Closed;
    m_exchange = {};
    onIdleLost = nullptr;
    releaseSocket();
}

QByteArray HttpClientConnection::takeRemaining()
{
    // Up to m_remaining body bytes from the buffer; without a copy when the buffer holds no more.
    QByteArray bytes;
    if (m_buffer.size() <= m_remaining) {
        bytes = std::exchange(m_buffer, QByteArray());
    } else {
        bytes = m_buffer.left(m_remaining);
        m_buffer.remove(0, m_remaining);
    }
    m_remaining -= bytes.size();
    return bytes;
}

bool HttpClientConnection::isReusable() const
{
    return m_state == State::Idle && m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
           m_socket->bytesAvailable() == 0;
}

void HttpClientConnection::releaseSocket()
{
    if (!m_socket)
        return;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    // Possibly inside one of the socket's own signals: it must not be deleted under its feet.
    m_socket->deleteLater();
    m_socket = nullptr;
}

void HttpClientConnection::onConnected()
{
    if (m_state != State::Connecting)
        return;
    m_connectTimer.stop();
    m_state = State::Head;
    m_socket->write(std::exchange(m_pendingRequest, QByteArray()));
    m_socket->flush();
}

void HttpClientConnection::onTimeout()
{
    switch (m_state) {
    case State::Connecting:
        fail(HttpClientError::Timeout,
             QStringLiteral("Connecting to %1:%2 timed out.").arg(m_host).arg(m_port));
        break;
    case State::Head:
        fail(HttpClientError::Timeout,
             QStringLiteral("No response head from %1:%2 in time.").arg(m_host).arg(m_port));
        break;
    case State::Idle:
    case State::Closed:
        break;
    default:
        fail(HttpClientError::Timeout,
             QStringLiteral("The response body from %1:%2 stalled.").arg(m_host).arg(m_port));
        break;
    }
}

void HttpClientConnection::onReadyRead()
{
    if (!m_socket)
        return;
    if (m_state == State::Idle) {
        // A server does not speak unasked on an idle connection: whatever this is, the connection
        // can no longer be trusted to frame the next response.
        if (auto lost = onIdleLost)
            lost();
        return;
    }
    if (m_state == State::Closed || m_state == State::Connecting)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    m_received = true;
    m_buffer.append(bytes);
    if (m_state != State::Head && m_idleTimeoutMs > 0)
        m_responseTimer.start(m_idleTimeoutMs);
    parse();
}

void HttpClientConnection::onSocketError()
{
    if (!m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    // The orderly close is handled by onDisconnected(), after the last bytes are parsed.
    if (error == QAbstractSocket::RemoteHostClosedError)
        return;
    const QString text = m_socket->errorString();
    switch (m_state) {
    case State::Idle:
        if (auto lost = onIdleLost)
            lost();
        return;
    case State::Closed:
        return;
    case State::Connecting:
        if (m_tls && (isSslError(error) || m_socket->state() == QAbstractSocket::ConnectedState))
            fail(HttpClientError::Tls,
                 QStringLiteral("TLS with %1:%2 failed: %3").arg(m_host).arg(m_port).arg(text));
        else
            fail(HttpClientError::Connect,
                 QStringLiteral("Cannot connect to %1:%2: %3").arg(m_host).arg(m_port).arg(text));
        return;
    default:
        fail(HttpClientError::Protocol,
             QStringLiteral("Connection to %1:%2 failed mid-response: %3").arg(m_host).arg(m_port).arg(text));
        return;
    }
}

void HttpClientConnection::onDisconnected()
{
    if (!m_socket)
        return;
    switch (m_state) {
    case State::Idle:
        if (auto lost = onIdleLost)
            lost();
        return;
    case State::Closed:
        return;
    case State::Connecting:
        fail(m_tls ? HttpClientError::Tls : HttpClientError::Connect,
             QStringLiteral("%1:%2 closed the connection while connecting.").arg(m_host).arg(m_port));
        return;
    default:
        break;
    }
    // The last bytes may still sit in the socket's buffer.
    const QByteArray rest = m_socket->readAll();
    if (!rest.isEmpty()) {
        m_received = true;
        m_buffer.append(rest);
        if (!parse())
            return;
    }
    m_keepAlive = false;
    if (m_state == State::UntilClose)
        finish(nullptr, false);
    else
        fail(
            HttpClientError::Protocol,
            QStringLiteral("%1:%2 closed the connection before the response ended.").arg(m_host).arg(m_port));
}

bool HttpClientConnection::deliver(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return true;
    const QPointer<HttpClientConnection> self(this);
    const quint64 generation = m_generation;
    // A copy: the handler may abort the call, which clears m_exchange (or destroys this object).
    if (const auto data = m_exchange.data)
        data(bytes);
    return self && generation == m_generation;
}

bool HttpClientConnection::parse()
{
    for (;;) {
        switch (m_state) {
        case State::Head: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0 || end > kMaxHeadBytes) {
                if (end > kMaxHeadBytes || m_buffer.size() > kMaxHeadBytes) {
                    fail(HttpClientError::Protocol,
                         QStringLiteral("The response head is larger than 64 KB."));
                    return false;
                }
                return true;
            }
            if (!parseHead(end))
                return false;
            break;
        }
        case State::Length: {
            if (m_buffer.isEmpty())
                return true;
            const QByteArray bytes = takeRemaining();
            if (!deliver(bytes))
                return false;
            if (m_remaining == 0) {
                finish(nullptr, m_keepAlive && m_buffer.isEmpty());
                return false;
            }
            break;
        }
        case State::ChunkSize: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0 || eol > kMaxChunkLineBytes) {
                if (eol > kMaxChunkLineBytes || m_buffer.size() > kMaxChunkLineBytes) {
                    fail(HttpClientError::Protocol, QStringLiteral("A chunk-size line is too long."));
                    return false;
                }
                return true;
            }
            QByteArray line = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            if (semicolon >= 0)
                line.truncate(semicolon);
            line = line.trimmed();
            bool ok = false;
            const qint64 size = line.toLongLong(&ok, 16);
            if (!ok || size < 0 || line.startsWith('+') || line.startsWith('-')) {
                fail(HttpClientError::Protocol, QStringLiteral("Malformed chunk size in the response."));
                return false;
            }
            m_remaining = size;
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            if (size == 0)
                m_remaining = 0; // counts trailer bytes from here
            break;
        }
        case State::ChunkData: {
            if (m_buffer.isEmpty())
                return true;
            const QByteArray bytes = takeRemaining();
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            if (!deliver(bytes))
                return false;
            break;
        }
        case State::ChunkDataEnd: {
            if (m_buffer.size() < 2)
                return true;
            if (!m_buffer.startsWith("\r\n")) {
                fail(HttpClientError::Protocol, QStringLiteral("Malformed chunk in the response."));
                return false;
            }
            m_buffer.remove(0, 2);
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            // Trailers are read and dropped: nothing upstream of the gateway needs them.
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_remaining + m_buffer.size() > kMaxTrailerBytes) {
                    fail(HttpClientError::Protocol,
                         QStringLiteral("The response trailers are larger than 64 KB."));
                    return false;
                }
                return true;
            }
            m_remaining += eol + 2;
            m_buffer.remove(0, eol + 2);
            if (eol == 0) {
                finish(nullptr, m_keepAlive && m_buffer.isEmpty());
                return false;
            }
            if (m_remaining > kMaxTrailerBytes) {
                fail(HttpClientError::Protocol,
                     QStringLiteral("The response trailers are larger than 64 KB."));
                return false;
            }
            break;
        }
        case State::UntilClose:
            return deliver(std::exchange(m_buffer, QByteArray()));
        case State::Connecting:
        case State::Idle:
        case State::Closed:
            return true;
        }
    }
}

bool HttpClientConnection::parseHead(qsizetype end)
{
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    // "HTTP/1.x SSS reason"
    bool ok = false;
    const int status = statusLine.mid(9, 3).toInt(&ok);
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || !ok || status < 100 || status > 999 ||
        (statusLine.size() > 12 && statusLine.at(12) != ' ')) {
        fail(HttpClientError::Protocol, QStringLiteral("Malformed response status line."));
        return false;
    }
    HttpClientResponseHead responseHead;
    responseHead.status = status;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(HttpClientError::Protocol, QStringLiteral("Malformed response header."));
            return false;
        }
        responseHead.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    if (status < 200) {
        if (status == 101) {
            fail(HttpClientError::Protocol, QStringLiteral("Unexpected protocol switch in the response."));
            return false;
        }
        return true; // 100 Continue, 103 Early Hints...: the final response follows
    }

    const QByteArray connection = responseHead.header("connection").toLower();
    m_keepAlive =
        statusLine.startsWith("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
    const QByteArray transferEncoding = responseHead.header("transfer-encoding").toLower();
    bool hasBody = true;
    if (m_headOnly || status == 204 || status == 304) {
        hasBody = false;
    } else if (!transferEncoding.isEmpty()) {
        // Both framing headers: Transfer-Encoding wins, but the connection is not trusted again.
        if (!responseHead.header("content-length").isEmpty())
            m_keepAlive = false;
        // Chunked must be the last coding; anything else is delimited by the close (RFC 9112 6.3).
        if (transferEncoding.trimmed().endsWith("chunked")) {
            m_state = State::ChunkSize;
        } else {
            m_state = State::UntilClose;
            m_keepAlive = false;
        }
    } else if (!responseHead.header("content-length").isEmpty()) {
        QByteArray lengthText = responseHead.header("content-length");
        // Repeated identical values ("10, 10") are allowed; different ones are an attack or a bug.
        const QList<QByteArray> values = lengthText.split(',');
        lengthText = values.first().trimmed();
        for (const QByteArray &v : values) {
            if (v.trimmed() != lengthText) {
                fail(HttpClientError::Protocol,
                     QStringLiteral("Conflicting Content-Length in the response."));
                return false;
            }
        }
        for (const auto &h : responseHead.headers) {
            if (h.first == "content-length" && h.second.split(',').first().trimmed() != lengthText) {
                fail(HttpClientError::Protocol,
                     QStringLiteral("Conflicting Content-Length in the response."));
                return false;
            }
        }
        const qint64 length = lengthText.toLongLong(&ok);
        if (!ok || length < 0 || lengthText.startsWith('+')) {
            fail(HttpClientError::Protocol, QStringLiteral("Invalid Content-Length in the response."));
            return false;
        }
        m_remaining = length;
        if (length == 0)
            hasBody = false;
        else
            m_state = State::Length;
    } else {
        m_state = State::UntilClose;
        m_keepAlive = false;
    }

    m_responseTimer.stop();
    if (hasBody && m_idleTimeoutMs > 0)
        m_responseTimer.start(m_idleTimeoutMs);
    const QPointer<HttpClientConnection> self(this);
    const quint64 generation = m_generation;
    if (const auto headHandler = m_exchange.head)
        headHandler(responseHead);
    if (!self || generation != m_generation)
        return false;
    if (!hasBody) {
        finish(nullptr, m_keepAlive && m_buffer.isEmpty());
        return false;
    }
    return true;
}

void HttpClientConnection::finish(const HttpClientError *error, bool reusable)
{
    ++m_generation;
    m_connectTimer.stop();
    m_responseTimer.stop();
    const auto done = std::move(m_exchange.done);
    m_exchange = {};
    const bool received = m_received;
    m_buffer.clear();
    if (reusable) {
        m_state = State::Idle;
        m_idleSince.start();
    } else {
        m_state = State::Closed;
        releaseSocket();
    }
    if (done)
        done(error, reusable, received);
}

void HttpClientConnection::fail(HttpClientError::Kind kind, const QString &message)
{
    HttpClientError error;
    error.kind = kind;
    error.message = message;
    finish(&error, false);
}
} // namespace gatehouse
