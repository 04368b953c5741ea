// The governed data tools behind data-chat and MCP, run in-process against a live engine: the
// tool list a role gets, each read tool's result, and that every call takes the same path as a
// REST request — RBAC, row filters, masking, the audit trail with the tool's origin — with bad
// arguments refused before anything runs and writes only when allowed.

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "SqlTestFixture.h"
#include "TestServer.h"
#include "http/InternalDispatcher.h"
#include "security/AccessSnapshot.h"
#include "services/ServiceManager.h"
#include "services/tools/DataToolbox.h"
#include "store/ConnectionSpec.h"
#include "store/SystemStore.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestDataToolbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    qint64 m_serviceId = 0;
    qint64 m_role = 0;       // every table, reads only; people filtered to region 'east'
    qint64 m_ordersOnly = 0; // orders only
    qint64 m_writer = 0;     // reads and writes, same filter
    ConnectionSpec m_spec;

    Session sessionFor(qint64 roleId) const
    {
        Session session;
        session.snapshot = m_server->engine().store().snapshot();
        session.role = session.snapshot->role(roleId);
        return session;
    }

    std::unique_ptr<DataToolbox> toolbox(qint64 roleId, bool writes = false, int maxChars = 50000,
                                         const QString &origin = QStringLiteral("test-tools"))
    {
        DataToolbox::Options options;
        options.services = {QStringLiteral("tb"), QStringLiteral("missing"), QStringLiteral("system")};
        options.allowWrites = writes;
        options.maxResultChars = maxChars;
        InternalOrigin from;
        from.name = origin;
        from.parentRequestId = QStringLiteral("parent-1234");
        from.peer = QHostAddress::LocalHost;
        return std::make_unique<DataToolbox>(m_server->engine().services(), *m_server->engine().dispatcher(),
                                             sessionFor(roleId), from, options);
    }

    static DataToolResult run(DataToolbox &box, const QString &tool, const Json &args)
    {
        DataToolResult out;
        bool done = false;
        bool early = true;
        box.call(tool, args, [&](DataToolResult result) {
            out = std::move(result);
            done = true;
            if (early)
                qWarning("callback ran inside call()");
        });
        early = false;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(20000);
        while (!done && timeout.isActive())
            loop.processEvents(QEventLoop::WaitForMoreEvents);
        if (!done)
            qWarning("tool %s did not answer", qPrintable(tool));
        return out;
    }

    static QStringList names(const DataToolbox &box)
    {
        QStringList list;
        for (const DataTool &tool : box.tools())
            list << tool.name;
        return list;
    }

    QSqlDatabase directDb() { return SqlTestFixture::directDb(m_spec, QStringLiteral("toolbox-direct")); }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = SqlTestFixture::startServer(&error);
        QVERIFY2(m_server, qPrintable(error));
        const QString file = m_dir.filePath(QStringLiteral("tools.sqlite"));
        Json config = SqlTestFixture::serviceConfig(QStringLiteral("sqlite"), QString(), file, m_spec);
        QSqlDatabase db = directDb();
        QVERIFY(SqlTestFixture::exec(db, QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, name "
                                                        "VARCHAR(50) NOT NULL, email VARCHAR(100), region "
                                                        "VARCHAR(10), notes TEXT)")));
        QVERIFY(
            SqlTestFixture::exec(db, QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, person_id "
                                                    "INTEGER REFERENCES people(id), total INTEGER)")));
        QVERIFY(SqlTestFixture::exec(
            db,
            QStringLiteral("INSERT INTO people VALUES (1, 'Alice', 'alice@example.com', 'east', 'x'), "
                           "(2, 'Bob', 'bob@example.com', 'west', 'y'), (3, 'Carol', 'carol@example.com', "
                           "'east', 'z')")));
        QVERIFY(SqlTestFixture::exec(db, QStringLiteral("INSERT INTO orders VALUES (1, 1, 100), (2, 1, 50), "
                                                        "(3, 2, 70), (4, 3, 5)")));
        config["named_queries"] = Json::array(
            {{{"name", "PeopleIn"},
              {"sql", "SELECT id, name, email, region FROM people WHERE region = :region ORDER BY id"},
              {"params", Json::array({{{"name", "region"}, {"type", "string"}, {"required", true}}})}}});
        m_serviceId = m_server->createService({{"name", "tb"}, {"type", "sqlite"}, {"config", config}});
        QVERIFY(m_serviceId > 0);

        const Json eastOnly = Json::array({{{"name", "region"}, {"operator", "="}, {"value", "east"}}});
        m_role = m_server->createRole(QStringLiteral("tools-reader"),
                                      Json::array({{{"service_id", m_serviceId},
                                                    {"component", "_table/people"},
                                                    {"verb_mask", 1},
                                                    {"requestor_mask", 1},
                                                    {"filters", eastOnly},
                                                    {"filter_op", "AND"}},
                                                   {{"service_id", m_serviceId},
                                                    {"component", "_table/orders"},
                                                    {"verb_mask", 1},
                                                    {"requestor_mask", 1}},
                                                   {{"service_id", m_serviceId},
                                                    {"component", "_proc/PeopleIn"},
                                                    {"verb_mask", 3},
                                                    {"requestor_mask", 1},
                                                    {"filters", eastOnly},
                                                    {"filter_op", "AND"}}}));
        m_ordersOnly =
            m_server->createRole(QStringLiteral("tools-orders"), Json::array({{{"service_id", m_serviceId},
                                                                               {"component", "_table/orders"},
                                                                               {"verb_mask", 1},
                                                                               {"requestor_mask", 1}}}));
        m_writer =
            m_server->createRole(QStringLiteral("tools-writer"), Json::array({{{"service_id", m_serviceId},
                                                                               {"component", "_table/people"},
                                                                               {"verb_mask", 31},
                                                                               {"requestor_mask", 1},
                                                                               {"filters", eastOnly},
                                                                               {"filter_op", "AND"}}}));
        QVERIFY(m_role > 0 && m_ordersOnly > 0 && m_writer > 0);
        const TestResponse mask = m_server->admin("POST", QStringLiteral("/api/v2/system/field_mask"),
                                                  {{"role_id", m_role},
                                                   {"service_id", m_serviceId},
                                                   {"table_name", "people"},
                                                   {"field", "email"},
                                                   {"mode", "redact"}});
        QCOMPARE(mask.status, 201);
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop();
    }

    void catalogueFollowsOptionsAndRole()
    {
        auto box = toolbox(m_role);
        // Only exposed database services the role reaches: not the missing one, not `system`.
        QCOMPARE(box->services(), QStringList{QStringLiteral("tb")});
        QCOMPARE(names(*box),
                 QStringList({QStringLiteral("list_services"), QStringLiteral("list_tables"),
                              QStringLiteral("describe_table"), QStringLiteral("query_records"),
                              QStringLiteral("count_records"), QStringLiteral("aggregate_records"),
                              QStringLiteral("list_named_queries"), QStringLiteral("call_named_query")}));
        for (const DataTool &tool : box->tools()) {
            QVERIFY(tool.readOnly);
            QCOMPARE(QString::fromStdString(tool.inputSchema["type"].get<std::string>()),
                     QStringLiteral("object"));
        }
        const DataTool &query = box->tools().at(3);
        QCOMPARE(query.inputSchema["properties"]["service"]["enum"].dump(), std::string(R"(["tb"])"));
        QCOMPARE(query.inputSchema["required"].dump(), std::string(R"(["service","table"])"));

        auto writer = toolbox(m_writer, true);
        QVERIFY(names(*writer).contains(QStringLiteral("delete_records")));
        for (const DataTool &tool : writer->tools())
            if (tool.name == QLatin1String("delete_records"))
                QVERIFY(tool.destructive && !tool.readOnly);

        // A role that reaches no exposed service gets no data tools at all.
        const qint64 none = m_server->createRole(QStringLiteral("tools-none"), Json::array());
        auto empty = toolbox(none);
        QVERIFY(empty->services().isEmpty());
        QCOMPARE(names(*empty), QStringList{QStringLiteral("list_services")});
    }

    void readToolsAreGoverned()
    {
        auto box = toolbox(m_role);
        DataToolResult r = run(*box, QStringLiteral("list_tables"), {{"service", "tb"}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        QCOMPARE(r.content["tables"].dump(), std::string(R"(["orders","people"])"));

        r = run(*box, QStringLiteral("describe_table"), {{"service", "tb"}, {"table", "orders"}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        const Json columns = r.content["columns"];
        QCOMPARE(columns.size(), size_t(3));
        QVERIFY(columns[0].value("pk", false));
        QCOMPARE(columns[1].value("fk", std::string()), std::string("people.id"));

        // The row filter hides Bob (west) and the mask hides every email, whatever is asked.
        r = run(*box, QStringLiteral("query_records"),
                {{"service", "tb"}, {"table", "people"}, {"order", "id"}, {"include_count", true}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        QCOMPARE(r.content["records"].size(), size_t(2));
        QCOMPARE(r.content["count"].get<int>(), 2);
        QVERIFY(!r.text.contains(QStringLiteral("Bob")));
        QVERIFY(!r.text.contains(QStringLiteral("@example.com")));
        r = run(*box, QStringLiteral("query_records"),
                {{"service", "tb"}, {"table", "people"}, {"filter", "name = 'Bob'"}});
        QCOMPARE(r.content["records"].size(), size_t(0));
        r = run(*box, QStringLiteral("count_records"), {{"service", "tb"}, {"table", "people"}});
        QCOMPARE(r.content["count"].get<int>(), 2);
        // Masked columns cannot be used to infer values either.
        r = run(*box, QStringLiteral("query_records"),
                {{"service", "tb"}, {"table", "people"}, {"filter", "email like 'bob%'"}});
        QVERIFY(r.isError);
        QCOMPARE(r.status, 403);

        r = run(*box, QStringLiteral("aggregate_records"),
                {{"service", "tb"},
                 {"table", "orders"},
                 {"aggregates", Json::array({{{"function", "sum"}, {"field", "total"}}})},
                 {"group_by", Json::array({"person_id"})},
                 {"order", "person_id"}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        QCOMPARE(r.content["records"].size(), size_t(3));
        QCOMPARE(r.content["records"][0]["SUM_total"].get<int>(), 150);

        r = run(*box, QStringLiteral("list_named_queries"), {{"service", "tb"}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        QVERIFY(r.text.contains(QStringLiteral("PeopleIn")));
        // The exact grant's own filter applies to a named query's rows, and so does the mask.
        r = run(*box, QStringLiteral("call_named_query"),
                {{"service", "tb"}, {"name", "PeopleIn"}, {"parameters", {{"region", "west"}}}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        QVERIFY(!r.text.contains(QStringLiteral("Bob")));
        r = run(*box, QStringLiteral("call_named_query"),
                {{"service", "tb"}, {"name", "PeopleIn"}, {"parameters", {{"region", "east"}}}});
        QVERIFY(r.text.contains(QStringLiteral("Carol")));
        QVERIFY(!r.text.contains(QStringLiteral("carol@example.com")));
    }

    void refusalsAreToolErrors()
    {
        auto box = toolbox(m_ordersOnly);
        // RBAC: people is not granted to this role.
        DataToolResult r =
            run(*box, QStringLiteral("query_records"), {{"service", "tb"}, {"table", "people"}});
        QVERIFY(r.isError);
        QCOMPARE(r.status, 403);
        QVERIFY(r.text.contains(QStringLiteral("Forbidden")));
        // Plain text for the model, not the envelope's HTML escapes.
        QVERIFY2(r.text.contains(QStringLiteral("'_table/people'")), qPrintable(r.text));
        QCOMPARE(r.content["error"]["status"].get<int>(), 403);

        // No `_schema` rules: a table's schema is readable exactly when the table is.
        r = run(*box, QStringLiteral("describe_table"), {{"service", "tb"}, {"table", "orders"}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        r = run(*box, QStringLiteral("describe_table"), {{"service", "tb"}, {"table", "people"}});
        QVERIFY(r.isError);
        QCOMPARE(r.status, 403);

        const QList<QPair<QString, Json>> bad{
            {QStringLiteral("no_such_tool"), Json::object()},
            {QStringLiteral("delete_records"), {{"service", "tb"}, {"table", "orders"}, {"ids", {1}}}},
            {QStringLiteral("query_records"), {{"service", "system"}, {"table", "user"}}},
            {QStringLiteral("query_records"), {{"table", "orders"}}},
            {QStringLiteral("query_records"), {{"service", "tb"}, {"table", "orders"}, {"limit", 0}}},
            {QStringLiteral("query_records"), {{"service", "tb"}, {"table", "orders"}, {"limit", 100000}}},
            {QStringLiteral("query_records"), {{"service", "tb"}, {"table", "orders"}, {"limit", "10"}}},
            {QStringLiteral("query_records"), {{"service", "tb"}, {"table", "orders"}, {"sql", "DROP"}}},
            {QStringLiteral("query_records"), {{"service", "tb"}, {"table", "../system/user"}}},
            {QStringLiteral("query_records"), {{"service", "tb"}, {"table", "orders?x=1"}}},
            {QStringLiteral("query_records"), Json::array()},
            {QStringLiteral("aggregate_records"),
             {{"service", "tb"},
              {"table", "orders"},
              {"aggregates", Json::array({{{"function", "median"}, {"field", "total"}}})}}},
            {QStringLiteral("aggregate_records"),
             {{"service", "tb"}, {"table", "orders"}, {"aggregates", Json::array()}}},
            {QStringLiteral("call_named_query"), {{"service", "tb"}, {"name", "x(1)"}}},
        };
        for (const auto &[tool, args] : bad) {
            r = run(*box, tool, args);
            QVERIFY2(r.isError, qPrintable(tool + QLatin1Char(' ') + QString::fromStdString(args.dump())));
            QVERIFY2(r.status == 400 || r.status == 403 || r.status == 404,
                     qPrintable(QString::number(r.status)));
            QVERIFY(!r.text.isEmpty());
        }
    }

    void writesOnlyWhenAllowedAndWithinTheFilter()
    {
        QVERIFY(SqlTestFixture::exec(directDb(),
                                     QStringLiteral("INSERT INTO people VALUES (4, 'Dan', NULL, "
                                                    "'east', NULL), (5, 'Eve', NULL, 'west', NULL)")));
        auto box = toolbox(m_writer, true);
        DataToolResult r = run(*box, QStringLiteral("update_records"),
                               {{"service", "tb"}, {"table", "people"}, {"values", {{"notes", "changed"}}}});
        QVERIFY(r.isError); // neither ids nor filter: no unbounded writes
        QCOMPARE(r.status, 400);
        r = run(*box, QStringLiteral("update_records"),
                {{"service", "tb"}, {"table", "people"}, {"ids", {5}}, {"values", {{"notes", "changed"}}}});
        QVERIFY(r.isError); // Eve is outside the role's filter
        QCOMPARE(
            SqlTestFixture::scalar(directDb(), QStringLiteral("SELECT COUNT(*) FROM people WHERE notes = "
                                                              "'changed'")),
            qint64(0));
        r = run(*box, QStringLiteral("delete_records"),
                {{"service", "tb"}, {"table", "people"}, {"filter", "id > 3"}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        // Only Dan went: Eve, though she matches the filter given, is outside the role's.
        QCOMPARE(
            SqlTestFixture::scalar(directDb(), QStringLiteral("SELECT COUNT(*) FROM people WHERE id > 3")),
            qint64(1));
        r = run(*box, QStringLiteral("create_records"),
                {{"service", "tb"},
                 {"table", "people"},
                 {"records", {{{"id", 9}, {"name", "Zed"}, {"region", "west"}}}}});
        QVERIFY(r.isError); // a value outside the filter
        QCOMPARE(r.status, 403);
        r = run(*box, QStringLiteral("create_records"),
                {{"service", "tb"},
                 {"table", "people"},
                 {"records", {{{"id", 6}, {"name", "Fay"}, {"region", "east"}}}}});
        QVERIFY2(!r.isError, qPrintable(r.text));
        QCOMPARE(
            SqlTestFixture::scalar(directDb(), QStringLiteral("SELECT COUNT(*) FROM people WHERE id = 6")),
            qint64(1));
        // The same call through a toolbox without writes: the tool does not exist.
        auto readOnly = toolbox(m_writer, false);
        r = run(*readOnly, QStringLiteral("delete_records"),
                {{"service", "tb"}, {"table", "people"}, {"ids", {6}}});
        QVERIFY(r.isError);
        QCOMPARE(r.status, 404);
        QCOMPARE(
            SqlTestFixture::scalar(directDb(), QStringLiteral("SELECT COUNT(*) FROM people WHERE id = 6")),
            qint64(1));
    }

    void resultsAreCutAtTheCap()
    {
        auto box = toolbox(m_role, false, 60);
        const DataToolResult r =
            run(*box, QStringLiteral("query_records"), {{"service", "tb"}, {"table", "orders"}});
        QVERIFY(!r.isError);
        QVERIFY(r.truncated);
        QVERIFY(r.text.startsWith(QStringLiteral("{\"records\":")));
        QVERIFY(r.text.contains(QStringLiteral("Narrow the query")));
        QCOMPARE(r.content["records"].size(), size_t(4)); // the structured result stays whole
    }

    void everyCallIsAuditedWithItsOrigin()
    {
        auto box = toolbox(m_ordersOnly, false, 50000, QStringLiteral("audit-probe"));
        run(*box, QStringLiteral("count_records"), {{"service", "tb"}, {"table", "orders"}});
        run(*box, QStringLiteral("query_records"), {{"service", "tb"}, {"table", "people"}});
        QVERIFY(m_server->flushAudit());
        const TestResponse audit =
            m_server->admin("GET", QStringLiteral("/api/v2/system/audit?order=id%20DESC&limit=50"));
        QCOMPARE(audit.status, 200);
        int seen = 0;
        for (const Json &record : audit.json["resource"]) {
            Json params = record["params"];
            if (params.is_string())
                params = Json::parse(params.get<std::string>());
            if (params.value("_origin", std::string()) != "audit-probe")
                continue;
            ++seen;
            QCOMPARE(params.value("_parent_request_id", std::string()), std::string("parent-1234"));
            QCOMPARE(record["role_name"].get<std::string>(), std::string("tools-orders"));
            const std::string component = record["component"].get<std::string>();
            QVERIFY(component == "_table/orders" || component == "_table/people");
            QCOMPARE(record["status"].get<int>(), component == "_table/orders" ? 200 : 403);
        }
        QCOMPARE(seen, 2);
    }
};

QTEST_MAIN(TestDataToolbox)
#include "tst_datatoolbox.moc"
