// The official MCP TypeScript SDK (`@modelcontextprotocol/sdk` from npm) against the MCP
// server: connect over Streamable HTTP with an API key, list and call tools (a query and a
// named query), a permission error as a tool error, resources and prompts, ending the session
// (mcp-client.mjs does the calls and checks). The gateway runs in-process with the demo data.
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include "ChildProcess.h"
#include "MockProvider.h"
#include "TestServer.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestMcpSdk : public QObject
{
    Q_OBJECT

private slots:
    void officialClientUsesTheMcpServer()
    {
        const QString dir = QStringLiteral(QT_TESTCASE_SOURCEDIR);
        if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/@modelcontextprotocol/sdk/package.json")))
            QFAIL("the @modelcontextprotocol/sdk package is missing: run `npm ci` in tests/interop "
                  "(./setup.sh test does)");
        const QString node = MockProvider::nodeProgram();
        QVERIFY2(!node.isEmpty(), "node not found (install nodejs or set GATEHOUSE_NODE)");

        TestServer::Options options;
        options.demo = true;
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 demo = server.engine().services().find(QStringLiteral("demo"))->info().id;
        const qint64 mcp = server.createService(
            Json{{"name", "data"}, {"type", "mcp"}, {"config", {{"services", {"demo"}}}}});
        QVERIFY(mcp);
        const qint64 role = server.createRole(
            QStringLiteral("mcp-sdk"),
            Json::array(
                {Json{{"service_id", mcp}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}},
                 Json{{"service_id", demo},
                      {"component", "_table/customers"},
                      {"verb_mask", 1},
                      {"requestor_mask", 1}},
                 Json{{"service_id", demo},
                      {"component", "_schema/customers"},
                      {"verb_mask", 1},
                      {"requestor_mask", 1}},
                 Json{{"service_id", demo},
                      {"component", "_proc/*"},
                      {"verb_mask", 3},
                      {"requestor_mask", 1}}}));
        QVERIFY(role);
        const TestResponse mask = server.admin("POST", QStringLiteral("/api/v2/system/field_mask"),
                                               {{"role_id", role},
                                                {"service_id", demo},
                                                {"table_name", "customers"},
                                                {"field", "email"},
                                                {"mode", "redact"}});
        QVERIFY2(mask.status == 201, mask.describe().constData());
        const QString key = server.createAppKey(QStringLiteral("mcp-sdk"), role);
        QVERIFY(!key.isEmpty());

        const ChildProcess::Outcome run =
            ChildProcess::run(node, {dir + QStringLiteral("/mcp-client.mjs")}, dir,
                              {{QStringLiteral("GATEHOUSE_URL"), server.baseUrl()},
                               {QStringLiteral("GATEHOUSE_API_KEY"), key},
                               {QStringLiteral("MCP_SERVICE"), QStringLiteral("data")}},
                              120000);
        const QByteArray &output = run.output;
        QVERIFY2(run.finished, QByteArray(output + "\n(interop script timed out)").constData());
        QVERIFY2(run.succeeded, output.constData());
        QVERIFY2(output.contains("all checks passed"), output.constData());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestMcpSdk test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mcpsdk.moc"
