// Field masking end to end: the field_mask system resource, every mode and the free-text
// detectors on record reads, related records and named-query results, and the refusal to
// filter, sort, group or aggregate on masked columns (which would let a caller infer them).

#include <QCoreApplication>
#include <QRegularExpression>
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
QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

const char *const kNotes = "Call (555) 123-4567 or mail bob@example.com; card 4111 1111 1111 1111, "
                           "ssn 123-45-6789, order 4111111111111112.";
const char *const kNotesMasked =
    "Call [PHONE] or mail [EMAIL]; card [CARD], ssn [SSN], order 4111111111111112.";
} // namespace

class TestMasking : public QObject
{
    Q_OBJECT

private:
    struct Engine
    {
        QString kind;
        QString service;
        qint64 serviceId = 0;
        ConnectionSpec spec;
        qint64 role = 0;
        QString key;
    };

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    QHash<QString, Engine> m_engines;
    QString m_prefix;
    QString m_engine;

    const Engine &current() const { return *m_engines.constFind(m_engine); }
    QString t(const char *name) const { return m_prefix + QLatin1String(name); }

    TestResponse app(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->request(method, QStringLiteral("/api/v2/%1/%2").arg(current().service, path), body,
                                 {{"X-DreamFactory-API-Key", current().key.toLatin1()}});
    }
    TestResponse admin(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_server->admin(method, QStringLiteral("/api/v2/%1/%2").arg(current().service, path), body);
    }
    QString people(const QString &rest = {}) const { return QStringLiteral("_table/") + t("people") + rest; }
    QString cards(const QString &rest = {}) const { return QStringLiteral("_table/") + t("cards") + rest; }

    QSqlDatabase directDb()
    {
        return SqlTestFixture::directDb(current().spec, QStringLiteral("mask-direct-") + m_engine);
    }
    bool sql(const QString &statement) { return SqlTestFixture::exec(directDb(), statement); }

    void dropTables() { SqlTestFixture::dropTables(directDb(), current().kind, {t("cards"), t("people")}); }
    bool createTables()
    {
        const QString engine =
            current().kind == QLatin1String("mysql") ? QStringLiteral(" ENGINE=InnoDB") : QString();
        dropTables();
        bool ok = sql(
            QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, name VARCHAR(50), email VARCHAR(100), "
                           "ssn VARCHAR(20), card VARCHAR(30), salary INTEGER, notes VARCHAR(500))%2")
                .arg(t("people"), engine));
        ok = ok && sql(QStringLiteral(
                           "CREATE TABLE %1 (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES %2(id), "
                           "number VARCHAR(30), label VARCHAR(100))%3")
                           .arg(t("cards"), t("people"), engine));
        ok = ok &&
             sql(QStringLiteral(
                     "INSERT INTO %1 (id, name, email, ssn, card, salary, notes) VALUES "
                     "(1, 'Alice', 'alice@example.com', '123-45-6789', '4111111111111111', 100, '%2'), "
                     "(2, 'Bob', 'bob@example.com', '987-65-4321', '4111111111111111', 200, 'nothing here'), "
                     "(3, 'Carol', 'carol@example.com', '555-12-3456', '5500000000000004', 300, NULL)")
                     .arg(t("people"), QLatin1String(kNotes)));
        ok = ok && sql(QStringLiteral("INSERT INTO %1 (id, person_id, number, label) VALUES "
                                      "(1, 1, '4111111111111111', 'backup 5500 0000 0000 0004'), (2, 2, "
                                      "'378282246310005', 'main')")
                           .arg(t("cards")));
        return ok;
    }

    bool addMask(const Engine &e, const char *table, const char *field, const Json &rest)
    {
        Json record = rest;
        record["role_id"] = e.role;
        record["service_id"] = e.serviceId;
        record["table_name"] = str(t(table));
        record["field"] = field;
        const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/field_mask"), record);
        if (r.status != 201)
            qWarning("field_mask create failed: %s", r.describe().constData());
        return r.status == 201;
    }

    Engine makeEngine(const QString &kind, const QString &url)
    {
        Engine e;
        e.kind = kind;
        e.service = QStringLiteral("mask_") + kind;
        Json config = SqlTestFixture::serviceConfig(kind, url,
                                                    m_dir.filePath(QStringLiteral("masking.sqlite")), e.spec);
        config["named_queries"] = Json::array(
            {{{"name", "People"},
              {"sql",
               str(QStringLiteral("SELECT id, name, email, card FROM %1 ORDER BY id").arg(t("people")))}}});
        e.serviceId =
            m_server->createService({{"name", str(e.service)}, {"type", str(kind)}, {"config", config}});
        Json rules = Json::array();
        for (const char *component : {"_table/*", "_proc/*", "_func/*"})
            rules.push_back({{"service_id", e.serviceId},
                             {"component", component},
                             {"verb_mask", component[1] == 't' ? 31 : 3},
                             {"requestor_mask", 1}});
        e.role = m_server->createRole(QStringLiteral("mask-") + kind, rules);
        e.key = m_server->createAppKey(QStringLiteral("mask-app-") + kind, e.role);
        bool ok = e.role > 0 && !e.key.isEmpty();
        ok = ok && addMask(e, "people", "email", {{"mode", "redact"}});
        ok = ok && addMask(e, "people", "ssn", {{"mode", "partial"}, {"keep", 4}, {"allow_filter", true}});
        ok = ok && addMask(e, "people", "card", {{"mode", "hash"}});
        ok = ok && addMask(e, "people", "salary", {{"mode", "null"}});
        ok = ok &&
             addMask(e, "people", "notes",
                     {{"mode", "detect"}, {"detectors", Json::array({"email", "ssn", "card", "phone"})}});
        ok = ok && addMask(e, "cards", "number", {{"mode", "partial"}, {"keep", 4}});
        ok = ok && addMask(e, "cards", "*", {{"mode", "detect"}, {"detectors", Json::array({"card"})}});
        if (!ok)
            e.serviceId = 0;
        return e;
    }

