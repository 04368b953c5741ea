// The secret store through the whole engine. Registered twice (tests/integration/CMakeLists.txt):
// - tst_secretstore: no D-Bus session bus, so `auto` must fall back to sealed values;
// - tst_secretstore_keychain: under tests/support/with-secret-service.sh, a private session bus
//   with a real Secret Service (gnome-keyring), so values go to the keychain and the database
//   keeps only references.
// Both runs check that no secret value appears in logs, API responses or the system database.
#include <memory>
#include <mutex>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "TestDatabases.h"
#include "TestServer.h"
#include "security/SecretStore.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kSystem = QStringLiteral("/api/v2/system");

bool inSecretService()
{
    return qEnvironmentVariableIntValue("GATEHOUSE_IN_SECRET_SERVICE") == 1;
}

// Everything spdlog and Qt's message handler print while a test runs.
class CaptureSink : public spdlog::sinks::base_sink<std::mutex>
{
public:
    QByteArray text() const
    {
        std::lock_guard lock(const_cast<std::mutex &>(mutex_));
        return m_text;
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        m_text.append(msg.payload.data(), qsizetype(msg.payload.size()));
        m_text.append('\n');
    }
    void flush_() override {}

private:
    QByteArray m_text;
};

std::shared_ptr<CaptureSink> g_sink;
QtMessageHandler g_previousHandler = nullptr;
QByteArray g_qtMessages;

void captureQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_qtMessages += message.toUtf8() + '\n';
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// The stored config of one service, as the system database holds it (SQLite system DB).
Json storedConfig(const QString &dataDir, qint64 id)
{
    const QString name = QStringLiteral("tst-secret-row");
    Json config;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("system.db")));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT config FROM service WHERE id = ?"));
            query.addBindValue(id);
            if (query.exec() && query.next())
                config = parseJsonOrDiscarded(query.value(0).toString().toUtf8());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return config;
}

// The system database files, raw, plus every row of every table as text (audit tables included).
QByteArray systemDatabaseText(const QString &dataDir, QStringList *auditTables)
{
    QByteArray all;
    for (const char *suffix : {"", "-wal", "-shm"}) {
        QFile file(QDir(dataDir).filePath(QStringLiteral("system.db") + QLatin1String(suffix)));
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    const QString name = QStringLiteral("tst-secret-dump");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("system.db")));
        if (db.open()) {
            QStringList tables;
            QSqlQuery list(db);
            list.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
            while (list.next())
                tables << list.value(0).toString();
            for (const QString &table : tables) {
                if (table.contains(QLatin1String("audit"), Qt::CaseInsensitive) && auditTables)
                    *auditTables << table;
                QSqlQuery rows(db);
                rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table));
                while (rows.next())
                    for (int i = 0; i < rows.record().count(); ++i)
                        all += rows.value(i).toString().toUtf8() + '\n';
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return all;
}

// How many entries Gatehouse holds in the Secret Service (asked over D-Bus, not through the
// code under test); -1 when it cannot be asked.
int keychainEntryCount()
{
    QProcess process;
    process.start(QStringLiteral("dbus-send"), {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                                                QStringLiteral("--dest=org.freedesktop.secrets"),
                                                QStringLiteral("/org/freedesktop/secrets"),
                                                QStringLiteral("org.freedesktop.Secret.Service.SearchItems"),
                                                QStringLiteral("dict:string:string:server,gatehouse")});
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return -1;
    return int(process.readAllStandardOutput().count("object path"));
}

