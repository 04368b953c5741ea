// The audit trail end to end: one record per request (successes, gate refusals and refusals of
// the HTTP layer), fields, redaction of credentials, the NDJSON file with rotation, the SIEM
// webhook with retries, system/audit, flushing at shutdown and the prune command. Runs on an
// SQLite system database and, when GATEHOUSE_TEST_PGSQL_SYSTEM is set, on PostgreSQL.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "TestDatabases.h"
#include "TestServer.h"
#include "WebhookReceiver.h"
#include "core/Config.h"
#include "core/LogContext.h"
#include "core/Logging.h"
#include "http/RequestAudit.h"
#include "store/AuditLog.h"
#include "store/BatchedLogWriter.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kAudit = QStringLiteral("/api/v2/system/audit");

// The audit record the collector received for a request.
const Json *findTrace(const WebhookReceiver &receiver, const QString &requestId)
{
    for (const Json &doc : receiver.documents)
        if (doc.contains("trace") && doc["trace"]["id"] == requestId.toStdString())
            return &doc;
    return nullptr;
}

QString stringOrEmpty(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

Headers apiKey(const QString &key)
{
    return {{"X-DreamFactory-Api-Key", key.toLatin1()}};
}

QByteArray readAllFiles(const QStringList &paths)
{
    QByteArray all;
    for (const QString &path : paths) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

// How many audit_log rows carry one of `ids`, read straight from the system database at
// `spec`; -1, with `problem` set, when it cannot be read.
int auditRowsFor(const ConnectionSpec &spec, const QString &connectionName, const QStringList &ids,
                 QString *problem)
{
    int found = 0;
    {
        QSqlDatabase db = DbExecutor::openConnection(spec, connectionName, problem);
        QSqlQuery q(db);
        for (const QString &id : ids) {
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE request_id = ?"));
            q.addBindValue(id);
            if (!db.isOpen() || !q.exec() || !q.next()) {
                if (problem->isEmpty())
                    *problem = q.lastError().text();
                found = -1;
                break;
            }
            found += q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return found;
}
} // namespace

class TestAudit : public QObject
{
    Q_OBJECT

public:
    explicit TestAudit(QString systemDb)
        : m_systemDb(std::move(systemDb))
    {
    }

private:
    QString m_systemDb; // empty: SQLite
    std::unique_ptr<TestServer> m_server;
    WebhookReceiver m_receiver;
    QString m_readerKey;
    QString m_auditFile;

    bool isPg() const { return !m_systemDb.isEmpty(); }

    void resetPostgres()
    {
        QString error;
        QVERIFY2(TestDatabases::resetSystemSchema(m_systemDb, &error), qPrintable(error));
    }

    // The audit rows of one request, read through system/audit.
    Json recordsOf(const QString &requestId)
    {
        if (!m_server->flushAudit())
            return Json::array();
        const TestResponse r =
            m_server->admin("GET", kAudit + QStringLiteral("?fields=*&filter=") +
                                       QString::fromLatin1(QUrl::toPercentEncoding(
                                           QStringLiteral("request_id = '%1'").arg(requestId))));
        if (r.status != 200)
            return Json::array();
        return r.json["resource"];
    }

    Json recordOf(const TestResponse &response)
    {
        const QString id = QString::fromLatin1(response.header("x-request-id"));
        const Json rows = recordsOf(id);
        if (id.isEmpty() || rows.size() != 1) {
            qWarning("request %s has %d audit records", qPrintable(id), int(rows.size()));
            return Json(nullptr);
        }
        return rows[0];
    }

    QString startServerWith(std::unique_ptr<TestServer> &server, const QHash<QString, QString> &settings,
                            const QString &dataDir = QString())
    {
        TestServer::Options options;
        options.systemDb = m_systemDb;
        options.settings = settings;
        options.dataDir = dataDir;
        if (isPg()) {
            // Nodes sharing one system database share its master key.
            QFile key(QDir(m_server->dataDir()).filePath(QStringLiteral("master.key")));
            if (key.open(QIODevice::ReadOnly))
                options.settings.insert(QStringLiteral("master_key"),
                                        QString::fromLatin1(key.readAll().trimmed()));
        }
        server = std::make_unique<TestServer>(options);
        if (!server->start())
            return server->errorString();
        return {};
    }

private slots:
    void initTestCase()
    {
        if (isPg()) {
            GATEHOUSE_REQUIRE_URL(m_systemDb, "GATEHOUSE_TEST_PGSQL_SYSTEM");
            resetPostgres();
        }
        QVERIFY(m_receiver.listen());
        m_receiver.failFirst = 2;
        TestServer::Options options;
        options.systemDb = m_systemDb;
        options.demo = true;
        options.settings.insert(QStringLiteral("max_body_bytes"), QStringLiteral("2048"));
        options.settings.insert(QStringLiteral("audit_flush_ms"), QStringLiteral("50"));
        options.settings.insert(QStringLiteral("audit_file"), QStringLiteral("logs/audit.log"));
        options.settings.insert(
            QStringLiteral("audit_webhook_url"),
            QStringLiteral("http://127.0.0.1:%1/ingest?token=collector-token").arg(m_receiver.port()));
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_auditFile = QDir(m_server->dataDir()).filePath(QStringLiteral("logs/audit.log"));

        qint64 demoId = 0;
        const TestResponse services = m_server->admin("GET", QStringLiteral("/api/v2/system/service"));
        QVERIFY2(services.status == 200, services.describe().constData());
        for (const Json &s : services.json["resource"])
            if (s["name"] == "demo")
                demoId = s["id"].get<qint64>();
        QVERIFY(demoId > 0);
        const qint64 role =
            m_server->createRole(QStringLiteral("reader"), Json::array({{{"service_id", demoId},
                                                                         {"component", "_table/*"},
                                                                         {"verb_mask", 1},
                                                                         {"requestor_mask", 1}}}));
        QVERIFY(role > 0);
        m_readerKey = m_server->createAppKey(QStringLiteral("reader-app"), role);
        QVERIFY(!m_readerKey.isEmpty());
    }

    void cleanupTestCase() { m_server.reset(); }

    void successRecord()
    {
        const TestResponse r = m_server->request(
            "GET",
            QStringLiteral("/api/v2/demo/_table/products?limit=2&fields=id,name&api_key=%1").arg(m_readerKey),
            nullptr, {{"User-Agent", "tst-audit/1"}});
        QCOMPARE(r.status, 200);
        const Json rec = recordOf(r);
        QVERIFY(rec.is_object());
        QCOMPARE(stringOrEmpty(rec["event"]), QStringLiteral("request"));
        QCOMPARE(stringOrEmpty(rec["request_id"]), QString::fromLatin1(r.header("x-request-id")));
        QCOMPARE(stringOrEmpty(rec["app_name"]), QStringLiteral("reader-app"));
        QVERIFY(rec["app_id"].is_number());
        QCOMPARE(stringOrEmpty(rec["role_name"]), QStringLiteral("reader"));
        QVERIFY(rec["role_id"].is_number());
        QVERIFY(rec["user_id"].is_null());
        QCOMPARE(stringOrEmpty(rec["service"]), QStringLiteral("demo"));
        QCOMPARE(stringOrEmpty(rec["component"]), QStringLiteral("_table/products"));
        QCOMPARE(stringOrEmpty(rec["verb"]), QStringLiteral("GET"));
        QCOMPARE(stringOrEmpty(rec["path"]), QStringLiteral("/api/v2/demo/_table/products"));
        QCOMPARE(rec["status"].get<int>(), 200);
        QCOMPARE(rec["bytes_out"].get<qint64>(), qint64(r.body.size()));
        QCOMPARE(rec["bytes_in"].get<qint64>(), qint64(0));
        QVERIFY(rec["duration_ms"].get<qint64>() >= 0);
        QCOMPARE(stringOrEmpty(rec["client_ip"]), QStringLiteral("127.0.0.1"));
        QCOMPARE(stringOrEmpty(rec["user_agent"]), QStringLiteral("tst-audit/1"));
        QVERIFY(stringOrEmpty(rec["created_date"]).size() == 23); // yyyy-MM-dd HH:mm:ss.zzz
        const Json &params = rec["params"];
        QCOMPARE(stringOrEmpty(params["limit"]), QStringLiteral("2"));
        QCOMPARE(stringOrEmpty(params["fields"]), QStringLiteral("id,name"));
        QCOMPARE(stringOrEmpty(params["api_key"]), QLatin1String(RequestAudit::redactedText));
    }

    void adminRecordAndBody()
    {
        const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/role"),
                                               Json{{"resource", {{{"name", "audited-role"}}}}});
        QCOMPARE(r.status, 201);
        const Json rec = recordOf(r);
        QVERIFY(rec.is_object());
        QCOMPARE(stringOrEmpty(rec["user_email"]), QLatin1String(TestServer::kAdminEmail));
        QVERIFY(rec["user_id"].is_number());
        QCOMPARE(stringOrEmpty(rec["service"]), QStringLiteral("system"));
        QCOMPARE(stringOrEmpty(rec["component"]), QStringLiteral("role"));
        QCOMPARE(stringOrEmpty(rec["verb"]), QStringLiteral("POST"));
        QCOMPARE(rec["status"].get<int>(), 201);
        QVERIFY(rec["bytes_in"].get<qint64>() > 0);
        // The body is not recorded, only its size.
        QVERIFY(!dumpJson(rec).contains("audited-role"));

        // Verb override: the effective verb is recorded.
        const TestResponse patched = m_server->request(
            "POST", QStringLiteral("/api/v2/system/role?ids=999999"), Json{{"resource", Json::array()}},
            {{"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()},
             {"X-HTTP-Method", "PATCH"}});
        const Json over = recordOf(patched);
        QVERIFY(over.is_object());
        QCOMPARE(stringOrEmpty(over["verb"]), QStringLiteral("PATCH"));
        QCOMPARE(over["status"].get<int>(), patched.status);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("credential"); // "", "reader", "admin", "bogus-token"
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("service");

        QTest::newRow("400 no credentials")
            << QByteArray("GET") << QStringLiteral("/api/v2/demo/_table/products") << QString() << 400
            << QStringLiteral("demo");
        QTest::newRow("401 bad session token")
            << QByteArray("GET") << QStringLiteral("/api/v2/demo/_table/products")
            << QStringLiteral("bogus-token") << 401 << QStringLiteral("demo");
        QTest::newRow("403 verb not granted")
            << QByteArray("DELETE") << QStringLiteral("/api/v2/demo/_table/products/1")
            << QStringLiteral("reader") << 403 << QStringLiteral("demo");
        QTest::newRow("403 system for an app")
            << QByteArray("GET") << kAudit << QStringLiteral("reader") << 403 << QStringLiteral("system");
        QTest::newRow("404 unknown service")
            << QByteArray("GET") << QStringLiteral("/api/v2/no_such_service") << QStringLiteral("admin")
            << 404 << QStringLiteral("no_such_service");
        QTest::newRow("404 outside the api")
            << QByteArray("GET") << QStringLiteral("/nowhere") << QString() << 404 << QString();
        QTest::newRow("405 audit is read-only") << QByteArray("DELETE") << kAudit + QStringLiteral("/1")
                                                << QStringLiteral("admin") << 405 << QStringLiteral("system");
    }

    void refusals()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, credential);
        QFETCH(int, status);
        QFETCH(QString, service);
        Headers headers;
        if (credential == QLatin1String("reader"))
            headers = apiKey(m_readerKey);
        else if (credential == QLatin1String("admin"))
            headers = {{"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()}};
        else if (!credential.isEmpty())
            headers = {{"X-DreamFactory-Session-Token", credential.toLatin1()}};
        const TestResponse r = m_server->request(method, path, nullptr, headers);
        QVERIFY2(r.status == status, r.describe().constData());
        const Json rec = recordOf(r);
        QVERIFY(rec.is_object());
        QCOMPARE(rec["status"].get<int>(), status);
        QCOMPARE(stringOrEmpty(rec["service"]), service);
        QCOMPARE(stringOrEmpty(rec["verb"]), QString::fromLatin1(method));
        QVERIFY(!stringOrEmpty(rec["error_message"]).isEmpty());
        if (credential == QLatin1String("reader"))
            QCOMPARE(stringOrEmpty(rec["app_name"]), QStringLiteral("reader-app"));
        if (credential == QLatin1String("admin"))
            QCOMPARE(stringOrEmpty(rec["user_email"]), QLatin1String(TestServer::kAdminEmail));
        QVERIFY(!dumpJson(rec).contains("bogus-token"));
    }

    void transportRefusal()
    {
        // 413 from the HTTP layer, decided from Content-Length before the gate runs.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(
            "POST /api/v2/demo/_table/products?api_key=" + m_readerKey.toLatin1() +
            " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999\r\n\r\n");
        QByteArray answer;
        // The server runs on this thread: wait by spinning the event loop, not by blocking.
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        const qsizetype at = answer.toLower().indexOf("x-request-id: ");
        QVERIFY(at > 0);
        const QString id = QString::fromLatin1(answer.mid(at + 14, answer.indexOf("\r\n", at) - at - 14));
        const Json rows = recordsOf(id);
        QCOMPARE(int(rows.size()), 1);
        QCOMPARE(stringOrEmpty(rows[0]["event"]), QStringLiteral("transport"));
        QCOMPARE(rows[0]["status"].get<int>(), 413);
        QCOMPARE(stringOrEmpty(rows[0]["verb"]), QStringLiteral("POST"));
        QCOMPARE(stringOrEmpty(rows[0]["path"]), QStringLiteral("/api/v2/demo/_table/products"));
        QCOMPARE(stringOrEmpty(rows[0]["params"]["api_key"]), QLatin1String(RequestAudit::redactedText));
    }

    void exactlyOnePerRequest()
    {
        const Headers reader = apiKey(m_readerKey);
        QStringList ids;
        const QList<int> expected{200, 200, 404, 403, 400};
        QList<TestResponse> responses{
            m_server->request("GET", QStringLiteral("/api/v2/demo/_table/products?limit=1"), nullptr, reader),
            m_server->request("GET", QStringLiteral("/status")),
            m_server->request("GET", QStringLiteral("/api/v2/demo/_table/products/999999"), nullptr, reader),
            m_server->request("POST", QStringLiteral("/api/v2/demo/_table/products"), Json{{"name", "x"}},
                              reader),
            m_server->rawRequest(
                "POST", QStringLiteral("/api/v2/demo/_table/products"), "{not json",
                {{"Content-Type", "application/json"}, {"X-DreamFactory-Api-Key", m_readerKey.toLatin1()}}),
        };
        for (int i = 0; i < responses.size(); ++i) {
            QVERIFY2(responses[i].status == expected[i], responses[i].describe().constData());
            const QString id = QString::fromLatin1(responses[i].header("x-request-id"));
            QVERIFY(!id.isEmpty());
            QVERIFY(!ids.contains(id));
            ids << id;
        }
        for (int i = 0; i < ids.size(); ++i) {
            const Json rows = recordsOf(ids[i]);
            QVERIFY2(rows.size() == 1,
                     qPrintable(QStringLiteral("%1: %2 records").arg(ids[i]).arg(rows.size())));
            QCOMPARE(rows[0]["status"].get<int>(), expected[i]);
        }
    }

    void secretsRedacted()
    {
        const QByteArray wrongPassword = "Wrong-Passw0rd-Audit-Secret";
        const QByteArray paramsSecret = "Nested-Secret-In-Params-9";
        const QString token = m_server->adminToken();
        QVERIFY(!token.isEmpty());

        // A failed sign-in with a password in the body.
        const TestResponse login = m_server->request(
            "POST", QStringLiteral("/api/v2/system/admin/session"),
            Json{{"email", "intruder@test.local"}, {"password", wrongPassword.constData()}});
        QCOMPARE(login.status, 401);
        const Json loginRecord = recordOf(login);
        QVERIFY(loginRecord.is_object());
        QCOMPARE(stringOrEmpty(loginRecord["params"]["login"]), QStringLiteral("intruder@test.local"));
        QVERIFY(loginRecord["user_id"].is_null());

        // The session token in an Authorization header, the API key in the query, a nested
        // password in a JSON-valued parameter, and a password in a body.
        const TestResponse bearer =
            m_server->request("GET",
                              QStringLiteral("/api/v2/system/role?params=") +
                                  QString::fromLatin1(QUrl::toPercentEncoding(
                                      QStringLiteral("{\"Password\":\"%1\",\"ok\":\"visible\"}")
                                          .arg(QString::fromLatin1(paramsSecret)))),
                              nullptr, {{"Authorization", "Bearer " + token.toLatin1()}});
        QVERIFY2(bearer.status < 500, bearer.describe().constData());
        const Json bearerRecord = recordOf(bearer);
        QVERIFY(bearerRecord.is_object());
        QCOMPARE(stringOrEmpty(bearerRecord["user_email"]), QLatin1String(TestServer::kAdminEmail));
        QVERIFY(stringOrEmpty(bearerRecord["params"]["params"]).contains(QStringLiteral("visible")));

        const TestResponse keyed = m_server->request(
            "POST",
            QStringLiteral("/api/v2/system/admin?API_KEY=%1&session_token=%2").arg(m_readerKey, token),
            Json{{"resource", {{{"email", "new@test.local"}, {"password", wrongPassword.constData()}}}}});
        const Json keyedRecord = recordOf(keyed);
        QVERIFY(keyedRecord.is_object());
        QCOMPARE(stringOrEmpty(keyedRecord["params"]["API_KEY"]), QLatin1String(RequestAudit::redactedText));
        QCOMPARE(stringOrEmpty(keyedRecord["params"]["session_token"]),
                 QLatin1String(RequestAudit::redactedText));

        // Nowhere in the table, nor in the file.
        QVERIFY(m_server->flushAudit());
        const TestResponse all = m_server->admin("GET", kAudit + QStringLiteral("?fields=*&limit=100000"));
        QCOMPARE(all.status, 200);
        QVERIFY(all.json["resource"].size() > 5);
        QByteArray file;
        QTRY_VERIFY_WITH_TIMEOUT((file = readAllFiles({m_auditFile, m_auditFile + QStringLiteral(".1")}))
                                     .contains(keyed.header("x-request-id")),
                                 10000);
        for (const QByteArray &secret :
             {wrongPassword, paramsSecret, m_readerKey.toLatin1(), token.toLatin1(),
              QByteArray(TestServer::kAdminPassword), QByteArray("collector-token")}) {
            QVERIFY2(!all.body.contains(secret), secret.constData());
            QVERIFY2(!file.contains(secret), secret.constData());
        }
    }

    void fileIsNdjson()
    {
        QVERIFY(m_server->flushAudit());
        QFile file(m_auditFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.permissions() & QFileDevice::ReadOwner);
        QVERIFY(!(file.permissions() & QFileDevice::ReadOther));
        int lines = 0;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            const Json doc = parseJsonOrDiscarded(line);
            QVERIFY2(doc.is_object(), line.constData());
            QVERIFY(doc.contains("@timestamp"));
            QVERIFY(doc["http"]["response"].contains("status_code"));
            ++lines;
        }
        QVERIFY(lines > 5);
    }

    void webhookDelivery()
    {
        const TestResponse r = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/products?limit=1"), nullptr, apiKey(m_readerKey));
        QCOMPARE(r.status, 200);
        const QString id = QString::fromLatin1(r.header("x-request-id"));
        // The receiver refused the first two deliveries; the sink retried.
        QTRY_VERIFY_WITH_TIMEOUT(findTrace(m_receiver, id) != nullptr, 30000);
        QCOMPARE(m_receiver.failed, 2);
        const Json doc = *findTrace(m_receiver, id);
        QVERIFY(doc.contains("@timestamp"));
        QCOMPARE(stringOrEmpty(doc["event"]["outcome"]), QStringLiteral("success"));
        QCOMPARE(stringOrEmpty(doc["event"]["dataset"]), QStringLiteral("gatehouse.audit"));
        QCOMPARE(doc["http"]["response"]["status_code"].get<int>(), 200);
        QCOMPARE(stringOrEmpty(doc["http"]["request"]["method"]), QStringLiteral("GET"));
        QCOMPARE(stringOrEmpty(doc["url"]["path"]), QStringLiteral("/api/v2/demo/_table/products"));
        QCOMPARE(stringOrEmpty(doc["source"]["ip"]), QStringLiteral("127.0.0.1"));
        QCOMPARE(stringOrEmpty(doc["gatehouse"]["app"]["name"]), QStringLiteral("reader-app"));
        QCOMPARE(stringOrEmpty(doc["gatehouse"]["role"]["name"]), QStringLiteral("reader"));
        // Every record so far arrived, refusals included, each once.
        QSet<std::string> seen;
        for (const Json &d : m_receiver.documents) {
            QVERIFY(!seen.contains(d["trace"]["id"].get<std::string>()));
            seen.insert(d["trace"]["id"].get<std::string>());
        }
        Json documents = Json::array();
        for (const Json &d : m_receiver.documents)
            documents.push_back(d);
        const QByteArray all = dumpJson(documents);
        QVERIFY(!all.contains(m_readerKey.toLatin1()));
        QVERIFY(!all.contains(m_server->adminToken().toLatin1()));
    }

    void auditResource()
    {
        // Known traffic: three 404s from one app.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_server
                         ->request("GET", QStringLiteral("/api/v2/demo/_table/products/%1").arg(900000 + i),
                                   nullptr, apiKey(m_readerKey))
                         .status,
                     404);
        QVERIFY(m_server->flushAudit());
        const QString filter = QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral(
            "(status = 404) and (app_name = 'reader-app') and (component like '_table/products%')")));
        const TestResponse counted = m_server->admin(
            "GET", kAudit + QStringLiteral(
                                "?filter=%1&include_count=true&limit=2&order=id%20desc&fields=id,status,path")
                                .arg(filter));
        QCOMPARE(counted.status, 200);
        QVERIFY(counted.json["meta"]["count"].get<int>() >= 3);
        const Json page1 = counted.json["resource"];
        QCOMPARE(int(page1.size()), 2);
        QVERIFY(page1[0]["id"].get<qint64>() > page1[1]["id"].get<qint64>());
        QCOMPARE(stringOrEmpty(page1[0]["path"]), QStringLiteral("/api/v2/demo/_table/products/900002"));
        QVERIFY(!page1[0].contains("user_agent"));
        const TestResponse page2 = m_server->admin(
            "GET", kAudit + QStringLiteral("?filter=%1&limit=2&offset=2&order=id%20desc").arg(filter));
        QCOMPARE(page2.status, 200);
        QVERIFY(page2.json["resource"].size() >= 1);
        QVERIFY(page2.json["resource"][0]["id"].get<qint64>() < page1[1]["id"].get<qint64>());

        // By id, then the read-only and admin-only rules.
        const qint64 id = page1[0]["id"].get<qint64>();
        const TestResponse one = m_server->admin("GET", kAudit + QStringLiteral("/%1").arg(id));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json["id"].get<qint64>(), id);
        QCOMPARE(
            m_server->admin("POST", kAudit, Json{{"resource", Json::array({Json{{"path", "x"}}})}}).status,
            405);
        QCOMPARE(
            m_server->admin("PATCH", kAudit + QStringLiteral("/%1").arg(id), Json{{"status", 200}}).status,
            405);
        QCOMPARE(m_server->request("GET", kAudit, nullptr, apiKey(m_readerKey)).status, 403);
        QCOMPARE(m_server->admin("GET", kAudit + QStringLiteral("?filter=nope%3D1")).status, 400);
        QCOMPARE(m_server->admin("GET", kAudit + QStringLiteral("?order=params")).status, 200);
        QCOMPARE(m_server->admin("GET", kAudit + QStringLiteral("?filter=params%3D'x'")).status, 400);
        // The system service lists it.
        const TestResponse root = m_server->admin("GET", QStringLiteral("/api/v2/system"));
        QVERIFY(root.body.contains("\"audit\""));
    }

    void flushOnStop()
    {
        // A batch window far longer than the test: only the shutdown flush can write these.
        QTemporaryDir dir;
        std::unique_ptr<TestServer> server;
        const QString error =
            startServerWith(server,
                            {{QStringLiteral("audit_flush_ms"), QStringLiteral("60000")},
                             {QStringLiteral("audit_batch_size"), QStringLiteral("100000")}},
                            dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList ids;
        for (int i = 0; i < 7; ++i)
            ids << QString::fromLatin1(
                server->request("GET", QStringLiteral("/status")).header("x-request-id"));
        QVERIFY(server->engine().auditLog()->writer().written() == 0);
        server->stop();

        ConnectionSpec spec;
        QString problem;
        if (isPg()) {
            spec = ConnectionSpec::fromUrl(m_systemDb, &problem);
        } else {
            spec.driver = QStringLiteral("QSQLITE");
            spec.database = QDir(dir.path()).filePath(QStringLiteral("system.db"));
        }
        const int found = auditRowsFor(spec, QStringLiteral("tst-audit-stop"), ids, &problem);
        QVERIFY2(found >= 0, qPrintable(problem));
        QCOMPARE(found, ids.size());
    }

    void fileRotation()
    {
        QTemporaryDir dir;
        std::unique_ptr<TestServer> server;
        const QString error =
            startServerWith(server,
                            {{QStringLiteral("audit_flush_ms"), QStringLiteral("20")},
                             {QStringLiteral("audit_file"), QStringLiteral("audit.ndjson")},
                             {QStringLiteral("audit_file_max_bytes"), QStringLiteral("4096")},
                             {QStringLiteral("audit_file_keep"), QStringLiteral("2")}},
                            dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList ids;
        for (int i = 0; i < 40; ++i) {
            ids << QString::fromLatin1(
                server->request("GET", QStringLiteral("/status?n=%1").arg(i)).header("x-request-id"));
            if (i % 5 == 4)
                QVERIFY(server->flushAudit()); // several writes, so that rotation happens between them
        }
        server->stop();
        const QString base = QDir(dir.path()).filePath(QStringLiteral("audit.ndjson"));
        QVERIFY(QFile::exists(base));
        QVERIFY(QFile::exists(base + QStringLiteral(".1")));
        QVERIFY(QFile::exists(base + QStringLiteral(".2")));
        QVERIFY(!QFile::exists(base + QStringLiteral(".3")));
        for (const QString &path :
             QStringList{base, base + QStringLiteral(".1"), base + QStringLiteral(".2")}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.size() <= 4096, qPrintable(path));
            const QByteArray content = file.readAll();
            QVERIFY(content.endsWith('\n'));
            for (const QByteArray &line : content.split('\n'))
                QVERIFY(line.isEmpty() || parseJsonOrDiscarded(line).is_object());
        }
        // The newest records are in the current file, the oldest rotated away.
        const QByteArray current = readAllFiles({base});
        QVERIFY(current.contains(ids.last().toLatin1()));
        QVERIFY(!readAllFiles({base, base + QStringLiteral(".1"), base + QStringLiteral(".2")})
                     .contains(ids.first().toLatin1()));
    }

    void pruneCommand()
    {
        const QString binary = qEnvironmentVariable("GATEHOUSED");
        QVERIFY(!binary.isEmpty());
        QTemporaryDir dir;
        std::unique_ptr<TestServer> server;
        QString error = startServerWith(server, {}, dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString fresh =
            QString::fromLatin1(server->request("GET", QStringLiteral("/status")).header("x-request-id"));
        QVERIFY(server->flushAudit());
        server->stop();

        ConnectionSpec spec;
        if (isPg()) {
            spec = ConnectionSpec::fromUrl(m_systemDb, &error);
        } else {
            spec.driver = QStringLiteral("QSQLITE");
            spec.database = QDir(dir.path()).filePath(QStringLiteral("system.db"));
        }
        auto count = [&](const QString &condition, const QVariant &value) {
            int n = -1;
            {
                QSqlDatabase db = DbExecutor::openConnection(spec, QStringLiteral("tst-audit-prune"), &error);
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE ") + condition);
                q.addBindValue(value);
                if (q.exec() && q.next())
                    n = q.value(0).toInt();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("tst-audit-prune"));
            return n;
        };
        {
            QSqlDatabase db = DbExecutor::openConnection(spec, QStringLiteral("tst-audit-old"), &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            QSqlQuery q(db);
            for (const char *date :
                 {"2001-01-01 00:00:00.000", "2001-06-01 12:00:00.500", "2002-01-01 00:00:00.000"}) {
                q.prepare(QStringLiteral("INSERT INTO audit_log (created_date, request_id, path, params) "
                                         "VALUES (?, 'old-record', '/status', '{}')"));
                q.addBindValue(QString::fromLatin1(date));
                QVERIFY(q.exec());
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-audit-old"));
        QCOMPARE(count(QStringLiteral("request_id = ?"), QStringLiteral("old-record")), 3);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys())
            if (key.startsWith(QLatin1String("GATEHOUSE_")))
                env.remove(key);
        if (isPg())
            env.insert(QStringLiteral("GATEHOUSE_SYSTEM_DB"), m_systemDb);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(binary, {QStringLiteral("prune-audit-logs"), QStringLiteral("--data-dir"), dir.path(),
                         QStringLiteral("--older-than-days"), QStringLiteral("30")});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        // On PostgreSQL earlier functions' old rows are pruned too; the three here at least.
        QVERIFY2(out.contains(QStringLiteral("pruned ")), qPrintable(out));
        QCOMPARE(count(QStringLiteral("request_id = ?"), QStringLiteral("old-record")), 0);
        QCOMPARE(count(QStringLiteral("request_id = ?"), fresh), 1);

        // Bad arguments are refused.
        p.start(binary, {QStringLiteral("prune-audit-logs"), QStringLiteral("--data-dir"), dir.path(),
                         QStringLiteral("--older-than-days"), QStringLiteral("soon")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
    }

    void daemonFlushesOnSigterm()
    {
        // The daemon with a batch window longer than the test: SIGTERM must write the records.
        const QString binary = qEnvironmentVariable("GATEHOUSED");
        QVERIFY(!binary.isEmpty());
        QTemporaryDir dir;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys())
            if (key.startsWith(QLatin1String("GATEHOUSE_")))
                env.remove(key);
        env.insert(QStringLiteral("GATEHOUSE_AUDIT_FLUSH_MS"), QStringLiteral("60000"));
        env.insert(QStringLiteral("GATEHOUSE_AUDIT_BATCH_SIZE"), QStringLiteral("100000"));
        env.insert(QStringLiteral("GATEHOUSE_ADMIN_PASSWORD"), QStringLiteral("Daemon-Admin-Passw0rd"));
        QProcess daemon;
        daemon.setProcessEnvironment(env);
        daemon.start(binary, {QStringLiteral("serve"), QStringLiteral("--data-dir"), dir.path(),
                              QStringLiteral("--no-demo"), QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:%1").arg(port)});
        QString out;
        QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(daemon.readAllStandardOutput()))
                                     .contains(QLatin1String("listening on")),
                                 20000);
        QStringList ids;
        QNetworkAccessManager network;
        for (int i = 0; i < 4; ++i) {
            QNetworkReply *reply = network.get(
                QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/status?i=%2").arg(port).arg(i))));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
            ids << QString::fromLatin1(reply->rawHeader("X-Request-Id"));
            delete reply;
        }
        daemon.terminate(); // SIGTERM
        QVERIFY(daemon.waitForFinished(20000));
        QCOMPARE(daemon.exitCode(), 0);
        const QByteArray daemonLog = daemon.readAllStandardError();

        ConnectionSpec spec;
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = QDir(dir.path()).filePath(QStringLiteral("system.db"));
        QString problem;
        const int found = auditRowsFor(spec, QStringLiteral("tst-audit-daemon"), ids, &problem);
        QVERIFY2(found >= 0, qPrintable(problem));
        QVERIFY2(found == 4, daemonLog.constData());
    }

    void requestIdFollowsDatabaseJobs()
    {
        // Log lines written by a request's database job carry its id: the id travels with the job.
        ConnectionSpec spec;
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = QStringLiteral(":memory:");
        DbExecutor executor(spec, 1, QStringLiteral("tst-audit-log"));
        std::string onWorker;
        std::string inCompletion;
        QEventLoop loop;
        {
            LogContext::Scope scope(QStringLiteral("feedc0de12345678"));
            executor.submit(
                [&onWorker](QSqlDatabase &) { return (onWorker = LogContext::requestId()).size(); },
                [&](size_t) {
                    inCompletion = LogContext::requestId();
                    loop.quit();
                });
        }
        QVERIFY(LogContext::requestId().empty());
        loop.exec();
        QCOMPARE(QString::fromStdString(onWorker), QStringLiteral("feedc0de12345678"));
        QCOMPARE(QString::fromStdString(inCompletion), QStringLiteral("feedc0de12345678"));
        QVERIFY(LogContext::requestId().empty());
    }

    void requestIdInLogLines()
    {
        // Lines written while a request is handled, on the event loop or in its database job,
        // carry its id: here a failing request's line from a worker of the system store.
        std::ostringstream out;
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
        sink->set_formatter(Logging::formatter());
        auto logger = std::make_shared<spdlog::logger>("tst-audit", sink);
        const auto previous = spdlog::default_logger();
        spdlog::set_default_logger(logger);
        logger->set_level(spdlog::level::debug);
        // A write the database refuses (duplicate key): the worker running the request's job logs it
        // (at debug level).
        const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/demo/_table/products"),
                                               Json{{"resource",
                                                     {{{"id", 1},
                                                       {"sku", "DUP-1"},
                                                       {"name", "duplicate"},
                                                       {"category", "Hardware"},
                                                       {"unit_price", 1}}}}});
        QVERIFY2(r.status >= 400, r.describe().constData());
        spdlog::info("outside any request");
        spdlog::set_default_logger(previous);
        const QString id = QString::fromLatin1(r.header("x-request-id"));
        const QString text = QString::fromStdString(out.str());
        QVERIFY(!id.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("[req %1]").arg(id)),
                 qPrintable(text + QString::fromLatin1(r.describe())));
        QVERIFY2(text.contains(QStringLiteral("info outside any request")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("] outside any request")));

        // Directly: a line written in a request's scope.
        std::ostringstream direct;
        auto directSink = std::make_shared<spdlog::sinks::ostream_sink_mt>(direct);
        directSink->set_formatter(Logging::formatter());
        spdlog::logger directLogger("tst-audit-direct", directSink);
        {
            LogContext::Scope scope(QStringLiteral("0123456789abcdef"));
            directLogger.warn("inside");
        }
        directLogger.warn("after");
        const QString lines = QString::fromStdString(direct.str());
        QVERIFY2(lines.contains(QStringLiteral("warning [req 0123456789abcdef] inside")), qPrintable(lines));
        QVERIFY2(lines.contains(QStringLiteral("warning after")), qPrintable(lines));
    }

    void configKeys()
    {
        QTemporaryDir dir;
        QString error;
        Config config = Config::load(dir.path(), dir.path() + QStringLiteral("/none.ini"), {}, &error);
        QVERIFY(!error.isEmpty()); // the named config file does not exist
        error.clear();
        const QHash<QString, QString> good{
            {QStringLiteral("audit_file"), QStringLiteral("a/audit.log")},
            {QStringLiteral("audit_file_max_bytes"), QStringLiteral("1048576")},
            {QStringLiteral("audit_file_keep"), QStringLiteral("3")},
            {QStringLiteral("audit_webhook_url"),
             QStringLiteral("https://user:pw@siem.example/in?token=t0k3n")},
            {QStringLiteral("audit_retention_days"), QStringLiteral("7")}};
        config = Config::load(dir.path(), QString(), good, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(config.auditFile, QStringLiteral("a/audit.log"));
        QCOMPARE(config.auditFileMaxBytes, qint64(1048576));
        QCOMPARE(config.auditFileKeep, 3);
        QCOMPARE(config.auditRetentionDays, 7);
        const QByteArray described = dumpJson(config.describe());
        QVERIFY(described.contains("siem.example"));
        QVERIFY(!described.contains("t0k3n"));
        QVERIFY(!described.contains("pw@"));
        for (const auto &[key, value] : QList<QPair<QString, QString>>{
                 {QStringLiteral("audit_webhook_url"), QStringLiteral("ftp://siem.example/")},
                 {QStringLiteral("audit_webhook_url"), QStringLiteral("not a url")},
                 {QStringLiteral("audit_file_keep"), QStringLiteral("-1")},
                 {QStringLiteral("audit_retention_days"), QStringLiteral("soon")},
                 {QStringLiteral("audit_queue_max"), QStringLiteral("0")}}) {
            error.clear();
            Config::load(dir.path(), QString(), {{key, value}}, &error);
            QVERIFY2(error.contains(key), qPrintable(key + QLatin1Char('=') + value));
        }
    }

    void writerKeepsRowsWhileDatabaseIsDown()
    {
        // A database that cannot be written: rows stay queued (retried), none are lost, and
        // past the cap new rows are refused and counted, never dropped quietly.
        QTemporaryDir dir;
        ConnectionSpec spec;
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = QDir(dir.path()).filePath(QStringLiteral("missing/dir/log.db")); // cannot be opened
        auto executor = std::make_unique<DbExecutor>(spec, 1, QStringLiteral("tst-audit-down"));
        BatchedLogWriter::Options options;
        options.name = QStringLiteral("test");
        options.table = QStringLiteral("t");
        options.columns = {QStringLiteral("a")};
        options.flushIntervalMs = 20;
        options.batchSize = 2;
        options.maxQueued = 5;
        options.spillFile = QDir(dir.path()).filePath(QStringLiteral("spill.ndjson"));
        {
            BatchedLogWriter writer(*executor, spec, options);
            for (int i = 0; i < 5; ++i)
                QVERIFY(writer.append({i}));
            QVERIFY(!writer.append({99}));
            QCOMPARE(writer.refused(), qint64(1));
            bool result = true;
            bool finished = false;
            writer.flush([&](bool ok) {
                result = ok;
                finished = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(finished, 20000);
            QVERIFY(!result);
            QCOMPARE(writer.queued(), qint64(5));
            QCOMPARE(writer.written(), qint64(0));
            writer.shutdown();
        }
        // The executor runs the last write before it stops; what it could not write is spilled.
        executor.reset();
        QFile spill(options.spillFile);
        QVERIFY(spill.open(QIODevice::ReadOnly));
        QCOMPARE(spill.readAll().count('\n'), 5);
    }
};

int main(int argc, char **argv)
{
    return TestDatabases::runOnSystemDatabases<TestAudit>(argc, argv);
}

#include "tst_audit.moc"
