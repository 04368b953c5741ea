// `_proc` and `_func` of database services: stored procedures and functions on PostgreSQL
// and MariaDB (IN/OUT/INOUT parameters, result sets, scalar and set-returning functions) and
// admin-defined named queries on all three engines. Each test runs once per engine; the
// tests call RoutineResource::handle directly with a hand-built RequestContext and SqlCall.

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include "TestDatabases.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/sql/NamedQuery.h"
#include "services/sql/RoutineResource.h"
#include "services/sql/SqlCall.h"
#include "services/sql/SqlDialect.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"

using namespace gatehouse;
using namespace gatehouse::test;

// Compares JSON values (or anything a Json can hold) by their serialisation, so a failure
// prints both documents.
#define JCOMPARE(actual, expected)                                                                           \
    QCOMPARE(QString::fromStdString(Json(actual).dump()), QString::fromStdString(Json(expected).dump()))

namespace {

constexpr qint64 kServiceId = 9;

struct Reply
{
    int status = 0;
    Json json;
    QByteArray describe() const
    {
        return QByteArray::number(status) + ' ' + QByteArray::fromStdString(json.dump());
    }
    QString message() const
    {
        if (json.is_object() && json.contains("error"))
            return QString::fromStdString(json["error"]["message"].get<std::string>());
        return {};
    }
};

Session adminSession()
{
    Session session;
    User user;
    user.id = 1;
    user.isSysAdmin = true;
    session.user = user;
    return session;
}

Session roleSession(const QList<QPair<QString, int>> &rules)
{
    auto role = std::make_shared<Role>();
    role->id = 3;
    for (const auto &[component, verbs] : rules) {
        AccessRule rule;
        rule.serviceId = kServiceId;
        rule.component = component;
        rule.verbMask = verbs;
        role->rules.append(rule);
    }
    Session session;
    session.role = role;
    return session;
}

QStringList names(const Json &list)
{
    QStringList out;
    for (const Json &item : list)
        out << QString::fromStdString(item.is_string() ? item.get<std::string>()
                                                       : item["name"].get<std::string>());
    return out;
}

QString enc(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}
} // namespace