// The PostgreSQL test database as a service definition (its password is the real one).
Json pgsqlService(const QString &name, const QString &password)
{
    const QUrl url(TestDatabases::pgsqlUrl());
    return Json{{"name", name},
                {"type", "pgsql"},
                {"config",
                 {{"host", url.host()},
                  {"port", QString::number(url.port(5432))},
                  {"database", url.path().mid(1)},
                  {"username", url.userName()},
                  {"password", password.isNull() ? url.password() : password}}}};
}
} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QList<TestResponse> m_responses; // every response, for the leak check

    bool start(const QString &dataDir, const QString &mode, QString *error = nullptr)
    {
        TestServer::Options options;
        options.dataDir = dataDir;
        options.settings.insert(QStringLiteral("secret_store"), mode);
        m_server = std::make_unique<TestServer>(options);
        if (!m_server->start()) {
            if (error)
                *error = m_server->errorString();
            m_server.reset();
            return false;
        }
        return true;
    }

    TestResponse call(const QByteArray &method, const QString &path, const Json &body = nullptr,
                      const Headers &headers = {})
    {
        TestResponse r = m_server->request(method, path, body, headers);
        m_responses << r;
        return r;
    }

    TestResponse admin(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return call(method, path, body,
                    {{"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()}});
    }

    QString backend() { return m_server->engine().store().secretStore().backendName(); }

    QString enginePassword(qint64 id)
    {
        for (const ServiceInfo &info : m_server->engine().store().services())
            if (info.id == id)
                return str(info.config["password"]);
        return QStringLiteral("<no such service>");
    }

private slots:
    void initTestCase()
    {
        if (!inSecretService()) {
            // No bus at all, whatever the developer's session has.
            qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gatehouse-test-no-bus");
            qunsetenv("DISPLAY");
        }
        g_sink = std::make_shared<CaptureSink>();
        spdlog::default_logger()->sinks().push_back(g_sink);
        spdlog::set_level(spdlog::level::trace);
        g_previousHandler = qInstallMessageHandler(captureQtMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        spdlog::set_level(spdlog::level::warn);
    }

    void modeParsing()
    {
        QCOMPARE(SecretStore::parseMode(QStringLiteral("auto")), SecretStore::Mode::Auto);
        QCOMPARE(SecretStore::parseMode(QStringLiteral(" Keychain ")), SecretStore::Mode::Keychain);
        QCOMPARE(SecretStore::parseMode(QStringLiteral("sealed")), SecretStore::Mode::Sealed);
        QVERIFY(!SecretStore::parseMode(QStringLiteral("vault")));
        QTemporaryDir dir;
        QString error;
        QVERIFY(!start(dir.path(), QStringLiteral("vault"), &error));
        QVERIFY2(error.contains(QLatin1String("secret_store")), qPrintable(error));

        // A shared PostgreSQL system database never uses a host keychain.
        SecretStore::Options shared;
        shared.sharedSystemDb = true;
        QString reason;
        QCOMPARE(SecretStore::detect(shared, &reason), QStringLiteral("sealed"));
        shared.mode = SecretStore::Mode::Keychain;
        QCOMPARE(SecretStore::detect(shared, &reason), QStringLiteral("unavailable"));
        QVERIFY2(reason.contains(QLatin1String("PostgreSQL")), qPrintable(reason));
        SecretBox box(QByteArray(32, '\x42'));
        QVERIFY(!SecretStore::open(box, shared, &error));
    }

    void storeApi()
    {
        // Sealed store: v1 text, compatible with values SecretBox sealed before the store existed.
        const SecretBox box(QByteArray(32, '\x07'));
        SecretStore::Options options;
        options.mode = SecretStore::Mode::Sealed;
        QString error;
        auto sealed = SecretStore::open(box, options, &error);
        QVERIFY2(sealed, qPrintable(error));
        QCOMPARE(sealed->backendName(), QStringLiteral("sealed"));
        const QString plain = QStringLiteral("p@ss w\u00f6rd");
        const QString stored = sealed->protect(plain);
        QVERIFY(stored.startsWith(QLatin1String("v1:")) && !stored.contains(plain));
        QVERIFY(SecretStore::isProtected(stored) && sealed->isCurrent(stored));
        QCOMPARE(sealed->reveal(stored).value_or(QString()), plain);
        QCOMPARE(sealed->reveal(box.seal(plain.toUtf8())).value_or(QString()), plain);
        QVERIFY(!sealed->reveal(SecretBox(QByteArray(32, '\x08')).seal("x")));
        QVERIFY(!sealed->reveal(QStringLiteral("plain text")));
        QVERIFY(!SecretStore::isProtected(QStringLiteral("plain text")));
        QVERIFY(SecretStore::isProtected(QStringLiteral("kc:0b7e")));
        // A keychain reference cannot be read without a keychain (logged, never thrown).
        QVERIFY(!sealed->reveal(QStringLiteral("kc:00000000-0000-0000-0000-000000000000")));
        QVERIFY(!SecretStore::open(SecretBox(), options, &error));

        if (!inSecretService())
            return;
        options.mode = SecretStore::Mode::Keychain;
        auto keychain = SecretStore::open(box, options, &error);
        QVERIFY2(keychain, qPrintable(error));
        const QString reference = keychain->protect(plain);
        QVERIFY2(reference.startsWith(QLatin1String("kc:")) && !reference.contains(plain),
                 qPrintable(reference));
        QCOMPARE(keychain->reveal(reference).value_or(QString()), plain);
        // Sealed values stay readable with the keychain active, and are not "current".
        QCOMPARE(keychain->reveal(stored).value_or(QString()), plain);
        QVERIFY(!keychain->isCurrent(stored) && keychain->isCurrent(reference));
        // release + settle without a reference deletes the entry.
        keychain->release(QStringLiteral("test"), reference);
        keychain->settle(QStringLiteral("other"), {});
        QCOMPARE(keychainEntryCount(), 1);
        keychain->settle(QStringLiteral("test"), {});
        QCOMPARE(keychainEntryCount(), 0);
    }

    void sealedWithoutKeychain()
    {
        if (inSecretService())
            QSKIP("runs without a Secret Service (tst_secretstore)");
        QTemporaryDir dir;
        QString error;
        // Explicit keychain with no keychain service: a clear start-up error.
        QVERIFY(!start(dir.path(), QStringLiteral("keychain"), &error));
        QVERIFY2(error.contains(QLatin1String("keychain")), qPrintable(error));

        QVERIFY2(start(dir.path(), QStringLiteral("auto"), &error), qPrintable(error));
        QCOMPARE(backend(), QStringLiteral("sealed"));
        QVERIFY(g_sink->text().contains("secret store: sealed"));
        const QString secret = QStringLiteral("Sealed-Only-Pw-5120");
        const QString dbFile = QDir(dir.path()).filePath(QStringLiteral("s.db"));
        const TestResponse created =
            admin("POST", kSystem + QStringLiteral("/service"),
                  Json{{"resource",
                        {{{"name", "sealed_svc"},
                          {"type", "sqlite"},
                          {"config", {{"database", dbFile}, {"password", secret}}}}}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 id = created.json["resource"][0]["id"].get<qint64>();
        const QString stored = str(storedConfig(dir.path(), id)["password"]);
        QVERIFY2(stored.startsWith(QLatin1String("v1:")), qPrintable(stored));
        QCOMPARE(enginePassword(id), secret);
        QVERIFY(!systemDatabaseText(dir.path(), nullptr).contains(secret.toUtf8()));

        // Restart on the same data folder: the sealed value opens with the same master key.
        m_server.reset();
        QVERIFY2(start(dir.path(), QStringLiteral("sealed"), &error), qPrintable(error));
        QCOMPARE(enginePassword(id), secret);
        m_server.reset();
    }

    void keychainBackend()
    {
        if (!inSecretService())
            QSKIP("needs a Secret Service: run through tests/support/with-secret-service.sh "
                  "(tst_secretstore_keychain)");
        GATEHOUSE_REQUIRE_URL(TestDatabases::pgsqlUrl(), "PostgreSQL (GATEHOUSE_TEST_PGSQL)");
        QTemporaryDir dir;
        QString error;
        QVERIFY2(start(dir.path(), QStringLiteral("auto"), &error), qPrintable(error));
        QCOMPARE(backend(), QStringLiteral("keychain"));
        QVERIFY(g_sink->text().contains("secret store: keychain"));

        // A working database service whose password lives in the keychain.
        const QString realPassword = QUrl(TestDatabases::pgsqlUrl()).password();
        const TestResponse created =
            admin("POST", kSystem + QStringLiteral("/service"),
                  Json{{"resource", {pgsqlService(QStringLiteral("kc_pg"), QString())}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 id = created.json["resource"][0]["id"].get<qint64>();
        QCOMPARE(str(created.json["resource"][0]["id"]), QString::number(id));
        const Json row = storedConfig(dir.path(), id);
        const QString reference = str(row["password"]);
        QVERIFY2(reference.startsWith(QLatin1String("kc:")), qPrintable(reference));
        QVERIFY(!reference.contains(realPassword));
        // No sealed blob anywhere in the row: only the reference.
        QVERIFY2(!QString::fromStdString(row.dump()).contains(QLatin1String("v1:")), row.dump().c_str());
        QCOMPARE(enginePassword(id), realPassword);
        TestResponse tables = admin("GET", QStringLiteral("/api/v2/kc_pg/_table"));
        QVERIFY2(tables.status == 200, tables.describe().constData());

        // A second service with a unique password: not in the database files at all.
        const QString unique = QStringLiteral("Keychain-Only-Pw-8841");
        Json staged = pgsqlService(QStringLiteral("kc_staged"), unique);
        staged["is_active"] = false;
        const TestResponse second =
            admin("POST", kSystem + QStringLiteral("/service"), Json{{"resource", {staged}}});
        QVERIFY2(second.status == 201, second.describe().constData());
        const qint64 stagedId = second.json["resource"][0]["id"].get<qint64>();
        const QString stagedRef = str(storedConfig(dir.path(), stagedId)["password"]);
        QVERIFY2(stagedRef.startsWith(QLatin1String("kc:")), qPrintable(stagedRef));
        QVERIFY(!systemDatabaseText(dir.path(), nullptr).contains(unique.toUtf8()));

        // Writing the mask back keeps the very same keychain entry.
        const TestResponse masked =
            admin("PATCH", kSystem + QStringLiteral("/service/%1").arg(stagedId),
                  Json{{"description", "d"}, {"config", {{"password", "**********"}}}});
        QVERIFY2(masked.status == 200, masked.describe().constData());
        QCOMPARE(str(storedConfig(dir.path(), stagedId)["password"]), stagedRef);
        QCOMPARE(enginePassword(stagedId), unique);

        // Restart on the same data folder: the password comes back from the keychain.
        m_server.reset();
        QVERIFY2(start(dir.path(), QStringLiteral("keychain"), &error), qPrintable(error));
        QCOMPARE(backend(), QStringLiteral("keychain"));
        QCOMPARE(enginePassword(id), realPassword);
        QCOMPARE(enginePassword(stagedId), unique);
        tables = admin("GET", QStringLiteral("/api/v2/kc_pg/_table"));
        QVERIFY2(tables.status == 200, tables.describe().constData());

        // A fresh store each time (empty cache) reads straight from the keychain.
        auto keychainValue = [](const QString &ref) {
            SecretStore::Options options;
            options.mode = SecretStore::Mode::Keychain;
            QString problem;
            auto fresh = SecretStore::open(SecretBox(QByteArray(32, '\x01')), options, &problem);
            return fresh ? fresh->reveal(ref).value_or(QStringLiteral("<none>")) : problem;
        };
        QCOMPARE(keychainValue(stagedRef), unique);

        // A new password replaces the entry; the old one is deleted from the keychain.
        const QString changed = QStringLiteral("Keychain-Changed-Pw-3307");
        const TestResponse patched = admin("PATCH", kSystem + QStringLiteral("/service/%1").arg(stagedId),
                                           Json{{"config", {{"password", changed}}}});
        QVERIFY2(patched.status == 200, patched.describe().constData());
        const QString newRef = str(storedConfig(dir.path(), stagedId)["password"]);
        QVERIFY(newRef.startsWith(QLatin1String("kc:")) && newRef != stagedRef);
        QCOMPARE(enginePassword(stagedId), changed);
        QCOMPARE(keychainValue(stagedRef), QStringLiteral("<none>"));
        QCOMPARE(keychainValue(newRef), changed);

        // A write that fails after the secret was stored leaves no entry behind (rollback batch:
        // the second record's name is taken).
        Json first = pgsqlService(QStringLiteral("kc_rolled_back"), QStringLiteral("Rolled-Back-Pw-1"));
        first["is_active"] = false;
        Json clash = pgsqlService(QStringLiteral("kc_staged"), QStringLiteral("Rolled-Back-Pw-2"));
        clash["is_active"] = false;
        const TestResponse rolledBack = admin("POST", kSystem + QStringLiteral("/service?rollback=true"),
                                              Json{{"resource", {first, clash}}});
        QCOMPARE(rolledBack.status, 400);
        // Left in the keychain: kc_pg's entry and kc_staged's new one; the rolled-back
        // record's entry and the replaced one are gone.
        QCOMPARE(keychainEntryCount(), 2);
        QCOMPARE(admin("GET", kSystem + QStringLiteral("/service?filter=") +
                                  QString::fromLatin1(
                                      QUrl::toPercentEncoding(QStringLiteral("name='kc_rolled_back'"))))
                     .json["resource"]
                     .size(),
                 std::size_t(0));

        // Deleting the service deletes its keychain entry.
        QCOMPARE(admin("DELETE", kSystem + QStringLiteral("/service/%1").arg(stagedId)).status, 200);
        QCOMPARE(keychainValue(newRef), QStringLiteral("<none>"));
        QCOMPARE(keychainEntryCount(), 1);
        // The live service's entry is untouched by all of this.
        QCOMPARE(keychainValue(reference), realPassword);
        m_server.reset();
    }

    void sealedValuesMoveToKeychain()
    {
        if (!inSecretService())
            QSKIP("needs a Secret Service (tst_secretstore_keychain)");
        QTemporaryDir dir;
        QString error;
        QVERIFY2(start(dir.path(), QStringLiteral("sealed"), &error), qPrintable(error));
        const QString secret = QStringLiteral("Moved-To-Keychain-Pw-4410");
        const QString dbFile = QDir(dir.path()).filePath(QStringLiteral("m.db"));
        const TestResponse created =
            admin("POST", kSystem + QStringLiteral("/service"),
                  Json{{"resource",
                        {{{"name", "moving"},
                          {"type", "sqlite"},
                          {"config", {{"database", dbFile}, {"password", secret}}}}}}});
        QVERIFY2(created.status == 201, created.describe().constData());
        const qint64 id = created.json["resource"][0]["id"].get<qint64>();
        QVERIFY(str(storedConfig(dir.path(), id)["password"]).startsWith(QLatin1String("v1:")));

        // The keychain now: the sealed value is still read, and moves on the next config save.
        m_server.reset();
        QVERIFY2(start(dir.path(), QStringLiteral("keychain"), &error), qPrintable(error));
        QCOMPARE(enginePassword(id), secret);
        const TestResponse saved = admin("PATCH", kSystem + QStringLiteral("/service/%1").arg(id),
                                         Json{{"config", {{"database", dbFile}}}});
        QVERIFY2(saved.status == 200, saved.describe().constData());
        const QString moved = str(storedConfig(dir.path(), id)["password"]);
        QVERIFY2(moved.startsWith(QLatin1String("kc:")), qPrintable(moved));
        QCOMPARE(enginePassword(id), secret);
        m_server.reset();
    }

    void noSecretInLogsResponsesOrDatabase()
    {
        QTemporaryDir dir;
        QString error;
        m_responses.clear();
        QVERIFY2(start(dir.path(), QStringLiteral("auto"), &error), qPrintable(error));
        const QByteArray logsBefore = g_sink->text();
        const QByteArray qtBefore = g_qtMessages;

        QStringList secrets{QStringLiteral("Leak-Check-Sqlite-Pw-6601"),
                            QStringLiteral("Leak-Check-Pg-Pw-6602"), QStringLiteral("Leak-Check-My-Pw-6603"),
                            QStringLiteral("Leak-Check-Changed-Pw-6604"),
                            QString::fromLatin1(TestServer::kAdminPassword)};

        // Sign in (the request carries the admin password; only the token comes back).
        const TestResponse login = m_server->request(
            "POST", kSystem + QStringLiteral("/admin/session"),
            Json{{"email", TestServer::kAdminEmail}, {"password", TestServer::kAdminPassword}});
        QCOMPARE(login.status, 200);
        const QString token = str(login.json["session_token"]);
        QVERIFY(!token.isEmpty());
        QVERIFY(!login.body.contains(TestServer::kAdminPassword));

        // Services with passwords: a working SQLite one, databases refusing a wrong password
        // (the refusal goes through the drivers and the logs), and a password change.
        const QString dbFile = QDir(dir.path()).filePath(QStringLiteral("leak.db"));
        const TestResponse sqlite =
            admin("POST", kSystem + QStringLiteral("/service"),
                  Json{{"resource",
                        {{{"name", "leak_sqlite"},
                          {"type", "sqlite"},
                          {"config", {{"database", dbFile}, {"password", secrets[0]}}}}}}});
        QVERIFY2(sqlite.status == 201, sqlite.describe().constData());
        const qint64 sqliteId = sqlite.json["resource"][0]["id"].get<qint64>();
        if (!TestDatabases::pgsqlUrl().isEmpty()) {
            const TestResponse refused =
                admin("POST", kSystem + QStringLiteral("/service"),
                      Json{{"resource", {pgsqlService(QStringLiteral("leak_pg"), secrets[1])}}});
            QCOMPARE(refused.status, 400);
        }
        if (!TestDatabases::mysqlUrl().isEmpty()) {
            const QUrl url(TestDatabases::mysqlUrl());
            const TestResponse refused = admin("POST", kSystem + QStringLiteral("/service"),
                                               Json{{"resource",
                                                     {{{"name", "leak_my"},
                                                       {"type", "mysql"},
                                                       {"config",
                                                        {{"host", url.host()},
                                                         {"port", QString::number(url.port(3306))},
                                                         {"database", url.path().mid(1)},
                                                         {"username", url.userName()},
                                                         {"password", secrets[2]}}}}}}});
            QCOMPARE(refused.status, 400);
        }
        QCOMPARE(admin("PATCH", kSystem + QStringLiteral("/service/%1").arg(sqliteId),
                       Json{{"config", {{"password", secrets[3]}}}})
                     .status,
                 200);
        QCOMPARE(enginePassword(sqliteId), secrets[3]);

        // An app key, used in a header and in the query string, on data and system routes.
        const qint64 roleId = m_server->createRole(
            QStringLiteral("leak_role"),
            Json::array(
                {{{"service_id", sqliteId}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}}}));
        QVERIFY(roleId > 0);
        const TestResponse app =
            admin("POST", kSystem + QStringLiteral("/app"),
                  Json{{"resource", {{{"name", "leak_app"}, {"is_active", true}, {"role_id", roleId}}}}});
        QCOMPARE(app.status, 201);
        const QString apiKey = str(app.json["resource"][0]["api_key"]);
        QVERIFY(apiKey.size() >= 32);
        // Shown once, on creation: that response is the one allowed to hold it.
        m_responses.removeLast();
        QCOMPARE(call("GET", QStringLiteral("/api/v2/leak_sqlite/_table"), nullptr,
                      {{"X-DreamFactory-API-Key", apiKey.toLatin1()}})
                     .status,
                 200);
        QCOMPARE(call("GET", QStringLiteral("/api/v2/leak_sqlite/_table?api_key=") + apiKey).status, 200);
        call("GET", QStringLiteral("/api/v2/leak_sqlite/_table/nope?api_key=") + apiKey);
        call("GET", kSystem + QStringLiteral("/service?api_key=") + apiKey);
        // The session token in a header, a bearer and the query string; sessions read back.
        QCOMPARE(call("GET", kSystem + QStringLiteral("/service?fields=*"), nullptr,
                      {{"Authorization", "Bearer " + token.toLatin1()}})
                     .status,
                 200);
        QCOMPARE(
            call("GET", kSystem + QStringLiteral("/service/%1?session_token=%2").arg(sqliteId).arg(token))
                .status,
            200);
        // Reading one's own session hands the token back to its bearer: not recorded.
        QCOMPARE(m_server
                     ->request("GET", kSystem + QStringLiteral("/admin/session"), nullptr,
                               {{"X-DreamFactory-Session-Token", token.toLatin1()}})
                     .status,
                 200);
        call("GET", kSystem + QStringLiteral("/app?fields=*"), nullptr,
             {{"X-DreamFactory-Session-Token", token.toLatin1()}});
        call("GET", QStringLiteral("/api/v2/leak_sqlite/_table?session_token=") + token);
        // A failed sign-in with a secret as the password.
        call("POST", kSystem + QStringLiteral("/admin/session"),
             Json{{"email", TestServer::kAdminEmail}, {"password", secrets[0]}});
        // Sign out (revocation is stored).
        call("DELETE", kSystem + QStringLiteral("/admin/session"), nullptr,
             {{"X-DreamFactory-Session-Token", token.toLatin1()}});
        m_server->engine().store().reloadAll();
        QTest::qWait(200);

        const QStringList values = secrets + QStringList{apiKey, token};
        const QByteArray logs = g_sink->text().mid(logsBefore.size()) + g_qtMessages.mid(qtBefore.size());
        QVERIFY2(!logs.isEmpty(), "the log capture saw nothing: the test sink is not attached");
        QStringList auditTables;
        const QByteArray database = systemDatabaseText(dir.path(), &auditTables);
        for (const QString &value : values) {
            const QByteArray raw = value.toUtf8();
            const QByteArray encoded = QUrl::toPercentEncoding(value);
            QVERIFY2(!logs.contains(raw) && !logs.contains(encoded),
                     qPrintable(QStringLiteral("a secret appears in the logs: %1").arg(value.left(12))));
            for (const TestResponse &r : m_responses) {
                QVERIFY2(!r.body.contains(raw),
                         qPrintable(QStringLiteral("a secret appears in a response: ") +
                                    QString::fromUtf8(r.describe())));
                for (const QByteArray &header : r.headers)
                    QVERIFY2(!header.contains(raw), "a secret appears in a response header");
            }
            QVERIFY2(!database.contains(raw) && !database.contains(encoded),
                     qPrintable(
                         QStringLiteral("a secret appears in the system database: %1").arg(value.left(12))));
        }
        // The audit trail is part of `database` above: it must have been there to check.
        QVERIFY(!auditTables.isEmpty());
        m_server.reset();
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
