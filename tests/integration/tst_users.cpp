// Non-admin users end to end: system/user with per-app roles, sign-in through an app (the role
// it gives, RBAC on it), the user service (session, profile, password), the sign-in throttle
// by account and by address, Basic auth, and revocation on logout, refresh, password change and
// deactivation of a user, role or app. The `system` service itself is the resource the roles
// grant, so no other database is needed. Runs on the SQLite system database, then again on
// PostgreSQL (GATEHOUSE_TEST_PGSQL_SYSTEM) when configured.
#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QTest>

#include "TestDatabases.h"
#include "TestServer.h"
#include "security/Jwt.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kSystem = QStringLiteral("/api/v2/system");
const QString kUser = QStringLiteral("/api/v2/user");
const QString kPassword = QStringLiteral("User-Passw0rd-1");

Headers withToken(const QString &token, const QString &key = QString())
{
    Headers headers{{"X-DreamFactory-Session-Token", token.toLatin1()}};
    if (!key.isEmpty())
        headers.append({"X-DreamFactory-API-Key", key.toLatin1()});
    return headers;
}

Headers basic(const QString &email, const QString &password, const QString &key = QString())
{
    Headers headers{{"Authorization", "Basic " + (email + QLatin1Char(':') + password).toUtf8().toBase64()}};
    if (!key.isEmpty())
        headers.append({"X-DreamFactory-API-Key", key.toLatin1()});
    return headers;
}

// One role rule on the system service (id 1): GET on one of its resources.
Json systemGet(const char *component)
{
    return Json::array(
        {Json{{"service_id", 1}, {"component", component}, {"verb_mask", 1}, {"requestor_mask", 1}}});
}
} // namespace

class TestUsers : public QObject
{
    Q_OBJECT
public:
    explicit TestUsers(QString systemDb)
        : m_systemDb(std::move(systemDb))
    {
    }

private:
    QString m_systemDb; // empty: SQLite (the lockout tests always use SQLite servers of their own)
    std::unique_ptr<TestServer> m_server;
    qint64 m_roleReader = 0; // may GET system/role
    qint64 m_appReader = 0;  // may GET system/app
    qint64 m_appId = 0;
    QString m_key; // app with m_roleReader as its default role

    std::unique_ptr<TestServer> startServer(QHash<QString, QString> settings = {})
    {
        TestServer::Options options;
        options.settings = std::move(settings);
        auto server = std::make_unique<TestServer>(options);
        if (!server->start()) {
            qWarning("engine did not start: %s", qPrintable(server->errorString()));
            return nullptr;
        }
        return server;
    }

    QString login(const QString &email, const QString &password = kPassword, const QString &key = QString())
    {
        const TestResponse r = m_server->userLogin(email, password, key.isEmpty() ? m_key : key);
        if (r.status != 200)
            qWarning("login failed: %s", r.describe().constData());
        return r.status == 200 ? str(r.json["session_token"]) : QString();
    }

    int get(const QString &path, const Headers &headers)
    {
        return m_server->request("GET", kSystem + path, nullptr, headers).status;
    }

private slots:
    void initTestCase()
    {
        if (!m_systemDb.isEmpty()) {
            QString error;
            QVERIFY2(TestDatabases::resetSystemSchema(m_systemDb, &error), qPrintable(error));
        }
        TestServer::Options options;
        options.systemDb = m_systemDb;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_roleReader = m_server->createRole(QStringLiteral("role_reader"), systemGet("role"));
        m_appReader = m_server->createRole(QStringLiteral("app_reader"), systemGet("app"));
        QVERIFY(m_roleReader > 0 && m_appReader > 0);
        m_key = m_server->createAppKey(QStringLiteral("portal"), m_roleReader);
        QVERIFY(!m_key.isEmpty());
        const TestResponse apps =
            m_server->admin("GET", kSystem + QStringLiteral("/app?filter=name%3Dportal"));
        m_appId = apps.json["resource"][0]["id"].get<qint64>();
    }

    void cleanupTestCase() { m_server.reset(); }

