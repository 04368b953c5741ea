#include <memory>
#include <optional>

#include <QPointer>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "TestMain.h"
#include "http/HttpClient.h"
#include "security/CertificateGenerator.h"

using namespace gatehouse;

namespace {

// A scripted HTTP server on the test's own event loop: it frames requests (head plus
// Content-Length body) and hands each one to `onRequest`, which answers however the test wants:
// byte by byte, never, or by closing.
class ScriptServer : public QTcpServer
{
public:
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        QByteArray buffer;
        int index = 0;
        int requests = 0;
    };

    std::function<void(Connection &, const QByteArray &request)> onRequest;
    QList<std::shared_ptr<Connection>> connections;
    QList<QByteArray> requests;
    int closed = 0;
    int openNow = 0;
    // TLS: set both to answer with TLS.
    QSslCertificate certificate;
    QSslKey key;

    quint16 start()
    {
        listen(QHostAddress::Any, 0);
        return serverPort();
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = nullptr;
        if (!certificate.isNull()) {
            auto *ssl = new QSslSocket(this);
            ssl->setSocketDescriptor(descriptor);
            ssl->setLocalCertificate(certificate);
            ssl->setPrivateKey(key);
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
        }
        auto connection = std::make_shared<Connection>();
        connection->socket = socket;
        connection->index = int(connections.size());
        connections.append(connection);
        ++openNow;
        connect(socket, &QTcpSocket::readyRead, this, [this, connection] { read(*connection); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            ++closed;
            --openNow;
            socket->deleteLater();
        });
    }

private:
    void read(Connection &connection)
    {
        connection.buffer += connection.socket->readAll();
        for (;;) {
            const qsizetype end = connection.buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            qint64 length = 0;
            for (const QByteArray &line : connection.buffer.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (connection.buffer.size() < end + 4 + length)
                return;
            const QByteArray request = connection.buffer.left(end + 4 + length);
            connection.buffer.remove(0, end + 4 + length);
            ++connection.requests;
            requests.append(request);
            if (onRequest)
                onRequest(connection, request);
            if (!connection.socket)
                return;
        }
    }
};

// Writes `bytes` one at a time, each on its own turn of the event loop, so the client sees every
// byte boundary as a separate read.
void dribble(QTcpSocket *socket, const QByteArray &bytes, int from = 0)
{
    QPointer<QTcpSocket> guard(socket);
    if (!guard || from >= bytes.size())
        return;
    socket->write(bytes.mid(from, 1));
    socket->flush();
    QTimer::singleShot(1, socket, [guard, bytes, from] {
        if (guard)
            dribble(guard, bytes, from + 1);
    });
}

struct Outcome
{
    bool done = false;
    int heads = 0;
    int status = 0;
    HttpClientResponseHead head;
    QByteArray body;
    int pieces = 0;
    std::optional<HttpClientError> error;
    int callbacksAfterDone = 0;
};

HttpClientHandlers collect(const std::shared_ptr<Outcome> &o)
{
    HttpClientHandlers h;
    h.head = [o](const HttpClientResponseHead &head) {
        if (o->done)
            ++o->callbacksAfterDone;
        ++o->heads;
        o->status = head.status;
        o->head = head;
    };
    h.data = [o](const QByteArray &bytes) {
        if (o->done)
            ++o->callbacksAfterDone;
        o->body += bytes;
        ++o->pieces;
    };
    h.done = [o](const HttpClientError *error) {
        if (o->done)
            ++o->callbacksAfterDone;
        o->done = true;
        if (error)
            o->error = *error;
    };
    return h;
}

HttpClientRequest get(quint16 port, const QByteArray &path = "/", const char *scheme = "http",
                      const char *host = "127.0.0.1")
{
    HttpClientRequest r;
    r.method = "GET";
    r.url = QUrl(QStringLiteral("%1://%2:%3%4")
                     .arg(QLatin1String(scheme), QLatin1String(host))
                     .arg(port)
                     .arg(QString::fromLatin1(path)));
    r.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer sk-secret")));
    return r;
}

const QByteArray kBody = "Hello, streamed world: 0123456789";

QByteArray lengthResponse()
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
           QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody;
}

QByteArray chunkedResponse()
{
    return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
           "7;ext=1\r\nHello, \r\n"
           "A\r\nstreamed w\r\n"
           "10\r\norld: 0123456789\r\n"
           "0\r\nX-Trailer: yes\r\n\r\n";
}
} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<Outcome> run(HttpClient &client, HttpClientRequest request, int timeoutMs = 5000)
    {
        auto o = std::make_shared<Outcome>();
        client.start(std::move(request), collect(o));
        QElapsedTimer t;
        t.start();
        while (!o->done && t.elapsed() < timeoutMs)
            QTest::qWait(2);
        return o;
    }

