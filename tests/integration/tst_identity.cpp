// The identity core behind every directory and identity-provider service: sign-in through a
// service, provisioning (create, update, no takeover, deactivation, admin status), group→role
// mapping, directory lookups in row filters, and identity-provider bearer tokens in the gate.
// A scripted directory stands in for LDAP/OIDC here; tst_ldap and tst_oidc use real servers.

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "Engine.h"
#include "TestMain.h"
#include "TestServer.h"
#include "core/ApiError.h"
#include "services/IdentityProvider.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const char kIssuer[] = "https://directory.test";

// A directory whose people the test scripts: password sign-in and "bearer tokens" whose
// signature segment is the literal "valid" (the real signature checks live in tst_oidc).
class ScriptedDirectory : public Service, public IdentityProvider
{
public:
    struct Person
    {
        QString password;
        ExternalIdentity identity;
    };
    static QHash<QString, Person> &people()
    {
        static QHash<QString, Person> table;
        return table;
    }
    static QString &lastAudience()
    {
        static QString audience;
        return audience;
    }

    explicit ScriptedDirectory(const ServiceInfo &info)
        : Service(info)
        , m_roles(IdentityRoleMap::fromConfig(info.config))
    {
        if (info.config.contains("app_id"))
            m_appId = info.config.at("app_id").get<qint64>();
    }

    QStringList accessComponents() const override { return {}; }
    void handle(std::shared_ptr<const RequestContext>, Completion done) override
    {
        done(HttpResponse::fromError(ApiError::notFound(QStringLiteral("Nothing here."))));
    }
    IdentityProvider *identityProvider() override { return this; }
    QString signInKind() const override { return QStringLiteral("ldap"); }
    const IdentityRoleMap &roleMap() const override { return m_roles; }

    void signInWithPassword(const QString &username, const QString &password, OnIdentity onIdentity,
                            OnError onError) override
    {
        const auto it = people().constFind(username);
        const bool ok = it != people().constEnd() && it->password == password;
        ExternalIdentity identity = ok ? it->identity : ExternalIdentity();
        identity.serviceId = info().id;
        identity.serviceName = info().name;
        QTimer::singleShot(0, [ok, identity, onIdentity, onError] {
            if (ok)
                onIdentity(identity);
            else
                onError(HttpResponse::fromError(
                    ApiError::unauthorized(QStringLiteral("Invalid credentials supplied."))));
        });
    }