    void userCrud()
    {
        const TestResponse created = m_server->admin("POST", kSystem + QStringLiteral("/user?fields=*"),
                                                     Json{{"resource",
                                                           {Json{{"email", "Ann@Test.Local"},
                                                                 {"password", kPassword},
                                                                 {"first_name", "Ann"},
                                                                 {"last_name", "Lee"}}}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const Json ann = created.json["resource"][0];
        const qint64 id = ann["id"].get<qint64>();
        QCOMPARE(str(ann["email"]), QStringLiteral("ann@test.local"));
        QCOMPARE(str(ann["name"]), QStringLiteral("Ann Lee"));
        QVERIFY(ann["is_active"].get<bool>());
        QVERIFY(!created.body.contains("password"));

        // Users and admins are separate views of one table.
        const TestResponse users = m_server->admin("GET", kSystem + QStringLiteral("/user"));
        QCOMPARE(users.status, 200);
        QVERIFY(!users.body.contains(TestServer::kAdminEmail));
        QVERIFY(users.body.contains("ann@test.local"));
        const TestResponse admins = m_server->admin("GET", kSystem + QStringLiteral("/admin"));
        QVERIFY(!admins.body.contains("ann@test.local"));
        QCOMPARE(m_server->admin("GET", kSystem + QStringLiteral("/admin/%1").arg(id)).status, 404);
        QCOMPARE(m_server->admin("GET", kSystem + QStringLiteral("/user/1")).status, 404); // the admin

        // Email unique across users and admins; password rules; write-only hash.
        QCOMPARE(m_server->createUser(QLatin1String(TestServer::kAdminEmail), kPassword), 0);
        QCOMPARE(m_server->createUser(QStringLiteral("ann@test.local"), kPassword), 0);
        QCOMPARE(m_server->createUser(QStringLiteral("short@test.local"), QStringLiteral("short")), 0);
        QCOMPARE(m_server->admin("GET", kSystem + QStringLiteral("/user?fields=password_hash")).status, 400);
        QCOMPARE(
            m_server->admin("GET", kSystem + QStringLiteral("/user?filter=password_hash%20is%20not%20null"))
                .status,
            400);

        const TestResponse renamed =
            m_server->admin("PATCH", kSystem + QStringLiteral("/user/%1?fields=name,is_active").arg(id),
                            Json{{"name", "Ann L."}, {"is_sys_admin", true}});
        QVERIFY2(renamed.status == 200, renamed.describe().constData());
        QCOMPARE(str(renamed.json["name"]), QStringLiteral("Ann L."));
        // is_sys_admin is not a field: a user cannot be promoted through system/user.
        QVERIFY(!m_server->admin("GET", kSystem + QStringLiteral("/admin")).body.contains("ann@test.local"));

        const TestResponse removed = m_server->admin("DELETE", kSystem + QStringLiteral("/user/%1").arg(id));
        QCOMPARE(removed.status, 200);
        QCOMPARE(m_server->admin("GET", kSystem + QStringLiteral("/user/%1").arg(id)).status, 404);
        // Non-admins cannot manage users.
        const qint64 bob = m_server->createUser(QStringLiteral("bob-crud@test.local"), kPassword);
        QVERIFY(bob > 0);
        const QString token = login(QStringLiteral("bob-crud@test.local"));
        QVERIFY(!token.isEmpty());
        QCOMPARE(get(QStringLiteral("/user"), withToken(token, m_key)), 403);
    }

    void loginThroughAppAndRbac()
    {
        const qint64 id = m_server->createUser(QStringLiteral("carol@test.local"), kPassword);
        QVERIFY(id > 0);
        // Sign-in needs an API key; bad keys and passwords are refused before anything else.
        const Json credentials{{"email", "carol@test.local"},
                               {"password", str(Json(kPassword.toStdString()))}};
        QCOMPARE(m_server->request("POST", kUser + QStringLiteral("/session"), credentials).status, 400);
        QCOMPARE(
            m_server->userLogin(QStringLiteral("carol@test.local"), kPassword, QString(64, QLatin1Char('a')))
                .status,
            401);
        const TestResponse wrong =
            m_server->userLogin(QStringLiteral("carol@test.local"), QStringLiteral("nope-nope-1"), m_key);
        QCOMPARE(wrong.status, 401);
        QCOMPARE(str(wrong.json["error"]["message"]), QStringLiteral("Invalid credentials supplied."));
        // Users cannot use the admin sign-in.
        QCOMPARE(m_server
                     ->request("POST", kSystem + QStringLiteral("/admin/session"),
                               Json{{"email", "carol@test.local"}, {"password", kPassword.toStdString()}})
                     .status,
                 401);

        const TestResponse ok = m_server->userLogin(QStringLiteral("CAROL@test.local"), kPassword, m_key);
        QVERIFY2(ok.status == 200, ok.describe().constData());
        QCOMPARE(str(ok.json["role"]), QStringLiteral("role_reader"));
        QCOMPARE(ok.json["role_id"].get<qint64>(), m_roleReader);
        QVERIFY(!ok.json["is_sys_admin"].get<bool>());
        const QString token = str(ok.json["session_token"]);
        const Json payload = parseJsonOrDiscarded(
            QByteArray::fromBase64(token.split(QLatin1Char('.')).at(1).toLatin1(),
                                   QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QCOMPARE(str(ok.json["token_expiry_date"]),
                 QDateTime::fromSecsSinceEpoch(payload["exp"].get<qint64>(), Qt::UTC)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));

        // The app's default role applies: role yes, app no; without the key there is no role.
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 200);
        QCOMPARE(get(QStringLiteral("/app"), withToken(token, m_key)), 403);
        QCOMPARE(get(QStringLiteral("/role"), withToken(token)), 400);
        const TestResponse info =
            m_server->request("GET", kUser + QStringLiteral("/session"), nullptr, withToken(token, m_key));
        QVERIFY2(info.status == 200, info.describe().constData());
        QCOMPARE(info.json["id"].get<qint64>(), id);
        QCOMPARE(str(info.json["role"]), QStringLiteral("role_reader"));
        // An admin session endpoint does not accept a user's token.
        QCOMPARE(
            m_server->request("GET", kSystem + QStringLiteral("/admin/session"), nullptr, withToken(token))
                .status,
            403);

        // A mapping for (user, app) overrides the default role, at the next request.
        const TestResponse mapped = m_server->admin(
            "PUT", kSystem + QStringLiteral("/user/%1?related=user_to_app_to_role_by_user_id").arg(id),
            Json{{"user_to_app_to_role_by_user_id",
                  {Json{{"app_id", m_appId}, {"role_id", m_appReader}, {"user_id", id}}}}});
        QVERIFY2(mapped.status == 200, mapped.describe().constData());
        const Json mappings = mapped.json["user_to_app_to_role_by_user_id"];
        QCOMPARE(int(mappings.size()), 1);
        QCOMPARE(mappings[0]["role_id"].get<qint64>(), m_appReader);
        const qint64 mappingId = mappings[0]["id"].get<qint64>();
        QCOMPARE(get(QStringLiteral("/app"), withToken(token, m_key)), 200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 403);
        const TestResponse relogin =
            m_server->userLogin(QStringLiteral("carol@test.local"), kPassword, m_key);
        QCOMPARE(str(relogin.json["role"]), QStringLiteral("app_reader"));

        // A second mapping for the same app replaces the role (one role per user and app).
        const TestResponse replaced = m_server->admin(
            "PATCH", kSystem + QStringLiteral("/user/%1?related=user_to_app_to_role_by_user_id").arg(id),
            Json{{"user_to_app_to_role_by_user_id", {Json{{"app_id", m_appId}, {"role_id", m_roleReader}}}}});
        QVERIFY2(replaced.status == 200, replaced.describe().constData());
        QCOMPARE(int(replaced.json["user_to_app_to_role_by_user_id"].size()), 1);
        QCOMPARE(replaced.json["user_to_app_to_role_by_user_id"][0]["role_id"].get<qint64>(), m_roleReader);

        // Bad mappings.
        const auto badMapping = [&](const Json &mapping) {
            return m_server
                ->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id),
                        Json{{"user_to_app_to_role_by_user_id", {mapping}}})
                .status;
        };
        QCOMPARE(badMapping(Json{{"app_id", 99999}, {"role_id", m_roleReader}}), 400);
        QCOMPARE(badMapping(Json{{"app_id", m_appId}, {"role_id", 99999}}), 400);
        QCOMPARE(badMapping(Json{{"app_id", m_appId}}), 400);
        QCOMPARE(badMapping(Json{{"app_id", m_appId}, {"role_id", m_roleReader}, {"user_id", id + 1000}}),
                 400);
        QCOMPARE(badMapping(Json{{"id", 99999}, {"user_id", nullptr}}), 404);

        // Removing the mapping falls back to the app's default role.
        const TestResponse unmapped = m_server->admin(
            "PATCH", kSystem + QStringLiteral("/user/%1?related=user_to_app_to_role_by_user_id").arg(id),
            Json{{"user_to_app_to_role_by_user_id", {Json{{"id", mappingId}, {"user_id", nullptr}}}}});
        QVERIFY2(unmapped.status == 200, unmapped.describe().constData());
        QVERIFY(unmapped.json["user_to_app_to_role_by_user_id"].empty());
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 200);
        QCOMPARE(get(QStringLiteral("/app"), withToken(token, m_key)), 403);

        // An app without a default role and no mapping gives no role: no sign-in.
        const QString noRoleKey = m_server->createAppKey(QStringLiteral("norole"), m_roleReader);
        const TestResponse noRoleApps =
            m_server->admin("GET", kSystem + QStringLiteral("/app?filter=name%3Dnorole"));
        const qint64 noRoleApp = noRoleApps.json["resource"][0]["id"].get<qint64>();
        QCOMPARE(m_server
                     ->admin("PATCH", kSystem + QStringLiteral("/app/%1").arg(noRoleApp),
                             Json{{"role_id", nullptr}})
                     .status,
                 200);
        QCOMPARE(m_server->userLogin(QStringLiteral("carol@test.local"), kPassword, noRoleKey).status, 403);
    }

