// GET/PATCH /api/v2/system/config (the console's Settings page) through the whole engine:
// validation, persistence into the config file across a restart, no secrets in replies, and
// only admins may read or change the settings.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kConfig = QStringLiteral("/api/v2/system/config");

QStringList strings(const Json &array)
{
    QStringList out;
    if (array.is_array())
        for (const Json &v : array)
            out << str(v);
    return out;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

class TestSystemConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;

    QString iniPath() const { return QDir(m_dir.path()).filePath(QStringLiteral("gatehouse.ini")); }

    bool start()
    {
        TestServer::Options options;
        options.dataDir = m_dir.path();
        options.configFile = iniPath();
        m_server = std::make_unique<TestServer>(options);
        return m_server->start();
    }

    // PATCH that must fail with 400; returns the reply for further checks.
    TestResponse refused(const Json &body, const char *field)
    {
        const TestResponse r = m_server->admin("PATCH", kConfig, body);
        const QString message = str(r.json["error"]["message"]);
        if (r.status != 400 || !message.contains(QLatin1String(field)))
            qWarning("PATCH %s -> %s", body.dump().c_str(), r.describe().constData());
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A packaged-style file: comments and a commented-out default must survive a PATCH.
        QFile ini(iniPath());
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("; Gatehouse settings, kept by hand\n[gatehouse]\n;audit_retention_days = 90\n"
                  "jwt_ttl = 600\n");
        ini.close();
        QVERIFY2(start(), qPrintable(m_server->errorString()));
    }

    void readsEffectiveSettingsWithoutSecrets()
    {
        const TestResponse r = m_server->admin("GET", kConfig);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["data_dir"]), QDir(m_dir.path()).absolutePath());
        QCOMPARE(str(r.json["config_file"]), iniPath());
        QCOMPARE(r.json["config_file_writable"].get<bool>(), true);
        QCOMPARE(str(r.json["listen_address"]), QStringLiteral("127.0.0.1"));
        QCOMPARE(r.json["audit_retention_days"].get<int>(), 90);
        QCOMPARE(r.json["tls_enabled"].get<bool>(), false);
        QCOMPARE(str(r.json["secret_store"]["backend"]), QStringLiteral("sealed"));
        QCOMPARE(str(r.json["secret_store"]["setting"]), QStringLiteral("sealed"));
        QCOMPARE(str(r.json["system_db"]), QStringLiteral("sqlite"));
        QVERIFY(strings(r.json["pending_restart"]).isEmpty());
        QVERIFY(strings(r.json["editable"]).contains(QStringLiteral("port")));

        // Nothing secret: the admin password the engine was started with, the master key.
        const QByteArray masterKey =
            readText(QDir(m_dir.path()).filePath(QStringLiteral("master.key"))).trimmed().toLatin1();
        QVERIFY(!r.body.contains(TestServer::kAdminPassword));
        QVERIFY(masterKey.size() > 16);
        QVERIFY(!r.body.contains(masterKey));
        QVERIFY(!r.body.contains("admin_password"));
        QVERIFY(!r.body.contains("master_key"));
    }

    void refusesInvalidSettings()
    {
        const QString before = readText(iniPath());
        TestResponse r = refused(Json{{"port", 70000}}, "port");
        QCOMPARE(r.status, 400);
        QVERIFY(str(r.json["error"]["message"]).contains(QLatin1String("1 to 65535")));
        QCOMPARE(str(r.json["error"]["context"]["errors"]["port"]),
                 QStringLiteral("must be a whole number from 1 to 65535"));
        QCOMPARE(refused(Json{{"port", "8080"}}, "port").status, 400);
        QCOMPARE(refused(Json{{"port", 0}}, "port").status, 400);
        QCOMPARE(refused(Json{{"listen_address", "not an address"}}, "listen_address").status, 400);
        QCOMPARE(refused(Json{{"audit_retention_days", -1}}, "audit_retention_days").status, 400);
        QCOMPARE(refused(Json{{"log_level", "loud"}}, "log_level").status, 400);
        // Secrets and start-up-only settings are not editable here.
        QCOMPARE(refused(Json{{"admin_password", "x"}}, "admin_password").status, 400);
        QCOMPARE(refused(Json{{"system_db", "postgresql://a:b@h/d"}}, "system_db").status, 400);
        QCOMPARE(refused(Json{{"tls_cert", "/tmp/only-one.pem"}}, "tls_cert").status, 400);
        const QString missing = QDir(m_dir.path()).filePath(QStringLiteral("missing.pem"));
        QCOMPARE(refused(Json{{"tls_cert", missing}, {"tls_key", missing}}, "missing.pem").status, 400);
        QCOMPARE(m_server->admin("PATCH", kConfig, Json::object()).status, 400);
        QCOMPARE(m_server->admin("PATCH", kConfig, Json::array()).status, 400);
        QCOMPARE(m_server->admin("DELETE", kConfig).status, 405);
        // One bad value refuses the whole request: nothing was written.
        QCOMPARE(refused(Json{{"audit_retention_days", 30}, {"port", -5}}, "port").status, 400);
        QCOMPARE(readText(iniPath()), before);
    }

    void savesIntoTheConfigFile()
    {
        const TestResponse r = m_server->admin("PATCH", kConfig,
                                               Json{{"audit_retention_days", 30},
                                                    {"ai_prompt_retention_days", 7},
                                                    {"port", 9443},
                                                    {"listen_address", "0.0.0.0"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        // The running engine keeps its settings until a restart, and says so.
        QCOMPARE(r.json["audit_retention_days"].get<int>(), 90);
        QCOMPARE(r.json["saved"]["audit_retention_days"].get<int>(), 30);
        QCOMPARE(r.json["saved"]["port"].get<int>(), 9443);
        const QStringList restart = strings(r.json["restart_required"]);
        for (const char *key : {"audit_retention_days", "ai_prompt_retention_days", "port", "listen_address"})
            QVERIFY2(restart.contains(QLatin1String(key)), qPrintable(restart.join(QLatin1Char(','))));
        QVERIFY(!restart.contains(QStringLiteral("ai_usage_retention_days")));

        const QString text = readText(iniPath());
        QVERIFY2(text.contains(QLatin1String("; Gatehouse settings, kept by hand")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("\naudit_retention_days = 30\n")));
        QVERIFY(!text.contains(QLatin1String(";audit_retention_days")));
        QVERIFY(text.contains(QLatin1String("ai_prompt_retention_days = 7")));
        QVERIFY(text.contains(QLatin1String("listen = 0.0.0.0:9443")));
        QVERIFY(text.contains(QLatin1String("jwt_ttl = 600")));
        QCOMPARE(text.count(QLatin1String("[gatehouse]")), 1);
    }

    void persistsAcrossRestart()
    {
        m_server.reset();
        QVERIFY2(start(), qPrintable(m_server->errorString()));
        const TestResponse r = m_server->admin("GET", kConfig);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["audit_retention_days"].get<int>(), 30);
        QCOMPARE(r.json["ai_prompt_retention_days"].get<int>(), 7);
        const QStringList pending = strings(r.json["pending_restart"]);
        QVERIFY(!pending.contains(QStringLiteral("audit_retention_days")));
        // The test server passes its own listen address on the command line, which outranks
        // the file: the saved port stays pending.
        QVERIFY(pending.contains(QStringLiteral("port")));
        QCOMPARE(r.json["saved"]["port"].get<int>(), 9443);

        // A restart is required for what this request changed, not for other pending keys;
        // saving the running value needs none.
        TestResponse p = m_server->admin("PATCH", kConfig, Json{{"ai_usage_retention_days", 10}});
        QVERIFY2(p.status == 200, p.describe().constData());
        QCOMPARE(strings(p.json["restart_required"]), QStringList{QStringLiteral("ai_usage_retention_days")});
        QVERIFY(strings(p.json["pending_restart"]).contains(QStringLiteral("port")));
        p = m_server->admin("PATCH", kConfig, Json{{"audit_retention_days", 30}});
        QVERIFY2(p.status == 200, p.describe().constData());
        QVERIFY(strings(p.json["restart_required"]).isEmpty());
    }

    void onlyAdmins()
    {
        // Without credentials: refused before the resource (400: no API key or session).
        for (const TestResponse &anonymous :
             {m_server->request("GET", kConfig), m_server->request("PATCH", kConfig, Json{{"port", 8081}})})
            QVERIFY2(anonymous.status == 400 || anonymous.status == 401, anonymous.describe().constData());
        const qint64 roleId = m_server->createRole(
            QStringLiteral("reader"),
            Json::array({Json{
                {"service_id", 1}, {"component", "service"}, {"verb_mask", 1}, {"requestor_mask", 1}}}));
        QVERIFY(roleId > 0);
        const QString key = m_server->createAppKey(QStringLiteral("reader_app"), roleId);
        QVERIFY(!key.isEmpty());
        QVERIFY(m_server->createUser(QStringLiteral("reader@test.local"),
                                     QStringLiteral("Reader-Passw0rd-1")) > 0);
        const TestResponse login = m_server->userLogin(QStringLiteral("reader@test.local"),
                                                       QStringLiteral("Reader-Passw0rd-1"), key);
        QVERIFY2(login.status == 200, login.describe().constData());
        const Headers headers{{"X-DreamFactory-Session-Token", str(login.json["session_token"]).toLatin1()},
                              {"X-DreamFactory-API-Key", key.toLatin1()}};
        const TestResponse get = m_server->request("GET", kConfig, nullptr, headers);
        QVERIFY2(get.status == 403 || get.status == 401, get.describe().constData());
        const TestResponse patch = m_server->request("PATCH", kConfig, Json{{"port", 8081}}, headers);
        QVERIFY2(patch.status == 403 || patch.status == 401, patch.describe().constData());
        QVERIFY(!readText(iniPath()).contains(QLatin1String("8081")));
    }
};

QTEST_GUILESS_MAIN(TestSystemConfig)
#include "tst_systemconfig.moc"