    bool acceptsIssuer(const QString &issuer) const override { return issuer == QLatin1String(kIssuer); }
    void verifyBearer(const QString &token, const QString &audience, OnIdentity onIdentity,
                      OnError onError) override
    {
        lastAudience() = audience;
        const QStringList parts = token.split(QLatin1Char('.'));
        const Json payload = parseJsonOrDiscarded(QByteArray::fromBase64(
            parts.value(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        const QString subject =
            payload.is_object() ? QString::fromStdString(payload.value("sub", std::string())) : QString();
        const bool ok = parts.value(2) == QLatin1String("valid") && people().contains(subject);
        ExternalIdentity identity = ok ? people().value(subject).identity : ExternalIdentity();
        identity.serviceId = info().id;
        identity.serviceName = info().name;
        QTimer::singleShot(0, [ok, identity, onIdentity, onError] {
            if (ok)
                onIdentity(identity);
            else
                onError(HttpResponse::fromError(
                    ApiError::unauthorized(QStringLiteral("Invalid token: rejected."))));
        });
    }
    std::optional<qint64> bearerAppId() const override { return m_appId; }

private:
    IdentityRoleMap m_roles;
    std::optional<qint64> m_appId;
};

ExternalIdentity person(const QString &username, const QString &email, const QStringList &groups,
                        const QHash<QString, QString> &attributes = {})
{
    ExternalIdentity identity;
    identity.subject = QStringLiteral("uid=%1,ou=people,dc=test").arg(username);
    identity.username = username;
    identity.email = email;
    identity.name = username.toUpper();
    identity.groups = groups;
    identity.attributes = attributes;
    return identity;
}

QString bearer(const QString &subject, const QString &signature = QStringLiteral("valid"))
{
    const auto segment = [](const Json &json) {
        return QString::fromLatin1(
            QByteArray::fromStdString(json.dump())
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return segment(Json{{"alg", "RS256"}, {"typ", "JWT"}}) + QLatin1Char('.') +
           segment(Json{{"iss", kIssuer}, {"sub", subject.toStdString()}}) + QLatin1Char('.') + signature;
}
} // namespace

class TestIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signInProvisionsTheUser();
    void directoryLookupsReachRowFilters();
    void groupChangesChangeTheRole();
    void badCredentialsAreRefusedAlike();
    void repeatedFailuresAreThrottled();
    void badSignInRequests();
    void anExistingAccountIsNeverTakenOver();
    void aDeactivatedUserStaysOut();
    void adminGroupsDecideAdminStatus();
    void anUnchangedIdentityWritesNothing();
    void bearerTokensFromTheProvider();
    void trustedAddressesLinkAccounts();

private:
    TestResponse signIn(const QString &username, const QString &password,
                        const QString &path = QStringLiteral("/api/v2/user/session"));
    TestResponse notes(const QString &token);
    Json userRow(const QString &email, const QString &resource = QStringLiteral("user"));

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    QString m_apiKey;
    qint64 m_appId = 0;
    qint64 m_ownerRole = 0;
    qint64 m_deptRole = 0;
};

void TestIdentity::initTestCase()
{
    TestServer::Options options;
    options.settings.insert(QStringLiteral("login_max_failures"), QStringLiteral("3"));
    options.settings.insert(QStringLiteral("login_address_max_failures"), QStringLiteral("1000"));
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

    ServiceType type;
    type.name = QStringLiteral("scripted_directory");
    type.label = QStringLiteral("Scripted directory");
    type.group = QStringLiteral("Identity");
    type.create = [](const ServiceInfo &info, const ServiceEnvironment &) {
        return std::make_shared<ScriptedDirectory>(info);
    };
    m_server->engine().services().registerType(type);

    // Notes owned by directory usernames, tagged with a department.
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("notes.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(
            QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT, dept TEXT, body TEXT)")));
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO notes (owner, dept, body) VALUES ('alice', 'sales', 'a1'), "
                                  "('alice', 'ops', 'a2'), ('bob', 'sales', 'b1'), ('carol', 'ops', 'c1')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("seed"));
    const qint64 notesId = m_server->createService(
        {{"name", "notes"}, {"type", "sqlite"}, {"config", {{"database", path.toStdString()}}}});
    QVERIFY(notesId > 0);
    auto reader = [notesId](const char *column, const char *lookup) {
        const Json filter = Json::array({{{"name", column}, {"operator", "="}, {"value", lookup}}});
        return Json::array({{{"service_id", notesId},
                             {"component", "_table/notes"},
                             {"verb_mask", 1},
                             {"requestor_mask", 1},
                             {"filters", filter}}});
    };
    m_ownerRole =
        m_server->createRole(QStringLiteral("owner_reader"), reader("owner", "{user.ldap_username}"));
    m_deptRole = m_server->createRole(QStringLiteral("dept_reader"), reader("dept", "{user.department}"));
    const qint64 nothing = m_server->createRole(QStringLiteral("nothing"), Json::array());
    QVERIFY(m_ownerRole > 0 && m_deptRole > 0 && nothing > 0);
    m_apiKey = m_server->createAppKey(QStringLiteral("portal"), nothing);
    QVERIFY(!m_apiKey.isEmpty());
    const TestResponse apps =
        m_server->admin("GET", QStringLiteral("/api/v2/system/app?filter=name%3Dportal"));
    m_appId = apps.json.at("resource").at(0).at("id").get<qint64>();

    const qint64 directoryId = m_server->createService(
        {{"name", "corp"},
         {"type", "scripted_directory"},
         {"config",
          {{"app_id", m_appId},
           {"group_role_map",
            Json::array({{{"group", "Analysts"}, {"app_id", m_appId}, {"role_id", m_deptRole}},
                         {{"group", "cn=staff,ou=groups,dc=test"}, {"role_id", m_ownerRole}}})},
           {"admin_groups", Json::array({"gh-admins"})}}}});
    QVERIFY(directoryId > 0);

    auto &people = ScriptedDirectory::people();
    people.insert(
        QStringLiteral("alice"),
        {QStringLiteral("alice-pw"), person(QStringLiteral("alice"), QStringLiteral("Alice@Example.org"),
                                            {QStringLiteral("cn=staff,ou=groups,dc=test")},
                                            {{QStringLiteral("department"), QStringLiteral("sales")}})});
    people.insert(
        QStringLiteral("mallory"),
        {QStringLiteral("m-pw"), person(QStringLiteral("mallory"), QLatin1String(TestServer::kAdminEmail),
                                        {QStringLiteral("gh-admins")})});
    people.insert(QStringLiteral("root"),
                  {QStringLiteral("root-pw"), person(QStringLiteral("root"), QString(),
                                                     {QStringLiteral("cn=gh-admins,ou=groups,dc=test")})});
    people.insert(
        QStringLiteral("carol"),
        {QStringLiteral("carol-pw"), person(QStringLiteral("carol"), QStringLiteral("carol@example.org"),
                                            {QStringLiteral("cn=staff,ou=groups,dc=test")})});
}

TestResponse TestIdentity::signIn(const QString &username, const QString &password, const QString &path)
{
    return m_server->request(
        "POST", path,
        Json{{"service", "corp"}, {"username", username.toStdString()}, {"password", password.toStdString()}},
        {{"X-DreamFactory-API-Key", m_apiKey.toLatin1()}});
}

TestResponse TestIdentity::notes(const QString &token)
{
    return m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes?order=id"), nullptr,
                             {{"X-DreamFactory-API-Key", m_apiKey.toLatin1()},
                              {"X-DreamFactory-Session-Token", token.toLatin1()}});
}

Json TestIdentity::userRow(const QString &email, const QString &resource)
{
    const TestResponse list =
        m_server->admin("GET", QStringLiteral("/api/v2/system/%1?filter=email%3D%2")
                                   .arg(resource, QString::fromLatin1(QUrl::toPercentEncoding(email))));
    if (list.status != 200 || list.json.at("resource").empty())
        return Json();
    return list.json.at("resource").at(0);
}

void TestIdentity::signInProvisionsTheUser()
{
    const TestResponse session = signIn(QStringLiteral("alice"), QStringLiteral("alice-pw"));
    QVERIFY2(session.status == 200, session.describe().constData());
    QCOMPARE(session.json.at("email").get<QString>(), QStringLiteral("alice@example.org"));
    QCOMPARE(session.json.at("name").get<QString>(), QStringLiteral("ALICE"));
    QCOMPARE(session.json.at("role").get<QString>(), QStringLiteral("owner_reader"));
    QVERIFY(!session.json.at("is_sys_admin").get<bool>());
    const Json row = userRow(QStringLiteral("alice@example.org"));
    QVERIFY(row.is_object());
    QCOMPARE(row.at("directory_username").get<QString>(), QStringLiteral("alice"));
    QVERIFY(row.at("identity_service_id").get<qint64>() > 0);
    // Read-only: the directory owns them (ignored on write, as DreamFactory ignores read-only fields).
    const qint64 id = row.at("id").get<qint64>();
    m_server->admin("PATCH", QStringLiteral("/api/v2/system/user/%1").arg(id),
                    Json{{"directory_username", "bob"}});
    QCOMPARE(userRow(QStringLiteral("alice@example.org")).at("directory_username").get<QString>(),
             QStringLiteral("alice"));
    // The account has no password of its own: the directory is the only way in.
    const TestResponse local =
        m_server->userLogin(QStringLiteral("alice@example.org"), QStringLiteral("alice-pw"), m_apiKey);
    QCOMPARE(local.status, 401);
}

void TestIdentity::directoryLookupsReachRowFilters()
{
    const TestResponse session = signIn(QStringLiteral("alice"), QStringLiteral("alice-pw"));
    QVERIFY2(session.status == 200, session.describe().constData());
    const TestResponse rows = notes(session.json.at("session_token").get<QString>());
    QVERIFY2(rows.status == 200, rows.describe().constData());
    QStringList bodies;
    for (const Json &r : rows.json.at("resource"))
        bodies << r.at("body").get<QString>();
    QCOMPARE(bodies, QStringList({QStringLiteral("a1"), QStringLiteral("a2")}));
}

void TestIdentity::groupChangesChangeTheRole()
{
    auto &alice = ScriptedDirectory::people()[QStringLiteral("alice")];
    alice.identity.groups = {QStringLiteral("cn=analysts,ou=groups,dc=test")};
    const TestResponse session = signIn(QStringLiteral("alice"), QStringLiteral("alice-pw"));
    QVERIFY2(session.status == 200, session.describe().constData());
    QCOMPARE(session.json.at("role").get<QString>(), QStringLiteral("dept_reader"));
    const TestResponse rows = notes(session.json.at("session_token").get<QString>());
    QVERIFY2(rows.status == 200, rows.describe().constData());
    QStringList bodies;
    for (const Json &r : rows.json.at("resource"))
        bodies << r.at("body").get<QString>();
    QCOMPARE(bodies, QStringList({QStringLiteral("a1"), QStringLiteral("b1")})); // {user.department} = sales

    // No group at all: nothing maps, the app's own default role ("nothing") applies and the
    // user may not sign in to the app.
    alice.identity.groups.clear();
    const TestResponse none = signIn(QStringLiteral("alice"), QStringLiteral("alice-pw"));
    QVERIFY2(none.status == 200 || none.status == 403, none.describe().constData());
    if (none.status == 200)
        QCOMPARE(none.json.at("role").get<QString>(), QStringLiteral("nothing"));
    alice.identity.groups = {QStringLiteral("cn=staff,ou=groups,dc=test")};
}

void TestIdentity::badCredentialsAreRefusedAlike()
{
    const TestResponse wrong = signIn(QStringLiteral("carol"), QStringLiteral("nope"));
    const TestResponse unknown = signIn(QStringLiteral("nobody"), QStringLiteral("nope"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.json.at("error").at("message").dump(), unknown.json.at("error").at("message").dump());
}

void TestIdentity::repeatedFailuresAreThrottled()
{
    ScriptedDirectory::people().insert(
        QStringLiteral("dave"), {QStringLiteral("dave-pw"), person(QStringLiteral("dave"), QString(), {})});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(signIn(QStringLiteral("dave"), QStringLiteral("guess")).status, 401);
    // Locked now, even with the right password.
    const TestResponse locked = signIn(QStringLiteral("dave"), QStringLiteral("dave-pw"));
    QCOMPARE(locked.status, 429);
    QVERIFY(!locked.header("retry-after").isEmpty());
}

void TestIdentity::badSignInRequests()
{
    const Headers key{{"X-DreamFactory-API-Key", m_apiKey.toLatin1()}};
    TestResponse r =
        m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                          Json{{"service", "nosuch"}, {"username", "a"}, {"password", "b"}}, key);
    QCOMPARE(r.status, 400);
    r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                          Json{{"service", "notes"}, {"username", "a"}, {"password", "b"}}, key);
    QCOMPARE(r.status, 400); // a database is not an identity service
    r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                          Json{{"service", "corp"}, {"password", "b"}}, key);
    QCOMPARE(r.status, 400);
    r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                          Json{{"service", "corp"}, {"username", "alice"}}, key);
    QCOMPARE(r.status, 400);
    r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                          Json{{"service", "corp"}, {"username", "alice"}, {"password", "alice-pw"}});
    QCOMPARE(r.status, 400); // a user signs in through an app
    r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                          Json{{"service", 7}, {"username", "alice"}, {"password", "alice-pw"}}, key);
    QCOMPARE(r.status, 400);
}

