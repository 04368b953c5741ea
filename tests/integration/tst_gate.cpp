#include <QTest>

#include "TestMain.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

// The request gate end to end: routing, credentials, RBAC, verb override, envelopes.
class TestGate : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    qint64 m_demoId = 0;
    QString m_readerKey;

    static Headers key(const QString &apiKey) { return {{"X-DreamFactory-API-Key", apiKey.toLatin1()}}; }

    static void verifyEnvelope(const TestResponse &r, int status)
    {
        QVERIFY2(r.status == status, r.describe().constData());
        QVERIFY2(r.json.is_object() && r.json.contains("error"), r.describe().constData());
        const Json &e = r.json["error"];
        QCOMPARE(e["status_code"].get<int>(), status);
        QCOMPARE(e["code"].get<int>(), status);
        QVERIFY(e["message"].is_string() && !e["message"].get<std::string>().empty());
        QVERIFY(e.contains("context"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        TestServer::Options options;
        options.demo = true;
        options.settings.insert(QStringLiteral("max_body_bytes"), QStringLiteral("4096"));
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const TestResponse services = m_server->admin("GET", QStringLiteral("/api/v2/system/service"));
        QCOMPARE(services.status, 200);
        for (const Json &s : services.json["resource"])
            if (s["name"] == "demo")
                m_demoId = s["id"].get<qint64>();
        QVERIFY(m_demoId > 0);
        const qint64 role =
            m_server->createRole(QStringLiteral("reader"), Json::array({{{"service_id", m_demoId},
                                                                         {"component", "_table/customers/*"},
                                                                         {"verb_mask", 1},
                                                                         {"requestor_mask", 1}}}));
        QVERIFY(role > 0);
        m_readerKey = m_server->createAppKey(QStringLiteral("reader-app"), role);
        QCOMPARE(m_readerKey.size(), 64);
    }

    void statusAndRequestIds()
    {
        const TestResponse a = m_server->request("GET", QStringLiteral("/status"));
        QCOMPARE(a.status, 200);
        QVERIFY(a.json["status"] == "ok");
        const TestResponse b = m_server->request("GET", QStringLiteral("/status"));
        QVERIFY(!a.header("x-request-id").isEmpty());
        QVERIFY(a.header("x-request-id") != b.header("x-request-id"));
        verifyEnvelope(m_server->request("POST", QStringLiteral("/status")), 405);
        const TestResponse head = m_server->request("HEAD", QStringLiteral("/status"));
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
    }

    void unknownRoutes()
    {
        verifyEnvelope(m_server->request("GET", QStringLiteral("/nothing-here")), 404);
        verifyEnvelope(m_server->admin("GET", QStringLiteral("/api/v2/nope/_table")), 404);
        verifyEnvelope(m_server->admin("GET", QStringLiteral("/api/v2/demo/_nothing")), 404);
    }

    void credentials()
    {
        const TestResponse none = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"));
        verifyEnvelope(none, 400);
        QVERIFY(none.json["error"]["message"].get<std::string>().find("No session token") !=
                std::string::npos);
        verifyEnvelope(m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr,
                                         key(QString(64, QLatin1Char('a')))),
                       401);
        verifyEnvelope(m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr,
                                         {{"Authorization", "Bearer not.a.jwt"}}),
                       401);
        // A token whose payload was edited no longer matches its signature.
        QByteArray token = m_server->adminToken().toLatin1();
        QList<QByteArray> parts = token.split('.');
        QVERIFY(parts.size() == 3);
        QByteArray payload = QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding);
        payload.replace("\"user_id\":1", "\"user_id\":2");
        parts[1] = payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        verifyEnvelope(m_server->request("GET", QStringLiteral("/api/v2"), nullptr,
                                         {{"Authorization", "Bearer " + parts.join('.')}}),
                       401);
        // Every documented way to present a key works.
        QCOMPARE(m_server
                     ->request("GET",
                               QStringLiteral("/api/v2/demo/_table/customers?limit=1&api_key=") + m_readerKey)
                     .status,
                 200);
        QCOMPARE(m_server
                     ->request("GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1"), nullptr,
                               key(m_readerKey))
                     .status,
                 200);
        QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2?session_token=") + m_server->adminToken())
                     .status,
                 200);
        QCOMPARE(m_server
                     ->request("GET", QStringLiteral("/api/v2"), nullptr,
                               {{"Authorization", "Bearer " + m_server->adminToken().toLatin1()}})
                     .status,
                 200);
    }

    void roleAccess()
    {
        const TestResponse ok = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers/1"),
                                                  nullptr, key(m_readerKey));
        QVERIFY2(ok.status == 200, ok.describe().constData());
        QCOMPARE(ok.json["id"].get<int>(), 1);
        const TestResponse denied = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/employees"),
                                                      nullptr, key(m_readerKey));
        verifyEnvelope(denied, 403);
        QCOMPARE(denied.json["error"]["message"].get<std::string>(),
                 "Access Forbidden. GET access to component &#039;_table/employees&#039; of service "
                 "&#039;demo&#039; "
                 "is not allowed by this user&#039;s role.");
        verifyEnvelope(m_server->request("POST", QStringLiteral("/api/v2/demo/_table/customers"),
                                         Json{{"resource", Json::array({{{"name", "x"}}})}},
                                         key(m_readerKey)),
                       403);
        verifyEnvelope(
            m_server->request("GET", QStringLiteral("/api/v2/system/service"), nullptr, key(m_readerKey)),
            403);
        // The table list shows only what the role reaches.
        const TestResponse tables =
            m_server->request("GET", QStringLiteral("/api/v2/demo/_table"), nullptr, key(m_readerKey));
        QVERIFY2(tables.status == 200, tables.describe().constData());
        QCOMPARE(tables.json["resource"].size(), 1u);
        QVERIFY(tables.json["resource"][0]["name"] == "customers");
    }

    void catalogueIsFilteredByRole()
    {
        const TestResponse admin = m_server->admin("GET", QStringLiteral("/api/v2"));
        QCOMPARE(admin.status, 200);
        QVERIFY(admin.json["services"].size() >= 2); // system + demo
        QVERIFY(admin.json["service_types"].size() >= 3);
        const TestResponse reader =
            m_server->request("GET", QStringLiteral("/api/v2"), nullptr, key(m_readerKey));
        QCOMPARE(reader.status, 200);
        QCOMPARE(reader.json["services"].size(), 1u);
        QVERIFY(reader.json["services"][0]["name"] == "demo");
        QVERIFY(reader.json["services"][0]["spec_url"] == "/api/v2/demo/_spec");
        const TestResponse narrowed =
            m_server->admin("GET", QStringLiteral("/api/v2?fields=name&type=sqlite"));
        QCOMPARE(narrowed.json["services"].size(), 1u);
        QCOMPARE(narrowed.json["services"][0].size(), 1u);
    }

    void verbOverride()
    {
        // A POST that says it is a GET is treated as one (and allowed for the reader).
        const TestResponse r =
            m_server->request("POST", QStringLiteral("/api/v2/demo/_table/customers?limit=1"), nullptr,
                              {{"X-DreamFactory-API-Key", m_readerKey.toLatin1()}, {"X-HTTP-Method", "GET"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        const TestResponse viaParam =
            m_server->request("POST", QStringLiteral("/api/v2/demo/_table/customers?limit=1&method=GET"),
                              nullptr, key(m_readerKey));
        QCOMPARE(viaParam.status, 200);
        verifyEnvelope(m_server->admin("TRACE", QStringLiteral("/api/v2/demo/_table/customers")), 405);
        const TestResponse options =
            m_server->request("OPTIONS", QStringLiteral("/api/v2/demo/_table/customers"));
        QCOMPARE(options.status, 204);
        QVERIFY(options.header("allow").contains("PATCH"));
    }

    void versionSegmentIsOptional()
    {
        QCOMPARE(m_server
                     ->request("GET", QStringLiteral("/api/demo/_table/customers?limit=1"), nullptr,
                               key(m_readerKey))
                     .status,
                 200);
        QCOMPARE(m_server
                     ->request("GET", QStringLiteral("/api/v2/DEMO/_table/CUSTOMERS?limit=1"), nullptr,
                               key(m_readerKey))
                     .status,
                 200);
    }

    void badBodies()
    {
        const TestResponse malformed =
            m_server->rawRequest("POST", QStringLiteral("/api/v2/demo/_table/customers"), "{\"resource\": [",
                                 {{"Content-Type", "application/json"},
                                  {"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()}});
        verifyEnvelope(malformed, 400);
        verifyEnvelope(
            m_server->rawRequest("POST", QStringLiteral("/api/v2/demo/_table/customers"), "a=b",
                                 {{"Content-Type", "application/x-www-form-urlencoded"},
                                  {"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()}}),
            415);
        const TestResponse big = m_server->rawRequest(
            "POST", QStringLiteral("/api/v2/demo/_table/customers"), QByteArray(8192, ' '),
            {{"Content-Type", "application/json"},
             {"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()}});
        QCOMPARE(big.status, 413);
    }

    void deactivatingAnAppTakesEffectAtOnce()
    {
        const qint64 role = m_server->createRole(
            QStringLiteral("short-lived"),
            Json::array(
                {{{"service_id", m_demoId}, {"component", "*"}, {"verb_mask", 1}, {"requestor_mask", 1}}}));
        const QString appKey = m_server->createAppKey(QStringLiteral("short-lived-app"), role);
        QCOMPARE(
            m_server
                ->request("GET", QStringLiteral("/api/v2/demo/_table/products?limit=1"), nullptr, key(appKey))
                .status,
            200);
        const TestResponse apps = m_server->admin("GET", QStringLiteral("/api/v2/system/app"));
        qint64 appId = 0;
        for (const Json &a : apps.json["resource"])
            if (a["name"] == "short-lived-app")
                appId = a["id"].get<qint64>();
        QVERIFY(appId > 0);
        const TestResponse off = m_server->admin("PATCH", QStringLiteral("/api/v2/system/app/%1").arg(appId),
                                                 Json{{"is_active", false}});
        QVERIFY2(off.status == 200, off.describe().constData());
        verifyEnvelope(m_server->request("GET", QStringLiteral("/api/v2/demo/_table/products?limit=1"),
                                         nullptr, key(appKey)),
                       403);
    }

    void deactivatedServiceIsRefused()
    {
        const TestResponse off = m_server->admin(
            "PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_demoId), Json{{"is_active", false}});
        QVERIFY2(off.status == 200, off.describe().constData());
        verifyEnvelope(m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/customers")), 403);
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_demoId),
                             Json{{"is_active", true}})
                     .status,
                 200);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1")).status, 200);
    }
};

GATEHOUSE_TEST_MAIN(TestGate)
#include "tst_gate.moc"
