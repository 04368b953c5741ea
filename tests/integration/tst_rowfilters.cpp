// Role row filters (DreamFactory's "advanced filters") through every route of the records API,
// named queries and the fail-closed cases, on SQLite, PostgreSQL and MariaDB. One role serves
// two apps; its filters use {app.id}, so each app sees and changes only its own rows.

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "SqlTestFixture.h"
#include "TestDatabases.h"
#include "TestServer.h"
#include "store/ConnectionSpec.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
QList<qint64> ids(const Json &records)
{
    QList<qint64> out;
    if (!records.is_array())
        return out;
    for (const Json &record : records)
        out << record["id"].get<qint64>();
    std::sort(out.begin(), out.end());
    return out;
}
} // namespace

class TestRowFilters : public QObject
{
    Q_OBJECT

private:
    struct App
    {
        qint64 id = 0;
        QString key;
    };
    struct Engine
    {
        QString kind;
        QString service;
        qint64 serviceId = 0;
        ConnectionSpec spec;
        App a;
        App b;
    };

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    QHash<QString, Engine> m_engines;
    QString m_prefix;
    QString m_engine;

    const Engine &current() const { return *m_engines.constFind(m_engine); }
    QString t(const char *name) const { return m_prefix + QLatin1String(name); }

    TestResponse as(const App &app, const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->request(method, QStringLiteral("/api/v2/%1/%2").arg(current().service, path), body,
                                 {{"X-DreamFactory-API-Key", app.key.toLatin1()}});
    }
    TestResponse asA(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return as(current().a, method, path, body);
    }
    QString tasks(const QString &rest = {}) const { return QStringLiteral("_table/") + t("tasks") + rest; }
    QString projects(const QString &rest = {}) const
    {
        return QStringLiteral("_table/") + t("projects") + rest;
    }

    QSqlDatabase directDb()
    {
        return SqlTestFixture::directDb(current().spec, QStringLiteral("rf-direct-") + m_engine);
    }
    bool sql(const QString &statement) { return SqlTestFixture::exec(directDb(), statement); }
    qint64 scalar(const QString &statement) { return SqlTestFixture::scalar(directDb(), statement); }

    void dropTables()
    {
        const bool pg = current().kind == QLatin1String("pgsql");
        if (pg)
            for (const char *name : {"tasks_fn", "projects_fn"})
                sql(QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(t(name)));
        SqlTestFixture::dropTables(directDb(), current().kind, {t("tasks"), t("projects")});
    }

