// Schema introspection and the `_schema` API of database services, against SQLite,
// PostgreSQL and MariaDB (each test runs once per engine). The tests call the engine classes
// directly: a connection from DbExecutor::openConnection, a hand-built RequestContext and
// SqlCall, and SchemaResource::handle. Tables carry a per-run prefix because the PostgreSQL
// and MariaDB test databases are shared with other test modules.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "TestDatabases.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/sql/SchemaAssembler.h"
#include "services/sql/SchemaResource.h"
#include "services/sql/SqlCall.h"
#include "services/sql/SqlDialect.h"
#include "services/sql/SqlRunner.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"

using namespace gatehouse;
using namespace gatehouse::test;

// Compares JSON values (or anything a Json can hold) by their serialisation, so a failure
// prints both documents.
#define JCOMPARE(actual, expected)                                                                           \
    QCOMPARE(QString::fromStdString(Json(actual).dump()), QString::fromStdString(Json(expected).dump()))

namespace {

constexpr qint64 kServiceId = 7;

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

std::string s(const QString &text)
{
    return text.toStdString();
}

const Json *findByName(const Json &list, const QString &name)
{
    for (const Json &item : list)
        if (item.is_object() && item.value("name", std::string()) == name.toStdString())
            return &item;
    return nullptr;
}

Session adminSession()
{
    Session session;
    User user;
    user.id = 1;
    user.email = QStringLiteral("admin@test.local");
    user.isSysAdmin = true;
    session.user = user;
    return session;
}

Session roleSession(const QList<QPair<QString, int>> &rules)
{
    auto role = std::make_shared<Role>();
    role->id = 5;
    role->name = QStringLiteral("limited");
    for (const auto &[component, verbs] : rules) {
        AccessRule rule;
        rule.serviceId = kServiceId;
        rule.component = component;
        rule.verbMask = verbs;
        rule.requestorMask = RequestorApi;
        role->rules.append(rule);
    }
    Session session;
    session.role = role;
    return session;
}
} // namespace

class TestSqlSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_prefix;
    QString m_engine;
    QHash<QString, QString> m_connections; // engine -> connection name
    std::unique_ptr<SqlDialect> m_dialect;
    std::shared_ptr<const DatabaseSchema> m_schema;

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
        ctx.resource = path;
        ctx.resourceParts = path.split(QLatin1Char('/'));
        ctx.body = body;
        const Json config = Json::object();
        QSqlDatabase database = db();
        SqlCall sqlCall{ctx, database, *m_dialect, m_schema, config, kServiceId, 1000, [this, &database]() {
                            m_schema =
                                std::make_shared<const DatabaseSchema>(m_dialect->introspect(database));
                            return m_schema;
                        }};
        Reply reply;
        try {
            const HttpResponse response = SchemaResource::handle(sqlCall);
            reply.status = response.status;
            reply.json = Json::parse(response.body.toStdString());
        } catch (const ApiError &error) {
            reply.status = error.status();
            reply.json = error.toJson();
        }
        return reply;
    }

    // Drops every table and view of this run (views first; foreign keys ignored).
    void dropAll()
    {
        if (!db().isOpen())
            return;
        reload();
        QStringList views;
        QStringList tables;
        for (const QString &name : m_schema->tableNames) {
            const auto table = m_schema->table(name);
            if (!name.startsWith(m_prefix) && !table->schemaName.startsWith(m_prefix))
                continue;
            (table->isView ? views : tables) << m_dialect->quoteTable(*table);
        }
        for (const QString &view : std::as_const(views))
            sql(QStringLiteral("DROP VIEW IF EXISTS %1").arg(view));
        if (isMy())
            sql(QStringLiteral("SET FOREIGN_KEY_CHECKS = 0"));
        if (isLite())
            sql(QStringLiteral("PRAGMA foreign_keys = OFF"));
        for (const QString &table : std::as_const(tables))
            sql(QStringLiteral("DROP TABLE IF EXISTS %1%2")
                    .arg(table, isPg() ? QStringLiteral(" CASCADE") : QString()));
        if (isMy())
            sql(QStringLiteral("SET FOREIGN_KEY_CHECKS = 1"));
        if (isLite())
            sql(QStringLiteral("PRAGMA foreign_keys = ON"));
        if (isPg())
            sql(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(t("sales")));
        reload();
    }

    bool createFixture()
    {
        const QString id = isLite() ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                           : isPg() ? QStringLiteral("SERIAL PRIMARY KEY")
                                    : QStringLiteral("INT AUTO_INCREMENT PRIMARY KEY");
        const QString engine = isMy() ? QStringLiteral(" ENGINE=InnoDB") : QString();
        const QString boolean = isMy() ? QStringLiteral("TINYINT(1)") : QStringLiteral("BOOLEAN");
        const QString trueValue = isPg() ? QStringLiteral("true") : QStringLiteral("1");
        const QString dateTime = isPg() ? QStringLiteral("TIMESTAMP") : QStringLiteral("DATETIME");
        const QString blob = isPg() ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
        const QString json = isPg() ? QStringLiteral("JSONB") : QStringLiteral("JSON");
        const QString dbl = isPg() ? QStringLiteral("DOUBLE PRECISION") : QStringLiteral("DOUBLE");
        const QString placed = isPg()   ? QStringLiteral("TIMESTAMPTZ")
                               : isMy() ? QStringLiteral("TIMESTAMP NULL")
                                        : QStringLiteral("TIMESTAMP");
        bool ok = true;
        ok = ok &&
             sql(QStringLiteral("CREATE TABLE %1 (id %2, email VARCHAR(120) NOT NULL UNIQUE, name TEXT, "
                                "active %3 NOT NULL DEFAULT %4, balance DECIMAL(10,2) DEFAULT 0, born DATE, "
                                "created_at %5 DEFAULT CURRENT_TIMESTAMP, photo %6, data %7, token UUID, "
                                "rating %8, status VARCHAR(20) DEFAULT 'new')%9")
                     .arg(t("customers"), id, boolean, trueValue, dateTime, blob, json, dbl, engine));
        const QString fk =
            isMy() ? QStringLiteral(", FOREIGN KEY (customer_id) REFERENCES %1(id) ON DELETE CASCADE")
                         .arg(t("customers"))
                   : QString();
        const QString inlineFk =
            isMy() ? QString() : QStringLiteral(" REFERENCES %1(id) ON DELETE CASCADE").arg(t("customers"));
        ok =
            ok &&
            sql(QStringLiteral("CREATE TABLE %1 (id %2, customer_id INTEGER NOT NULL%3, total DECIMAL(10,2), "
                               "placed_at %4%5)%6")
                    .arg(t("orders"), id, inlineFk, placed, fk, engine));
        ok = ok && sql(QStringLiteral("CREATE TABLE %1 (id %2, label VARCHAR(40) NOT NULL)%3")
                           .arg(t("tags"), id, engine));
        ok = ok &&
             sql(QStringLiteral("CREATE TABLE %1 (order_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, "
                                "PRIMARY KEY (order_id, tag_id), FOREIGN KEY (order_id) REFERENCES %2(id), "
                                "FOREIGN KEY (tag_id) REFERENCES %3(id))%4")
                     .arg(t("order_tags"), t("orders"), t("tags"), engine));
        ok = ok && sql(QStringLiteral("CREATE VIEW %1 AS SELECT id, total FROM %2 WHERE total > 100")
                           .arg(t("big_orders"), t("orders")));
        if (isPg()) {
            ok = ok && sql(QStringLiteral("CREATE SCHEMA %1").arg(t("sales")));
            ok = ok &&
                 sql(QStringLiteral("CREATE TABLE %1.regions (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL)")
                         .arg(t("sales")));
            ok = ok && sql(QStringLiteral(
                               "CREATE TABLE %1.reps (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                               "region_id BIGINT REFERENCES %1.regions(id), customer_id INTEGER "
                               "REFERENCES %2(id))")
                               .arg(t("sales"), t("customers")));
        }
        reload();
        return ok;
    }

    const Json fieldOf(const Json &describe, const char *name)
    {
        const Json *f = findByName(describe["field"], QLatin1String(name));
        return f ? *f : Json();
    }

