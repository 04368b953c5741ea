// The system API over HTTP through the whole engine: admin sessions, services, roles, apps and
// admins. Runs twice: once with the SQLite system database, once with PostgreSQL
// (GATEHOUSE_TEST_PGSQL_SYSTEM; skipped when unset unless GATEHOUSE_TEST_REQUIRE_DATABASES=1).
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include "TestDatabases.h"
#include "TestServer.h"
#include "security/ApiKeys.h"
#include "security/Jwt.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kApi = QStringLiteral("/api/v2/system");
const QByteArray kSecret = "S3cret-Value-Do-Not-Store-7731";

Headers bearer(const QString &token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

Headers apiKey(const QString &key)
{
    return {{"X-DreamFactory-API-Key", key.toLatin1()}};
}

// Query-string value, percent-encoded (filters hold spaces, quotes, '=', '&' and '%').
QString enc(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// One column of a list reply, in reply order.
QStringList column(const TestResponse &response, const char *key)
{
    QStringList out;
    for (const Json &row : response.json["resource"])
        out << str(row[key]);
    return out;
}
} // namespace

class TestSystemApi : public QObject
{
    Q_OBJECT
public:
    explicit TestSystemApi(QString systemDb)
        : m_systemDb(std::move(systemDb))
    {
    }

private:
    QString m_systemDb; // empty: SQLite
    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;

    bool isPg() const { return !m_systemDb.isEmpty(); }

    bool startServer()
    {
        TestServer::Options options;
        options.systemDb = m_systemDb;
        options.dataDir = m_dir.path();
        m_server = std::make_unique<TestServer>(options);
        if (!m_server->start()) {
            qWarning("engine did not start: %s", qPrintable(m_server->errorString()));
            return false;
        }
        return true;
    }

    TestResponse admin(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->admin(method, kApi + path, body);
    }

    TestResponse login(const QString &email, const QString &password)
    {
        return m_server->request("POST", kApi + QStringLiteral("/admin/session"),
                                 Json{{"email", email}, {"password", password}});
    }

    // Everything the system database holds, as one blob of text, to prove what is not in it.
    QByteArray databaseText()
    {
        if (!isPg()) {
            QByteArray all;
            for (const char *suffix : {"", "-wal", "-shm"}) {
                QFile file(QDir(m_dir.path()).filePath(QStringLiteral("system.db") + QLatin1String(suffix)));
                if (file.open(QIODevice::ReadOnly))
                    all += file.readAll();
            }
            return all;
        }
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(m_systemDb, &error);
        QByteArray all;
        {
            QSqlDatabase db = DbExecutor::openConnection(spec, QStringLiteral("tst-dump"), &error);
            for (const char *table :
                 {"\"user\"", "app", "service", "system_setting", "role", "role_service_access"}) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table)));
                while (query.next())
                    for (int i = 0; i < query.record().count(); ++i)
                        all += query.value(i).toString().toUtf8() + '\n';
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-dump"));
        return all;
    }

    Config nodeConfig() const
    {
        Config config;
        config.dataDir = m_dir.path();
        config.systemDb = m_systemDb;
        config.adminEmail = QLatin1String(TestServer::kAdminEmail);
        config.adminPassword = QLatin1String(TestServer::kAdminPassword);
        return config;
    }

    // Two nodes start at the same moment on one empty system database (and one data folder,
    // so one master key): migrations, keys and the first admin must each happen exactly once.
    void concurrentFirstStart()
    {
        const Config config = nodeConfig();
        QString errors[2];
        QByteArray probes[2];
        QThread *threads[2];
        const JwtClaims probe = Jwt::newClaims(1, true, 1000, 60);
        for (int i = 0; i < 2; ++i) {
            threads[i] = QThread::create([&, i] {
                SystemStore store(config);
                if (!store.initialize(&errors[i]))
                    return;
                probes[i] = store.jwt().sign(probe).section(QLatin1Char('.'), 2).toLatin1();
            });
            threads[i]->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        // Same signing key on both nodes: identical claims give identical signatures.
        QVERIFY(!probes[0].isEmpty());
        QCOMPARE(probes[0], probes[1]);
    }

    void resetPostgres()
    {
        QString error;
        QVERIFY2(TestDatabases::resetSystemSchema(m_systemDb, &error), qPrintable(error));
    }

private slots:
    void initTestCase()
    {
        if (isPg())
            GATEHOUSE_REQUIRE_URL(m_systemDb, "GATEHOUSE_TEST_PGSQL_SYSTEM");
        QVERIFY(m_dir.isValid());
        if (isPg())
            resetPostgres();
        concurrentFirstStart();
        QVERIFY(startServer());
    }

    void cleanupTestCase() { m_server.reset(); }

    void loginAndSessionInfo()
    {
        const TestResponse bad =
            login(QLatin1String(TestServer::kAdminEmail), QStringLiteral("wrong-password"));
        QCOMPARE(bad.status, 401);
        QCOMPARE(str(bad.json["error"]["message"]), QStringLiteral("Invalid credentials supplied."));
        QCOMPARE(login(QStringLiteral("nobody@test.local"), QStringLiteral("whatever-pass")).status, 401);
        QCOMPARE(m_server->request("POST", kApi + QStringLiteral("/admin/session"), Json{{"email", "a@b.c"}})
                     .status,
                 400);
        QCOMPARE(m_server->request("POST", kApi + QStringLiteral("/admin/session"), Json{{"password", "x"}})
                     .status,
                 400);
        QCOMPARE(m_server
                     ->request("POST", kApi + QStringLiteral("/admin/session"),
                               Json{{"email", 5}, {"password", "x"}})
                     .status,
                 400);

        // Emails are case-insensitive.
        const TestResponse ok = login(QString::fromLatin1(TestServer::kAdminEmail).toUpper(),
                                      QLatin1String(TestServer::kAdminPassword));
        QVERIFY2(ok.status == 200, ok.describe().constData());
        for (const char *key :
             {"session_token", "session_id", "id", "name", "first_name", "last_name", "email", "is_sys_admin",
              "last_login_date", "host", "token_expiry_date", "role", "role_id"})
            QVERIFY2(ok.json.contains(key), key);
        QVERIFY(ok.json["is_sys_admin"].get<bool>());
        QCOMPARE(str(ok.json["email"]), QLatin1String(TestServer::kAdminEmail));
        const QString token = str(ok.json["session_token"]);
        QCOMPARE(str(ok.json["session_id"]), token);
        // token_expiry_date is the token's real exp.
        const Json payload = parseJsonOrDiscarded(
            QByteArray::fromBase64(token.split(QLatin1Char('.')).at(1).toLatin1(),
                                   QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QCOMPARE(str(ok.json["token_expiry_date"]),
                 QDateTime::fromSecsSinceEpoch(payload["exp"].get<qint64>(), Qt::UTC)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));

        const TestResponse info =
            m_server->request("GET", kApi + QStringLiteral("/admin/session"), nullptr, bearer(token));
        QVERIFY2(info.status == 200, info.describe().constData());
        QVERIFY(info.json["id"] == ok.json["id"]);
        QVERIFY(!info.json["last_login_date"].is_null());
        // The three places a token may travel.
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(token)).status,
                 200);
        QCOMPARE(m_server
                     ->request("GET", kApi + QStringLiteral("/role"), nullptr,
                               {{"X-DreamFactory-Session-Token", token.toLatin1()}})
                     .status,
                 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role?session_token=") + token).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/admin/session")).status, 401);
    }

    void badCredentials()
    {
        const TestResponse none = m_server->request("GET", kApi + QStringLiteral("/role"));
        QCOMPARE(none.status, 400);
        QVERIFY(str(none.json["error"]["message"])
                    .startsWith(QStringLiteral("No session token (JWT) or API Key")));
        QCOMPARE(m_server
                     ->request("GET", kApi + QStringLiteral("/role"), nullptr,
                               bearer(QStringLiteral("abc.def.ghi")))
                     .status,
                 401);
        const QString token = m_server->adminToken();
        QString tampered = token;
        tampered[tampered.size() - 3] =
            tampered[tampered.size() - 3] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(tampered)).status,
                 401);
        // alg "none" with the genuine payload.
        const QStringList parts = token.split(QLatin1Char('.'));
        const QString noneToken = QString::fromLatin1(QByteArray(R"({"alg":"none","typ":"JWT"})")
                                                          .toBase64(QByteArray::Base64UrlEncoding |
                                                                    QByteArray::OmitTrailingEquals)) +
                                  QLatin1Char('.') + parts.at(1) + QLatin1Char('.');
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(noneToken)).status,
                 401);
        QCOMPARE(
            m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(ApiKeys::generate()))
                .status,
            401);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role?api_key=nothex")).status, 401);
    }

    void refreshAndLogout()
    {
        const TestResponse first =
            login(QLatin1String(TestServer::kAdminEmail), QLatin1String(TestServer::kAdminPassword));
        QCOMPARE(first.status, 200);
        const QString oldToken = str(first.json["session_token"]);
        const TestResponse refreshed =
            m_server->request("PUT", kApi + QStringLiteral("/admin/session"), nullptr, bearer(oldToken));
        QVERIFY2(refreshed.status == 200, refreshed.describe().constData());
        const QString newToken = str(refreshed.json["session_token"]);
        QVERIFY(newToken != oldToken);
        // The old token is revoked at once; the new one works.
        const TestResponse revoked =
            m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(oldToken));
        QCOMPARE(revoked.status, 403);
        QCOMPARE(m_server->request("PUT", kApi + QStringLiteral("/admin/session"), nullptr, bearer(oldToken))
                     .status,
                 403);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(newToken)).status,
                 200);

        const TestResponse out =
            m_server->request("DELETE", kApi + QStringLiteral("/admin/session"), nullptr, bearer(newToken));
        QVERIFY2(out.status == 200, out.describe().constData());
        QVERIFY(out.json == (Json{{"success", true}}));
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(newToken)).status,
                 403);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/admin/session"), nullptr, bearer(newToken))
                     .status,
                 403);
        // Signing out twice is harmless; a forged token cannot be "signed out".
        QCOMPARE(
            m_server->request("DELETE", kApi + QStringLiteral("/admin/session"), nullptr, bearer(newToken))
                .status,
            200);
        QCOMPARE(m_server
                     ->request("DELETE", kApi + QStringLiteral("/admin/session"), nullptr,
                               bearer(QStringLiteral("a.b.c")))
                     .status,
                 401);
    }

    void revocationSurvivesRestart()
    {
        const TestResponse a =
            login(QLatin1String(TestServer::kAdminEmail), QLatin1String(TestServer::kAdminPassword));
        const TestResponse b =
            login(QLatin1String(TestServer::kAdminEmail), QLatin1String(TestServer::kAdminPassword));
        QCOMPARE(a.status, 200);
        QCOMPARE(b.status, 200);
        const QString revoked = str(a.json["session_token"]);
        const QString valid = str(b.json["session_token"]);
        QCOMPARE(
            m_server->request("DELETE", kApi + QStringLiteral("/admin/session"), nullptr, bearer(revoked))
                .status,
            200);

        m_server.reset();
        QVERIFY(startServer());
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(revoked)).status,
                 403);
        QCOMPARE(m_server->request("PUT", kApi + QStringLiteral("/admin/session"), nullptr, bearer(revoked))
                     .status,
                 403);
        // The signing key is kept too, so sessions survive a restart.
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, bearer(valid)).status,
                 200);
    }

    void secondNodeSeesChanges()
    {
        // A second node on the same system database (same master key) learns of writes made
        // through this one by polling the change marker: new apps and revoked tokens.
        SystemStore other(nodeConfig());
        QString error;
        QVERIFY2(other.initialize(&error), qPrintable(error));
        other.setPollInterval(100);

        const TestResponse created = admin("POST", QStringLiteral("/app"), Json{{"name", "node2-app"}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const QByteArray keyHash = ApiKeys::hash(str(created.json["api_key"]));
        QTRY_VERIFY_WITH_TIMEOUT(other.snapshot()->appByKeyHash(keyHash) != nullptr, 10000);

        const TestResponse session =
            login(QLatin1String(TestServer::kAdminEmail), QLatin1String(TestServer::kAdminPassword));
        const QString token = str(session.json["session_token"]);
        const Jwt::Result claims = other.jwt().verify(token, QDateTime::currentSecsSinceEpoch());
        QVERIFY(claims.ok());
        QVERIFY(!other.snapshot()->isRevoked(claims.claims.jti));
        QCOMPARE(m_server->request("DELETE", kApi + QStringLiteral("/admin/session"), nullptr, bearer(token))
                     .status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(other.snapshot()->isRevoked(claims.claims.jti), 10000);
        QCOMPARE(admin("DELETE", QStringLiteral("/app/%1").arg(created.json["id"].get<qint64>())).status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(other.snapshot()->appByKeyHash(keyHash) == nullptr, 10000);
    }

    void serviceTypes()
    {
        const TestResponse list = admin("GET", QStringLiteral("/service_type"));
        QCOMPARE(list.status, 200);
        QStringList names;
        for (const Json &type : list.json["resource"])
            names << str(type["name"]);
        QVERIFY2(names.contains(QStringLiteral("sqlite")), qPrintable(names.join(QLatin1Char(','))));
        QVERIFY(!names.contains(QStringLiteral("system")));
        const TestResponse narrowed = admin("GET", QStringLiteral("/service_type?fields=name,group"));
        QCOMPARE(narrowed.json["resource"][0].size(), std::size_t(2));
        QCOMPARE(admin("GET", QStringLiteral("/service_type/sqlite")).status, 200);
        QCOMPARE(admin("GET", QStringLiteral("/service_type/nope")).status, 404);
        QCOMPARE(admin("POST", QStringLiteral("/service_type"), Json{{"name", "x"}}).status, 405);
    }

    void serviceCrud()
    {
        const QString dbFile = QDir(m_dir.path()).filePath(QStringLiteral("svc.db"));
        const Json definition{{"name", "Sales_DB"},
                              {"label", "Sales"},
                              {"type", "sqlite"},
                              {"config", {{"database", dbFile}, {"password", kSecret.constData()}}}};
        const TestResponse created =
            admin("POST", QStringLiteral("/service"), Json{{"resource", {definition}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 id = created.json["resource"][0]["id"].get<qint64>();

        const TestResponse read = admin("GET", QStringLiteral("/service/%1").arg(id));
        QCOMPARE(read.status, 200);
        QCOMPARE(str(read.json["name"]), QStringLiteral("sales_db")); // stored lower-case
        QCOMPARE(str(read.json["config"]["password"]), QStringLiteral("**********"));
        QCOMPARE(str(read.json["config"]["database"]), dbFile);
        QVERIFY(!read.body.contains(kSecret));
        QVERIFY(!databaseText().contains(kSecret));
        // The engine itself gets the secret back.
        auto engineCopy = [this, id]() {
            for (const ServiceInfo &info : m_server->engine().store().services())
                if (info.id == id)
                    return info;
            return ServiceInfo();
        };
        QCOMPARE(str(engineCopy().config["password"]), QString::fromLatin1(kSecret));
        // Mounted: the catalogue lists it.
        QVERIFY(m_server->admin("GET", QStringLiteral("/api/v2")).body.contains("sales_db"));

        // Writing the mask back keeps the stored secret.
        const TestResponse patched = admin(
            "PATCH", QStringLiteral("/service/%1").arg(id),
            Json{{"description", "changed"}, {"config", {{"database", dbFile}, {"password", "**********"}}}});
        QVERIFY2(patched.status == 200, patched.describe().constData());
        QCOMPARE(str(engineCopy().config["password"]), QString::fromLatin1(kSecret));
        QCOMPARE(engineCopy().description, QStringLiteral("changed"));

        // Bad input.
        QCOMPARE(admin("POST", QStringLiteral("/service"), Json{{"name", "x1"}, {"type", "nope"}}).status,
                 400);
        QCOMPARE(admin("POST", QStringLiteral("/service"), Json{{"name", "x2"}}).status, 400);
        QCOMPARE(
            admin("POST", QStringLiteral("/service"), Json{{"name", "bad name!"}, {"type", "sqlite"}}).status,
            400);
        QCOMPARE(
            admin("POST", QStringLiteral("/service"), Json{{"name", "system"}, {"type", "sqlite"}}).status,
            400);
        QCOMPARE(admin("POST", QStringLiteral("/service"), Json{{"name", "_ai"}, {"type", "sqlite"}}).status,
                 400);
        QCOMPARE(admin("POST", QStringLiteral("/service"),
                       Json{{"name", "sales_db"}, {"type", "sqlite"}, {"config", {{"database", dbFile}}}})
                     .status,
                 400);
        QCOMPARE(admin("POST", QStringLiteral("/service"),
                       Json{{"name", "x3"}, {"type", "sqlite"}, {"config", "text"}})
                     .status,
                 400);
        QCOMPARE(admin("POST", QStringLiteral("/service"),
                       Json{{"name", "x4"}, {"type", "sqlite"}, {"is_active", "maybe"}})
                     .status,
                 400);
        // The type's validate() runs: a missing folder is refused.
        const TestResponse invalid = admin(
            "POST", QStringLiteral("/service"),
            Json{{"name", "x5"}, {"type", "sqlite"}, {"config", {{"database", "/nonexistent-dir/x/y.db"}}}});
        QCOMPARE(invalid.status, 400);
        QCOMPARE(admin("PATCH", QStringLiteral("/service/%1").arg(id), Json{{"type", "pgsql"}}).status, 400);
        QCOMPARE(admin("GET", QStringLiteral("/service/999999")).status, 404);
        QCOMPARE(admin("PATCH", QStringLiteral("/service/999999"), Json{{"label", "x"}}).status, 404);
        // The built-in system service (id 1) is listed but cannot be changed or removed.
        QCOMPARE(str(admin("GET", QStringLiteral("/service/1")).json["name"]), QStringLiteral("system"));
        QCOMPARE(admin("PATCH", QStringLiteral("/service/1"), Json{{"label", "x"}}).status, 400);
        QCOMPARE(admin("DELETE", QStringLiteral("/service/1")).status, 400);

        // An inactive service is staged without a connection test (secret still sealed).
        const TestResponse staged = admin(
            "POST", QStringLiteral("/service"),
            Json{{"name", "pg_later"},
                 {"type", "pgsql"},
                 {"is_active", false},
                 {"config", {{"host", "192.0.2.1"}, {"database", "x"}, {"password", kSecret.constData()}}}});
        QVERIFY2(staged.status == 201, staged.describe().constData());
        QVERIFY(!databaseText().contains(kSecret));

        const TestResponse removed = admin("DELETE", QStringLiteral("/service/%1").arg(id));
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.json["id"].get<qint64>(), id);
        QCOMPARE(admin("GET", QStringLiteral("/service/%1").arg(id)).status, 404);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/sales_db")).status, 404);
    }

    void roleCrud()
    {
        const Json role{{"name", "sales_ro"},
                        {"description", "read only"},
                        {"is_active", true},
                        {"role_service_access_by_role_id",
                         {{{"service_id", 1},
                           {"component", "role/*"},
                           {"verb_mask", 1},
                           {"requestor_mask", 1},
                           {"filters", {{{"name", "owner_id"}, {"operator", "="}, {"value", "{user.id}"}}}},
                           {"filter_op", "AND"}},
                          {{"service_id", nullptr}, {"component", "*"}, {"verb_mask", 3}}}}};
        const TestResponse created = admin("POST", QStringLiteral("/role"), Json{{"resource", {role}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 id = created.json["resource"][0]["id"].get<qint64>();

        TestResponse read =
            admin("GET", QStringLiteral("/role/%1?related=role_service_access_by_role_id").arg(id));
        QCOMPARE(read.status, 200);
        Json rules = read.json["role_service_access_by_role_id"];
        QCOMPARE(rules.size(), std::size_t(2));
        QCOMPARE(str(rules[0]["filters"][0]["operator"]), QStringLiteral("="));
        QVERIFY(rules[1]["service_id"].is_null());
        const qint64 firstRule = rules[0]["id"].get<qint64>();

        // {"id":n,"role_id":null} removes a rule; a rule without id is added.
        const TestResponse patched = admin(
            "PATCH", QStringLiteral("/role/%1").arg(id),
            Json{{"role_service_access_by_role_id",
                  {{{"id", firstRule}, {"role_id", nullptr}}, {{"component", "app"}, {"verb_mask", 31}}}}});
        QVERIFY2(patched.status == 200, patched.describe().constData());
        read = admin("GET", QStringLiteral("/role/%1?related=*").arg(id));
        rules = read.json["role_service_access_by_role_id"];
        QCOMPARE(rules.size(), std::size_t(2));
        for (const Json &rule : rules)
            QVERIFY(rule["id"].get<qint64>() != firstRule);
        QVERIFY(read.json.contains("user_to_app_to_role_by_role_id"));

        // Validation.
        auto bad = [this, id](const Json &rule) {
            return admin("PATCH", QStringLiteral("/role/%1").arg(id),
                         Json{{"role_service_access_by_role_id", {rule}}})
                .status;
        };
        QCOMPARE(bad(Json{{"component", "*"}, {"verb_mask", 99}}), 400);
        QCOMPARE(bad(Json{{"component", "*"}, {"verb_mask", "1"}}), 400);
        QCOMPARE(bad(Json{{"component", "*"}}), 400);
        QCOMPARE(bad(Json{{"component", "*"}, {"verb_mask", 1}, {"requestor_mask", 4}}), 400);
        QCOMPARE(bad(Json{{"component", "*"}, {"verb_mask", 1}, {"filter_op", "XOR"}}), 400);
        QCOMPARE(bad(Json{{"component", "*"},
                          {"verb_mask", 1},
                          {"filters", {{{"name", "a"}, {"operator", "LIKE'"}}}}}),
                 400);
        QCOMPARE(bad(Json{{"component", "*"}, {"verb_mask", 1}, {"service_id", 999999}}), 400);
        QCOMPARE(bad(Json{{"id", 999999}, {"role_id", nullptr}}), 404);
        QCOMPARE(admin("POST", QStringLiteral("/role"), Json{{"name", "sales_ro"}}).status, 400); // duplicate
        QCOMPARE(admin("POST", QStringLiteral("/role"), Json{{"description", "no name"}}).status, 400);
        QCOMPARE(admin("POST", QStringLiteral("/role"), Json{{"name", 42}}).status, 400);
        QCOMPARE(admin("POST", QStringLiteral("/role"), "not an object").status, 400);
        QCOMPARE(admin("GET", QStringLiteral("/role/999999")).status, 404);
        QCOMPARE(admin("GET", QStringLiteral("/role/abc")).status, 404);
        QCOMPARE(admin("GET", QStringLiteral("/role?fields=nope")).status, 400);
        QCOMPARE(admin("GET", QStringLiteral("/role?order=name;drop")).status, 400);
        QCOMPARE(admin("GET", QStringLiteral("/role?order=password_hash")).status, 400);
        QCOMPARE(admin("GET", QStringLiteral("/role?related=nope")).status, 400);
        QCOMPARE(admin("GET", QStringLiteral("/role?continue=true&rollback=true")).status, 400);
        // Filters select nothing to write: PATCH/PUT/DELETE take ids or records (see filters()).
        QCOMPARE(admin("PATCH", QStringLiteral("/role?filter=name%3D'x'"), Json{{"description", "x"}}).status,
                 400);
    }

    void batchesAndListing()
    {
        // Default: stop at the first failure, earlier records stay.
        TestResponse r = admin("POST", QStringLiteral("/role"),
                               Json{{"resource", {{{"name", "b1"}}, {{"name", "b1"}}, {{"name", "b2"}}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), 1000);
        QVERIFY(r.json["error"]["context"]["error"] == Json::array({1}));
        QVERIFY(r.json["error"]["context"]["resource"][0].contains("id"));
        QCOMPARE(admin("GET", QStringLiteral("/role?fields=name")).body.count("\"b2\""), 0);
        // continue: every record is tried.
        r = admin("POST", QStringLiteral("/role?continue=true"),
                  Json{{"resource", {{{"name", "b1"}}, {{"name", "b2"}}, {{"name", "b3"}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.json["error"]["context"]["error"] == Json::array({0}));
        QCOMPARE(r.json["error"]["context"]["resource"].size(), std::size_t(3));
        // rollback: all or nothing.
        r = admin("POST", QStringLiteral("/role?rollback=true"),
                  Json{{"resource", {{{"name", "b4"}}, {{"name", "b3"}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(str(r.json["error"]["message"]).endsWith(QStringLiteral("All changes rolled back.")));
        QVERIFY(!admin("GET", QStringLiteral("/role?fields=name")).body.contains("\"b4\""));

        // Listing: fields, order, limit/offset, include_count, ids.
        r = admin("GET",
                  QStringLiteral("/role?fields=name&order=name%20desc&limit=2&offset=1&include_count=true"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), std::size_t(2));
        QCOMPARE(r.json["resource"][0].size(), std::size_t(1));
        QVERIFY(r.json["meta"]["count"].get<qint64>() >= 4);
        QCOMPARE(r.json["meta"]["next"].get<qint64>(), qint64(3));
        const TestResponse all = admin("GET", QStringLiteral("/role?fields=id,name&order=name"));
        const qint64 a = all.json["resource"][0]["id"].get<qint64>();
        const qint64 b = all.json["resource"][1]["id"].get<qint64>();
        r = admin("GET", QStringLiteral("/role?ids=%1,%2").arg(a).arg(b));
        QCOMPARE(r.json["resource"].size(), std::size_t(2));
        QCOMPARE(admin("GET", QStringLiteral("/role?ids=%1,999999").arg(a)).json["error"]["code"].get<int>(),
                 1000);
        // PATCH ?ids= applies one record to each; fields on a write returns them.
        r = admin("PATCH", QStringLiteral("/role?ids=%1,%2&fields=id,description").arg(a).arg(b),
                  Json{{"description", "bulk"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["resource"][1]["description"]), QStringLiteral("bulk"));
        // Records carrying their ids.
        r = admin("PUT", QStringLiteral("/role"), Json{{"resource", {{{"id", a}, {"is_active", false}}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"][0]["id"].get<qint64>(), a);
        QCOMPARE(admin("PATCH", QStringLiteral("/role"), Json{{"resource", {{{"is_active", false}}}}}).status,
                 400);
        // DELETE needs ids or records.
        QCOMPARE(admin("DELETE", QStringLiteral("/role")).status, 400);
        r = admin("DELETE", QStringLiteral("/role?ids=%1&fields=name").arg(b));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["resource"][0].contains("name"));
        QCOMPARE(admin("DELETE", QStringLiteral("/role"), Json{{"resource", {{{"id", a}}}}}).status, 200);
    }

    void appKeysAndDeactivation()
    {
        // A role that may read system/role only.
        const TestResponse role =
            admin("POST", QStringLiteral("/role"),
                  Json{{"name", "reader"},
                       {"role_service_access_by_role_id",
                        {{{"service_id", 1}, {"component", "role"}, {"verb_mask", 1}}}}});
        QVERIFY2(role.status == 201, role.describe().constData());
        const qint64 roleId = role.json["id"].get<qint64>();
        const TestResponse created =
            admin("POST", QStringLiteral("/app"),
                  Json{{"name", "agent"}, {"role_id", roleId}, {"description", "AI"}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 appId = created.json["id"].get<qint64>();
        const QString key = str(created.json["api_key"]);
        QVERIFY(ApiKeys::isWellFormed(key));

        // Shown once: later reads have only the hint.
        const TestResponse read = admin("GET", QStringLiteral("/app/%1?related=role_by_role_id").arg(appId));
        QCOMPARE(read.status, 200);
        QVERIFY(!read.json.contains("api_key"));
        QVERIFY(!read.body.contains(key.toLatin1()));
        QCOMPARE(str(read.json["api_key_hint"]), key.left(6));
        QCOMPARE(str(read.json["role_by_role_id"]["name"]), QStringLiteral("reader"));
        QVERIFY(!admin("GET", QStringLiteral("/app")).body.contains(key.toLatin1()));
        // Only the hash is stored.
        const QByteArray stored = databaseText();
        QVERIFY(!stored.contains(key.toLatin1()));
        QVERIFY(stored.contains(ApiKeys::hash(key)));

        // The key works (role allows GET system/role, nothing else), in both places.
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(key)).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role?api_key=") + key).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/app"), nullptr, apiKey(key)).status, 403);

        // Deactivation takes effect at once.
        QCOMPARE(admin("PATCH", QStringLiteral("/app/%1").arg(appId), Json{{"is_active", false}}).status,
                 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(key)).status, 403);
        QCOMPARE(admin("PATCH", QStringLiteral("/app/%1").arg(appId), Json{{"is_active", true}}).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(key)).status, 200);
        // An inactive role is refused too.
        QCOMPARE(admin("PATCH", QStringLiteral("/role/%1").arg(roleId), Json{{"is_active", false}}).status,
                 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(key)).status, 403);
        QCOMPARE(admin("PATCH", QStringLiteral("/role/%1").arg(roleId), Json{{"is_active", true}}).status,
                 200);

        // regenerate issues a new key; the old one stops working.
        const TestResponse regenerated = admin("PATCH", QStringLiteral("/app/%1?regenerate=true").arg(appId),
                                               Json{{"description", "rotated"}});
        QVERIFY2(regenerated.status == 200, regenerated.describe().constData());
        const QString newKey = str(regenerated.json["api_key"]);
        QVERIFY(ApiKeys::isWellFormed(newKey));
        QVERIFY(newKey != key);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(key)).status, 401);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(newKey)).status,
                 200);
        QVERIFY(!admin("PATCH", QStringLiteral("/app/%1").arg(appId), Json{{"description", "x"}})
                     .json.contains("api_key"));

        // Bad input.
        QCOMPARE(admin("POST", QStringLiteral("/app"), Json{{"name", "agent"}}).status, 400);
        QCOMPARE(admin("POST", QStringLiteral("/app"), Json{{"name", "a2"}, {"role_id", 999999}}).status,
                 400);
        QCOMPARE(admin("POST", QStringLiteral("/app"), Json{{"name", "a3"}, {"role_id", "x"}}).status, 400);
        QCOMPARE(admin("POST", QStringLiteral("/app"), Json{{"role_id", roleId}}).status, 400);
        // A client cannot set the key or its hash.
        const TestResponse sneaky =
            admin("POST", QStringLiteral("/app"),
                  Json{{"name", "a4"}, {"api_key", ApiKeys::generate()}, {"api_key_hash", "00"}});
        QCOMPARE(sneaky.status, 201);
        QVERIFY(ApiKeys::isWellFormed(str(sneaky.json["api_key"])));
        QCOMPARE(admin("DELETE", QStringLiteral("/app/%1").arg(appId)).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/role"), nullptr, apiKey(newKey)).status,
                 401);
    }

    void adminCrud()
    {
        const TestResponse created = admin("POST", QStringLiteral("/admin"),
                                           Json{{"email", "Second@Test.Local"},
                                                {"first_name", "Sec"},
                                                {"last_name", "Ond"},
                                                {"password", "second-password"}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 id = created.json["id"].get<qint64>();
        const TestResponse read = admin("GET", QStringLiteral("/admin/%1").arg(id));
        QCOMPARE(str(read.json["email"]), QStringLiteral("second@test.local"));
        QCOMPARE(str(read.json["name"]), QStringLiteral("Sec Ond"));
        QVERIFY(!read.json.contains("password"));
        QVERIFY(!read.json.contains("password_hash"));
        QVERIFY(!databaseText().contains("second-password"));

        TestResponse session = login(QStringLiteral("second@test.local"), QStringLiteral("second-password"));
        QVERIFY2(session.status == 200, session.describe().constData());
        const QString token = str(session.json["session_token"]);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/admin"), nullptr, bearer(token)).status,
                 200);

        // Password change.
        QCOMPARE(
            admin("PATCH", QStringLiteral("/admin/%1").arg(id), Json{{"password", "third-password"}}).status,
            200);
        QCOMPARE(login(QStringLiteral("second@test.local"), QStringLiteral("second-password")).status, 401);
        QCOMPARE(login(QStringLiteral("second@test.local"), QStringLiteral("third-password")).status, 200);

        // Bad input.
        QCOMPARE(admin("POST", QStringLiteral("/admin"),
                       Json{{"email", "second@test.local"}, {"password", "whatever1"}})
                     .status,
                 400);
        QCOMPARE(admin("POST", QStringLiteral("/admin"), Json{{"email", "not-an-email"}}).status, 400);
        QCOMPARE(
            admin("POST", QStringLiteral("/admin"), Json{{"email", "x@y.z"}, {"password", "short"}}).status,
            400);
        QCOMPARE(
            admin("POST", QStringLiteral("/admin"), Json{{"email", "x@y.z"}, {"password", 12345678}}).status,
            400);
        QCOMPARE(admin("POST", QStringLiteral("/admin"), Json{{"name", "no email"}}).status, 400);

        // Deactivation takes effect at once.
        QCOMPARE(admin("PATCH", QStringLiteral("/admin/%1").arg(id), Json{{"is_active", false}}).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/admin"), nullptr, bearer(token)).status,
                 403);
        QCOMPARE(login(QStringLiteral("second@test.local"), QStringLiteral("third-password")).status, 401);

        // The last active admin stays.
        const qint64 firstId =
            admin("GET", QStringLiteral("/admin?fields=id&order=id")).json["resource"][0]["id"].get<qint64>();
        QCOMPARE(admin("PATCH", QStringLiteral("/admin/%1").arg(firstId), Json{{"is_active", false}}).status,
                 400);
        QCOMPARE(admin("DELETE", QStringLiteral("/admin/%1").arg(firstId)).status, 400);
        QCOMPARE(admin("DELETE", QStringLiteral("/admin/%1").arg(id)).status, 200);
        QCOMPARE(m_server->request("GET", kApi + QStringLiteral("/admin"), nullptr, bearer(token)).status,
                 401);
    }

    // Runs a statement on the system database behind the engine's back.
    bool execSql(const QString &sql)
    {
        QString error;
        bool ok = false;
        {
            QSqlDatabase db = DbExecutor::openConnection(m_server->engine().store().connectionSpec(),
                                                         QStringLiteral("tst-exec"), &error);
            if (!db.isOpen()) {
                qWarning("cannot open the system database: %s", qPrintable(error));
            } else {
                QSqlQuery query(db);
                ok = query.exec(sql);
                if (!ok)
                    qWarning("%s", qPrintable(query.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-exec"));
        return ok;
    }

    // GET on a system list with ?filter= (plus any other query text) and the filter's reply.
    TestResponse filtered(const QString &resource, const QString &filter, const QString &more = QString())
    {
        return admin("GET", QStringLiteral("/%1?filter=%2%3").arg(resource, enc(filter), more));
    }

    void filters()
    {
        // Roles: r1 active, r2 inactive, r3 active without description, r4 with % in its text.
        const TestResponse created =
            admin("POST", QStringLiteral("/role"),
                  Json{{"resource",
                        {{{"name", "flt_r1"}, {"description", "alpha one"}, {"is_active", true}},
                         {{"name", "flt_r2"}, {"description", "beta two"}, {"is_active", false}},
                         {{"name", "flt_r3"}, {"is_active", true}},
                         {{"name", "flt_r4"}, {"description", "now 50% off"}, {"is_active", true}}}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 r1 = created.json["resource"][0]["id"].get<qint64>();
        const qint64 r2 = created.json["resource"][1]["id"].get<qint64>();
        const qint64 r3 = created.json["resource"][2]["id"].get<qint64>();
        const QString mine = QStringLiteral("&fields=name&order=name");
        auto roles = [&](const QString &filter) {
            const TestResponse r = filtered(QStringLiteral("role"), filter, mine);
            if (r.status != 200) // fails the comparison, with the reply in the log
                return QStringList{QString::fromUtf8(r.describe())};
            return column(r, "name");
        };
        const QStringList all{QStringLiteral("flt_r1"), QStringLiteral("flt_r2"), QStringLiteral("flt_r3"),
                              QStringLiteral("flt_r4")};

        // Booleans: true/false/1/0 against the 0/1 column, on both databases.
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND is_active = true")),
                 QStringList({QStringLiteral("flt_r1"), QStringLiteral("flt_r3"), QStringLiteral("flt_r4")}));
        QCOMPARE(roles(QStringLiteral("(name STARTS WITH 'flt_r') AND (is_active=false)")),
                 QStringList{QStringLiteral("flt_r2")});
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' && is_active = 0")),
                 QStringList{QStringLiteral("flt_r2")});
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND is_active != 'true'")),
                 QStringList{QStringLiteral("flt_r2")});
        // LIKE keeps the caller's wildcards; CONTAINS / ENDS WITH match their text literally.
        QCOMPARE(roles(QStringLiteral("name LIKE 'flt!_r%'")), all);
        QCOMPARE(roles(QStringLiteral("description LIKE '%o%' AND name LIKE 'flt%'")),
                 QStringList({QStringLiteral("flt_r1"), QStringLiteral("flt_r2"), QStringLiteral("flt_r4")}));
        QCOMPARE(roles(QStringLiteral("description CONTAINS '50%'")), QStringList{QStringLiteral("flt_r4")});
        QCOMPARE(roles(QStringLiteral("description CONTAINS '0%' AND name NOT LIKE 'flt_r4'")),
                 QStringList());
        QCOMPARE(roles(QStringLiteral("name ENDS WITH '_r2'")), QStringList{QStringLiteral("flt_r2")});
        // IN lists, NOT IN, IS NULL, NOT (...), the "where" alias, case-insensitive field names.
        QCOMPARE(roles(QStringLiteral("name IN ('flt_r1', 'flt_r3')")),
                 QStringList({QStringLiteral("flt_r1"), QStringLiteral("flt_r3")}));
        QCOMPARE(roles(QStringLiteral("id IN (%1, %2)").arg(r2).arg(r3)),
                 QStringList({QStringLiteral("flt_r2"), QStringLiteral("flt_r3")}));
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND name NOT IN ('flt_r1','flt_r2')")),
                 QStringList({QStringLiteral("flt_r3"), QStringLiteral("flt_r4")}));
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND description IS NULL")),
                 QStringList{QStringLiteral("flt_r3")});
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND NOT (IS_ACTIVE = true)")),
                 QStringList{QStringLiteral("flt_r2")});
        TestResponse r =
            admin("GET", QStringLiteral("/role?where=%1%2").arg(enc(QStringLiteral("name='flt_r3'")), mine));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_r3")});
        // Dates (stored as text) against the allow-listed functions.
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND created_date <= (NOW())")), all);
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND created_date > (CURRENT_TIMESTAMP)")),
                 QStringList());
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r' AND created_date > '2000-01-01'")), all);
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("created_date < (CURRENT_TIME)")).status,
                 400);
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("name = (CURRENT_DATE)")).status, 400);

        // :params, from the query string and from a GET body, scalars and lists.
        r = filtered(QStringLiteral("role"), QStringLiteral("name = :n"),
                     mine + QStringLiteral("&params=") + enc(QStringLiteral(R"({":n":"flt_r2"})")));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_r2")});
        r = filtered(QStringLiteral("role"), QStringLiteral("name IN :names AND is_active = :on"),
                     mine + QStringLiteral("&params=") +
                         enc(QStringLiteral(R"({"names":["flt_r1","flt_r2","flt_r4"],":on":true})")));
        QCOMPARE(column(r, "name"), QStringList({QStringLiteral("flt_r1"), QStringLiteral("flt_r4")}));
        r = admin("GET", QStringLiteral("/role?filter=%1%2").arg(enc(QStringLiteral("id = :id")), mine),
                  Json{{"params", {{":id", r1}}}});
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_r1")});
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("name = :missing")).status, 400);
        QCOMPARE(
            filtered(QStringLiteral("role"), QStringLiteral("name = :n"), QStringLiteral("&params=%5B1%5D"))
                .status,
            400);

        // Values are cast to the field's type.
        r = filtered(QStringLiteral("role"), QStringLiteral("id = 'abc'"));
        QCOMPARE(r.status, 400);
        QCOMPARE(str(r.json["error"]["message"]),
                 QStringLiteral("Field &#039;id&#039; must be a valid integer."));
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("is_active = maybe")).status, 400);
        QCOMPARE(roles(QStringLiteral("id = '%1'").arg(r1)), QStringList{QStringLiteral("flt_r1")});
        // Syntax errors and related-table paths are the parser's 400s.
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("name = ")).status, 400);
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("(name = 'x'")).status, 400);
        QCOMPARE(
            filtered(QStringLiteral("role"), QStringLiteral("role_service_access_by_role_id.component='*'"))
                .status,
            400);

        // include_count counts what the filter matches, with limit/offset/order applied after.
        r = filtered(QStringLiteral("role"), QStringLiteral("name STARTS WITH 'flt_r'"),
                     QStringLiteral("&fields=name&order=name%20desc&limit=2&include_count=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(column(r, "name"), QStringList({QStringLiteral("flt_r4"), QStringLiteral("flt_r3")}));
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(4));
        QCOMPARE(r.json["meta"]["next"].get<qint64>(), qint64(2));
        r = filtered(QStringLiteral("role"), QStringLiteral("name STARTS WITH 'flt_r' AND is_active = true"),
                     QStringLiteral("&fields=name&order=name&limit=2&offset=2&include_count=true"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_r4")});
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(3));
        QVERIFY(!r.json["meta"].contains("next"));
        r = filtered(QStringLiteral("role"), QStringLiteral("name = 'no such role'"),
                     QStringLiteral("&include_count=true"));
        QVERIFY(r.json["resource"].empty());
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(0));

        // With ids (and by id) the filter narrows what is visible: a record it excludes is not found.
        r = filtered(QStringLiteral("role"), QStringLiteral("is_active = true"),
                     QStringLiteral("&fields=name&ids=%1,%2").arg(r1).arg(r3));
        QCOMPARE(column(r, "name"), QStringList({QStringLiteral("flt_r1"), QStringLiteral("flt_r3")}));
        r = filtered(QStringLiteral("role"), QStringLiteral("is_active = true"),
                     QStringLiteral("&ids=%1,%2").arg(r1).arg(r2));
        QCOMPARE(r.status, 400);
        QVERIFY(r.json["error"]["context"]["error"] == Json::array({1}));
        QCOMPARE(r.json["error"]["context"]["resource"][1]["status_code"].get<int>(), 404);
        QCOMPARE(filtered(QStringLiteral("role/%1").arg(r2), QStringLiteral("is_active = true")).status, 404);
        QCOMPARE(
            str(filtered(QStringLiteral("role/%1").arg(r1), QStringLiteral("is_active = true")).json["name"]),
            QStringLiteral("flt_r1"));

        // Injection attempts are values or errors, never SQL.
        QCOMPARE(roles(QStringLiteral("name = 'x'' OR ''1''=''1'")), QStringList());
        r = filtered(QStringLiteral("role"), QStringLiteral("name = :p"),
                     mine + QStringLiteral("&params=") +
                         enc(QStringLiteral(R"({":p":"flt_r1' OR '1'='1"})")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["resource"].empty());
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("name = 'x\\' OR 1=1 --'")).status, 400);
        r = filtered(QStringLiteral("role"), QStringLiteral("name = 'x' OR 1=1"));
        QCOMPARE(r.status, 400);
        QVERIFY2(str(r.json["error"]["message"]).startsWith(QStringLiteral("Invalid filter at position 15")),
                 r.describe().constData());
        // An unquoted word is a value, never a column: "name = name" compares with the text 'name'.
        QCOMPARE(roles(QStringLiteral("name = 'x' OR name = name")), QStringList());
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("name = 'x'; DROP TABLE role")).status, 400);
        QCOMPARE(filtered(QStringLiteral("role"), QStringLiteral("name = (SELECT name FROM role)")).status,
                 400);
        QCOMPARE(filtered(QStringLiteral("role"),
                          QStringLiteral("name = 'x' UNION SELECT password_hash FROM \"user\""))
                     .status,
                 400);
        QCOMPARE(roles(QStringLiteral("name STARTS WITH 'flt_r'")), all); // nothing was dropped

        // A filter selects nothing to change or delete: writes refuse it and change nothing.
        QCOMPARE(admin("PATCH", QStringLiteral("/role?filter=%1").arg(enc(QStringLiteral("name='flt_r1'"))),
                       Json{{"description", "by filter"}})
                     .status,
                 400);
        QCOMPARE(admin("DELETE", QStringLiteral("/role?filter=%1").arg(enc(QStringLiteral("name='flt_r1'"))))
                     .status,
                 400);
        QCOMPARE(
            admin("DELETE", QStringLiteral("/role?ids=%1&filter=%2").arg(r1).arg(enc(QStringLiteral("id=0"))))
                .status,
            400);
        QCOMPARE(str(admin("GET", QStringLiteral("/role/%1").arg(r1)).json["description"]),
                 QStringLiteral("alpha one"));

        // Apps: role_id, is_active, the exposed key hint; never the key hash.
        const TestResponse app1 =
            admin("POST", QStringLiteral("/app"), Json{{"name", "flt_app1"}, {"role_id", r1}});
        const TestResponse app2 =
            admin("POST", QStringLiteral("/app"), Json{{"name", "flt_app2"}, {"is_active", false}});
        QVERIFY2(app1.status == 201, app1.describe().constData());
        QVERIFY2(app2.status == 201, app2.describe().constData());
        const QString key1 = str(app1.json["api_key"]);
        r = filtered(QStringLiteral("app"), QStringLiteral("role_id = %1").arg(r1),
                     QStringLiteral("&fields=name"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_app1")});
        r = filtered(QStringLiteral("app"),
                     QStringLiteral("name STARTS WITH 'flt_app' AND is_active = false"),
                     QStringLiteral("&fields=name"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_app2")});
        r = filtered(QStringLiteral("app"), QStringLiteral("name LIKE 'flt%' AND role_id IS NULL"),
                     QStringLiteral("&fields=name&include_count=true"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_app2")});
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(1));
        r = filtered(QStringLiteral("app"), QStringLiteral("api_key_hint = '%1'").arg(key1.left(6)),
                     QStringLiteral("&fields=name"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_app1")});

        // Columns clients cannot read cannot be filtered on, whatever the operator. (Messages
        // arrive HTML-escaped, as DreamFactory sends them.)
        const auto hidden = [this](const QString &resource, const QString &filter, const QString &field) {
            const TestResponse reply = filtered(resource, filter);
            QCOMPARE(reply.status, 400);
            QCOMPARE(
                str(reply.json["error"]["message"]),
                QStringLiteral("Invalid or unparsable field in filter request: &#039;%1&#039;").arg(field));
        };
        hidden(QStringLiteral("app"),
               QStringLiteral("api_key_hash = '%1'").arg(QString::fromLatin1(ApiKeys::hash(key1))),
               QStringLiteral("api_key_hash"));
        hidden(QStringLiteral("app"), QStringLiteral("api_key_hash LIKE 'a%'"),
               QStringLiteral("api_key_hash"));
        hidden(QStringLiteral("app"), QStringLiteral("api_key = '%1'").arg(key1), QStringLiteral("api_key"));
        hidden(QStringLiteral("admin"), QStringLiteral("password_hash IS NOT NULL"),
               QStringLiteral("password_hash"));
        hidden(QStringLiteral("admin"), QStringLiteral("password_hash STARTS WITH '$argon2'"),
               QStringLiteral("password_hash"));
        hidden(QStringLiteral("admin"), QStringLiteral("password = 'x'"), QStringLiteral("password"));
        hidden(QStringLiteral("admin"), QStringLiteral("is_sys_admin = 0"), QStringLiteral("is_sys_admin"));
        hidden(QStringLiteral("service"), QStringLiteral("config CONTAINS 'password'"),
               QStringLiteral("config"));
        hidden(QStringLiteral("service"), QStringLiteral("(is_active = true) OR (config LIKE '%')"),
               QStringLiteral("config"));
        hidden(QStringLiteral("role"), QStringLiteral("filters = '[]'"), QStringLiteral("filters"));

        // Services: the built-in one by type, a staged one by is_active.
        const TestResponse staged = admin(
            "POST", QStringLiteral("/service"),
            Json{{"name", "flt_svc"},
                 {"type", "pgsql"},
                 {"is_active", false},
                 {"config", {{"host", "192.0.2.1"}, {"database", "x"}, {"password", kSecret.constData()}}}});
        QVERIFY2(staged.status == 201, staged.describe().constData());
        r = filtered(QStringLiteral("service"), QStringLiteral("type = 'system'"),
                     QStringLiteral("&fields=id,name"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("system")});
        QCOMPARE(r.json["resource"][0]["id"].get<qint64>(), qint64(1));
        r = filtered(QStringLiteral("service"),
                     QStringLiteral("name IN ('flt_svc','system') AND is_active = false"));
        QCOMPARE(column(r, "name"), QStringList{QStringLiteral("flt_svc")});
        QCOMPARE(str(r.json["resource"][0]["config"]["password"]),
                 QStringLiteral("**********")); // still masked
        r = filtered(QStringLiteral("service"), QStringLiteral("label CONTAINS 'System' OR name = 'flt_svc'"),
                     QStringLiteral("&fields=name&order=name&include_count=true"));
        QCOMPARE(column(r, "name"), QStringList({QStringLiteral("flt_svc"), QStringLiteral("system")}));
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(2));

        // Admins: the filter is ANDed with the admin scope, so even a top-level OR cannot reach
        // users that are not admins.
        const TestResponse added =
            admin("POST", QStringLiteral("/admin"),
                  Json{{"email", "flt_admin@test.local"}, {"password", "flt-password"}});
        QVERIFY2(added.status == 201, added.describe().constData());
        QVERIFY(execSql(QStringLiteral(
            R"(INSERT INTO "user" (email, name, password_hash, is_active, is_sys_admin, created_date, last_modified_date)
               VALUES ('flt_plain@test.local', 'plain', 'x', 1, 0, '2020-01-01 00:00:00', '2020-01-01 00:00:00'))")));
        r = filtered(QStringLiteral("admin"), QStringLiteral("email = 'flt_admin@test.local'"),
                     QStringLiteral("&fields=email,last_login_date"));
        QCOMPARE(column(r, "email"), QStringList{QStringLiteral("flt_admin@test.local")});
        QVERIFY(r.json["resource"][0]["last_login_date"].is_null());
        r = filtered(QStringLiteral("admin"), QStringLiteral("(email = 'flt_plain@test.local') OR (id > 0)"),
                     QStringLiteral("&fields=email&include_count=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!column(r, "email").contains(QStringLiteral("flt_plain@test.local")));
        QVERIFY(column(r, "email").contains(QStringLiteral("flt_admin@test.local")));
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(r.json["resource"].size()));
        r = filtered(QStringLiteral("admin"),
                     QStringLiteral("email ENDS WITH '@test.local' AND is_active = true"),
                     QStringLiteral("&fields=email&order=email"));
        QCOMPARE(column(r, "email"), QStringList({QLatin1String(TestServer::kAdminEmail),
                                                  QStringLiteral("flt_admin@test.local")}));
        r = filtered(
            QStringLiteral("admin"), QStringLiteral("email = :e AND created_date > :since"),
            QStringLiteral("&fields=email&params=") +
                enc(QStringLiteral(R"({":e":"flt_admin@test.local",":since":"2000-01-01 00:00:00"})")));
        QCOMPARE(column(r, "email"), QStringList{QStringLiteral("flt_admin@test.local")});

        QVERIFY(execSql(QStringLiteral(R"(DELETE FROM "user" WHERE email = 'flt_plain@test.local')")));
        QCOMPARE(admin("DELETE", QStringLiteral("/admin/%1").arg(added.json["id"].get<qint64>())).status,
                 200);
        QCOMPARE(admin("DELETE", QStringLiteral("/service/%1").arg(staged.json["id"].get<qint64>())).status,
                 200);
        QCOMPARE(admin("DELETE", QStringLiteral("/app?ids=%1,%2")
                                     .arg(app1.json["id"].get<qint64>())
                                     .arg(app2.json["id"].get<qint64>()))
                     .status,
                 200);
        QCOMPARE(admin("DELETE", QStringLiteral("/role?ids=%1,%2,%3,%4")
                                     .arg(r1)
                                     .arg(r2)
                                     .arg(r3)
                                     .arg(created.json["resource"][3]["id"].get<qint64>()))
                     .status,
                 200);
    }

    void systemRoot()
    {
        const TestResponse root = admin("GET", QString());
        QCOMPARE(root.status, 200);
        QVERIFY(root.body.contains("\"service_type\""));
        QCOMPARE(admin("GET", QStringLiteral("/nope")).status, 404);
    }
};

int main(int argc, char **argv)
{
    return TestDatabases::runOnSystemDatabases<TestSystemApi>(argc, argv);
}

#include "tst_systemapi.moc"
