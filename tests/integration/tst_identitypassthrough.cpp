// Identity passthrough end to end (issue 6): one person, alice, signs in through a real LDAP
// directory (slapd) and through a real OpenID provider (oidc-provider), and her identity shows up
// the same way everywhere the gateway lets data out or writes down who asked:
//   - a role row filter on {user.email} (only her orders),
//   - field masking by her mapped role (her SSNs partly hidden),
//   - a PostgreSQL session variable set from {user.email} that a row-level security policy reads
//     (only her invoices, with no filter in Gatehouse at all),
//   - the audit record of the request (her email and role),
//   - the usage log of an AI call (her user id).
// Both identity services trust their addresses (link_existing_accounts), so the directory and the
// provider lead to one Gatehouse account.

#include <QEventLoop>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "Engine.h"
#include "LdapTestServer.h"
#include "MockProvider.h"
#include "OidcTestIdp.h"
#include "SqlTestFixture.h"
#include "TestDatabases.h"
#include "TestMain.h"
#include "TestServer.h"
#include "store/AiUsageLog.h"
#include "store/ConnectionSpec.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kEmail = QStringLiteral("alice@example.test");
} // namespace

class TestIdentityPassthrough : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aliceIsAliceEverywhere_data();
    void aliceIsAliceEverywhere();

private:
    QString signIn(const QString &route);
    TestResponse as(const QString &token, const QByteArray &method, const QString &path,
                    const Json &body = nullptr);
    Json auditOf(const TestResponse &response);
    Json usageByUser();

    MockProvider m_mock;
    LdapTestServer m_ldap;
    OidcTestIdp m_idp;
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    QString m_orders;
    QString m_invoices;
    QString m_appKey;
    ConnectionSpec m_spec;
    qint64 m_aliceId = 0; // the account the first sign-in made; the second must reach the same one
};

