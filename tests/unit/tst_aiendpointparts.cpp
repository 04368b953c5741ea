// The pure parts of AI endpoints and the AI connection's issue-5 config: endpoint and data_chat
// parsing (defaults, every refusal naming its field), prompt templating, and reading a model's
// JSON answer (code fences, prose).
#include <QTest>

#include "core/ApiError.h"
#include "services/ai/AiConnection.h"
#include "services/ai/AiEndpointRun.h"

using namespace gatehouse;

namespace {
Json base()
{
    return Json{{"provider", "ollama"}};
}

Json validEndpoint()
{
    return Json{
        {"name", "summary"},
        {"service", "demo"},
        {"query", "GetCustomerSummaryData"},
        {"parameters", Json::array({Json{{"name", "customer_id"}, {"type", "integer"}, {"required", true}}})},
        {"prompt", "Customer {{customer_id}}: {{data}}"}};
}

QString refusal(const Json &config)
{
    try {
        AiConnection::fromConfig(config);
    } catch (const ApiError &e) {
        return e.message();
    }
    return {};
}
} // namespace

class TestAiEndpointParts : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        Json config = base();
        config["endpoints"] = Json::array({validEndpoint()});
        config["data_chat"] = Json{{"services", Json::array({"demo"})}};
        const AiConnection c = AiConnection::fromConfig(config);
        QCOMPARE(c.dataChat.maxIterations, 25);
        QCOMPARE(c.dataChat.maxResultChars, 50000);
        QVERIFY(!c.dataChat.allowWrites);
        QVERIFY(c.dataChat.enabled);
        QCOMPARE(c.endpoints.size(), 1);
        const AiEndpointConfig *e = c.endpoint(QStringLiteral("SUMMARY"));
        QVERIFY(e);
        QCOMPARE(e->timeoutSeconds, 60);
        QVERIFY(!e->jsonOutput);
        QCOMPARE(e->parameters.at(0).type, QStringLiteral("integer"));
        QVERIFY(e->parameters.at(0).required);
        QVERIFY(!c.endpoint(QStringLiteral("other")));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("timeout") << "timeout_seconds"
                                 << "301"
                                 << "endpoints[0].timeout_seconds";
        QTest::newRow("timeout zero") << "timeout_seconds"
                                      << "0"
                                      << "endpoints[0].timeout_seconds";
        QTest::newRow("unknown key") << "sql"
                                     << "\"DROP TABLE x\""
                                     << "endpoints[0].sql";
        QTest::newRow("name") << "name"
                              << "\"has space\""
                              << "endpoints[0].name";
        QTest::newRow("output") << "output"
                                << "\"xml\""
                                << "endpoints[0].output";
        QTest::newRow("query path") << "query"
                                    << "\"_table/customers\""
                                    << "endpoints[0].query";
        QTest::newRow("no prompt") << "prompt"
                                   << "\"\""
                                   << "endpoints[0].prompt";
        QTest::newRow("param type") << "parameters"
                                    << "[{\"name\":\"x\",\"type\":\"date\"}]"
                                    << "endpoints[0].parameters[0].type";
        QTest::newRow("param pattern") << "parameters"
                                       << "[{\"name\":\"x\",\"pattern\":\"(\"}]"
                                       << "endpoints[0].parameters[0].pattern";
        QTest::newRow("param key") << "parameters"
                                   << "[{\"name\":\"x\",\"regex\":\"a\"}]"
                                   << "endpoints[0].parameters[0].regex";
        QTest::newRow("param twice") << "parameters"
                                     << "[{\"name\":\"x\"},{\"name\":\"x\"}]"
                                     << "endpoints[0].parameters[1].name";
    }

    void refusals()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, field);
        Json endpoint = validEndpoint();
        endpoint[key.toStdString()] = parseJsonOrDiscarded(value.toUtf8());
        Json config = base();
        config["endpoints"] = Json::array({endpoint});
        const QString message = refusal(config);
        QVERIFY2(message.contains(field), qPrintable(message));
    }

    void duplicateEndpointsAndDataChatKeys()
    {
        Json config = base();
        config["endpoints"] = Json::array({validEndpoint(), validEndpoint()});
        QVERIFY(refusal(config).contains(QStringLiteral("endpoints[1].name")));
        config = base();
        config["data_chat"] = Json{{"max_iterations", 0}};
        QVERIFY(refusal(config).contains(QStringLiteral("data_chat.max_iterations")));
        config["data_chat"] = Json{{"services", "demo"}};
        QVERIFY(refusal(config).contains(QStringLiteral("data_chat.services")));
        config["data_chat"] = Json{{"allow_write", true}};
        QVERIFY(refusal(config).contains(QStringLiteral("data_chat.allow_write")));
    }

    void promptTemplate()
    {
        Json config = base();
        config["endpoints"] = Json::array({validEndpoint()});
        const AiConnection c = AiConnection::fromConfig(config);
        const Json data = Json::array({Json{{"name", "Amelia"}}});
        const QString prompt = AiEndpointRun::buildPrompt(c.endpoints.at(0), Json{{"customer_id", 42}}, data);
        QVERIFY2(prompt.startsWith(QStringLiteral("Customer 42: [")), qPrintable(prompt));
        QVERIFY(prompt.contains(QStringLiteral("\"name\": \"Amelia\"")));
        // A template without {{data}} gets the data appended.
        AiEndpointConfig bare = c.endpoints.at(0);
        bare.prompt = QStringLiteral("Customer {{customer_id}}");
        const QString appended = AiEndpointRun::buildPrompt(bare, Json{{"customer_id", 7}}, data);
        QVERIFY(appended.startsWith(QStringLiteral("Customer 7\n\nData (JSON):\n")));
        QVERIFY(appended.contains(QStringLiteral("Amelia")));
    }

    void jsonAnswers()
    {
        QCOMPARE(AiEndpointRun::parseJsonAnswer(QStringLiteral("{\"a\": 1}")).dump(),
                 std::string("{\"a\":1}"));
        QCOMPARE(AiEndpointRun::parseJsonAnswer(QStringLiteral("```json\n{\"a\": 1}\n```")).dump(),
                 std::string("{\"a\":1}"));
        QCOMPARE(AiEndpointRun::parseJsonAnswer(QStringLiteral("  ```\n[1, 2]\n```  ")).dump(),
                 std::string("[1,2]"));
        QVERIFY(AiEndpointRun::parseJsonAnswer(QStringLiteral("Sure! {\"a\": 1}")).is_discarded());
        QVERIFY(AiEndpointRun::parseJsonAnswer(QStringLiteral("")).is_discarded());
    }
};

QTEST_GUILESS_MAIN(TestAiEndpointParts)
#include "tst_aiendpointparts.moc"
