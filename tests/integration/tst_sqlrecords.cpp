// The `_table` records API of database services, end to end over HTTP through the running
// gateway, against SQLite, PostgreSQL and MariaDB (each test runs once per engine). Every
// test starts from freshly created fixture tables, so tests never depend on each other.

#include <QCoreApplication>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "SqlTestFixture.h"
#include "TestDatabases.h"
#include "TestServer.h"
#include "core/ApiError.h"
#include "services/sql/QueryBuilder.h"
#include "services/sql/SqlDialect.h"
#include "store/ConnectionSpec.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

QList<qint64> ids(const Json &records, const char *key = "id")
{
    QList<qint64> out;
    for (const Json &record : records)
        out << record[key].get<qint64>();
    return out;
}
} // namespace

// Compares JSON values (nlohmann types have no QTest::toString); prints both on failure.
#define JCOMPARE(actual, expected)                                                                           \
    do {                                                                                                     \
        const Json actual_ = (actual);                                                                       \
        const Json expected_ = (expected);                                                                   \
        QVERIFY2(actual_ == expected_,                                                                       \
                 qPrintable(QString::fromStdString(actual_.dump() + " != " + expected_.dump())));            \
    } while (false)

class TestSqlRecords : public QObject
{
    Q_OBJECT

private:
    struct Engine
    {
        QString kind; // sqlite, pgsql, mysql
        QString service;
        QString small; // the same database with max_records = 10
        qint64 serviceId = 0;
        ConnectionSpec spec;
    };

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    QHash<QString, Engine> m_engines;
    QString m_prefix;
    QString m_engine; // the current global data row

    const Engine &current() const { return *m_engines.constFind(m_engine); }
    QString t(const char *table) const { return m_prefix + QLatin1String(table); }
    QString rel(const char *name) const { return m_prefix + QLatin1String(name); }

    TestResponse api(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->admin(
            method, QStringLiteral("/api/v2/") + current().service + QLatin1Char('/') + path, body);
    }
    TestResponse table(const QByteArray &method, const char *name, const QString &rest = {},
                       const Json &body = nullptr)
    {
        return api(method, QStringLiteral("_table/") + t(name) + rest, body);
    }

    QSqlDatabase directDb()
    {
        return SqlTestFixture::directDb(current().spec, QStringLiteral("direct-") + m_engine);
    }
    bool sql(const QString &statement) { return SqlTestFixture::exec(directDb(), statement); }
    qint64 scalar(const QString &statement) { return SqlTestFixture::scalar(directDb(), statement); }

    void dropTables()
    {
        SqlTestFixture::dropTables(
            directDb(), current().kind,
            {t("post_tags"), t("posts"), t("tags"), t("orders"), t("customers"), t("notes")});
    }

    bool createTables()
    {
        const QString kind = current().kind;
        const QString id =
            kind == QLatin1String("sqlite")  ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
            : kind == QLatin1String("pgsql") ? QStringLiteral("SERIAL PRIMARY KEY")
                                             : QStringLiteral("INT AUTO_INCREMENT PRIMARY KEY");
        const QString engine = kind == QLatin1String("mysql") ? QStringLiteral(" ENGINE=InnoDB") : QString();
        dropTables();
        bool ok = true;
        ok = ok && sql(QStringLiteral(
                           "CREATE TABLE %1 (id %2, name VARCHAR(100) NOT NULL, email VARCHAR(200) "
                           "UNIQUE, status VARCHAR(20) DEFAULT 'active', score INTEGER, active BOOLEAN)%3")
                           .arg(t("customers"), id, engine));
        ok = ok &&
             sql(QStringLiteral("CREATE TABLE %1 (id %2, customer_id INTEGER NOT NULL REFERENCES %3(id), "
                                "total DECIMAL(10,2), note VARCHAR(200))%4")
                     .arg(t("orders"), id, t("customers"), engine));
        ok = ok && sql(QStringLiteral("CREATE TABLE %1 (id %2, label VARCHAR(50) NOT NULL)%3")
                           .arg(t("tags"), id, engine));
        ok = ok && sql(QStringLiteral("CREATE TABLE %1 (id %2, title VARCHAR(100) NOT NULL)%3")
                           .arg(t("posts"), id, engine));
        ok = ok &&
             sql(QStringLiteral("CREATE TABLE %1 (post_id INTEGER NOT NULL REFERENCES %2(id), tag_id INTEGER "
                                "NOT NULL REFERENCES %3(id), PRIMARY KEY (post_id, tag_id))%4")
                     .arg(t("post_tags"), t("posts"), t("tags"), engine));
        ok = ok && sql(QStringLiteral("CREATE TABLE %1 (body VARCHAR(100))%2").arg(t("notes"), engine));
        if (!ok)
            return false;

        // 25 customers: odd ids active, even inactive; score = 10 * id except the last (null);
        // `active` is true for multiples of 3.
        QStringList rows;
        for (int i = 1; i <= 25; ++i) {
            rows << QStringLiteral("('Customer %1', 'c%1@example.com', '%2', %3, %4)")
                        .arg(i, 2, 10, QLatin1Char('0'))
                        .arg(i % 2 ? QStringLiteral("active") : QStringLiteral("inactive"))
                        .arg(i == 25 ? QStringLiteral("NULL") : QString::number(i * 10))
                        .arg(i % 3 == 0 ? QStringLiteral("TRUE") : QStringLiteral("FALSE"));
        }
        ok = ok && sql(QStringLiteral("INSERT INTO %1 (name, email, status, score, active) VALUES %2")
                           .arg(t("customers"), rows.join(QStringLiteral(", "))));
        // Orders: customer 1 has 5 (ids 1-5), customer 2 has 3 (6-8), customer 3 has 1 (9).
        rows.clear();
        int orderNo = 0;
        for (const auto &[customer, count] : {std::pair{1, 5}, std::pair{2, 3}, std::pair{3, 1}})
            for (int k = 0; k < count; ++k)
                rows << QStringLiteral("(%1, %2)")
                            .arg(customer)
                            .arg(QString::number(10.5 * ++orderNo, 'f', 2));
        ok = ok && sql(QStringLiteral("INSERT INTO %1 (customer_id, total) VALUES %2")
                           .arg(t("orders"), rows.join(QStringLiteral(", "))));
        ok =
            ok && sql(QStringLiteral("INSERT INTO %1 (label) VALUES ('red'), ('green'), ('blue'), ('yellow')")
                          .arg(t("tags")));
        ok = ok && sql(QStringLiteral("INSERT INTO %1 (title) VALUES ('First'), ('Second'), ('Third')")
                           .arg(t("posts")));
        ok =
            ok && sql(QStringLiteral("INSERT INTO %1 (post_id, tag_id) VALUES (1, 1), (1, 2), (1, 3), (2, 1)")
                          .arg(t("post_tags")));
        return ok;
    }

