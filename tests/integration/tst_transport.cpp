#include <sys/stat.h>

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "TestDatabases.h"
#include "TestServer.h"
#include "http/HostAllowList.h"
#include "http/HttpServer.h"
#include "http/Responder.h"
#include "http/TlsListener.h"
#include "security/CertificateGenerator.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

// One raw HTTP exchange: status line, headers (lower-case names) and body.
struct RawReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
    QByteArray raw;
};

RawReply parseReply(const QByteArray &raw)
{
    RawReply reply;
    reply.raw = raw;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    const QList<QByteArray> lines = raw.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    reply.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.insert(line.left(colon).toLower(), line.mid(colon + 1).trimmed());
    }
    reply.body = raw.mid(end + 4);
    return reply;
}

// The engine runs on this thread's event loop, so every wait spins it (QTest::qWaitFor)
// instead of blocking in waitFor*(). Reads until the peer closes (requests are sent with
// Connection: close) or 10 s pass.
QByteArray readUntilClosed(QTcpSocket &socket)
{
    QByteArray answer;
    const bool closed = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    if (!closed)
        qWarning("readUntilClosed: the server kept the connection open for 10 s");
    answer += socket.readAll();
    return answer;
}

bool waitConnected(QTcpSocket &socket)
{
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
}

bool waitEncrypted(QSslSocket &socket)
{
    return QTest::qWaitFor(
               [&] { return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState; },
               10000) &&
           socket.isEncrypted();
}

RawReply plainExchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!waitConnected(socket))
        return {};
    socket.write(request);
    return parseReply(readUntilClosed(socket));
}

QByteArray get(const QByteArray &path, const QByteArray &host, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "Connection: close\r\n\r\n";
}

QSslConfiguration trusting(const QByteArray &certPem)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromData(certPem, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

int fileMode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

QByteArray headerOf(const TestResponse &r, const char *name)
{
    return r.header(QByteArray(name));
}
} // namespace