class TestSqlRoutines : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_prefix;
    QString m_engine;
    QHash<QString, QString> m_connections;
    std::unique_ptr<SqlDialect> m_dialect;
    std::shared_ptr<const DatabaseSchema> m_schema;
    Json m_config;

    QString t(const char *name) const { return m_prefix + QLatin1String(name); }
    bool isPg() const { return m_engine == QLatin1String("pgsql"); }
    bool isMy() const { return m_engine == QLatin1String("mysql"); }
    bool isLite() const { return m_engine == QLatin1String("sqlite"); }
    QSqlDatabase db() const { return QSqlDatabase::database(m_connections.value(m_engine), false); }

    bool sql(const QString &statement)
    {
        QSqlDatabase database = db();
        QSqlQuery q(database);
        if (!q.exec(statement)) {
            qWarning("fixture SQL failed: %s\n%s", qPrintable(q.lastError().text()), qPrintable(statement));
            return false;
        }
        return true;
    }

    qint64 scalar(const QString &statement)
    {
        QSqlDatabase database = db();
        QSqlQuery q(database);
        if (!q.exec(statement) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    void reload()
    {
        QSqlDatabase database = db();
        m_schema = std::make_shared<const DatabaseSchema>(m_dialect->introspect(database));
    }

    Reply call(const QByteArray &method, const QString &target, const Json &body = nullptr,
               const Session &session = adminSession())
    {
        RequestContext ctx;
        const qsizetype q = target.indexOf(QLatin1Char('?'));
        const QString path = q < 0 ? target : target.left(q);
        if (q >= 0) {
            const QUrlQuery query(target.mid(q + 1));
            for (const auto &item : query.queryItems(QUrl::FullyDecoded))
                ctx.request.query.append(item);
        }
        ctx.method = method;
        ctx.request.method = method;
        ctx.verb = verbBit(method);
        ctx.session = session;
        ctx.serviceName = QStringLiteral("db");
        ctx.resource = QUrl::fromPercentEncoding(path.toUtf8());
        ctx.resourceParts = ctx.resource.split(QLatin1Char('/'));
        ctx.body = body;
        QSqlDatabase database = db();
        SqlCall sqlCall{ctx, database, *m_dialect, m_schema, m_config, kServiceId, 1000, [this, &database]() {
                            m_schema =
                                std::make_shared<const DatabaseSchema>(m_dialect->introspect(database));
                            return m_schema;
                        }};
        Reply reply;
        try {
            const HttpResponse response = RoutineResource::handle(sqlCall);
            reply.status = response.status;
            reply.json = Json::parse(response.body.toStdString());
        } catch (const ApiError &error) {
            reply.status = error.status();
            reply.json = error.toJson();
        }
        return reply;
    }

    void dropAll()
    {
        if (!db().isOpen())
            return;
        reload();
        for (const RoutineSchema &routine : std::as_const(m_schema->procedures))
            if (routine.name.startsWith(m_prefix))
                sql(QStringLiteral("DROP PROCEDURE IF EXISTS %1")
                        .arg(m_dialect->quoteIdentifier(routine.name)));
        for (const RoutineSchema &routine : std::as_const(m_schema->functions))
            if (routine.name.startsWith(m_prefix))
                sql(QStringLiteral("DROP FUNCTION IF EXISTS %1")
                        .arg(m_dialect->quoteIdentifier(routine.name)));
        for (const QString &name : m_schema->tableNames)
            if (name.startsWith(m_prefix))
                sql(QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_dialect->quoteIdentifier(name)));
        reload();
    }

    bool createFixture()
    {
        const QString id = isLite() ? QStringLiteral("INTEGER PRIMARY KEY")
                           : isPg() ? QStringLiteral("INTEGER PRIMARY KEY")
                                    : QStringLiteral("INT PRIMARY KEY");
        bool ok =
            sql(QStringLiteral("CREATE TABLE %1 (id %2, name VARCHAR(50) NOT NULL, qty INTEGER NOT NULL)")
                    .arg(t("items"), id));
        ok =
            ok && sql(QStringLiteral("INSERT INTO %1 (id, name, qty) VALUES (1, 'apple', 5), (2, 'pear', 2), "
                                     "(3, 'plum', 0)")
                          .arg(t("items")));
        const QString items = t("items");
        if (isPg()) {
            const QStringList statements = {
                QStringLiteral(
                    "CREATE PROCEDURE %1add(IN a integer, IN b integer, OUT total integer) LANGUAGE plpgsql "
                    "AS $$ BEGIN total := a + b; END $$"),
                QStringLiteral("CREATE PROCEDURE %1bump(INOUT counter integer, IN step integer DEFAULT 1) "
                               "LANGUAGE plpgsql AS $$ BEGIN counter := counter + step; END $$"),
                QStringLiteral("CREATE PROCEDURE %1touch(IN new_name text) LANGUAGE sql "
                               "AS $$ UPDATE %1items SET name = new_name WHERE id = 3 $$"),
                QStringLiteral(
                    "CREATE FUNCTION %1double(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x * 2 $$"),
                QStringLiteral(
                    "CREATE FUNCTION %1items_over(min_qty integer) RETURNS TABLE(id integer, name varchar, "
                    "qty integer) LANGUAGE sql AS $$ SELECT i.id, i.name, i.qty FROM %1items i "
                    "WHERE i.qty >= min_qty ORDER BY i.id $$"),
                QStringLiteral("CREATE FUNCTION %1echo(t text) RETURNS text LANGUAGE sql AS $$ SELECT t $$"),
                QStringLiteral("CREATE FUNCTION %1all_items() RETURNS SETOF %1items LANGUAGE sql "
                               "AS $$ SELECT * FROM %1items ORDER BY id $$"),
                QStringLiteral("CREATE FUNCTION %1fail() RETURNS integer LANGUAGE plpgsql "
                               "AS $$ BEGIN RAISE EXCEPTION 'secret internals'; END $$"),
                QStringLiteral("CREATE FUNCTION %1stats(OUT n integer, OUT total integer) LANGUAGE sql "
                               "AS $$ SELECT count(*)::int, sum(qty)::int FROM %1items $$"),
            };
            for (const QString &statement : statements)
                ok = ok && sql(statement.arg(m_prefix));
        } else if (isMy()) {
            const QStringList statements = {
                QStringLiteral(
                    "CREATE PROCEDURE %1add(IN a INT, IN b INT, OUT total INT) BEGIN SET total = a + b; END"),
                QStringLiteral("CREATE PROCEDURE %1bump(INOUT counter INT, IN step INT) "
                               "BEGIN SET counter = counter + step; END"),
                QStringLiteral("CREATE PROCEDURE %1two_sets(IN min_qty INT) BEGIN "
                               "SELECT id, name FROM %1items WHERE qty >= min_qty ORDER BY id; "
                               "SELECT COUNT(*) AS n FROM %1items; END"),
                QStringLiteral("CREATE PROCEDURE %1set_and_out(IN min_qty INT, OUT n INT) BEGIN "
                               "SELECT id, name FROM %1items WHERE qty >= min_qty ORDER BY id; "
                               "SELECT COUNT(*) INTO n FROM %1items WHERE qty >= min_qty; END"),
                QStringLiteral("CREATE PROCEDURE %1touch(IN new_name VARCHAR(50)) BEGIN "
                               "UPDATE %1items SET name = new_name WHERE id = 3; END"),
                QStringLiteral("CREATE FUNCTION %1double(x INT) RETURNS INT DETERMINISTIC RETURN x * 2"),
                QStringLiteral(
                    "CREATE FUNCTION %1echo(t VARCHAR(200)) RETURNS VARCHAR(200) DETERMINISTIC RETURN t"),
                QStringLiteral("CREATE PROCEDURE %1fail() BEGIN "
                               "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'secret internals'; END"),
            };
            for (const QString &statement : statements)
                ok = ok && sql(statement.arg(m_prefix));
        }

        Json queries = Json::array();
        queries.push_back({{"name", "ItemsByQty"},
                           {"description", "Items with at least min_qty in stock."},
                           {"sql", QStringLiteral("SELECT id, name, qty FROM %1 WHERE qty >= :min_qty "
                                                  "AND name <> ':not_a_param' /* :nor_this */ -- :nor_that\n"
                                                  "ORDER BY id")
                                       .arg(items)
                                       .toStdString()},
                           {"params", Json::array({{{"name", "min_qty"},
                                                    {"type", "integer"},
                                                    {"required", true},
                                                    {"description", "Lowest quantity"}}})}});
        queries.push_back(
            {{"name", "FindItem"},
             {"sql", QStringLiteral("SELECT id, name FROM %1 WHERE name = :name OR name = :name")
                         .arg(items)
                         .toStdString()},
             {"params", Json::array({{{"name", "name"}, {"type", "string"}, {"required", true}}})}});
        queries.push_back(
            {{"name", "CountItems"},
             {"sql",
              QStringLiteral("SELECT COUNT(*) AS n FROM %1 WHERE qty >= :min_qty").arg(items).toStdString()},
             {"params", Json::array({{{"name", "min_qty"}, {"type", "integer"}, {"default", 1}}})}});
        queries.push_back(
            {{"name", "RenameItem"},
             {"sql", QStringLiteral("UPDATE %1 SET name = :name WHERE id = :id").arg(items).toStdString()},
             {"params", Json::array({{{"name", "id"}, {"type", "integer"}, {"required", true}},
                                     {{"name", "name"}, {"type", "string"}, {"required", true}}})}});
        queries.push_back(
            {{"name", "Typed"},
             {"sql", QStringLiteral("SELECT id FROM %1 WHERE id = :id").arg(items).toStdString()},
             {"params", Json::array({{{"name", "id"}, {"type", "integer"}},
                                     {{"name", "flag"}, {"type", "boolean"}},
                                     {{"name", "day"}, {"type", "date"}},
                                     {{"name", "price"}, {"type", "number"}}})}});
        queries.push_back(
            {{"name", "Broken"},
             {"sql", QStringLiteral("SELECT * FROM %1 WHERE id = :undeclared").arg(items).toStdString()}});
        queries.push_back({{"name", "bad name!"}, {"sql", "SELECT 1"}}); // invalid: left out
        if (isPg())
            queries.push_back(
                {{"name", "CastQty"},
                 {"sql",
                  QStringLiteral("SELECT id FROM %1 WHERE qty >= :min_qty::integer AND name::text <> $$:x$$ "
                                 "ORDER BY id")
                      .arg(items)
                      .toStdString()},
                 {"params", Json::array({{{"name", "min_qty"}, {"type", "string"}, {"required", true}}})}});
        m_config = Json{{"named_queries", queries}};
        reload();
        return ok;
    }

private slots:
    void initTestCase_data() { TestDatabases::addEngineRows(); }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = QStringLiteral("sr%1_").arg(QCoreApplication::applicationPid() % 100000);
        QString error;
        m_connections = TestDatabases::openConnections(QStringLiteral("tst_sqlroutines"),
                                                       m_dir.filePath(QStringLiteral("routines.db")), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_engine = engine;
        GATEHOUSE_REQUIRE_ENGINE(engine);
        QVERIFY(m_connections.contains(engine));
        m_dialect = SqlDialect::forDriver(db().driverName());
        QVERIFY(m_dialect);
        dropAll();
        QVERIFY(createFixture());
    }

    void cleanup()
    {
        if (m_connections.contains(m_engine))
            dropAll();
    }

    void cleanupTestCase() { TestDatabases::closeConnections(m_connections); }

    // --- named queries (every engine) -------------------------------------------------------

    void placeholderTokenizer()
    {
        if (!isLite())
            QSKIP("engine independent; runs once");
        const auto convert = [](const QString &sqlText, SqlDialect::Kind kind,
                                QStringList *names) -> QString {
            QString out;
            QString error;
            if (!NamedQuery::toPositional(sqlText, kind, &out, names, &error))
                return QStringLiteral("ERROR: ") + error;
            return out;
        };
        QStringList n;
        QCOMPARE(convert(QStringLiteral("SELECT * FROM t WHERE a = :a AND b = :b_2"),
                         SqlDialect::Kind::Sqlite, &n),
                 QStringLiteral("SELECT * FROM t WHERE a = ? AND b = ?"));
        QCOMPARE(n, (QStringList{QStringLiteral("a"), QStringLiteral("b_2")}));
        QCOMPARE(convert(QStringLiteral("SELECT ':a', \":b\", x FROM t WHERE y = :y"),
                         SqlDialect::Kind::Sqlite, &n),
                 QStringLiteral("SELECT ':a', \":b\", x FROM t WHERE y = ?"));
        QCOMPARE(n, QStringList{QStringLiteral("y")});
        QCOMPARE(
            convert(QStringLiteral("SELECT 'it''s :no' FROM t WHERE a = :a"), SqlDialect::Kind::Sqlite, &n),
            QStringLiteral("SELECT 'it''s :no' FROM t WHERE a = ?"));
        QCOMPARE(convert(QStringLiteral("SELECT 1 -- :c1\nFROM t /* :c2 /* */ WHERE a = :a"),
                         SqlDialect::Kind::Sqlite, &n),
                 QStringLiteral("SELECT 1  \nFROM t   WHERE a = ?"));
        QCOMPARE(n, QStringList{QStringLiteral("a")});
        // PostgreSQL: casts, nested comments, dollar quotes, E'' strings.
        QCOMPARE(
            convert(QStringLiteral(
                        "SELECT :v::int, x::text FROM t WHERE a = $$ :no $$ AND b = $q$:no$q$ /* a /* b */ "
                        ":no */ AND c = E'\\' :no' AND d = :d;"),
                    SqlDialect::Kind::Postgres, &n),
            QStringLiteral(
                "SELECT ?::int, x::text FROM t WHERE a = $$ :no $$ AND b = $q$:no$q$   AND c = E'\\' :no' "
                "AND d = ?"));
        QCOMPARE(n, (QStringList{QStringLiteral("v"), QStringLiteral("d")}));
        // MySQL: backslash escapes, backticks, # comments, := assignment.
        QCOMPARE(convert(QStringLiteral("SELECT @x := 1, 'a\\':no', `:col` FROM t # :no\nWHERE a = :a"),
                         SqlDialect::Kind::Mysql, &n),
                 QStringLiteral("SELECT @x := 1, 'a\\':no', `:col` FROM t  \nWHERE a = ?"));
        QCOMPARE(n, QStringList{QStringLiteral("a")});
        // Repeated names bind twice.
        convert(QStringLiteral("SELECT :a, :a"), SqlDialect::Kind::Sqlite, &n);
        QCOMPARE(n, (QStringList{QStringLiteral("a"), QStringLiteral("a")}));
        // Refused: bare ?, unterminated text.
        QVERIFY(convert(QStringLiteral("SELECT ? FROM t"), SqlDialect::Kind::Sqlite, &n)
                    .startsWith(QLatin1String("ERROR")));
        QVERIFY(convert(QStringLiteral("SELECT 'abc FROM t"), SqlDialect::Kind::Sqlite, &n)
                    .startsWith(QLatin1String("ERROR")));
        QVERIFY(convert(QStringLiteral("SELECT 1 /* x"), SqlDialect::Kind::Sqlite, &n)
                    .startsWith(QLatin1String("ERROR")));
        QVERIFY(convert(QStringLiteral("SELECT 'x?' FROM t"), SqlDialect::Kind::Sqlite, &n) ==
                QStringLiteral("SELECT 'x?' FROM t"));
    }

    void namedQueriesAreListedAndDescribed()
    {
        Reply r = call("GET", QStringLiteral("_proc"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const QStringList listed = names(r.json["resource"]);
        for (const char *name : {"ItemsByQty", "FindItem", "CountItems", "RenameItem", "Broken"})
            QVERIFY2(listed.contains(QLatin1String(name)), name);
        QVERIFY(!listed.contains(QStringLiteral("bad name!")));
        if (!isLite())
            QVERIFY(listed.contains(t("add")));

        r = call("GET", QStringLiteral("_proc?ids=ItemsByQty"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json describe = r.json["resource"][0];
        JCOMPARE(describe["name"], "ItemsByQty");
        JCOMPARE(describe["type"], "named_query");
        JCOMPARE(describe["description"], "Items with at least min_qty in stock.");
        QCOMPARE(describe["params"].size(), size_t(1));
        JCOMPARE(describe["params"][0]["name"], "min_qty");
        JCOMPARE(describe["params"][0]["param_type"], "IN");
        JCOMPARE(describe["params"][0]["type"], "integer");
        JCOMPARE(describe["params"][0]["required"], true);
        QCOMPARE(describe["access"].size(), size_t(5));

        const QStringList problems = NamedQuery::configErrors(m_config, m_dialect->kind());
        QCOMPARE(problems.size(), 2);
        QVERIFY2(!problems.filter(QStringLiteral("bad name!")).isEmpty(),
                 qPrintable(problems.join(QLatin1Char('|'))));
        QVERIFY2(!problems.filter(QStringLiteral(":undeclared")).isEmpty(),
                 qPrintable(problems.join(QLatin1Char('|'))));

        r = call("GET", QStringLiteral("_proc?ids=NoSuchThing"));
        QCOMPARE(r.status, 404);
        r = call("GET", QStringLiteral("_proc?fields=*"));
        bool found = false;
        for (const Json &item : r.json["resource"])
            found =
                found || (item["name"] == "CountItems" && item.contains("params") && item.contains("access"));
        QVERIFY(found);
    }

    void namedQueriesTakeParametersEveryWay()
    {
        const Json expected = Json::array(
            {{{"id", 1}, {"name", "apple"}, {"qty", 5}}, {{"id", 2}, {"name", "pear"}, {"qty", 2}}});
        Reply r = call("GET", QStringLiteral("_proc/ItemsByQty?min_qty=2"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, expected);
        r = call("POST", QStringLiteral("_proc/ItemsByQty"),
                 Json{{"params", Json::array({{{"name", "min_qty"}, {"value", 2}}})}});
        JCOMPARE(r.json, expected);
        r = call("POST", QStringLiteral("_proc/itemsbyqty"), Json{{"params", {{"MIN_QTY", "2"}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, expected);
        r = call("POST", QStringLiteral("_proc/ItemsByQty"), Json{{"params", Json::array({2})}});
        JCOMPARE(r.json, expected);
        r = call("GET", QStringLiteral("_proc/ItemsByQty(2)"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, expected);
        r = call("POST", QStringLiteral("_proc/ItemsByQty"),
                 Json{{"params", {{"min_qty", 5}}}, {"wrapper", "data"}});
        JCOMPARE(r.json, (Json{{"data", Json::array({{{"id", 1}, {"name", "apple"}, {"qty", 5}}})}}));
        // Body params win over the query string (DF's order).
        r = call("POST", QStringLiteral("_proc/ItemsByQty?min_qty=0"), Json{{"params", {{"min_qty", 5}}}});
        QCOMPARE(r.json.size(), size_t(1));

        // Defaults, returns=, and a statement without rows.
        r = call("GET", QStringLiteral("_proc/CountItems"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json::array({{{"n", 2}}}));
        r = call("GET", QStringLiteral("_proc/CountItems?min_qty=0&returns=integer"));
        JCOMPARE(r.json, Json(3));
        r = call("POST", QStringLiteral("_proc/RenameItem"),
                 Json{{"params", {{"id", 2}, {"name", "pearl"}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"affected_rows", 1}}));
        r = call("GET", QStringLiteral("_proc/FindItem?name=pearl"));
        JCOMPARE(r.json, Json::array({{{"id", 2}, {"name", "pearl"}}}));
        if (isPg()) {
            r = call("GET", QStringLiteral("_proc/CastQty?min_qty=2"));
            QVERIFY2(r.status == 200, r.describe().constData());
            JCOMPARE(r.json, Json::array({{{"id", 1}}, {{"id", 2}}}));
        }
    }

    void namedQueriesValidateParameters()
    {
        Reply r = call("GET", QStringLiteral("_proc/ItemsByQty"));
        QCOMPARE(r.status, 400);
        QCOMPARE(
            r.message(),
            QStringLiteral("Missing required parameter &#039;min_qty&#039; for &#039;ItemsByQty&#039;."));
        r = call("POST", QStringLiteral("_proc/ItemsByQty"), Json{{"params", {{"min_qty", nullptr}}}});
        QCOMPARE(r.status, 400);
        r = call("GET", QStringLiteral("_proc/ItemsByQty?min_qty=abc"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter &#039;min_qty&#039; must be a valid integer."));
        r = call("POST", QStringLiteral("_proc/ItemsByQty"), Json{{"params", {{"min_qty", 2.5}}}});
        QCOMPARE(r.status, 400);
        r = call("POST", QStringLiteral("_proc/ItemsByQty"),
                 Json{{"params", {{"min_qty", Json::array({1})}}}});
        QCOMPARE(r.status, 400);
        r = call("POST", QStringLiteral("_proc/ItemsByQty"), Json{{"params", Json::array({1, 2})}});
        QCOMPARE(r.status, 400);
        r = call("POST", QStringLiteral("_proc/Typed"), Json{{"params", {{"id", 1}, {"flag", "maybe"}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter &#039;flag&#039; must be a valid boolean."));
        r = call("POST", QStringLiteral("_proc/Typed"), Json{{"params", {{"id", 1}, {"day", "2024-02-30"}}}});
        QCOMPARE(r.status, 400);
        r = call("POST", QStringLiteral("_proc/Typed"), Json{{"params", {{"id", 1}, {"price", "12,5"}}}});
        QCOMPARE(r.status, 400);
        r = call("POST", QStringLiteral("_proc/Typed"),
                 Json{{"params", {{"id", 1}, {"flag", "true"}, {"day", "2024-02-29"}, {"price", "12.5"}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json::array({{{"id", 1}}}));

        r = call("GET", QStringLiteral("_proc/Broken"));
        QCOMPARE(r.status, 500);
        QCOMPARE(r.message(), QStringLiteral("Named query &#039;Broken&#039; is misconfigured."));
        r = call("GET", QStringLiteral("_proc/NoSuchQuery"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(),
                 QStringLiteral("Procedure &quot;NoSuchQuery&quot; does not exist in the database."));
    }

    void namedQueryValuesAreBoundNotSpliced()
    {
        const QString attack = QStringLiteral("x' OR '1'='1");
        Reply r = call("GET", QStringLiteral("_proc/FindItem?name=") + enc(attack));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json::array());
        const QString drop = QStringLiteral("apple'; DROP TABLE %1; --").arg(t("items"));
        r = call("POST", QStringLiteral("_proc/FindItem"), Json{{"params", {{"name", drop.toStdString()}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json::array());
        r = call("POST", QStringLiteral("_proc/RenameItem"),
                 Json{{"params", {{"id", 1}, {"name", drop.toStdString()}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("items"))), qint64(3));
        r = call("GET", QStringLiteral("_proc/FindItem?name=") + enc(drop));
        JCOMPARE(r.json, Json::array({{{"id", 1}, {"name", drop.toStdString()}}}));
        // An integer parameter cannot carry SQL either.
        r = call("GET", QStringLiteral("_proc/ItemsByQty?min_qty=") + enc(QStringLiteral("0 OR 1=1")));
        QCOMPARE(r.status, 400);
    }

    void listsAreTrimmedByRole()
    {
        QStringList allowed = {QStringLiteral("ItemsByQty")};
        QList<QPair<QString, int>> rules = {{QStringLiteral("_proc/ItemsByQty"), VerbGet | VerbPost}};
        if (!isLite()) {
            rules.append({QStringLiteral("_proc/") + t("add"), VerbPost});
            rules.append({QStringLiteral("_func/") + t("double"), VerbGet});
            allowed << t("add");
        }
        const Session limited = roleSession(rules);
        Reply r = call("GET", QStringLiteral("_proc?include_access=true"), nullptr, limited);
        QVERIFY2(r.status == 200, r.describe().constData());
        QStringList listed = names(r.json["resource"]);
        listed.sort(Qt::CaseInsensitive);
        allowed.sort(Qt::CaseInsensitive);
        QCOMPARE(listed, allowed);
        for (const Json &item : r.json["resource"])
            if (item["name"] == "ItemsByQty")
                JCOMPARE(item["access"], Json::array({"GET", "POST"}));
        r = call("GET", QStringLiteral("_proc?ids=FindItem"), nullptr, limited);
        QCOMPARE(r.status, 403);
        r = call("GET", QStringLiteral("_func?as_list=true"), nullptr, limited);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(names(r.json["resource"]), isLite() ? QStringList() : QStringList{t("double")});
        // With `_proc/*` everything is listed again.
        r = call("GET", QStringLiteral("_proc?as_list=true"), nullptr,
                 roleSession({{QStringLiteral("_proc/*"), VerbGet}}));
        QVERIFY(names(r.json["resource"]).contains(QStringLiteral("FindItem")));
    }

    // --- stored procedures and functions (PostgreSQL, MariaDB) ------------------------------

    void introspectsRoutines()
    {
        if (isLite()) {
            QVERIFY(m_schema->procedures.isEmpty());
            QVERIFY(m_schema->functions.isEmpty());
            const Reply r = call("GET", QStringLiteral("_func/anything(1)"));
            QCOMPARE(r.status, 404);
            return;
        }
        const RoutineSchema add = m_schema->procedures.value(t("add"));
        QCOMPARE(add.name, t("add"));
        QVERIFY(!add.isFunction);
        QCOMPARE(add.params.size(), 3);
        JCOMPARE(add.params[0].name, QStringLiteral("a"));
        JCOMPARE(add.params[0].paramType, QStringLiteral("IN"));
        JCOMPARE(add.params[0].type, QStringLiteral("integer"));
        JCOMPARE(add.params[2].name, QStringLiteral("total"));
        JCOMPARE(add.params[2].paramType, QStringLiteral("OUT"));
        JCOMPARE(m_schema->procedures.value(t("bump")).params[0].paramType, QStringLiteral("INOUT"));
        const RoutineSchema dbl = m_schema->functions.value(t("double"));
        QVERIFY(dbl.isFunction);
        QCOMPARE(dbl.returnType, QStringLiteral("integer"));
        QCOMPARE(dbl.params.size(), 1);
        QVERIFY(!m_schema->procedures.contains(t("double")));
        if (isPg()) {
            QCOMPARE(m_schema->functions.value(t("items_over")).returnType, QStringLiteral("table"));
            QCOMPARE(m_schema->functions.value(t("items_over")).params.size(),
                     1); // TABLE columns are not params
            QCOMPARE(m_schema->functions.value(t("stats")).returnType, QStringLiteral("row"));
        }

        const Reply r = call("GET", QStringLiteral("_proc?ids=") + t("add"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json describe = r.json["resource"][0];
        JCOMPARE(describe["name"], t("add").toStdString());
        QCOMPARE(describe["params"].size(), size_t(3));
        JCOMPARE(describe["params"][2]["param_type"], "OUT");
        JCOMPARE(describe["params"][2]["position"], 3);
        const Reply f = call("GET", QStringLiteral("_func?ids=") + t("double"));
        JCOMPARE(f.json["resource"][0]["returns"], "integer");
    }

    void callsProceduresWithOutAndInOut()
    {
        if (isLite())
            QSKIP("SQLite has no stored procedures");
        const QString add = QStringLiteral("_proc/") + t("add");
        Reply r = call("POST", add,
                       Json{{"params", Json::array({{{"name", "a"}, {"value", 2}},
                                                    {{"name", "b"}, {"value", 3}},
                                                    {{"name", "total"}}})}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"total", 5}}));
        r = call("GET", add + QLatin1String("?a=2&b=40"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"total", 42}}));
        r = call("GET", add + QLatin1String("(2,3)"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"total", 5}}));
        r = call("POST", add, Json{{"params", {{"A", 7}, {"b", "8"}}}});
        JCOMPARE(r.json, (Json{{"total", 15}}));

        const QString bump = QStringLiteral("_proc/") + t("bump");
        r = call("POST", bump, Json{{"params", {{"counter", 10}, {"step", 5}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"counter", 15}}));
        if (isPg()) {
            r = call("POST", bump, Json{{"params", {{"counter", 10}}}}); // step has a default
            QVERIFY2(r.status == 200, r.describe().constData());
            JCOMPARE(r.json, (Json{{"counter", 11}}));
        }

        // A procedure without outputs: empty result, side effect done, value bound.
        const QString name = QStringLiteral("pl'um\"); DROP TABLE %1; --").arg(t("items"));
        r = call("POST", QStringLiteral("_proc/") + t("touch"),
                 Json{{"params", {{"new_name", name.toStdString()}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json::array());
        QSqlDatabase database = db();
        QSqlQuery q(database);
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM %1 WHERE id = 3").arg(t("items"))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), name);
    }

    void procedureParameterErrors()
    {
        if (isLite())
            QSKIP("SQLite has no stored procedures");
        const QString add = QStringLiteral("_proc/") + t("add");
        Reply r = call("POST", add, Json{{"params", {{"a", "abc"}, {"b", 1}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter &#039;a&#039; must be a valid integer."));
        r = call("POST", add, Json{{"params", {{"a", 1}, {"nope", 1}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.message().startsWith(QStringLiteral("Unknown parameter &#039;nope&#039;")));
        r = call("GET", add + QLatin1String("(1,2,3)"));
        QCOMPARE(r.status, 400);
        r = call("GET", QStringLiteral("_proc/") + t("missing"));
        QCOMPARE(r.status, 404);
        r = call("DELETE", add);
        QCOMPARE(r.status, 405);

        r = call("POST", QStringLiteral("_%1/%2fail")
                             .arg(isPg() ? QStringLiteral("func") : QStringLiteral("proc"), m_prefix));
        QCOMPARE(r.status, 400);
        QVERIFY2(!r.describe().contains("secret"), r.describe().constData());
        QCOMPARE(r.message(), QStringLiteral("The routine reported an error."));
    }

    void mariadbResultSets()
    {
        if (!isMy())
            QSKIP("MariaDB only");
        Reply r = call("GET", QStringLiteral("_proc/%1two_sets(2)").arg(m_prefix));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json first = Json::array({{{"id", 1}, {"name", "apple"}}, {{"id", 2}, {"name", "pear"}}});
        JCOMPARE(r.json, Json::array({first, Json::array({{{"n", 3}}})}));
        r = call("POST", QStringLiteral("_proc/%1two_sets").arg(m_prefix),
                 Json{{"params", {{"min_qty", 5}}}, {"wrapper", "data"}});
        JCOMPARE(r.json["data"][0], Json::array({{{"id", 1}, {"name", "apple"}}}));

        r = call("POST", QStringLiteral("_proc/%1set_and_out").arg(m_prefix),
                 Json{{"params", {{"min_qty", 2}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"resource", first}, {"n", 2}}));
        r = call("POST", QStringLiteral("_proc/%1set_and_out?wrapper=rows").arg(m_prefix),
                 Json{{"params", {{"min_qty", 5}}}});
        JCOMPARE(r.json, (Json{{"rows", Json::array({{{"id", 1}, {"name", "apple"}}})}, {"n", 1}}));
        // The connection is still usable afterwards (all result sets were consumed).
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("items"))), qint64(3));
    }

    void callsFunctions()
    {
        if (isLite())
            QSKIP("SQLite has no stored functions");
        const QString dbl = QStringLiteral("_func/") + t("double");
        Reply r = call("GET", dbl + QLatin1String("?x=21"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json(42));
        r = call("GET", dbl + QLatin1String("(21)"));
        JCOMPARE(r.json, Json(42));
        r = call("POST", dbl, Json{{"params", Json::array({4})}, {"returns", "string"}});
        JCOMPARE(r.json, Json("8"));
        r = call("POST", dbl, Json{{"params", {{"x", 4}}}, {"wrapper", "value"}});
        JCOMPARE(r.json, (Json{{"value", 8}}));
        r = call("GET", dbl + QLatin1String("?x=abc"));
        QCOMPARE(r.status, 400);

        const QString attack = QStringLiteral("a'); DROP TABLE %1; --").arg(t("items"));
        r = call("POST", QStringLiteral("_func/") + t("echo"),
                 Json{{"params", {{"t", attack.toStdString()}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, Json(attack.toStdString()));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t("items"))), qint64(3));

        if (isPg()) {
            r = call("GET", QStringLiteral("_func/%1items_over(2)").arg(m_prefix));
            QVERIFY2(r.status == 200, r.describe().constData());
            JCOMPARE(r.json, Json::array({{{"id", 1}, {"name", "apple"}, {"qty", 5}},
                                          {{"id", 2}, {"name", "pear"}, {"qty", 2}}}));
            r = call("GET", QStringLiteral("_func/%1items_over?min_qty=5&wrapper=items").arg(m_prefix));
            JCOMPARE(r.json, (Json{{"items", Json::array({{{"id", 1}, {"name", "apple"}, {"qty", 5}}})}}));
            r = call("GET", QStringLiteral("_func/%1all_items").arg(m_prefix));
            QVERIFY2(r.status == 200, r.describe().constData());
            QCOMPARE(r.json.size(), size_t(3));
            JCOMPARE(r.json[2], (Json{{"id", 3}, {"name", "plum"}, {"qty", 0}}));
            r = call("GET", QStringLiteral("_func/%1stats").arg(m_prefix));
            QVERIFY2(r.status == 200, r.describe().constData());
            JCOMPARE(r.json, (Json{{"n", 3}, {"total", 7}}));
            // Procedures are not functions and the other way round.
            QCOMPARE(call("GET", QStringLiteral("_proc/") + t("double")).status, 404);
            QCOMPARE(call("GET", QStringLiteral("_func/") + t("add")).status, 404);
        }
    }
};

QTEST_GUILESS_MAIN(TestSqlRoutines)
#include "tst_sqlroutines.moc"