void TestIdentityPassthrough::initTestCase()
{
    GATEHOUSE_REQUIRE_SLAPD();
    const QString pgUrl = TestDatabases::pgsqlUrl();
    GATEHOUSE_REQUIRE_URL(pgUrl, "PostgreSQL (GATEHOUSE_TEST_PGSQL)");
    QVERIFY2(OidcTestIdp::isInstalled(), "run `npm ci` in tests/support/oidc-idp");
    QVERIFY2(m_mock.start(), qPrintable(m_mock.errorString()));
    QVERIFY2(m_ldap.start(), qPrintable(m_ldap.errorString()));
    // The directory and the provider agree on alice's address.
    QVERIFY2(m_ldap.modify(QByteArrayLiteral("dn: uid=alice,ou=people,dc=example,dc=org\nchangetype: modify\n"
                                             "replace: mail\nmail: alice@example.test\n")),
             qPrintable(m_ldap.errorString()));

    QString error;
    m_server = SqlTestFixture::startServer(&error);
    QVERIFY2(m_server, qPrintable(error));
    QVERIFY2(m_idp.start({m_server->baseUrl() +
                          QStringLiteral("/api/v2/user/session?oauth_callback=true&service=sso")}),
             qPrintable(m_idp.errorString()));

    // Orders are filtered by Gatehouse (a role filter), invoices by PostgreSQL (RLS on a session
    // variable Gatehouse sets from the caller's identity before every request).
    const QString prefix = SqlTestFixture::tablePrefix("idpt");
    m_orders = prefix + QStringLiteral("orders");
    m_invoices = prefix + QStringLiteral("invoices");
    Json pgConfig = SqlTestFixture::serviceConfig(QStringLiteral("pgsql"), pgUrl, QString(), m_spec);
    {
        QSqlDatabase db = SqlTestFixture::directDb(m_spec, QStringLiteral("idpt-direct"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        SqlTestFixture::dropTables(db, QStringLiteral("pgsql"), {m_orders, m_invoices});
        QVERIFY(SqlTestFixture::exec(
            db,
            QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, owner_email TEXT, item TEXT, ssn TEXT)")
                .arg(m_orders)));
        QVERIFY(SqlTestFixture::exec(
            db,
            QStringLiteral("INSERT INTO %1 VALUES (1, '%2', 'desk', '123-45-6789'), (2, 'bob@example.test', "
                           "'lamp', '987-65-4321'), (3, '%2', 'chair', '111-22-3333')")
                .arg(m_orders, kEmail)));
        QVERIFY(SqlTestFixture::exec(
            db, QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, owner_email TEXT, amount INTEGER)")
                    .arg(m_invoices)));
        QVERIFY(SqlTestFixture::exec(db, QStringLiteral("INSERT INTO %1 VALUES (10, '%2', 100), (11, "
                                                        "'bob@example.test', 200), (12, '%2', 300)")
                                             .arg(m_invoices, kEmail)));
        QVERIFY(SqlTestFixture::exec(
            db, QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(m_invoices)));
        QVERIFY(SqlTestFixture::exec(
            db, QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(m_invoices)));
        QVERIFY(SqlTestFixture::exec(
            db,
            QStringLiteral(
                "CREATE POLICY by_email ON %1 USING (owner_email = current_setting('app.user_email', true))")
                .arg(m_invoices)));
    }
    pgConfig["statements"] = Json::array({"SELECT set_config('app.user_email', {user.email}, false)"});
    pgConfig["named_queries"] = Json::array(
        {{{"name", "whoami"}, {"sql", "SELECT current_setting('app.user_email', true) AS email"}}});
    const qint64 pg = m_server->createService({{"name", "pg"}, {"type", "pgsql"}, {"config", pgConfig}});
    QVERIFY(pg > 0);

    const qint64 ai = m_server->createService({{"name", "assistant"},
                                               {"type", "ai"},
                                               {"config",
                                                {{"provider", "openai"},
                                                 {"base_url", str(m_mock.baseUrl()) + "/v1"},
                                                 {"api_key", MockProvider::kApiKey},
                                                 {"default_model", "gpt-4o-mini"}}}});
    QVERIFY(ai > 0);

    auto rule = [](qint64 service, const QString &component, int verbs, const Json &filters = Json::array()) {
        return Json{{"service_id", service},
                    {"component", str(component)},
                    {"verb_mask", verbs},
                    {"requestor_mask", 1},
                    {"filters", filters}};
    };
    const Json ownOrders =
        Json::array({{{"name", "owner_email"}, {"operator", "="}, {"value", "{user.email}"}}});
    const qint64 analyst = m_server->createRole(
        QStringLiteral("analyst"),
        Json::array({rule(pg, QString(QStringLiteral("_table/") + m_orders), 1, ownOrders),
                     rule(pg, QString(QStringLiteral("_table/") + m_invoices), 1),
                     rule(pg, QStringLiteral("_proc/whoami"), 1), rule(ai, QStringLiteral("chat"), 2)}));
    const qint64 nobody = m_server->createRole(QStringLiteral("nobody"), Json::array());
    QVERIFY(analyst > 0 && nobody > 0);
    const TestResponse mask = m_server->admin("POST", QStringLiteral("/api/v2/system/field_mask"),
                                              Json{{"role_id", analyst},
                                                   {"service_id", pg},
                                                   {"table_name", str(m_orders)},
                                                   {"field", "ssn"},
                                                   {"mode", "partial"},
                                                   {"keep", 4}});
    QVERIFY2(mask.status == 201, mask.describe().constData());
    m_appKey = m_server->createAppKey(QStringLiteral("portal"), nobody);
    QVERIFY(!m_appKey.isEmpty());

    // One group vocabulary for both: "analysts" is a groupOfNames in the directory and a
    // `groups` claim value at the provider.
    const Json analysts = Json::array({{{"group", "analysts"}, {"role_id", analyst}}});
    const qint64 ldap = m_server->createService({{"name", "corp_ldap"},
                                                 {"type", "ldap"},
                                                 {"config",
                                                  {{"host", "127.0.0.1"},
                                                   {"port", m_ldap.ldapPort()},
                                                   {"bind_dn", LdapTestServer::kServiceDn},
                                                   {"bind_password", LdapTestServer::kServicePassword},
                                                   {"base_dn", "ou=people,dc=example,dc=org"},
                                                   {"group_base_dn", "ou=groups,dc=example,dc=org"},
                                                   {"user_filter", "(objectClass=inetOrgPerson)"},
                                                   {"group_role_map", analysts},
                                                   {"link_existing_accounts", true}}}});
    QVERIFY(ldap > 0);
    const qint64 sso = m_server->createService({{"name", "sso"},
                                                {"type", "oidc"},
                                                {"config",
                                                 {{"issuer", str(m_idp.issuer())},
                                                  {"client_id", OidcTestIdp::kClientId},
                                                  {"client_secret", OidcTestIdp::kClientSecret},
                                                  {"scopes", "openid email profile groups"},
                                                  {"group_role_map", analysts},
                                                  {"link_existing_accounts", true}}}});
    QVERIFY(sso > 0);
}