    void profile()
    {
        const qint64 id =
            m_server->createUser(QStringLiteral("dave@test.local"), kPassword, Json{{"first_name", "Dave"}});
        QVERIFY(id > 0);
        const QString token = login(QStringLiteral("dave@test.local"));
        QCOMPARE(m_server->request("GET", kUser + QStringLiteral("/profile")).status, 401);
        const TestResponse mine =
            m_server->request("GET", kUser + QStringLiteral("/profile"), nullptr, withToken(token));
        QVERIFY2(mine.status == 200, mine.describe().constData());
        QCOMPARE(str(mine.json["first_name"]), QStringLiteral("Dave"));
        QCOMPARE(str(mine.json["email"]), QStringLiteral("dave@test.local"));
        QVERIFY(!mine.json.contains("is_active"));
        QVERIFY(!mine.json.contains("is_sys_admin"));

        const TestResponse changed = m_server->request("POST", kUser + QStringLiteral("/profile"),
                                                       Json{{"first_name", "David"},
                                                            {"last_name", "Jones"},
                                                            {"is_active", false},
                                                            {"is_sys_admin", true},
                                                            {"password", "Sneaky-Passw0rd"}},
                                                       withToken(token));
        QVERIFY2(changed.status == 200, changed.describe().constData());
        QVERIFY(changed.json == (Json{{"success", true}}));
        const TestResponse after =
            m_server->request("GET", kUser + QStringLiteral("/profile"), nullptr, withToken(token));
        QCOMPARE(str(after.json["first_name"]), QStringLiteral("David"));
        QCOMPARE(str(after.json["last_name"]), QStringLiteral("Jones"));
        // Still an active non-admin with the old password.
        const TestResponse row = m_server->admin("GET", kSystem + QStringLiteral("/user/%1").arg(id));
        QVERIFY(row.json["is_active"].get<bool>());
        QVERIFY(!m_server->admin("GET", kSystem + QStringLiteral("/admin")).body.contains("dave@test.local"));
        QCOMPARE(
            m_server->userLogin(QStringLiteral("dave@test.local"), QStringLiteral("Sneaky-Passw0rd"), m_key)
                .status,
            401);
        QVERIFY(!login(QStringLiteral("dave@test.local")).isEmpty());

        // Email must be valid and unused.
        QCOMPARE(m_server
                     ->request("POST", kUser + QStringLiteral("/profile"), Json{{"email", "not-an-email"}},
                               withToken(token))
                     .status,
                 400);
        QCOMPARE(m_server
                     ->request("POST", kUser + QStringLiteral("/profile"),
                               Json{{"email", TestServer::kAdminEmail}}, withToken(token))
                     .status,
                 400);
        QCOMPARE(
            m_server->request("POST", kUser + QStringLiteral("/profile"), Json{{"name", 5}}, withToken(token))
                .status,
            400);
        // Not a public verb: the gate authenticates DELETE like any route.
        QCOMPARE(m_server->request("DELETE", kUser + QStringLiteral("/profile")).status, 400);
    }

