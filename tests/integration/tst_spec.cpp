// `_spec` (OpenAPI, compact, resource_name, model, stock) and the api_docs service against a
// 50-table SQLite schema: the size caps of the data model, its shape, and that a restricted
// role sees only what it may read — row-filtered samples, enums and counts, masked columns,
// no trace of tables it cannot GET — in the model and in the documents.
#include <QCoreApplication>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "ShopSchema.h"
#include "SqlTestFixture.h"
#include "TestDatabases.h"
#include "TestServer.h"
#include "store/ConnectionSpec.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

QSet<QString> keys(const Json &object)
{
    QSet<QString> out;
    if (object.is_object())
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(QString::fromStdString(it.key()));
    return out;
}

QSet<QString> strings(const Json &array)
{
    QSet<QString> out;
    if (array.is_array())
        for (const Json &value : array)
            out.insert(text(value));
    return out;
}

int indexOf(const Json &cols, const char *column)
{
    const QString prefix = QLatin1String(column) + QLatin1Char(' ');
    for (size_t i = 0; i < cols.size(); ++i)
        if (text(cols[i]).startsWith(prefix))
            return int(i);
    return -1;
}

// The descriptor of one column ("customer_id int req fk:customers.id"), empty when absent.
QString col(const Json &table, const char *column)
{
    const int i = indexOf(table["cols"], column);
    return i < 0 ? QString() : text(table["cols"][i]);
}
} // namespace