void TestIdentityPassthrough::cleanupTestCase()
{
    if (m_server && !m_orders.isEmpty()) {
        QSqlDatabase db = SqlTestFixture::directDb(m_spec, QStringLiteral("idpt-direct"));
        SqlTestFixture::dropTables(db, QStringLiteral("pgsql"), {m_orders, m_invoices});
    }
    m_server.reset();
    m_idp.stop();
    m_ldap.stop();
    m_mock.stop();
}

QString TestIdentityPassthrough::signIn(const QString &route)
{
    if (route == QLatin1String("ldap")) {
        const TestResponse r = m_server->request(
            "POST", QStringLiteral("/api/v2/user/session"),
            Json{{"service", "corp_ldap"}, {"username", "alice"}, {"password", "alice-Passw0rd"}},
            {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        if (r.status != 200)
            qWarning("LDAP sign-in: %s", r.describe().constData());
        return r.status == 200 ? r.json.at("session_token").get<QString>() : QString();
    }
    // The browser's way: Gatehouse → the provider's login (alice) → back to Gatehouse's callback.
    m_idp.clearCookies();
    const auto run = m_idp.browse(
        QUrl(m_server->baseUrl() + QStringLiteral("/api/v2/user/session?service=sso&login_hint=alice")),
        {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
    const Json session = run.json();
    if (run.last().status != 200 || !session.is_object() || !session.contains("session_token")) {
        qWarning("OIDC sign-in ended with %d: %s", run.last().status, run.last().body.constData());
        return QString();
    }
    return session.at("session_token").get<QString>();
}

TestResponse TestIdentityPassthrough::as(const QString &token, const QByteArray &method, const QString &path,
                                         const Json &body)
{
    return m_server->request(method, path, body,
                             {{"X-DreamFactory-API-Key", m_appKey.toLatin1()},
                              {"X-DreamFactory-Session-Token", token.toLatin1()}});
}

Json TestIdentityPassthrough::auditOf(const TestResponse &response)
{
    if (!m_server->flushAudit())
        return Json();
    const QString filter =
        QStringLiteral("request_id = '%1'").arg(QString::fromLatin1(response.header("x-request-id")));
    const TestResponse rows =
        m_server->admin("GET", QStringLiteral("/api/v2/system/audit?fields=*&filter=") +
                                   QString::fromLatin1(QUrl::toPercentEncoding(filter)));
    if (rows.status != 200 || rows.json.at("resource").size() != 1)
        return Json();
    return rows.json.at("resource").at(0);
}

Json TestIdentityPassthrough::usageByUser()
{
    bool flushed = false;
    bool finished = false;
    QEventLoop loop;
    m_server->engine().aiUsageLog()->flush([&](bool ok) {
        flushed = ok;
        finished = true;
        loop.quit();
    });
    if (!finished) { // an empty queue answers at once
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!flushed)
        return Json();
    return m_server->admin("GET", QStringLiteral("/api/v2/assistant/usage?period=24h"))
        .json.value("by_user", Json());
}

void TestIdentityPassthrough::aliceIsAliceEverywhere_data()
{
    QTest::addColumn<QString>("route");
    QTest::newRow("LDAP") << QStringLiteral("ldap");
    QTest::newRow("OpenID Connect") << QStringLiteral("oidc");
}

void TestIdentityPassthrough::aliceIsAliceEverywhere()
{
    QFETCH(QString, route);
    const QString token = signIn(route);
    QVERIFY(!token.isEmpty());

    // The session is alice's, with the role her group maps to.
    const TestResponse session = as(token, "GET", QStringLiteral("/api/v2/user/session"));
    QVERIFY2(session.status == 200, session.describe().constData());
    QCOMPARE(session.json.at("email").get<QString>(), kEmail);
    QCOMPARE(session.json.at("role").get<QString>(), QStringLiteral("analyst"));
    const qint64 id = session.json.at("id").get<qint64>();
    if (m_aliceId == 0)
        m_aliceId = id;
    QCOMPARE(id, m_aliceId); // the directory and the provider lead to one account

    // A row filter on {user.email}, and masking by her role.
    const TestResponse orders =
        as(token, "GET", QStringLiteral("/api/v2/pg/_table/%1?order=id").arg(m_orders));
    QVERIFY2(orders.status == 200, orders.describe().constData());
    const Json &rows = orders.json.at("resource");
    QCOMPARE(rows.size(), size_t(2));
    for (const Json &row : rows) {
        QCOMPARE(row.at("owner_email").get<QString>(), kEmail);
        const QString ssn = row.at("ssn").get<QString>();
        QVERIFY2(!ssn.contains(QStringLiteral("45-")) && !ssn.contains(QStringLiteral("22-")),
                 qPrintable(ssn));
    }
    QVERIFY(rows.at(0).at("ssn").get<QString>().endsWith(QStringLiteral("6789")));

    // PostgreSQL sees her too: the session variable, and the RLS policy that reads it.
    const TestResponse whoami = as(token, "GET", QStringLiteral("/api/v2/pg/_proc/whoami"));
    QVERIFY2(whoami.status == 200, whoami.describe().constData());
    QCOMPARE(whoami.json.at(0).at("email").get<QString>(), kEmail);
    const TestResponse invoices =
        as(token, "GET", QStringLiteral("/api/v2/pg/_table/%1?order=id").arg(m_invoices));
    QVERIFY2(invoices.status == 200, invoices.describe().constData());
    QList<qint64> ids;
    for (const Json &row : invoices.json.at("resource"))
        ids << row.at("id").get<qint64>();
    QCOMPARE(ids, (QList<qint64>{10, 12}));

    // The audit record names her and her role.
    const Json audit = auditOf(orders);
    QVERIFY2(audit.is_object(), "no single audit record for the orders request");
    QCOMPARE(audit.at("user_email").get<QString>(), kEmail);
    QCOMPARE(audit.at("user_id").get<qint64>(), m_aliceId);
    QCOMPARE(audit.at("role_name").get<QString>(), QStringLiteral("analyst"));

    // The usage log of an AI call counts it against her.
    const Json before = usageByUser();
    qint64 requestsBefore = 0;
    for (const Json &entry : before)
        if (entry.value("user_id", Json()) == Json(m_aliceId))
            requestsBefore = entry.at("requests").get<qint64>();
    const TestResponse chat = as(token, "POST", QStringLiteral("/api/v2/assistant/chat"),
                                 Json{{"messages", Json::array({{{"role", "user"}, {"content", "Hello"}}})}});
    QVERIFY2(chat.status == 200, chat.describe().constData());
    qint64 requestsAfter = 0;
    for (const Json &entry : usageByUser())
        if (entry.value("user_id", Json()) == Json(m_aliceId))
            requestsAfter = entry.at("requests").get<qint64>();
    QCOMPARE(requestsAfter, requestsBefore + 1);
}

GATEHOUSE_TEST_MAIN(TestIdentityPassthrough)
#include "tst_identitypassthrough.moc"
