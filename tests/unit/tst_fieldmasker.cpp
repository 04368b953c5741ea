#include <sodium.h>

#include <QTest>

#include "security/FieldMasker.h"
#include "security/Rbac.h"

using namespace gatehouse;

// The masking primitives: detectors (with the Luhn check for cards), partial, keyed hashing,
// and which rule covers which column.
class TestFieldMasker : public QObject
{
    Q_OBJECT

    static FieldMaskRule rule(const char *field, FieldMaskRule::Mode mode, bool allowFilter = false)
    {
        FieldMaskRule r;
        r.field = QLatin1String(field);
        r.mode = mode;
        r.allowFilter = allowFilter;
        r.detectors = FieldMaskRule::detectorNames();
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void luhn()
    {
        QVERIFY(FieldMasker::luhnValid(QStringLiteral("4111111111111111")));
        QVERIFY(FieldMasker::luhnValid(QStringLiteral("4111 1111 1111 1111")));
        QVERIFY(FieldMasker::luhnValid(QStringLiteral("5500-0000-0000-0004")));
        QVERIFY(FieldMasker::luhnValid(QStringLiteral("378282246310005"))); // Amex, 15 digits
        QVERIFY(!FieldMasker::luhnValid(QStringLiteral("4111111111111112")));
        QVERIFY(!FieldMasker::luhnValid(QStringLiteral("0000000000")));       // too short for a card
        QVERIFY(!FieldMasker::luhnValid(QStringLiteral("41111111111111x1"))); // not digits
    }

    void detectors_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("detectors");
        QTest::addColumn<QString>("expected");
        const QStringList all{QStringLiteral("email"), QStringLiteral("ssn"), QStringLiteral("card"),
                              QStringLiteral("phone")};
        QTest::newRow("email") << QStringLiteral("mail bob.smith+x@example.co.uk now") << all
                               << QStringLiteral("mail [EMAIL] now");
        QTest::newRow("ssn") << QStringLiteral("SSN 123-45-6789.") << all << QStringLiteral("SSN [SSN].");
        QTest::newRow("invalid ssn area")
            << QStringLiteral("id 000-12-3456") << QStringList{QStringLiteral("ssn")}
            << QStringLiteral("id 000-12-3456");
        QTest::newRow("card spaced") << QStringLiteral("card 4111 1111 1111 1111 ok") << all
                                     << QStringLiteral("card [CARD] ok");
        QTest::newRow("card plain") << QStringLiteral("pay with 5500000000000004") << all
                                    << QStringLiteral("pay with [CARD]");
        QTest::newRow("not luhn") << QStringLiteral("order 4111111111111112") << all
                                  << QStringLiteral("order 4111111111111112");
        QTest::newRow("phones") << QStringLiteral("call (555) 123-4567 or +44 20 7946 0958") << all
                                << QStringLiteral("call [PHONE] or [PHONE]");
        QTest::newRow("us phone") << QStringLiteral("tel: 555.123.4567") << all
                                  << QStringLiteral("tel: [PHONE]");
        QTest::newRow("only asked") << QStringLiteral("bob@example.com 123-45-6789")
                                    << QStringList{QStringLiteral("email")}
                                    << QStringLiteral("[EMAIL] 123-45-6789");
        QTest::newRow("mixed") << QStringLiteral("Reach a@b.io, SSN 078-05-1120, card 378282246310005.")
                               << all << QStringLiteral("Reach [EMAIL], SSN [SSN], card [CARD].");
        QTest::newRow("nothing") << QStringLiteral("Order 42 shipped on 2024-05-01") << all
                                 << QStringLiteral("Order 42 shipped on 2024-05-01");
    }

