#include <memory>

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "TestMain.h"
#include "http/HttpClient.h"
#include "http/HttpServer.h"
#include "http/Responder.h"
#include "http/ResponseStream.h"

using namespace gatehouse;

// Streamed responses through HttpServer/HttpConnection: chunked framing, chunks sent as they are
// produced, keep-alive and pipelining after the stream, HEAD, and cancellation on disconnect.
class TestResponseStream : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpServer> m_server;
    QList<std::shared_ptr<ResponseStream>> m_streams;
    int m_cancelled = 0;

    // A producer like an LLM service: some bytes before the connection attaches, then one chunk
    // per tick until `count` chunks (0 = until cancelled), then end().
    void produce(const Responder &responder, int count, int intervalMs)
    {
        auto stream = std::make_shared<ResponseStream>();
        m_streams.append(stream);
        auto *timer = new QTimer(this);
        connect(stream.get(), &ResponseStream::cancelled, this, [this, timer] {
            ++m_cancelled;
            timer->deleteLater();
        });
        stream->write("early;");
        auto sent = std::make_shared<int>(0);
        connect(timer, &QTimer::timeout, this, [stream, timer, sent, count] {
            if (count > 0 && *sent == count) {
                stream->end();
                timer->deleteLater();
                return;
            }
            stream->write("chunk-" + QByteArray::number((*sent)++) + ';');
        });
        timer->start(intervalMs);
        HttpResponse response;
        response.contentType = "text/event-stream";
        response.stream = stream;
        responder.send(std::move(response));
    }

    static QByteArray dechunk(const QByteArray &body, bool *complete, qsizetype *consumed)
    {
        QByteArray out;
        qsizetype pos = 0;
        *complete = false;
        for (;;) {
            const qsizetype eol = body.indexOf("\r\n", pos);
            if (eol < 0)
                break;
            bool ok = false;
            const qint64 size = body.mid(pos, eol - pos).toLongLong(&ok, 16);
            if (!ok || body.size() < eol + 2 + size + 2)
                break;
            if (body.mid(eol + 2 + size, 2) != "\r\n")
                break;
            out += body.mid(eol + 2, size);
            pos = eol + 2 + size + 2;
            if (size == 0) {
                *complete = true;
                break;
            }
        }
        *consumed = pos;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_streams.clear();
        m_cancelled = 0;
        HttpLimits limits;
        // Far shorter than the streams below: a producing stream must outlive the timers.
        limits.headerTimeoutMs = 100;
        limits.idleTimeoutMs = 100;
        m_server =
            std::make_unique<HttpServer>(limits, [this](HttpRequest &&request, const Responder &responder) {
                if (request.path == QLatin1String("/stream")) {
                    produce(responder, 5, 60);
                } else if (request.path == QLatin1String("/late")) {
                    // Answers after the client has gone: the Responder is stale by then.
                    QTimer::singleShot(150, this, [this, responder] { produce(responder, 0, 20); });
                } else if (request.path == QLatin1String("/forever")) {
                    produce(responder, 0, 20);
                } else {
                    HttpResponse response;
                    response.contentType = "text/plain";
                    response.body = "plain";
                    responder.send(response);
                }
            });
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }

    void chunksFlowBeforeEndThenPipelinedRequest()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        socket.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        // The first chunks arrive while the producer is still producing.
        QTRY_VERIFY((answer += socket.readAll()).contains("chunk-0;"));
        QCOMPARE(m_streams.size(), 1);
        QVERIFY(!m_streams.first()->isEnded());
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).endsWith("plain"), 5000);

        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        const QByteArray head = answer.left(headEnd + 2);
        QVERIFY(head.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(head.contains("\r\nTransfer-Encoding: chunked\r\n"));
        QVERIFY(!head.contains("Content-Length"));
        QVERIFY(head.contains("\r\nContent-Type: text/event-stream\r\n"));
        QVERIFY(head.contains("\r\nConnection: keep-alive\r\n"));
        bool complete = false;
        qsizetype consumed = 0;
        const QByteArray body = dechunk(answer.mid(headEnd + 4), &complete, &consumed);
        QVERIFY(complete);
        QCOMPARE(body, QByteArray("early;chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;"));
        // The pipelined request was answered after the terminating chunk, on the same connection.
        const QByteArray second = answer.mid(headEnd + 4 + consumed);
        QVERIFY(second.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(second.contains("\r\nContent-Length: 5\r\n"));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(m_cancelled, 0);

        // And a later keep-alive request on the same connection streams again.
        answer.clear();
        socket.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).endsWith("0\r\n\r\n"), 5000);
        QVERIFY(answer.contains("chunk-4;"));
    }

    void clientDisconnectCancelsOnce()
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket->state() == QAbstractSocket::ConnectedState);
        socket->write("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += socket->readAll()).contains("chunk-1;"));
        QCOMPARE(m_streams.size(), 1);
        QSignalSpy cancelled(m_streams.first().get(), &ResponseStream::cancelled);
        socket->abort();
        socket.reset();
        QTRY_COMPARE(cancelled.count(), 1);
        QVERIFY(m_streams.first()->isCancelled());
        QTest::qWait(100);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(m_cancelled, 1);
    }

    void serverTornDownMidStreamCancels()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        socket.write("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += socket.readAll()).contains("chunk-0;"));
        const std::shared_ptr<ResponseStream> stream = m_streams.first();
        QSignalSpy cancelled(stream.get(), &ResponseStream::cancelled);
        m_server.reset(); // destroys the connection, which was still streaming
        QCOMPARE(cancelled.count(), 1);
        QTRY_VERIFY(socket.state() == QAbstractSocket::UnconnectedState);
        QCOMPARE(cancelled.count(), 1);
        // The connection and the cancelled producer let go of the stream: only ours is left.
        m_streams.clear();
        QTRY_COMPARE(stream.use_count(), 1L);
    }

    void staleResponderCancels()
    {
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
            socket.write("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
            QTest::qWait(50);
        }
        QTRY_COMPARE(m_streams.size(), 1);
        QVERIFY(m_streams.first()->isCancelled());
        QCOMPARE(m_cancelled, 1);
    }

    void headGetsHeadOnly()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        socket.write("HEAD /forever HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += socket.readAll()).endsWith("plain"));
        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        QVERIFY(answer.left(headEnd).contains("Transfer-Encoding: chunked"));
        QVERIFY(answer.mid(headEnd + 4).startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(!answer.contains("early;"));
        // Nobody reads the body, so the producer is told to stop.
        QCOMPARE(m_cancelled, 1);
    }

    void connectionClosedWhenClientAsksForIt()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        socket.write("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
        answer += socket.readAll();
        QVERIFY(answer.endsWith("chunk-4;\r\n0\r\n\r\n"));
        QCOMPARE(m_cancelled, 0);
    }

    // Our own upstream client reads the stream chunk by chunk, before the producer has ended.
    void httpClientSeesChunksAsTheyCome()
    {
        HttpClient client;
        HttpClientRequest request;
        request.method = "GET";
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/stream").arg(m_server->port()));
        QByteArray body;
        bool endedAtFirstPiece = true;
        int pieces = 0;
        bool done = false;
        HttpClientHandlers h;
        h.data = [&](const QByteArray &bytes) {
            if (pieces++ == 0)
                endedAtFirstPiece = m_streams.first()->isEnded();
            body += bytes;
        };
        h.done = [&](const HttpClientError *error) {
            QVERIFY(!error);
            done = true;
        };
        client.start(request, h);
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY(!endedAtFirstPiece);
        QVERIFY(pieces >= 5);
        QCOMPARE(body, QByteArray("early;chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;"));
        QCOMPARE(client.idleConnections(), 1);
    }

    void writesAfterEndOrCancelAreDropped()
    {
        ResponseStream stream;
        QSignalSpy data(&stream, &ResponseStream::dataAvailable);
        QSignalSpy cancelled(&stream, &ResponseStream::cancelled);
        stream.write("a");
        stream.write("bc");
        QCOMPARE(stream.bytesWritten(), 3);
        QCOMPARE(stream.takeBuffered(), QByteArray("abc"));
        QCOMPARE(stream.takeBuffered(), QByteArray());
        stream.cancel();
        stream.cancel();
        QCOMPARE(cancelled.count(), 1);
        stream.write("d");
        stream.end();
        QCOMPARE(stream.takeBuffered(), QByteArray());
        QCOMPARE(data.count(), 2);
        QVERIFY(!stream.isEnded());
    }
};

GATEHOUSE_TEST_MAIN(TestResponseStream)
#include "tst_responsestream.moc"
