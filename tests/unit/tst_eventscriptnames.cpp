// EventScriptNames: the names a request fires (generic then specific, {id} for by-id paths,
// event.resource) and the names listed for a service's RBAC components; EventScriptHooks'
// request and response changes (protected headers stay, unchanged content keeps its bytes).
#include <QTest>

#include "services/RequestContext.h"
#include "services/script/EventScriptHooks.h"
#include "services/script/EventScriptNames.h"

using namespace gatehouse;

class TestEventScriptNames : public QObject
{
    Q_OBJECT

private slots:
    void forRequest_data()
    {
        // names: '|'-separated, in running order.
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("names");
        QTest::addColumn<QByteArray>("resource");
        QTest::newRow("root") << QByteArray("") << QByteArray("GET") << QByteArray("db.get.pre_process")
                              << QByteArray("");
        QTest::newRow("table list") << QByteArray("_table") << QByteArray("GET")
                                    << QByteArray("db._table.get.pre_process") << QByteArray("_table");
        QTest::newRow("table") << QByteArray("_table/orders") << QByteArray("POST")
                               << QByteArray("db._table.{table_name}.post.pre_process|"
                                             "db._table.orders.post.pre_process")
                               << QByteArray("orders");
        QTest::newRow("by id") << QByteArray("_table/orders/7") << QByteArray("PATCH")
                               << QByteArray("db._table.{table_name}.{id}.patch.pre_process|"
                                             "db._table.orders.{id}.patch.pre_process")
                               << QByteArray("7");
        QTest::newRow("proc") << QByteArray("_proc/top") << QByteArray("POST")
                              << QByteArray("db._proc.{procedure_name}.post.pre_process|"
                                            "db._proc.top.post.pre_process")
                              << QByteArray("top");
        QTest::newRow("system id") << QByteArray("user/5") << QByteArray("DELETE")
                                   << QByteArray("db.user.{id}.delete.pre_process") << QByteArray("5");
        QTest::newRow("too deep") << QByteArray("_table/a/1/x") << QByteArray("GET") << QByteArray("")
                                  << QByteArray("");
    }
    void forRequest()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, names);
        QFETCH(QByteArray, resource);
        const auto candidates = EventScriptNames::forRequest(
            QStringLiteral("db"), QString::fromLatin1(path).split(QLatin1Char('/'), Qt::SkipEmptyParts),
            method, EventScriptNames::Phase::PreProcess);
        QCOMPARE(candidates.names.join(QLatin1Char('|')), QString::fromLatin1(names));
        if (!names.isEmpty())
            QCOMPARE(candidates.resource, QString::fromLatin1(resource));
    }

    void forComponents()
    {
        const QStringList names = EventScriptNames::forComponents(
            QStringLiteral("db"),
            {QString(), QStringLiteral("*"), QStringLiteral("_table"), QStringLiteral("_table/*"),
             QStringLiteral("_table/customers"), QStringLiteral("_proc/*")});
        for (const char *name :
             {"db.get.pre_process", "db._table.get.post_process", "db._table.{table_name}.get.pre_process",
              "db._table.{table_name}.{id}.put.post_process", "db._table.customers.get.pre_process",
              "db._table.customers.{id}.delete.pre_process", "db._proc.{procedure_name}.post.post_process"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        for (const QString &name : names)
            QVERIFY2(EventScriptNames::isValid(name), qPrintable(name));
        QVERIFY(!EventScriptNames::isValid(QStringLiteral("db._table.orders.get")));
        QVERIFY(!EventScriptNames::isValid(QStringLiteral("db.a.b.c.d.get.pre_process")));
    }

    void applyRequestKeepsCredentials()
    {
        RequestContext context;
        context.request.headers.insert("authorization", "Bearer secret");
        context.request.headers.insert("x-custom", "1");
        context.request.query = {{QStringLiteral("limit"), QStringLiteral("5")}};
        const Json request{{"parameters", {{"filter", "a = 1"}, {"ids", Json::array({1, 2})}}},
                           {"headers", {{"x-new", "yes"}, {"authorization", "Bearer forged"}}},
                           {"body", {{"resource", Json::array()}}}};
        EventScriptHooks::applyRequest(context, request);
        QCOMPARE(context.request.header("authorization"), QByteArray("Bearer secret"));
        QVERIFY(!context.request.headers.contains("x-custom"));
        QCOMPARE(context.request.header("x-new"), QByteArray("yes"));
        QCOMPARE(context.request.queryValue(QStringLiteral("filter")), QStringLiteral("a = 1"));
        QVERIFY(!context.request.hasQuery(QStringLiteral("limit")));
        QCOMPARE(context.request.query.size(), 3);
        QCOMPARE(context.body.dump(), std::string(R"({"resource":[]})"));
    }

    void applyResponse()
    {
        HttpResponse response;
        response.body = "{\"a\": 1}";
        const Json original = EventScriptHooks::responseEvent(response);
        Json changed = original;
        changed["status_code"] = 201;
        EventScriptHooks::applyResponse(response, changed, original);
        QCOMPARE(response.status, 201);
        QCOMPARE(response.body, QByteArray("{\"a\": 1}")); // content unchanged: same bytes
        changed["content"]["b"] = 2;
        EventScriptHooks::applyResponse(response, changed, original);
        QCOMPARE(response.body, QByteArray(R"({"a":1,"b":2})"));
    }
};

QTEST_GUILESS_MAIN(TestEventScriptNames)
#include "tst_eventscriptnames.moc"