    void passwordChange()
    {
        QVERIFY(m_server->createUser(QStringLiteral("erin@test.local"), kPassword) > 0);
        const QString first = login(QStringLiteral("erin@test.local"));
        const QString second = login(QStringLiteral("erin@test.local"));
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        const QString path = kUser + QStringLiteral("/password");
        const QString next = QStringLiteral("Next-Passw0rd-2");

        QCOMPARE(m_server
                     ->request("POST", path,
                               Json{{"old_password", kPassword.toStdString()},
                                    {"new_password", next.toStdString()}})
                     .status,
                 401);
        QCOMPARE(m_server
                     ->request("POST", path,
                               Json{{"old_password", "wrong-passw0rd"}, {"new_password", next.toStdString()}},
                               withToken(first))
                     .status,
                 400);
        QCOMPARE(m_server
                     ->request("POST", path,
                               Json{{"old_password", kPassword.toStdString()}, {"new_password", "short"}},
                               withToken(first))
                     .status,
                 400);
        QCOMPARE(m_server->request("POST", path, Json{{"new_password", next.toStdString()}}, withToken(first))
                     .status,
                 400);
        QCOMPARE(
            m_server
                ->request("POST", path + QStringLiteral("?reset=true"), Json{{"email", "erin@test.local"}})
                .status,
            501);

        const TestResponse changed = m_server->request(
            "POST", path,
            Json{{"old_password", kPassword.toStdString()}, {"new_password", next.toStdString()}},
            withToken(first));
        QVERIFY2(changed.status == 200, changed.describe().constData());
        QVERIFY(changed.json == (Json{{"success", true}}));
        // Every session of the user is revoked, not only the one that asked.
        QCOMPARE(get(QStringLiteral("/role"), withToken(first, m_key)), 403);
        QCOMPARE(get(QStringLiteral("/role"), withToken(second, m_key)), 403);
        QCOMPARE(
            m_server->request("PUT", kUser + QStringLiteral("/session"), nullptr, withToken(second)).status,
            403);
        QCOMPARE(m_server->userLogin(QStringLiteral("erin@test.local"), kPassword, m_key).status, 401);
        const QString third = login(QStringLiteral("erin@test.local"), next);
        QVERIFY(!third.isEmpty());
        QCOMPARE(get(QStringLiteral("/role"), withToken(third, m_key)), 200);

        // ?login=true answers with a new, working session.
        const TestResponse relogged = m_server->request(
            "POST", path + QStringLiteral("?login=true"),
            Json{{"old_password", next.toStdString()}, {"new_password", kPassword.toStdString()}},
            withToken(third, m_key));
        QVERIFY2(relogged.status == 200, relogged.describe().constData());
        const QString fourth = str(relogged.json["session_token"]);
        QVERIFY(!fourth.isEmpty());
        QCOMPARE(str(relogged.json["role"]), QStringLiteral("role_reader"));
        QCOMPARE(get(QStringLiteral("/role"), withToken(fourth, m_key)), 200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(third, m_key)), 403);

