#include <sodium.h>

#include <QTest>

#include "security/PiiRedactor.h"

using namespace gatehouse;

// PII redaction of AI prompts and responses: the four built-in detectors, custom patterns,
// invalid patterns, and every place of an OpenAI message that carries text.
class TestPiiRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void builtInDetectors()
    {
        const PiiRedactor redactor(QStringList{});
        QVERIFY(redactor.error().isEmpty());
        QCOMPARE(redactor.redact(QStringLiteral("mail jane.doe@example.com now")),
                 QStringLiteral("mail [EMAIL] now"));
        QCOMPARE(redactor.redact(QStringLiteral("ssn 123-45-6789.")), QStringLiteral("ssn [SSN]."));
        QCOMPARE(redactor.redact(QStringLiteral("card 4111 1111 1111 1111 ok")),
                 QStringLiteral("card [CARD] ok"));
        QCOMPARE(redactor.redact(QStringLiteral("call (555) 123-4567")), QStringLiteral("call [PHONE]"));
        QCOMPARE(redactor.redact(QStringLiteral("call +44 20 7946 0958")), QStringLiteral("call [PHONE]"));
        // A 16-digit number failing the Luhn check is not a card.
        QVERIFY(
            !redactor.redact(QStringLiteral("order 4111111111111112")).contains(QStringLiteral("[CARD]")));
        QCOMPARE(redactor.redact(QStringLiteral("nothing personal here")),
                 QStringLiteral("nothing personal here"));
        QCOMPARE(redactor.redact(QString()), QString());
    }

    void customPatterns()
    {
        const PiiRedactor redactor(
            {QStringLiteral("EMP-\\d{6}"), QStringLiteral("(?i)project\\s+falcon"), QStringLiteral("x*")});
        QVERIFY2(redactor.error().isEmpty(), qPrintable(redactor.error()));
        QCOMPARE(redactor.redact(QStringLiteral("EMP-123456 works on Project  Falcon; mail a@b.io")),
                 QStringLiteral("[REDACTED] works on [REDACTED]; mail [EMAIL]"));
        // A pattern that only matches the empty string redacts nothing.
        QCOMPARE(redactor.redact(QStringLiteral("abc")), QStringLiteral("abc"));
    }

    void invalidPattern()
    {
        const PiiRedactor redactor({QStringLiteral("ok\\d+"), QStringLiteral("broken(")});
        QVERIFY(redactor.error().contains(QStringLiteral("broken(")));
        // The valid pattern and the built-in detectors still work.
        QCOMPARE(redactor.redact(QStringLiteral("ok42 a@b.io")), QStringLiteral("[REDACTED] [EMAIL]"));
        const PiiRedactor tooLong({QString(2000, QLatin1Char('a'))});
        QVERIFY(!tooLong.error().isEmpty());
    }

    void messages()
    {
        const PiiRedactor redactor({QStringLiteral("secret-\\w+")});
        // Built in code: moc 6.4 loses track of the class after a raw string literal.
        Json messages = Json::array();
        messages.push_back(Json{{"role", "system"}, {"content", "You help secret-agents."}});
        messages.push_back(
            Json{{"role", "user"},
                 {"content",
                  Json::array({Json{{"type", "text"}, {"text", "I am bob@example.com, SSN 123-45-6789"}},
                               Json{{"type", "image_url"},
                                    {"image_url", Json{{"url", "https://example.com/a@b.png"}}}}})}});
        messages.push_back(Json{
            {"role", "assistant"},
            {"content", nullptr},
            {"tool_calls",
             Json::array({Json{
                 {"id", "call_1"},
                 {"type", "function"},
                 {"function", Json{{"name", "lookup"}, {"arguments", "{\"phone\":\"555-123-4567\"}"}}}}})}});
        messages.push_back(
            Json{{"role", "tool"}, {"tool_call_id", "call_1"}, {"content", "card 4111-1111-1111-1111"}});
        messages.push_back("not a message");
        redactor.redactMessages(messages);
        QCOMPARE(QString::fromStdString(messages[0]["content"].get<std::string>()),
                 QStringLiteral("You help [REDACTED]."));
        QCOMPARE(QString::fromStdString(messages[1]["content"][0]["text"].get<std::string>()),
                 QStringLiteral("I am [EMAIL], SSN [SSN]"));
        // Not text: left alone.
        QCOMPARE(QString::fromStdString(messages[1]["content"][1]["image_url"]["url"].get<std::string>()),
                 QStringLiteral("https://example.com/a@b.png"));
        const QString arguments =
            QString::fromStdString(messages[2]["tool_calls"][0]["function"]["arguments"].get<std::string>());
        QCOMPARE(arguments, QStringLiteral("{\"phone\":\"[PHONE]\"}"));
        QVERIFY(messages[2]["content"].is_null());
        QCOMPARE(QString::fromStdString(messages[3]["content"].get<std::string>()),
                 QStringLiteral("card [CARD]"));
        QCOMPARE(QString::fromStdString(messages[4].get<std::string>()), QStringLiteral("not a message"));

        Json notAnArray = Json{{"content", "a@b.io"}};
        redactor.redactMessages(notAnArray);
        QCOMPARE(QString::fromStdString(notAnArray["content"].get<std::string>()), QStringLiteral("a@b.io"));
    }
};

QTEST_APPLESS_MAIN(TestPiiRedactor)
#include "tst_piiredactor.moc"