    Engine makeEngine(const QString &kind, const QString &url)
    {
        Engine e;
        e.kind = kind;
        e.service = QStringLiteral("rec_") + kind;
        e.small = QStringLiteral("rec_small_") + kind;
        Json config = SqlTestFixture::serviceConfig(kind, url,
                                                    m_dir.filePath(QStringLiteral("records.sqlite")), e.spec);
        Json small = config;
        small["max_records"] = 10;
        e.serviceId =
            m_server->createService({{"name", str(e.service)}, {"type", str(kind)}, {"config", config}});
        const qint64 b =
            m_server->createService({{"name", str(e.small)}, {"type", str(kind)}, {"config", small}});
        if (e.serviceId == 0 || b == 0)
            qWarning("could not create the %s services", qPrintable(kind));
        return e;
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("pgsql") << QStringLiteral("pgsql");
        QTest::newRow("mysql") << QStringLiteral("mysql");
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = SqlTestFixture::tablePrefix("gr");
        QString error;
        m_server = SqlTestFixture::startServer(&error);
        QVERIFY2(m_server, qPrintable(error));
        for (const auto &[kind, url] : SqlTestFixture::engines())
            m_engines.insert(kind, makeEngine(kind, url));
    }

    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_engine = engine;
        if (engine == QLatin1String("pgsql"))
            GATEHOUSE_REQUIRE_URL(TestDatabases::pgsqlUrl(), "PostgreSQL (GATEHOUSE_TEST_PGSQL)");
        if (engine == QLatin1String("mysql"))
            GATEHOUSE_REQUIRE_URL(TestDatabases::mysqlUrl(), "MariaDB (GATEHOUSE_TEST_MYSQL)");
        QVERIFY(m_engines.contains(engine));
        QVERIFY(createTables());
        // The tables were made behind the gateway's back: re-read the schema (both services).
        TestResponse r = api("GET", QStringLiteral("_table?refresh=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        r = m_server->admin("GET", QStringLiteral("/api/v2/%1/_table?refresh=true").arg(current().small));
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

    // --- the service and the table list ----------------------------------------------------

    void serviceResources()
    {
        const TestResponse r = api("GET", QString());
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const Json &entry : r.json["resource"])
            names << QString::fromStdString(entry["name"].get<std::string>());
        QVERIFY(names.contains(QLatin1String("_table")));
        QVERIFY(names.contains(QLatin1String("_schema")));
        QVERIFY(names.contains(QLatin1String("_proc")));
        QCOMPARE(names.contains(QLatin1String("_func")), current().kind != QLatin1String("sqlite"));
        const TestResponse missing = api("GET", QStringLiteral("_nothing"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(message(missing),
                 QStringLiteral("Resource &#039;_nothing&#039; not found for service &#039;%1&#039;.")
                     .arg(current().service));
    }

    void listTables()
    {
        TestResponse r = api("GET", QStringLiteral("_table"));
        QCOMPARE(r.status, 200);
        Json entry;
        for (const Json &e : r.json["resource"])
            if (e["name"] == str(t("customers")))
                entry = e;
        QVERIFY2(entry.is_object(), r.describe().constData());
        QCOMPARE(entry.size(), size_t(1)); // just the name by default

        r = api("GET", QStringLiteral("_table?as_list=true"));
        QVERIFY(r.json["resource"][0].is_string());
        bool found = false;
        for (const Json &name : r.json["resource"])
            found = found || name == str(t("post_tags"));
        QVERIFY(found);

        r = api("GET", QStringLiteral("_table?fields=*"));
        for (const Json &e : r.json["resource"]) {
            if (e["name"] != str(t("order_items")) && e["name"] != str(t("orders")))
                continue;
            QVERIFY(e.contains("label"));
            QVERIFY(e.contains("is_view"));
            QCOMPARE(e["access"].size(), size_t(5)); // an admin may do everything
        }
        r = api("GET", QStringLiteral("_table?include_access=true"));
        QVERIFY(r.json["resource"][0].contains("access"));
        QCOMPARE(api("POST", QStringLiteral("_table"), Json::array()).status, 400);
    }

    void unknownTableAndCase()
    {
        TestResponse r = api("GET", QStringLiteral("_table/nope_nothing"));
        QCOMPARE(r.status, 404);
        QCOMPARE(message(r),
                 QStringLiteral("Table &quot;nope_nothing&quot; does not exist in the database."));
        JCOMPARE(r.json["error"]["code"], 404);
        // Table and field names are case-insensitive.
        r = api("GET", QStringLiteral("_table/%1?limit=1&fields=NAME").arg(t("customers").toUpper()));
        QCOMPARE(r.status, 200);
        JCOMPARE(r.json["resource"][0]["name"], "Customer 01");
    }

    // --- reading ---------------------------------------------------------------------------

    void getAllAndMeta()
    {
        TestResponse r = table("GET", "customers");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), size_t(25));
        QVERIFY(!r.json.contains("meta")); // counted (no limit sent) but the total is under the max
        JCOMPARE(r.json["resource"][0]["id"], 1);
        JCOMPARE(r.json["resource"][0]["email"], "c01@example.com");

        // No usable limit on a service whose max is 10: the first 10 plus count and next.
        const QString small = QStringLiteral("/api/v2/%1/_table/%2").arg(current().small, t("customers"));
        r = m_server->admin("GET", small);
        QCOMPARE(r.json["resource"].size(), size_t(10));
        JCOMPARE(r.json["meta"]["count"], 25);
        JCOMPARE(r.json["meta"]["next"], 10);
        r = m_server->admin("GET", small + QStringLiteral("?limit=500&offset=20"));
        QCOMPARE(r.json["resource"].size(), size_t(5));
        JCOMPARE(r.json["meta"]["count"], 25);
        QVERIFY(!r.json["meta"].contains("next"));
        r = m_server->admin("GET", small + QStringLiteral("?limit=0&offset=10"));
        QCOMPARE(r.json["resource"].size(), size_t(10));
        JCOMPARE(r.json["meta"]["next"], 20);

        // An explicit limit: no count unless asked.
        r = table("GET", "customers", QStringLiteral("?limit=5"));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{1, 2, 3, 4, 5}));
        QVERIFY(!r.json.contains("meta"));
        r = table("GET", "customers", QStringLiteral("?top=5&skip=5&include_count=true"));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{6, 7, 8, 9, 10}));
        JCOMPARE(r.json["meta"]["count"], 25);
        JCOMPARE(r.json["meta"]["next"], 10);
        r = table("GET", "customers", QStringLiteral("?limit=5&offset=20&include_count=true"));
        JCOMPARE(r.json["meta"]["count"], 25);
        QVERIFY(!r.json["meta"].contains("next"));
        r = table("GET", "customers", QStringLiteral("?limit=5&offset=40&include_count=true"));
        QCOMPARE(r.json["resource"].size(), size_t(0));
        JCOMPARE(r.json["meta"]["count"], 25);

        r = table("GET", "customers", QStringLiteral("?count_only=true"));
        QCOMPARE(r.status, 200);
        JCOMPARE(r.json, Json(25)); // DF's code returns the bare integer
        r = table("GET", "customers",
                  QStringLiteral("?count_only=true&filter=") + enc(QStringLiteral("status='active'")));
        JCOMPARE(r.json, Json(13));

        r = table("GET", "customers", QStringLiteral("?limit=1&include_schema=true"));
        JCOMPARE(r.json["meta"]["schema"]["name"], str(t("customers")));
        QVERIFY(r.json["meta"]["schema"]["field"].size() >= 6);

        QCOMPARE(table("GET", "customers", QStringLiteral("?limit=abc")).status, 400);
        QCOMPARE(table("GET", "customers", QStringLiteral("?offset=x")).status, 400);
        QCOMPARE(table("GET", "customers", QStringLiteral("?include_count=maybe")).status, 400);
    }

    void wrapAndAsList()
    {
        TestResponse r = table("GET", "customers", QStringLiteral("?limit=3&wrap=false"));
        QVERIFY2(r.json.is_array(), r.describe().constData());
        QCOMPARE(r.json.size(), size_t(3));
        // meta cannot ride on a bare array, so DF wraps anyway
        r = table("GET", "customers", QStringLiteral("?limit=3&wrap=false&include_count=true"));
        QVERIFY(r.json.is_object());
        r = table("GET", "customers", QStringLiteral("?limit=3&as_list=true"));
        JCOMPARE(r.json["resource"], Json::array({1, 2, 3}));
    }

    void fieldsAndTypes()
    {
        TestResponse r = table("GET", "customers", QStringLiteral("?fields=name,email&limit=2"));
        QCOMPARE(r.status, 200);
        JCOMPARE(r.json["resource"][0], (Json{{"name", "Customer 01"}, {"email", "c01@example.com"}}));
        r = table("GET", "customers", QStringLiteral("?select=id&limit=1"));
        JCOMPARE(r.json["resource"][0], (Json{{"id", 1}}));
        r = table("GET", "customers", QStringLiteral("?fields=nope"));
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("Invalid field requested: nope"));

        // One JSON shape on every engine: booleans, integers, decimals as numbers, nulls.
        r = table("GET", "customers", QStringLiteral("/3"));
        JCOMPARE(r.json["active"], true);
        JCOMPARE(r.json["score"], 30);
        r = table("GET", "customers", QStringLiteral("/25"));
        QVERIFY(r.json["score"].is_null());
        JCOMPARE(r.json["active"], false);
        r = table("GET", "orders", QStringLiteral("/2"));
        QVERIFY2(r.json["total"].is_number(), r.describe().constData());
        QCOMPARE(r.json["total"].get<double>(), 21.0);
        // Lists are written straight to JSON text, single records through a tree: same values.
        r = table("GET", "orders", QStringLiteral("?ids=1,2"));
        QCOMPARE(r.json["resource"][1]["total"].get<double>(), 21.0);
        r = table("GET", "orders", QStringLiteral("?limit=2"));
        QCOMPARE(r.json["resource"][0]["total"].get<double>(), 10.5);
        QCOMPARE(r.json["resource"][1]["total"].get<double>(), 21.0);
        r = table("GET", "customers", QStringLiteral("?filter=") + enc(QStringLiteral("id >= 24")));
        JCOMPARE(r.json["resource"][0]["active"], true); // 24
        JCOMPARE(r.json["resource"][1]["active"], false);
        JCOMPARE(r.json["resource"][1]["score"], nullptr);
        const std::string tricky = "Q\"uo\\te\n\t\x01 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 </script>";
        r = table("POST", "customers", QString(), Json{{"name", tricky}});
        QCOMPARE(r.status, 200);
        const qint64 id = r.json["resource"][0]["id"].get<qint64>();
        r = table("GET", "customers", QStringLiteral("?filter=") + enc(QStringLiteral("id = %1").arg(id)));
        QVERIFY2(r.json.is_object(), r.describe().constData()); // valid JSON despite the characters
        JCOMPARE(r.json["resource"][0]["name"], tricky);
        JCOMPARE(table("GET", "customers", QStringLiteral("/%1").arg(id)).json["name"], tricky);
    }

    void filters()
    {
        TestResponse r =
            table("GET", "customers", QStringLiteral("?filter=") + enc(QStringLiteral("status='active'")));
        QCOMPARE(r.json["resource"].size(), size_t(13));
        r = table("GET", "customers",
                  QStringLiteral("?where=") + enc(QStringLiteral("(status='active') AND (score >= 200)")));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{21, 23}));
        r = table("GET", "customers",
                  QStringLiteral("?filter=") + enc(QStringLiteral("status = :st AND id < 5")) +
                      QStringLiteral("&params=") + enc(QStringLiteral(R"({":st":"inactive"})")));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{2, 4}));
        // Parameters merged from a JSON body, as DF does (GET with a body).
        r = table("GET", "customers", QString(),
                  Json{{"filter", "name LIKE :n"}, {"params", {{"n", "Customer 1%"}}}, {"fields", "id"}});
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}));
        r = table("GET", "customers", QStringLiteral("?filter=") + enc(QStringLiteral("nope = 1")));
        QCOMPARE(r.status, 400);
        r = table("GET", "customers", QStringLiteral("?filter=") + enc(QStringLiteral("id = 'abc'")));
        QCOMPARE(r.status, 400);
    }

    void filterInjection()
    {
        const QStringList attempts = {
            QStringLiteral("name = 'x' OR 1=1"),
            QStringLiteral("name = 'x'' OR ''1''=''1'"),
            QStringLiteral("id = 1; DROP TABLE %1").arg(t("customers")),
            QStringLiteral("id = 1 UNION SELECT 1,2,3,4,5,6"),
            QStringLiteral("name = (SELECT name FROM %1)").arg(t("customers")),
            QStringLiteral("name = 'a' -- comment"),
            QStringLiteral("id IN (1) OR (1=1)"),
        };
        for (const QString &filter : attempts) {
            const TestResponse r = table("GET", "customers", QStringLiteral("?filter=") + enc(filter));
            QVERIFY2(r.status == 400 || (r.status == 200 && r.json["resource"].size() <= 1),
                     qPrintable(filter + QLatin1String(" -> ") + QString::fromUtf8(r.describe())));
        }
        QCOMPARE(
            table("GET", "customers", QStringLiteral("?order=") + enc(QStringLiteral("id; DROP TABLE x")))
                .status,
            400);
        QCOMPARE(table("GET", "customers", QStringLiteral("?fields=") + enc(QStringLiteral("id,(SELECT 1)")))
                     .status,
                 400);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("customers"))), 25);
    }

    void ordering()
    {
        TestResponse r = table("GET", "customers",
                               QStringLiteral("?order=") + enc(QStringLiteral("score desc")) +
                                   QStringLiteral("&limit=2&fields=id"));
        QVERIFY2(r.status == 200, r.describe().constData());
        // Where NULL sorts by default differs per engine; make it explicit:
        r = table("GET", "customers",
                  QStringLiteral("?sort=") + enc(QStringLiteral("score DESC NULLS LAST")) +
                      QStringLiteral("&limit=2"));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{24, 23}));
        r = table("GET", "customers",
                  QStringLiteral("?order_by=") + enc(QStringLiteral("score asc nulls first")) +
                      QStringLiteral("&limit=2"));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{25, 1}));
        r = table("GET", "customers",
                  QStringLiteral("?order=") + enc(QStringLiteral("status desc, id desc")) +
                      QStringLiteral("&limit=1"));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{24}));
        r = table("GET", "customers", QStringLiteral("?order=nope"));
        QCOMPARE(r.status, 400);
    }

    void groupAggregatesHaving()
    {
        TestResponse r =
            table("GET", "customers",
                  QStringLiteral("?fields=") + enc(QStringLiteral("status,COUNT(*),SUM(score)")) +
                      QStringLiteral("&group=status&order=status"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(2));
        JCOMPARE(r.json["resource"][0]["status"], "active");
        JCOMPARE(r.json["resource"][0]["COUNT_ALL"], 13);
        QCOMPARE(r.json["resource"][0]["SUM_score"].get<double>(), 1440.0);
        QCOMPARE(r.json["resource"][1]["SUM_score"].get<double>(), 1560.0);

        r = table("GET", "customers",
                  QStringLiteral("?fields=") + enc(QStringLiteral("status,COUNT(*)")) +
                      QStringLiteral("&group_by=status&having=") + enc(QStringLiteral("COUNT(*) > 12")));
        QCOMPARE(r.json["resource"].size(), size_t(1));
        JCOMPARE(r.json["resource"][0]["status"], "active");
        r = table("GET", "customers",
                  QStringLiteral("?fields=") + enc(QStringLiteral("status,SUM(score)")) +
                      QStringLiteral("&group=status&having=") + enc(QStringLiteral("SUM_score > :min")) +
                      QStringLiteral("&params=") + enc(QStringLiteral(R"({"min":1500})")));
        QCOMPARE(r.json["resource"].size(), size_t(1));
        JCOMPARE(r.json["resource"][0]["status"], "inactive");
        r = table("GET", "customers",
                  QStringLiteral("?fields=") + enc(QStringLiteral("status,MAX(score)")) +
                      QStringLiteral("&group=status&order=") + enc(QStringLiteral("MAX(score) desc")));
        JCOMPARE(r.json["resource"][0]["MAX_score"], 240);
        // Grouped queries count groups for the meta.
        r = table("GET", "customers", QStringLiteral("?group=status&include_count=true&limit=1"));
        JCOMPARE(r.json["meta"]["count"], 2);
        r = table("GET", "customers",
                  QStringLiteral("?fields=") + enc(QStringLiteral("AVG(score),COUNT(*)")));
        JCOMPARE(r.json["resource"][0]["COUNT_ALL"], 25);

        // `having` is never ignored: applied, or refused.
        QCOMPARE(table("GET", "customers", QStringLiteral("?having=") + enc(QStringLiteral("id > 1"))).status,
                 400);
        QCOMPARE(table("GET", "customers",
                       QStringLiteral("?group=status&having=") + enc(QStringLiteral("nope > 1")))
                     .status,
                 400);
        QCOMPARE(table("GET", "customers", QStringLiteral("?fields=name&group=status")).status, 400);
        QCOMPARE(table("GET", "customers", QStringLiteral("?group=nope")).status, 400);
        QCOMPARE(table("GET", "customers", QStringLiteral("?fields=") + enc(QStringLiteral("SUM(*)"))).status,
                 400);
    }

    void byIdAndIds()
    {
        TestResponse r = table("GET", "customers", QStringLiteral("/7"));
        QCOMPARE(r.status, 200);
        JCOMPARE(r.json["id"], 7); // bare object, no wrapper
        r = table("GET", "customers", QStringLiteral("/999"));
        QCOMPARE(r.status, 404);
        QCOMPARE(message(r), QStringLiteral("Record with identifier &#039;999&#039; not found."));
        QCOMPARE(table("GET", "customers", QStringLiteral("/abc")).status, 400);
        r = table("GET", "customers",
                  QStringLiteral("/") + enc(QStringLiteral("c05@example.com")) +
                      QStringLiteral("?id_field=email"));
        JCOMPARE(r.json["id"], 5);

        r = table("GET", "customers", QStringLiteral("?ids=3,1,2&fields=name"));
        QCOMPARE(r.status, 200);
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{3, 1, 2})); // in the order asked
        // Body parameters may be arrays, as DF accepts them.
        r = table("GET", "customers", QString(), Json{{"ids", {4, 2}}, {"fields", {"id", "score"}}});
        JCOMPARE(r.json["resource"], Json::array({{{"id", 4}, {"score", 40}}, {{"id", 2}, {"score", 20}}}));
        r = table("GET", "customers", QStringLiteral("?ids=999"));
        QCOMPARE(r.status, 404);
        r = table("GET", "customers", QStringLiteral("?ids=1,999,2"));
        QCOMPARE(r.status, 400);
        JCOMPARE(r.json["error"]["code"], 1000);
        JCOMPARE(r.json["error"]["context"]["error"], Json::array({1}));
        JCOMPARE(r.json["error"]["context"]["resource"][1]["status_code"], 404);
        JCOMPARE(r.json["error"]["context"]["resource"][0]["id"], 1);

        QStringList many;
        for (int i = 0; i < 5000; ++i)
            many << QString::number(i + 1);
        // (as a body parameter: a URL that long is refused by the HTTP layer already)
        r = table("GET", "customers", QString(), Json{{"ids", str(many.join(QLatin1Char(',')))}});
        QCOMPARE(r.status, 400);
        QVERIFY(message(r).contains(QLatin1String("Too many ids")));
        QCOMPARE(table("GET", "customers", QStringLiteral("?ids=1,x")).status, 400);
    }

    // --- related records -------------------------------------------------------------------

    void relatedHasMany()
    {
        const QString orders = rel("orders_by_customer_id");
        TestResponse r = table("GET", "customers", QStringLiteral("?ids=1,2,4&related=") + orders);
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json &list = r.json["resource"];
        QCOMPARE(list[0][str(orders)].size(), size_t(5));
        QCOMPARE(list[1][str(orders)].size(), size_t(3));
        QVERIFY(list[2][str(orders)].is_array());
        QCOMPARE(list[2][str(orders)].size(), size_t(0));
        JCOMPARE(list[0][str(orders)][0]["customer_id"], 1);

        // The relation limit applies to each parent (one query, ROW_NUMBER per parent).
        r = table("GET", "customers",
                  QStringLiteral("?limit=4&related=%1&%1.limit=2&%1.order=").arg(orders) +
                      enc(QStringLiteral("id desc")));
        QCOMPARE(ids(r.json["resource"][0][str(orders)]), (QList<qint64>{5, 4}));
        QCOMPARE(ids(r.json["resource"][1][str(orders)]), (QList<qint64>{8, 7}));
        QCOMPARE(ids(r.json["resource"][2][str(orders)]), (QList<qint64>{9}));
        // PHP's underscore form of the options, and per-relation fields.
        r = table("GET", "customers",
                  QStringLiteral("?ids=1&related=%1&%1_limit=1&%1_fields=id,total").arg(orders));
        QCOMPARE(r.json["resource"][0][str(orders)].size(), size_t(1));
        QCOMPARE(r.json["resource"][0][str(orders)][0].size(), size_t(2));
        // The key the relation needs is added to the selected fields.
        r = table("GET", "customers", QStringLiteral("/2?fields=name&related=") + orders);
        QCOMPARE(r.json[str(orders)].size(), size_t(3));
        JCOMPARE(r.json["name"], "Customer 02");
    }

    void relatedBelongsToAndManyMany()
    {
        const QString customer = rel("customers_by_customer_id");
        TestResponse r = table("GET", "orders", QStringLiteral("?related=") + customer);
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["resource"][0][str(customer)]["name"], "Customer 01");
        JCOMPARE(r.json["resource"][8][str(customer)]["id"], 3);

        const QString tags = rel("tags_by_") + t("post_tags");
        r = table("GET", "posts", QStringLiteral("?related=") + tags);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(ids(r.json["resource"][0][str(tags)]), (QList<qint64>{1, 2, 3}));
        JCOMPARE(r.json["resource"][1][str(tags)][0]["label"], "red");
        QCOMPARE(r.json["resource"][2][str(tags)].size(), size_t(0));
        r = table("GET", "posts", QStringLiteral("?related=%1&%1.limit=2").arg(tags));
        QCOMPARE(ids(r.json["resource"][0][str(tags)]), (QList<qint64>{1, 2}));

        r = table("GET", "posts", QStringLiteral("/1?related=*"));
        QVERIFY(r.json.contains(str(tags)));
        r = table("GET", "customers", QStringLiteral("?related=nope_by_nothing"));
        QCOMPARE(r.status, 400);
        QCOMPARE(table("GET", "customers",
                       QStringLiteral("?related=%1&%1.limit=x").arg(rel("orders_by_customer_id")))
                     .status,
                 400);
    }

    void rbacOnTablesAndRelated()
    {
        const qint64 serviceId = current().serviceId;
        const qint64 role = m_server->createRole(
            QStringLiteral("records-%1-%2").arg(m_engine).arg(QDateTime::currentMSecsSinceEpoch()),
            Json::array({{{"service_id", serviceId},
                          {"component", str(QStringLiteral("_table/") + t("customers"))},
                          {"verb_mask", 1},
                          {"requestor_mask", 1}}}));
        QVERIFY(role > 0);
        const QString key =
            m_server->createAppKey(QStringLiteral("records-app-%1-%2").arg(m_engine).arg(role), role);
        QVERIFY(!key.isEmpty());
        const Headers headers = {{"X-DreamFactory-API-Key", key.toLatin1()}};
        const QString base = QStringLiteral("/api/v2/%1/_table").arg(current().service);

        TestResponse r = m_server->request("GET", base, nullptr, headers);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(1)); // only what the role can reach
        JCOMPARE(r.json["resource"][0]["name"], str(t("customers")));

        r = m_server->request("GET", base + QLatin1Char('/') + t("customers") + QStringLiteral("?limit=2"),
                              nullptr, headers);
        QCOMPARE(r.status, 200);
        r = m_server->request("GET",
                              base + QLatin1Char('/') + t("customers") + QStringLiteral("?related=") +
                                  rel("orders_by_customer_id"),
                              nullptr, headers);
        QCOMPARE(r.status, 403);
        QVERIFY(message(r).contains(t("orders")));
    }

    // --- writing ---------------------------------------------------------------------------

    void createRecords()
    {
        TestResponse r = table("POST", "customers", QString(), Json{{"name", "Solo"}, {"bogus", 1}});
        QVERIFY2(r.status == 200, r.describe().constData()); // DF answers _table creates with 200
        JCOMPARE(r.json, (Json{{"resource", Json::array({{{"id", 26}}})}}));

        r = table("POST", "customers", QString(),
                  Json::array({{{"name", "A"}, {"email", "a@x.test"}}, {{"name", "B"}, {"active", true}}}));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{27, 28}));
        r = table("POST", "customers", QStringLiteral("?fields=*"),
                  Json{{"resource", Json::array({{{"name", "C"}, {"score", "7"}, {"active", 1}}})}});
        JCOMPARE(r.json["resource"][0]["id"], 29);
        JCOMPARE(r.json["resource"][0]["status"], "active"); // the column default, read back
        JCOMPARE(r.json["resource"][0]["score"], 7);
        JCOMPARE(r.json["resource"][0]["active"], true);
        r = table("GET", "customers", QStringLiteral("/28"));
        JCOMPARE(r.json["active"], true);
        JCOMPARE(r.json["name"], "B");

        r = table("POST", "orders",
                  QStringLiteral("?fields=id,total&related=") + rel("customers_by_customer_id"),
                  Json::array({{{"customer_id", 4}, {"total", 12.25}}}));
        QCOMPARE(r.json["resource"][0]["total"].get<double>(), 12.25);
        JCOMPARE(r.json["resource"][0][str(rel("customers_by_customer_id"))]["id"], 4);
    }

    void createValidation()
    {
        TestResponse r = table("POST", "customers", QString(), Json::array({{{"name", nullptr}}}));
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("Field &#039;name&#039; can not be NULL."));
        r = table("POST", "customers", QString(), Json::array({{{"email", "x@y.z"}}}));
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("Required field &#039;name&#039; can not be NULL."));
        r = table("POST", "customers", QString(), Json::array({{{"name", "T"}, {"score", "abc"}}}));
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("Field &#039;score&#039; must be a valid integer."));
        r = table("POST", "customers", QString(),
                  Json::array({{{"name", "D"}, {"email", "c01@example.com"}}}));
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("Duplicate value for unique field &#039;email&#039;."));
        QVERIFY(!r.body.contains("UNIQUE") && !r.body.contains("duplicate key") &&
                !r.body.contains("Duplicate entry"));
        r = table("POST", "orders", QString(), Json::array({{{"customer_id", 999}, {"total", 1}}}));
        QCOMPARE(r.status, 400);
        r = table("POST", "customers", QStringLiteral("/5"), Json{{"name", "x"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("Create record by identifier not currently supported."));
        r = table("POST", "customers", QString(), Json::array());
        QCOMPARE(r.status, 400);
        r = table("POST", "customers", QString(),
                  Json::array({{{"name", "E"}, {"score", {{"expression", "NOW()"}}}}}));
        QCOMPARE(r.status, 400);
        r = table("POST", "customers", QString(),
                  Json::array({{{"name", "F"}, {"orders_by_customer_id", "x"}}}));
        QCOMPARE(r.status, 200); // not a field here: dropped like any unknown key
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("customers"))), 26);
    }

    void batchModes()
    {
        const Json batch = Json::array({{{"name", "First"}, {"email", "first@x.test"}},
                                        {{"name", "Dup"}, {"email", "c02@example.com"}},
                                        {{"name", "Third"}, {"email", "third@x.test"}}});
        const QString countSql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE email IN "
                                                "('first@x.test', 'third@x.test')")
                                     .arg(t("customers"));
        // Default: stop at the first failure; what came before stays written.
        TestResponse r = table("POST", "customers", QString(), batch);
        QCOMPARE(r.status, 400);
        JCOMPARE(r.json["error"]["code"], 1000);
        JCOMPARE(r.json["error"]["status_code"], 400);
        QCOMPARE(message(r), QStringLiteral("Batch Error: Not all requested records could be created."));
        JCOMPARE(r.json["error"]["context"]["error"], Json::array({1}));
        QCOMPARE(r.json["error"]["context"]["resource"].size(), size_t(2));
        JCOMPARE(r.json["error"]["context"]["resource"][0]["id"], 26);
        JCOMPARE(r.json["error"]["context"]["resource"][1]["status_code"], 400);
        QCOMPARE(scalar(countSql), 1);

        // continue: every record is tried.
        QVERIFY(sql(QStringLiteral("DELETE FROM %1 WHERE id > 25").arg(t("customers"))));
        r = table("POST", "customers", QStringLiteral("?continue=true"), batch);
        QCOMPARE(r.status, 400);
        JCOMPARE(r.json["error"]["context"]["error"], Json::array({1}));
        QCOMPARE(r.json["error"]["context"]["resource"].size(), size_t(3));
        QCOMPARE(scalar(countSql), 2);

        // rollback: all or nothing.
        QVERIFY(sql(QStringLiteral("DELETE FROM %1 WHERE id > 25").arg(t("customers"))));
        r = table("POST", "customers", QStringLiteral("?rollback=true"), batch);
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r),
                 QStringLiteral("Batch Error: Not all requested records could be created. All changes "
                                "rolled back."));
        QCOMPARE(scalar(countSql), 0);
        r = table("GET", "customers",
                  QStringLiteral("?filter=") + enc(QStringLiteral("email='first@x.test'")));
        QCOMPARE(r.json["resource"].size(), size_t(0)); // nothing written, seen through the API too
        // ... and a clean rollback batch commits everything.
        r = table("POST", "customers", QStringLiteral("?rollback=true"),
                  Json::array({{{"name", "R1"}}, {{"name", "R2"}}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), size_t(2));

        r = table("POST", "customers", QStringLiteral("?rollback=true&continue=true"), batch);
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r),
                 QStringLiteral("Rollback and continue operations can not be requested at the same time."));

        Json huge = Json::array();
        for (int i = 0; i < 1001; ++i)
            huge.push_back({{"name", "n"}});
        QCOMPARE(table("POST", "customers", QString(), huge).status, 413);
    }

    void updateRecords()
    {
        TestResponse r =
            table("PATCH", "customers", QStringLiteral("/1"), Json{{"name", "Renamed"}, {"id", 77}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"id", 1}}));
        JCOMPARE(table("GET", "customers", QStringLiteral("/1")).json["name"], "Renamed");
        // Same values again: still found (MySQL counts matched rows, not changed ones).
        QCOMPARE(table("PUT", "customers", QStringLiteral("/1"), Json{{"name", "Renamed"}}).status, 200);
        r = table("PATCH", "customers", QStringLiteral("/999"), Json{{"name", "x"}});
        QCOMPARE(r.status, 404);
        QCOMPARE(message(r), QStringLiteral("Record with identifier &#039;999&#039; not found."));
        r = table("PATCH", "customers", QStringLiteral("/1"), Json{{"name", nullptr}});
        QCOMPARE(message(r), QStringLiteral("Field &#039;name&#039; can not be NULL."));
        QCOMPARE(table("PATCH", "customers", QStringLiteral("/1"), Json{{"bogus", 1}}).status, 400);

        r = table("PATCH", "customers", QStringLiteral("?ids=2,3&fields=status"), Json{{"status", "vip"}});
        JCOMPARE(r.json["resource"],
                 Json::array({{{"id", 2}, {"status", "vip"}}, {{"id", 3}, {"status", "vip"}}}));

        // By filter: the reply lists the rows changed even though they no longer match it.
        r = table("PATCH", "customers", QStringLiteral("?filter=") + enc(QStringLiteral("status='inactive'")),
                  Json{{"status", "archived"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(11)); // 12 even ids, minus 2 now vip
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE status = 'archived'").arg(t("customers"))),
            11);

        // Records carrying their own ids; PUT is the same as PATCH at the SQL level.
        r = table("PUT", "customers", QStringLiteral("?fields=score"),
                  Json::array({{{"id", 4}, {"score", 5}}, {{"id", 5}, {"score", 6}}}));
        JCOMPARE(r.json["resource"][1], (Json{{"id", 5}, {"score", 6}}));
        r = table("PATCH", "customers", QString(), Json::array({{{"score", 5}}}));
        QCOMPARE(r.status, 400);
        r = table("PATCH", "customers", QStringLiteral("?rollback=true"),
                  Json::array({{{"id", 6}, {"score", 1}}, {{"id", 999}, {"score", 1}}}));
        QCOMPARE(r.status, 400);
        JCOMPARE(r.json["error"]["context"]["resource"][1]["status_code"], 404);
        JCOMPARE(table("GET", "customers", QStringLiteral("/6")).json["score"], 60);
        r = table("PATCH", "customers", QStringLiteral("?continue=true"),
                  Json::array({{{"id", 6}, {"email", "c07@example.com"}}, {{"id", 7}, {"score", 1}}}));
        JCOMPARE(r.json["error"]["context"]["error"], Json::array({0}));
        JCOMPARE(table("GET", "customers", QStringLiteral("/7")).json["score"], 1);
    }

    void deleteRecords()
    {
        TestResponse r = table("DELETE", "customers", QStringLiteral("/25"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"id", 25}}));
        QCOMPARE(table("GET", "customers", QStringLiteral("/25")).status, 404);
        QCOMPARE(table("DELETE", "customers", QStringLiteral("/25")).status, 404);

        r = table("DELETE", "customers", QStringLiteral("?ids=24,23&fields=name"));
        JCOMPARE(r.json["resource"],
                 Json::array({{{"id", 24}, {"name", "Customer 24"}}, {{"id", 23}, {"name", "Customer 23"}}}));
        r = table("DELETE", "customers", QString(), Json::array({{{"id", 22}}, 21}));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{22, 21}));
        r = table("DELETE", "customers",
                  QStringLiteral("?filter=") + enc(QStringLiteral("(id > 15) AND (status = 'inactive')")));
        QCOMPARE(ids(r.json["resource"]), (QList<qint64>{16, 18, 20}));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("customers"))), 17);

        r = table("DELETE", "customers");
        QCOMPARE(r.status, 400);
        QCOMPARE(message(r), QStringLiteral("No filter or records given for delete request."));
        // A customer with orders is still referenced.
        r = table("DELETE", "customers", QStringLiteral("/1"));
        QCOMPARE(r.status, 400);
        QVERIFY2(!message(r).isEmpty() && !r.body.contains("FOREIGN"), r.describe().constData());
        QCOMPARE(table("GET", "customers", QStringLiteral("/1")).status, 200);

        r = table("DELETE", "orders", QStringLiteral("?force=true"));
        JCOMPARE(r.json, (Json{{"success", true}}));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("orders"))), 0);
    }

    void tablesWithoutKeys()
    {
        TestResponse r =
            table("POST", "notes", QString(), Json::array({{{"body", "one"}}, {{"body", "two"}}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), size_t(2));
        r = table("GET", "notes", QStringLiteral("/1"));
        QCOMPARE(r.status, 400); // no primary key to address
        r = table("GET", "notes", QStringLiteral("/one?id_field=body"));
        JCOMPARE(r.json["body"], "one");
        r = table("PATCH", "notes", QStringLiteral("/one?id_field=body"), Json{{"body", "uno"}});
        QCOMPARE(r.status, 400); // the only field is the identifier: nothing to set
        r = table("DELETE", "notes", QStringLiteral("?filter=") + enc(QStringLiteral("body='two'")));
        QCOMPARE(r.status, 200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("notes"))), 1);
    }

    void compositeKeys()
    {
        TestResponse r =
            table("GET", "post_tags", QStringLiteral("?order=") + enc(QStringLiteral("post_id,tag_id")));
        QCOMPARE(r.json["resource"].size(), size_t(4));
        r = table("GET", "post_tags", QStringLiteral("?as_list=true"));
        JCOMPARE(r.json["resource"][0], "(1,1)");
        r = table("DELETE", "post_tags", QString(), Json::array({{{"post_id", 1}, {"tag_id", 2}}}));
        JCOMPARE(r.json["resource"], Json::array({{{"post_id", 1}, {"tag_id", 2}}}));
        QCOMPARE(table("GET", "post_tags", QStringLiteral("/1")).status, 400);
    }

    // --- the service type ------------------------------------------------------------------

    void serviceValidation()
    {
        const auto create = [this](const Json &config) {
            return m_server->admin("POST", QStringLiteral("/api/v2/system/service"),
                                   Json{{"resource",
                                         {{{"name", str(QStringLiteral("bad_%1_%2")
                                                            .arg(m_engine)
                                                            .arg(QDateTime::currentMSecsSinceEpoch()))},
                                           {"type", str(current().kind)},
                                           {"config", config}}}}});
        };
        TestResponse r = create(Json::object());
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("database"), r.describe().constData());
        if (current().kind == QLatin1String("sqlite")) {
            r = create({{"database", "/nonexistent-folder-xyz/db.sqlite"}});
            QCOMPARE(r.status, 400);
            QVERIFY2(r.body.contains("folder"), r.describe().constData());
        } else {
            const ConnectionSpec &spec = current().spec;
            r = create({{"host", str(spec.host)},
                        {"port", spec.port},
                        {"database", str(spec.database)},
                        {"username", str(spec.username)},
                        {"password", "wrong-secret-xyz"}});
            QCOMPARE(r.status, 400);
            // A clean reason, never the driver's text or the credentials.
            QVERIFY2(!r.body.contains("wrong-secret-xyz") &&
                         !r.body.contains(QByteArray(spec.username.toUtf8() + '@')),
                     r.describe().constData());
            QVERIFY2(message(r).contains(QLatin1String("password")), r.describe().constData());
            r = create({{"host", str(spec.host)}, {"port", "not-a-port"}, {"database", str(spec.database)}});
            QCOMPARE(r.status, 400);
        }
        r = create({{"database", "x.sqlite"}, {"host", "127.0.0.1"}, {"max_records", "lots"}});
        QCOMPARE(r.status, 400);
        Json broken = current().kind == QLatin1String("sqlite")
                          ? Json{{"database", str(m_dir.filePath(QStringLiteral("other.sqlite")))}}
                          : Json{{"host", str(current().spec.host)},
                                 {"port", current().spec.port},
                                 {"database", str(current().spec.database)},
                                 {"username", str(current().spec.username)},
                                 {"password", str(current().spec.password)}};
        broken["init_statements"] = Json::array({"THIS IS NOT SQL"});
        r = create(broken);
        QCOMPARE(r.status, 400);
        QVERIFY2(message(r).contains(QLatin1String("init_statements")), r.describe().constData());
        if (current().kind == QLatin1String("sqlite")) {
            r = create({{"database", ":memory:"}});
            QCOMPARE(r.status, 400);
        }
    }

    void schemaRefresh()
    {
        QVERIFY(sql(
            QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, label VARCHAR(20))").arg(t("late"))));
        QCOMPARE(table("GET", "late").status, 404); // the cached schema does not know it yet
        TestResponse r = table("GET", "late", QStringLiteral("?refresh=true"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["resource"].size(), size_t(0));
        QVERIFY(sql(QStringLiteral("DROP TABLE %1").arg(t("late"))));
        r = api("GET", QStringLiteral("_table?refresh=true"));
        QCOMPARE(r.status, 200);
    }

    // --- SQL generation, without a database ------------------------------------------------

    void queryBuilderSql()
    {
        const auto kind = m_engine == QLatin1String("sqlite")  ? SqlDialect::Kind::Sqlite
                          : m_engine == QLatin1String("pgsql") ? SqlDialect::Kind::Postgres
                                                               : SqlDialect::Kind::Mysql;
        const std::unique_ptr<SqlDialect> dialect = SqlDialect::create(kind);
        const QueryBuilder builder(*dialect);
        TableSchema table;
        table.name = QStringLiteral("items");
        ColumnSchema id;
        id.name = QStringLiteral("id");
        id.type = QStringLiteral("id");
        id.isPrimaryKey = true;
        ColumnSchema owner;
        owner.name = QStringLiteral("owner_id");
        owner.type = QStringLiteral("integer");
        table.columns << id << owner;
        table.primaryKey << QStringLiteral("id");
        const QString q = kind == SqlDialect::Kind::Mysql ? QStringLiteral("`") : QStringLiteral("\"");
        const auto quoted = [&q](const char *name) -> QString { return q + QLatin1String(name) + q; };

        SelectQuery select;
        select.table = &table;
        select.items = QueryBuilder::parseFields(table, QStringLiteral("owner_id,COUNT(*)"), true);
        select.groupBy = QueryBuilder::parseGroup(table, QStringLiteral("owner_id"));
        select.order =
            QueryBuilder::parseOrder(table, QStringLiteral("owner_id desc nulls last"), select.items);
        select.limit = 5;
        select.offset = 10;
        const SqlFragment sql = builder.select(select);
        QVERIFY2(sql.sql.startsWith(QStringLiteral("SELECT %1, COUNT(*) AS %2 FROM %3")
                                        .arg(quoted("owner_id"), quoted("COUNT_ALL"), quoted("items"))),
                 qPrintable(sql.sql));
        QVERIFY(sql.sql.contains(QStringLiteral("GROUP BY ") + quoted("owner_id")));
        if (kind == SqlDialect::Kind::Mysql)
            QVERIFY2(sql.sql.contains(quoted("owner_id") + QStringLiteral(" IS NULL ASC")),
                     qPrintable(sql.sql));
        else
            QVERIFY2(sql.sql.contains(QStringLiteral("DESC NULLS LAST")), qPrintable(sql.sql));
        QCOMPARE(sql.binds.size(), 2); // limit and offset are bound too
        QCOMPARE(sql.sql.count(QLatin1Char('?')), 2);

        RelatedQuery related;
        related.table = &table;
        related.items = QueryBuilder::allColumns(table);
        related.matchColumn = table.column(QStringLiteral("owner_id"));
        related.keys = {1, 2, 3};
        related.perParent = 2;
        const SqlFragment window = builder.related(related);
        QVERIFY2(window.sql.contains(QStringLiteral("ROW_NUMBER() OVER (PARTITION BY")),
                 qPrintable(window.sql));
        QCOMPARE(window.binds, (QVariantList{1, 2, 3, qint64(2)}));

        const SqlFragment keys =
            builder.keyCondition({&table.columns[0], &table.columns[1]}, {{1, 2}, {3, 4}});
        QCOMPARE(keys.binds.size(), 4);
        QVERIFY(keys.sql.contains(QLatin1String(" OR ")));

        QVERIFY_THROWS_EXCEPTION(ApiError,
                                 QueryBuilder::parseFields(table, QStringLiteral("id; DROP"), false));
        QVERIFY_THROWS_EXCEPTION(ApiError, QueryBuilder::parseOrder(table, QStringLiteral("id;"), {}));
        QVERIFY_THROWS_EXCEPTION(ApiError,
                                 QueryBuilder::parseFields(table, QStringLiteral("SUM(id)"), false));
    }
};

QTEST_MAIN(TestSqlRecords)
#include "tst_sqlrecords.moc"