class TestSpec : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    qint64 m_service = 0;
    QString m_analystKey; // five tables, customers row-filtered to country 1, email masked
    QString m_noSpecKey;  // every table, but no _spec
    QString m_wildcardKey;

    TestResponse as(const QString &key, const QString &path)
    {
        return m_server->request("GET", path, nullptr, {{"X-DreamFactory-API-Key", key.toLatin1()}});
    }

    static void checkErrorResponses(const Json &doc)
    {
        int operations = 0;
        const Json &paths = doc.at("paths");
        for (auto path = paths.begin(); path != paths.end(); ++path)
            for (auto op = path->begin(); op != path->end(); ++op) {
                if (op.key() == "parameters")
                    continue;
                ++operations;
                QVERIFY2(op->contains("operationId"), path.key().c_str());
                const Json &responses = op->at("responses");
                QVERIFY2(responses.contains("default") && responses.contains("403"), path.key().c_str());
                QCOMPARE(text(responses.at("default").at("$ref")),
                         QStringLiteral("#/components/responses/Error"));
                QCOMPARE(text(responses.at("403").at("$ref")),
                         QStringLiteral("#/components/responses/Error"));
            }
        QVERIFY(operations > 0);
        QVERIFY(doc.at("components").at("schemas").contains("Error"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(QStringLiteral("shop.sqlite"));
        QString error;
        QVERIFY2(ShopSchema::create(file, &error), qPrintable(error));
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_service = m_server->createService(Json{{"name", "shop"},
                                                 {"type", "sqlite"},
                                                 {"label", "Shop"},
                                                 {"description", "The web shop database."},
                                                 {"config", {{"database", file.toStdString()}}}});
        QVERIFY(m_service > 0);

        Json rules = Json::array({Json{
            {"service_id", m_service}, {"component", "_spec"}, {"verb_mask", 1}, {"requestor_mask", 1}}});
        for (const char *table : {"orders", "order_items", "products", "countries"})
            rules.push_back({{"service_id", m_service},
                             {"component", std::string("_table/") + table},
                             {"verb_mask", 1},
                             {"requestor_mask", 1}});
        rules.push_back(
            {{"service_id", m_service},
             {"component", "_table/customers"},
             {"verb_mask", 1},
             {"requestor_mask", 1},
             {"filters", Json::array({{{"name", "country_id"}, {"operator", "="}, {"value", "1"}}})}});
        const qint64 analyst = m_server->createRole(QStringLiteral("analyst"), rules);
        QVERIFY(analyst > 0);
        const TestResponse mask = m_server->admin("POST", QStringLiteral("/api/v2/system/field_mask"),
                                                  Json{{"role_id", analyst},
                                                       {"service_id", m_service},
                                                       {"table_name", "customers"},
                                                       {"field", "email"},
                                                       {"mode", "redact"}});
        QVERIFY2(mask.status == 201, mask.describe().constData());
        m_analystKey = m_server->createAppKey(QStringLiteral("analyst"), analyst);

        const qint64 noSpec =
            m_server->createRole(QStringLiteral("nospec"), Json::array({Json{{"service_id", m_service},
                                                                             {"component", "_table/*"},
                                                                             {"verb_mask", 31},
                                                                             {"requestor_mask", 1}}}));
        m_noSpecKey = m_server->createAppKey(QStringLiteral("nospec"), noSpec);
        const qint64 wildcard = m_server->createRole(
            QStringLiteral("wildcard"),
            Json::array({Json{
                {"service_id", m_service}, {"component", "*"}, {"verb_mask", 1}, {"requestor_mask", 1}}}));
        m_wildcardKey = m_server->createAppKey(QStringLiteral("wildcard"), wildcard);
        QVERIFY(!m_analystKey.isEmpty() && !m_noSpecKey.isEmpty() && !m_wildcardKey.isEmpty());
    }

    void modelHasTheSchemaSamplesEnumsAndTemplates()
    {
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?model=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        qInfo("model=true for 50 tables: %lld bytes", qlonglong(r.body.size()));
        QVERIFY2(r.body.size() <= 20 * 1024, QByteArray::number(r.body.size()).constData());
        Json model = r.json;
        QCOMPARE(text(model["service"]), QStringLiteral("shop"));
        QCOMPARE(model["table_count"].get<int>(), ShopSchema::kTableCount);
        QCOMPARE(int(model["tables"].size()), ShopSchema::kTableCount);
        QVERIFY(!model.contains("next_offset"));

        Json orders = model["tables"]["orders"];
        QVERIFY(col(orders, "id").contains(QLatin1String(" pk")));
        QVERIFY(col(orders, "customer_id").contains(QLatin1String("fk:customers.id")));
        QVERIFY(col(orders, "customer_id").contains(QLatin1String("req")));
        QVERIFY(!col(orders, "channel").contains(QLatin1String("req")));
        QCOMPARE(orders["rows"].get<int>(), ShopSchema::kOrders);
        // belongs_to names follow from the fk marker (related=customers_by_customer_id) and are
        // not repeated; has_many and many_many are listed.
        QVERIFY(!orders["rel"].contains("bt"));
        QVERIFY(strings(model["tables"]["customers"]["rel"]["hm"])
                    .contains(QStringLiteral("orders_by_customer_id")));
        QVERIFY(strings(model["tables"]["products"]["rel"]["mm"])
                    .contains(QStringLiteral("tags_by_product_tags")));
        QVERIFY(col(model["tables"]["employees"], "manager_id").endsWith(QLatin1String(" fk:employees.id")));

        // Samples: at most three rows, values in column order.
        QVERIFY(orders["sample"].is_array());
        QVERIFY(!orders["sample"].empty() && orders["sample"].size() <= 3);
        for (auto &[name, table] : model["tables"].items()) {
            if (table.contains("sample")) {
                QVERIFY2(table["sample"].size() <= 3, name.c_str());
                for (const Json &row : table["sample"])
                    QCOMPARE(row.size(), table["cols"].size());
            }
            if (table.contains("enum"))
                for (auto &[column, values] : table["enum"].items())
                    QVERIFY2(values.size() >= 1 && values.size() <= 20, column.c_str());
        }
        QVERIFY(!model["tables"]["refunds"].contains("sample")); // empty table
        QCOMPARE(model["tables"]["refunds"]["rows"].get<int>(), 0);
        QCOMPARE(strings(orders["enum"]["status"]),
                 (QSet<QString>{QStringLiteral("new"), QStringLiteral("paid"), QStringLiteral("shipped"),
                                QStringLiteral("cancelled")}));
        QCOMPARE(strings(orders["enum"]["channel"]),
                 (QSet<QString>{QStringLiteral("web"), QStringLiteral("phone"), QStringLiteral("partner")}));
        // Free text and unique values are not enumerations.
        QVERIFY(!model["tables"]["customers"]["enum"].contains("name"));
        QVERIFY(!model["tables"]["customers"]["enum"].contains("email"));
        QVERIFY(!model["tables"]["products"].contains("enum") ||
                !model["tables"]["products"]["enum"].contains("sku"));

        QVERIFY(model["templates"].is_object());
        QVERIFY(text(model["templates"]["related"]).contains(QLatin1String("related=")));
        QVERIFY(text(model["templates"]["list"]).startsWith(QLatin1String("GET /api/v2/shop/_table/")));
    }

    void stockModelIsSmallAndHasNoData()
    {
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?model=true&stock=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        qInfo("model=true&stock=true for 50 tables: %lld bytes", qlonglong(r.body.size()));
        QVERIFY2(r.body.size() <= 10 * 1024, QByteArray::number(r.body.size()).constData());
        QCOMPARE(int(r.json["tables"].size()), ShopSchema::kTableCount);
        QVERIFY(!r.json.contains("next_offset"));
        QVERIFY(!r.json.contains("templates"));
        for (auto &[name, table] : r.json["tables"].items()) {
            QVERIFY2(!table.contains("sample") && !table.contains("enum"), name.c_str());
            QVERIFY2(table.contains("cols") && table.contains("rows"), name.c_str());
        }
        QVERIFY(!r.body.contains("Berlin Customer"));
    }

    void modelPagesAndNamesOneTable()
    {
        TestResponse r = m_server->admin(
            "GET", QStringLiteral("/api/v2/shop/_spec?model=true&stock=true&limit=20&offset=40"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(int(r.json["tables"].size()), 10);
        QVERIFY(!r.json.contains("next_offset"));
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?model=true&stock=true&limit=20"));
        QCOMPARE(r.json["next_offset"].get<int>(), 20);
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?model=true&resource_name=orders"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(keys(r.json["tables"]), QSet<QString>{QStringLiteral("orders")});
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?model=true&resource_name=nope"));
        QCOMPARE(r.status, 404);
    }

    void restrictedRoleSeesOnlyItsRowsAndTables()
    {
        const TestResponse r = as(m_analystKey, QStringLiteral("/api/v2/shop/_spec?model=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        Json tables = r.json["tables"];
        QCOMPARE(keys(tables), (QSet<QString>{QStringLiteral("countries"), QStringLiteral("customers"),
                                              QStringLiteral("order_items"), QStringLiteral("orders"),
                                              QStringLiteral("products")}));
        QCOMPARE(r.json["table_count"].get<int>(), 5);
        QVERIFY(!r.body.contains("employees"));
        QVERIFY(!r.body.contains("employees_by_"));
        QVERIFY(!r.body.contains("audit_events"));
        // References into readable tables stay; into others they are not named.
        QVERIFY(col(tables["orders"], "customer_id").contains(QLatin1String("fk:customers.id")));
        QCOMPARE(col(tables["orders"], "employee_id"), QStringLiteral("employee_id int"));
        QVERIFY(strings(tables["customers"]["rel"]["hm"]).contains(QStringLiteral("orders_by_customer_id")));

        Json customers = tables["customers"];
        // Six German customers of twelve: the count the role can see.
        QCOMPARE(customers["rows"].get<int>(), ShopSchema::kCustomers / 2);
        QVERIFY(!customers["sample"].empty());
        const int country = indexOf(customers["cols"], "country_id");
        const int email = indexOf(customers["cols"], "email");
        const int name = indexOf(customers["cols"], "name");
        QVERIFY(country >= 0 && email >= 0 && name >= 0);
        for (const Json &row : customers["sample"]) {
            QCOMPARE(row[country].get<int>(), 1);
            QVERIFY2(!text(row[email]).contains(QLatin1Char('@')), row.dump().c_str());
            QVERIFY(text(row[name]).startsWith(QLatin1String("Berlin")));
        }
        QVERIFY(!r.body.contains("Ottawa"));
        QVERIFY(!r.body.contains("@example.com"));
        QCOMPARE(strings(customers["enum"]["status"]),
                 (QSet<QString>{QStringLiteral("active"), QStringLiteral("prospect")}));
        QVERIFY(!r.body.contains("churned"));

        // A restricted stock model: same tables, counts as seen.
        const TestResponse stock =
            as(m_analystKey, QStringLiteral("/api/v2/shop/_spec?model=true&stock=true"));
        QVERIFY2(stock.status == 200, stock.describe().constData());
        QCOMPARE(stock.json["tables"]["customers"]["rows"].get<int>(), ShopSchema::kCustomers / 2);
        QCOMPARE(int(stock.json["tables"].size()), 5);
    }

    void fullCompactAndResourceDocuments()
    {
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(text(r.json["openapi"]).startsWith(QLatin1String("3.0.")));
        QCOMPARE(text(r.json["servers"][0]["url"]), QStringLiteral("/api/v2/shop"));
        QVERIFY(r.json["paths"].contains("/_table/{table_name}"));
        QVERIFY(r.json["paths"]["/_table/{table_name}"].contains("post"));
        QCOMPARE(int(r.json["components"]["securitySchemes"].size()), 2);
        QCOMPARE(r.json["x-dreamfactory-resources"]["count"].get<int>(), 50);
        checkErrorResponses(r.json);

        r = as(m_analystKey, QStringLiteral("/api/v2/shop/_spec"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["paths"]["/_table/{table_name}"].contains("get"));
        QVERIFY(!r.json["paths"]["/_table/{table_name}"].contains("post"));
        QVERIFY(!r.json["paths"]["/_table/{table_name}"].contains("delete"));
        QVERIFY(!r.json["paths"].contains("/_schema/{table_name}"));
        QCOMPARE(r.json["x-dreamfactory-resources"]["count"].get<int>(), 5);

        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?compact=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.json.contains("paths") && !r.json.contains("components"));
        QVERIFY(r.json["endpoints"].is_array() && !r.json["endpoints"].empty());
        QCOMPARE(r.json["endpoint_count"].get<size_t>(), r.json["endpoints"].size());
        bool sawFilter = false;
        for (const Json &endpoint : r.json["endpoints"]) {
            QVERIFY(endpoint.contains("path") && endpoint.contains("method") &&
                    endpoint.contains("operationId"));
            if (text(endpoint["path"]) == QLatin1String("/_table/{table_name}") &&
                text(endpoint["method"]) == QLatin1String("GET"))
                sawFilter =
                    strings(endpoint["parameters"]).contains(QStringLiteral("filter (query, string)"));
        }
        QVERIFY(sawFilter);

        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?resource_name=orders"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["paths"].contains("/_table/orders"));
        QVERIFY(r.json["paths"].contains("/_table/orders/{id}"));
        for (auto &[path, item] : r.json["paths"].items())
            QVERIFY2(QString::fromStdString(path).split(QLatin1Char('/')).contains(QStringLiteral("orders")),
                     path.c_str());
        QVERIFY(r.json["components"]["schemas"].contains("orders"));
        QVERIFY(!r.json["components"]["schemas"].contains("customers"));
        QVERIFY(r.json["components"]["schemas"].contains("Error"));
        r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?resource_name=nothing_here"));
        QCOMPARE(r.status, 404);
        // The analyst cannot see employees, so its resource_name finds nothing there.
        r = as(m_analystKey, QStringLiteral("/api/v2/shop/_spec?resource_name=employees"));
        QCOMPARE(r.status, 404);

        // Other service types get an OpenAPI document too.
        for (const char *service : {"system", "user", "api_docs"}) {
            r = m_server->admin("GET", QStringLiteral("/api/v2/%1/_spec").arg(QLatin1String(service)));
            QVERIFY2(r.status == 200, r.describe().constData());
            QVERIFY(text(r.json["openapi"]).startsWith(QLatin1String("3.0.")));
            QVERIFY(!r.json["paths"].empty());
        }
    }

    void specNeedsAccessAndValidParameters()
    {
        TestResponse r = as(m_noSpecKey, QStringLiteral("/api/v2/shop/_spec"));
        QCOMPARE(r.status, 403);
        QVERIFY(text(r.json["error"]["message"]).contains(QLatin1String("_spec")));
        QCOMPARE(as(m_noSpecKey, QStringLiteral("/api/v2/shop/_spec?model=true")).status, 403);
        QCOMPARE(as(m_wildcardKey, QStringLiteral("/api/v2/shop/_spec?model=true&stock=true")).status, 200);
        QCOMPARE(m_server->request("GET", QStringLiteral("/api/v2/shop/_spec")).status,
                 400); // no credentials

        for (const char *query :
             {"model=maybe", "stock=true", "model=true&compact=true",
              "resource_name=", "model=true&offset=-1", "model=true&limit=0", "compact=yes", "format=yaml"}) {
            r = m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec?") + QLatin1String(query));
            QVERIFY2(r.status == 400, QByteArray(QByteArray(query) + " -> " + r.describe()).constData());
            QVERIFY(r.json["error"].contains("message"));
        }
        for (const char *service : {"user", "system", "api_docs"}) {
            r = m_server->admin("GET",
                                QStringLiteral("/api/v2/%1/_spec?model=true").arg(QLatin1String(service)));
            QVERIFY2(r.status == 400, r.describe().constData());
            QVERIFY(text(r.json["error"]["message"]).contains(QLatin1String("database")));
        }
        QCOMPARE(m_server->admin("POST", QStringLiteral("/api/v2/shop/_spec"), Json::object()).status, 405);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/shop/_spec/extra")).status, 404);
    }

    void aiServiceDocumentFollowsTheRole()
    {
        const qint64 ai = m_server->createService(Json{{"name", "assistant"},
                                                       {"type", "ai"},
                                                       {"config",
                                                        {{"provider", "openai"},
                                                         {"base_url", "http://127.0.0.1:9/v1"},
                                                         {"api_key", "sk-test"},
                                                         {"default_model", "gpt-4o-mini"}}}});
        QVERIFY(ai > 0);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/assistant/_spec"));
        QVERIFY2(r.status == 200, r.describe().constData());
        for (const char *path : {"/chat", "/completion", "/embeddings", "/models", "/health", "/usage",
                                 "/data-chat", "/endpoint/{name}"})
            QVERIFY2(r.json["paths"].contains(path), path);
        QVERIFY(r.json["components"]["schemas"].contains("ChatRequest"));
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/assistant/_spec?model=true")).status, 400);

        const qint64 role = m_server->createRole(
            QStringLiteral("chatter"),
            Json::array(
                {Json{{"service_id", ai}, {"component", "_spec"}, {"verb_mask", 1}, {"requestor_mask", 1}},
                 Json{{"service_id", ai}, {"component", "chat"}, {"verb_mask", 2}, {"requestor_mask", 1}}}));
        const QString key = m_server->createAppKey(QStringLiteral("chatter"), role);
        r = as(key, QStringLiteral("/api/v2/assistant/_spec"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["paths"]["/chat"].contains("post"));
        QVERIFY(!r.json["paths"].contains("/embeddings"));
        QVERIFY(!r.json["paths"].contains("/data-chat"));
        QVERIFY(!r.json["paths"].contains("/usage"));
        r = as(key, QStringLiteral("/api/v2/api_docs"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["paths"].contains("/assistant/chat"));
        // The drop-in shows what the role can use through it: chat, not embeddings.
        QVERIFY(r.json["paths"].contains("/_ai/v1/chat/completions"));
        QVERIFY(r.json["paths"].contains("/_ai/v1/models"));
        QVERIFY(!r.json["paths"].contains("/_ai/v1/embeddings"));
        QVERIFY(!r.json["paths"]["/_ai/v1/chat/completions"].contains("get"));
        for (auto &[path, item] : r.json["paths"].items())
            QVERIFY2(!QString::fromStdString(path).startsWith(QLatin1String("/shop/")), path.c_str());
        // A role without AI access does not see the drop-in at all.
        r = as(m_analystKey, QStringLiteral("/api/v2/api_docs"));
        QVERIFY2(r.status == 200, r.describe().constData());
        for (auto &[path, item] : r.json["paths"].items())
            QVERIFY2(!QString::fromStdString(path).startsWith(QLatin1String("/_ai/")), path.c_str());
    }

    void apiDocsFollowTheRole()
    {
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/api_docs"));
        QVERIFY2(r.status == 200, r.describe().constData());
        Json paths = r.json["paths"];
        QVERIFY(paths.contains("/shop/_table/{table_name}"));
        QVERIFY(paths.contains("/user/session"));
        bool system = false;
        for (auto &[path, item] : paths.items())
            system = system || QString::fromStdString(path).startsWith(QLatin1String("/system/"));
        QVERIFY(system);
        QVERIFY(keys(r.json["components"]["securitySchemes"]).contains(QStringLiteral("ApiKeyQuery")));
        QCOMPARE(int(r.json["components"]["securitySchemes"].size()), 6);
        QSet<QString> tags;
        for (const Json &tag : r.json["tags"])
            tags.insert(text(tag["name"]));
        QVERIFY(tags.contains(QStringLiteral("shop")) && tags.contains(QStringLiteral("system")));
        QSet<QString> ids;
        for (auto &[path, item] : paths.items())
            for (auto &[method, op] : item.items())
                if (method != "parameters") {
                    const QString id = text(op["operationId"]);
                    QVERIFY2(!ids.contains(id), qPrintable(id));
                    ids.insert(id);
                }
        checkErrorResponses(r.json);

        r = as(m_analystKey, QStringLiteral("/api/v2/api_docs?expand_schema=true"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["paths"].contains("/shop/_table/orders"));
        QVERIFY(r.json["paths"]["/shop/_table/orders"].contains("get"));
        QVERIFY(!r.json["paths"]["/shop/_table/orders"].contains("post"));
        QVERIFY(!r.json["paths"].contains("/shop/_table/employees"));
        QVERIFY(!r.body.contains("employees"));
        QVERIFY(r.json["components"]["schemas"].contains("shop.orders"));
        for (auto &[path, item] : r.json["paths"].items())
            QVERIFY2(!QString::fromStdString(path).startsWith(QLatin1String("/system/")), path.c_str());

        r = as(m_analystKey, QStringLiteral("/api/v2/api_docs/shop"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json["servers"][0]["url"]), QStringLiteral("/api/v2/shop"));
        QVERIFY(r.json["paths"].contains("/_table/{table_name}"));
        QVERIFY(!r.json["paths"]["/_table/{table_name}"].contains("patch"));
        QCOMPARE(as(m_analystKey, QStringLiteral("/api/v2/api_docs/system")).status, 403);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/api_docs/nothing")).status, 404);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/api_docs/system")).status, 200);
    }

    // Row counts on every engine: exact for small tables, catalog statistics (or a lower
    // bound) beyond 10,000 rows, the visible count for a row-filtered table; samples and enums
    // through the governed path on PostgreSQL and MariaDB too.
    void rowCountsAndSamplesOnEveryEngine()
    {
        if (TestDatabases::required())
            QVERIFY2(SqlTestFixture::engines().size() == 3,
                     "PostgreSQL and MariaDB test servers are required");
        const QString prefix = SqlTestFixture::tablePrefix("spec");
        const QString big = prefix + QStringLiteral("events");
        const QString small = prefix + QStringLiteral("kinds");
        for (const auto &[kind, url] : SqlTestFixture::engines()) {
            ConnectionSpec spec;
            Json config = SqlTestFixture::serviceConfig(
                kind, url, m_dir.filePath(QStringLiteral("engines.sqlite")), spec);
            QSqlDatabase db = SqlTestFixture::directDb(spec, QStringLiteral("spec-direct-") + kind);
            SqlTestFixture::dropTables(db, kind, {big, small});
            const QString engine =
                kind == QLatin1String("mysql") ? QStringLiteral(" ENGINE=InnoDB") : QString();
            QVERIFY(SqlTestFixture::exec(
                db, QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, code VARCHAR(10) NOT NULL, "
                                   "owner VARCHAR(10))%2")
                        .arg(small, engine)));
            QVERIFY(SqlTestFixture::exec(
                db,
                QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, kind_id INTEGER REFERENCES %2(id), "
                               "level VARCHAR(10))%3")
                    .arg(big, small, engine)));
            QVERIFY(SqlTestFixture::exec(
                db,
                QStringLiteral("INSERT INTO %1 (id, code, owner) VALUES (1, 'a', 'ann'), (2, 'b', 'bob'), "
                               "(3, 'c', 'ann')")
                    .arg(small)));
            const QString series =
                kind == QLatin1String("pgsql")
                    ? QStringLiteral(
                          "INSERT INTO %1 (id, kind_id, level) SELECT g, 1 + g %% 3, CASE WHEN g %% 2 = 0 "
                          "THEN 'info' ELSE 'warn' END FROM generate_series(1, 10050) g")
                    : QStringLiteral(
                          "INSERT INTO %1 (id, kind_id, level) WITH RECURSIVE n(i) AS (SELECT 1 UNION "
                          "ALL SELECT i + 1 FROM n WHERE i < 10050) SELECT i, 1 + i %% 3, CASE WHEN "
                          "i %% 2 = 0 THEN 'info' ELSE 'warn' END FROM n");
            if (kind == QLatin1String("mysql"))
                QVERIFY(
                    SqlTestFixture::exec(db, QStringLiteral("SET SESSION max_recursive_iterations = 20000")));
            QVERIFY(SqlTestFixture::exec(
                db, QString(series).replace(QLatin1String("%%"), QLatin1String("%")).arg(big)));
            QVERIFY(SqlTestFixture::exec(db, kind == QLatin1String("mysql")
                                                 ? QStringLiteral("ANALYZE TABLE %1").arg(big)
                                                 : QStringLiteral("ANALYZE %1").arg(big)));

            const QString service = QStringLiteral("spec_") + kind;
            const qint64 id = m_server->createService(
                Json{{"name", service.toStdString()}, {"type", kind.toStdString()}, {"config", config}});
            QVERIFY(id > 0);
            TestResponse r =
                m_server->admin("GET", QStringLiteral("/api/v2/%1/_spec?model=true").arg(service));
            QVERIFY2(r.status == 200, r.describe().constData());
            Json tables = r.json["tables"];
            QCOMPARE(tables[small.toStdString()]["rows"].get<int>(), 3);
            const QString rows = text(tables[big.toStdString()]["rows"]);
            qInfo("%s: a 10,050-row table reports rows %s", qPrintable(kind), qPrintable(rows));
            QVERIFY2(rows.startsWith(QLatin1Char('~')) || rows == QLatin1String(">10000"),
                     qPrintable(kind + rows));
            if (rows.startsWith(QLatin1Char('~')))
                QVERIFY2(rows.mid(1).toLongLong() > 10000, qPrintable(kind + rows));
            QCOMPARE(strings(tables[big.toStdString()]["enum"]["level"]),
                     (QSet<QString>{QStringLiteral("info"), QStringLiteral("warn")}));
            QVERIFY(tables[big.toStdString()]["sample"].size() == 3);
            QVERIFY(col(tables[big.toStdString()], "kind_id")
                        .contains(QLatin1String("fk:") + small + QLatin1String(".id")));

            // A row-filtered reader: the count and the enum values of its own rows only.
            const qint64 role = m_server->createRole(
                QStringLiteral("spec-owner-") + kind,
                Json::array(
                    {Json{
                         {"service_id", id}, {"component", "_spec"}, {"verb_mask", 1}, {"requestor_mask", 1}},
                     Json{{"service_id", id},
                          {"component", str(QStringLiteral("_table/") + small)},
                          {"verb_mask", 1},
                          {"requestor_mask", 1},
                          {"filters",
                           Json::array({{{"name", "owner"}, {"operator", "="}, {"value", "ann"}}})}}}));
            const QString key = m_server->createAppKey(QStringLiteral("spec-owner-") + kind, role);
            r = as(key, QStringLiteral("/api/v2/%1/_spec?model=true").arg(service));
            QVERIFY2(r.status == 200, r.describe().constData());
            tables = r.json["tables"];
            QCOMPARE(keys(tables), QSet<QString>{small});
            QCOMPARE(tables[small.toStdString()]["rows"].get<int>(), 2);
            QVERIFY(!r.body.contains("bob"));
            QVERIFY(!r.body.contains(big.toUtf8()));
            SqlTestFixture::dropTables(db, kind, {big, small});
        }
    }

    void samplesAreAuditedAsInternalCalls()
    {
        QVERIFY(as(m_analystKey, QStringLiteral("/api/v2/shop/_spec?model=true&resource_name=customers"))
                    .status == 200);
        QVERIFY(m_server->flushAudit());
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/system/audit?order=id%20DESC&limit=50"));
        QVERIFY2(r.status == 200, r.describe().constData());
        bool sawSpecOrigin = false;
        for (const Json &record : r.json["resource"])
            if (record["params"].dump().find("\"spec\"") != std::string::npos &&
                text(record["path"]).contains(QLatin1String("customers")))
                sawSpecOrigin = true;
        QVERIFY2(sawSpecOrigin, r.body.left(2000).constData());
    }
};

QTEST_GUILESS_MAIN(TestSpec)
#include "tst_spec.moc"
