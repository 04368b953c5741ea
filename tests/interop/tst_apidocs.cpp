// api_docs and _spec documents validated by @apidevtools/swagger-parser from npm
// (openapi-validate.mjs): every service type's document, as an admin and as a restricted role,
// over the 50-table fixture schema plus an AI connection and an MCP server.
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "ChildProcess.h"
#include "MockProvider.h"
#include "ShopSchema.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestApiDocs : public QObject
{
    Q_OBJECT

private slots:
    void documentsPassSwaggerParser()
    {
        const QString dir = QStringLiteral(GATEHOUSE_INTEROP_DIR);
        if (!QFileInfo::exists(dir +
                               QStringLiteral("/node_modules/@apidevtools/swagger-parser/package.json")))
            QFAIL("@apidevtools/swagger-parser is missing: run `npm ci` in tests/interop (./setup.sh test "
                  "does)");
        const QString node = MockProvider::nodeProgram();
        QVERIFY2(!node.isEmpty(), "node was not found");

        QTemporaryDir data;
        QVERIFY(data.isValid());
        const QString file = data.filePath(QStringLiteral("shop.sqlite"));
        QString error;
        QVERIFY2(ShopSchema::create(file, &error), qPrintable(error));
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 shop = server.createService(
            Json{{"name", "shop"}, {"type", "sqlite"}, {"config", {{"database", file.toStdString()}}}});
        QVERIFY(shop > 0);
        // An AI connection (never called: documents only).
        const qint64 ai = server.createService(Json{{"name", "assistant"},
                                                    {"type", "ai"},
                                                    {"config",
                                                     {{"provider", "openai"},
                                                      {"base_url", "http://127.0.0.1:9/v1"},
                                                      {"api_key", "sk-test"},
                                                      {"default_model", "gpt-4o-mini"}}}});
        QVERIFY(ai > 0);
        // An MCP server: its document is the generic one every service type gets.
        const qint64 mcp = server.createService(
            Json{{"name", "mcp_shop"}, {"type", "mcp"}, {"config", {{"services", Json::array({"shop"})}}}});
        QVERIFY(mcp > 0);
        Json rules = Json::array();
        for (const char *component : {"_spec", "_table/orders", "_table/customers", "_table/products"})
            rules.push_back(
                {{"service_id", shop}, {"component", component}, {"verb_mask", 1}, {"requestor_mask", 1}});
        rules.push_back({{"service_id", ai}, {"component", "chat"}, {"verb_mask", 2}, {"requestor_mask", 1}});
        const qint64 role = server.createRole(QStringLiteral("docs-reader"), rules);
        const QString key = server.createAppKey(QStringLiteral("docs-reader"), role);
        QVERIFY(!key.isEmpty());

        const ChildProcess::Outcome run =
            ChildProcess::run(node,
                              {dir + QStringLiteral("/openapi-validate.mjs"), QStringLiteral("shop"),
                               QStringLiteral("employees")},
                              dir,
                              {{QStringLiteral("GATEHOUSE_URL"), server.baseUrl()},
                               {QStringLiteral("GATEHOUSE_ADMIN_TOKEN"), server.adminToken()},
                               {QStringLiteral("GATEHOUSE_API_KEY"), key}},
                              180000);
        const QByteArray &output = run.output;
        qInfo("%s", output.trimmed().constData());
        QVERIFY2(run.finished, QByteArray("openapi-validate.mjs timed out: " + output).constData());
        QVERIFY2(run.succeeded, output.constData());
    }
};

QTEST_GUILESS_MAIN(TestApiDocs)
#include "tst_apidocs.moc"