    bool createTables()
    {
        const Engine &e = current();
        const QString engine =
            e.kind == QLatin1String("mysql") ? QStringLiteral(" ENGINE=InnoDB") : QString();
        dropTables();
        bool ok =
            sql(QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, app_id INTEGER, name VARCHAR(50))%2")
                    .arg(t("projects"), engine));
        ok = ok && sql(QStringLiteral(
                           "CREATE TABLE %1 (id INTEGER PRIMARY KEY, project_id INTEGER REFERENCES %2(id), "
                           "app_id INTEGER, title VARCHAR(50))%3")
                           .arg(t("tasks"), t("projects"), engine));
        const qint64 a = e.a.id;
        const qint64 b = e.b.id;
        ok = ok &&
             sql(QStringLiteral("INSERT INTO %1 (id, app_id, name) VALUES (1, %2, 'pa1'), (2, %3, 'pb2'), "
                                "(3, %2, 'pa3')")
                     .arg(t("projects"))
                     .arg(a)
                     .arg(b));
        ok = ok &&
             sql(QStringLiteral("INSERT INTO %1 (id, project_id, app_id, title) VALUES (1, 1, %2, 't1'), "
                                "(2, 1, %3, 't2'), (3, 2, %3, 't3'), (4, 3, %2, 't4'), (5, 1, %2, 'hidden')")
                     .arg(t("tasks"))
                     .arg(a)
                     .arg(b));
        return ok;
    }

    App createApp(const QString &name, qint64 role)
    {
        const TestResponse r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/app"),
            Json{{"resource", {{{"name", str(name)}, {"is_active", true}, {"role_id", role}}}}});
        App app;
        if (r.status != 201)
            return app;
        app.id = r.json["resource"][0]["id"].get<qint64>();
        app.key = QString::fromStdString(r.json["resource"][0]["api_key"].get<std::string>());
        return app;
    }

    Engine makeEngine(const QString &kind, const QString &url)
    {
        Engine e;
        e.kind = kind;
        e.service = QStringLiteral("rf_") + kind;
        Json config = SqlTestFixture::serviceConfig(
            kind, url, m_dir.filePath(QStringLiteral("rowfilters.sqlite")), e.spec);
        config["named_queries"] =
            Json::array({{{"name", "TasksAll"},
                          {"sql", str(QStringLiteral("SELECT id, app_id, title FROM %1").arg(t("tasks")))}},
                         {{"name", "ProjectsAll"},
                          {"sql", str(QStringLiteral("SELECT id, app_id FROM %1").arg(t("projects")))}}});
        e.serviceId =
            m_server->createService({{"name", str(e.service)}, {"type", str(kind)}, {"config", config}});
        const Json ownRows = Json::array({{{"name", "app_id"}, {"operator", "="}, {"value", "{app.id}"}}});
        const qint64 role = m_server->createRole(
            QStringLiteral("rf-") + kind,
            Json::array({
                {{"service_id", e.serviceId},
                 {"component", "_table/*"},
                 {"verb_mask", 31},
                 {"requestor_mask", 1},
                 {"filters", ownRows}},
                // The tasks table has its own, stricter row (the most specific row applies).
                {{"service_id", e.serviceId},
                 {"component", str(QStringLiteral("_table/") + t("tasks"))},
                 {"verb_mask", 31},
                 {"requestor_mask", 1},
                 {"filter_op", "AND"},
                 {"filters",
                  Json::array(
                      {{{"name", "app_id"}, {"operator", "="}, {"value", "{app.id}"}},
                       {{"name", "title"}, {"operator", "NOT IN"}, {"value", "(hidden, 'secret')"}}})}},
                {{"service_id", e.serviceId},
                 {"component", "_proc/*"},
                 {"verb_mask", 3},
                 {"requestor_mask", 1}},
                {{"service_id", e.serviceId},
                 {"component", "_func/*"},
                 {"verb_mask", 3},
                 {"requestor_mask", 1}},
                {{"service_id", e.serviceId},
                 {"component", str(QStringLiteral("_func/") + t("tasks_fn"))},
                 {"verb_mask", 3},
                 {"requestor_mask", 1},
                 {"filters", ownRows}},
                {{"service_id", e.serviceId},
                 {"component", "_proc/TasksAll"},
                 {"verb_mask", 3},
                 {"requestor_mask", 1},
                 {"filters", ownRows}},
            }));
        if (role == 0)
            qWarning("could not create the %s role", qPrintable(kind));
        e.a = createApp(QStringLiteral("rf-a-") + kind, role);
        e.b = createApp(QStringLiteral("rf-b-") + kind, role);
        return e;
    }

