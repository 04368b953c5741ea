// The two system endpoints the console is built on: GET /system/environment (public sign-in
// options) and POST /system/service/_test (the "Test" button), through the whole engine, with
// stand-in identity types (tests/support/FakeIdentityTypes) so no directory or IdP is needed.
#include <QTest>

#include "FakeIdentityTypes.h"
#include "TestMain.h"
#include "TestServer.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kEnvironment = QStringLiteral("/api/v2/system/environment");
const QString kTest = QStringLiteral("/api/v2/system/service/_test");
const QString kMask = QStringLiteral("**********");

QStringList names(const Json &list)
{
    QStringList out;
    for (const Json &entry : list)
        out << entry.at("name").get<QString>();
    return out;
}

Json ldapConfig(const QString &password)
{
    return Json{{"host", "127.0.0.1"},
                {"port", 1},
                {"encryption", "none"},
                {"bind_dn", "cn=reader,dc=example,dc=org"},
                {"bind_password", password},
                {"base_dn", "dc=example,dc=org"},
                {"user_filter", "(objectClass=person)"}};
}
} // namespace

class TestConsoleApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    qint64 m_ldapId = 0;
    qint64 m_oidcId = 0;

    TestResponse test(const Json &body) { return m_server->admin("POST", kTest, body); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        FakeIdentityTypes::install(m_server->engine().services());
        QVERIFY(!m_server->adminToken().isEmpty());
    }

    void environmentIsPublicAndEmptyWithoutIdentityServices()
    {
        const TestResponse r = m_server->request("GET", kEnvironment);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.at("platform").at("api_version").get<QString>(), QStringLiteral("2.0"));
        QVERIFY(!r.json.at("platform").at("version").get<QString>().isEmpty());
        const Json &auth = r.json.at("authentication");
        QCOMPARE(auth.at("login_attribute").get<QString>(), QStringLiteral("email"));
        QCOMPARE(auth.at("allow_open_registration").get<bool>(), false);
        QCOMPARE(auth.at("ldap").dump(), std::string("[]"));
        QCOMPARE(auth.at("adldap").dump(), std::string("[]"));
        QCOMPARE(auth.at("oauth").dump(), std::string("[]"));
        // Read-only.
        QCOMPARE(m_server->request("POST", kEnvironment, Json::object()).status, 405);
        // Only the resource itself is public.
        QCOMPARE(m_server->request("GET", kEnvironment + QStringLiteral("/x")).status, 400);
        QCOMPARE(m_server->admin("GET", kEnvironment + QStringLiteral("/x")).status, 404);
    }

    void environmentListsActiveIdentityServicesWithoutConfig()
    {
        m_ldapId = m_server->createService(
            Json{{"name", "corp"},
                 {"label", "Corporate directory"},
                 {"type", "ldap"},
                 {"config", ldapConfig(QLatin1String(FakeIdentityTypes::kProbeSecret))}});
        QVERIFY(m_ldapId > 0);
        QVERIFY(m_server->createService(Json{
                    {"name", "ad"}, {"type", "adldap"}, {"config", ldapConfig(QStringLiteral("x"))}}) > 0);
        QVERIFY(m_server->createService(Json{{"name", "old"},
                                             {"type", "ldap"},
                                             {"is_active", false},
                                             {"config", ldapConfig(QStringLiteral("x"))}}) > 0);
        m_oidcId = m_server->createService(Json{{"name", "sso"},
                                                {"label", "Acme SSO"},
                                                {"type", "oidc"},
                                                {"config",
                                                 {{"issuer", "https://idp.example.org"},
                                                  {"client_id", "gatehouse"},
                                                  {"client_secret", "Client-Secret-77"}}}});
        QVERIFY(m_oidcId > 0);

        const TestResponse r = m_server->request("GET", kEnvironment);
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json &auth = r.json.at("authentication");
        QCOMPARE(names(auth.at("ldap")), QStringList{QStringLiteral("corp")});
        QCOMPARE(names(auth.at("adldap")), QStringList{QStringLiteral("ad")});
        QCOMPARE(names(auth.at("oauth")), QStringList{QStringLiteral("sso")});
        const Json &corp = auth.at("ldap").at(0);
        QCOMPARE(corp.dump(), Json({{"name", "corp"},
                                    {"label", "Corporate directory"},
                                    {"type", "ldap"},
                                    {"verb", "POST"},
                                    {"path", "user/session"}})
                                  .dump());
        const Json &sso = auth.at("oauth").at(0);
        QCOMPARE(sso.dump(), Json({{"name", "sso"},
                                   {"label", "Acme SSO"},
                                   {"type", "oidc"},
                                   {"verb", "GET"},
                                   {"path", "user/session?service=sso"}})
                                 .dump());
        // Nothing of any config reaches a stranger.
        for (const char *secret : {"127.0.0.1", "cn=reader", "Client-Secret-77", "idp.example.org",
                                   FakeIdentityTypes::kProbeSecret, "\"config\""})
            QVERIFY2(!r.body.contains(secret), secret);

        // Switching a service off takes it off the list.
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_oidcId),
                             Json{{"is_active", false}})
                     .status,
                 200);
        QCOMPARE(names(m_server->request("GET", kEnvironment).json.at("authentication").at("oauth")),
                 QStringList());
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_oidcId),
                             Json{{"is_active", true}})
                     .status,
                 200);
        QCOMPARE(names(m_server->request("GET", kEnvironment).json.at("authentication").at("oauth")),
                 QStringList{QStringLiteral("sso")});
    }

    void testIsForSystemAdminsOnly()
    {
        const Json body{{"type", "ldap"}, {"config", ldapConfig(QStringLiteral("x"))}};
        // No credentials: DreamFactory's 400; credentials that do not hold: 401.
        const TestResponse anonymous = m_server->request("POST", kTest, body);
        QVERIFY2(anonymous.status == 400, anonymous.describe().constData());
        QVERIFY(anonymous.body.contains("No session token"));
        QCOMPARE(
            m_server->request("POST", kTest, body, {{"X-DreamFactory-Session-Token", "not-a-token"}}).status,
            401);
        // A role that may write system/service still does not make its user an admin.
        const qint64 role = m_server->createRole(
            QStringLiteral("service_editor"),
            Json::array(
                {{{"service_id", 1}, {"component", "service/*"}, {"verb_mask", 31}, {"requestor_mask", 1}}}));
        QVERIFY(role > 0);
        const QString key = m_server->createAppKey(QStringLiteral("editor_app"), role);
        QVERIFY(!key.isEmpty());
        QVERIFY(m_server->createUser(QStringLiteral("editor@test.local"),
                                     QStringLiteral("Editor-Passw0rd-1")) > 0);
        const TestResponse login = m_server->userLogin(QStringLiteral("editor@test.local"),
                                                       QStringLiteral("Editor-Passw0rd-1"), key);
        QVERIFY2(login.status == 200, login.describe().constData());
        const QByteArray token = login.json.at("session_token").get<QString>().toLatin1();
        const Headers headers{{"X-DreamFactory-API-Key", key.toLatin1()},
                              {"X-DreamFactory-Session-Token", token}};
        // The role does reach the service list...
        QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/system/service"), nullptr, headers).status,
                 200);
        // ...but not the test.
        const int before = FakeIdentityTypes::probedConfigs().size();
        const TestResponse r = m_server->request("POST", kTest, body, headers);
        QVERIFY2(r.status == 403, r.describe().constData());
        QCOMPARE(FakeIdentityTypes::probedConfigs().size(), before);
    }

    void testRunsTheTypesProbe()
    {
        TestResponse r = test(
            Json{{"type", "ldap"}, {"config", ldapConfig(QLatin1String(FakeIdentityTypes::kProbeSecret))}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.at("success").get<bool>(), true);
        QCOMPARE(r.json.at("steps").size(), size_t(2));
        QCOMPARE(r.json.at("steps").at(0).at("name").get<QString>(), QStringLiteral("connect"));
        QCOMPARE(r.json.at("steps").at(1).at("name").get<QString>(), QStringLiteral("bind"));

        r = test(Json{{"type", "ldap"}, {"config", ldapConfig(QStringLiteral("wrong"))}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.at("success").get<bool>(), false);
        QCOMPARE(r.json.at("steps").at(1).at("success").get<bool>(), false);
    }

    void testFillsMaskedSecretsFromTheStoredService()
    {
        // What an edit form holds: the stored config with the secret masked.
        const TestResponse stored =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_ldapId));
        QVERIFY2(stored.status == 200, stored.describe().constData());
        const Json config = stored.json.at("config");
        QCOMPARE(config.at("bind_password").get<QString>(), kMask);

        TestResponse r = test(Json{{"type", "ldap"}, {"id", m_ldapId}, {"config", config}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.at("success").get<bool>(), true);
        QCOMPARE(FakeIdentityTypes::probedConfigs().last().at("bind_password").get<QString>(),
                 QLatin1String(FakeIdentityTypes::kProbeSecret));
        // The reply never carries the secret.
        QVERIFY(!r.body.contains(FakeIdentityTypes::kProbeSecret));

        // Other fields are the form's, not the stored ones.
        Json changed = config;
        changed["host"] = "ldap.elsewhere.test";
        r = test(Json{{"type", "ldap"}, {"id", m_ldapId}, {"config", changed}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(FakeIdentityTypes::probedConfigs().last().at("host").get<QString>(),
                 QStringLiteral("ldap.elsewhere.test"));

        // Without an id the mask is no password: it is not sent to the directory.
        r = test(Json{{"type", "ldap"}, {"config", config}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.at("success").get<bool>(), false);
        QCOMPARE(FakeIdentityTypes::probedConfigs().last().at("bind_password").get<QString>(), QString());

        // A typed-in secret wins over the stored one.
        changed["bind_password"] = "typed-in";
        test(Json{{"type", "ldap"}, {"id", m_ldapId}, {"config", changed}});
        QCOMPARE(FakeIdentityTypes::probedConfigs().last().at("bind_password").get<QString>(),
                 QStringLiteral("typed-in"));

        // The stored secrets of one type never fill another's config.
        r = test(Json{{"type", "oidc"}, {"id", m_ldapId}, {"config", {{"client_secret", kMask}}}});
        QVERIFY2(r.status == 400, r.describe().constData());
        QCOMPARE(test(Json{{"type", "ldap"}, {"id", 999999}, {"config", config}}).status, 404);
    }

    void testRefusesWhatItCannotTest()
    {
        const int before = FakeIdentityTypes::probedConfigs().size();
        QCOMPARE(test(Json{{"type", "no_such_type"}, {"config", Json::object()}}).status, 400);
        QCOMPARE(test(Json{{"config", Json::object()}}).status, 400);
        QCOMPARE(test(Json{{"type", 7}}).status, 400);
        QCOMPARE(test(Json{{"type", "system"}}).status, 400);
        // A type without a probe.
        const TestResponse noProbe = test(Json{{"type", "mcp"}, {"config", Json::object()}});
        QVERIFY2(noProbe.status == 400, noProbe.describe().constData());
        QVERIFY(noProbe.json.at("error").at("message").get<QString>().contains(
            QStringLiteral("nothing to test")));
        QCOMPARE(test(Json{{"type", "ldap"}, {"config", "host=x"}}).status, 400);
        QCOMPARE(test(Json{{"type", "ldap"}, {"config", {{"bind_password", 5}}}}).status, 400);
        QCOMPARE(test(Json{{"type", "ldap"}, {"id", "corp"}, {"config", Json::object()}}).status, 400);
        // Role maps name real roles.
        QCOMPARE(test(Json{{"type", "ldap"}, {"config", {{"host", "x"}, {"default_role", 987654}}}}).status,
                 400);
        QCOMPARE(test(Json::array()).status, 400);
        QCOMPARE(m_server->admin("GET", kTest).status, 405);
        QCOMPARE(FakeIdentityTypes::probedConfigs().size(), before);
    }
};

GATEHOUSE_TEST_MAIN(TestConsoleApi)
#include "tst_consoleapi.moc"
