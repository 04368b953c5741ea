// Lookups end to end over HTTP (reference §5): /system/lookup CRUD with private masking, the
// lookup_by_role_id / lookup_by_app_id relations, lookups in client filters and routine
// arguments, and identity passthrough through a service's per-request `statements` into a real
// PostgreSQL row-level security policy.
//
// Non-admin users: the user API is not part of this branch, so the test inserts user rows into
// the system database and mints their session tokens with the store's Jwt, exactly as a login
// would; everything after that goes through HTTP with an app's API key and the token.
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "TestDatabases.h"
#include "TestServer.h"
#include "core/ApiError.h"
#include "security/Jwt.h"
#include "security/LookupSecrets.h"
#include "security/LookupTable.h"
#include "security/SecretBox.h"
#include "services/system/LookupRelation.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"

using namespace gatehouse;
using namespace gatehouse::test;
using namespace Qt::StringLiterals;

namespace {
QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

// The ids in a records reply, in order.
QList<qint64> ids(const TestResponse &r)
{
    QList<qint64> out;
    if (!r.json.is_object() || !r.json.contains("resource"))
        return out;
    for (const Json &row : r.json["resource"])
        out << row["id"].get<qint64>();
    return out;
}

// A direct connection to the PostgreSQL test database at `url`, opened (check isOpen()).
QSqlDatabase openPostgres(const QUrl &url, const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.open();
    return db;
}
} // namespace

class TestPassthrough : public QObject
{
    Q_OBJECT

    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_key;       // API key of the app the users call through
    qint64 m_appId = 0;  // that app
    qint64 m_roleId = 0; // its default role
    qint64 m_alice = 0;
    qint64 m_bob = 0;
    qint64 m_eve = 0; // no user-level lookups at all

    QSqlDatabase systemDb()
    {
        const QString name = u"tst-passthrough-system"_s;
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(QDir(m_server.dataDir()).filePath(u"system.db"_s));
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        db.open();
        return db;
    }

    void reloadSnapshot()
    {
        QEventLoop loop;
        m_server.engine().store().reloadAll([&loop] { loop.quit(); });
        loop.exec();
    }

