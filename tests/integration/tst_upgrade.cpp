// Upgrades keep data: for every earlier schema version N, builds a system database the way a
// release at N left it (migrations 1..N applied, with representative rows in every table that
// exists at N: services, roles and their access rules, apps, users with per-app roles, lookups,
// audit rows, CORS rules, AI usage rows and budgets), then starts the current engine on it and
// checks that the remaining migrations ran and every row still works: the old app key still
// reads the old service's data under the old role, the old user still signs in, the admin API
// lists the old records. Runs on SQLite, then on the PostgreSQL system database when one is
// configured (GATEHOUSE_TEST_PGSQL_SYSTEM; reset before each version).
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "TestDatabases.h"
#include "TestServer.h"
#include "security/ApiKeys.h"
#include "security/PasswordHasher.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"
#include "store/Migrations.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kUserPassword = QStringLiteral("Legacy-Passw0rd-2024");
const QString kNow = QStringLiteral("2025-01-15 10:00:00");

// One connection per database file, closed before the engine opens it.
class Db
{
public:
    // `url` empty: the SQLite file `file`; else a PostgreSQL URL.
    Db(const QString &file, const QString &url = QString())
        : m_name(QStringLiteral("upgrade-%1").arg(quintptr(this)))
    {
        if (url.isEmpty()) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            db.setDatabaseName(file);
            m_ok = db.open();
        } else {
            QString error;
            const ConnectionSpec spec = ConnectionSpec::fromUrl(url, &error);
            m_ok = DbExecutor::openConnection(spec, m_name, &error).isOpen();
            if (!m_ok)
                qWarning("%s", qPrintable(error));
        }
    }
    ~Db()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    // Runs `sql` with `values` bound in order; QFAIL-friendly message on failure.
    bool exec(const QString &sql, const QVariantList &values = {}, QString *error = nullptr)
    {
        QSqlQuery q(db());
        // PostgreSQL cannot prepare DDL: statements without values run directly.
        if (values.isEmpty()) {
            if (q.exec(sql))
                return true;
            if (error)
                *error = sql + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
        if (!q.prepare(sql)) {
            if (error)
                *error = sql + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec()) {
            if (error)
                *error = sql + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
        return true;
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(db());
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }

private:
    QString m_name;
    bool m_ok = false;
};
} // namespace