private Q_SLOTS:
    void requestFraming()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write(lengthResponse());
        };
        HttpClient client;
        HttpClientRequest request = get(port, "/v1/chat?x=1%202");
        request.method = "POST";
        request.body = R"({"a":1})";
        request.headers.append(
            qMakePair(QByteArray("Content-Length"), QByteArray("999"))); // the client's own framing wins
        const auto o = run(client, request);
        QVERIFY(o->done);
        QVERIFY(!o->error);
        QCOMPARE(server.requests.size(), 1);
        const QByteArray raw = server.requests.first();
        QVERIFY(raw.startsWith("POST /v1/chat?x=1%202 HTTP/1.1\r\n"));
        QVERIFY(raw.contains(QByteArray("\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n")));
        QVERIFY(raw.contains("\r\nContent-Length: 7\r\n"));
        QVERIFY(!raw.contains("999"));
        QVERIFY(raw.contains("\r\nConnection: keep-alive\r\n"));
        QVERIFY(raw.contains("\r\nAuthorization: Bearer sk-secret\r\n"));
        QVERIFY(raw.endsWith("\r\n\r\n{\"a\":1}"));
        QCOMPARE(o->body, kBody);
        QCOMPARE(o->head.header("content-type"), QByteArray("text/plain"));
    }

    void contentLengthByteByByte()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            dribble(c.socket, lengthResponse());
        };
        HttpClient client;
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY(!o->error);
        QCOMPARE(o->status, 200);
        QCOMPARE(o->body, kBody);
        QVERIFY2(o->pieces > 10, "body bytes must be handed on as they arrive");
    }

    void chunkedByteByByte()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            dribble(c.socket, chunkedResponse());
        };
        HttpClient client;
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY2(!o->error, o->error ? qPrintable(o->error->message) : "");
        QCOMPARE(o->body, kBody);
        QVERIFY(o->pieces > 10);
        QCOMPARE(o->callbacksAfterDone, 0);
        // The trailer ended the response cleanly: the connection is kept for reuse.
        QCOMPARE(client.idleConnections(), 1);
    }

    void everySplitPoint_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("content-length") << lengthResponse();
        QTest::newRow("chunked") << chunkedResponse();
    }

    void everySplitPoint()
    {
        QFETCH(QByteArray, response);
        ScriptServer server;
        const quint16 port = server.start();
        int split = 1;
        server.onRequest = [&](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write(response.left(split));
            c.socket->flush();
            QPointer<QTcpSocket> socket = c.socket;
            QTimer::singleShot(3, [socket, rest = response.mid(split)] {
                if (socket)
                    socket->write(rest);
            });
        };
        HttpClient client;
        for (split = 1; split < response.size(); ++split) {
            const auto o = run(client, get(port));
            QVERIFY2(o->done && !o->error, qPrintable(QStringLiteral("split at %1").arg(split)));
            QCOMPARE(o->body, kBody);
        }
        // All on one kept-alive connection.
        QCOMPARE(server.connections.size(), 1);
    }

    void readUntilClose()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + kBody);
            c.socket->disconnectFromHost();
        };
        HttpClient client;
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY(!o->error);
        QCOMPARE(o->body, kBody);
        QCOMPARE(client.idleConnections(), 0);
    }

    void interimAndBodylessResponses()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &request) {
            if (request.startsWith("HEAD"))
                c.socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
            else if (request.contains("/204"))
                c.socket->write("HTTP/1.1 204 No Content\r\n\r\n");
            else if (request.contains("/304"))
                c.socket->write("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
            else
                c.socket->write(
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n" +
                    lengthResponse());
        };
        HttpClient client;
        auto o = run(client, get(port, "/interim"));
        QVERIFY(o->done && !o->error);
        QCOMPARE(o->heads, 1);
        QCOMPARE(o->status, 200);
        QCOMPARE(o->body, kBody);
        HttpClientRequest head = get(port);
        head.method = "HEAD";
        for (const HttpClientRequest &r :
             {head, get(port, "/204"), get(port, "/304"), get(port, "/interim")}) {
            o = run(client, r);
            QVERIFY(o->done && !o->error);
            QVERIFY(r.url.path() == QLatin1String("/interim") ? o->body == kBody : o->body.isEmpty());
        }
        // No body was waited for, so everything went over the one connection.
        QCOMPARE(server.connections.size(), 1);
    }

    void malformedResponses_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("status line") << QByteArray("HTTX/1.1 200 OK\r\n\r\n");
        QTest::newRow("chunk size") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        QTest::newRow("chunk end") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY");
        QTest::newRow("lengths") << QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab");
        QTest::newRow("huge head") << "HTTP/1.1 200 OK\r\nX: " + QByteArray(70 * 1024, 'a');
        QTest::newRow("cut body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nabc");
    }

    void malformedResponses()
    {
        QFETCH(QByteArray, response);
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [&](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write(response);
            if (response.endsWith("abc"))
                c.socket->disconnectFromHost();
        };
        HttpClient client;
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Protocol);
        QVERIFY(!o->error->message.contains(QLatin1String("sk-secret")));
    }

    void keepAliveReuse()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write(lengthResponse());
        };
        HttpClient client;
        QVERIFY(!run(client, get(port))->error);
        QCOMPARE(client.idleConnections(), 1);
        QVERIFY(!run(client, get(port))->error);
        QCOMPARE(server.connections.size(), 1);
        QCOMPARE(server.connections.first()->requests, 2);

        // Connection: close is honoured: the next call opens a new connection.
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        };
        QVERIFY(!run(client, get(port))->error);
        QCOMPARE(client.idleConnections(), 0);
        QVERIFY(!run(client, get(port))->error);
        QCOMPARE(server.connections.size(), 2);
    }

    void deadIdleConnectionIsRetriedOnce()
    {
        ScriptServer server;
        const quint16 port = server.start();
        // The first connection answers one request, then dies on the next one without a byte.
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            if (c.index == 0 && c.requests == 2) {
                c.socket->abort();
                return;
            }
            c.socket->write(lengthResponse());
        };
        HttpClient client;
        QVERIFY(!run(client, get(port))->error);
        QCOMPARE(client.idleConnections(), 1);
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY2(!o->error, o->error ? qPrintable(o->error->message) : "");
        QCOMPARE(o->body, kBody);
        QCOMPARE(server.connections.size(), 2);
        QCOMPARE(server.requests.size(), 3);
    }

    void noRetryOnceResponseBytesArrived()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            if (c.requests == 2) {
                c.socket->write("HTTP/1.1 200 OK\r\nContent-Le");
                c.socket->flush();
                QPointer<QTcpSocket> s = c.socket;
                QTimer::singleShot(20, [s] {
                    if (s)
                        s->abort();
                });
                return;
            }
            c.socket->write(lengthResponse());
        };
        HttpClient client;
        QVERIFY(!run(client, get(port))->error);
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Protocol);
        QCOMPARE(server.requests.size(), 2);
    }

    // Request number 7 (and 50) must not wait behind the first six: every call gets its own
    // connection at once.
    void fiftyConcurrentCallsAllInFlight()
    {
        ScriptServer server;
        const quint16 port = server.start();
        QList<QPointer<QTcpSocket>> held;
        server.onRequest = [&](ScriptServer::Connection &c, const QByteArray &) {
            held.append(c.socket);
            if (held.size() == 50) {
                for (const auto &s : held) {
                    if (s)
                        s->write(lengthResponse());
                }
            }
        };
        HttpClient client;
        QList<std::shared_ptr<Outcome>> outcomes;
        for (int i = 0; i < 50; ++i) {
            outcomes.append(std::make_shared<Outcome>());
            client.start(get(port), collect(outcomes.last()));
        }
        QCOMPARE(client.callsInFlight(), 50);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(outcomes.begin(), outcomes.end(), [](auto &o) { return o->done; }), 10000);
        for (const auto &o : outcomes) {
            QVERIFY(!o->error);
            QCOMPARE(o->body, kBody);
        }
        QCOMPARE(server.connections.size(), 50);
        QCOMPARE(client.callsInFlight(), 0);
        QCOMPARE(client.idleConnections(), 16); // the default idle cap per host
    }

    void perHostCapQueuesInOrder()
    {
        ScriptServer server;
        const quint16 port = server.start();
        int maxPending = 0;
        int pending = 0;
        server.onRequest = [&](ScriptServer::Connection &c, const QByteArray &request) {
            maxPending = qMax(maxPending, ++pending);
            QPointer<QTcpSocket> s = c.socket;
            const QByteArray path = request.mid(4, request.indexOf(" HTTP") - 4);
            QTimer::singleShot(10, [&pending, s, path] {
                --pending;
                if (s)
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(path.size()) +
                             "\r\n\r\n" + path);
            });
        };
        HttpClient client;
        client.setMaxConnectionsPerHost(2);
        QList<QByteArray> order;
        int done = 0;
        for (int i = 0; i < 6; ++i) {
            HttpClientHandlers h;
            h.data = [&order](const QByteArray &b) { order.append(b); };
            h.done = [&done](const HttpClientError *e) {
                QVERIFY(!e);
                ++done;
            };
            client.start(get(port, "/" + QByteArray::number(i)), h);
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 6, 10000);
        QCOMPARE(maxPending, 2);
        QVERIFY(server.connections.size() <= 2);
        // FIFO: requests reached the server in the order they were started.
        for (int i = 0; i < 6; ++i)
            QVERIFY(server.requests[i].startsWith(QByteArray("GET /" + QByteArray::number(i) + " ")));
    }

    void headTimeout()
    {
        ScriptServer server;
        const quint16 port = server.start(); // never answers
        HttpClient client;
        HttpClientRequest r = get(port);
        r.headTimeoutMs = 200;
        const auto o = run(client, r);
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Timeout);
        QCOMPARE(o->heads, 0);
        QTRY_COMPARE(server.closed, 1);
    }

    void idleTimeout()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"); // then silence
        };
        HttpClient client;
        HttpClientRequest r = get(port);
        r.idleTimeoutMs = 200;
        const auto o = run(client, r);
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Timeout);
        QCOMPARE(o->heads, 1);
        QCOMPARE(o->body, QByteArray("abc"));
    }

    void connectTimeout()
    {
        // A TCP server that never speaks TLS: the handshake (part of connecting) never completes.
        ScriptServer server;
        const quint16 port = server.start();
        HttpClient client;
        HttpClientRequest r = get(port, "/", "https");
        r.connectTimeoutMs = 200;
        const auto o = run(client, r);
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Timeout);
    }

    void connectRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            port = probe.serverPort();
        }
        HttpClient client;
        const auto o = run(client, get(port));
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Connect);
    }

    void abortRunsNoCallback()
    {
        ScriptServer server;
        const quint16 port = server.start();
        bool answer = false;
        server.onRequest = [&](ScriptServer::Connection &, const QByteArray &) { answer = true; };
        HttpClient client;
        auto o = std::make_shared<Outcome>();
        const HttpClient::CallId id = client.start(get(port), collect(o));
        QTRY_VERIFY(answer);
        client.abort(id);
        QCOMPARE(client.callsInFlight(), 0);
        QTRY_COMPARE(server.closed, 1);
        // Even if the server answers now, nothing reaches the handlers.
        for (const auto &c : server.connections) {
            if (c->socket)
                c->socket->write(lengthResponse());
        }
        QTest::qWait(100);
        QVERIFY(!o->done);
        QCOMPARE(o->heads, 0);
        QCOMPARE(client.idleConnections(), 0);

        // Aborting from inside the data handler stops the call too.
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            dribble(c.socket, lengthResponse());
        };
        auto o2 = std::make_shared<Outcome>();
        HttpClientHandlers h = collect(o2);
        HttpClient::CallId id2 = 0;
        h.data = [&, o2](const QByteArray &b) {
            o2->body += b;
            client.abort(id2);
        };
        id2 = client.start(get(port), h);
        QTRY_VERIFY(!o2->body.isEmpty());
        QTest::qWait(150);
        QCOMPARE(o2->body.size(), 1);
        QVERIFY(!o2->done);
    }

    void destructionWithCallsInFlight()
    {
        ScriptServer server;
        const quint16 port = server.start();
        int seen = 0;
        server.onRequest = [&](ScriptServer::Connection &, const QByteArray &) { ++seen; };
        auto client = std::make_unique<HttpClient>();
        QList<std::shared_ptr<Outcome>> outcomes;
        for (int i = 0; i < 3; ++i) {
            outcomes.append(std::make_shared<Outcome>());
            client->start(get(port), collect(outcomes.last()));
        }
        QTRY_COMPARE(seen, 3);
        client.reset();
        QTRY_COMPARE(server.closed, 3);
        QTest::qWait(50);
        for (const auto &o : outcomes)
            QVERIFY(!o->done);

        // Destroying the client from inside a callback is safe too.
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            dribble(c.socket, lengthResponse());
        };
        client = std::make_unique<HttpClient>();
        HttpClientHandlers h;
        int pieces = 0;
        h.data = [&](const QByteArray &) {
            ++pieces;
            client.reset();
        };
        client->start(get(port), h);
        QTRY_COMPARE(pieces, 1);
        QTest::qWait(100);
        QCOMPARE(pieces, 1);
    }

    void connectAddress()
    {
        ScriptServer server;
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write(lengthResponse());
        };
        HttpClient client;
        // A name that never resolves: the pinned address is used, the Host header keeps the name.
        HttpClientRequest pinned = get(port, "/", "http", "pinned.invalid");
        pinned.connectAddress = QHostAddress(QHostAddress::LocalHost);
        auto o = run(client, pinned);
        QVERIFY2(!o->error, o->error ? qPrintable(o->error->message) : "");
        QVERIFY(server.requests.first().contains(
            QByteArray("\r\nHost: pinned.invalid:" + QByteArray::number(port) + "\r\n")));
        QVERIFY(!run(client, pinned)->error);
        QCOMPARE(server.connections.size(), 1); // pooled under name and address
        // The same host:port without the pin is another pool entry.
        QVERIFY(!run(client, get(port))->error);
        QCOMPARE(server.connections.size(), 2);

        if (!QSslSocket::supportsSsl())
            return;
        CertificateGenerator::Result trusted;
        QString error;
        QVERIFY2(CertificateGenerator::generate({}, &trusted, &error), qPrintable(error));
        ScriptServer tlsServer;
        tlsServer.certificate = QSslCertificate(trusted.certificatePem);
        tlsServer.key = QSslKey(trusted.privateKeyPem, QSsl::Ec, QSsl::Pem);
        const quint16 tlsPort = tlsServer.start();
        tlsServer.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            c.socket->write(lengthResponse());
        };
        HttpClient tlsClient;
        tlsClient.addCaCertificates(trusted.certificatePem);
        HttpClientRequest tlsPinned = get(tlsPort, "/", "https", "localhost");
        tlsPinned.connectAddress = QHostAddress(QHostAddress::LocalHost);
        o = run(tlsClient, tlsPinned);
        QVERIFY2(!o->error, o->error ? qPrintable(o->error->message) : "");
        // The certificate is still checked against the URL's name, not the address.
        HttpClientRequest wrongName = get(tlsPort, "/", "https", "other.example");
        wrongName.connectAddress = QHostAddress(QHostAddress::LocalHost);
        o = run(tlsClient, wrongName);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Tls);
    }

    void https()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("No TLS backend");
        CertificateGenerator::Result trusted;
        QString error;
        QVERIFY2(CertificateGenerator::generate({}, &trusted, &error), qPrintable(error));
        ScriptServer server;
        server.certificate = QSslCertificate(trusted.certificatePem);
        server.key = QSslKey(trusted.privateKeyPem, QSsl::Ec, QSsl::Pem);
        QVERIFY(!server.key.isNull());
        const quint16 port = server.start();
        server.onRequest = [](ScriptServer::Connection &c, const QByteArray &) {
            dribble(c.socket, chunkedResponse());
        };

        HttpClient client;
        client.addCaCertificates(trusted.certificatePem);
        for (const char *host : {"localhost", "127.0.0.1"}) {
            const auto o = run(client, get(port, "/", "https", host));
            QVERIFY(o->done);
            QVERIFY2(!o->error, o->error ? qPrintable(o->error->message) : "");
            QCOMPARE(o->body, kBody);
        }
        QVERIFY(server.requests.first().contains(
            QByteArray("\r\nHost: localhost:" + QByteArray::number(port) + "\r\n")));
        // Kept alive over TLS as well.
        QVERIFY(!run(client, get(port, "/", "https", "localhost"))->error);
        QCOMPARE(server.connections.size(), 2);

        // Not trusted: a client without the CA refuses the server.
        HttpClient stranger;
        auto o = run(stranger, get(port, "/", "https", "localhost"));
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Tls);

        // Trusted, but issued for another name.
        CertificateGenerator::Result other;
        CertificateGenerator::Options options;
        options.hosts = {QStringLiteral("other.example")};
        QVERIFY(CertificateGenerator::generate(options, &other, &error));
        ScriptServer impostor;
        impostor.certificate = QSslCertificate(other.certificatePem);
        impostor.key = QSslKey(other.privateKeyPem, QSsl::Ec, QSsl::Pem);
        const quint16 impostorPort = impostor.start();
        HttpClient client2;
        client2.addCaCertificates(other.certificatePem);
        o = run(client2, get(impostorPort, "/", "https", "localhost"));
        QVERIFY(o->done);
        QVERIFY(o->error);
        QCOMPARE(o->error->kind, HttpClientError::Tls);
        QCOMPARE(impostor.requests.size(), 0);
    }
};

GATEHOUSE_TEST_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