private slots:
    void initTestCase_data() { TestDatabases::addEngineRows(); }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = SqlTestFixture::tablePrefix("rf");
        QString error;
        m_server = SqlTestFixture::startServer(&error);
        QVERIFY2(m_server, qPrintable(error));
        for (const auto &[kind, url] : SqlTestFixture::engines())
            m_engines.insert(kind, makeEngine(kind, url));
        for (const Engine &e : std::as_const(m_engines))
            QVERIFY2(e.serviceId > 0 && !e.a.key.isEmpty() && !e.b.key.isEmpty(), qPrintable(e.kind));
    }

    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_engine = engine;
        GATEHOUSE_REQUIRE_ENGINE(engine);
        QVERIFY(m_engines.contains(engine));
        QVERIFY(createTables());
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/%1/_table?refresh=true").arg(current().service));
        QVERIFY2(r.status == 200, r.describe().constData());
    }

    void cleanupTestCase()
    {
        for (const QString &engine : m_engines.keys()) {
            m_engine = engine;
            dropTables();
        }
        m_server.reset();
    }

    void listsCountsAndFilters()
    {
        TestResponse r = asA("GET", projects());
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 3}));
        r = asA("GET", projects(QStringLiteral("?include_count=true")));
        QCOMPARE(r.json["meta"]["count"].get<qint64>(), qint64(2));
        r = asA("GET", projects(QStringLiteral("?count_only=true")));
        QCOMPARE(r.json.get<qint64>(), qint64(2));

        // A client OR can not widen the role's condition.
        r = asA("GET", projects(QStringLiteral("?filter=") + enc(QStringLiteral("(id = 2) OR (id = 1)"))));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1}));

        // tasks: the exact row applies (own app, and not the NOT IN titles).
        r = asA("GET", tasks());
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 4}));
        r = asA("GET", tasks(QStringLiteral("?filter=") + enc(QStringLiteral("title = 'hidden'"))));
        QCOMPARE(ids(r.json["resource"]), QList<qint64>{});
        r = asA("GET", tasks(QStringLiteral("?fields=app_id&group=app_id")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(1));

        // The other app, same role, its own rows; the admin sees everything.
        r = as(current().b, "GET", tasks());
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{2, 3}));
        r = m_server->admin("GET", QStringLiteral("/api/v2/%1/%2").arg(current().service, tasks()));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 2, 3, 4, 5}));
    }

    void idsAndById()
    {
        TestResponse r = asA("GET", projects(QStringLiteral("/1")));
        QVERIFY2(r.status == 200, r.describe().constData());
        r = asA("GET", projects(QStringLiteral("/2")));
        QCOMPARE(r.status, 404);
        r = asA("GET", tasks(QStringLiteral("/5")));
        QCOMPARE(r.status, 404);
        r = asA("GET", projects(QStringLiteral("?ids=1,3")));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 3}));
        r = asA("GET", projects(QStringLiteral("?ids=2")));
        QCOMPARE(r.status, 404);
        r = asA("GET", projects(QStringLiteral("?ids=1,2")));
        QCOMPARE(r.status, 400); // batch error: 2 is "not found"
        r = asA("GET", projects(), Json{{"resource", Json::array({{{"id", 2}}})}});
        QCOMPARE(r.status, 404);
    }

    void relatedRecords()
    {
        // has_many: project 1 has tasks 1, 2 (other app) and 5 (hidden); only 1 is visible.
        TestResponse r = asA("GET", projects(QStringLiteral("/1?related=") + t("tasks_by_project_id")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json[str(t("tasks_by_project_id"))]), (QList<qint64>{1}));
        // belongs_to from the other app's view: its task 2 sits in project 1, which is not its own.
        r = as(current().b, "GET", tasks(QStringLiteral("?related=") + t("projects_by_project_id")));
        QVERIFY2(r.status == 200, r.describe().constData());
        for (const Json &task : r.json["resource"]) {
            const Json &project = task[str(t("projects_by_project_id"))];
            if (task["id"].get<qint64>() == 2)
                QVERIFY2(project.is_null(), project.dump().c_str());
            else
                QCOMPARE(project["id"].get<qint64>(), qint64(2));
        }
    }

    void createChecksValues()
    {
        const qint64 a = current().a.id;
        const qint64 b = current().b.id;
        TestResponse r =
            asA("POST", tasks(), Json{{"id", 10}, {"project_id", 1}, {"app_id", a}, {"title", "new"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        r = asA("POST", tasks(), Json{{"id", 11}, {"project_id", 1}, {"app_id", b}, {"title", "x"}});
        QCOMPARE(r.status, 403);
        QCOMPARE(message(r), QStringLiteral("Denied access to some of the requested fields."));
        r = asA("POST", tasks(), Json{{"id", 12}, {"project_id", 1}, {"title", "no owner"}});
        QCOMPARE(r.status, 403); // a missing field is NULL, which is not the caller's app
        r = asA("POST", tasks(), Json{{"id", 13}, {"project_id", 1}, {"app_id", a}, {"title", "secret"}});
        QCOMPARE(r.status, 403); // NOT IN
        // Where the column compares case-insensitively (MariaDB's default collation), 'SECRET'
        // passes the in-memory check but the database counts it as 'secret': the written row is
        // re-checked by the database and refused (and rolled back).
        const bool caseInsensitive =
            scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE title = 'T1'").arg(t("tasks"))) == 1;
        r = asA("POST", tasks(), Json{{"id", 16}, {"project_id", 1}, {"app_id", a}, {"title", "SECRET"}});
        QCOMPARE(r.status, caseInsensitive ? 403 : 200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE id = 16").arg(t("tasks"))),
                 qint64(caseInsensitive ? 0 : 1));
        r = asA("PATCH", tasks(QStringLiteral("/1")), Json{{"title", "Hidden"}});
        QCOMPARE(r.status, caseInsensitive ? 403 : 200);
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE id = 1 AND title = 't1'").arg(t("tasks"))),
            qint64(caseInsensitive ? 1 : 0));
        if (current().kind == QLatin1String("mysql"))
            QVERIFY(caseInsensitive); // the default collation, so the database check really ran
        r = asA("POST", tasks(QStringLiteral("?continue=true")),
                Json::array({{{"id", 14}, {"app_id", a}, {"title", "ok"}},
                             {{"id", 15}, {"app_id", b}, {"title", "no"}}}));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["context"]["resource"][1]["status_code"].get<int>(), 403);
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE id IN (11, 12, 13, 15)").arg(t("tasks"))),
            qint64(0));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE id IN (10, 14)").arg(t("tasks"))),
                 qint64(2));
    }

    void updatesStayInside()
    {
        const qint64 b = current().b.id;
        TestResponse r = asA("PATCH", tasks(QStringLiteral("/3")), Json{{"title", "mine now"}});
        QCOMPARE(r.status, 404);
        r = asA("PATCH", tasks(QStringLiteral("/1")), Json{{"app_id", b}});
        QCOMPARE(r.status, 403);
        r = asA("PATCH", tasks(QStringLiteral("/1")), Json{{"title", "renamed"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        r = asA("PUT", tasks(QStringLiteral("?ids=3")), Json{{"title", "x"}});
        QCOMPARE(r.status, 404);
        r = asA("PATCH", tasks(), Json::array({{{"id", 2}, {"title", "x"}}}));
        QCOMPARE(r.status, 404);
        r = asA("PATCH", tasks(QStringLiteral("?filter=") + enc(QStringLiteral("id > 0"))),
                Json{{"title", "bulk"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 4}));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE title = 'bulk'").arg(t("tasks"))),
                 qint64(2));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE title IN ('t2', 't3', 'hidden')")
                            .arg(t("tasks"))),
                 qint64(3));
    }

    void deletesStayInside()
    {
        TestResponse r = asA("DELETE", tasks(QStringLiteral("/2")));
        QCOMPARE(r.status, 404);
        r = asA("DELETE", tasks(QStringLiteral("?ids=3")));
        QCOMPARE(r.status, 404);
        r = asA("DELETE", tasks(), Json::array({{{"id", 5}}}));
        QCOMPARE(r.status, 404);
        r = asA("DELETE", tasks(QStringLiteral("?filter=") + enc(QStringLiteral("id > 0"))));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 4}));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("tasks"))), qint64(3));
        // force=true empties only the caller's part of the table.
        r = as(current().b, "DELETE", tasks(QStringLiteral("?force=true")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("tasks"))), qint64(1));
        QCOMPARE(scalar(QStringLiteral("SELECT id FROM %1").arg(t("tasks"))), qint64(5));
    }

    void namedQueries()
    {
        // Granted by name, with its own filter applied to the result rows.
        TestResponse r = asA("GET", QStringLiteral("_proc/TasksAll"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json), (QList<qint64>{1, 4, 5}));
        r = as(current().b, "POST", QStringLiteral("_proc/TasksAll"), Json::object());
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json), (QList<qint64>{2, 3}));
        // Only reachable through "_proc/*": it would bypass the table filters, so it is refused.
        r = asA("GET", QStringLiteral("_proc/ProjectsAll"));
        QCOMPARE(r.status, 403);
        QVERIFY(message(r).contains(QLatin1String("_proc/ProjectsAll")));
        r = m_server->admin("GET", QStringLiteral("/api/v2/%1/_proc/ProjectsAll").arg(current().service));
        QCOMPARE(ids(r.json), (QList<qint64>{1, 2, 3}));
    }

    void databaseFunctions()
    {
        if (current().kind != QLatin1String("pgsql"))
            QSKIP("set-returning functions are tested on PostgreSQL");
        for (const auto &[function, table] :
             {std::pair{"tasks_fn", "tasks"}, std::pair{"projects_fn", "projects"}})
            QVERIFY(sql(
                QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS TABLE(id integer, app_id integer) "
                               "AS $$ SELECT x.id, x.app_id FROM %2 x $$ LANGUAGE sql")
                    .arg(t(function), t(table))));
        TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/%1/_func?refresh=true").arg(current().service));
        QVERIFY2(r.status == 200, r.describe().constData());
        // Named by its own rule: its filter keeps the caller's rows of the result.
        r = asA("GET", QStringLiteral("_func/") + t("tasks_fn"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json), (QList<qint64>{1, 4, 5}));
        // Only through "_func/*": refused, it would bypass the table filters.
        r = asA("GET", QStringLiteral("_func/") + t("projects_fn"));
        QCOMPARE(r.status, 403);
        r = m_server->admin("GET",
                            QStringLiteral("/api/v2/%1/_func/%2").arg(current().service, t("projects_fn")));
        QCOMPARE(ids(r.json), (QList<qint64>{1, 2, 3}));
    }

    void unresolvedLookupFailsClosed()
    {
        // {user.id} has no value for an API-key-only caller: refused, never compared as text.
        const qint64 role = m_server->createRole(
            QStringLiteral("rf-user-") + m_engine,
            Json::array(
                {{{"service_id", current().serviceId},
                  {"component", "_table/*"},
                  {"verb_mask", 31},
                  {"requestor_mask", 1},
                  {"filters",
                   Json::array({{{"name", "app_id"}, {"operator", "!="}, {"value", "{user.id}"}}})}}}));
        QVERIFY(role > 0);
        App app = createApp(QStringLiteral("rf-user-app-") + m_engine, role);
        QVERIFY(!app.key.isEmpty());
        TestResponse r = as(app, "GET", projects());
        QCOMPARE(r.status, 403);
        r = as(app, "DELETE", projects(QStringLiteral("?force=true")));
        QCOMPARE(r.status, 403);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("projects"))), qint64(3));
    }
};

QTEST_MAIN(TestRowFilters)
#include "tst_rowfilters.moc"
