// Remote HTTP services (`rws`) through the whole engine, against an in-process upstream: verbs,
// query and body forwarding, parameter and header injection with a private lookup (never in
// audit, logs or output), egress refusals of base URLs and redirects, timeouts, SSE streaming
// chunk by chunk, the GET cache, RBAC, rate limits and audit.
#include <memory>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "TestMain.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

const QString kSecret = QStringLiteral("s3cr3t-upstream-token-7781");

struct UpstreamRequest
{
    QByteArray method;
    QByteArray target;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// A small HTTP/1.1 server: frames requests (head plus Content-Length body) and answers by path.
// /echo...: 200 with the request as JSON; /status/<n>: that status with a text body;
// /redirect?to=<url>: 302; /see-other: 303 to /echo; /loop: 302 to itself; /hang: never
// answers; /sse: an event stream whose second event waits for releaseStream(); /count: a
// counter (how often it was called).
class Upstream : public QTcpServer
{
public:
    QList<UpstreamRequest> requests;
    QPointer<QTcpSocket> sse;
    int sseClosed = 0;
    int counter = 0;

    void releaseStream()
    {
        if (!sse)
            return;
        sse->write(chunk("data: two\n\n"));
        sse->write("0\r\n\r\n");
        sse->flush();
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            while (true) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                UpstreamRequest request;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                request.method = first.value(0);
                request.target = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                               lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = request.headers.value("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return;
                request.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                requests.append(request);
                answer(socket, request);
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
            if (socket == sse)
                ++sseClosed;
            socket->deleteLater();
        });
    }

private:
    static QByteArray chunk(const QByteArray &data)
    {
        return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
    }

    static void reply(QTcpSocket *socket, int status, const QByteArray &type, const QByteArray &body,
                      const QByteArray &extra = {})
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" +
                      body);
        socket->flush();
    }

    void answer(QTcpSocket *socket, const UpstreamRequest &request)
    {
        const QUrl url(QString::fromLatin1("http://upstream" + request.target));
        const QString path = url.path();
        if (path.startsWith(QLatin1String("/echo"))) {
            Json headers = Json::object();
            for (auto it = request.headers.begin(); it != request.headers.end(); ++it)
                headers[it.key().toStdString()] = it.value().toStdString();
            const Json body{{"method", request.method.toStdString()},
                            {"target", request.target.toStdString()},
                            {"headers", headers},
                            {"body", request.body.toStdString()}};
            reply(socket, 200, "application/json", dumpJson(body),
                  "Set-Cookie: upstream=1\r\nX-Upstream: yes\r\n");
        } else if (path.startsWith(QLatin1String("/status/"))) {
            reply(socket, path.mid(8).toInt(), "text/plain", "upstream says no");
        } else if (path == QLatin1String("/redirect")) {
            const QString to = QUrl::fromPercentEncoding(url.query(QUrl::FullyEncoded).mid(3).toLatin1());
            reply(socket, 302, "text/plain", "", "Location: " + to.toUtf8() + "\r\n");
        } else if (path == QLatin1String("/see-other")) {
            reply(socket, 303, "text/plain", "", "Location: /echo/after\r\n");
        } else if (path == QLatin1String("/nocontent")) {
            socket->write("HTTP/1.1 204 No Content\r\n\r\n");
        } else if (path == QLatin1String("/temporary")) {
            reply(socket, 307, "text/plain", "", "Location: /echo/kept\r\n");
        } else if (path == QLatin1String("/loop")) {
            reply(socket, 302, "text/plain", "", "Location: /loop\r\n");
        } else if (path == QLatin1String("/count")) {
            ++counter;
            reply(socket, 200, "text/plain", QByteArray::number(counter));
        } else if (path == QLatin1String("/sse")) {
            sse = socket;
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            socket->write(chunk("data: one\n\n"));
            socket->flush();
        } else if (path == QLatin1String("/hang")) {
            // never answers
        } else {
            reply(socket, 404, "text/plain", "no such upstream path");
        }
    }
};
} // namespace