        // An admin setting a user's password revokes that user's sessions as well.
        const TestResponse users =
            m_server->admin("GET", kSystem + QStringLiteral("/user?filter=email%3Derin%40test.local"));
        const qint64 id = users.json["resource"][0]["id"].get<qint64>();
        QCOMPARE(m_server
                     ->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id),
                             Json{{"password", next.toStdString()}})
                     .status,
                 200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(fourth, m_key)), 403);
        QVERIFY(!login(QStringLiteral("erin@test.local"), next).isEmpty());
    }

    void refreshAndLogout()
    {
        const qint64 id = m_server->createUser(QStringLiteral("fay@test.local"), kPassword);
        QVERIFY(id > 0);
        const QString token = login(QStringLiteral("fay@test.local"));
        const TestResponse refreshed =
            m_server->request("PUT", kUser + QStringLiteral("/session"), nullptr, withToken(token, m_key));
        QVERIFY2(refreshed.status == 200, refreshed.describe().constData());
        const QString renewed = str(refreshed.json["session_token"]);
        QVERIFY(renewed != token);
        QCOMPARE(str(refreshed.json["role"]), QStringLiteral("role_reader"));
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 403);
        QCOMPARE(get(QStringLiteral("/role"), withToken(renewed, m_key)), 200);

        const TestResponse out =
            m_server->request("DELETE", kUser + QStringLiteral("/session"), nullptr, withToken(renewed));
        QVERIFY2(out.status == 200, out.describe().constData());
        QVERIFY(out.json == (Json{{"success", true}}));
        QCOMPARE(get(QStringLiteral("/role"), withToken(renewed, m_key)), 403);
        QCOMPARE(
            m_server->request("PUT", kUser + QStringLiteral("/session"), nullptr, withToken(renewed)).status,
            403);

        // The refresh window counts from the first sign-in, not from the last refresh; an
        // expired token inside it can be refreshed, one past it cannot.
        const SystemStore &store = m_server->engine().store();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const qint64 window = qint64(store.config().jwtRefreshTtlMinutes) * 60;
        JwtClaims expired = Jwt::newClaims(id, false, now - 7200, 60, now - 7200);
        const QString expiredToken = store.jwt().sign(expired);
        const TestResponse expiredUse = m_server->request("GET", kSystem + QStringLiteral("/role"), nullptr,
                                                          withToken(expiredToken, m_key));
        QCOMPARE(expiredUse.status, 401);
        QVERIFY(str(expiredUse.json["error"]["message"]).contains(QStringLiteral("Session expired")));
        const TestResponse late =
            m_server->request("PUT", kUser + QStringLiteral("/session"), nullptr, withToken(expiredToken));
        QVERIFY2(late.status == 200, late.describe().constData());
        const Jwt::Result lateClaims = store.jwt().verify(str(late.json["session_token"]), now);
        QVERIFY(lateClaims.ok());
        QCOMPARE(lateClaims.claims.firstIssuedAt, now - 7200);

        JwtClaims stale = Jwt::newClaims(id, false, now - 3600, 30, now - window - 10);
        const TestResponse past = m_server->request("PUT", kUser + QStringLiteral("/session"), nullptr,
                                                    withToken(store.jwt().sign(stale)));
        QCOMPARE(past.status, 401);
        QVERIFY(str(past.json["error"]["message"]).contains(QStringLiteral("refresh window")));
    }

    void deactivationRevokesAtOnce()
    {
        const qint64 id = m_server->createUser(QStringLiteral("gus@test.local"), kPassword);
        const QString token = login(QStringLiteral("gus@test.local"));
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 200);

        // User: refused at once, and the old token stays dead after reactivation.
        QCOMPARE(
            m_server->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id), Json{{"is_active", false}})
                .status,
            200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 403);
        QCOMPARE(m_server->userLogin(QStringLiteral("gus@test.local"), kPassword, m_key).status, 401);
        QCOMPARE(
            m_server->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id), Json{{"is_active", true}})
                .status,
            200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(token, m_key)), 403);
        const QString fresh = login(QStringLiteral("gus@test.local"));
        QCOMPARE(get(QStringLiteral("/role"), withToken(fresh, m_key)), 200);

        // Role: refused while inactive (the role is resolved on every request).
        QCOMPARE(m_server
                     ->admin("PATCH", kSystem + QStringLiteral("/role/%1").arg(m_roleReader),
                             Json{{"is_active", false}})
                     .status,
                 200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(fresh, m_key)), 403);
        QCOMPARE(m_server->userLogin(QStringLiteral("gus@test.local"), kPassword, m_key).status, 403);
        QCOMPARE(m_server
                     ->admin("PATCH", kSystem + QStringLiteral("/role/%1").arg(m_roleReader),
                             Json{{"is_active", true}})
                     .status,
                 200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(fresh, m_key)), 200);

        // App: its key is refused while inactive.
        QCOMPARE(
            m_server
                ->admin("PATCH", kSystem + QStringLiteral("/app/%1").arg(m_appId), Json{{"is_active", false}})
                .status,
            200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(fresh, m_key)), 403);
        QCOMPARE(m_server->userLogin(QStringLiteral("gus@test.local"), kPassword, m_key).status, 403);
        QCOMPARE(
            m_server
                ->admin("PATCH", kSystem + QStringLiteral("/app/%1").arg(m_appId), Json{{"is_active", true}})
                .status,
            200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(fresh, m_key)), 200);

        // Deleting the user ends its sessions too.
        QCOMPARE(m_server->admin("DELETE", kSystem + QStringLiteral("/user/%1").arg(id)).status, 200);
        QCOMPARE(get(QStringLiteral("/role"), withToken(fresh, m_key)), 401);
    }

    void basicAuth()
    {
        const qint64 id = m_server->createUser(QStringLiteral("hal@test.local"), kPassword);
        QVERIFY(id > 0);
        const QString email = QStringLiteral("hal@test.local");
        // Same role rules as a token: the app's role, RBAC on it, a key needed for a user.
        QCOMPARE(get(QStringLiteral("/role"), basic(email, kPassword, m_key)), 200);
        QCOMPARE(get(QStringLiteral("/app"), basic(email, kPassword, m_key)), 403);
        QCOMPARE(get(QStringLiteral("/role"), basic(email, kPassword)), 400);
        QCOMPARE(get(QStringLiteral("/role"), basic(QStringLiteral("HAL@test.local"), kPassword, m_key)),
                 200);
        // Admins need no key and skip RBAC.
        QCOMPARE(get(QStringLiteral("/app"), basic(QLatin1String(TestServer::kAdminEmail),
                                                   QLatin1String(TestServer::kAdminPassword))),
                 200);

        const TestResponse wrong = m_server->request("GET", kSystem + QStringLiteral("/role"), nullptr,
                                                     basic(email, QStringLiteral("wrong-passw0rd"), m_key));
        QCOMPARE(wrong.status, 401);
        QVERIFY(wrong.header("www-authenticate").startsWith("Basic"));
        QCOMPARE(get(QStringLiteral("/role"), basic(QStringLiteral("nobody@test.local"), kPassword, m_key)),
                 401);
        QCOMPARE(get(QStringLiteral("/role"), {{"Authorization", "Basic !!!not-base64"}}), 401);
        QCOMPARE(
            get(QStringLiteral("/role"), {{"Authorization", "Basic " + QByteArray("no-colon").toBase64()}}),
            401);
        // A session token wins over Basic credentials (DF: Basic only without a JWT).
        const QString token = login(email);
        Headers both = basic(email, QStringLiteral("wrong-passw0rd"), m_key);
        both.append({"X-DreamFactory-Session-Token", token.toLatin1()});
        QCOMPARE(get(QStringLiteral("/role"), both), 200);

        // A remembered verification ends with a password change or a deactivation.
        QCOMPARE(get(QStringLiteral("/role"), basic(email, kPassword, m_key)), 200);
        const QString next = QStringLiteral("Next-Passw0rd-3");
        QCOMPARE(m_server
                     ->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id),
                             Json{{"password", next.toStdString()}})
                     .status,
                 200);
        QCOMPARE(get(QStringLiteral("/role"), basic(email, kPassword, m_key)), 401);
        QCOMPARE(get(QStringLiteral("/role"), basic(email, next, m_key)), 200);
        QCOMPARE(
            m_server->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id), Json{{"is_active", false}})
                .status,
            200);
        QCOMPARE(get(QStringLiteral("/role"), basic(email, next, m_key)), 403);
        QCOMPARE(
            m_server->admin("PATCH", kSystem + QStringLiteral("/user/%1").arg(id), Json{{"is_active", true}})
                .status,
            200);
        QCOMPARE(get(QStringLiteral("/role"), basic(email, next, m_key)), 200);
    }

    void lockoutByAccount()
    {
        auto server = startServer({{QStringLiteral("login_max_failures"), QStringLiteral("3")},
                                   {QStringLiteral("login_address_max_failures"), QStringLiteral("100")}});
        QVERIFY(server);
        const qint64 role = server->createRole(QStringLiteral("reader"), systemGet("role"));
        const QString key = server->createAppKey(QStringLiteral("app"), role);
        QVERIFY(server->createUser(QStringLiteral("ivy@test.local"), kPassword) > 0);
        QVERIFY(server->createUser(QStringLiteral("jay@test.local"), kPassword) > 0);
        const QString adminToken = server->adminToken(); // before the admin account is locked below
        QVERIFY(!adminToken.isEmpty());

        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                server->userLogin(QStringLiteral("ivy@test.local"), QStringLiteral("wrong-passw0rd"), key)
                    .status,
                401);
        // Locked: even the right password is refused, with a clear message and Retry-After.
        const TestResponse locked = server->userLogin(QStringLiteral("ivy@test.local"), kPassword, key);
        QCOMPARE(locked.status, 429);
        const int retryAfter = locked.header("retry-after").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 900, locked.header("retry-after").constData());
        QVERIFY(str(locked.json["error"]["message"])
                    .contains(QStringLiteral("Too many failed sign-in attempts")));
        // Basic auth and the other sign-in paths share the count; other accounts are unaffected.
        QCOMPARE(server
                     ->request("GET", kSystem + QStringLiteral("/role"), nullptr,
                               basic(QStringLiteral("ivy@test.local"), kPassword, key))
                     .status,
                 429);
        QCOMPARE(server->userLogin(QStringLiteral("jay@test.local"), kPassword, key).status, 200);

        // Basic failures count toward a lockout too, and so do admin sign-ins.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                server
                    ->request("GET", kSystem + QStringLiteral("/role"), nullptr,
                              basic(QStringLiteral("jay@test.local"), QStringLiteral("wrong-passw0rd"), key))
                    .status,
                401);
        QCOMPARE(server->userLogin(QStringLiteral("jay@test.local"), kPassword, key).status, 429);
        const Json badAdmin{{"email", TestServer::kAdminEmail}, {"password", "wrong-passw0rd"}};
        for (int i = 0; i < 3; ++i)
            QCOMPARE(server->request("POST", kSystem + QStringLiteral("/admin/session"), badAdmin).status,
                     401);
        const TestResponse adminLocked = server->request(
            "POST", kSystem + QStringLiteral("/admin/session"),
            Json{{"email", TestServer::kAdminEmail}, {"password", TestServer::kAdminPassword}});
        QCOMPARE(adminLocked.status, 429);
        QVERIFY(!adminLocked.header("retry-after").isEmpty());
        // Sessions already issued keep working: the lockout is about signing in.
        QCOMPARE(
            server->request("GET", kSystem + QStringLiteral("/role"), nullptr, withToken(adminToken)).status,
            200);
    }

    void lockoutByAddress()
    {
        auto server = startServer({{QStringLiteral("login_max_failures"), QStringLiteral("100")},
                                   {QStringLiteral("login_address_max_failures"), QStringLiteral("3")}});
        QVERIFY(server);
        const qint64 role = server->createRole(QStringLiteral("reader"), systemGet("role"));
        const QString key = server->createAppKey(QStringLiteral("app"), role);
        QVERIFY(server->createUser(QStringLiteral("kim@test.local"), kPassword) > 0);
        // Three different accounts, one address.
        for (const char *email : {"x1@test.local", "x2@test.local", "x3@test.local"})
            QCOMPARE(server->userLogin(QLatin1String(email), QStringLiteral("wrong-passw0rd"), key).status,
                     401);
        const TestResponse locked = server->userLogin(QStringLiteral("kim@test.local"), kPassword, key);
        QCOMPARE(locked.status, 429);
        QVERIFY(locked.header("retry-after").toInt() > 0);
        QCOMPARE(server
                     ->request("GET", kSystem + QStringLiteral("/role"), nullptr,
                               basic(QStringLiteral("kim@test.local"), kPassword, key))
                     .status,
                 429);
    }

    void userServiceRoutes()
    {
        const TestResponse root = m_server->request("GET", kUser);
        QVERIFY2(root.status == 200, root.describe().constData());
        QVERIFY(root.body.contains("session") && root.body.contains("profile") &&
                root.body.contains("password"));
        QCOMPARE(m_server->request("GET", kUser + QStringLiteral("/session")).status, 401);
        QCOMPARE(m_server->request("DELETE", kUser + QStringLiteral("/session")).status, 400);
        // Not an access exception: the gate asks for credentials, then the handler says 404.
        QCOMPARE(m_server->request("GET", kUser + QStringLiteral("/register")).status, 400);
        QCOMPARE(m_server->admin("GET", kUser + QStringLiteral("/register")).status, 404);
        QCOMPARE(m_server->request("GET", kUser + QStringLiteral("/password")).status, 400);
    }
};

int main(int argc, char **argv)
{
    return TestDatabases::runOnSystemDatabases<TestUsers>(argc, argv);
}
#include "tst_users.moc"
