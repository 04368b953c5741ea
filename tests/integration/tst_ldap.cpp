// LDAP and Active Directory sign-in end to end against a real slapd (tests/support/
// LdapTestServer): the `ldap` and `adldap` service types through /api/v2/user/session and
// /api/v2/system/admin/session — provisioning, wrong passwords and unknown names (one answer
// for both), disabled accounts, LDAP injection, group → role mapping that follows the
// directory, admin groups, directory lookups in a row filter, LDAPS and StartTLS with and
// without the CA, an unreachable and a silent directory, the probe, and a bind password that
// never leaves the gateway.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>

#include <QDir>
#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "LdapTestServer.h"
#include "TestMain.h"
#include "TestServer.h"
#include "services/IdentityProvider.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kUserSession = QStringLiteral("/api/v2/user/session");
const QString kAdminSession = QStringLiteral("/api/v2/system/admin/session");
const char *kInvalid = "Invalid credentials supplied.";

QString errorMessage(const TestResponse &r)
{
    const auto error = r.json.is_object() ? r.json.find("error") : r.json.end();
    if (!r.json.is_object() || error == r.json.end() || !error->is_object())
        return QString();
    return str(error->value("message", Json("")));
}
} // namespace

class TestLdap : public QObject
{
    Q_OBJECT

private:
    LdapTestServer m_ldap;
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    std::ostringstream m_log;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;
    qint64 m_roleDefault = 0;
    qint64 m_roleAnalyst = 0;
    qint64 m_roleEngineer = 0;
    qint64 m_ldapServiceId = 0;
    QString m_key;

    Json ldapConfig() const
    {
        return Json{{"host", "127.0.0.1"},
                    {"port", m_ldap.ldapPort()},
                    {"bind_dn", LdapTestServer::kServiceDn},
                    {"bind_password", LdapTestServer::kServicePassword},
                    {"base_dn", "ou=people,dc=example,dc=org"},
                    {"group_base_dn", "ou=groups,dc=example,dc=org"},
                    {"user_filter", "(objectClass=inetOrgPerson)"},
                    {"disabled_filter", "(employeeType=disabled)"},
                    {"attributes", {{"department", "departmentNumber"}}},
                    {"timeout", 5},
                    {"group_role_map", Json::array({{{"group", "analysts"}, {"role_id", m_roleAnalyst}},
                                                    {{"group", "cn=engineers,ou=groups,dc=example,dc=org"},
                                                     {"role_id", m_roleEngineer}},
                                                    {{"group", "specials"}, {"role_id", m_roleEngineer}}})},
                    {"admin_groups", Json::array({"gh-admins"})}};
    }

    TestResponse signIn(const QString &service, const QString &username, const QString &password,
                        const QString &path = kUserSession)
    {
        Headers headers;
        if (path == kUserSession)
            headers.append({"X-DreamFactory-API-Key", m_key.toLatin1()});
        return m_server->request("POST", path,
                                 Json{{"service", service}, {"username", username}, {"password", password}},
                                 headers);
    }

    qint64 createLdapService(const QString &name, const QString &type, const Json &config)
    {
        const TestResponse r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource", {{{"name", name}, {"type", type}, {"is_active", true}, {"config", config}}}}});
        if (r.status != 201) {
            qWarning("service %s not created: %s", qPrintable(name), r.describe().constData());
            return 0;
        }
        return r.json["resource"][0]["id"].get<qint64>();
    }

    // GET on the lookups table through the data service with the user's session.
    TestResponse lookupRows(const QString &token)
    {
        return m_server->request("GET", QStringLiteral("/api/v2/ldapdata/_table/notes?fields=id&order=id"),
                                 nullptr,
                                 Headers{{"X-DreamFactory-Session-Token", token.toLatin1()},
                                         {"X-DreamFactory-API-Key", m_key.toLatin1()}});
    }

    static QList<qint64> ids(const TestResponse &r)
    {
        QList<qint64> out;
        if (!r.json.is_object() || !r.json.contains("resource"))
            return out;
        for (const Json &row : r.json["resource"])
            out << row["id"].get<qint64>();
        return out;
    }

