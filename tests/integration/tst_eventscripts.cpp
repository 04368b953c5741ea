// Event scripts through the running gateway (SQLite): /system/event_script CRUD keyed by name
// (syntax error 400 with the line, non-admin 403), /system/event, pre_process changing the
// request only with allow_event_modification, a pre_process short-circuit that never reaches the
// table, post_process changing records and status, generic vs specific names and {id}, a failing
// script as a 500 naming event and line, platform.api inside pre_process, deactivated scripts,
// a system event, and a service without scripts left untouched.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestEventScripts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    QString m_path;

    TestResponse putScript(const QString &name, const QString &content, bool modify = false,
                           const Json &extra = Json::object())
    {
        Json record = extra;
        record["name"] = name.toStdString();
        record["content"] = content.toStdString();
        record["allow_event_modification"] = modify;
        return m_server->admin("POST", QStringLiteral("/api/v2/system/event_script"),
                               Json{{"resource", Json::array({record})}});
    }
    bool removeScript(const QString &name)
    {
        return m_server->admin("DELETE", QStringLiteral("/api/v2/system/event_script/") + name).status == 200;
    }
    int rowCount()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(m_path);
        int count = -1;
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM customers")) && q.next())
                count = q.value(0).toInt();
            db.close();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("count"));
        return count;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("shop.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, city TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO customers (name, city) VALUES ('Ada', 'London'), "
                                          "('Bob', 'Paris'), ('Cy', 'Rome')")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO orders (id, total) VALUES (1, 10), (2, 20)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("seed"));
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->createService(
            Json{{"name", "shop"}, {"type", "sqlite"}, {"config", {{"database", m_path.toStdString()}}}}));
        QVERIFY(m_server->createService(
            Json{{"name", "plain"}, {"type", "sqlite"}, {"config", {{"database", m_path.toStdString()}}}}));
    }

    void crud()
    {
        const QString name = QStringLiteral("shop._table.orders.get.post_process");
        TestResponse r = putScript(name, QStringLiteral("var x = 1;"), false, Json{{"description", "d"}});
        QVERIFY2(r.status == 200 || r.status == 201, r.describe().constData());
        r = m_server->admin("GET", QStringLiteral("/api/v2/system/event_script/") + name);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["name"]), name);
        QCOMPARE(str(r.json["type"]), QStringLiteral("javascript"));
        QCOMPARE(r.json["is_active"].get<bool>(), true);
        QCOMPARE(r.json["allow_event_modification"].get<bool>(), false);
        QCOMPARE(r.json["config"].dump(), std::string("{}"));

        r = m_server->admin("PATCH", QStringLiteral("/api/v2/system/event_script/") + name,
                            Json{{"description", "changed"}, {"config", {{"cpu_limit_ms", 500}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        r = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/event_script?filter=") +
                       QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("name = '%1'").arg(name))) +
                       QStringLiteral("&fields=name,description,config&include_count=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(int(r.json["resource"].size()), 1);
        QCOMPARE(str(r.json["resource"][0]["description"]), QStringLiteral("changed"));
        QCOMPARE(r.json["resource"][0]["config"]["cpu_limit_ms"].get<int>(), 500);

        // Duplicate name, syntax error (with the line), bad name, bad type.
        r = putScript(name, QStringLiteral("var y = 2;"));
        QVERIFY2(r.status == 400, r.describe().constData());
        r = putScript(QStringLiteral("shop._table.orders.post.pre_process"),
                      QStringLiteral("var a = 1;\nvar b = ;\n"));
        QVERIFY2(r.status == 400, r.describe().constData());
        QVERIFY2(r.body.contains("line 2"), r.body.constData());
        r = putScript(QStringLiteral("shop._table.orders.get"), QStringLiteral("var a;"));
        QCOMPARE(r.status, 400);
        r = putScript(QStringLiteral("shop._table.orders.get.pre_process"), QStringLiteral("var a;"), false,
                      Json{{"type", "php"}});
        QCOMPARE(r.status, 400);
        r = m_server->admin("PATCH", QStringLiteral("/api/v2/system/event_script/") + name,
                            Json{{"content", "if (true) {"}});
        QCOMPARE(r.status, 400);

        // Non-admins: 403, even with a role that reaches the system service.
        const qint64 role = m_server->createRole(
            QStringLiteral("es_role"),
            Json::array({Json{
                {"service_id", nullptr}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 3}}}));
        QVERIFY(role);
        const QString key = m_server->createAppKey(QStringLiteral("es_app"), role);
        QVERIFY(!key.isEmpty());
        r = m_server->request("GET", QStringLiteral("/api/v2/system/event_script"), nullptr,
                              {{"X-DreamFactory-API-Key", key.toUtf8()}});
        QVERIFY2(r.status == 403, r.describe().constData());

        QVERIFY(removeScript(name));
        r = m_server->admin("GET", QStringLiteral("/api/v2/system/event_script/") + name);
        QCOMPARE(r.status, 404);
    }

    void eventList()
    {
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/system/event?service=shop"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const std::string all = r.json["resource"].dump();
        for (const char *name :
             {"shop._table.customers.get.pre_process", "shop._table.{table_name}.get.pre_process",
              "shop._table.customers.{id}.get.pre_process", "shop._proc.{procedure_name}.post.post_process"})
            QVERIFY2(all.find(name) != std::string::npos, name);
        r = m_server->admin("GET", QStringLiteral("/api/v2/system/event"));
        QVERIFY2(r.json["resource"].dump().find("system.user.post.post_process") != std::string::npos,
                 r.describe().constData());
        QVERIFY(r.json["resource"].dump().find("system.event_script") == std::string::npos);
    }

    void preProcessModifiesOnlyWithFlag()
    {
        const QString name = QStringLiteral("shop._table.customers.get.pre_process");
        const QString script = QStringLiteral("event.request.parameters.filter = \"city = 'Paris'\";");
        QVERIFY(putScript(name, script, true).status < 300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/customers"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(int(r.json["resource"].size()), 1);
        QCOMPARE(str(r.json["resource"][0]["name"]), QStringLiteral("Bob"));

        r = m_server->admin("PATCH", QStringLiteral("/api/v2/system/event_script/") + name,
                            Json{{"allow_event_modification", false}});
        QVERIFY2(r.status == 200, r.describe().constData());
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/customers"));
        QCOMPARE(int(r.json["resource"].size()), 3);
        QVERIFY(removeScript(name));
    }

    void shortCircuit()
    {
        const QString name = QStringLiteral("shop._table.customers.post.pre_process");
        QVERIFY(putScript(name, QStringLiteral("if (!event.request.body.resource[0].city)\n"
                                               "  event.response = {status_code: 422, content: {error: "
                                               "{message: 'city is required'}}};"))
                    .status < 300);
        const int before = rowCount();
        QCOMPARE(before, 3);
        TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/shop/_table/customers"),
                                         Json{{"resource", Json::array({Json{{"name", "Dee"}}})}});
        QVERIFY2(r.status == 422, r.describe().constData());
        QCOMPARE(str(r.json["error"]["message"]), QStringLiteral("city is required"));
        QCOMPARE(rowCount(), before); // the table was not touched
        // The same script lets a valid record through.
        r = m_server->admin("POST", QStringLiteral("/api/v2/shop/_table/customers"),
                            Json{{"resource", Json::array({Json{{"name", "Dee"}, {"city", "Oslo"}}})}});
        QVERIFY2(r.status == 200 || r.status == 201, r.describe().constData());
        QCOMPARE(rowCount(), before + 1);
        QVERIFY(removeScript(name));
    }

    void postProcess()
    {
        const QString name = QStringLiteral("shop._table.orders.get.post_process");
        QVERIFY(putScript(name,
                          QStringLiteral("event.response.content.resource.forEach(function (r) { r.vat = "
                                         "r.total * 0.2; });\nevent.response.status_code = 203;\n"
                                         "event.response.headers['x-scripted'] = 'yes';"),
                          true)
                    .status < 300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QVERIFY2(r.status == 203, r.describe().constData());
        QCOMPARE(int(r.json["resource"].size()), 2);
        QCOMPARE(r.json["resource"][1]["vat"].get<double>(), 4.0);
        QCOMPARE(r.header("x-scripted"), QByteArray("yes"));
        // Without the flag the response is the service's.
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/event_script/") + name,
                             Json{{"allow_event_modification", false}})
                     .status,
                 200);
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json["resource"][0].contains("vat"));
        QVERIFY(removeScript(name));
    }

    void genericSpecificAndId()
    {
        // Generic runs first, then specific: the specific one sees the generic one's change.
        QVERIFY(putScript(QStringLiteral("shop._table.{table_name}.get.post_process"),
                          QStringLiteral("event.response.content.trail = ['generic:' + event.resource];"),
                          true)
                    .status < 300);
        QVERIFY(putScript(QStringLiteral("shop._table.orders.get.post_process"),
                          QStringLiteral("event.response.content.trail.push('specific');"), true)
                    .status < 300);
        QVERIFY(putScript(QStringLiteral("shop._table.orders.{id}.get.post_process"),
                          QStringLiteral("event.response.content.seen_id = event.resource;"), true)
                    .status < 300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["trail"].dump(), std::string(R"(["generic:orders","specific"])"));
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/customers"));
        QCOMPARE(r.json["trail"].dump(), std::string(R"(["generic:customers"])"));
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders/2"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["seen_id"]), QStringLiteral("2"));
        QVERIFY(!r.json.contains("trail")); // by-id names differ from table-level ones
        QVERIFY(removeScript(QStringLiteral("shop._table.{table_name}.get.post_process")));
        QVERIFY(removeScript(QStringLiteral("shop._table.orders.get.post_process")));
        QVERIFY(removeScript(QStringLiteral("shop._table.orders.{id}.get.post_process")));
    }

    void scriptError()
    {
        const QString name = QStringLiteral("shop._table.orders.get.pre_process");
        QVERIFY(putScript(name, QStringLiteral("var a = 1;\nthrow new Error('no orders today');")).status <
                300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QVERIFY2(r.status == 500, r.describe().constData());
        const QString message = str(r.json["error"]["message"]);
        QVERIFY2(message.contains(name), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("line 2")), qPrintable(message));
        QCOMPARE(r.json["error"]["context"]["line"].get<int>(), 2);
        QVERIFY(removeScript(name));
    }

    void platformApiInPreProcess()
    {
        const QString name = QStringLiteral("shop._table.orders.get.pre_process");
        QVERIFY(putScript(name, QStringLiteral("var c = platform.api.get('shop/_table/customers', null, "
                                               "{parameters: {filter: \"name = 'Ada'\"}});\n"
                                               "event.response = {status_code: 200, content: {customer: "
                                               "c.content.resource[0].city, status: c.status_code}};"))
                    .status < 300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["customer"]), QStringLiteral("London"));
        QCOMPARE(r.json["status"].get<int>(), 200);
        QVERIFY(removeScript(name));
    }

    void internalRequestsFireHooks()
    {
        // platform.api's in-process request (requestor SCRIPT, one level deeper) runs the hooks
        // of the service it calls.
        QVERIFY(
            putScript(QStringLiteral("shop._table.customers.get.post_process"),
                      QStringLiteral("event.response.content.via = event.request.parameters.tag || 'none';"),
                      true)
                .status < 300);
        QVERIFY(
            putScript(QStringLiteral("shop._table.orders.get.pre_process"),
                      QStringLiteral("var c = platform.api.get('shop/_table/customers', null, "
                                     "{parameters: {tag: 'nested'}});\n"
                                     "event.response = {status_code: 200, content: {via: c.content.via}};"))
                .status < 300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["via"]), QStringLiteral("nested"));
        QVERIFY(removeScript(QStringLiteral("shop._table.customers.get.post_process")));
        QVERIFY(removeScript(QStringLiteral("shop._table.orders.get.pre_process")));
    }

    void deactivated()
    {
        const QString name = QStringLiteral("shop._table.orders.get.pre_process");
        QVERIFY(putScript(name, QStringLiteral("event.response = {status_code: 418, content: {}};"), false,
                          Json{{"is_active", false}})
                    .status < 300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders"));
        QCOMPARE(r.status, 200);
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/event_script/") + name,
                             Json{{"is_active", true}})
                     .status,
                 200);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders")).status, 418);
        QVERIFY(removeScript(name));
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders")).status, 200);
    }

    void systemEvent()
    {
        const QString name = QStringLiteral("system.role.get.post_process");
        QVERIFY(
            putScript(name, QStringLiteral("event.response.content.checked_by_script = true;"), true).status <
            300);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/system/role"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json.value("checked_by_script", false));
        QVERIFY(removeScript(name));
        // system.event_script can not be hooked (it could lock admins out).
        QCOMPARE(
            putScript(QStringLiteral("system.event_script.get.pre_process"), QStringLiteral("var a;")).status,
            400);
    }

    void serviceWithoutScriptsUntouched()
    {
        // Scripts on `shop` never touch `plain`, although both read the same table.
        QVERIFY(putScript(QStringLiteral("shop._table.{table_name}.get.pre_process"),
                          QStringLiteral("event.response = {status_code: 409, content: {}};"))
                    .status < 300);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/shop/_table/orders")).status, 409);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/plain/_table/orders?order=id"));
        QCOMPARE(r.status, 200);
        QCOMPARE(int(r.json["resource"].size()), 2);
        QCOMPARE(r.json["resource"][1]["total"].get<double>(), 20.0);
        QVERIFY(!r.json.contains("error"));
        QVERIFY(removeScript(QStringLiteral("shop._table.{table_name}.get.pre_process")));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_MAIN(TestEventScripts)
#include "tst_eventscripts.moc"