class TestUpgrade : public QObject
{
    Q_OBJECT
public:
    explicit TestUpgrade(QString systemDb)
        : m_systemDb(std::move(systemDb))
    {
    }

private:
    QString m_systemDb; // empty: SQLite
    bool isPg() const { return !m_systemDb.isEmpty(); }

private slots:
    void fromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (const Migration &m : Migrations::all())
            if (m.version < Migrations::latestVersion())
                QTest::newRow(qPrintable(QStringLiteral("from %1").arg(m.version))) << m.version;
    }

    void fromEveryEarlierVersion()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString appKey = ApiKeys::generate();
        QString error;

        // A database the service reads (the old role may read its table).
        const QString dataFile = dir.filePath(QStringLiteral("legacy.sqlite"));
        {
            Db data(dataFile);
            QVERIFY(data.ok());
            QVERIFY2(data.exec(QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)"), {},
                               &error),
                     qPrintable(error));
            QVERIFY(data.exec(QStringLiteral("INSERT INTO items (name) VALUES ('kept'), ('also kept')")));
        }

        // The system database as a release at `version` left it.
        if (isPg())
            QVERIFY2(TestDatabases::resetSystemSchema(m_systemDb, &error), qPrintable(error));
        const auto dialect = isPg() ? Migrations::Dialect::Postgres : Migrations::Dialect::Sqlite;
        {
            Db sys(dir.filePath(QStringLiteral("system.db")), m_systemDb);
            QVERIFY(sys.ok());
            QVERIFY2(sys.exec(QStringLiteral(
                                  "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY "
                                  "KEY, name VARCHAR(255) NOT NULL, applied_date VARCHAR(32) NOT NULL)"),
                              {}, &error),
                     qPrintable(error));
            for (const Migration &m : Migrations::all()) {
                if (m.version > version)
                    break;
                for (const QString &statement : m.statements)
                    QVERIFY2(sys.exec(Migrations::translate(statement, dialect), {}, &error),
                             qPrintable(error));
                QVERIFY(sys.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (?, ?, ?)"),
                                 {m.version, m.name, kNow}));
            }
            const auto insert = [&](const QString &sql, const QVariantList &values) {
                if (!sys.exec(sql, values, &error))
                    qWarning("%s", qPrintable(error));
                return error.isEmpty();
            };
            // Version 1: a service, a role with an access rule on it, an app, a user with a
            // per-app role.
            QVERIFY(insert(
                QStringLiteral("INSERT INTO service (name, label, is_active, type, config, created_date, "
                               "last_modified_date) VALUES ('legacy_db', 'Legacy', 1, 'sqlite', ?, ?, ?)"),
                {QString::fromStdString(Json{{"database", dataFile.toStdString()}}.dump()), kNow, kNow}));
            const qint64 serviceId =
                sys.scalar(QStringLiteral("SELECT id FROM service WHERE name = 'legacy_db'")).toLongLong();
            QVERIFY(
                insert(QStringLiteral("INSERT INTO role (name, description, is_active, created_date, "
                                      "last_modified_date) VALUES ('legacy_role', 'from before', 1, ?, ?)"),
                       {kNow, kNow}));
            const qint64 roleId =
                sys.scalar(QStringLiteral("SELECT id FROM role WHERE name = 'legacy_role'")).toLongLong();
            QVERIFY(insert(
                QStringLiteral("INSERT INTO role_service_access (role_id, service_id, component, verb_mask, "
                               "requestor_mask, filters, filter_op, created_date, last_modified_date) "
                               "VALUES (?, ?, '_table/*', 1, 1, '[]', 'AND', ?, ?)"),
                {roleId, serviceId, kNow, kNow}));
            QVERIFY(insert(
                QStringLiteral("INSERT INTO app (name, description, is_active, role_id, api_key_hash, "
                               "api_key_hint, created_date, last_modified_date) VALUES ('legacy_app', "
                               "'from before', 1, ?, ?, ?, ?, ?)"),
                {roleId, QString::fromLatin1(ApiKeys::hash(appKey)), ApiKeys::hint(appKey), kNow, kNow}));
            const qint64 appId =
                sys.scalar(QStringLiteral("SELECT id FROM app WHERE name = 'legacy_app'")).toLongLong();
            QVERIFY(insert(
                QStringLiteral("INSERT INTO \"user\" (email, name, password_hash, is_active, is_sys_admin, "
                               "created_date, last_modified_date) VALUES ('legacy@example.com', 'Legacy "
                               "User', ?, 1, 0, ?, ?)"),
                {PasswordHasher::hash(kUserPassword), kNow, kNow}));
            const qint64 userId =
                sys.scalar(QStringLiteral("SELECT id FROM \"user\" WHERE email = 'legacy@example.com'"))
                    .toLongLong();
            QVERIFY(insert(
                QStringLiteral("INSERT INTO user_to_app_to_role (user_id, app_id, role_id) VALUES (?, ?, ?)"),
                {userId, appId, roleId}));
            if (version >= 3)
                QVERIFY(insert(
                    QStringLiteral("INSERT INTO lookup (name, value, private, created_date, "
                                   "last_modified_date) VALUES ('legacy_lookup', 'kept value', 0, ?, ?)"),
                    {kNow, kNow}));
            if (version >= 6)
                for (int i = 0; i < 3; ++i)
                    QVERIFY(
                        insert(QStringLiteral(
                                   "INSERT INTO audit_log (created_date, request_id, service, verb, path, "
                                   "status) VALUES (?, ?, 'legacy_db', 'GET', "
                                   "'/api/v2/legacy_db/_table/items', 200)"),
                               {QStringLiteral("2099-01-01 00:00:0%1").arg(i),
                                QStringLiteral("legacy-req-%1").arg(i)}));
            if (version >= 8)
                QVERIFY(insert(
                    QStringLiteral("INSERT INTO cors_config (path, origin, method, created_date, "
                                   "last_modified_date) VALUES ('legacy/*', 'https://old.example', 1, ?, ?)"),
                    {kNow, kNow}));
            if (version >= 9)
                QVERIFY(insert(
                    QStringLiteral(
                        "INSERT INTO ai_usage_log (created_date, request_id, model, input_tokens, "
                        "output_tokens, cost) VALUES ('2099-01-01 00:00:00', 'legacy-ai', 'm', 10, 5, 0.25)"),
                    {}));
            if (version >= 10)
                QVERIFY(
                    insert(QStringLiteral(
                               "INSERT INTO ai_budget (name, dimension, period, limit_amount, created_date, "
                               "last_modified_date) VALUES ('legacy_budget', 'global', 'month', 100, ?, ?)"),
                           {kNow, kNow}));
        }

        // The current engine on that folder.
        TestServer::Options options;
        options.dataDir = dir.path();
        options.systemDb = m_systemDb;
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        {
            Db sys(dir.filePath(QStringLiteral("system.db")), m_systemDb);
            QCOMPARE(sys.scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations")).toInt(),
                     Migrations::latestVersion());
            const int expectedRows = int(Migrations::all().size());
            QCOMPARE(sys.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")).toInt(),
                     expectedRows);
        }

        // The old app key reads the old service under the old role.
        TestResponse r = server.request("GET", QStringLiteral("/api/v2/legacy_db/_table/items?order=id"),
                                        nullptr, {{"X-DreamFactory-API-Key", appKey.toLatin1()}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(2));
        QCOMPARE(str(r.json["resource"][0]["name"]), QStringLiteral("kept"));
        // ...and nothing more than the rule allows.
        r = server.request("POST", QStringLiteral("/api/v2/legacy_db/_table/items"),
                           Json{{"resource", Json::array({Json{{"name", "new"}}})}},
                           {{"X-DreamFactory-API-Key", appKey.toLatin1()}});
        QVERIFY2(r.status == 403 || r.status == 401, r.describe().constData());

        // The old user signs in with the old password through the old app.
        r = server.userLogin(QStringLiteral("legacy@example.com"), kUserPassword, appKey);
        QVERIFY2(r.status == 200, r.describe().constData());

        r = server.admin("GET", QStringLiteral("/api/v2/system/role?filter=name%3D%27legacy_role%27"));
        QVERIFY2(r.status == 200 && r.json["resource"].size() == 1, r.describe().constData());
        QCOMPARE(str(r.json["resource"][0]["description"]), QStringLiteral("from before"));
        r = server.admin("GET", QStringLiteral("/api/v2/system/app?filter=name%3D%27legacy_app%27"));
        QVERIFY2(r.status == 200 && r.json["resource"].size() == 1, r.describe().constData());
        r = server.admin("GET",
                         QStringLiteral("/api/v2/system/user?filter=email%3D%27legacy%40example.com%27"));
        QVERIFY2(r.status == 200 && r.json["resource"].size() == 1, r.describe().constData());
        r = server.admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D%27legacy_db%27"));
        QVERIFY2(r.status == 200 && r.json["resource"].size() == 1, r.describe().constData());
        QCOMPARE(str(r.json["resource"][0]["label"]), QStringLiteral("Legacy"));
        if (version >= 3) {
            r = server.admin("GET",
                             QStringLiteral("/api/v2/system/lookup?filter=name%3D%27legacy_lookup%27"));
            QVERIFY2(r.status == 200 && r.json["resource"].size() == 1, r.describe().constData());
            QCOMPARE(str(r.json["resource"][0]["value"]), QStringLiteral("kept value"));
        }
        if (version >= 6) {
            r = server.admin(
                "GET",
                QStringLiteral("/api/v2/system/audit?filter=request_id%20like%20%27legacy-req-%25%27"));
            QVERIFY2(r.status == 200 && r.json["resource"].size() == 3, r.describe().constData());
        }
        if (version >= 8) {
            r = server.admin("GET", QStringLiteral("/api/v2/system/cors"));
            QVERIFY2(r.status == 200 && r.body.contains("https://old.example"), r.describe().constData());
        }
        if (version >= 10) {
            r = server.admin("GET", QStringLiteral("/api/v2/system/ai_budget"));
            QVERIFY2(r.status == 200 && r.body.contains("legacy_budget"), r.describe().constData());
        }
        server.stop();
        if (version >= 9) {
            Db sys(dir.filePath(QStringLiteral("system.db")), m_systemDb);
            QCOMPARE(
                sys.scalar(QStringLiteral("SELECT cost FROM ai_usage_log WHERE request_id = 'legacy-ai'"))
                    .toDouble(),
                0.25);
        }
    }
};

int main(int argc, char **argv)
{
    return TestDatabases::runOnSystemDatabases<TestUpgrade>(argc, argv);
}
#include "tst_upgrade.moc"