void TestIdentity::anExistingAccountIsNeverTakenOver()
{
    const TestResponse takeover = signIn(QStringLiteral("mallory"), QStringLiteral("m-pw"),
                                         QStringLiteral("/api/v2/system/admin/session"));
    QCOMPARE(takeover.status, 409);
    const Json admin = userRow(QLatin1String(TestServer::kAdminEmail), QStringLiteral("admin"));
    QVERIFY(admin.is_object());
    QVERIFY(admin.value("name", std::string()) != "MALLORY");
    const TestResponse local =
        m_server->request("POST", QStringLiteral("/api/v2/system/admin/session"),
                          Json{{"email", TestServer::kAdminEmail}, {"password", TestServer::kAdminPassword}});
    QCOMPARE(local.status, 200);
}

void TestIdentity::aDeactivatedUserStaysOut()
{
    const Json carol = [this] {
        signIn(QStringLiteral("carol"), QStringLiteral("carol-pw"));
        return userRow(QStringLiteral("carol@example.org"));
    }();
    QVERIFY(carol.is_object());
    const qint64 id = carol.at("id").get<qint64>();
    QCOMPARE(
        m_server->admin("PATCH", QStringLiteral("/api/v2/system/user/%1").arg(id), Json{{"is_active", false}})
            .status,
        200);
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw")).status, 403);
    QVERIFY(!userRow(QStringLiteral("carol@example.org")).at("is_active").get<bool>());
    QCOMPARE(
        m_server->admin("PATCH", QStringLiteral("/api/v2/system/user/%1").arg(id), Json{{"is_active", true}})
            .status,
        200);
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw")).status, 200);
}