// Transport: TLS on the listener, gen-cert, CORS, security headers and the Host allow-list.
class TestTransport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_certDir;
    CertificateGenerator::Result m_cert;
    QString m_certPath;
    QString m_keyPath;

    std::unique_ptr<TestServer> startTls()
    {
        TestServer::Options options;
        options.settings.insert(QStringLiteral("tls_cert"), m_certPath);
        options.settings.insert(QStringLiteral("tls_key"), m_keyPath);
        auto server = std::make_unique<TestServer>(options);
        if (!server->start())
            qWarning() << server->errorString();
        return server;
    }

    // A TLS connection that trusts the generated certificate; empty reply on failure.
    RawReply tlsExchange(quint16 port, const QByteArray &request, QSsl::SslProtocol *protocol = nullptr,
                         QList<QSslError> *errors = nullptr)
    {
        QSslSocket socket;
        socket.setSslConfiguration(trusting(m_cert.certificatePem));
        socket.setPeerVerifyName(QStringLiteral("localhost"));
        QList<QSslError> seen;
        QObject::connect(&socket, &QSslSocket::sslErrors, [&seen](const QList<QSslError> &e) { seen = e; });
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!waitEncrypted(socket)) {
            if (errors)
                *errors = seen;
            return {};
        }
        if (protocol)
            *protocol = socket.sessionProtocol();
        socket.write(request);
        return parseReply(readUntilClosed(socket));
    }

    qint64 createCors(TestServer &server, const Json &rule)
    {
        const TestResponse r =
            server.admin("POST", QStringLiteral("/api/v2/system/cors"), Json{{"resource", {rule}}});
        if (r.status != 201)
            qWarning() << r.describe();
        return r.status == 201 ? r.json["resource"][0]["id"].get<qint64>() : 0;
    }

    TestResponse withOrigin(TestServer &server, const QByteArray &method, const QString &path,
                            const QByteArray &origin, Headers extra = {})
    {
        if (!origin.isEmpty())
            extra.append({"Origin", origin});
        extra.append({"X-DreamFactory-Session-Token", server.adminToken().toLatin1()});
        return server.rawRequest(method, path, QByteArray(), extra);
    }

    TestResponse preflight(TestServer &server, const QString &path, const QByteArray &origin,
                           const QByteArray &method, const QByteArray &headers = {})
    {
        Headers h{{"Origin", origin}, {"Access-Control-Request-Method", method}};
        if (!headers.isEmpty())
            h.append({"Access-Control-Request-Headers", headers});
        return server.rawRequest("OPTIONS", path, QByteArray(), h);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        QVERIFY(m_certDir.isValid());
        QString error;
        QVERIFY2(CertificateGenerator::generate({}, &m_cert, &error), qPrintable(error));
        QVERIFY2(CertificateGenerator::writeFiles(m_cert, m_certDir.path(), false, &m_certPath, &m_keyPath,
                                                  &error),
                 qPrintable(error));
    }

    void genCertCommand()
    {
        const QString binary = qEnvironmentVariable("GATEHOUSED");
        QVERIFY2(QFileInfo::exists(binary), "GATEHOUSED must point at the built daemon");
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys())
            if (key.startsWith(QLatin1String("GATEHOUSE_")))
                env.remove(key);
        env.insert(QStringLiteral("GATEHOUSE_DATA_DIR"), dir.filePath(QStringLiteral("data")));
        const QString out = dir.filePath(QStringLiteral("certs"));
        auto run = [&](const QStringList &args) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(binary, args);
            p.waitForFinished(60000);
            return p.exitCode();
        };
        QCOMPARE(run({QStringLiteral("gen-cert"), QStringLiteral("--out-dir"), out, QStringLiteral("--host"),
                      QStringLiteral("gw.example.test"), QStringLiteral("--host"), QStringLiteral("10.1.2.3"),
                      QStringLiteral("--days"), QStringLiteral("30")}),
                 0);
        const QString certPath = out + QStringLiteral("/tls-cert.pem");
        const QString keyPath = out + QStringLiteral("/tls-key.pem");
        QCOMPARE(fileMode(keyPath), 0600);
        QVERIFY((fileMode(certPath) & 0022) == 0);
        QVERIFY((fileMode(certPath) & 0400) != 0);
        QFile certFile(certPath);
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        QCOMPARE(certs.size(), 1);
        const auto san = certs.first().subjectAlternativeNames();
        QVERIFY(san.values(QSsl::DnsEntry).contains(QStringLiteral("gw.example.test")));
        QVERIFY(san.values(QSsl::IpAddressEntry).contains(QStringLiteral("10.1.2.3")));
        QVERIFY(!san.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        const qint64 days = QDateTime::currentDateTimeUtc().daysTo(certs.first().expiryDate());
        QVERIFY(days >= 29 && days <= 30);
        QVERIFY(certs.first().isSelfSigned());

        // The pair loads as the listener's configuration.
        QSslConfiguration configuration;
        QString error;
        QVERIFY2(TlsListener::loadConfiguration(certPath, keyPath, &configuration, &error),
                 qPrintable(error));

        // Existing files are kept unless --force.
        QVERIFY(run({QStringLiteral("gen-cert"), QStringLiteral("--out-dir"), out}) != 0);
        QCOMPARE(QSslCertificate::fromPath(certPath).first(), certs.first());
        QCOMPARE(run({QStringLiteral("gen-cert"), QStringLiteral("--out-dir"), out, QStringLiteral("--force"),
                      QStringLiteral("--rsa")}),
                 0);
        QVERIFY(QSslCertificate::fromPath(certPath).first() != certs.first());
        QVERIFY(QSslCertificate::fromPath(certPath)
                    .first()
                    .subjectAlternativeNames()
                    .values(QSsl::DnsEntry)
                    .contains(QStringLiteral("localhost")));
        QCOMPARE(fileMode(keyPath), 0600);
        QVERIFY2(TlsListener::loadConfiguration(certPath, keyPath, &configuration, &error),
                 qPrintable(error));

        // Bad input is refused without writing anything.
        QVERIFY(
            run({QStringLiteral("gen-cert"), QStringLiteral("--out-dir"), dir.filePath(QStringLiteral("bad")),
                 QStringLiteral("--host"), QStringLiteral("not a host")}) != 0);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad/tls-key.pem"))));
        QVERIFY(run({QStringLiteral("gen-cert"), QStringLiteral("--out-dir"),
                     dir.filePath(QStringLiteral("bad")), QStringLiteral("--days"), QStringLiteral("0")}) !=
                0);
    }

    void mismatchedKeyIsRefusedAtStart()
    {
        CertificateGenerator::Result other;
        QString error;
        QVERIFY(CertificateGenerator::generate({}, &other, &error));
        QTemporaryDir dir;
        QFile key(dir.filePath(QStringLiteral("k.pem")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(other.privateKeyPem);
        key.close();
        QSslConfiguration configuration;
        QVERIFY(!TlsListener::loadConfiguration(m_certPath, key.fileName(), &configuration, &error));
        QVERIFY2(error.contains(QLatin1String("does not belong")), qPrintable(error));

        TestServer::Options options;
        options.settings.insert(QStringLiteral("tls_cert"), m_certPath);
        options.settings.insert(QStringLiteral("tls_key"), key.fileName());
        TestServer server(options);
        QVERIFY(!server.start());
    }

    void tlsRoundTrip()
    {
        auto server = startTls();
        QVERIFY(server->port() != 0);
        QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
        QList<QSslError> errors;
        const RawReply reply = tlsExchange(server->port(), get("/status", "localhost"), &protocol, &errors);
        QVERIFY2(reply.status == 200, reply.raw.constData());
        QVERIFY(errors.isEmpty());
        QVERIFY(protocol == QSsl::TlsV1_2 || protocol == QSsl::TlsV1_3);
        QVERIFY(reply.body.contains("\"status\":\"ok\""));
        QCOMPARE(reply.headers.value("strict-transport-security"), QByteArray("max-age=31536000"));

        // Keep-alive and pipelining over TLS: two requests in one write, answered in order.
        QSslSocket socket;
        socket.setSslConfiguration(trusting(m_cert.certificatePem));
        socket.setPeerVerifyName(QStringLiteral("localhost"));
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(waitEncrypted(socket));
        socket.write(
            "GET /status HTTP/1.1\r\nHost: localhost\r\n\r\nGET /nope HTTP/1.1\r\nHost: localhost\r\n"
            "Connection: close\r\n\r\n");
        const QByteArray both = readUntilClosed(socket);
        const qsizetype first = both.indexOf("HTTP/1.1 200");
        const qsizetype second = both.indexOf("HTTP/1.1 404");
        QVERIFY2(first >= 0 && second > first, both.constData());

        // A client that does not trust the certificate fails its own handshake.
        QSslSocket untrusting;
        untrusting.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(!waitEncrypted(untrusting));
    }

    void plainHttpOnTlsPortIsRefused()
    {
        auto server = startTls();
        const RawReply reply = plainExchange(server->port(), get("/status", "localhost"));
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.body.contains("HTTPS"), reply.raw.constData());
        QVERIFY(!reply.body.contains("\"status\":\"ok\""));
        // The listener still serves TLS afterwards.
        QCOMPARE(tlsExchange(server->port(), get("/status", "localhost")).status, 200);
    }

    void badHandshakesDoNotTakeTheServerDown()
    {
        auto server = startTls();
        const quint16 port = server->port();
        // A TLS record header followed by garbage, binary noise, and a connect-and-leave.
        for (const QByteArray &noise : {QByteArray("\x16\x03\x01\x00\x05garbagegarbagegarbage", 26),
                                        QByteArray("\x00\x01\x02\x03", 4), QByteArray()}) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(waitConnected(socket));
            if (noise.isEmpty()) {
                socket.abort();
                continue;
            }
            socket.write(noise);
            const QByteArray answer = readUntilClosed(socket);
            QVERIFY(!answer.contains("HTTP/1.1"));
            QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        }
        QCOMPARE(tlsExchange(port, get("/status", "localhost")).status, 200);
    }

    void stalledHandshakeIsClosed()
    {
        // The listener alone, with a short handshake limit: a client that starts a handshake and
        // then says nothing is disconnected instead of holding a slot forever.
        HttpLimits limits;
        limits.tlsHandshakeTimeoutMs = 300;
        HttpServer server(limits,
                          [](HttpRequest &&, const Responder &responder) { responder.send(HttpResponse()); });
        QSslConfiguration configuration;
        QString error;
        QVERIFY2(TlsListener::loadConfiguration(m_certPath, m_keyPath, &configuration, &error),
                 qPrintable(error));
        server.enableTls(configuration);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(waitConnected(socket));
        socket.write("\x16\x03\x01");
        QSignalSpy closed(&socket, &QTcpSocket::disconnected);
        QVERIFY(closed.wait(10000));
    }

    void securityHeaders()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        for (const QString &path : {QStringLiteral("/status"), QStringLiteral("/api/v2/nope/x")}) {
            const TestResponse r = server.request("GET", path);
            QVERIFY(r.status == 200 || r.status >= 400);
            QCOMPARE(headerOf(r, "x-content-type-options"), QByteArray("nosniff"));
            QCOMPARE(headerOf(r, "x-frame-options"), QByteArray("DENY"));
            QVERIFY(headerOf(r, "content-security-policy").contains("frame-ancestors 'none'"));
            QCOMPARE(headerOf(r, "referrer-policy"), QByteArray("no-referrer"));
            QCOMPARE(headerOf(r, "cache-control"), QByteArray("no-store"));
            QVERIFY(!r.headers.contains("strict-transport-security")); // plain HTTP
            QVERIFY(!r.headers.contains("access-control-allow-origin"));
        }
    }

    void hostAllowListDefault()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const quint16 port = server.port();
        for (const QByteArray &host :
             {QByteArray("localhost"), QByteArray("localhost:8080"), QByteArray("127.0.0.1"),
              QByteArray("127.0.0.1:1"), QByteArray("[::1]:8080"), QByteArray("LOCALHOST.")})
            QVERIFY2(plainExchange(port, get("/status", host)).status == 200, host.constData());
        // DNS rebinding: an attacker's name pointing at loopback.
        const RawReply rebound = plainExchange(port, get("/status", "attacker.example:8080"));
        QCOMPARE(rebound.status, 421);
        QVERIFY(!rebound.body.contains("\"status\":\"ok\""));
        QCOMPARE(rebound.headers.value("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(plainExchange(port, get("/status", "localhost.attacker.example")).status, 421);
        QCOMPARE(plainExchange(port, get("/status", "bad host")).status, 400);
        QCOMPARE(plainExchange(port, get("/status", "[::1")).status, 400);

        // A wildcard listen address accepts any name; an explicit list replaces the default.
        QVERIFY(HostAllowList(QString(), QHostAddress::Any).allowsAny());
        QVERIFY(HostAllowList(QString(), QHostAddress::AnyIPv6).allowsAny());
        const HostAllowList specific(QString(), QHostAddress(QStringLiteral("192.0.2.7")));
        QVERIFY(!specific.allowsAny());
        QVERIFY(specific.allows(QStringLiteral("192.0.2.7")));
        QVERIFY(!specific.allows(QStringLiteral("attacker.example")));
    }

    void hostAllowListConfigured()
    {
        TestServer::Options options;
        options.settings.insert(QStringLiteral("allowed_hosts"),
                                QStringLiteral("api.example.com, .corp.test"));
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const quint16 port = server.port();
        QCOMPARE(plainExchange(port, get("/status", "api.example.com:443")).status, 200);
        QCOMPARE(plainExchange(port, get("/status", "corp.test")).status, 200);
        QCOMPARE(plainExchange(port, get("/status", "gw.eu.corp.test")).status, 200);
        QCOMPARE(plainExchange(port, get("/status", "localhost")).status, 421);
        QCOMPARE(plainExchange(port, get("/status", "evilcorp.test")).status, 421);
    }

    void corsWithoutRulesAddsNothing()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const TestResponse pre =
            preflight(server, QStringLiteral("/api/v2/system/role"), "https://app.example.com", "GET");
        QCOMPARE(pre.status, 403);
        QVERIFY(!pre.headers.contains("access-control-allow-origin"));
        QVERIFY(!pre.headers.contains("access-control-allow-methods"));
        const TestResponse actual =
            withOrigin(server, "GET", QStringLiteral("/api/v2/system/role"), "https://app.example.com");
        QCOMPARE(actual.status, 200);
        QVERIFY(!actual.headers.contains("access-control-allow-origin"));
        // A plain OPTIONS (not a preflight) still answers.
        QCOMPARE(server.rawRequest("OPTIONS", QStringLiteral("/api/v2/system"), QByteArray()).status, 204);
    }

    void corsCrud()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 id =
            createCors(server, Json{{"path", "/api/v2/*"},
                                    {"origin", "https://app.example.com, https://*.example.org"},
                                    {"header", Json::array({"Content-Type", "X-DreamFactory-API-Key"})},
                                    {"exposed_header", "X-Request-Id"},
                                    {"method", Json::array({"GET", "post"})},
                                    {"max_age", 600}});
        QVERIFY(id > 0);
        TestResponse r = server.admin("GET", QStringLiteral("/api/v2/system/cors/%1").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["path"].dump(), std::string("\"api/v2/*\""));
        QCOMPARE(r.json["origin"].dump(), std::string("\"https://app.example.com,https://*.example.org\""));
        QCOMPARE(r.json["header"].dump(), std::string("\"Content-Type,X-DreamFactory-API-Key\""));
        QCOMPARE(r.json["method"].dump(), std::string("3"));
        QCOMPARE(r.json["max_age"].dump(), std::string("600"));
        QCOMPARE(r.json["enabled"].dump(), std::string("true"));
        QCOMPARE(r.json["supports_credentials"].dump(), std::string("false"));

        r = server.admin("GET", QStringLiteral("/api/v2/system/cors"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), std::size_t(1));
        r = server.admin("GET", QStringLiteral("/api/v2/system"));
        QVERIFY(r.body.contains("\"cors\""));

        r = server.admin("PATCH", QStringLiteral("/api/v2/system/cors/%1").arg(id), Json{{"method", 31}});
        QCOMPARE(r.status, 200);
        QCOMPARE(server.admin("GET", QStringLiteral("/api/v2/system/cors/%1").arg(id)).json["method"].dump(),
                 std::string("31"));

        // Refused shapes: an origin with a path, "*" with credentials (on create and by update),
        // an unknown verb, a duplicate path, an out-of-range max_age.
        QCOMPARE(server
                     .admin("POST", QStringLiteral("/api/v2/system/cors"),
                            Json{{"resource", {{{"path", "x/*"}, {"origin", "https://a.example/"}}}}})
                     .status,
                 400);
        QCOMPARE(server
                     .admin("POST", QStringLiteral("/api/v2/system/cors"),
                            Json{{"resource",
                                  {{{"path", "y/*"}, {"origin", "*"}, {"supports_credentials", true}}}}})
                     .status,
                 400);
        QCOMPARE(server
                     .admin("PATCH", QStringLiteral("/api/v2/system/cors/%1").arg(id),
                            Json{{"origin", "*"}, {"supports_credentials", true}})
                     .status,
                 400);
        QCOMPARE(server
                     .admin("PATCH", QStringLiteral("/api/v2/system/cors/%1").arg(id),
                            Json{{"supports_credentials", true}})
                     .status,
                 200);
        QCOMPARE(
            server.admin("PATCH", QStringLiteral("/api/v2/system/cors/%1").arg(id), Json{{"origin", "*"}})
                .status,
            400);
        QCOMPARE(server
                     .admin("POST", QStringLiteral("/api/v2/system/cors"),
                            Json{{"resource", {{{"path", "z/*"}, {"method", Json::array({"TRACE"})}}}}})
                     .status,
                 400);
        QCOMPARE(server
                     .admin("POST", QStringLiteral("/api/v2/system/cors"),
                            Json{{"resource", {{{"path", "api/v2/*"}, {"origin", "https://b.example"}}}}})
                     .status,
                 400);
        QCOMPARE(server
                     .admin("POST", QStringLiteral("/api/v2/system/cors"),
                            Json{{"resource", {{{"path", "m/*"}, {"max_age", 999999}}}}})
                     .status,
                 400);
        const auto refused = [&](const Json &rule) {
            return server.admin("POST", QStringLiteral("/api/v2/system/cors"), Json{{"resource", {rule}}})
                .status;
        };
        QCOMPARE(refused(Json{{"path", 5}, {"origin", "https://a.example"}}), 400);
        QCOMPARE(refused(Json{{"path", "q/*"}, {"header", "bad header"}}), 400);
        QCOMPARE(refused(Json{{"path", "q/*"}, {"origin", Json::array({"https://a.example", 7})}}), 400);
        // Only admins manage CORS: no credentials, no access.
        QCOMPARE(server.request("GET", QStringLiteral("/api/v2/system/cors")).status, 400);

        QCOMPARE(server.admin("DELETE", QStringLiteral("/api/v2/system/cors/%1").arg(id)).status, 200);
        QCOMPARE(server.admin("GET", QStringLiteral("/api/v2/system/cors")).json["resource"].size(),
                 std::size_t(0));
    }

    void corsPreflightAndActualRequests()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(createCors(server, Json{{"path", "*"},
                                        {"origin", "https://app.example.com, https://*.example.org"},
                                        {"header", "Content-Type, X-DreamFactory-Session-Token"},
                                        {"exposed_header", "X-Request-Id"},
                                        {"method", Json::array({"GET", "POST"})},
                                        {"max_age", 600}}) > 0);
        const QString rolePath = QStringLiteral("/api/v2/system/role");

        // Allowed preflight: 204 with every Access-Control-* header, before authentication.
        TestResponse r = preflight(server, rolePath, "https://app.example.com", "POST",
                                   "content-type, x-dreamfactory-session-token");
        QCOMPARE(r.status, 204);
        QCOMPARE(headerOf(r, "access-control-allow-origin"), QByteArray("https://app.example.com"));
        QCOMPARE(headerOf(r, "access-control-allow-methods"), QByteArray("GET, POST"));
        QCOMPARE(headerOf(r, "access-control-allow-headers"),
                 QByteArray("content-type, x-dreamfactory-session-token"));
        QCOMPARE(headerOf(r, "access-control-max-age"), QByteArray("600"));
        QVERIFY(headerOf(r, "vary").contains("Origin"));
        QVERIFY(!r.headers.contains("access-control-allow-credentials"));
        QCOMPARE(preflight(server, rolePath, "https://eu.example.org", "GET").status, 204);

        // Refused preflights carry no CORS headers: wrong origin, look-alike origins, method,
        // request header.
        for (const QByteArray &origin :
             {QByteArray("https://evil.example"), QByteArray("http://app.example.com"),
              QByteArray("https://app.example.com.evil.example"), QByteArray("https://example.org"),
              QByteArray("null")}) {
            r = preflight(server, rolePath, origin, "GET");
            QVERIFY2(r.status == 403, origin.constData());
            QVERIFY(!r.headers.contains("access-control-allow-origin"));
        }
        r = preflight(server, rolePath, "https://app.example.com", "DELETE");
        QCOMPARE(r.status, 403);
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
        r = preflight(server, rolePath, "https://app.example.com", "GET", "x-custom");
        QCOMPARE(r.status, 403);
        QVERIFY(!r.headers.contains("access-control-allow-methods"));

        // Actual requests: the origin echoed, exposed headers, Vary; nothing for other origins.
        r = withOrigin(server, "GET", rolePath, "https://app.example.com");
        QCOMPARE(r.status, 200);
        QCOMPARE(headerOf(r, "access-control-allow-origin"), QByteArray("https://app.example.com"));
        QCOMPARE(headerOf(r, "access-control-expose-headers"), QByteArray("X-Request-Id"));
        QVERIFY(headerOf(r, "vary").contains("Origin"));
        QVERIFY(!r.headers.contains("access-control-allow-credentials"));
        r = withOrigin(server, "GET", rolePath, "https://evil.example");
        QCOMPARE(r.status, 200); // CORS is not access control: the browser withholds the answer
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
        QVERIFY(headerOf(r, "vary").contains("Origin"));
        r = withOrigin(server, "DELETE", rolePath + QStringLiteral("/999999"), "https://app.example.com");
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
        r = withOrigin(server, "GET", rolePath, QByteArray());
        QVERIFY(!r.headers.contains("access-control-allow-origin"));

        // Longest path wins: the system API only for the admin origin, with credentials; the
        // shorter "*" rule no longer applies there.
        QVERIFY(createCors(server, Json{{"path", "api/v2/system/*"},
                                        {"origin", "https://admin.example.com"},
                                        {"header", "*"},
                                        {"method", 31},
                                        {"supports_credentials", true}}) > 0);
        r = withOrigin(server, "GET", rolePath, "https://app.example.com");
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
        r = withOrigin(server, "GET", rolePath, "https://admin.example.com");
        QCOMPARE(headerOf(r, "access-control-allow-origin"), QByteArray("https://admin.example.com"));
        QCOMPARE(headerOf(r, "access-control-allow-credentials"), QByteArray("true"));
        r = preflight(server, rolePath, "https://admin.example.com", "DELETE", "x-anything");
        QCOMPARE(r.status, 204);
        QCOMPARE(headerOf(r, "access-control-allow-origin"), QByteArray("https://admin.example.com"));
        QCOMPARE(headerOf(r, "access-control-allow-credentials"), QByteArray("true"));
        QCOMPARE(headerOf(r, "access-control-allow-headers"), QByteArray("x-anything"));
        QVERIFY(!r.headers.contains("access-control-max-age"));
        r = server.rawRequest("GET", QStringLiteral("/status"), QByteArray(),
                              {{"Origin", "https://app.example.com"}});
        QCOMPARE(headerOf(r, "access-control-allow-origin"), QByteArray("https://app.example.com"));

        // A public "*" rule without credentials answers "*"; a disabled rule is ignored.
        const qint64 publicRule = createCors(
            server,
            Json{{"path", "status"}, {"origin", "*"}, {"method", Json::array({"GET"})}, {"enabled", true}});
        QVERIFY(publicRule > 0);
        r = server.rawRequest("GET", QStringLiteral("/status"), QByteArray(),
                              {{"Origin", "https://any.example"}});
        QCOMPARE(headerOf(r, "access-control-allow-origin"), QByteArray("*"));
        QVERIFY(!r.headers.contains("access-control-allow-credentials"));
        QCOMPARE(server
                     .admin("PATCH", QStringLiteral("/api/v2/system/cors/%1").arg(publicRule),
                            Json{{"enabled", false}})
                     .status,
                 200);
        r = server.rawRequest("GET", QStringLiteral("/status"), QByteArray(),
                              {{"Origin", "https://any.example"}});
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
    }

    void corsOnPostgresSystemDatabase()
    {
        const QString url = TestDatabases::pgsqlSystemUrl();
        GATEHOUSE_REQUIRE_URL(url, "GATEHOUSE_TEST_PGSQL_SYSTEM");
        QString error;
        QVERIFY2(TestDatabases::resetSystemSchema(url, &error), qPrintable(error));

        TestServer::Options options;
        options.systemDb = url;
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 id = createCors(server, Json{{"path", "api/v2/*"},
                                                  {"origin", "https://app.example.com"},
                                                  {"method", "GET,POST"},
                                                  {"max_age", 60},
                                                  {"supports_credentials", true}});
        QVERIFY(id > 0);
        TestResponse r = server.admin("GET", QStringLiteral("/api/v2/system/cors/%1").arg(id));
        QCOMPARE(r.json["method"].dump(), std::string("3"));
        QCOMPARE(r.json["supports_credentials"].dump(), std::string("true"));
        r = preflight(server, QStringLiteral("/api/v2/system/role"), "https://app.example.com", "POST");
        QCOMPARE(r.status, 204);
        QCOMPARE(headerOf(r, "access-control-allow-credentials"), QByteArray("true"));
        QCOMPARE(
            server.admin("PATCH", QStringLiteral("/api/v2/system/cors/%1").arg(id), Json{{"enabled", false}})
                .status,
            200);
        QCOMPARE(preflight(server, QStringLiteral("/api/v2/system/role"), "https://app.example.com", "POST")
                     .status,
                 403);
        QCOMPARE(server.admin("DELETE", QStringLiteral("/api/v2/system/cors/%1").arg(id)).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