private slots:
    void initTestCase_data() { TestDatabases::addEngineRows(); }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = QStringLiteral("ss%1_").arg(QCoreApplication::applicationPid() % 100000);
        QString error;
        m_connections = TestDatabases::openConnections(QStringLiteral("tst_sqlschema"),
                                                       m_dir.filePath(QStringLiteral("schema.db")), &error);
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

    // --- introspection ----------------------------------------------------------------------

    void introspectsColumnTypesAndKeys()
    {
        const auto customers = m_schema->table(t("customers"));
        QVERIFY(customers);
        QCOMPARE(customers->name, t("customers"));
        QVERIFY(customers->schemaName.isEmpty());
        QCOMPARE(customers->primaryKey, QStringList{QStringLiteral("id")});

        const ColumnSchema *id = customers->column(QStringLiteral("id"));
        QVERIFY(id);
        QCOMPARE(id->type, QStringLiteral("id"));
        QVERIFY(id->autoIncrement);
        QVERIFY(id->isPrimaryKey);
        QVERIFY(!id->allowNull);

        const ColumnSchema *email = customers->column(QStringLiteral("EMAIL")); // lookups ignore case
        QVERIFY(email);
        QCOMPARE(email->type, QStringLiteral("string"));
        QCOMPARE(email->length, 120);
        QVERIFY(!email->allowNull);
        QVERIFY(email->isUnique);
        QVERIFY(email->required());

        QCOMPARE(customers->column(QStringLiteral("name"))->type, QStringLiteral("text"));
        const ColumnSchema *active = customers->column(QStringLiteral("active"));
        QCOMPARE(active->type, QStringLiteral("boolean"));
        QCOMPARE(active->defaultValue, QVariant(true));
        const ColumnSchema *balance = customers->column(QStringLiteral("balance"));
        QCOMPARE(balance->type, QStringLiteral("decimal"));
        QCOMPARE(balance->precision, 10);
        QCOMPARE(balance->scale, 2);
        QCOMPARE(balance->defaultValue.toDouble(), 0.0);
        QCOMPARE(customers->column(QStringLiteral("born"))->type, QStringLiteral("date"));
        const ColumnSchema *created = customers->column(QStringLiteral("created_at"));
        QCOMPARE(created->type, isPg() ? QStringLiteral("timestamp") : QStringLiteral("datetime"));
        QCOMPARE(created->defaultValue.toString(), QStringLiteral("CURRENT_TIMESTAMP"));
        QCOMPARE(customers->column(QStringLiteral("photo"))->type, QStringLiteral("binary"));
        QCOMPARE(customers->column(QStringLiteral("data"))->type,
                 isPg() ? QStringLiteral("jsonb") : QStringLiteral("json"));
        QCOMPARE(customers->column(QStringLiteral("token"))->type, QStringLiteral("uuid"));
        QCOMPARE(customers->column(QStringLiteral("rating"))->type, QStringLiteral("double"));
        QCOMPARE(customers->column(QStringLiteral("status"))->defaultValue.toString(), QStringLiteral("new"));
        QVERIFY(!customers->column(QStringLiteral("status"))->required());

        const auto orders = m_schema->table(t("orders"));
        QVERIFY(orders);
        const ColumnSchema *customerId = orders->column(QStringLiteral("customer_id"));
        QVERIFY(customerId->isForeignKey);
        QCOMPARE(customerId->type, QStringLiteral("reference"));
        QCOMPARE(customerId->refTable, t("customers"));
        QCOMPARE(customerId->refField, QStringLiteral("id"));
        QCOMPARE(customerId->refOnDelete, QStringLiteral("CASCADE"));
        QCOMPARE(orders->column(QStringLiteral("placed_at"))->type,
                 isPg() ? QStringLiteral("timestamp_tz") : QStringLiteral("timestamp"));
        QVERIFY(!orders->isView);

        const auto junction = m_schema->table(t("order_tags"));
        QCOMPARE(junction->primaryKey, (QStringList{QStringLiteral("order_id"), QStringLiteral("tag_id")}));
        QVERIFY(!junction->column(QStringLiteral("order_id"))->autoIncrement);

        const auto view = m_schema->table(t("big_orders"));
        QVERIFY(view);
        QVERIFY(view->isView);
        QCOMPARE(view->columns.size(), 2);
        QVERIFY(m_schema->tableNames.contains(t("big_orders")));
        // The name list is sorted and holds real names.
        QVERIFY(m_schema->tableNames.indexOf(t("customers")) < m_schema->tableNames.indexOf(t("orders")));
    }

    void introspectsRelationshipsWithDfNames()
    {
        const auto customers = m_schema->table(t("customers"));
        const auto orders = m_schema->table(t("orders"));
        const auto tags = m_schema->table(t("tags"));
        const auto junction = m_schema->table(t("order_tags"));

        const RelationSchema *belongs = orders->relation(t("customers") + QLatin1String("_by_customer_id"));
        QVERIFY(belongs);
        QCOMPARE(belongs->type, RelationSchema::Type::BelongsTo);
        QCOMPARE(belongs->typeName(), QStringLiteral("belongs_to"));
        QCOMPARE(belongs->field, QStringLiteral("customer_id"));
        QCOMPARE(belongs->refTable, t("customers"));
        QCOMPARE(belongs->refField, QStringLiteral("id"));

        const RelationSchema *hasMany = customers->relation(t("orders") + QLatin1String("_by_customer_id"));
        QVERIFY(hasMany);
        QCOMPARE(hasMany->type, RelationSchema::Type::HasMany);
        QCOMPARE(hasMany->field, QStringLiteral("id"));
        QCOMPARE(hasMany->refTable, t("orders"));
        QCOMPARE(hasMany->refField, QStringLiteral("customer_id"));

        const RelationSchema *manyMany =
            orders->relation(t("tags") + QLatin1String("_by_") + t("order_tags"));
        QVERIFY(manyMany);
        QCOMPARE(manyMany->type, RelationSchema::Type::ManyMany);
        QCOMPARE(manyMany->field, QStringLiteral("id"));
        QCOMPARE(manyMany->refTable, t("tags"));
        QCOMPARE(manyMany->refField, QStringLiteral("id"));
        QCOMPARE(manyMany->junctionTable, t("order_tags"));
        QCOMPARE(manyMany->junctionField, QStringLiteral("order_id"));
        QCOMPARE(manyMany->junctionRefField, QStringLiteral("tag_id"));

        const RelationSchema *back = tags->relation(t("orders") + QLatin1String("_by_") + t("order_tags"));
        QVERIFY(back);
        QCOMPARE(back->junctionField, QStringLiteral("tag_id"));
        QCOMPARE(back->junctionRefField, QStringLiteral("order_id"));
        QVERIFY(tags->relation(t("order_tags") + QLatin1String("_by_tag_id")));
        QVERIFY(junction->relation(t("orders") + QLatin1String("_by_order_id")));
        QVERIFY(junction->relation(t("tags") + QLatin1String("_by_tag_id")));
        // belongs_to before has_many before many_many.
        QCOMPARE(orders->relations.first().type, RelationSchema::Type::BelongsTo);
        QCOMPARE(orders->relations.last().type, RelationSchema::Type::ManyMany);
    }

    void introspectsOtherPostgresSchemas()
    {
        if (!isPg())
            QSKIP("PostgreSQL only");
        const QString regionsName = t("sales") + QLatin1String(".regions");
        const auto regions = m_schema->table(regionsName);
        QVERIFY2(regions, qPrintable(m_schema->tableNames.join(QLatin1Char(','))));
        QCOMPARE(regions->name, QStringLiteral("regions"));
        QCOMPARE(regions->schemaName, t("sales"));
        JCOMPARE(SchemaAssembler::apiName(*regions), regionsName);
        JCOMPARE(m_dialect->quoteTable(*regions), QStringLiteral("\"%1\".\"regions\"").arg(t("sales")));
        QCOMPARE(regions->column(QStringLiteral("id"))->type, QStringLiteral("id")); // bigserial key
        const auto reps = m_schema->table(t("sales") + QLatin1String(".reps"));
        QVERIFY(reps);
        QVERIFY(reps->column(QStringLiteral("id"))->autoIncrement); // identity column
        QCOMPARE(reps->column(QStringLiteral("region_id"))->refTable, regionsName);
        QVERIFY(reps->relation(regionsName + QLatin1String("_by_region_id")));
        QVERIFY(regions->relation(t("sales") + QLatin1String(".reps_by_region_id")));
        // Cross-schema key into the default schema.
        QVERIFY(
            m_schema->table(t("customers"))->relation(t("sales") + QLatin1String(".reps_by_customer_id")));
        const Reply narrowed = call("GET", QStringLiteral("_schema?schema=") + t("sales"));
        QCOMPARE(narrowed.status, 200);
        QCOMPARE(narrowed.json["resource"].size(), size_t(2));
    }

    void introspectionIsFastForFiftyTables()
    {
        const QString id = isLite() ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                           : isPg() ? QStringLiteral("SERIAL PRIMARY KEY")
                                    : QStringLiteral("INT AUTO_INCREMENT PRIMARY KEY");
        for (int i = 0; i < 50; ++i) {
            const QString ref =
                i == 0
                    ? QString()
                    : QStringLiteral(", prev_id INTEGER REFERENCES %1perf_%2(id)").arg(m_prefix).arg(i - 1);
            QVERIFY(sql(QStringLiteral(
                            "CREATE TABLE %1perf_%2 (id %3, name VARCHAR(50) NOT NULL, amount DECIMAL(8,2), "
                            "created DATE, note TEXT%4)")
                            .arg(m_prefix)
                            .arg(i)
                            .arg(id, ref)));
        }
        QElapsedTimer timer;
        timer.start();
        reload();
        const qint64 elapsed = timer.elapsed();
        qInfo("%s: introspection of %lld tables took %lld ms", qPrintable(m_engine),
              qint64(m_schema->tableNames.size()), elapsed);
        QVERIFY(m_schema->table(t("perf_49")));
        QVERIFY(m_schema->table(t("perf_49"))->relation(t("perf_48") + QLatin1String("_by_prev_id")));
        QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    }

    // --- describes and lists ----------------------------------------------------------------

    void describesTableInDfShape()
    {
        const Reply r = call("GET", QStringLiteral("_schema/") + t("orders"));
        QVERIFY2(r.status == 200, r.describe().constData());
        for (const char *key : {"name", "label", "plural", "is_view", "description", "native", "alias",
                                "primary_key", "name_field", "field", "related", "constraints", "access"})
            QVERIFY2(r.json.contains(key), key);
        JCOMPARE(r.json["name"], s(t("orders")));
        JCOMPARE(r.json["is_view"], false);
        JCOMPARE(r.json["primary_key"], Json::array({"id"}));
        QCOMPARE(r.json["access"].size(), size_t(5));

        const Json customerId = fieldOf(r.json, "customer_id");
        for (const char *key :
             {"name",           "label",          "description",   "native",        "alias",
              "type",           "db_type",        "length",        "precision",     "scale",
              "default",        "required",       "allow_null",    "fixed_length",  "supports_multibyte",
              "auto_increment", "is_primary_key", "is_unique",     "is_index",      "is_foreign_key",
              "ref_table",      "ref_field",      "ref_on_update", "ref_on_delete", "picklist",
              "validation",     "db_function",    "is_virtual",    "is_aggregate"})
            QVERIFY2(customerId.contains(key), key);
        JCOMPARE(customerId["label"], "Customer Id");
        JCOMPARE(customerId["type"], "reference");
        JCOMPARE(customerId["is_foreign_key"], true);
        JCOMPARE(customerId["ref_table"], s(t("customers")));
        JCOMPARE(customerId["ref_field"], "id");
        JCOMPARE(customerId["ref_on_delete"], "CASCADE");
        JCOMPARE(customerId["required"], true);
        const Json idField = fieldOf(r.json, "id");
        JCOMPARE(idField["type"], "id");
        JCOMPARE(idField["auto_increment"], true);
        JCOMPARE(idField["required"], false);

        const Json *belongs =
            findByName(r.json["related"], t("customers") + QLatin1String("_by_customer_id"));
        QVERIFY(belongs);
        for (const char *key :
             {"alias", "name", "label", "description", "native", "type", "field", "is_virtual",
              "ref_service_id", "ref_table", "ref_field", "junction_service_id", "junction_table",
              "junction_field", "junction_ref_field", "always_fetch", "flatten", "flatten_drop_prefix"})
            QVERIFY2(belongs->contains(key), key);
        JCOMPARE((*belongs)["type"], "belongs_to");
        JCOMPARE((*belongs)["field"], "customer_id");
        JCOMPARE((*belongs)["ref_service_id"], kServiceId);
        const Json *many = findByName(r.json["related"], t("tags") + QLatin1String("_by_") + t("order_tags"));
        QVERIFY(many);
        JCOMPARE((*many)["type"], "many_many");
        JCOMPARE((*many)["junction_table"], s(t("order_tags")));
        JCOMPARE((*many)["junction_field"], "order_id");
        JCOMPARE((*many)["junction_ref_field"], "tag_id");

        const Json customers = call("GET", QStringLiteral("_schema/") + t("customers")).json;
        JCOMPARE(fieldOf(customers, "email")["is_unique"], true);
        JCOMPARE(fieldOf(customers, "email")["length"], 120);
        JCOMPARE(fieldOf(customers, "email")["supports_multibyte"], true);
        JCOMPARE(fieldOf(customers, "balance")["precision"], 10);
        JCOMPARE(fieldOf(customers, "balance")["scale"], 2);
        JCOMPARE(fieldOf(customers, "active")["default"], true);
        JCOMPARE(fieldOf(customers, "status")["default"], "new");
        const QString label = QStringLiteral("Ss%1 Customers").arg(m_prefix.mid(2).chopped(1));
        JCOMPARE(customers["label"], s(label));
        JCOMPARE(customers["plural"], s(label)); // already plural
    }

    void describesFieldsAndRelations()
    {
        const QString base = QStringLiteral("_schema/") + t("orders");
        Reply r = call("GET", base + QLatin1String("/_field"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(4));
        r = call("GET", base + QLatin1String("/_field/total"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["name"], "total");
        JCOMPARE(r.json["type"], "decimal");
        r = call("GET", base + QLatin1String("/_related"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(findByName(r.json["resource"], t("customers") + QLatin1String("_by_customer_id")));
        r = call("GET",
                 base + QLatin1String("/_related/") + t("customers") + QLatin1String("_by_customer_id"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["type"], "belongs_to");

        r = call("GET", base + QLatin1String("/_field/nope"));
        QCOMPARE(r.status, 404);
        r = call("GET", base + QLatin1String("/_related/nope"));
        QCOMPARE(r.status, 404);
        r = call("POST", base + QLatin1String("/_related"), Json{{"name", "x"}});
        QCOMPARE(r.status, 501);
    }

    void listsTablesAsDfDoes()
    {
        Reply r = call("GET", QStringLiteral("_schema"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json *entry = findByName(r.json["resource"], t("customers"));
        QVERIFY(entry);
        QCOMPARE(entry->size(), size_t(1));
        QVERIFY(findByName(r.json["resource"], t("big_orders")));

        r = call("GET", QStringLiteral("_schema?as_list=true"));
        QVERIFY(r.json["resource"][0].is_string());

        r = call("GET", QStringLiteral("_schema?fields=*"));
        entry = findByName(r.json["resource"], t("big_orders"));
        QVERIFY(entry);
        JCOMPARE((*entry)["is_view"], true);
        QCOMPARE((*entry)["access"].size(), size_t(5));
        QVERIFY(entry->contains("label"));

        r = call("GET", QStringLiteral("_schema?ids=%1,%2").arg(t("customers"), t("tags")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(2));
        QVERIFY(r.json["resource"][1].contains("field"));

        r = call("GET", QStringLiteral("_schema?ids=%1,nope").arg(t("customers")));
        QCOMPARE(r.status, 404);
        r = call("GET", QStringLiteral("_schema?wrap=false"));
        QVERIFY(r.json.is_array());
    }

    void listIsTrimmedByRole()
    {
        // A rule for one _schema component; the other table is reachable through DF's
        // fallback to _table rules only while no rule covers `_schema` itself.
        const Session limited = roleSession({{QStringLiteral("_schema/") + t("customers"), VerbGet},
                                             {QStringLiteral("_table/") + t("orders"), VerbGet | VerbPost}});
        Reply r = call("GET", QStringLiteral("_schema?include_access=true"), nullptr, limited);
        QVERIFY2(r.status == 200, r.describe().constData());
        QStringList names;
        for (const Json &item : r.json["resource"])
            if (QString::fromStdString(item["name"].get<std::string>()).startsWith(m_prefix))
                names << QString::fromStdString(item["name"].get<std::string>());
        names.sort();
        QCOMPARE(names, (QStringList{t("customers"), t("orders")}));
        const Json *orders = findByName(r.json["resource"], t("orders"));
        JCOMPARE((*orders)["access"], Json::array({"GET", "POST"}));

        // With a rule covering _schema, _table rules no longer count.
        const Session schemaOnly = roleSession({{QStringLiteral("_schema/") + t("tags"), VerbGet},
                                                {QStringLiteral("_schema"), VerbGet},
                                                {QStringLiteral("_table/*"), VerbAll}});
        r = call("GET", QStringLiteral("_schema?as_list=true"), nullptr, schemaOnly);
        QVERIFY2(r.status == 200, r.describe().constData());
        names.clear();
        for (const Json &item : r.json["resource"])
            names << QString::fromStdString(item.get<std::string>());
        QCOMPARE(names, QStringList{t("tags")});

        const Session everything = roleSession({{QStringLiteral("_schema/*"), VerbGet}});
        r = call("GET", QStringLiteral("_schema?as_list=true"), nullptr, everything);
        QVERIFY(r.json["resource"].size() >= 5);

        r = call("GET", QStringLiteral("_schema?ids=%1").arg(t("tags")), nullptr, limited);
        QCOMPARE(r.status, 403);
        r = call("GET", QStringLiteral("_schema?ids=%1").arg(t("customers")), nullptr, limited);
        QCOMPARE(r.status, 200);
        JCOMPARE(r.json["resource"][0]["access"], Json::array({"GET"}));
    }

    void unknownTablesAre404()
    {
        for (const QByteArray &method :
             {QByteArray("GET"), QByteArray("DELETE"), QByteArray("PATCH"), QByteArray("POST")}) {
            const Reply r = call(method, QStringLiteral("_schema/no_such_table"),
                                 Json{{"field", Json::array({{{"name", "x"}, {"type", "integer"}}})}});
            QCOMPARE(r.status, 404);
            QCOMPARE(r.message(),
                     QStringLiteral("Table &quot;no_such_table&quot; does not exist in the database."));
            JCOMPARE(r.json["error"]["status_code"], 404);
        }
        const Reply r = call("GET", QStringLiteral("_schema/no_such_table/_field"));
        QCOMPARE(r.status, 404);
    }

    // --- DDL --------------------------------------------------------------------------------

    void createsAlterAndDropsTables()
    {
        // Two tables in one request; the second references the first.
        const Json body{
            {"resource",
             Json::array(
                 {{{"name", s(t("categories"))},
                   {"field",
                    Json::array(
                        {{{"name", "id"}, {"type", "id"}},
                         {{"name", "title"}, {"type", "string"}, {"length", 60}, {"allow_null", false}}})}},
                  {{"name", s(t("products"))},
                   {"label", "Products"},
                   {"field",
                    Json::array(
                        {{{"name", "id"}, {"type", "id"}},
                         {{"name", "name"},
                          {"type", "string"},
                          {"length", 80},
                          {"allow_null", false},
                          {"is_unique", true}},
                         {{"name", "price"},
                          {"type", "decimal"},
                          {"precision", 10},
                          {"scale", 2},
                          {"default", 0}},
                         {{"name", "in_stock"}, {"type", "boolean"}, {"default", true}},
                         {{"name", "motto"}, {"type", "string"}, {"default", "it's \"fine\" \\ ok"}},
                         {{"name", "added"}, {"type", "timestamp"}, {"default", "CURRENT_TIMESTAMP"}},
                         {{"name", "category_id"},
                          {"type", "reference"},
                          {"ref_table", s(t("categories"))},
                          {"ref_on_delete", "set null"}},
                         {{"name", "sku"}, {"type", "string"}, {"length", 20}, {"is_index", true}}})}}})}};
        Reply r = call("POST", QStringLiteral("_schema"), body);
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"resource", Json::array({{{"name", s(t("categories"))}},
                                                         {{"name", s(t("products"))}}})}}));

        const auto products = m_schema->table(t("products"));
        QVERIFY(products);
        QCOMPARE(products->column(QStringLiteral("id"))->type, QStringLiteral("id"));
        QVERIFY(products->column(QStringLiteral("id"))->autoIncrement);
        QCOMPARE(products->column(QStringLiteral("name"))->length, 80);
        QVERIFY(products->column(QStringLiteral("name"))->isUnique);
        QVERIFY(!products->column(QStringLiteral("name"))->allowNull);
        QCOMPARE(products->column(QStringLiteral("price"))->precision, 10);
        QCOMPARE(products->column(QStringLiteral("in_stock"))->type, QStringLiteral("boolean"));
        QCOMPARE(products->column(QStringLiteral("in_stock"))->defaultValue, QVariant(true));
        QCOMPARE(products->column(QStringLiteral("motto"))->defaultValue.toString(),
                 QStringLiteral("it's \"fine\" \\ ok"));
        QCOMPARE(products->column(QStringLiteral("added"))->defaultValue.toString(),
                 QStringLiteral("CURRENT_TIMESTAMP"));
        QVERIFY(products->column(QStringLiteral("sku"))->isIndex);
        const ColumnSchema *category = products->column(QStringLiteral("category_id"));
        QVERIFY(category->isForeignKey);
        QCOMPARE(category->refTable, t("categories"));
        QCOMPARE(category->refOnDelete, QStringLiteral("SET NULL"));
        QVERIFY(products->relation(t("categories") + QLatin1String("_by_category_id")));

        // Rows survive later changes (SQLite rebuilds the table for them).
        QVERIFY(sql(QStringLiteral("INSERT INTO %1 (title) VALUES ('Tools')").arg(t("categories"))));
        QVERIFY(sql(
            QStringLiteral("INSERT INTO %1 (name, price, category_id, sku) VALUES ('Hammer', 9.5, 1, 'H-1')")
                .arg(t("products"))));

        // PATCH: add a field, change an existing one.
        r = call(
            "PATCH", QStringLiteral("_schema/") + t("products"),
            Json{{"field", Json::array({{{"name", "weight"}, {"type", "double"}},
                                        {{"name", "name"}, {"length", 120}},
                                        {{"name", "motto"}, {"allow_null", true}, {"default", nullptr}}})}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["name"], s(t("products")));
        JCOMPARE(fieldOf(r.json, "weight")["type"], "double");
        JCOMPARE(fieldOf(r.json, "name")["length"], 120);
        JCOMPARE(fieldOf(r.json, "name")["is_unique"], true);
        JCOMPARE(fieldOf(r.json, "name")["allow_null"], false);
        JCOMPARE(fieldOf(r.json, "motto")["default"], nullptr);
        JCOMPARE(fieldOf(r.json, "category_id")["ref_table"], s(t("categories")));

        // POST /_schema/{t}/_field adds; PUT/PATCH on one field changes it.
        r = call("POST", QStringLiteral("_schema/%1/_field").arg(t("products")),
                 Json{{"resource",
                       Json::array(
                           {{{"name", "color"}, {"type", "string"}, {"length", 16}, {"default", "red"}}})}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["resource"][0]["default"], "red");
        r = call("PATCH", QStringLiteral("_schema/%1/_field/color").arg(t("products")),
                 Json{{"type", "text"}, {"allow_null", false}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["type"], "text");
        JCOMPARE(r.json["allow_null"], false);
        r = call("PATCH", QStringLiteral("_schema/%1/_field/color").arg(t("products")),
                 Json{{"is_unique", true}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["is_unique"], true);

        // The existing row is still there with its values.
        {
            QSqlDatabase database = db();
            QSqlQuery q(database);
            QVERIFY(q.exec(QStringLiteral("SELECT name, sku, color FROM %1").arg(t("products"))));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("Hammer"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("H-1"));
            QCOMPARE(q.value(2).toString(), QStringLiteral("red"));
        }

        // Drop a field, then the table.
        r = call("DELETE", QStringLiteral("_schema/%1/_field/weight").arg(t("products")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!m_schema->table(t("products"))->column(QStringLiteral("weight")));
        QVERIFY(m_schema->table(t("products"))->column(QStringLiteral("name"))->isUnique);
        QVERIFY(m_schema->table(t("products"))->column(QStringLiteral("category_id"))->isForeignKey);
        r = call("DELETE", QStringLiteral("_schema/%1/_field/id").arg(t("products")));
        QCOMPARE(r.status, 400); // primary key

        // Dropping a parent that is still referenced is a clean conflict, not a driver error.
        r = call("DELETE", QStringLiteral("_schema/") + t("categories"));
        if (!isLite()) {
            QVERIFY2(r.status == 409, r.describe().constData());
            QVERIFY(m_schema->table(t("categories")));
        }
        r = call("DELETE", QStringLiteral("_schema/") + t("products"));
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json["name"], s(t("products")));
        QVERIFY(!m_schema->table(t("products")));
        r = call("GET", QStringLiteral("_schema/") + t("products"));
        QCOMPARE(r.status, 404);
    }

    void createsWithSingleObjectBodyAndCompositeKey()
    {
        Reply r = call(
            "POST", QStringLiteral("_schema"),
            Json{{"name", s(t("pairs"))},
                 {"field",
                  Json::array({{{"name", "a"}, {"type", "integer"}, {"is_primary_key", true}},
                               {{"name", "b"}, {"type", "string"}, {"length", 10}, {"is_primary_key", true}},
                               {{"name", "note"}, {"type", "text"}}})}});
        QVERIFY2(r.status == 200, r.describe().constData());
        JCOMPARE(r.json, (Json{{"name", s(t("pairs"))}}));
        QCOMPARE(m_schema->table(t("pairs"))->primaryKey,
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

        // PUT replaces the field list: unlisted fields are dropped.
        r = call("PUT", QStringLiteral("_schema/") + t("pairs"),
                 Json{{"field",
                       Json::array(
                           {{{"name", "a"}}, {{"name", "b"}}, {{"name", "extra"}, {"type", "integer"}}})}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!m_schema->table(t("pairs"))->column(QStringLiteral("note")));
        QVERIFY(m_schema->table(t("pairs"))->column(QStringLiteral("extra")));

        // Creating it again, or re-adding a field with POST, is refused.
        r = call(
            "POST", QStringLiteral("_schema"),
            Json{{"name", s(t("pairs"))}, {"field", Json::array({{{"name", "a"}, {"type", "integer"}}})}});
        QCOMPARE(r.status, 400);
        r = call("POST", QStringLiteral("_schema/") + t("pairs"),
                 Json{{"field", Json::array({{{"name", "extra"}, {"type", "integer"}}})}});
        QCOMPARE(r.status, 400);

        // DELETE /_schema with ids drops several.
        r = call("DELETE", QStringLiteral("_schema?ids=") + t("pairs"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!m_schema->table(t("pairs")));
    }

    void rejectsInvalidIdentifiersAndDefinitions()
    {
        const auto create = [this](const QString &table, const Json &fields) {
            return call("POST", QStringLiteral("_schema"), Json{{"name", s(table)}, {"field", fields}});
        };
        const Json okField = Json::array({{{"name", "id"}, {"type", "id"}}});
        Reply r = create(QStringLiteral("bad name; DROP TABLE x"), okField);
        QCOMPARE(r.status, 400);
        QVERIFY(r.message().startsWith(QStringLiteral("Invalid table name")));
        r = create(t("x\"y"), okField);
        QCOMPARE(r.status, 400);
        r = create(t("ok"), Json::array({{{"name", "a\"b"}, {"type", "integer"}}}));
        QCOMPARE(r.status, 400);
        QVERIFY(r.message().startsWith(QStringLiteral("Invalid field name")));
        r = create(t("ok"), Json::array({{{"name", "a"}, {"type", "integer); DROP TABLE x; --"}}}));
        QCOMPARE(r.status, 400);
        r = create(
            t("ok"),
            Json::array({{{"name", "a"}, {"type", "integer"}, {"db_type", "int); DROP TABLE x; --"}}}));
        QCOMPARE(r.status, 400);
        r = create(t("ok"), Json::array({{{"name", "a"},
                                          {"type", "integer"},
                                          {"ref_table", s(t("customers"))},
                                          {"ref_on_delete", "CASCADE; DROP TABLE x"}}}));
        QCOMPARE(r.status, 400);
        r = create(t("ok"),
                   Json::array({{{"name", "a"}, {"type", "integer"}, {"default", Json::array({1})}}}));
        QCOMPARE(r.status, 400);
        r = create(t("ok"), Json::array({{{"name", "a"}, {"type", "reference"}, {"ref_table", "nope"}}}));
        QCOMPARE(r.status, 400);
        r = create(t("ok"), Json::array());
        QCOMPARE(r.status, 400);
        r = create(QString(70, QLatin1Char('a')), okField);
        QCOMPARE(r.status, 400);
        // A default that tries to close the literal stays a literal.
        r = create(t("ok"),
                   Json::array({{{"name", "id"}, {"type", "id"}},
                                {{"name", "v"}, {"type", "string"}, {"default", "x'); DROP TABLE y; --"}}}));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(m_schema->table(t("ok"))->column(QStringLiteral("v"))->defaultValue.toString(),
                 QStringLiteral("x'); DROP TABLE y; --"));
        QVERIFY(m_schema->table(t("customers")));
    }

    // --- clean errors -----------------------------------------------------------------------

    void driverErrorsBecomeCleanMessages()
    {
        const auto customers = m_schema->table(t("customers"));
        QSqlDatabase database = db();
        const QString insert =
            QStringLiteral("INSERT INTO %1 (email) VALUES (?)").arg(m_dialect->quoteTable(*customers));
        SqlRunner::run(database, *m_dialect, insert, {QStringLiteral("a@example.com")}, QStringLiteral("x"),
                       customers.get());
        try {
            SqlRunner::run(database, *m_dialect, insert, {QStringLiteral("a@example.com")},
                           QStringLiteral("Failed to create records in '%1'.").arg(customers->name),
                           customers.get());
            QFAIL("duplicate accepted");
        } catch (const ApiError &error) {
            QCOMPARE(error.status(), 400);
            QCOMPARE(error.message(), QStringLiteral("Duplicate value for unique field 'email'."));
        }
        try {
            SqlRunner::run(database, *m_dialect, insert, {QVariant()}, QStringLiteral("x"), customers.get());
            QFAIL("NULL accepted");
        } catch (const ApiError &error) {
            QCOMPARE(error.status(), 400);
            QCOMPARE(error.message(), QStringLiteral("Field 'email' can not be NULL."));
        }
        const auto orders = m_schema->table(t("orders"));
        try {
            SqlRunner::run(
                database, *m_dialect,
                QStringLiteral("INSERT INTO %1 (customer_id) VALUES (?)").arg(m_dialect->quoteTable(*orders)),
                {9999}, QStringLiteral("x"), orders.get());
            QFAIL("dangling reference accepted");
        } catch (const ApiError &error) {
            QCOMPARE(error.status(), 400);
            QVERIFY(!error.message().contains(QLatin1String("9999")));
        }
        try {
            SqlRunner::runDirect(database, *m_dialect, QStringLiteral("SELECT nonsense FROM nowhere_at_all"),
                                 QStringLiteral("Failed to retrieve records."));
            QFAIL("bad SQL accepted");
        } catch (const ApiError &error) {
            QCOMPARE(error.status(), 500);
            QCOMPARE(error.message(), QStringLiteral("Failed to retrieve records."));
        }
    }
};

QTEST_GUILESS_MAIN(TestSqlSchema)
#include "tst_sqlschema.moc"