    qint64 insertUser(const QString &email)
    {
        QSqlQuery q(systemDb());
        q.prepare(
            uR"(INSERT INTO "user" (email, name, is_active, is_sys_admin, created_date, last_modified_date)
                     VALUES (?, ?, 1, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00'))"_s);
        q.addBindValue(email);
        q.addBindValue(email.section(u'@', 0, 0));
        if (!q.exec())
            return 0;
        return q.lastInsertId().toLongLong();
    }

    // A user-level lookup; written directly because the user resource (and with it
    // lookup_by_user_id) belongs to another part of this issue.
    bool insertUserLookup(qint64 userId, const QString &name, const QString &value)
    {
        QSqlQuery q(systemDb());
        q.prepare(u"INSERT INTO lookup (name, value, private, user_id, created_date, last_modified_date) "
                  "VALUES (?, ?, 0, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"_s);
        q.addBindValue(name);
        q.addBindValue(value);
        q.addBindValue(userId);
        return q.exec();
    }

    QString storedValue(qint64 lookupId)
    {
        QSqlQuery q(systemDb());
        q.prepare(u"SELECT value FROM lookup WHERE id = ?"_s);
        q.addBindValue(lookupId);
        return q.exec() && q.next() ? q.value(0).toString() : u"<missing>"_s;
    }

    Headers as(qint64 userId)
    {
        Headers headers{{"X-DreamFactory-API-Key", m_key.toLatin1()}};
        if (userId) {
            const JwtClaims claims = Jwt::newClaims(userId, false, QDateTime::currentSecsSinceEpoch(), 60);
            headers.append(
                {"Authorization", "Bearer " + m_server.engine().store().jwt().sign(claims).toLatin1()});
        }
        return headers;
    }

    TestResponse get(qint64 userId, const QString &path)
    {
        return m_server.request("GET", path, nullptr, as(userId));
    }

    qint64 createLookup(const Json &record)
    {
        const TestResponse r =
            m_server.admin("POST", u"/api/v2/system/lookup"_s, Json{{"resource", {record}}});
        return r.status == 201 ? r.json["resource"][0]["id"].get<qint64>() : 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_alice = insertUser(u"alice@example.com"_s);
        m_bob = insertUser(u"bob@example.com"_s);
        m_eve = insertUser(u"eve@example.com"_s);
        QVERIFY(m_alice > 0 && m_bob > 0 && m_eve > 0);

        // The data: documents owned by alice and bob, in regions.
        const QString path = m_dir.filePath(u"docs.db"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-passthrough-docs"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                u"CREATE TABLE doc (id INTEGER PRIMARY KEY, owner_id INTEGER, region TEXT, title TEXT)"_s));
            const QList<std::tuple<int, qint64, QString>> rows{
                {1, m_alice, u"west"_s}, {2, m_alice, u"south"_s}, {3, m_bob, u"west"_s},
                {4, m_bob, u"east"_s},   {5, m_bob, u"north"_s},   {6, m_alice, u"EAST"_s}};
            for (const auto &[id, owner, region] : rows) {
                q.prepare(u"INSERT INTO doc (id, owner_id, region, title) VALUES (?, ?, ?, ?)"_s);
                q.addBindValue(id);
                q.addBindValue(owner);
                q.addBindValue(region);
                q.addBindValue(u"doc %1"_s.arg(id));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tst-passthrough-docs"_s);

        const Json definition{
            {"name", "files"},
            {"type", "sqlite"},
            {"config",
             {{"database", path.toStdString()},
              {"named_queries",
               {{{"name", "docs_for"},
                 {"sql", "SELECT id FROM doc WHERE owner_id = :owner ORDER BY id"},
                 {"params", {{{"name", "owner"}, {"type", "integer"}, {"required", true}}}}},
                {{"name", "echo"},
                 {"sql", "SELECT :text AS text"},
                 {"params", {{{"name", "text"}, {"type", "string"}, {"required", true}}}}}}}}}};
        const TestResponse created =
            m_server.admin("POST", u"/api/v2/system/service"_s, Json{{"resource", {definition}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 service = created.json["resource"][0]["id"].get<qint64>();
        m_roleId = m_server.createRole(
            u"reader"_s,
            {{{"service_id", service}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}}});
        QVERIFY(m_roleId > 0);
        m_key = m_server.createAppKey(u"portal"_s, m_roleId);
        QVERIFY(!m_key.isEmpty());
        const TestResponse apps = m_server.admin("GET", u"/api/v2/system/app?filter=name%20%3D%20portal"_s);
        QCOMPARE(apps.status, 200);
        m_appId = apps.json["resource"][0]["id"].get<qint64>();
        reloadSnapshot(); // the inserted users
    }

    void systemLookupCrud()
    {
        // Create, read back; a private value is masked and sealed at rest.
        const qint64 region =
            createLookup({{"name", "region"}, {"value", "north"}, {"description", "fallback"}});
        QVERIFY(region > 0);
        const qint64 secret = createLookup({{"name", "api_secret"}, {"value", "hunter2"}, {"private", true}});
        QVERIFY(secret > 0);

        TestResponse r = m_server.admin("GET", u"/api/v2/system/lookup/%1"_s.arg(region));
        QCOMPARE(r.status, 200);
        QCOMPARE(text(r.json["value"]), u"north"_s);
        QCOMPARE(r.json["private"].get<bool>(), false);
        QCOMPARE(text(r.json["description"]), u"fallback"_s);

        r = m_server.admin("GET", u"/api/v2/system/lookup?filter=private%3Dtrue"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), std::size_t(1));
        QCOMPARE(text(r.json["resource"][0]["value"]), u"**********"_s);
        QVERIFY(!r.body.contains("hunter2"));
        const QString sealed = storedValue(secret);
        QVERIFY2(sealed.startsWith(u"v1:"_s) && !sealed.contains(u"hunter2"_s), qPrintable(sealed));

        // Writing the mask back keeps the stored value; a new value replaces it, sealed again.
        r = m_server.admin("PATCH", u"/api/v2/system/lookup/%1"_s.arg(secret),
                           Json{{"value", "**********"}, {"description", "changed"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(storedValue(secret), sealed);
        r = m_server.admin("PATCH", u"/api/v2/system/lookup/%1?fields=*"_s.arg(secret),
                           Json{{"value", "new"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(text(r.json["value"]), u"**********"_s);
        const QString resealed = storedValue(secret);
        QVERIFY(resealed != sealed && resealed.startsWith(u"v1:"_s));

        // A private lookup only becomes public with a new value; a public one is sealed when
        // it becomes private.
        r = m_server.admin("PATCH", u"/api/v2/system/lookup/%1"_s.arg(secret), Json{{"private", false}});
        QCOMPARE(r.status, 400);
        QCOMPARE(storedValue(secret), resealed);
        const qint64 flip = createLookup({{"name", "flip"}, {"value", "plain"}});
        r = m_server.admin("PATCH", u"/api/v2/system/lookup/%1"_s.arg(flip), Json{{"private", true}});
        QCOMPARE(r.status, 200);
        QVERIFY(storedValue(flip).startsWith(u"v1:"_s));
        r = m_server.admin("PATCH", u"/api/v2/system/lookup/%1"_s.arg(flip),
                           Json{{"private", false}, {"value", "p2"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(storedValue(flip), u"p2"_s);

        // Names: unique per level, valid, not reserved.
        r = m_server.admin("POST", u"/api/v2/system/lookup"_s,
                           Json{{"resource", {{{"name", "region"}, {"value", "x"}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("already exists"), r.body.constData());
        for (const char *bad : {"user.id", "df.name", "has space", "{x}", "1st"}) {
            r = m_server.admin("POST", u"/api/v2/system/lookup"_s,
                               Json{{"resource", {{{"name", bad}, {"value", "x"}}}}});
            QVERIFY2(r.status == 400, bad);
        }
        r = m_server.admin("PATCH", u"/api/v2/system/lookup/%1"_s.arg(flip), Json{{"name", "region"}});
        QCOMPARE(r.status, 400);

        // Delete.
        r = m_server.admin("DELETE", u"/api/v2/system/lookup/%1"_s.arg(flip));
        QCOMPARE(r.status, 200);
        QCOMPARE(m_server.admin("GET", u"/api/v2/system/lookup/%1"_s.arg(flip)).status, 404);

        // Only admins reach it: a user with the app's role has no access to the system service.
        QCOMPARE(get(m_alice, u"/api/v2/system/lookup"_s).status, 403);
    }

    void roleAndAppRelations()
    {
        // Role-level lookups through the role, read back through related=.
        TestResponse r =
            m_server.admin("PATCH", u"/api/v2/system/role/%1?related=lookup_by_role_id"_s.arg(m_roleId),
                           Json{{"lookup_by_role_id",
                                 {{{"name", "region"}, {"value", "south"}},
                                  {{"name", "role_secret"}, {"value", "r-secret"}, {"private", true}},
                                  {{"name", "gone"}, {"value", "soon"}}}}});
        QCOMPARE(r.status, 200);
        Json lookups = r.json["lookup_by_role_id"];
        QCOMPARE(lookups.size(), std::size_t(3));
        qint64 goneId = 0;
        qint64 secretId = 0;
        for (const Json &l : lookups) {
            QCOMPARE(l["role_id"].get<qint64>(), m_roleId);
            if (l["name"] == "gone")
                goneId = l["id"].get<qint64>();
            if (l["name"] == "role_secret") {
                secretId = l["id"].get<qint64>();
                QCOMPARE(text(l["value"]), u"**********"_s);
            }
        }
        QVERIFY(!r.body.contains("r-secret"));
        const QString sealed = storedValue(secretId);
        QVERIFY(sealed.startsWith(u"v1:"_s));

        // Change by id (the mask keeps the secret), remove with role_id null; others stay.
        r = m_server.admin("PATCH", u"/api/v2/system/role/%1?related=lookup_by_role_id"_s.arg(m_roleId),
                           Json{{"lookup_by_role_id",
                                 {{{"id", secretId}, {"value", "**********"}, {"description", "kept"}},
                                  {{"id", goneId}, {"role_id", nullptr}}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["lookup_by_role_id"].size(), std::size_t(2));
        QCOMPARE(storedValue(secretId), sealed);
        QCOMPARE(storedValue(goneId), u"<missing>"_s);

        // Duplicate names within the role are refused, the same name on another level is not.
        r = m_server.admin("PATCH", u"/api/v2/system/role/%1"_s.arg(m_roleId),
                           Json{{"lookup_by_role_id", {{{"name", "region"}, {"value", "again"}}}}});
        QCOMPARE(r.status, 400);

        // App-level lookups the same way.
        r = m_server.admin(
            "PATCH", u"/api/v2/system/app/%1?related=lookup_by_app_id"_s.arg(m_appId),
            Json{{"lookup_by_app_id",
                  {{{"name", "region"}, {"value", "east"}}, {{"name", "only_app"}, {"value", "WEST"}}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["lookup_by_app_id"].size(), std::size_t(2));
        QCOMPARE(r.json["lookup_by_app_id"][0]["app_id"].get<qint64>(), m_appId);

        // Scoped lookups never show up among the system ones.
        r = m_server.admin("GET", u"/api/v2/system/lookup?filter=value%3D'east'"_s);
        QCOMPARE(r.json["resource"].size(), std::size_t(0));

        // Deleting an owner deletes its lookups.
        const qint64 temp = m_server.createRole(u"temp"_s, Json::array());
        r = m_server.admin("PATCH", u"/api/v2/system/role/%1?related=lookup_by_role_id"_s.arg(temp),
                           Json{{"lookup_by_role_id", {{{"name", "t"}, {"value", "1"}}}}});
        const qint64 tempLookup = r.json["lookup_by_role_id"][0]["id"].get<qint64>();
        QCOMPARE(m_server.admin("DELETE", u"/api/v2/system/role/%1"_s.arg(temp)).status, 200);
        QCOMPARE(storedValue(tempLookup), u"<missing>"_s);
    }

    void filterLookups()
    {
        // user-level lookups for alice (region "west"); bob has none, so the role's "south" wins.
        QVERIFY(insertUserLookup(m_alice, u"region"_s, u"west"_s));
        reloadSnapshot();

        TestResponse r = get(m_alice, u"/api/v2/files/_table/doc?filter=owner_id%20%3D%20%7Buser.id%7D"_s);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r), (QList<qint64>{1, 2, 6}));
        r = get(m_bob, u"/api/v2/files/_table/doc?filter=owner_id%20%3D%20%7Buser.id%7D"_s);
        QCOMPARE(ids(r), (QList<qint64>{3, 4, 5}));

        // Precedence: alice's own lookup, else the role's, never the app's or the system's.
        r = get(m_alice, u"/api/v2/files/_table/doc?filter=region%20%3D%20%7Bregion%7D"_s);
        QCOMPARE(ids(r), (QList<qint64>{1, 3}));
        r = get(m_bob, u"/api/v2/files/_table/doc?filter=region%20%3D%20%7Bregion%7D"_s);
        QCOMPARE(ids(r), (QList<qint64>{2}));
        // App-only lookup with a modifier: strtolower("WEST").
        r = get(m_bob, u"/api/v2/files/_table/doc?filter=region%20%3D%20%7Bstrtolower(only_app)%7D"_s);
        QCOMPARE(ids(r), (QList<qint64>{1, 3}));
        r = get(m_bob,
                u"/api/v2/files/_table/doc?filter=region%20%3D%20%7Bstrtoupper(region)%7D%20OR%20id%3D5"_s);
        QCOMPARE(ids(r), (QList<qint64>{5})); // "SOUTH" matches nothing
        // Without a user, {user.id} has no value: a clear 400, not an empty or unfiltered list.
        r = get(0, u"/api/v2/files/_table/doc?filter=owner_id%20%3D%20%7Buser.id%7D"_s);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("has no value for this request"), r.body.constData());

        // Private lookups never reach a client filter.
        r = get(m_alice, u"/api/v2/files/_table/doc?filter=region%20%3D%20%7Brole_secret%7D"_s);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("is private"), r.body.constData());
        QVERIFY(!r.body.contains("r-secret"));

        // A lookup's value is bound: SQL in it is only text to compare.
        QVERIFY(createLookup({{"name", "evil"}, {"value", "x' OR '1'='1"}}) > 0);
        r = get(m_alice, u"/api/v2/files/_table/doc?filter=region%20%3D%20%7Bevil%7D"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(ids(r), QList<qint64>{});
    }

    void routineArguments()
    {
        TestResponse r = m_server.request("POST", u"/api/v2/files/_proc/docs_for"_s,
                                          Json{{"params", {{"owner", "{user.id}"}}}}, as(m_bob));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.size(), std::size_t(3));
        QCOMPARE(r.json[0]["id"].get<qint64>(), 3);

        r = m_server.request("POST", u"/api/v2/files/_proc/echo"_s,
                             Json{{"params", {{"text", "{ucwords(user.name)}/{region}"}}}}, as(m_alice));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json[0]["text"]), u"Alice/west"_s);

        // Private lookups are not substituted into routine arguments: the text stays as sent.
        r = m_server.request("POST", u"/api/v2/files/_proc/echo"_s,
                             Json{{"params", {{"text", "{role_secret}"}}}}, as(m_alice));
        QCOMPARE(r.status, 200);
        QCOMPARE(text(r.json[0]["text"]), u"{role_secret}"_s);
    }

    void rowLevelSecurityOnPostgres()
    {
        const QString url = TestDatabases::pgsqlUrl();
        GATEHOUSE_REQUIRE_URL(url, "PostgreSQL (GATEHOUSE_TEST_PGSQL)");
        const QUrl parsed(url);
        const QString table = u"gh_rls_doc_%1"_s.arg(QCoreApplication::applicationPid());
        {
            QSqlDatabase db = openPostgres(parsed, u"tst-passthrough-pg"_s);
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            // Gatehouse connects as a plain role (no superuser, no BYPASSRLS) that owns the
            // table; FORCE makes the policy apply to the owner too.
            QVERIFY(q.exec(u"SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"_s) &&
                    q.next());
            QVERIFY2(!q.value(0).toBool(), "the test role must not bypass row-level security");
            QVERIFY(q.exec(u"DROP TABLE IF EXISTS %1"_s.arg(table)));
            QVERIFY(q.exec(
                u"CREATE TABLE %1 (id INTEGER PRIMARY KEY, owner_id BIGINT NOT NULL, title TEXT)"_s.arg(
                    table)));
            QVERIFY(q.exec(u"INSERT INTO %1 VALUES (1, %2, 'a1'), (2, %2, 'a2'), (3, %3, 'b1')"_s.arg(table)
                               .arg(m_alice)
                               .arg(m_bob)));
            QVERIFY(q.exec(u"ALTER TABLE %1 ENABLE ROW LEVEL SECURITY"_s.arg(table)));
            QVERIFY(q.exec(u"ALTER TABLE %1 FORCE ROW LEVEL SECURITY"_s.arg(table)));
            QVERIFY(q.exec(
                u"CREATE POLICY owner_only ON %1 USING (owner_id::text = current_setting('app.user_id', true))"_s
                    .arg(table)));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tst-passthrough-pg"_s);

        // A note lookup for alice that tries to break out of its statement, and a private
        // system lookup only the trusted statements may use.
        QVERIFY(
            insertUserLookup(m_alice, u"note"_s,
                             u"x', false); SELECT set_config('app.user_id', '%1', false); --"_s.arg(m_bob)));
        reloadSnapshot();
        QVERIFY(createLookup({{"name", "pepper"}, {"value", "p3pp3r"}, {"private", true}}) > 0);

        // One worker connection: every request of every user runs on the same session, so a
        // setting that survived a request would show up in the next one.
        const qint64 service = m_server.createService(
            {{"name", "rls"},
             {"type", "pgsql"},
             {"config",
              {{"host", parsed.host().toStdString()},
               {"port", parsed.port(5432)},
               {"database", parsed.path().mid(1).toStdString()},
               {"username", parsed.userName().toStdString()},
               {"password", parsed.password().toStdString()},
               {"pool_size", 1},
               {"statements",
                {"SELECT set_config('app.user_id', {user.id}, false)",
                 "SELECT set_config('app.note', {note}, false)",
                 "SELECT set_config('app.pepper', '{pepper}', false)"}},
               {"named_queries",
                {{{"name", "settings"},
                  {"sql",
                   "SELECT current_setting('app.user_id', true) AS user_id, current_setting('app.note', "
                   "true) AS note, current_setting('app.pepper', true) AS pepper"}}}}}}});
        QVERIFY(service > 0);
        TestResponse r = m_server.admin(
            "PATCH", u"/api/v2/system/role/%1"_s.arg(m_roleId),
            Json{
                {"role_service_access_by_role_id",
                 {{{"service_id", service}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}}}}});
        QCOMPARE(r.status, 200);

        const QString path = u"/api/v2/rls/_table/%1?order=id"_s.arg(table);
        for (int round = 0; round < 2; ++round) {
            r = get(m_alice, path);
            QVERIFY2(r.status == 200, r.describe().constData());
            QCOMPARE(ids(r), (QList<qint64>{1, 2}));
            r = get(m_bob, path);
            QCOMPARE(ids(r), (QList<qint64>{3}));
            r = get(m_eve, path); // a user with no rows
            QCOMPARE(ids(r), QList<qint64>{});
            r = get(0, path); // API key only: {user.id} binds NULL, nobody's rows
            QVERIFY2(r.status == 200, r.describe().constData());
            QCOMPARE(ids(r), QList<qint64>{});
        }
        // Even a client filter asking for everything only sees the caller's rows.
        r = get(
            m_bob,
            u"/api/v2/rls/_table/%1?filter=id%20%3E%200%20OR%20owner_id%20%3D%20%7Buser.id%7D"_s.arg(table));
        QCOMPARE(ids(r), (QList<qint64>{3}));

        // The injection attempt is a value: alice is still alice, and the note is stored as sent.
        r = m_server.request("GET", u"/api/v2/rls/_proc/settings"_s, nullptr, as(m_alice));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json[0]["user_id"]), QString::number(m_alice));
        QCOMPARE(text(r.json[0]["note"]),
                 u"x', false); SELECT set_config('app.user_id', '%1', false); --"_s.arg(m_bob));
        QCOMPARE(text(r.json[0]["pepper"]), u"p3pp3r"_s); // private lookups resolve in statements
        r = get(m_alice, path);
        QCOMPARE(ids(r), (QList<qint64>{1, 2}));
        // The next caller's statements replace every value, NULL included.
        r = m_server.request("GET", u"/api/v2/rls/_proc/settings"_s, nullptr, as(m_bob));
        QCOMPARE(text(r.json[0]["user_id"]), QString::number(m_bob));
        QCOMPARE(text(r.json[0]["note"]), QString());

        // The data model (_spec?model=true) counts rows as the caller too: on the one pooled
        // connection, after alice's request, bob's count is his own row, not alice's two.
        const QString model = u"/api/v2/rls/_spec?model=true&stock=true&resource_name=%1"_s.arg(table);
        for (const auto &[user, rows] : {std::pair{m_alice, 2}, std::pair{m_bob, 1}, std::pair{m_alice, 2}}) {
            r = get(user, model);
            QVERIFY2(r.status == 200, r.describe().constData());
            QCOMPARE(r.json["tables"][table.toStdString()]["rows"].get<int>(), rows);
        }

        // A statement that fails fails the request before its own SQL runs.
        r = m_server.admin("GET", u"/api/v2/system/service?filter=name%3Drls&fields=id,config"_s);
        Json config = r.json["resource"][0]["config"];
        config["statements"].push_back("SELECT no_such_function({user.id})");
        r = m_server.admin("PATCH", u"/api/v2/system/service/%1"_s.arg(service), Json{{"config", config}});
        QVERIFY2(r.status == 200, r.describe().constData());
        r = get(m_alice, path);
        QCOMPARE(r.status, 500);
        QVERIFY(!r.body.contains("p3pp3r"));

        {
            QSqlDatabase db = openPostgres(parsed, u"tst-passthrough-pg2"_s);
            if (db.isOpen())
                QSqlQuery(db).exec(u"DROP TABLE IF EXISTS %1"_s.arg(table));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tst-passthrough-pg2"_s);
    }

    // The same passthrough on MariaDB, through session variables.
    void statementsOnMariaDb()
    {
        const QString url = TestDatabases::mysqlUrl();
        GATEHOUSE_REQUIRE_URL(url, "MariaDB (GATEHOUSE_TEST_MYSQL)");
        const QUrl parsed(url);
        const TestResponse created = m_server.admin(
            "POST", u"/api/v2/system/service"_s,
            Json{{"resource",
                  {{{"name", "maria"},
                    {"type", "mysql"},
                    {"config",
                     {{"host", parsed.host().toStdString()},
                      {"port", parsed.port(3306)},
                      {"database", parsed.path().mid(1).toStdString()},
                      {"username", parsed.userName().toStdString()},
                      {"password", parsed.password().toStdString()},
                      {"pool_size", 1},
                      {"statements", {"SET @gh_user = {user.id}", "SET @gh_role = '{role.name}'"}},
                      {"named_queries",
                       {{{"name", "whoami"},
                         {"sql", "SELECT @gh_user AS user_id, @gh_role AS role_name"}}}}}}}}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 service = created.json["resource"][0]["id"].get<qint64>();
        TestResponse r = m_server.admin(
            "PATCH", u"/api/v2/system/role/%1"_s.arg(m_roleId),
            Json{
                {"role_service_access_by_role_id",
                 {{{"service_id", service}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}}}}});
        QCOMPARE(r.status, 200);

        r = m_server.request("GET", u"/api/v2/maria/_proc/whoami"_s, nullptr, as(m_alice));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json[0]["user_id"]), QString::number(m_alice));
        QCOMPARE(text(r.json[0]["role_name"]), u"reader"_s);
        r = m_server.request("GET", u"/api/v2/maria/_proc/whoami"_s, nullptr, as(0));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json[0]["user_id"].is_null()); // the previous caller's value did not survive
        r = m_server.request("GET", u"/api/v2/maria/_proc/whoami"_s, nullptr, as(m_bob));
        QCOMPARE(text(r.json[0]["user_id"]), QString::number(m_bob));
    }

    // The lookup table's SQL on a PostgreSQL system database: the migration, the scoped
    // unique index, the relation writes with sealing, the snapshot load and the cascade. Runs
    // in a schema of its own so it can share the server with other tests.
    void lookupTableOnPostgres()
    {
        const QString url = TestDatabases::pgsqlUrl();
        GATEHOUSE_REQUIRE_URL(url, "PostgreSQL (GATEHOUSE_TEST_PGSQL)");
        const QUrl parsed(url);
        const QString schema = u"gh_lookups_%1"_s.arg(QCoreApplication::applicationPid());
        {
            QSqlDatabase db = openPostgres(parsed, u"tst-passthrough-pgsys"_s);
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            q.exec(u"SET client_min_messages = warning"_s);
            QVERIFY(q.exec(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(schema)));
            QVERIFY(q.exec(u"CREATE SCHEMA %1"_s.arg(schema)));
            QVERIFY(q.exec(u"SET search_path TO %1"_s.arg(schema)));
            QString error;
            QVERIFY2(Migrations::migrate(db, &error), qPrintable(error));
            QVERIFY(q.exec(u"INSERT INTO role (name, is_active, created_date, last_modified_date) "
                           "VALUES ('r', 1, 'x', 'x') RETURNING id"_s) &&
                    q.next());
            const qint64 role = q.value(0).toLongLong();

            const SecretBox box(QByteArray(SecretBox::KeyBytes, 's'));
            const LookupSecrets secrets(box);
            const LookupRelation relation(LookupRelation::Owner::Role);
            const Json entries =
                relation.validate(Json{{{"name", "tenant"}, {"value", "acme"}},
                                       {{"name", "key"}, {"value", "k1"}, {"private", true}}});
            try {
                relation.write(db, secrets, role, entries);
            } catch (const ApiError &e) {
                QFAIL(qPrintable(e.message()));
            }
            // Same name in the same role: refused; in the system scope: fine.
            bool refused = false;
            try {
                relation.write(db, secrets, role,
                               relation.validate(Json{{{"name", "tenant"}, {"value", "x"}}}));
            } catch (const ApiError &e) {
                refused = e.status() == 400;
            }
            QVERIFY(refused);
            QVERIFY(q.exec(u"INSERT INTO lookup (name, value, private, created_date, last_modified_date) "
                           "VALUES ('tenant', 'sys', 0, 'x', 'x')"_s));
            // The index alone (without the resource's check) keeps names unique per scope.
            QVERIFY(!q.exec(u"INSERT INTO lookup (name, value, private, created_date, last_modified_date) "
                            "VALUES ('tenant', 'sys2', 0, 'x', 'x')"_s));
            // At most one owner per lookup.
            QVERIFY(q.exec(u"INSERT INTO \"user\" (email, name, created_date, last_modified_date) "
                           "VALUES ('u@x', 'u', 'x', 'x') RETURNING id"_s) &&
                    q.next());
            const qint64 user = q.value(0).toLongLong();
            QVERIFY(!q.exec(
                u"INSERT INTO lookup (name, private, role_id, user_id, created_date, last_modified_date) "
                "VALUES ('two', 0, %1, %2, 'x', 'x')"_s.arg(role)
                    .arg(user)));

            const LookupTable table = LookupTable::load(db);
            QCOMPARE(table.system.value(u"tenant"_s).value, u"sys"_s);
            QCOMPARE(table.byRole.value(role).value(u"tenant"_s).value, u"acme"_s);
            const LookupEntry sealed = table.byRole.value(role).value(u"key"_s);
            QVERIFY(sealed.isPrivate && sealed.value.startsWith(u"v1:"_s));
            QCOMPARE(secrets.open(sealed.value), u"k1"_s);

            Json rows = Json::array({Json{{"id", role}}});
            relation.load(db, rows);
            QVERIFY(rows[0]["lookup_by_role_id"].size() >= 2);
            for (const Json &l : rows[0]["lookup_by_role_id"])
                if (l["name"] == "key")
                    QCOMPARE(text(l["value"]), u"**********"_s);

            QVERIFY(q.exec(u"DELETE FROM role WHERE id = %1"_s.arg(role)));
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM lookup WHERE role_id IS NOT NULL"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            q.exec(u"DROP SCHEMA %1 CASCADE"_s.arg(schema));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tst-passthrough-pgsys"_s);
    }

    void cleanupTestCase()
    {
        if (QSqlDatabase::contains(u"tst-passthrough-system"_s)) {
            QSqlDatabase::database(u"tst-passthrough-system"_s).close();
            QSqlDatabase::removeDatabase(u"tst-passthrough-system"_s);
        }
        m_server.stop();
    }
};

QTEST_GUILESS_MAIN(TestPassthrough)
#include "tst_passthrough.moc"