private slots:
    void initTestCase_data() { TestDatabases::addEngineRows(); }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = SqlTestFixture::tablePrefix("mk");
        QString error;
        m_server = SqlTestFixture::startServer(&error);
        QVERIFY2(m_server, qPrintable(error));
        for (const auto &[kind, url] : SqlTestFixture::engines())
            m_engines.insert(kind, makeEngine(kind, url));
        for (const Engine &e : std::as_const(m_engines))
            QVERIFY2(e.serviceId > 0, qPrintable(e.kind));
    }

    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_engine = engine;
        GATEHOUSE_REQUIRE_ENGINE(engine);
        QVERIFY(m_engines.contains(engine));
        QVERIFY(createTables());
        const TestResponse r = admin("GET", QStringLiteral("_table?refresh=true"));
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

    void fieldMaskResource()
    {
        const Engine &e = current();
        const QString path = QStringLiteral("/api/v2/system/field_mask");
        Json base{{"role_id", e.role}, {"service_id", e.serviceId}, {"table_name", "x"}, {"field", "y"}};
        Json bad = base;
        bad["mode"] = "scramble";
        QCOMPARE(m_server->admin("POST", path, bad).status, 400);
        bad["mode"] = "detect";
        QCOMPARE(m_server->admin("POST", path, bad).status, 400); // no detectors
        bad["detectors"] = Json::array({"dna"});
        QCOMPARE(m_server->admin("POST", path, bad).status, 400);
        bad = base;
        bad["mode"] = "redact";
        bad["role_id"] = 999999;
        QCOMPARE(m_server->admin("POST", path, bad).status, 400);
        bad = base;
        bad["mode"] = "partial";
        bad["keep"] = -1;
        QCOMPARE(m_server->admin("POST", path, bad).status, 400);

        TestResponse r = m_server->admin("GET", path + QStringLiteral("?filter=") +
                                                    enc(QStringLiteral("service_id = %1").arg(e.serviceId)));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(7));
        // Callers without system access can not read or change the rules.
        r = m_server->request("GET", path, nullptr, {{"X-DreamFactory-API-Key", e.key.toLatin1()}});
        QCOMPARE(r.status, 403);
    }

    void recordsAreMasked()
    {
        TestResponse r = app("GET", people());
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json &alice = r.json["resource"][0];
        const Json &bob = r.json["resource"][1];
        QCOMPARE(text(alice["name"]), QStringLiteral("Alice"));
        QCOMPARE(text(alice["email"]), QStringLiteral("**********"));
        QCOMPARE(text(alice["ssn"]), QStringLiteral("*******6789"));
        QVERIFY(alice["salary"].is_null());
        QCOMPARE(text(alice["notes"]), QLatin1String(kNotesMasked));
        QCOMPARE(text(bob["notes"]), QStringLiteral("nothing here"));
        const QString hash = text(alice["card"]);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(hash).hasMatch(),
                 qPrintable(hash));
        QCOMPARE(text(bob["card"]), hash); // same value, same pseudonym
        QVERIFY(text(r.json["resource"][2]["card"]) != hash);

        // The same on every read path, and stable across requests.
        r = app("GET", people(QStringLiteral("/1")));
        QCOMPARE(text(r.json["email"]), QStringLiteral("**********"));
        QCOMPARE(text(r.json["card"]), hash);
        r = app("GET", people(QStringLiteral("?ids=1,2&fields=email,salary")));
        QCOMPARE(text(r.json["resource"][1]["email"]), QStringLiteral("**********"));
        QVERIFY(r.json["resource"][1]["salary"].is_null());
        // A write that replies with records masks them too.
        r = app("PATCH", people(QStringLiteral("/2?fields=*")), Json{{"name", "Robert"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json["email"]), QStringLiteral("**********"));
        QCOMPARE(text(r.json["name"]), QStringLiteral("Robert"));

        // The admin sees the data as stored.
        r = admin("GET", people(QStringLiteral("/1")));
        QCOMPARE(text(r.json["email"]), QStringLiteral("alice@example.com"));
        QCOMPARE(r.json["salary"].get<int>(), 100);
    }

    void relatedAreMasked()
    {
        TestResponse r = app("GET", people(QStringLiteral("/1?related=") + t("cards_by_person_id")));
        QVERIFY2(r.status == 200, r.describe().constData());
        const Json &card = r.json[str(t("cards_by_person_id"))][0];
        QCOMPARE(text(card["number"]), QStringLiteral("************1111"));
        QCOMPARE(text(card["label"]), QStringLiteral("backup [CARD]")); // "*" detect on text columns
        r = app("GET", cards(QStringLiteral("?related=") + t("people_by_person_id")));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json["resource"][0][str(t("people_by_person_id"))]["email"]),
                 QStringLiteral("**********"));
        QCOMPARE(text(r.json["resource"][1]["number"]), QStringLiteral("***********0005"));
    }

    void namedQueryResultsAreMasked()
    {
        TestResponse r = app("GET", people(QStringLiteral("/1")));
        const QString hash = text(r.json["card"]);
        r = app("GET", QStringLiteral("_proc/People"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json[0]["email"]), QStringLiteral("**********"));
        QCOMPARE(text(r.json[0]["name"]), QStringLiteral("Alice"));
        QCOMPARE(text(r.json[0]["card"]), hash);
        r = admin("GET", QStringLiteral("_proc/People"));
        QCOMPARE(text(r.json[0]["email"]), QStringLiteral("alice@example.com"));

        if (current().kind == QLatin1String("pgsql")) {
            // Database functions: masked by result column name as well.
            QVERIFY(sql(
                QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS TABLE(name varchar, email varchar) "
                               "AS $$ SELECT p.name, p.email FROM %2 p ORDER BY p.id $$ LANGUAGE sql")
                    .arg(t("people_fn"), t("people"))));
            r = admin("GET", QStringLiteral("_func?refresh=true"));
            QVERIFY2(r.status == 200, r.describe().constData());
            r = app("GET", QStringLiteral("_func/") + t("people_fn"));
            QVERIFY2(r.status == 200, r.describe().constData());
            QCOMPARE(text(r.json[0]["email"]), QStringLiteral("**********"));
            QCOMPARE(text(r.json[0]["name"]), QStringLiteral("Alice"));
            sql(QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(t("people_fn")));
        }
    }

    void inferenceIsRefused()
    {
        const auto refused = [this](const QString &path, const char *field, const QByteArray &method = "GET",
                                    const Json &body = nullptr) {
            const TestResponse r = app(method, path, body);
            if (r.status != 403 || !message(r).contains(QLatin1String(field))) {
                qWarning("%s %s: %s", method.constData(), qPrintable(path), r.describe().constData());
                return false;
            }
            return true;
        };
        QVERIFY(
            refused(people(QStringLiteral("?filter=") + enc(QStringLiteral("email = 'alice@example.com'"))),
                    "email"));
        QVERIFY(
            refused(people(QStringLiteral("?filter=") + enc(QStringLiteral("name = 'x' OR salary > 150"))),
                    "salary"));
        QVERIFY(refused(people(QStringLiteral("?order=card")), "card"));
        QVERIFY(refused(people(QStringLiteral("?fields=email&group=email")), "email"));
        QVERIFY(refused(people(QStringLiteral("?fields=MAX(salary)")), "salary"));
        QVERIFY(refused(people(QStringLiteral("?fields=name,COUNT(*)&group=name&having=") +
                               enc(QStringLiteral("SUM(salary) > 150"))),
                        "salary"));
        QVERIFY(
            refused(people(QStringLiteral("?filter=") + enc(QStringLiteral("notes contains '@'"))), "notes"));
        QVERIFY(refused(people(QStringLiteral("?filter=") + enc(QStringLiteral("email = 'bob@example.com'"))),
                        "email", "PATCH", Json{{"name", "x"}}));
        QVERIFY(refused(people(QStringLiteral("/1?related=") + t("cards_by_person_id") + QStringLiteral("&") +
                               t("cards_by_person_id") + QStringLiteral(".order=number")),
                        "number"));

        // allow_filter: usable in a filter, still masked in the output; COUNT reveals nothing.
        TestResponse r =
            app("GET", people(QStringLiteral("?filter=") + enc(QStringLiteral("ssn = '123-45-6789'"))));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["resource"].size(), size_t(1));
        QCOMPARE(text(r.json["resource"][0]["ssn"]), QStringLiteral("*******6789"));
        r = app("GET", people(QStringLiteral("?fields=COUNT(*)")));
        QVERIFY2(r.status == 200, r.describe().constData());
        // The admin is never refused.
        r = admin("GET", people(QStringLiteral("?order=email")));
        QCOMPARE(r.status, 200);
    }
};

QTEST_MAIN(TestMasking)
#include "tst_masking.moc"