    void detectors()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, detectors);
        QFETCH(QString, expected);
        QCOMPARE(FieldMasker::detect(input, detectors), expected);
    }

    void partial()
    {
        QCOMPARE(FieldMasker::partial(QStringLiteral("4111111111111111"), 4),
                 QStringLiteral("************1111"));
        QCOMPARE(FieldMasker::partial(QStringLiteral("123-45-6789"), 4), QStringLiteral("*******6789"));
        // Keeping as much as (or more than) the value would reveal it all.
        QCOMPARE(FieldMasker::partial(QStringLiteral("abc"), 4), QStringLiteral("***"));
        QCOMPARE(FieldMasker::partial(QStringLiteral("abcd"), 4), QStringLiteral("****"));
        QCOMPARE(FieldMasker::partial(QStringLiteral("abcdef"), 0), QStringLiteral("******"));
    }

    void hashIsKeyedAndStable()
    {
        FieldMasker::setHashKey(QByteArray(32, 'k'));
        const QString a = FieldMasker::hash("alice@example.com");
        QCOMPARE(a.size(), 32);
        QCOMPARE(FieldMasker::hash("alice@example.com"), a);
        QVERIFY(FieldMasker::hash("alice@example.con") != a);
        // Unkeyed BLAKE2b of the value (what a dictionary attack would compute) differs.
        unsigned char plain[16];
        const QByteArray value("alice@example.com");
        crypto_generichash(plain, sizeof plain, reinterpret_cast<const unsigned char *>(value.constData()),
                           size_t(value.size()), nullptr, 0);
        QVERIFY(QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(plain), 16).toHex()) != a);
        FieldMasker::setHashKey(QByteArray(32, 'z'));
        QVERIFY(FieldMasker::hash("alice@example.com") != a);
        FieldMasker::setHashKey(QByteArray(32, 'k'));
        QCOMPARE(FieldMasker::hash("alice@example.com"), a);
    }

    void applyModes()
    {
        QCOMPARE(FieldMasker::apply(rule("x", FieldMaskRule::Mode::Redact), Json("secret")).dump(),
                 std::string("\"**********\""));
        QCOMPARE(FieldMasker::apply(rule("x", FieldMaskRule::Mode::Redact), Json(12345)).dump(),
                 std::string("\"**********\""));
        QVERIFY(FieldMasker::apply(rule("x", FieldMaskRule::Mode::Redact), Json(nullptr)).is_null());
        QVERIFY(FieldMasker::apply(rule("x", FieldMaskRule::Mode::Null), Json("v")).is_null());
        FieldMaskRule keep2 = rule("x", FieldMaskRule::Mode::Partial);
        keep2.keep = 2;
        QCOMPARE(FieldMasker::apply(keep2, Json(123456)).dump(), std::string("\"****56\""));
        FieldMaskRule detect = rule("x", FieldMaskRule::Mode::Detect);
        detect.detectors = {QStringLiteral("email")};
        QCOMPARE(FieldMasker::apply(detect, Json("to a@b.io")).dump(), std::string("\"to [EMAIL]\""));
        QCOMPARE(FieldMasker::apply(detect, Json(7)).dump(), std::string("7")); // not text
    }

    void ruleSelection()
    {
        const FieldMasker masker({rule("*", FieldMaskRule::Mode::Detect),
                                  rule("Email", FieldMaskRule::Mode::Redact),
                                  rule("ssn", FieldMaskRule::Mode::Partial, true)});
        QCOMPARE(masker.ruleFor(QStringLiteral("email"), true)->mode, FieldMaskRule::Mode::Redact);
        QCOMPARE(masker.ruleFor(QStringLiteral("notes"), true)->mode, FieldMaskRule::Mode::Detect);
        QVERIFY(masker.ruleFor(QStringLiteral("score"), false) == nullptr); // "*" is for text only
        QVERIFY(masker.blocksInference(QStringLiteral("email"), true));
        QVERIFY(!masker.blocksInference(QStringLiteral("ssn"), true)); // allow_filter
        QVERIFY(!masker.blocksInference(QStringLiteral("score"), false));

        Json record{{"email", "a@b.io"}, {"notes", "x@y.io"}, {"score", 5}};
        masker.maskRecord(record);
        QCOMPARE(record.dump(), std::string(R"({"email":"**********","notes":"[EMAIL]","score":5})"));
        QVERIFY(FieldMasker().isEmpty());
    }

    void sessionSelection()
    {
        // Sys-admins and sessions without a snapshot are never masked.
        Session session;
        session.user = User{};
        session.user->isSysAdmin = true;
        QVERIFY(FieldMasker::forTable(session, 1, QStringLiteral("t")).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestFieldMasker)
#include "tst_fieldmasker.moc"
