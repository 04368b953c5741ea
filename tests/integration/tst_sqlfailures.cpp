#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "TestDatabases.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

// A TCP relay in front of the real PostgreSQL server that the test can cut and restore, to
// see what clients get when the database goes away mid-life and comes back.
class DatabaseRelay : public QObject
{
public:
    DatabaseRelay(QString host, quint16 port)
        : m_host(std::move(host))
        , m_port(port)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                m_clients.append(QPointer<QTcpSocket>(client));
                connect(client, &QTcpSocket::readyRead, upstream,
                        [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::readyRead, client,
                        [client, upstream] { client->write(upstream->readAll()); });
                connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                upstream->connectToHost(m_host, m_port);
            }
        });
    }

    bool open(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_server.serverPort(); }

    // Stops accepting and drops every relayed connection, as a crashed or unplugged server would.
    void cut()
    {
        m_lastPort = m_server.serverPort();
        m_server.close();
        for (const auto &client : std::as_const(m_clients))
            if (client)
                client->abort();
        m_clients.clear();
    }
    bool restore() { return open(m_lastPort); }

private:
    QString m_host;
    quint16 m_port;
    quint16 m_lastPort = 0;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_clients;
};

class TestSqlFailures : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DatabaseRelay> m_relay;
    QUrl m_pg;

private Q_SLOTS:
    void initTestCase()
    {
        GATEHOUSE_REQUIRE_URL(TestDatabases::pgsqlUrl(), "PostgreSQL");
        m_pg = QUrl(TestDatabases::pgsqlUrl());
        m_relay = std::make_unique<DatabaseRelay>(m_pg.host(), quint16(m_pg.port(5432)));
        QVERIFY(m_relay->open());
        TestServer::Options options;
        options.settings.insert(QStringLiteral("db_statement_timeout_ms"), QStringLiteral("300"));
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const Json config{{"host", "127.0.0.1"},
                          {"port", m_relay->port()},
                          {"database", m_pg.path().mid(1)},
                          {"username", m_pg.userName()},
                          {"password", m_pg.password()},
                          {"named_queries", Json::array({{{"name", "Slow"},
                                                          {"sql", "SELECT pg_sleep(2) AS slept"},
                                                          {"params", Json::array()}}})}};
        QVERIFY(m_server->createService(
                    Json{{"name", "flaky"}, {"type", "pgsql"}, {"is_active", true}, {"config", config}}) > 0);
    }

    void databaseDownIsA503WithoutDriverText()
    {
        const TestResponse before = m_server->admin("GET", QStringLiteral("/api/v2/flaky/_table"));
        QVERIFY2(before.status == 200, before.describe().constData());

        const QByteArray relayPort = QByteArray::number(m_relay->port());
        m_relay->cut();
        const TestResponse down = m_server->admin("GET", QStringLiteral("/api/v2/flaky/_table?refresh=true"));
        QVERIFY2(down.status == 503, down.describe().constData());
        QCOMPARE(down.json["error"]["status_code"].get<int>(), 503);
        // Driver text can name the host, port and user: none of it may reach the client.
        QVERIFY(!down.body.contains(m_pg.userName().toLatin1()));
        QVERIFY2(!down.body.contains(relayPort), down.body.constData());
        QVERIFY(!down.body.contains("could not connect"));

        QVERIFY(m_relay->restore());
        const TestResponse after = m_server->admin("GET", QStringLiteral("/api/v2/flaky/_table"));
        QVERIFY2(after.status == 200, after.describe().constData());
    }

    void statementTimeoutIsAClearError()
    {
        const TestResponse slow = m_server->admin("GET", QStringLiteral("/api/v2/flaky/_proc/Slow"));
        QVERIFY2(slow.status == 504, slow.describe().constData());
        QVERIFY(!slow.body.contains("canceling statement"));
        // The connection stays usable for the next request.
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/flaky/_table")).status, 200);
    }

    void unreachableDatabaseIsRefusedAtCreation()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 deadPort = closed.serverPort();
        closed.close();
        const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/service"),
                                               Json{{"resource",
                                                     {{{"name", "nowhere"},
                                                       {"type", "pgsql"},
                                                       {"is_active", true},
                                                       {"config",
                                                        {{"host", "127.0.0.1"},
                                                         {"port", deadPort},
                                                         {"database", "x"},
                                                         {"username", "u"},
                                                         {"password", "p"}}}}}}});
        QVERIFY2(r.status == 400, r.describe().constData());
        QVERIFY(!r.body.contains("\"p\""));
    }
};

QTEST_GUILESS_MAIN(TestSqlFailures)
#include "tst_sqlfailures.moc"
