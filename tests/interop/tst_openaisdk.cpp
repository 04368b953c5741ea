// The official `openai` npm package against the OpenAI-compatible drop-in
// (/api/v2/_ai/v1): chat, streaming, a tool-call round trip, parallel streamed tool calls,
// embeddings, the model list and an unknown alias (openai-dropin.mjs does the calls and checks).
// The gateway runs in-process; the mock provider stands in for OpenAI behind it.
#include <QCoreApplication>
#include <QTest>

#include "MockProvider.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestOpenAiSdk : public QObject
{
    Q_OBJECT

private slots:
    void officialClientWorksThroughTheDropIn()
    {
        MockProvider mock;
        QVERIFY2(mock.start(), qPrintable(mock.errorString()));
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 service = server.createService(Json{{"name", "openai"},
                                                         {"type", "ai"},
                                                         {"is_active", true},
                                                         {"config",
                                                          {{"provider", "openai"},
                                                           {"base_url", mock.baseUrl().toStdString() + "/v1"},
                                                           {"api_key", MockProvider::kApiKey},
                                                           {"default_model", "gpt-4o-mini"}}}});
        QVERIFY(service);
        for (const auto &[alias, model] :
             {std::pair{"chat", "gpt-4o-mini"}, std::pair{"embed", "text-embedding-3-small"}}) {
            const TestResponse r = server.admin(
                "POST", QStringLiteral("/api/v2/system/ai_alias"),
                Json{{"resource",
                      Json::array({Json{{"alias", alias}, {"service_id", service}, {"model", model}}})}});
            QVERIFY2(r.status == 201 || r.status == 200, r.describe().constData());
        }
        const qint64 role = server.createRole(
            QStringLiteral("sdk"),
            Json::array({Json{
                {"service_id", service}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}}}));
        const QString key = server.createAppKey(QStringLiteral("sdk"), role);
        QVERIFY(!key.isEmpty());

        QByteArray output;
        const int rc = mock.runOpenAiInterop(server.baseUrl() + QStringLiteral("/api/v2/_ai/v1"), key,
                                             QStringLiteral("chat"), QStringLiteral("embed"), &output);
        QVERIFY2(rc != MockProvider::kNotInstalled,
                 "the openai package is missing: run `npm ci` in tests/interop (./setup.sh test does)");
        QVERIFY2(rc == 0, output.constData());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestOpenAiSdk test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_openaisdk.moc"
