// OAuth for MCP clients end to end: the official MCP TypeScript SDK's OAuth client
// (`@modelcontextprotocol/sdk`, mcp-oauth-client.mjs) against an mcp service with `oauth`, a
// real OpenID provider (`oidc-provider`, tests/support/oidc-idp) as the authorization server and
// Gatehouse's `oidc` identity service verifying its tokens. The script discovers the protected
// resource metadata, runs the code flow with PKCE and the `resource` parameter, lists and calls
// tools as the signed-in person, and checks that tokens for another resource are refused. Here:
// the tool calls are in the audit trail as that person.
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "ChildProcess.h"
#include "MockProvider.h"
#include "OidcTestIdp.h"
#include "TestServer.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestMcpOAuthSdk : public QObject
{
    Q_OBJECT

private slots:
    void sdkSignsInThroughTheIdentityProvider()
    {
        const QString dir = QStringLiteral(QT_TESTCASE_SOURCEDIR);
        const bool required = qEnvironmentVariableIntValue("GATEHOUSE_TEST_REQUIRE_DATABASES") == 1;
        if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/@modelcontextprotocol/sdk/package.json")))
            QFAIL("the @modelcontextprotocol/sdk package is missing: run `npm ci` in tests/interop "
                  "(./setup.sh test does)");
        if (!OidcTestIdp::isInstalled()) {
            if (required)
                QFAIL("the test OpenID provider is not installed (npm ci in tests/support/oidc-idp)");
            QSKIP("the test OpenID provider is not installed (npm ci in tests/support/oidc-idp)");
        }
        const QString node = MockProvider::nodeProgram();
        QVERIFY2(!node.isEmpty(), "node not found (install nodejs or set GATEHOUSE_NODE)");

        OidcTestIdp idp;
        QVERIFY2(idp.start({QStringLiteral("http://127.0.0.1/callback")}), qPrintable(idp.errorString()));

        TestServer::Options options;
        options.demo = true;
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        // The app OAuth callers get (no API key): its default role reaches both MCP servers and
        // the demo customers.
        const qint64 demo = server.engine().services().find(QStringLiteral("demo"))->info().id;
        const TestResponse app =
            server.admin("POST", QStringLiteral("/api/v2/system/app"),
                         Json{{"resource", {{{"name", "mcp-oauth"}, {"is_active", true}}}}});
        QVERIFY2(app.status == 201, app.describe().constData());
        const qint64 appId = app.json["resource"][0]["id"].get<qint64>();
        const TestResponse oidc = server.admin("POST", QStringLiteral("/api/v2/system/service"),
                                               Json{{"resource",
                                                     {{{"name", "corp"},
                                                       {"type", "oidc"},
                                                       {"config",
                                                        {{"issuer", idp.issuer()},
                                                         {"client_id", OidcTestIdp::kClientId},
                                                         {"client_secret", OidcTestIdp::kClientSecret},
                                                         {"app_id", appId}}}}}}});
        QVERIFY2(oidc.status == 201, oidc.describe().constData());
        Json rules = Json::array();
        for (const char *name : {"data", "other"}) {
            const qint64 id = server.createService(
                Json{{"name", name},
                     {"type", "mcp"},
                     {"config",
                      {{"services", {"demo"}},
                       {"oauth", {{"identity_service", "corp"}, {"scopes", {"mcp:tools"}}}}}}});
            QVERIFY(id);
            rules.push_back(
                Json{{"service_id", id}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}});
        }
        for (const char *component : {"_table/customers", "_schema/customers"})
            rules.push_back(Json{
                {"service_id", demo}, {"component", component}, {"verb_mask", 1}, {"requestor_mask", 1}});
        const qint64 role = server.createRole(QStringLiteral("mcp-oauth"), rules);
        QVERIFY(role);
        const TestResponse linked = server.admin("PATCH", QStringLiteral("/api/v2/system/app/%1").arg(appId),
                                                 Json{{"role_id", role}});
        QVERIFY2(linked.status == 200, linked.describe().constData());

        const ChildProcess::Outcome run =
            ChildProcess::run(node, {dir + QStringLiteral("/mcp-oauth-client.mjs")}, dir,
                              {{QStringLiteral("GATEHOUSE_URL"), server.baseUrl()},
                               {QStringLiteral("MCP_SERVICE"), QStringLiteral("data")},
                               {QStringLiteral("OTHER_MCP_SERVICE"), QStringLiteral("other")},
                               {QStringLiteral("IDP_ISSUER"), idp.issuer()},
                               {QStringLiteral("IDP_CLIENT_ID"), QLatin1String(OidcTestIdp::kPublicClientId)},
                               {QStringLiteral("IDP_ACCOUNT"), QStringLiteral("alice")}},
                              120000);
        const QByteArray &output = run.output;
        QVERIFY2(run.finished, QByteArray(output + "\n(interop script timed out)").constData());
        QVERIFY2(run.succeeded, output.constData());
        QVERIFY2(output.contains("all checks passed"), output.constData());
        QVERIFY2(output.contains("ACCESS_TOKEN_SUB=u-alice-0001"), output.constData());

        // The tool calls ran as alice: her identity is on their audit records.
        QVERIFY(server.flushAudit());
        const TestResponse audit = server.admin(
            "GET", QStringLiteral("/api/v2/system/audit?fields=*&order=id%20DESC&limit=100&filter=") +
                       QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("service = 'demo'"))));
        QCOMPARE(audit.status, 200);
        int asAlice = 0;
        for (const Json &row : audit.json["resource"]) {
            const std::string text = row.dump();
            if (text.find("alice@example.test") != std::string::npos && text.find("mcp") != std::string::npos)
                ++asAlice;
        }
        QVERIFY2(asAlice >= 2, audit.body.left(3000).constData());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestMcpOAuthSdk test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mcpoauthsdk.moc"
