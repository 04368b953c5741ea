#include <sodium.h>

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include "security/FieldMasker.h"
#include "security/Rbac.h"
#include "services/sql/ResultReader.h"
#include "store/SqliteRows.h"

using namespace gatehouse;

// The masking primitives: detectors (with the Luhn check for cards), partial, keyed hashing,
// and which rule covers which column; and the two ways record reads apply them agree.
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

    // List reads stream rows straight into the response (ResultReader::writeRows), from QtSql or,
    // on SQLite, from SQLite's own API (SqliteRows), and mask text without a JSON tree; reads by
    // id build the tree (rows()). All three must give the same JSON for every mode and every
    // kind of value (the two streamed writers byte for byte).
    void streamedRowsMatchTheTree_data()
    {
        QTest::addColumn<int>("mode"); // -1: no mask
        QTest::newRow("unmasked") << -1;
        QTest::newRow("redact") << int(FieldMaskRule::Mode::Redact);
        QTest::newRow("partial") << int(FieldMaskRule::Mode::Partial);
        QTest::newRow("hash") << int(FieldMaskRule::Mode::Hash);
        QTest::newRow("null") << int(FieldMaskRule::Mode::Null);
        QTest::newRow("detect") << int(FieldMaskRule::Mode::Detect);
    }

    void streamedRowsMatchTheTree()
    {
        QFETCH(int, mode);
        const QString connection = QStringLiteral("masks-%1").arg(mode);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(db.open());
            QSqlQuery setup(db);
            QVERIFY(setup.exec(QStringLiteral("CREATE TABLE t (code INTEGER, note TEXT, price REAL, raw)")));
            QVERIFY(setup.exec(QStringLiteral(
                "INSERT INTO t VALUES (123456, 'mail a@b.io, \"quoted\" \u00e9 \U0001F600', 12.5, 'x@y.io'),"
                " (NULL, NULL, NULL, NULL), (-7, 'ab', 0.25, 42), (0, '', 1e300, '078-05-1120'),"
                " (1, 'c' || char(9, 8, 12, 1, 10, 92, 127) || 'x', 2, X'00ff10'),"
                " (9007199254740993, '12', -0.0, 3.5)")));

            ColumnSchema code{QStringLiteral("code"), QStringLiteral("integer")};
            ColumnSchema note{QStringLiteral("note"), QStringLiteral("text")};
            ColumnSchema price{QStringLiteral("price"), QStringLiteral("float")};
            ColumnSchema raw{QStringLiteral("raw"), QString()}; // no declared type: by the driver's
            // In the tree's (alphabetical) key order, so the bytes can be compared.
            const QList<SelectItem> items{{SelectItem::Aggregate::None, &code, code.name},
                                          {SelectItem::Aggregate::None, &note, note.name},
                                          {SelectItem::Aggregate::None, &price, price.name},
                                          {SelectItem::Aggregate::None, &raw, raw.name}};
            QList<FieldMaskRule> rules;
            if (mode >= 0) {
                for (const char *field : {"code", "note", "price", "raw"}) {
                    FieldMaskRule r = rule(field, FieldMaskRule::Mode(mode));
                    r.keep = 3;
                    rules << r;
                }
            }
            const ResultReader reader(items, FieldMasker(rules));

            const QString select = QStringLiteral("SELECT code, note, price, raw FROM t WHERE code IS NOT ? "
                                                  "OR code IS NULL ORDER BY rowid");
            const QVariantList binds{QVariant(qlonglong(-1))};
            QSqlQuery tree(db);
            QVERIFY(tree.prepare(select));
            tree.addBindValue(binds.first());
            QVERIFY(tree.exec());
            const QByteArray expected = QByteArray::fromStdString(reader.rows(tree).dump());
            QVERIFY(!parseJsonOrDiscarded(expected).is_discarded());

            QSqlQuery streamed(db);
            QVERIFY(streamed.prepare(select));
            streamed.addBindValue(binds.first());
            QVERIFY(streamed.exec());
            QByteArray written;
            QCOMPARE(reader.writeRows(streamed, written), qint64(6));
            // The tree writes whole doubles as 2.0, the streamed writers as 2: the same JSON value.
            QVERIFY(parseJsonOrDiscarded(written) == parseJsonOrDiscarded(expected));

            std::optional<SqliteRows> native = SqliteRows::open(db, select, binds);
            QVERIFY(native);
            QByteArray direct = "prefix";
            QCOMPARE(reader.writeRows(*native, direct), qint64(6));
            QCOMPARE(direct, "prefix" + written);
            native.reset();
            SqliteRows::release(db);
        }
        QSqlDatabase::removeDatabase(connection);
    }

    // What SqliteRows leaves to QtSql, and how it reads what QtSql would not convert.
    void sqliteRowsEdges()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edges"));
            db.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(db.open());
            QSqlQuery setup(db);
            QVERIFY(setup.exec(QStringLiteral("CREATE TABLE t (note TEXT)")));
            QVERIFY(setup.exec(QStringLiteral("INSERT INTO t VALUES (CAST(X'61c328ff62' AS TEXT))")));
            const QString select = QStringLiteral("SELECT note FROM t WHERE note IS NOT ?");

            // Bound types QSQLite turns into text its own way are left to it.
            QVERIFY(!SqliteRows::open(db, select, {QDateTime::currentDateTimeUtc()}));
            QVERIFY(!SqliteRows::open(db, select, {}));                               // too few values
            QVERIFY(!SqliteRows::open(db, QStringLiteral("SELECT nope FROM t"), {})); // SQLite refuses it

            // Invalid UTF-8 stored as text still gives valid JSON text.
            ColumnSchema note{QStringLiteral("note"), QStringLiteral("text")};
            const ResultReader reader({{SelectItem::Aggregate::None, &note, note.name}});
            std::optional<SqliteRows> rows = SqliteRows::open(db, select, {QStringLiteral("z")});
            QVERIFY(rows);
            QByteArray out;
            QCOMPARE(reader.writeRows(*rows, out), qint64(1));
            const Json parsed = parseJsonOrDiscarded(out);
            QVERIFY2(!parsed.is_discarded(), out.constData());
            QCOMPARE(QString::fromStdString(parsed[0]["note"].get<std::string>()).left(1),
                     QStringLiteral("a"));
            rows.reset();
            SqliteRows::release(db);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edges"));
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

QTEST_GUILESS_MAIN(TestFieldMasker)
#include "tst_fieldmasker.moc"