void TestIdentity::adminGroupsDecideAdminStatus()
{
    const QString adminPath = QStringLiteral("/api/v2/system/admin/session");
    const TestResponse root = signIn(QStringLiteral("root"), QStringLiteral("root-pw"), adminPath);
    QVERIFY2(root.status == 200, root.describe().constData());
    QVERIFY(root.json.at("is_sys_admin").get<bool>());
    QCOMPARE(root.json.at("email").get<QString>(), QStringLiteral("root@corp.invalid"));
    const QString adminToken = root.json.at("session_token").get<QString>();
    const Headers asRoot{{"X-DreamFactory-Session-Token", adminToken.toLatin1()}};
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/system/role"), nullptr, asRoot).status, 200);

    // Not an admin-group member: no admin session.
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw"), adminPath).status, 403);

    // Out of the admin group: the next sign-in demotes, and the admin session ends at once.
    ScriptedDirectory::people()[QStringLiteral("root")].identity.groups = {
        QStringLiteral("cn=staff,ou=groups,dc=test")};
    const TestResponse demoted = signIn(QStringLiteral("root"), QStringLiteral("root-pw"));
    QVERIFY2(demoted.status == 200, demoted.describe().constData());
    QVERIFY(!demoted.json.at("is_sys_admin").get<bool>());
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/system/role"), nullptr, asRoot).status, 403);
}