    Json probe(const QString &type, const Json &config)
    {
        const ServiceType *t = m_server->engine().services().type(type);
        if (!t || !t->probe)
            return nullptr;
        ServiceInfo info;
        info.name = QStringLiteral("probe");
        info.type = type;
        info.config = config;
        Json result;
        bool done = false;
        t->probe(info, m_server->engine().services().environment(), [&](Json r) {
            result = std::move(r);
            done = true;
        });
        // The answer never comes before the call returns.
        if (done)
            return Json("answered synchronously");
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            return nullptr;
        return result;
    }

private slots:
    void initTestCase()
    {
        GATEHOUSE_REQUIRE_SLAPD();
        QVERIFY2(m_ldap.start(), qPrintable(m_ldap.errorString()));
        QVERIFY(m_dir.isValid());

        TestServer::Options options;
        // Many refusals from one address are the point of these tests.
        options.settings = {{QStringLiteral("login_max_failures"), QStringLiteral("1000")},
                            {QStringLiteral("login_address_max_failures"), QStringLiteral("1000")}};
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_log);
        spdlog::default_logger()->sinks().push_back(m_sink);

        // A SQLite table whose row filter reads the directory lookups.
        const QString dbFile = m_dir.filePath(QStringLiteral("ldapdata.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("ldapseed"));
            db.setDatabaseName(dbFile);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT, dept "
                                          "TEXT, grp_names TEXT, grp_dns TEXT)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO notes VALUES "
                "(1, 'alice', 'Sales', 'analysts,legacy', "
                "'cn=analysts,ou=groups,dc=example,dc=org,cn=legacy,ou=groups,dc=example,dc=org'), "
                "(2, 'alice', 'Engineering', 'analysts,legacy', "
                "'cn=analysts,ou=groups,dc=example,dc=org,cn=legacy,ou=groups,dc=example,dc=org'), "
                "(3, 'alice', 'Sales', 'analysts', 'cn=analysts,ou=groups,dc=example,dc=org'), "
                "(4, 'bob', 'Engineering', 'engineers,gh-admins', "
                "'cn=engineers,ou=groups,dc=example,dc=org,cn=gh-admins,ou=groups,dc=example,dc=org')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ldapseed"));
        const qint64 data = m_server->createService(
            {{"name", "ldapdata"}, {"type", "sqlite"}, {"config", {{"database", dbFile.toStdString()}}}});
        QVERIFY(data > 0);

        const Json mine =
            Json::array({{{"name", "owner"}, {"operator", "="}, {"value", "{user.ldap_username}"}},
                         {{"name", "dept"}, {"operator", "="}, {"value", "{user.department}"}},
                         {{"name", "grp_names"}, {"operator", "="}, {"value", "{user.group_names}"}},
                         {{"name", "grp_dns"}, {"operator", "="}, {"value", "{user.groups}"}}});
        m_roleAnalyst =
            m_server->createRole(QStringLiteral("ldap-analyst"), Json::array({{{"service_id", data},
                                                                               {"component", "_table/*"},
                                                                               {"verb_mask", 1},
                                                                               {"requestor_mask", 1},
                                                                               {"filter_op", "AND"},
                                                                               {"filters", mine}}}));
        m_roleEngineer =
            m_server->createRole(QStringLiteral("ldap-engineer"), Json::array({{{"service_id", data},
                                                                                {"component", "_table/*"},
                                                                                {"verb_mask", 1},
                                                                                {"requestor_mask", 1}}}));
        m_roleDefault = m_server->createRole(QStringLiteral("ldap-default"), Json::array());
        QVERIFY(m_roleAnalyst > 0 && m_roleEngineer > 0 && m_roleDefault > 0);
        m_key = m_server->createAppKey(QStringLiteral("ldap-app"), m_roleDefault);
        QVERIFY(!m_key.isEmpty());

