// GET /system/service_type's config_schema (the console's service forms) and the probes behind
// the "Test" button of database and AI services, through the whole engine.
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "MockProvider.h"
#include "TestMain.h"
#include "TestServer.h"
#include "services/ServiceManager.h"
#include "services/ai/AiConnection.h"
#include "services/ldap/LdapConfig.h"
#include "services/oidc/OidcSettings.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kTypes = QStringLiteral("/api/v2/system/service_type");
const QString kTest = QStringLiteral("/api/v2/system/service/_test");

// A value a required field of `type` accepts as present (not necessarily valid for real).
Json placeholderValue(const Json &field)
{
    const QString type = field.at("type").get<QString>();
    if (type == QLatin1String("url"))
        return "https://idp.example.org";
    if (type == QLatin1String("picklist"))
        return field.at("values").at(0);
    if (type == QLatin1String("integer"))
        return 1;
    return "example.org";
}

QStringList list(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *name : names)
        out << QLatin1String(name);
    return out;
}

QStringList stepNames(const Json &result)
{
    QStringList out;
    for (const Json &step : result.at("steps"))
        out << step.at("name").get<QString>();
    return out;
}
} // namespace

class TestServiceTypes : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    Json m_types;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const TestResponse types = m_server->admin("GET", kTypes);
        QVERIFY2(types.status == 200, types.describe().constData());
        m_types = types.json.at("resource");
    }

    void everyCreatableTypeHasASchema()
    {
        QStringList names;
        for (const Json &type : m_types) {
            const QString name = type.at("name").get<QString>();
            names << name;
            const Json &schema = type.at("config_schema");
            QVERIFY2(schema.is_array() && !schema.empty(), qPrintable(name));
            QStringList keys;
            for (const Json &field : schema) {
                for (const char *key : {"name", "label", "type", "description", "required", "default"})
                    QVERIFY2(field.contains(key), qPrintable(name + QLatin1Char('.') + QLatin1String(key)));
                const QString key = field.at("name").get<QString>();
                QVERIFY2(!keys.contains(key), qPrintable(name + QLatin1Char('.') + key));
                keys << key;
                QVERIFY2(ConfigField::types().contains(field.at("type").get<QString>()),
                         qPrintable(name + QLatin1Char('.') + key));
                if (field.at("type") == "picklist" || field.at("type") == "multi_picklist")
                    QVERIFY2(!field.at("values").empty(), qPrintable(name + QLatin1Char('.') + key));
            }
            QVERIFY2(type.contains("testable"), qPrintable(name));
        }
        for (const char *expected : {"sqlite", "pgsql", "mysql", "ai", "mcp", "ldap", "adldap", "oidc"})
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        // The engine's own registrations are sound (the same check as at start-up).
        for (const ServiceType *type : m_server->engine().services().types())
            QVERIFY2(configschema::problems(type->configSchema).isEmpty(),
                     qPrintable(type->name + QLatin1String(": ") +
                                configschema::problems(type->configSchema).join(QLatin1Char(' '))));
        // One type, by name, as the console's editor loads it.
        const TestResponse one = m_server->admin("GET", kTypes + QStringLiteral("/sqlite"));
        QVERIFY2(one.status == 200, one.describe().constData());
        QCOMPARE(one.json.at("config_schema").at(0).at("name").get<QString>(), QStringLiteral("database"));
        QCOMPARE(one.json.at("testable").get<bool>(), true);
        const TestResponse narrowed =
            m_server->admin("GET", kTypes + QStringLiteral("?fields=name,config_schema"));
        QVERIFY2(narrowed.status == 200, narrowed.describe().constData());
        QVERIFY(narrowed.json.at("resource").at(0).contains("config_schema"));
        QVERIFY(!narrowed.json.at("resource").at(0).contains("label"));
    }

    void secretFieldsAreFlagged()
    {
        const QHash<QString, QString> expected{{QStringLiteral("sqlite"), QString()},
                                               {QStringLiteral("pgsql"), QStringLiteral("password")},
                                               {QStringLiteral("mysql"), QStringLiteral("password")},
                                               {QStringLiteral("ldap"), QStringLiteral("bind_password")},
                                               {QStringLiteral("adldap"), QStringLiteral("bind_password")},
                                               {QStringLiteral("oidc"), QStringLiteral("client_secret")},
                                               {QStringLiteral("ai"), QStringLiteral("api_key")}};
        for (const Json &type : m_types) {
            const QString name = type.at("name").get<QString>();
            QStringList flagged;
            for (const Json &field : type.at("config_schema"))
                if (field.value("secret", false)) {
                    flagged << field.at("name").get<QString>();
                    QCOMPARE(field.at("type").get<QString>(), QStringLiteral("password"));
                }
            // secret_fields (masking, the secret store) includes the same declaration.
            QStringList secretFields;
            for (const Json &key : type.at("secret_fields"))
                secretFields << key.get<QString>();
            for (const QString &key : flagged)
                QVERIFY2(secretFields.contains(key), qPrintable(name + QLatin1Char('.') + key));
            if (expected.contains(name) && !expected.value(name).isEmpty())
                QVERIFY2(flagged.contains(expected.value(name)), qPrintable(name));
        }
    }

    void requiredFieldsAreEnforcedByValidate()
    {
        int checked = 0;
        for (const Json &type : m_types) {
            const QString name = type.at("name").get<QString>();
            QList<Json> required;
            for (const Json &field : type.at("config_schema"))
                if (field.at("required").get<bool>())
                    required << field;
            for (const Json &missing : required) {
                Json config = Json::object();
                for (const Json &field : required)
                    if (field.at("name") != missing.at("name"))
                        config[field.at("name").get<std::string>()] = placeholderValue(field);
                const TestResponse created = m_server->admin(
                    "POST", QStringLiteral("/api/v2/system/service"),
                    Json{{"resource", Json::array({{{"name", QStringLiteral("req_%1").arg(name)},
                                                    {"type", name},
                                                    {"config", config}}})}});
                const QString key = missing.at("name").get<QString>();
                QVERIFY2(created.status == 400, qPrintable(name + QLatin1Char('.') + key + QLatin1Char(' ') +
                                                           QString::fromUtf8(created.describe())));
                QVERIFY2(created.json.dump().find(key.toStdString()) != std::string::npos,
                         qPrintable(name + QLatin1Char('.') + key + QLatin1Char(' ') +
                                    QString::fromUtf8(created.describe())));
                ++checked;
            }
        }
        QVERIFY(checked >= 8);
    }

    void knownKeyListsComeFromTheSchema()
    {
        QCOMPARE(LdapConfig::knownKeys(),
                 configschema::keys(LdapConfig::configSchema(LdapConfig::Kind::ActiveDirectory)));
        QCOMPARE(OidcSettings::configKeys(), configschema::keys(OidcSettings::configSchema()));
        // A key the schema does not name is refused by the types that check keys.
        const TestResponse ai = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource", Json::array({{{"name", "ai_unknown"},
                                            {"type", "ai"},
                                            {"config", {{"provider", "ollama"}, {"not_a_key", 1}}}}})}});
        QCOMPARE(ai.status, 400);
        const TestResponse mcp = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource",
                  Json::array({{{"name", "mcp_unknown"}, {"type", "mcp"}, {"config", {{"nope", true}}}}})}});
        QCOMPARE(mcp.status, 400);
        QVERIFY2(mcp.json.dump().find("allow_writes") != std::string::npos, mcp.describe().constData());
    }

    void sqliteProbeCountsTables()
    {
        const QString path = m_dir.filePath(QStringLiteral("probe.db"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe-setup"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT)")));
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE gadgets (id INTEGER PRIMARY KEY)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe-setup"));
        const TestResponse ok =
            m_server->admin("POST", kTest, Json{{"type", "sqlite"}, {"config", {{"database", path}}}});
        QVERIFY2(ok.status == 200, ok.describe().constData());
        QCOMPARE(ok.json.at("success").get<bool>(), true);
        QCOMPARE(stepNames(ok.json), list({"config", "connect", "tables"}));
        QVERIFY2(
            ok.json.at("steps").at(2).at("detail").get<QString>().startsWith(QStringLiteral("2 table(s)")),
            ok.describe().constData());

        // A missing file is reported, and not created by the test.
        const QString missing = m_dir.filePath(QStringLiteral("missing.db"));
        const TestResponse absent =
            m_server->admin("POST", kTest, Json{{"type", "sqlite"}, {"config", {{"database", missing}}}});
        QVERIFY2(absent.status == 200, absent.describe().constData());
        QCOMPARE(absent.json.at("success").get<bool>(), false);
        QCOMPARE(stepNames(absent.json), list({"config", "connect"}));
        QVERIFY(absent.json.at("steps").at(1).at("detail").get<QString>().contains(
            QStringLiteral("does not exist")));
        QVERIFY(!QFile::exists(missing));

        // An incomplete config fails at the first step.
        const TestResponse incomplete =
            m_server->admin("POST", kTest, Json{{"type", "pgsql"}, {"config", Json::object()}});
        QVERIFY2(incomplete.status == 200, incomplete.describe().constData());
        QCOMPARE(incomplete.json.at("success").get<bool>(), false);
        QCOMPARE(stepNames(incomplete.json), list({"config"}));

        // A server nobody listens on: the connect step says so without waiting for long.
        const TestResponse refused = m_server->admin("POST", kTest,
                                                     Json{{"type", "pgsql"},
                                                          {"config",
                                                           {{"host", "127.0.0.1"},
                                                            {"port", 1},
                                                            {"database", "x"},
                                                            {"username", "u"},
                                                            {"password", "p"}}}});
        QVERIFY2(refused.status == 200, refused.describe().constData());
        QCOMPARE(refused.json.at("success").get<bool>(), false);
        QCOMPARE(stepNames(refused.json), list({"config", "connect"}));
        QVERIFY(refused.json.dump().find("\"p\"") == std::string::npos);
    }

    void aiProbeReadsTheModelList()
    {
        MockProvider mock;
        if (!mock.start())
            QSKIP(qPrintable(QStringLiteral("mock provider unavailable: %1").arg(mock.errorString())));
        const QString base = mock.baseUrl() + QStringLiteral("/v1");
        const TestResponse ok = m_server->admin(
            "POST", kTest,
            Json{{"type", "ai"},
                 {"config",
                  {{"provider", "openai"}, {"api_key", MockProvider::kApiKey}, {"base_url", base}}}});
        QVERIFY2(ok.status == 200, ok.describe().constData());
        QVERIFY2(ok.json.at("success").get<bool>(), ok.describe().constData());
        QCOMPARE(stepNames(ok.json), list({"config", "connect", "models"}));

        const TestResponse wrongKey = m_server->admin(
            "POST", kTest,
            Json{{"type", "ai"},
                 {"config", {{"provider", "openai"}, {"api_key", "wrong-key"}, {"base_url", base}}}});
        QVERIFY2(wrongKey.status == 200, wrongKey.describe().constData());
        QCOMPARE(wrongKey.json.at("success").get<bool>(), false);
        QCOMPARE(stepNames(wrongKey.json), list({"config", "connect"}));
        QVERIFY(wrongKey.json.dump().find("wrong-key") == std::string::npos);

        const TestResponse noProvider =
            m_server->admin("POST", kTest, Json{{"type", "ai"}, {"config", Json::object()}});
        QCOMPARE(noProvider.json.at("success").get<bool>(), false);
        QCOMPARE(stepNames(noProvider.json), list({"config"}));
    }
};

GATEHOUSE_TEST_MAIN(TestServiceTypes)
#include "tst_servicetypes.moc"
