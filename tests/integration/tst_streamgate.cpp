#include <memory>

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "Engine.h"
#include "TestMain.h"
#include "TestServer.h"
#include "http/ResponseStream.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

// A service that answers with a stream, as the AI service does: a few bytes before the
// response leaves, then one chunk per tick, then end() (or until cancelled for "forever").
class StreamingService : public Service
{
public:
    explicit StreamingService(ServiceInfo info)
        : Service(std::move(info))
    {
    }

    QList<std::shared_ptr<ResponseStream>> streams;
    int cancelled = 0;

    QStringList accessComponents() const override { return {QStringLiteral("*")}; }

    void handle(std::shared_ptr<const RequestContext> context, Completion done) override
    {
        const bool endless = context->request.path.endsWith(QLatin1String("/forever"));
        auto stream = std::make_shared<ResponseStream>();
        streams.append(stream);
        auto *timer = new QTimer;
        QObject::connect(stream.get(), &ResponseStream::cancelled, timer, [this, timer] {
            ++cancelled;
            timer->deleteLater();
        });
        stream->write("data: early\n\n");
        auto sent = std::make_shared<int>(0);
        QObject::connect(timer, &QTimer::timeout, timer, [stream, timer, sent, endless] {
            if (!endless && *sent == 4) {
                stream->end();
                timer->deleteLater();
                return;
            }
            stream->write("data: " + QByteArray::number((*sent)++) + "\n\n");
        });
        timer->start(40);
        HttpResponse response;
        response.contentType = "text/event-stream";
        response.stream = stream;
        done(std::move(response));
    }
};

QByteArray dechunk(const QByteArray &body, bool *complete, qsizetype *consumed)
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
        if (!ok || body.size() < eol + 2 + size + 2 || body.mid(eol + 2 + size, 2) != "\r\n")
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
} // namespace

// Streamed responses through the whole engine: the gate's finish stage (headers, audit) and the
// connection's chunked writer.
class TestStreamGate : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::shared_ptr<StreamingService> m_service;

    QByteArray get(const QByteArray &path)
    {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-DreamFactory-Session-Token: " +
               m_server->adminToken().toLatin1() + "\r\n\r\n";
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        ServiceInfo info;
        info.id = 990001;
        info.name = QStringLiteral("streamtest");
        info.label = QStringLiteral("Stream test");
        info.type = QStringLiteral("streamtest");
        m_service = std::make_shared<StreamingService>(info);
        m_server->engine().services().mountBuiltIn(m_service);
        QVERIFY(!m_server->adminToken().isEmpty());
    }

    void cleanupTestCase() { m_server.reset(); }

    void streamThroughTheGate()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        socket.write(get("/api/v2/streamtest/go") + get("/api/v2/streamtest/go"));
        QByteArray answer;
        QTRY_VERIFY((answer += socket.readAll()).contains("data: 0\n\n"));
        const int first = int(m_service->streams.size()) - 1;
        QVERIFY(first >= 0);
        QVERIFY(!m_service->streams[first]->isEnded());
        // The pipelined second request is answered after the first stream's last chunk.
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).count("0\r\n\r\n") == 2, 5000);

        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        const QByteArray head = answer.left(headEnd + 2).toLower();
        QVERIFY(head.startsWith("http/1.1 200 ok\r\n"));
        QVERIFY(head.contains("\r\ntransfer-encoding: chunked\r\n"));
        QVERIFY(!head.contains("content-length"));
        // The gate's finish stage ran: request id and security headers.
        QVERIFY(head.contains("\r\nx-request-id: "));
        QVERIFY(head.contains("\r\nx-content-type-options: nosniff\r\n"));
        bool complete = false;
        qsizetype consumed = 0;
        const QByteArray body = dechunk(answer.mid(headEnd + 4), &complete, &consumed);
        QVERIFY(complete);
        QCOMPARE(body, QByteArray("data: early\n\ndata: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n"));
        QVERIFY(answer.mid(headEnd + 4 + consumed).startsWith("HTTP/1.1 200 OK\r\n"));
        QCOMPARE(m_service->cancelled, 0);

        // The audit record: one per request, bytes_out = what was written before the head left.
        qsizetype idAt = head.indexOf("\r\nx-request-id: ") + 16;
        const QString requestId =
            QString::fromLatin1(answer.mid(idAt, answer.indexOf("\r\n", idAt) - idAt).trimmed());
        QVERIFY(m_server->flushAudit());
        const TestResponse records =
            m_server->admin("GET", QStringLiteral("/api/v2/system/audit?fields=*&filter=") +
                                       QString::fromLatin1(QUrl::toPercentEncoding(
                                           QStringLiteral("request_id = '%1'").arg(requestId))));
        QVERIFY2(records.status == 200, records.describe().constData());
        QCOMPARE(int(records.json["resource"].size()), 1);
        QCOMPARE(records.json["resource"][0]["status"].get<int>(), 200);
        QCOMPARE(records.json["resource"][0]["bytes_out"].get<qint64>(),
                 qint64(QByteArray("data: early\n\n").size()));
    }

    void clientDisconnectCancels()
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_server->port());
        QTRY_VERIFY(socket->state() == QAbstractSocket::ConnectedState);
        socket->write(get("/api/v2/streamtest/forever"));
        QByteArray answer;
        QTRY_VERIFY((answer += socket->readAll()).contains("data: 1\n\n"));
        const auto stream = m_service->streams.last();
        QSignalSpy cancelled(stream.get(), &ResponseStream::cancelled);
        const int before = m_service->cancelled;
        socket->abort();
        socket.reset();
        QTRY_COMPARE(cancelled.count(), 1);
        QTest::qWait(100);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(m_service->cancelled, before + 1);
    }
};

GATEHOUSE_TEST_MAIN(TestStreamGate)
#include "tst_streamgate.moc"