        m_ldapServiceId =
            createLdapService(QStringLiteral("corp_ldap"), QStringLiteral("ldap"), ldapConfig());
        QVERIFY(m_ldapServiceId > 0);
    }

    void cleanupTestCase()
    {
        if (m_sink)
            std::erase(spdlog::default_logger()->sinks(), m_sink);
        m_server.reset();
        m_ldap.stop();
    }

    void signInProvisionsTheUser()
    {
        const TestResponse r =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["email"]), QStringLiteral("alice@example.org"));
        QCOMPARE(str(r.json["first_name"]), QStringLiteral("Alice"));
        QCOMPARE(str(r.json["last_name"]), QStringLiteral("Archer"));
        QCOMPARE(str(r.json["name"]), QStringLiteral("Alice Archer"));
        QCOMPARE(r.json["is_sys_admin"].get<bool>(), false);
        // analysts → ldap-analyst (group_role_map by name)
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleAnalyst);
        const QString token = str(r.json["session_token"]);
        QVERIFY(!token.isEmpty());

        // The same person again: the same user.
        const TestResponse again =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("ALICE"), QStringLiteral("alice-Passw0rd"));
        QVERIFY2(again.status == 200, again.describe().constData());
        QCOMPARE(again.json["id"].get<qint64>(), r.json["id"].get<qint64>());
    }

    void lookupsReachRowFilters()
    {
        const TestResponse r =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        // owner = {user.ldap_username}, dept = {user.department} (departmentNumber),
        // grp_names = {user.group_names}, grp_dns = {user.groups}: only row 1 matches all four.
        const TestResponse rows = lookupRows(str(r.json["session_token"]));
        QVERIFY2(rows.status == 200, rows.describe().constData());
        QCOMPARE(ids(rows), QList<qint64>({1}));
    }

    void wrongPasswordAndUnknownUserLookAlike()
    {
        const TestResponse wrong =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QStringLiteral("not-her-password"));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(errorMessage(wrong), QString::fromLatin1(kInvalid));
        const TestResponse unknown =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("mallory"), QStringLiteral("alice-Passw0rd"));
        QCOMPARE(unknown.status, 401);
        QCOMPARE(errorMessage(unknown), QString::fromLatin1(kInvalid));
        // Another user's password does not open alice's account.
        const TestResponse other =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QStringLiteral("bob-Passw0rd"));
        QCOMPARE(other.status, 401);
    }

    void emptyPasswordRefused()
    {
        const TestResponse r = signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QString());
        QVERIFY2(r.status == 400 || r.status == 401, r.describe().constData());
        QVERIFY(!r.json.contains("session_token"));
        // Whitespace is a password like any other (and a wrong one): no unauthenticated bind.
        QCOMPARE(signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QStringLiteral(" ")).status,
                 401);
    }

    void disabledAccountForbidden()
    {
        const TestResponse r =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("carol"), QStringLiteral("carol-Passw0rd"));
        QCOMPARE(r.status, 403);
        QVERIFY2(errorMessage(r).contains(QLatin1String("disabled")), r.describe().constData());
        QVERIFY(!r.json.contains("session_token"));
    }

    void injectionNeverSignsAnyoneIn_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::newRow("star") << "*"
                              << "alice-Passw0rd";
        QTest::newRow("prefix star") << "al*"
                                     << "alice-Passw0rd";
        QTest::newRow("close paren") << "alice)(uid=*"
                                     << "alice-Passw0rd";
        QTest::newRow("or everyone") << "*)(|(objectClass=*"
                                     << "alice-Passw0rd";
        QTest::newRow("admin or") << "admin)(|(uid=*"
                                  << "alice-Passw0rd";
        QTest::newRow("closing both") << "alice))(|(uid=*)"
                                      << "alice-Passw0rd";
        QTest::newRow("NUL") << QString(QStringLiteral("alice") + QChar(0) + QStringLiteral("x"))
                             << "alice-Passw0rd";
        QTest::newRow("backslash") << "alice\\"
                                   << "alice-Passw0rd";
        QTest::newRow("escaped star") << "\\2a"
                                      << "alice-Passw0rd";
        QTest::newRow("dn as name") << "uid=alice,ou=people,dc=example,dc=org"
                                    << "alice-Passw0rd";
        QTest::newRow("star, empty-ish password") << "*"
                                                  << " ";
    }
    void injectionNeverSignsAnyoneIn()
    {
        QFETCH(QString, username);
        QFETCH(QString, password);
        const TestResponse r = signIn(QStringLiteral("corp_ldap"), username, password);
        QVERIFY2(r.status == 401 || r.status == 400, r.describe().constData());
        QVERIFY(!r.json.contains("session_token"));
        if (r.status == 401)
            QCOMPARE(errorMessage(r), QString::fromLatin1(kInvalid));
    }

    void specialCharactersAreLiterals()
    {
        // The name holds * ( ) and a comma (escaped in its DN): it matches itself only, and the
        // group search by its DN finds cn=specials (mapped to ldap-engineer).
        const QString zed = QStringLiteral("zed*(x), jr");
        TestResponse r = signIn(QStringLiteral("corp_ldap"), zed, QStringLiteral("zed-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["email"]), QStringLiteral("zed@example.org"));
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleEngineer);
        for (const QString &wildcard :
             {QStringLiteral("zed*"), QStringLiteral("zed*(x)*"), QStringLiteral("*jr")}) {
            r = signIn(QStringLiteral("corp_ldap"), wildcard, QStringLiteral("zed-Passw0rd"));
            QVERIFY2(r.status == 401, r.describe().constData());
        }
    }

    void adminGroupsDecideAdminSessions()
    {
        const TestResponse bob = signIn(QStringLiteral("corp_ldap"), QStringLiteral("bob"),
                                        QStringLiteral("bob-Passw0rd"), kAdminSession);
        QVERIFY2(bob.status == 200, bob.describe().constData());
        QCOMPARE(bob.json["is_sys_admin"].get<bool>(), true);
        // The admin token works on the system API.
        const TestResponse services = m_server->request(
            "GET", QStringLiteral("/api/v2/system/service?fields=name"), nullptr,
            Headers{{"X-DreamFactory-Session-Token", str(bob.json["session_token"]).toLatin1()}});
        QVERIFY2(services.status == 200, services.describe().constData());

        const TestResponse alice = signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"),
                                          QStringLiteral("alice-Passw0rd"), kAdminSession);
        QCOMPARE(alice.status, 403);
        QVERIFY(!alice.json.contains("session_token"));
    }

    void groupRoleFollowsTheDirectory()
    {
        TestResponse r =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("bob"), QStringLiteral("bob-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleEngineer);

        // Bob moves from engineers to analysts: his next sign-in gets the analyst role.
        QVERIFY2(m_ldap.modify("dn: cn=engineers,ou=groups,dc=example,dc=org\nchangetype: modify\n"
                               "delete: member\nmember: uid=bob,ou=people,dc=example,dc=org\n-\n"
                               "add: member\nmember: uid=alice,ou=people,dc=example,dc=org\n\n"
                               "dn: cn=analysts,ou=groups,dc=example,dc=org\nchangetype: modify\n"
                               "add: member\nmember: uid=bob,ou=people,dc=example,dc=org\n"),
                 qPrintable(m_ldap.errorString()));
        r = signIn(QStringLiteral("corp_ldap"), QStringLiteral("bob"), QStringLiteral("bob-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleAnalyst);

        // Out of every mapped group: the app's default role.
        QVERIFY(m_ldap.modify("dn: cn=analysts,ou=groups,dc=example,dc=org\nchangetype: modify\n"
                              "delete: member\nmember: uid=bob,ou=people,dc=example,dc=org\n"));
        r = signIn(QStringLiteral("corp_ldap"), QStringLiteral("bob"), QStringLiteral("bob-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleDefault);

        // Back as it was.
        QVERIFY(m_ldap.modify("dn: cn=engineers,ou=groups,dc=example,dc=org\nchangetype: modify\n"
                              "add: member\nmember: uid=bob,ou=people,dc=example,dc=org\n-\n"
                              "delete: member\nmember: uid=alice,ou=people,dc=example,dc=org\n"));
        r = signIn(QStringLiteral("corp_ldap"), QStringLiteral("bob"), QStringLiteral("bob-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleEngineer);
    }

    void anotherServiceCannotTakeAnAddressOver()
    {
        // corp_ldap's alice owns alice@example.org; the same entry through another service is
        // another identity and may not sign in as her.
        Json config = ldapConfig();
        QVERIFY(createLdapService(QStringLiteral("corp_ldap_twin"), QStringLiteral("ldap"), config) > 0);
        const TestResponse r = signIn(QStringLiteral("corp_ldap_twin"), QStringLiteral("alice"),
                                      QStringLiteral("alice-Passw0rd"));
        QCOMPARE(r.status, 409);
        QVERIFY(!r.json.contains("session_token"));
    }

    void ldapsAndStartTls()
    {
        Json ldaps = ldapConfig();
        ldaps["encryption"] = "ldaps";
        ldaps["port"] = m_ldap.ldapsPort();
        ldaps["ca_certificate"] = QString::fromLatin1(m_ldap.caCertificatePem());
        // alice@example.org belongs to corp_ldap's user now (a second service may not take an
        // address over): these services read no email, so their users get placeholders.
        ldaps["email_attribute"] = "employeeNumber";
        QVERIFY(createLdapService(QStringLiteral("corp_ldaps"), QStringLiteral("ldap"), ldaps) > 0);
        TestResponse r =
            signIn(QStringLiteral("corp_ldaps"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());

        Json starttls = ldapConfig();
        starttls["encryption"] = "starttls";
        starttls["ca_certificate"] = m_ldap.caCertificateFile(); // a file path this time
        starttls["email_attribute"] = "employeeNumber";
        QVERIFY(createLdapService(QStringLiteral("corp_starttls"), QStringLiteral("ldap"), starttls) > 0);
        r = signIn(QStringLiteral("corp_starttls"), QStringLiteral("alice"),
                   QStringLiteral("alice-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(
            signIn(QStringLiteral("corp_starttls"), QStringLiteral("alice"), QStringLiteral("wrong")).status,
            401);
    }

    void untrustedCertificatesRefused()
    {
        // Without the test CA the server's certificate is not trusted: no sign-in, a clear 502.
        Json ldaps = ldapConfig();
        ldaps["encryption"] = "ldaps";
        ldaps["port"] = m_ldap.ldapsPort();
        QVERIFY(createLdapService(QStringLiteral("corp_ldaps_untrusted"), QStringLiteral("ldap"), ldaps) > 0);
        TestResponse r = signIn(QStringLiteral("corp_ldaps_untrusted"), QStringLiteral("alice"),
                                QStringLiteral("alice-Passw0rd"));
        QCOMPARE(r.status, 502);
        QVERIFY2(errorMessage(r).contains(QLatin1String("certificate")), r.describe().constData());
        qInfo("untrusted LDAPS: %s", qPrintable(errorMessage(r)));

        Json starttls = ldapConfig();
        starttls["encryption"] = "starttls";
        QVERIFY(createLdapService(QStringLiteral("corp_starttls_untrusted"), QStringLiteral("ldap"),
                                  starttls) > 0);
        r = signIn(QStringLiteral("corp_starttls_untrusted"), QStringLiteral("alice"),
                   QStringLiteral("alice-Passw0rd"));
        QCOMPARE(r.status, 502);
        QVERIFY2(errorMessage(r).contains(QLatin1String("certificate")), r.describe().constData());
    }

    void unreachableAndSilentDirectories()
    {
        // Nothing listens: 502.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        Json down = ldapConfig();
        down["port"] = closedPort;
        QVERIFY(createLdapService(QStringLiteral("corp_down"), QStringLiteral("ldap"), down) > 0);
        TestResponse r =
            signIn(QStringLiteral("corp_down"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"));
        QCOMPARE(r.status, 502);

        // Accepts connections, never answers: 504 after the timeout, and the gateway keeps
        // serving meanwhile (the bind waits on the LDAP pool, not the event loop).
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        Json slow = ldapConfig();
        slow["port"] = silent.serverPort();
        slow["timeout"] = 1;
        QVERIFY(createLdapService(QStringLiteral("corp_silent"), QStringLiteral("ldap"), slow) > 0);
        r = signIn(QStringLiteral("corp_silent"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"));
        QCOMPARE(r.status, 504);
        qInfo("silent directory: %s", qPrintable(errorMessage(r)));

        // While a sign-in waits on that directory (5 s this time), the gateway answers others,
        // and the provider's callback comes later, on this thread.
        slow["timeout"] = 5;
        QVERIFY(createLdapService(QStringLiteral("corp_silent5"), QStringLiteral("ldap"), slow) > 0);
        const auto service = m_server->engine().services().find(QStringLiteral("corp_silent5"));
        QVERIFY(service && service->identityProvider());
        int status = 0;
        bool sameThread = false;
        service->identityProvider()->signInWithPassword(
            QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"),
            [&](ExternalIdentity) { status = 200; },
            [&](HttpResponse response) {
                sameThread = QThread::currentThread() == thread();
                status = response.status;
            });
        QCOMPARE(status, 0); // never before the call returns
        const TestResponse other =
            signIn(QStringLiteral("corp_ldap"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"));
        QVERIFY2(other.status == 200, other.describe().constData());
        QCOMPARE(status, 0); // the silent one is still waiting
        QTRY_VERIFY_WITH_TIMEOUT(status != 0, 30000);
        QCOMPARE(status, 504);
        QVERIFY(sameThread);
    }

    void activeDirectory()
    {
        const Json config{
            {"host", "127.0.0.1"},
            {"port", m_ldap.ldapPort()},
            {"bind_dn", LdapTestServer::kServiceDn},
            {"bind_password", LdapTestServer::kServicePassword},
            {"base_dn", "ou=corp,dc=example,dc=org"},
            {"user_filter", "(objectClass=gatehouseAdUser)"},
            {"domain", "corp.example.org"},
            {"group_role_map", Json::array({{{"group", "analysts"}, {"role_id", m_roleAnalyst}}})}};
        QVERIFY(createLdapService(QStringLiteral("corp_ad"), QStringLiteral("adldap"), config) > 0);

        TestResponse r =
            signIn(QStringLiteral("corp_ad"), QStringLiteral("ddoe"), QStringLiteral("ddoe-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["email"]), QStringLiteral("dave@corp.example.org"));
        QCOMPARE(str(r.json["name"]), QStringLiteral("Dave Doe")); // displayName
        QCOMPARE(r.json["role_id"].get<qint64>(), m_roleAnalyst);  // memberOf cn=analysts,...
        const qint64 dave = r.json["id"].get<qint64>();

        // user@domain and DOMAIN\user name the same account.
        r = signIn(QStringLiteral("corp_ad"), QStringLiteral("ddoe@corp.example.org"),
                   QStringLiteral("ddoe-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["id"].get<qint64>(), dave);
        r = signIn(QStringLiteral("corp_ad"), QStringLiteral("CORP\\ddoe"), QStringLiteral("ddoe-Passw0rd"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["id"].get<qint64>(), dave);

        // userAccountControl 514 has the ACCOUNTDISABLE bit: 403.
        r = signIn(QStringLiteral("corp_ad"), QStringLiteral("eeve"), QStringLiteral("eeve-Passw0rd"));
        QCOMPARE(r.status, 403);
        QVERIFY(errorMessage(r).contains(QLatin1String("disabled")));

        QCOMPARE(signIn(QStringLiteral("corp_ad"), QStringLiteral("ddoe"), QStringLiteral("wrong")).status,
                 401);
        QCOMPARE(
            signIn(QStringLiteral("corp_ad"), QStringLiteral("*"), QStringLiteral("ddoe-Passw0rd")).status,
            401);
        // The ldap users live outside this base and class.
        QCOMPARE(signIn(QStringLiteral("corp_ad"), QStringLiteral("alice"), QStringLiteral("alice-Passw0rd"))
                     .status,
                 401);
    }

    void invalidConfigsRefused()
    {
        Json config = ldapConfig();
        config["bind_passwd"] = "typo";
        TestResponse r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource", {{{"name", "bad_ldap"}, {"type", "ldap"}, {"config", config}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.describe().contains("bind_passwd"), r.describe().constData());

        config = ldapConfig();
        config["group_role_map"] = Json::array({{{"group", "analysts"}, {"role_id", 987654}}});
        r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource", {{{"name", "bad_ldap"}, {"type", "ldap"}, {"config", config}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.describe().contains("987654"), r.describe().constData());

        config = ldapConfig();
        config["attributes"] = Json{{"Dept", "departmentNumber"}};
        r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource", {{{"name", "bad_ldap"}, {"type", "adldap"}, {"config", config}}}}});
        QCOMPARE(r.status, 400);
    }

    void probeReportsSteps()
    {
        Json result = probe(QStringLiteral("ldap"), ldapConfig());
        QVERIFY2(result.is_object(), result.dump().c_str());
        QVERIFY2(result["success"].get<bool>(), result.dump().c_str());
        QCOMPARE(result["steps"].size(), size_t(3));
        QVERIFY(str(result["steps"][2]["detail"]).contains(QLatin1String("4 user(s)")));

        Json bad = ldapConfig();
        bad["bind_password"] = "wrong";
        result = probe(QStringLiteral("ldap"), bad);
        QVERIFY2(result.is_object() && !result["success"].get<bool>(), result.dump().c_str());
        QCOMPARE(str(result["steps"].back()["name"]), QStringLiteral("bind"));
        QVERIFY(!QString::fromStdString(result.dump()).contains(QLatin1String("wrong\"")));

        Json untrusted = ldapConfig();
        untrusted["encryption"] = "starttls";
        result = probe(QStringLiteral("ldap"), untrusted);
        QVERIFY2(result.is_object() && !result["success"].get<bool>(), result.dump().c_str());
        QCOMPARE(str(result["steps"].back()["name"]), QStringLiteral("connect"));
    }

    // The console's Test button and sign-in dialog, against the real directory.
    void consoleEndpoints()
    {
        // The stored service's masked password is filled from the service itself.
        const TestResponse stored =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_ldapServiceId));
        QVERIFY2(stored.status == 200, stored.describe().constData());
        Json definition{{"id", m_ldapServiceId}, {"type", "ldap"}, {"config", stored.json["config"]}};
        TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/service/_test"), definition);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY2(r.json["success"].get<bool>(), r.describe().constData());
        QVERIFY(!r.body.contains(LdapTestServer::kServicePassword));
        // A typed password wins over the stored one.
        definition["config"]["bind_password"] = "not-the-password";
        r = m_server->admin("POST", QStringLiteral("/api/v2/system/service/_test"), definition);
        QVERIFY2(r.status == 200 && !r.json["success"].get<bool>(), r.describe().constData());
        QCOMPARE(str(r.json["steps"].back()["name"]), QStringLiteral("bind"));

        const TestResponse env = m_server->request("GET", QStringLiteral("/api/v2/system/environment"));
        QVERIFY2(env.status == 200, env.describe().constData());
        bool listed = false;
        for (const Json &entry : env.json["authentication"]["ldap"])
            listed = listed || entry["name"] == Json("corp_ldap");
        QVERIFY2(listed, env.describe().constData());
        QVERIFY(!env.body.contains("bind_dn"));
    }

    void bindPasswordNeverLeaves()
    {
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_ldapServiceId));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.body.contains(LdapTestServer::kServicePassword));
        QVERIFY(r.json["config"].contains("bind_password"));
        QVERIFY(str(r.json["config"]["bind_password"]) != QLatin1String(LdapTestServer::kServicePassword));
        const TestResponse list = m_server->admin("GET", QStringLiteral("/api/v2/system/service?fields=*"));
        QVERIFY(!list.body.contains(LdapTestServer::kServicePassword));

        // Nor in the log, nor anywhere in the data folder (database, log files).
        spdlog::default_logger()->flush();
        const std::string log = m_log.str();
        QVERIFY(log.find(LdapTestServer::kServicePassword) == std::string::npos);
        QVERIFY(log.find("alice-Passw0rd") == std::string::npos);
        QDirIterator it(m_server->dataDir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(LdapTestServer::kServicePassword), qPrintable(file.fileName()));
        }
    }

    void serviceHasNoApiOfItsOwn()
    {
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/corp_ldap"));
        QVERIFY2(r.status == 404 || r.status == 403, r.describe().constData());
    }
};

GATEHOUSE_TEST_MAIN(TestLdap)
#include "tst_ldap.moc"