void TestIdentity::anUnchangedIdentityWritesNothing()
{
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw")).status, 200);
    const Json before = userRow(QStringLiteral("carol@example.org"));
    QTest::qWait(1100); // dates have one-second resolution
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw")).status, 200);
    const Json after = userRow(QStringLiteral("carol@example.org"));
    QCOMPARE(after.at("last_modified_date").dump(), before.at("last_modified_date").dump());

    ScriptedDirectory::people()[QStringLiteral("carol")].identity.name = QStringLiteral("Carol C.");
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw")).status, 200);
    QCOMPARE(userRow(QStringLiteral("carol@example.org")).at("name").get<QString>(),
             QStringLiteral("Carol C."));
}

void TestIdentity::bearerTokensFromTheProvider()
{
    // No API key: the identity service's app decides the role (carol is staff → owner_reader).
    const Headers carol{{"Authorization", "Bearer " + bearer(QStringLiteral("carol")).toLatin1()}};
    const TestResponse rows =
        m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes?order=id"), nullptr, carol);
    QVERIFY2(rows.status == 200, rows.describe().constData());
    QCOMPARE(rows.json.at("resource").size(), size_t(1));
    QCOMPARE(rows.json.at("resource").at(0).at("body").get<QString>(), QStringLiteral("c1"));
    QVERIFY(ScriptedDirectory::lastAudience().isEmpty()); // REST services ask for the provider's own

    const Headers forged{
        {"Authorization", "Bearer " + bearer(QStringLiteral("carol"), QStringLiteral("forged")).toLatin1()}};
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes"), nullptr, forged).status,
             401);
    const Headers stranger{{"Authorization", "Bearer " + bearer(QStringLiteral("nobody")).toLatin1()}};
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes"), nullptr, stranger).status,
             401);

    // A token from an issuer no service accepts is judged as one of ours, and fails.
    QString other = bearer(QStringLiteral("carol"));
    other.replace(
        other.section(QLatin1Char('.'), 1, 1),
        QString::fromLatin1(QByteArray(R"({"iss":"https://elsewhere.test","sub":"carol"})")
                                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    const Headers foreign{{"Authorization", "Bearer " + other.toLatin1()}};
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes"), nullptr, foreign).status,
             401);

    // A deactivated identity service vouches for no one.
    const Json corp = m_server->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3Dcorp"))
                          .json.at("resource")
                          .at(0);
    const qint64 corpId = corp.at("id").get<qint64>();
    QCOMPARE(m_server
                 ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(corpId),
                         Json{{"is_active", false}})
                 .status,
             200);
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes"), nullptr, carol).status,
             401);
    QCOMPARE(signIn(QStringLiteral("carol"), QStringLiteral("carol-pw")).status, 403);
    QCOMPARE(m_server
                 ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(corpId),
                         Json{{"is_active", true}})
                 .status,
             200);
}

