#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "http/HttpServer.h"
#include "http/Responder.h"

using namespace gatehouse;

// Drives HttpServer over raw sockets, so framing, limits and ordering are tested exactly as a
// client sends them.
class TestHttp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpServer> m_server;
    QList<HttpRequest> m_seen;
    QList<Responder> m_pending;
    bool m_deferReplies = false;

    // The server runs on this thread, so the client must wait by spinning the event loop,
    // never with the blocking waitFor*() calls.
    QByteArray exchange(const QByteArray &raw, int expectedResponses = 1, int timeoutMs = 5000)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QByteArray answer;
        bool sent = false;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (!sent && socket.state() == QAbstractSocket::ConnectedState) {
                socket.write(raw);
                sent = true;
            }
            QTest::qWait(5);
            answer += socket.readAll();
            const qsizetype finals = answer.count("HTTP/1.1 ") - answer.count("HTTP/1.1 100");
            if (finals >= expectedResponses && (answer.endsWith("\r\n\r\n") || !answer.endsWith("\r\n"))) {
                QTest::qWait(20);
                answer += socket.readAll();
                break;
            }
            if (sent && socket.state() == QAbstractSocket::UnconnectedState)
                break;
        }
        return answer;
    }

private Q_SLOTS:
    void init()
    {
        m_seen.clear();
        m_pending.clear();
        m_deferReplies = false;
        HttpLimits limits;
        limits.maxBodyBytes = 1024;
        limits.maxHeaderBytes = 2048;
        limits.headerTimeoutMs = 500;
        m_server =
            std::make_unique<HttpServer>(limits, [this](HttpRequest &&request, const Responder &responder) {
                m_seen.append(request);
                HttpResponse response;
                response.contentType = "text/plain";
                response.body = request.method + ' ' + request.path.toUtf8() + " body=" + request.body;
                if (m_deferReplies) {
                    m_pending.append(responder);
                    QTimer::singleShot(50, [responder, response] { responder.send(response); });
                    return;
                }
                responder.send(response);
            });
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }

    void simpleGetAndQueryDecoding()
    {
        const QByteArray answer =
            exchange("GET /a%20b?x=1&y=hello+world&z=%27q%27 HTTP/1.1\r\nHost: t\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QVERIFY(answer.contains("Content-Length: 14\r\n"));
        QVERIFY(answer.endsWith("GET /a b body="));
        QCOMPARE(m_seen.size(), 1);
        QCOMPARE(m_seen[0].queryValue(QStringLiteral("y")), QStringLiteral("hello world"));
        QCOMPARE(m_seen[0].queryValue(QStringLiteral("z")), QStringLiteral("'q'"));
        QCOMPARE(m_seen[0].header("host"), QByteArray("t"));
    }

    void contentLengthBody()
    {
        const QByteArray answer = exchange("POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
        QVERIFY2(answer.endsWith("POST /p body=hello"), answer.constData());
    }

    void chunkedBody()
    {
        const QByteArray answer = exchange(
            "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");
        QVERIFY2(answer.endsWith("POST /c body=abcdefg"), answer.constData());
    }

    void pipelinedRequestsAnsweredInOrder()
    {
        m_deferReplies = true;
        const QByteArray answer =
            exchange("GET /one HTTP/1.1\r\n\r\nGET /two HTTP/1.1\r\n\r\nGET /three HTTP/1.1\r\n\r\n", 3);
        const qsizetype one = answer.indexOf("GET /one"), two = answer.indexOf("GET /two"),
                        three = answer.indexOf("GET /three");
        QVERIFY2(one >= 0 && two > one && three > two, answer.constData());
    }

    void keepAliveAndClose()
    {
        const QByteArray answer = exchange("GET /1 HTTP/1.1\r\nConnection: close\r\n\r\n");
        QVERIFY(answer.contains("Connection: close\r\n"));
        const QByteArray answer10 = exchange("GET /1 HTTP/1.0\r\n\r\n");
        QVERIFY(answer10.contains("Connection: close\r\n"));
    }

    void headHasNoBody()
    {
        const QByteArray answer = exchange("HEAD /h HTTP/1.1\r\n\r\n");
        // The length of the body a GET would have had ("HEAD /h body="), but no body.
        QVERIFY(answer.contains("Content-Length: 13\r\n"));
        QVERIFY2(answer.endsWith("\r\n\r\n"), answer.constData());
    }

    void oversizedBodyIsRefusedBeforeReading()
    {
        const QByteArray answer = exchange("POST /big HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("\"status_code\":413"));
        QVERIFY(m_seen.isEmpty());
    }

    void oversizedChunkedBody()
    {
        const QByteArray answer = exchange("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                                           QByteArray(2048, 'x') + "\r\n0\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(m_seen.isEmpty());
    }

    void expectContinue()
    {
        const QByteArray answer =
            exchange("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
        QVERIFY2(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200"), answer.constData());
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("absolute form") << QByteArray("GET http://evil/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("smuggling CL+TE")
            << QByteArray(
                   "POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("conflicting CL")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
        QTest::newRow("negative CL") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("gzip TE") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("bad chunk size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nbroken\r\n\r\n") << 400;
        QTest::newRow("huge headers")
            << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(4096, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("NUL in path") << QByteArray("GET /a%00b HTTP/1.1\r\n\r\n") << 400;
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        const QByteArray answer = exchange(raw);
        const QByteArray expected = "HTTP/1.1 " + QByteArray::number(status);
        QVERIFY2(answer.startsWith(expected), answer.constData());
        QVERIFY2(answer.contains("\"error\":{"), answer.constData());
        QVERIFY(m_seen.isEmpty());
    }

    void stalledClientGets408()
    {
        const QByteArray answer = exchange("POST /slow HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", 1, 3000);
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
    }

    void replyAfterClientLeftIsHarmless()
    {
        m_deferReplies = true;
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
            socket.write("GET /gone HTTP/1.1\r\n\r\n");
            QTRY_COMPARE(m_seen.size(), 1);
            socket.abort();
        }
        // The deferred reply fires after the connection object is gone; nothing may crash.
        QTest::qWait(200);
        QCOMPARE(m_pending.size(), 1);
        QVERIFY(!m_pending[0].isConnected());
        m_pending[0].send(HttpResponse());
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