class TestRws : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    Upstream m_upstream;
    Upstream m_other; // a second loopback server no service allows
    std::ostringstream m_log;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;
    qint64 m_rwsId = 0;
    QString m_base;

    QString url(const QString &path) const { return QStringLiteral("/api/v2/rws") + path; }

    qint64 createRws(const QString &name, Json config)
    {
        const TestResponse r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource", {{{"name", name}, {"label", name}, {"type", "rws"}, {"config", config}}}}});
        if (r.status != 201) {
            qWarning("service not created: %s", r.describe().constData());
            return 0;
        }
        return r.json["resource"][0]["id"].get<qint64>();
    }

    Json baseConfig() const
    {
        const QString allowed = QStringLiteral("127.0.0.1:%1").arg(m_upstream.serverPort());
        return Json{{"base_url", m_base}, {"allowed_hosts", Json::array({allowed.toStdString()})}};
    }

    TestResponse asAdmin(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         Headers headers = {})
    {
        headers.append({"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()});
        return m_server->rawRequest(method, path, body, headers);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_upstream.listen(QHostAddress::LocalHost));
        QVERIFY(m_other.listen(QHostAddress::LocalHost));
        m_base = QStringLiteral("http://127.0.0.1:%1/echo").arg(m_upstream.serverPort());
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // Every log line of the engine, at every level, for the no-secret checks.
        m_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_log);
        m_sink->set_level(spdlog::level::trace);
        spdlog::default_logger()->sinks().push_back(m_sink);
        spdlog::set_level(spdlog::level::trace);

        const TestResponse lookup = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/lookup"),
            Json{{"resource",
                  {{{"name", "upstream_token"}, {"value", kSecret.toStdString()}, {"private", true}}}}});
        QVERIFY2(lookup.status == 201, lookup.describe().constData());

        Json config = baseConfig();
        config["parameters"] = Json::array({{{"name", "key"}, {"value", "{upstream_token}"}, {"action", 0}},
                                            {{"name", "only_post"}, {"value", "p"}, {"action", 2}},
                                            {{"name", "drop_me"}, {"exclude", true}}});
        config["headers"] = Json::array({{{"name", "Authorization"}, {"value", "Bearer {upstream_token}"}},
                                         {{"name", "X-Caller"}, {"value", "user-{user.id}"}},
                                         {{"name", "X-Pass"}, {"pass_from_client", true}}});
        m_rwsId = createRws(QStringLiteral("rws"), config);
        QVERIFY(m_rwsId > 0);
    }

    void cleanupTestCase()
    {
        auto &sinks = spdlog::default_logger()->sinks();
        sinks.erase(std::remove(sinks.begin(), sinks.end(), m_sink), sinks.end());
        m_server.reset();
    }

    void schemaAndValidation()
    {
        const TestResponse types = m_server->admin("GET", QStringLiteral("/api/v2/system/service_type"));
        QVERIFY2(types.status == 200, types.describe().constData());
        bool found = false;
        for (const Json &type : types.json["resource"]) {
            if (type["name"] != "rws")
                continue;
            found = true;
            QCOMPARE(type["group"].get<QString>(), QStringLiteral("Remote Service"));
            QStringList keys;
            for (const Json &field : type["config_schema"])
                keys << field["name"].get<QString>();
            for (const char *key : {"base_url", "timeout", "connect_timeout", "allowed_hosts", "parameters",
                                    "headers", "cache_ttl", "max_redirects"})
                QVERIFY2(keys.contains(QLatin1String(key)), key);
        }
        QVERIFY(found);
        QCOMPARE(createRws(QStringLiteral("bad1"), Json{{"base_url", "ftp://example.com"}}), 0);
        QCOMPARE(
            createRws(QStringLiteral("bad2"), Json{{"base_url", "http://example.com"}, {"timeout", 301}}), 0);
        QCOMPARE(createRws(QStringLiteral("bad3"), Json{{"base_url", "http://example.com"},
                                                        {"allowed_hosts", Json::array({"bad host"})}}),
                 0);
        QCOMPARE(createRws(QStringLiteral("bad4"), Json{{"timeout", 5}}), 0);
    }

    void verbsQueryAndBody_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("GET") << QByteArray("GET");
        QTest::newRow("POST") << QByteArray("POST");
        QTest::newRow("PUT") << QByteArray("PUT");
        QTest::newRow("PATCH") << QByteArray("PATCH");
        QTest::newRow("DELETE") << QByteArray("DELETE");
    }
    void verbsQueryAndBody()
    {
        QFETCH(QByteArray, method);
        const QByteArray body = method == "GET" ? QByteArray() : QByteArray("{\"x\": 1}");
        const TestResponse r =
            asAdmin(method, url(QStringLiteral("/items/a%20b?tag=1&tag=2&drop_me=x&q=%C3%A9")), body,
                    {{"Content-Type", "application/json"}, {"X-Pass", "passed-through"}, {"X-Other", "no"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QCOMPARE(r.header("x-upstream"), QByteArray("yes"));
        QVERIFY(r.header("set-cookie").isEmpty());
        const Json &echo = r.json;
        QCOMPARE(echo["method"].get<QString>(), QString::fromLatin1(method));
        const QString target = echo["target"].get<QString>();
        QVERIFY2(target.startsWith(QLatin1String("/echo/items/a%20b?")), qPrintable(target));
        QVERIFY2(target.contains(QLatin1String("tag=1&tag=2")), qPrintable(target));
        QVERIFY2(target.contains(QLatin1String("q=%C3%A9")), qPrintable(target));
        QVERIFY2(!target.contains(QLatin1String("drop_me")), qPrintable(target));
        QVERIFY2(!target.contains(QLatin1String("api_key")), qPrintable(target));
        QCOMPARE(target.contains(QLatin1String("only_post=p")), method == "POST");
        QCOMPARE(echo["body"].get<std::string>(), body.toStdString());
        // The private lookup reached the upstream (query and header), and only the upstream.
        QVERIFY2(target.contains(QLatin1String("key=") + kSecret), qPrintable(target));
        const Json &headers = echo["headers"];
        QCOMPARE(headers["authorization"].get<QString>(), QStringLiteral("Bearer ") + kSecret);
        QCOMPARE(headers["x-pass"].get<QString>(), QStringLiteral("passed-through"));
        QVERIFY(!headers.contains("x-other"));
        QVERIFY(!headers.contains("x-dreamfactory-session-token"));
        QVERIFY(headers["x-caller"].get<QString>().startsWith(QLatin1String("user-")));
        QVERIFY(!headers["x-caller"].get<QString>().contains(QLatin1Char('{')));
        if (!body.isEmpty())
            QCOMPARE(headers["content-type"].get<QString>(), QStringLiteral("application/json"));
    }

    void rawBodiesPassThrough()
    {
        // Not JSON: forwarded byte for byte with the client's content type (other services
        // answer 415 to the same body).
        const QByteArray xml("<order id=\"7\">caf\xc3\xa9</order>");
        const TestResponse r =
            asAdmin("POST", url(QStringLiteral("/orders")), xml, {{"Content-Type", "application/xml"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["body"].get<std::string>(), xml.toStdString());
        QCOMPARE(r.json["headers"]["content-type"].get<QString>(), QStringLiteral("application/xml"));
        const TestResponse refused = asAdmin("POST", QStringLiteral("/api/v2/system/role"), xml,
                                             {{"Content-Type", "application/xml"}});
        QCOMPARE(refused.status, 415);
        // A body that claims to be JSON is still checked by the gate.
        const TestResponse malformed =
            asAdmin("POST", url(QStringLiteral("/orders")), "{nope", {{"Content-Type", "application/json"}});
        QCOMPARE(malformed.status, 400);
    }

    void secretNeverLeaks()
    {
        // In the API output only because the test upstream echoes it; the gateway itself never
        // shows it: not in the service's config, the audit trail or the log.
        const TestResponse service =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_rwsId));
        QVERIFY(!service.body.contains(kSecret.toUtf8()));
        QVERIFY(m_server->flushAudit());
        const TestResponse audit =
            m_server->admin("GET", QStringLiteral("/api/v2/system/audit?fields=*&limit=1000"));
        QVERIFY2(audit.status == 200, audit.describe().constData());
        QVERIFY(audit.body.contains("/rws/items") || audit.body.contains("rws"));
        QVERIFY(!audit.body.contains(kSecret.toUtf8()));
        QVERIFY(!QByteArray::fromStdString(m_log.str()).contains(kSecret.toUtf8()));
        QVERIFY(!QByteArray::fromStdString(m_log.str()).contains("Bearer"));
    }

    void errorStatusIsWrapped()
    {
        Json config = baseConfig();
        config["base_url"] = QStringLiteral("http://127.0.0.1:%1").arg(m_upstream.serverPort()).toStdString();
        QVERIFY(createRws(QStringLiteral("rwsroot"), config) > 0);
        const TestResponse notFound = asAdmin("GET", QStringLiteral("/api/v2/rwsroot/status/418"));
        QCOMPARE(notFound.status, 418);
        QCOMPARE(notFound.json["error"]["message"].get<QString>(), QStringLiteral("upstream says no"));
        // Redirects: relative and 303 (POST becomes GET without body) are followed.
        const TestResponse seeOther = asAdmin("POST", QStringLiteral("/api/v2/rwsroot/see-other"), "[1]",
                                              {{"Content-Type", "application/json"}});
        QVERIFY2(seeOther.status == 200, seeOther.describe().constData());
        QCOMPARE(seeOther.json["method"].get<QString>(), QStringLiteral("GET"));
        QCOMPARE(seeOther.json["target"].get<QString>(), QStringLiteral("/echo/after"));
        QCOMPARE(seeOther.json["body"].get<QString>(), QString());
        const TestResponse noContent = asAdmin("DELETE", QStringLiteral("/api/v2/rwsroot/nocontent"));
        QCOMPARE(noContent.status, 204);
        QVERIFY(noContent.body.isEmpty());
        // 307 keeps the verb and the body.
        const TestResponse temporary = asAdmin("POST", QStringLiteral("/api/v2/rwsroot/temporary"), "[2]",
                                               {{"Content-Type", "application/json"}});
        QVERIFY2(temporary.status == 200, temporary.describe().constData());
        QCOMPARE(temporary.json["method"].get<QString>(), QStringLiteral("POST"));
        QCOMPARE(temporary.json["target"].get<QString>(), QStringLiteral("/echo/kept"));
        QCOMPARE(temporary.json["body"].get<QString>(), QStringLiteral("[2]"));
        const TestResponse relative =
            asAdmin("GET", QStringLiteral("/api/v2/rwsroot/redirect?to=%2Fecho%2Fthere"));
        QVERIFY2(relative.status == 200, relative.describe().constData());
        QCOMPARE(relative.json["target"].get<QString>(), QStringLiteral("/echo/there"));
        const TestResponse loop = asAdmin("GET", QStringLiteral("/api/v2/rwsroot/loop"));
        QCOMPARE(loop.status, 502);
    }

    void egressRefusals()
    {
        // A base URL on loopback without an explicit entry.
        QVERIFY(createRws(QStringLiteral("rwsnoallow"),
                          Json{{"base_url", QStringLiteral("http://127.0.0.1:%1/echo")
                                                .arg(m_upstream.serverPort())
                                                .toStdString()}}) > 0);
        const int before = int(m_upstream.requests.size());
        TestResponse r = asAdmin("GET", QStringLiteral("/api/v2/rwsnoallow/x"));
        QCOMPARE(r.status, 403);
        QVERIFY2(r.json["error"]["message"].get<QString>().contains(QLatin1String("127.0.0.1")),
                 r.describe().constData());
        // "*" does not unlock loopback either.
        QVERIFY(
            createRws(
                QStringLiteral("rwsstar"),
                Json{{"base_url",
                      QStringLiteral("http://127.0.0.1:%1/echo").arg(m_upstream.serverPort()).toStdString()},
                     {"allowed_hosts", Json::array({"*"})}}) > 0);
        QCOMPARE(asAdmin("GET", QStringLiteral("/api/v2/rwsstar/x")).status, 403);
        QCOMPARE(int(m_upstream.requests.size()), before);

        // Redirects to another loopback port and to the metadata address are refused.
        const QString toOther = QString::fromLatin1(
            QUrl::toPercentEncoding(QStringLiteral("http://127.0.0.1:%1/echo").arg(m_other.serverPort())));
        r = asAdmin("GET", QStringLiteral("/api/v2/rwsroot/redirect?to=") + toOther);
        QCOMPARE(r.status, 403);
        QVERIFY(r.json["error"]["message"].get<QString>().contains(QString::number(m_other.serverPort())));
        r = asAdmin("GET", QStringLiteral("/api/v2/rwsroot/redirect?to=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(
                                   QStringLiteral("http://169.254.169.254/latest/meta-data/"))));
        QCOMPARE(r.status, 403);
        QVERIFY(r.json["error"]["message"].get<QString>().contains(QLatin1String("169.254.169.254")));
        QVERIFY(m_other.requests.isEmpty());
        // Allowed once listed.
        Json config = baseConfig();
        config["base_url"] = QStringLiteral("http://127.0.0.1:%1").arg(m_upstream.serverPort()).toStdString();
        config["allowed_hosts"].push_back(
            QStringLiteral("127.0.0.1:%1").arg(m_other.serverPort()).toStdString());
        config["headers"] = Json::array({{{"name", "Authorization"}, {"value", "Bearer {upstream_token}"}},
                                         {{"name", "X-Kept"}, {"value", "k"}}});
        QVERIFY(createRws(QStringLiteral("rwsboth"), config) > 0);
        r = asAdmin("GET", QStringLiteral("/api/v2/rwsboth/redirect?to=") + toOther);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(m_other.requests.size(), 1);
        // The first hop had the credentials; the other origin does not get them.
        QCOMPARE(m_upstream.requests.last().headers.value("authorization"), "Bearer " + kSecret.toUtf8());
        QVERIFY(!m_other.requests.first().headers.contains("authorization"));
        QCOMPARE(m_other.requests.first().headers.value("x-kept"), QByteArray("k"));
    }

    void upstreamTimeout()
    {
        Json config = baseConfig();
        config["base_url"] = QStringLiteral("http://127.0.0.1:%1").arg(m_upstream.serverPort()).toStdString();
        config["timeout"] = 1;
        QVERIFY(createRws(QStringLiteral("rwsslow"), config) > 0);
        const TestResponse r = asAdmin("GET", QStringLiteral("/api/v2/rwsslow/hang"));
        QCOMPARE(r.status, 504);
        // A closed port: 502.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QString entry = QStringLiteral("127.0.0.1:%1").arg(port);
        QVERIFY(createRws(QStringLiteral("rwsclosed"),
                          Json{{"base_url", QString(QStringLiteral("http://") + entry).toStdString()},
                               {"allowed_hosts", Json::array({entry.toStdString()})}}) > 0);
        QCOMPARE(asAdmin("GET", QStringLiteral("/api/v2/rwsclosed/x")).status, 502);
    }

    void sseStreamsChunkByChunk()
    {
        Json config = baseConfig();
        config["base_url"] = QStringLiteral("http://127.0.0.1:%1").arg(m_upstream.serverPort()).toStdString();
        QVERIFY(createRws(QStringLiteral("rwssse"), config) > 0);
        for (int round = 0; round < 2; ++round) {
            QTcpSocket client;
            client.connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(client.waitForConnected(5000));
            client.write(
                "GET /api/v2/rwssse/sse HTTP/1.1\r\nHost: 127.0.0.1\r\nX-DreamFactory-Session-Token: " +
                m_server->adminToken().toLatin1() + "\r\n\r\n");
            QByteArray received;
            connect(&client, &QTcpSocket::readyRead, &client, [&] { received += client.readAll(); });
            // The first event arrives while the upstream has not finished.
            QTRY_VERIFY_WITH_TIMEOUT(received.contains("data: one"), 10000);
            QVERIFY(received.contains("text/event-stream"));
            QVERIFY(!received.contains("data: two"));
            QVERIFY(m_upstream.sse);
            if (round == 0) {
                m_upstream.releaseStream();
                QTRY_VERIFY_WITH_TIMEOUT(received.contains("data: two"), 10000);
                QTRY_VERIFY_WITH_TIMEOUT(received.endsWith("0\r\n\r\n"), 10000);
            } else {
                // The client leaves: the upstream call is aborted.
                const int closedBefore = m_upstream.sseClosed;
                client.abort();
                QTRY_VERIFY_WITH_TIMEOUT(m_upstream.sseClosed > closedBefore, 10000);
            }
        }
    }

    void getCache()
    {
        Json config = baseConfig();
        config["base_url"] = QStringLiteral("http://127.0.0.1:%1").arg(m_upstream.serverPort()).toStdString();
        config["cache_ttl"] = 1;
        config["headers"] = Json::array({{{"name", "X-Caller"}, {"value", "{user.id}"}}});
        QVERIFY(createRws(QStringLiteral("rwscache"), config) > 0);
        const int start = m_upstream.counter;
        TestResponse first = asAdmin("GET", QStringLiteral("/api/v2/rwscache/count"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("x-gatehouse-cache"), QByteArray("miss"));
        TestResponse second = asAdmin("GET", QStringLiteral("/api/v2/rwscache/count"));
        QCOMPARE(second.header("x-gatehouse-cache"), QByteArray("hit"));
        QCOMPARE(second.body, first.body);
        QCOMPARE(m_upstream.counter, start + 1);
        // Another query is another entry.
        QCOMPARE(asAdmin("GET", QStringLiteral("/api/v2/rwscache/count?x=1")).header("x-gatehouse-cache"),
                 QByteArray("miss"));
        // Another user (another {user.id} in the injected header): never the admin's entry.
        const TestResponse services =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3Drwscache"));
        const qint64 cacheId = services.json["resource"][0]["id"].get<qint64>();
        const qint64 cacheRole = m_server->createRole(
            QStringLiteral("rws-cache-user"),
            Json::array(
                {{{"service_id", cacheId}, {"component", "*"}, {"verb_mask", 1}, {"requestor_mask", 1}}}));
        const QString key = m_server->createAppKey(QStringLiteral("rws-cache-app"), cacheRole);
        QVERIFY(m_server->createUser(QStringLiteral("carol@test.local"), QStringLiteral("Carol-Passw0rd-1")) >
                0);
        const TestResponse login =
            m_server->userLogin(QStringLiteral("carol@test.local"), QStringLiteral("Carol-Passw0rd-1"), key);
        QVERIFY2(login.status == 200, login.describe().constData());
        const QByteArray token = login.json["session_token"].get<std::string>().c_str();
        const TestResponse carol = m_server->request(
            "GET", QStringLiteral("/api/v2/rwscache/count"), nullptr,
            {{"X-DreamFactory-API-Key", key.toLatin1()}, {"X-DreamFactory-Session-Token", token}});
        QVERIFY2(carol.status == 200, carol.describe().constData());
        QCOMPARE(carol.header("x-gatehouse-cache"), QByteArray("miss"));
        QVERIFY(carol.body != first.body);
        // Expiry: after the TTL the upstream is asked again.
        QTest::qWait(1200);
        const TestResponse expired = asAdmin("GET", QStringLiteral("/api/v2/rwscache/count"));
        QCOMPARE(expired.header("x-gatehouse-cache"), QByteArray("miss"));
    }

    void rbacLimitsAndAudit()
    {
        const qint64 roleId = m_server->createRole(
            QStringLiteral("rws-get-only"),
            Json::array(
                {{{"service_id", m_rwsId}, {"component", "*"}, {"verb_mask", 1}, {"requestor_mask", 1}}}));
        QVERIFY(roleId > 0);
        const QString key = m_server->createAppKey(QStringLiteral("rws-get-app"), roleId);
        QVERIFY(!key.isEmpty());
        const Headers headers{{"X-DreamFactory-API-Key", key.toLatin1()}};
        // The key in the query authenticates here and is not forwarded.
        TestResponse r = m_server->request("GET", url(QStringLiteral("/items?api_key=") + key), nullptr);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.json["target"].get<QString>().contains(QLatin1String("api_key")));
        QCOMPARE(m_server->request("POST", url(QStringLiteral("/items")), Json{{"a", 1}}, headers).status,
                 403);
        QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/rwsroot/echo"), nullptr, headers).status,
                 403);

        // Audit: the request is recorded like any other.
        QVERIFY(m_server->flushAudit());
        const QString id = QString::fromLatin1(r.header("x-request-id"));
        const TestResponse audit = m_server->admin(
            "GET",
            QStringLiteral("/api/v2/system/audit?fields=*&filter=") +
                QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("request_id = '%1'").arg(id))));
        QVERIFY2(audit.status == 200 && audit.json["resource"].size() == 1, audit.describe().constData());
        QVERIFY(!audit.body.contains(kSecret.toUtf8()));

        // Rate limit on the service.
        const TestResponse limit = m_server->admin("POST", QStringLiteral("/api/v2/system/limit"),
                                                   Json{{"resource",
                                                         {{{"type", "instance.service"},
                                                           {"service_id", m_rwsId},
                                                           {"rate", 2},
                                                           {"period", "minute"},
                                                           {"name", "rws-limit"}}}}});
        QVERIFY2(limit.status == 201, limit.describe().constData());
        int limited = 0;
        for (int i = 0; i < 4; ++i) {
            if (m_server->request("GET", url(QStringLiteral("/items")), nullptr, headers).status == 429)
                ++limited;
        }
        QVERIFY(limited >= 1);
        // The sink does see the service's lines (the refusals above), never the secret.
        const QByteArray log = QByteArray::fromStdString(m_log.str());
        QVERIFY(log.contains("rws service 'rwsnoallow'"));
        QVERIFY(!log.contains(kSecret.toUtf8()));
    }
};

GATEHOUSE_TEST_MAIN(TestRws)
#include "tst_rws.moc"