void TestIdentity::trustedAddressesLinkAccounts()
{
    // A second directory that also knows alice: refused by default...
    const qint64 second = m_server->createService(
        {{"name", "corp_b"}, {"type", "scripted_directory"}, {"config", Json::object()}});
    QVERIFY(second > 0);
    auto signInVia = [this](const char *service) {
        return m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                                 Json{{"service", service}, {"username", "alice"}, {"password", "alice-pw"}},
                                 {{"X-DreamFactory-API-Key", m_apiKey.toLatin1()}});
    };
    const TestResponse first = signInVia("corp");
    QVERIFY2(first.status == 200, first.describe().constData());
    const qint64 aliceId = first.json.at("id").get<qint64>();
    QCOMPARE(signInVia("corp_b").status, 409);

    // ...and signed in to the same account when both services trust their addresses.
    for (const char *name : {"corp", "corp_b"}) {
        const Json svc =
            m_server
                ->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D") + QLatin1String(name))
                .json.at("resource")
                .at(0);
        Json config = svc.at("config");
        config["link_existing_accounts"] = true;
        const TestResponse patched = m_server->admin(
            "PATCH", QStringLiteral("/api/v2/system/service/%1").arg(svc.at("id").get<qint64>()),
            Json{{"config", config}});
        QVERIFY2(patched.status == 200, patched.describe().constData());
    }
    const TestResponse linked = signInVia("corp_b");
    QVERIFY2(linked.status == 200, linked.describe().constData());
    QCOMPARE(linked.json.at("id").get<qint64>(), aliceId);
    QCOMPARE(userRow(QStringLiteral("alice@example.org")).at("identity_service_id").get<qint64>(), second);
    // The first service still reaches the account.
    const TestResponse back = signInVia("corp");
    QVERIFY2(back.status == 200, back.describe().constData());
    QCOMPARE(back.json.at("id").get<qint64>(), aliceId);
}

GATEHOUSE_TEST_MAIN(TestIdentity)
#include "tst_identity.moc"
