// Unit tests for the DreamFactory filter language: tokenizer, parser, SQL for the three
// dialects, error messages, limits, injection attempts, and the SQL run against SQLite (and
// against PostgreSQL/MariaDB when tests/support/start-test-databases.sh has started them).

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

#include "TestDatabases.h"
#include "core/ApiError.h"
#include "services/sql/FilterParser.h"
#include "services/sql/SqlDialect.h"

using namespace gatehouse;
using namespace Qt::StringLiterals;

namespace {

ColumnSchema column(const QString &name, const QString &type, bool allowNull = true)
{
    ColumnSchema c;
    c.name = name;
    c.type = type;
    c.allowNull = allowNull;
    return c;
}

// The table every test filters. LastName is mixed case to prove the real name is emitted.
TableSchema customers()
{
    TableSchema t;
    t.name = u"customers"_s;
    t.columns = {column(u"id"_s, u"integer"_s, false), column(u"name"_s, u"string"_s),
                 column(u"status"_s, u"string"_s),     column(u"city"_s, u"string"_s),
                 column(u"balance"_s, u"double"_s),    column(u"active"_s, u"boolean"_s),
                 column(u"created"_s, u"date"_s),      column(u"notes"_s, u"text"_s),
                 column(u"LastName"_s, u"string"_s),   column(u"price"_s, u"decimal"_s)};
    t.columns[0].isPrimaryKey = true;
    t.primaryKey = {u"id"_s};
    return t;
}

SqlDialect::Kind kindNamed(const QString &name)
{
    if (name == QLatin1String("postgres"))
        return SqlDialect::Kind::Postgres;
    if (name == QLatin1String("mysql"))
        return SqlDialect::Kind::Mysql;
    return SqlDialect::Kind::Sqlite;
}

// Binds written as "type:value" so a test fails on a wrong type, not only on a wrong value.
QString describeBinds(const QVariantList &binds)
{
    QStringList parts;
    for (const QVariant &v : binds) {
        if (!v.isValid()) {
            parts << u"invalid"_s;
            continue;
        }
        QString value = v.toString();
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            value = u"<null string>"_s;
        parts << QString::fromLatin1(v.metaType().name()) + u':' + value;
    }
    return parts.join(u" | "_s);
}

// What may appear in generated SQL once the quoted column names are taken out. Anything else
// (a word, a quote, a digit) would be text that came
// from the filter instead of from the writer.
void checkStructureOnly(const QString &sql, const TableSchema &table, SqlDialect::Kind kind)
{
    auto dialect = SqlDialect::create(kind);
    QString rest = sql;
    rest.replace(u"ESCAPE '!'"_s, u" "_s);
    // The writer's own constants for an empty IN list.
    rest.replace(u"1 = 0"_s, u" "_s);
    rest.replace(u"1 = 1"_s, u" "_s);
    for (const ColumnSchema &c : table.columns)
        rest.replace(dialect->quoteIdentifier(c.name), u" "_s);
    static const QRegularExpression token(u"\\s+|\\(|\\)|\\?|,|<>|<=|>=|=|<|>|[A-Z_]+"_s);
    static const QStringList words = {u"AND"_s,
                                      u"OR"_s,
                                      u"NOT"_s,
                                      u"IN"_s,
                                      u"LIKE"_s,
                                      u"IS"_s,
                                      u"NULL"_s,
                                      u"CAST"_s,
                                      u"AS"_s,
                                      u"TEXT"_s,
                                      u"CURRENT_DATE"_s,
                                      u"CURRENT_TIME"_s,
                                      u"CURRENT_TIMESTAMP"_s};
    qsizetype at = 0;
    while (at < rest.size()) {
        const auto match = token.match(rest, at, QRegularExpression::NormalMatch,
                                       QRegularExpression::AnchorAtOffsetMatchOption);
        QVERIFY2(match.hasMatch(), qPrintable(u"unexpected text in SQL at %1: %2"_s.arg(at).arg(sql)));
        const QString word = match.captured();
        if (!word.isEmpty() && word.at(0).isLetter())
            QVERIFY2(words.contains(word), qPrintable(u"unexpected word '%1' in SQL: %2"_s.arg(word, sql)));
        at = match.capturedEnd();
    }
}

struct Outcome
{
    bool ok = false;
    SqlFragment fragment;
    int status = 0;
    QString message;
};

Outcome translate(const QString &filter, const QVariantMap &params = {},
                  SqlDialect::Kind kind = SqlDialect::Kind::Sqlite)
{
    static const TableSchema table = customers();
    auto dialect = SqlDialect::create(kind);
    Outcome outcome;
    try {
        outcome.fragment = FilterParser(table, *dialect, params).toSql(filter);
        outcome.ok = true;
    } catch (const ApiError &error) {
        outcome.status = error.status();
        outcome.message = error.message();
    }
    return outcome;
}

QString repeated(const QString &text, int times)
{
    QString out;
    for (int i = 0; i < times; ++i)
        out += text;
    return out;
}
} // namespace

class TestFilterParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void syntaxTree_data();
    void syntaxTree();
    void blankFilter();
    void sqlite_data();
    void sqlite();
    void dialects_data();
    void dialects();
    void params_data();
    void params();
    void castErrors_data();
    void castErrors();
    void syntaxErrors_data();
    void syntaxErrors();
    void injection_data();
    void injection();
    void limits();
    void executesOnSqlite_data();
    void executesOnSqlite();
    void injectionLeavesSqliteIntact();
    void executesOnServers_data();
    void executesOnServers();

private:
    QList<qint64> runOn(QSqlDatabase &db, SqlDialect::Kind kind, const QString &table, const QString &filter,
                        const QVariantMap &params);
    void createCustomers(QSqlDatabase &db, SqlDialect::Kind kind, const QString &table);

    QSqlDatabase m_sqlite;
};

void TestFilterParser::initTestCase()
{
    m_sqlite = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_filterparser"_s);
    m_sqlite.setDatabaseName(u":memory:"_s);
    QVERIFY2(m_sqlite.open(), qPrintable(m_sqlite.lastError().text()));
    createCustomers(m_sqlite, SqlDialect::Kind::Sqlite, u"customers"_s);
}

void TestFilterParser::cleanupTestCase()
{
    m_sqlite.close();
    m_sqlite = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"tst_filterparser"_s);
    for (const QString &name : {u"tst_filterparser_postgres"_s, u"tst_filterparser_mysql"_s}) {
        if (!QSqlDatabase::contains(name))
            continue;
        QSqlDatabase::database(name).close();
        QSqlDatabase::removeDatabase(name);
    }
}

void TestFilterParser::createCustomers(QSqlDatabase &db, SqlDialect::Kind kind, const QString &table)
{
    const QString boolType = kind == SqlDialect::Kind::Postgres ? u"BOOLEAN"_s : u"INTEGER"_s;
    const QString temporary = kind == SqlDialect::Kind::Sqlite ? QString() : u"TEMPORARY "_s;
    auto dialect = SqlDialect::create(kind);
    const QString quoted = dialect->quoteIdentifier(table);
    const QString lastName = dialect->quoteIdentifier(u"LastName"_s);
    QSqlQuery q(db);
    QVERIFY2(
        q.exec(u"CREATE %1TABLE %2 (id INTEGER PRIMARY KEY, name VARCHAR(50), status VARCHAR(20), "
               "city VARCHAR(50), balance DOUBLE PRECISION, active %3, created DATE, notes VARCHAR(100), "
               "%4 VARCHAR(50), price DECIMAL(10,2))"_s.arg(temporary, quoted, boolType, lastName)),
        qPrintable(q.lastError().text()));
    struct Row
    {
        int id;
        const char16_t *name, *status, *city;
        QVariant balance;
        bool active;
        const char16_t *created;
        QVariant notes;
        const char16_t *lastName;
        const char16_t *price;
    };
    const Row rows[] = {
        {1, u"Alice", u"open", u"Paris", 100.5, true, u"2024-01-10", QVariant(), u"Smith", u"10.50"},
        {2, u"Bob", u"closed", u"London", 0.0, false, u"2023-05-01", u"vip"_s, u"O'Brien", u"20.00"},
        {3, u"Carol", u"open", u"São Paulo", 250.0, true, u"2024-03-15", u"50% off"_s, u"Brown_x", u"5.25"},
        {4, u"Dave", u"pending", u"New York", -10.0, false, u"2022-12-31", u""_s, u"a,b", u"0.00"},
        {5, u"Eve", u"closed", u"Paris", QVariant(), true, u"2021-07-04", QVariant(), u"Brown", u"99.99"},
    };
    for (const Row &row : rows) {
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO %1 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(quoted));
        insert.addBindValue(row.id);
        insert.addBindValue(QString::fromUtf16(row.name));
        insert.addBindValue(QString::fromUtf16(row.status));
        insert.addBindValue(QString::fromUtf16(row.city));
        insert.addBindValue(row.balance.isValid() ? row.balance : QVariant(QMetaType::fromType<double>()));
        insert.addBindValue(kind == SqlDialect::Kind::Postgres ? QVariant(row.active)
                                                               : QVariant(row.active ? 1 : 0));
        insert.addBindValue(QString::fromUtf16(row.created));
        insert.addBindValue(row.notes.isValid() ? row.notes : QVariant(QMetaType::fromType<QString>()));
        insert.addBindValue(QString::fromUtf16(row.lastName));
        insert.addBindValue(QString::fromUtf16(row.price));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }
}

QList<qint64> TestFilterParser::runOn(QSqlDatabase &db, SqlDialect::Kind kind, const QString &table,
                                      const QString &filter, const QVariantMap &params)
{
    TableSchema schema = customers();
    schema.name = table;
    auto dialect = SqlDialect::create(kind);
    const SqlFragment fragment = FilterParser(schema, *dialect, params).toSql(filter);
    QSqlQuery query(db);
    const QString sql = u"SELECT %1 FROM %2 WHERE %3 ORDER BY %1"_s.arg(
        dialect->quoteIdentifier(u"id"_s), dialect->quoteIdentifier(table), fragment.sql);
    if (!query.prepare(sql))
        qWarning("prepare failed: %s\n  %s", qPrintable(query.lastError().text()), qPrintable(sql));
    for (const QVariant &bind : fragment.binds)
        query.addBindValue(bind);
    if (!query.exec()) {
        qWarning("exec failed: %s\n  %s\n  binds: %s", qPrintable(query.lastError().text()), qPrintable(sql),
                 qPrintable(describeBinds(fragment.binds)));
        return {-1};
    }
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    return ids;
}

// --- parse tree -------------------------------------------------------------------------------

void TestFilterParser::syntaxTree_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("tree");

    QTest::newRow("single") << u"a = 1"_s << u"(a = 1)"_s;
    QTest::newRow("AND binds tighter than OR")
        << u"a=1 OR b=2 AND c=3"_s << u"(OR (a = 1) (AND (b = 2) (c = 3)))"_s;
    QTest::newRow("AND first") << u"a=1 AND b=2 OR c=3"_s << u"(OR (AND (a = 1) (b = 2)) (c = 3))"_s;
    QTest::newRow("parentheses override")
        << u"(a=1 OR b=2) AND c=3"_s << u"(AND (OR (a = 1) (b = 2)) (c = 3))"_s;
    QTest::newRow("NOT binds tightest") << u"NOT a=1 AND b=2"_s << u"(AND (NOT (a = 1)) (b = 2))"_s;
    QTest::newRow("NOT group") << u"NOT (a=1 AND b=2)"_s << u"(NOT (AND (a = 1) (b = 2)))"_s;
    QTest::newRow("NOT without space") << u"NOT(a=1)"_s << u"(NOT (a = 1))"_s;
    QTest::newRow("double NOT") << u"NOT NOT a=1"_s << u"(NOT (NOT (a = 1)))"_s;
    QTest::newRow("chains stay flat") << u"a=1 AND b=2 AND c=3"_s << u"(AND (a = 1) (b = 2) (c = 3))"_s;
    QTest::newRow("XOR between AND and OR")
        << u"a=1 OR b=2 XOR c=3 AND d=4"_s << u"(OR (a = 1) (XOR (b = 2) (AND (c = 3) (d = 4))))"_s;
    QTest::newRow("NOR chain") << u"a=1 NOR b=2 NOR c=3"_s << u"(NOR (a = 1) (b = 2) (c = 3))"_s;
    QTest::newRow("NOR under AND") << u"a=1 NOR b=2 AND c=3"_s << u"(NOR (a = 1) (AND (b = 2) (c = 3)))"_s;
    QTest::newRow("DF style") << u"(a=1) AND (b=2)"_s << u"(AND (a = 1) (b = 2))"_s;
    QTest::newRow("DF style, no spaces") << u"(a=1)AND(b=2)"_s << u"(AND (a = 1) (b = 2))"_s;
    QTest::newRow("&& and ||") << u"a=1 && b=2 || c=3"_s << u"(OR (AND (a = 1) (b = 2)) (c = 3))"_s;
    QTest::newRow("keywords any case")
        << u"a=1 and b=2 Or not c=3"_s << u"(OR (AND (a = 1) (b = 2)) (NOT (c = 3)))"_s;
    QTest::newRow("redundant parentheses") << u"((a = 1))"_s << u"(a = 1)"_s;
    QTest::newRow("unparenthesised DF trap")
        << u"status='open' OR status='closed'"_s << u"(OR (status = 'open') (status = 'closed'))"_s;
    QTest::newRow("word ops") << u"a GTE 1 AND b lt 2 AND c NE 3 AND d EQ 4 AND e GT 5 AND f LTE 6"_s
                              << u"(AND (a >= 1) (b < 2) (c != 3) (d = 4) (e > 5) (f <= 6))"_s;
    QTest::newRow("symbol ops") << u"a>=1 AND b<2 AND c!=3 AND d<>4 AND e>5 AND f<=6"_s
                                << u"(AND (a >= 1) (b < 2) (c != 3) (d != 4) (e > 5) (f <= 6))"_s;
    QTest::newRow("field NOT op") << u"a NOT = 1"_s << u"(a NOT = 1)"_s;
    QTest::newRow("NOT IN") << u"a NOT IN (1, 'x,y', :p, null)"_s << u"(a NOT IN [1, 'x,y', :p, null])"_s;
    QTest::newRow("IN param") << u"a IN :list"_s << u"(a IN [:list])"_s;
    QTest::newRow("NOT LIKE") << u"a NOT LIKE 'x%'"_s << u"(a NOT LIKE 'x%')"_s;
    QTest::newRow("STARTS WITH") << u"a starts with 'x'"_s << u"(a STARTS WITH 'x')"_s;
    QTest::newRow("NOT ENDS WITH") << u"a NOT ENDS WITH x"_s << u"(a NOT ENDS WITH 'x')"_s;
    QTest::newRow("CONTAINS") << u"a CONTAINS \"x\""_s << u"(a CONTAINS 'x')"_s;
    QTest::newRow("IS NULL") << u"a IS NULL"_s << u"(a IS NULL)"_s;
    QTest::newRow("IS NOT NULL") << u"a is not null"_s << u"(a IS NOT NULL)"_s;
    QTest::newRow("literals") << u"a = TRUE OR b = false OR c = NULL OR d = -1.5e3"_s
                              << u"(OR (a = true) (b = false) (c = null) (d = -1.5e3))"_s;
    QTest::newRow("doubled quotes") << u"a = 'O''Brien' AND b = \"say \"\"hi\"\"\""_s
                                    << u"(AND (a = 'O''Brien') (b = 'say \"hi\"'))"_s;
    QTest::newRow("operators inside values")
        << u"a LIKE 'x=y<z>w' AND b = 'p AND q'"_s << u"(AND (a LIKE 'x=y<z>w') (b = 'p AND q'))"_s;
    QTest::newRow("unquoted words") << u"a = open AND b = 2024-01-31 AND c = 10:30:00"_s
                                    << u"(AND (a = 'open') (b = '2024-01-31') (c = '10:30:00'))"_s;
    QTest::newRow("function value") << u"a > (current_date) OR b < ( NOW ( ) )"_s
                                    << u"(OR (a > CURRENT_DATE) (b < CURRENT_TIMESTAMP))"_s;
    QTest::newRow("lookup kept for later") << u"a = {user.id}"_s << u"(a = {user.id})"_s;
    QTest::newRow("column called not") << u"not = 1"_s << u"(not = 1)"_s;
    QTest::newRow("whitespace everywhere") << u"\t a \n=\r\n 1 "_s << u"(a = 1)"_s;
}

void TestFilterParser::syntaxTree()
{
    QFETCH(QString, filter);
    QFETCH(QString, tree);
    const std::optional<FilterNode> root = FilterParser::parse(filter);
    QVERIFY(root.has_value());
    QCOMPARE(root->toString(), tree);
}

void TestFilterParser::blankFilter()
{
    QVERIFY(!FilterParser::parse(QString()).has_value());
    QVERIFY(!FilterParser::parse(u"  \t\n "_s).has_value());
    const Outcome outcome = translate(u"   "_s);
    QVERIFY(outcome.ok);
    QVERIFY(outcome.fragment.sql.isEmpty());
    QVERIFY(outcome.fragment.binds.isEmpty());
}

// --- SQL for SQLite: every operator and form --------------------------------------------------

void TestFilterParser::sqlite_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("binds");

    const QString esc = u" ESCAPE '!'"_s;
    // Comparisons, symbolic and word forms.
    QTest::newRow("=") << u"id = 5"_s << u"\"id\" = ?"_s << u"qlonglong:5"_s;
    QTest::newRow("= no spaces") << u"id=5"_s << u"\"id\" = ?"_s << u"qlonglong:5"_s;
    QTest::newRow("!=") << u"id != 5"_s << u"\"id\" <> ?"_s << u"qlonglong:5"_s;
    QTest::newRow("<>") << u"id<>5"_s << u"\"id\" <> ?"_s << u"qlonglong:5"_s;
    QTest::newRow("<") << u"id<5"_s << u"\"id\" < ?"_s << u"qlonglong:5"_s;
    QTest::newRow("<=") << u"id <= 5"_s << u"\"id\" <= ?"_s << u"qlonglong:5"_s;
    QTest::newRow(">") << u"id > 5"_s << u"\"id\" > ?"_s << u"qlonglong:5"_s;
    QTest::newRow(">=") << u"id>=5"_s << u"\"id\" >= ?"_s << u"qlonglong:5"_s;
    QTest::newRow("EQ") << u"id EQ 5"_s << u"\"id\" = ?"_s << u"qlonglong:5"_s;
    QTest::newRow("NE") << u"id NE 5"_s << u"\"id\" <> ?"_s << u"qlonglong:5"_s;
    QTest::newRow("LT") << u"id LT 5"_s << u"\"id\" < ?"_s << u"qlonglong:5"_s;
    QTest::newRow("LTE") << u"id LTE 5"_s << u"\"id\" <= ?"_s << u"qlonglong:5"_s;
    QTest::newRow("GT") << u"id gt 5"_s << u"\"id\" > ?"_s << u"qlonglong:5"_s;
    QTest::newRow("GTE") << u"id gte 5"_s << u"\"id\" >= ?"_s << u"qlonglong:5"_s;
    QTest::newRow("negative number") << u"id = -5"_s << u"\"id\" = ?"_s << u"qlonglong:-5"_s;
    QTest::newRow("quoted number") << u"id = '5'"_s << u"\"id\" = ?"_s << u"qlonglong:5"_s;
    QTest::newRow("double") << u"balance > 10.5"_s << u"\"balance\" > ?"_s << u"double:10.5"_s;
    QTest::newRow("decimal keeps text") << u"price = 19.99"_s << u"\"price\" = ?"_s << u"QString:19.99"_s;
    QTest::newRow("number to string column keeps text")
        << u"name = 007"_s << u"\"name\" = ?"_s << u"QString:007"_s;
    QTest::newRow("boolean") << u"active = true"_s << u"\"active\" = ?"_s << u"int:1"_s;
    QTest::newRow("boolean as 0") << u"active = 0"_s << u"\"active\" = ?"_s << u"int:0"_s;
    QTest::newRow("true on integer column") << u"id = true"_s << u"\"id\" = ?"_s << u"qlonglong:1"_s;
    QTest::newRow("date") << u"created > '2024-01-01'"_s << u"\"created\" > ?"_s << u"QString:2024-01-01"_s;
    QTest::newRow("unquoted date") << u"created > 2024-01-01"_s << u"\"created\" > ?"_s
                                   << u"QString:2024-01-01"_s;
    QTest::newRow("unquoted word") << u"status = open"_s << u"\"status\" = ?"_s << u"QString:open"_s;
    QTest::newRow("case-insensitive field, real name")
        << u"lastname = 'x'"_s << u"\"LastName\" = ?"_s << u"QString:x"_s;

    // field NOT op: exact inverses, so NULL handling matches NOT (a op b).
    QTest::newRow("NOT =") << u"id NOT = 5"_s << u"\"id\" <> ?"_s << u"qlonglong:5"_s;
    QTest::newRow("NOT !=") << u"id NOT != 5"_s << u"\"id\" = ?"_s << u"qlonglong:5"_s;
    QTest::newRow("NOT >") << u"id NOT > 5"_s << u"\"id\" <= ?"_s << u"qlonglong:5"_s;
    QTest::newRow("NOT >=") << u"id NOT GTE 5"_s << u"\"id\" < ?"_s << u"qlonglong:5"_s;
    QTest::newRow("NOT <") << u"id NOT < 5"_s << u"\"id\" >= ?"_s << u"qlonglong:5"_s;
    QTest::newRow("NOT <=") << u"id NOT LTE 5"_s << u"\"id\" > ?"_s << u"qlonglong:5"_s;

    // NULL.
    QTest::newRow("IS NULL") << u"notes IS NULL"_s << u"\"notes\" IS NULL"_s << QString();
    QTest::newRow("IS NOT NULL") << u"notes is not null"_s << u"\"notes\" IS NOT NULL"_s << QString();
    QTest::newRow("= null") << u"notes = null"_s << u"\"notes\" IS NULL"_s << QString();
    QTest::newRow("!= null") << u"notes != NULL"_s << u"\"notes\" IS NOT NULL"_s << QString();
    QTest::newRow("NE null") << u"notes NE null"_s << u"\"notes\" IS NOT NULL"_s << QString();
    QTest::newRow("NOT = null") << u"notes NOT = null"_s << u"\"notes\" IS NOT NULL"_s << QString();
    QTest::newRow("'null' is text") << u"notes = 'null'"_s << u"\"notes\" = ?"_s << u"QString:null"_s;

    // IN.
    QTest::newRow("IN") << u"id IN (1,2,3)"_s << u"\"id\" IN (?, ?, ?)"_s
                        << u"qlonglong:1 | qlonglong:2 | qlonglong:3"_s;
    QTest::newRow("IN one") << u"id IN (1)"_s << u"\"id\" IN (?)"_s << u"qlonglong:1"_s;
    QTest::newRow("NOT IN") << u"id NOT IN (1, 2)"_s << u"\"id\" NOT IN (?, ?)"_s
                            << u"qlonglong:1 | qlonglong:2"_s;
    QTest::newRow("IN commas inside quotes")
        << u"name IN (1,'a,b',3)"_s << u"\"name\" IN (?, ?, ?)"_s << u"QString:1 | QString:a,b | QString:3"_s;
    QTest::newRow("IN quotes inside values")
        << u"name IN ('O''Brien', \"say \"\"hi\"\"\", 'x)y')"_s << u"\"name\" IN (?, ?, ?)"_s
        << u"QString:O'Brien | QString:say \"hi\" | QString:x)y"_s;
    QTest::newRow("IN unquoted words")
        << u"status IN (open, closed)"_s << u"\"status\" IN (?, ?)"_s << u"QString:open | QString:closed"_s;
    QTest::newRow("IN with null") << u"notes IN ('a', null)"_s << u"(\"notes\" IN (?) OR \"notes\" IS NULL)"_s
                                  << u"QString:a"_s;
    QTest::newRow("NOT IN with null")
        << u"notes NOT IN ('a', null)"_s << u"(\"notes\" NOT IN (?) AND \"notes\" IS NOT NULL)"_s
        << u"QString:a"_s;
    QTest::newRow("IN only null") << u"notes IN (null)"_s << u"\"notes\" IS NULL"_s << QString();

    // LIKE family.
    QTest::newRow("LIKE keeps wildcards")
        << u"name LIKE 'a%_'"_s << u"\"name\" LIKE ?"_s + esc << u"QString:a%_"_s;
    QTest::newRow("LIKE with operator chars")
        << u"name LIKE 'a=b'"_s << u"\"name\" LIKE ?"_s + esc << u"QString:a=b"_s;
    QTest::newRow("LIKE escaped wildcard")
        << u"name LIKE '50!%%'"_s << u"\"name\" LIKE ?"_s + esc << u"QString:50!%%"_s;
    QTest::newRow("NOT LIKE") << u"name NOT LIKE 'a%'"_s << u"\"name\" NOT LIKE ?"_s + esc << u"QString:a%"_s;
    QTest::newRow("STARTS WITH") << u"name STARTS WITH 'ab'"_s << u"\"name\" LIKE ?"_s + esc
                                 << u"QString:ab%"_s;
    QTest::newRow("ENDS WITH") << u"name ENDS WITH 'ab'"_s << u"\"name\" LIKE ?"_s + esc << u"QString:%ab"_s;
    QTest::newRow("CONTAINS quoted") << u"name CONTAINS 'abc'"_s << u"\"name\" LIKE ?"_s + esc
                                     << u"QString:%abc%"_s;
    QTest::newRow("CONTAINS double quoted")
        << u"name CONTAINS \"abc\""_s << u"\"name\" LIKE ?"_s + esc << u"QString:%abc%"_s;
    QTest::newRow("CONTAINS unquoted")
        << u"name CONTAINS abc"_s << u"\"name\" LIKE ?"_s + esc << u"QString:%abc%"_s;
    QTest::newRow("CONTAINS escapes wildcards")
        << u"name CONTAINS '50% _off!'"_s << u"\"name\" LIKE ?"_s + esc << u"QString:%50!% !_off!!%"_s;
    QTest::newRow("STARTS WITH escapes")
        << u"name STARTS WITH '_'"_s << u"\"name\" LIKE ?"_s + esc << u"QString:!_%"_s;
    QTest::newRow("NOT CONTAINS") << u"name NOT CONTAINS 'x'"_s << u"\"name\" NOT LIKE ?"_s + esc
                                  << u"QString:%x%"_s;
    QTest::newRow("NOT STARTS WITH") << u"name not starts with 'x'"_s << u"\"name\" NOT LIKE ?"_s + esc
                                     << u"QString:x%"_s;
    QTest::newRow("LIKE on integer column")
        << u"id LIKE '1%'"_s << u"\"id\" LIKE ?"_s + esc << u"QString:1%"_s;
    QTest::newRow("CONTAINS empty") << u"name CONTAINS ''"_s << u"\"name\" LIKE ?"_s + esc << u"QString:%%"_s;

    // Function values, emitted from the allow-list.
    QTest::newRow("CURRENT_DATE") << u"created < (CURRENT_DATE)"_s << u"\"created\" < CURRENT_DATE"_s
                                  << QString();
    QTest::newRow("NOW()") << u"created NOT >= (now())"_s << u"\"created\" < CURRENT_TIMESTAMP"_s
                           << QString();

    // Logic.
    QTest::newRow("AND") << u"id = 1 AND name = 'a'"_s << u"\"id\" = ? AND \"name\" = ?"_s
                         << u"qlonglong:1 | QString:a"_s;
    QTest::newRow("DF parenthesised")
        << u"(id = 1) AND (name = 'a')"_s << u"\"id\" = ? AND \"name\" = ?"_s << u"qlonglong:1 | QString:a"_s;
    QTest::newRow("DF no spaces") << u"(id=1)AND(name='a')"_s << u"\"id\" = ? AND \"name\" = ?"_s
                                  << u"qlonglong:1 | QString:a"_s;
    QTest::newRow("&&") << u"id=1&&name='a'"_s << u"\"id\" = ? AND \"name\" = ?"_s
                        << u"qlonglong:1 | QString:a"_s;
    QTest::newRow("OR is wrapped") << u"status='open' OR status='closed'"_s
                                   << u"(\"status\" = ? OR \"status\" = ?)"_s
                                   << u"QString:open | QString:closed"_s;
    QTest::newRow("||") << u"id=1||id=2"_s << u"(\"id\" = ? OR \"id\" = ?)"_s
                        << u"qlonglong:1 | qlonglong:2"_s;
    QTest::newRow("precedence") << u"id = 1 OR id = 2 AND name = 'a'"_s
                                << u"(\"id\" = ? OR (\"id\" = ? AND \"name\" = ?))"_s
                                << u"qlonglong:1 | qlonglong:2 | QString:a"_s;
    QTest::newRow("grouping") << u"(id = 1 OR id = 2) AND name = 'a'"_s
                              << u"(\"id\" = ? OR \"id\" = ?) AND \"name\" = ?"_s
                              << u"qlonglong:1 | qlonglong:2 | QString:a"_s;
    QTest::newRow("NOT") << u"NOT (id = 1)"_s << u"NOT (\"id\" = ?)"_s << u"qlonglong:1"_s;
    QTest::newRow("NOT of OR") << u"NOT (id = 1 OR id = 2)"_s << u"NOT (\"id\" = ? OR \"id\" = ?)"_s
                               << u"qlonglong:1 | qlonglong:2"_s;
    QTest::newRow("NOT inside AND") << u"NOT id = 1 AND id = 2"_s << u"NOT (\"id\" = ?) AND \"id\" = ?"_s
                                    << u"qlonglong:1 | qlonglong:2"_s;
    QTest::newRow("XOR") << u"id = 1 XOR name = 'a'"_s << u"((\"id\" = ?) <> (\"name\" = ?))"_s
                         << u"qlonglong:1 | QString:a"_s;
    QTest::newRow("XOR of three") << u"id = 1 XOR id = 2 XOR id = 3"_s
                                  << u"(((\"id\" = ?) <> (\"id\" = ?)) <> (\"id\" = ?))"_s
                                  << u"qlonglong:1 | qlonglong:2 | qlonglong:3"_s;
    QTest::newRow("NOR") << u"id = 1 NOR id = 2"_s << u"NOT (\"id\" = ? OR \"id\" = ?)"_s
                         << u"qlonglong:1 | qlonglong:2"_s;
    QTest::newRow("NOR of AND") << u"id = 1 NOR id = 2 AND id = 3"_s
                                << u"NOT (\"id\" = ? OR (\"id\" = ? AND \"id\" = ?))"_s
                                << u"qlonglong:1 | qlonglong:2 | qlonglong:3"_s;
    QTest::newRow("deep mix")
        << u"((id = 1 OR (name = 'a' AND NOT status = 'x')) AND city IN ('p'))"_s
        << u"(\"id\" = ? OR (\"name\" = ? AND NOT (\"status\" = ?))) AND \"city\" IN (?)"_s
        << u"qlonglong:1 | QString:a | QString:x | QString:p"_s;

    // Values with quotes and text that looks like SQL stay inside binds.
    QTest::newRow("doubled single quote")
        << u"lastname = 'O''Brien'"_s << u"\"LastName\" = ?"_s << u"QString:O'Brien"_s;
    QTest::newRow("single quote in double quotes")
        << u"lastname = \"O'Brien\""_s << u"\"LastName\" = ?"_s << u"QString:O'Brien"_s;
    QTest::newRow("doubled double quote")
        << u"name = \"say \"\"hi\"\"\""_s << u"\"name\" = ?"_s << u"QString:say \"hi\""_s;
    QTest::newRow("backslash is literal") << u"name = 'a\\'"_s << u"\"name\" = ?"_s << u"QString:a\\"_s;
    QTest::newRow("empty string") << u"name = ''"_s << u"\"name\" = ?"_s << u"QString:"_s;
    QTest::newRow("logic words in value")
        << u"name = 'a AND b OR c'"_s << u"\"name\" = ?"_s << u"QString:a AND b OR c"_s;
    QTest::newRow("comment marks in value")
        << u"name = '-- /* */ ;'"_s << u"\"name\" = ?"_s << u"QString:-- /* */ ;"_s;
    QTest::newRow("unicode") << u"city = 'São Paulo' AND name = '日本'"_s
                             << u"\"city\" = ? AND \"name\" = ?"_s << u"QString:São Paulo | QString:日本"_s;
    QTest::newRow("typographic quotes inside a value")
        << u"name = '‘x’ “y”'"_s << u"\"name\" = ?"_s << u"QString:‘x’ “y”"_s;
}

void TestFilterParser::sqlite()
{
    QFETCH(QString, filter);
    QFETCH(QString, sql);
    QFETCH(QString, binds);
    const Outcome outcome = translate(filter);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.sql, sql);
    QCOMPARE(describeBinds(outcome.fragment.binds), binds);
    QCOMPARE(outcome.fragment.sql.count(u'?'), outcome.fragment.binds.size());
    checkStructureOnly(outcome.fragment.sql, customers(), SqlDialect::Kind::Sqlite);
}

// --- the three dialects -----------------------------------------------------------------------

void TestFilterParser::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("binds");

    const QString filter =
        u"(status = 'open' OR lastname CONTAINS 'a_b') AND id IN (1, 2) AND active = true"_s;
    QTest::newRow("sqlite") << u"sqlite"_s << filter
                            << u"(\"status\" = ? OR \"LastName\" LIKE ? ESCAPE '!') AND \"id\" IN (?, ?) AND "
                               "\"active\" = ?"_s
                            << u"QString:open | QString:%a!_b% | qlonglong:1 | qlonglong:2 | int:1"_s;
    QTest::newRow("postgres")
        << u"postgres"_s << filter
        << u"(\"status\" = ? OR \"LastName\" LIKE ? ESCAPE '!') AND \"id\" IN (?, ?) AND "
           "\"active\" = ?"_s
        << u"QString:open | QString:%a!_b% | qlonglong:1 | qlonglong:2 | bool:true"_s;
    QTest::newRow("mysql")
        << u"mysql"_s << filter
        << u"(`status` = ? OR `LastName` LIKE ? ESCAPE '!') AND `id` IN (?, ?) AND `active` = ?"_s
        << u"QString:open | QString:%a!_b% | qlonglong:1 | qlonglong:2 | int:1"_s;

    const QString like = u"id LIKE '1%' AND created STARTS WITH '2024' AND name NOT CONTAINS 'x'"_s;
    QTest::newRow("sqlite LIKE on non-text")
        << u"sqlite"_s << like
        << u"\"id\" LIKE ? ESCAPE '!' AND \"created\" LIKE ? ESCAPE '!' AND \"name\" NOT LIKE ? ESCAPE '!'"_s
        << u"QString:1% | QString:2024% | QString:%x%"_s;
    QTest::newRow("postgres LIKE on non-text casts")
        << u"postgres"_s << like
        << u"CAST(\"id\" AS TEXT) LIKE ? ESCAPE '!' AND CAST(\"created\" AS TEXT) LIKE ? ESCAPE '!' AND "
           "\"name\" NOT LIKE ? ESCAPE '!'"_s
        << u"QString:1% | QString:2024% | QString:%x%"_s;
    QTest::newRow("mysql LIKE on non-text")
        << u"mysql"_s << like
        << u"`id` LIKE ? ESCAPE '!' AND `created` LIKE ? ESCAPE '!' AND `name` NOT LIKE ? ESCAPE '!'"_s
        << u"QString:1% | QString:2024% | QString:%x%"_s;

    const QString xorFilter = u"id = 1 XOR notes IS NULL"_s;
    QTest::newRow("sqlite XOR") << u"sqlite"_s << xorFilter << u"((\"id\" = ?) <> (\"notes\" IS NULL))"_s
                                << u"qlonglong:1"_s;
    QTest::newRow("postgres XOR") << u"postgres"_s << xorFilter << u"((\"id\" = ?) <> (\"notes\" IS NULL))"_s
                                  << u"qlonglong:1"_s;
    QTest::newRow("mysql XOR") << u"mysql"_s << xorFilter << u"((`id` = ?) <> (`notes` IS NULL))"_s
                               << u"qlonglong:1"_s;

    const QString nulls = u"notes NOT IN ('a', null) AND created > (CURRENT_DATE)"_s;
    QTest::newRow("sqlite nulls") << u"sqlite"_s << nulls
                                  << u"(\"notes\" NOT IN (?) AND \"notes\" IS NOT NULL) AND \"created\" > "
                                     "CURRENT_DATE"_s
                                  << u"QString:a"_s;
    QTest::newRow("postgres nulls") << u"postgres"_s << nulls
                                    << u"(\"notes\" NOT IN (?) AND \"notes\" IS NOT NULL) AND \"created\" > "
                                       "CURRENT_DATE"_s
                                    << u"QString:a"_s;
    QTest::newRow("mysql nulls")
        << u"mysql"_s << nulls
        << u"(`notes` NOT IN (?) AND `notes` IS NOT NULL) AND `created` > CURRENT_DATE"_s << u"QString:a"_s;

    QTest::newRow("postgres boolean false")
        << u"postgres"_s << u"active != 'false'"_s << u"\"active\" <> ?"_s << u"bool:false"_s;
    QTest::newRow("mysql double") << u"mysql"_s << u"balance <= -0.5"_s << u"`balance` <= ?"_s
                                  << u"double:-0.5"_s;
}

void TestFilterParser::dialects()
{
    QFETCH(QString, dialect);
    QFETCH(QString, filter);
    QFETCH(QString, sql);
    QFETCH(QString, binds);
    const Outcome outcome = translate(filter, {}, kindNamed(dialect));
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.sql, sql);
    QCOMPARE(describeBinds(outcome.fragment.binds), binds);
    checkStructureOnly(outcome.fragment.sql, customers(), kindNamed(dialect));
}

// --- :params ----------------------------------------------------------------------------------

void TestFilterParser::params_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("bindsOrError");

    QTest::newRow("with colon") << u"status = :st"_s << QVariantMap{{u":st"_s, u"open"_s}}
                                << u"\"status\" = ?"_s << u"QString:open"_s;
    QTest::newRow("without colon") << u"status = :st"_s << QVariantMap{{u"st"_s, u"open"_s}}
                                   << u"\"status\" = ?"_s << u"QString:open"_s;
    QTest::newRow("integer cast") << u"id > :n"_s << QVariantMap{{u"n"_s, 7}} << u"\"id\" > ?"_s
                                  << u"qlonglong:7"_s;
    QTest::newRow("string to integer")
        << u"id > :n"_s << QVariantMap{{u"n"_s, u"7"_s}} << u"\"id\" > ?"_s << u"qlonglong:7"_s;
    QTest::newRow("bool") << u"active = :b"_s << QVariantMap{{u"b"_s, false}} << u"\"active\" = ?"_s
                          << u"int:0"_s;
    QTest::newRow("null means IS NULL")
        << u"notes = :n"_s << QVariantMap{{u"n"_s, QVariant()}} << u"\"notes\" IS NULL"_s << QString();
    QTest::newRow("json null") << u"notes != :n"_s << QVariantMap{{u"n"_s, QVariant::fromValue(nullptr)}}
                               << u"\"notes\" IS NOT NULL"_s << QString();
    QTest::newRow("list for IN") << u"id IN :ids"_s << QVariantMap{{u"ids"_s, QVariantList{1, 2, 3}}}
                                 << u"\"id\" IN (?, ?, ?)"_s << u"qlonglong:1 | qlonglong:2 | qlonglong:3"_s;
    QTest::newRow("list inside IN list")
        << u"id IN (0, :ids, 9)"_s << QVariantMap{{u"ids"_s, QVariantList{1, 2}}}
        << u"\"id\" IN (?, ?, ?, ?)"_s << u"qlonglong:0 | qlonglong:1 | qlonglong:2 | qlonglong:9"_s;
    QTest::newRow("string list") << u"status NOT IN :s"_s
                                 << QVariantMap{{u"s"_s, QStringList{u"a"_s, u"b,c"_s}}}
                                 << u"\"status\" NOT IN (?, ?)"_s << u"QString:a | QString:b,c"_s;
    QTest::newRow("empty list IN") << u"id IN :ids"_s << QVariantMap{{u"ids"_s, QVariantList{}}} << u"1 = 0"_s
                                   << QString();
    QTest::newRow("empty list NOT IN")
        << u"id NOT IN :ids"_s << QVariantMap{{u"ids"_s, QVariantList{}}} << u"1 = 1"_s << QString();
    QTest::newRow("list with null") << u"notes IN :n"_s
                                    << QVariantMap{{u"n"_s, QVariantList{u"x"_s, QVariant()}}}
                                    << u"(\"notes\" IN (?) OR \"notes\" IS NULL)"_s << u"QString:x"_s;
    QTest::newRow("CONTAINS param escapes") << u"name CONTAINS :q"_s << QVariantMap{{u"q"_s, u"5%"_s}}
                                            << u"\"name\" LIKE ? ESCAPE '!'"_s << u"QString:%5!%%"_s;
    QTest::newRow("injection text stays bound")
        << u"name = :p"_s << QVariantMap{{u"p"_s, u"x' OR '1'='1' --"_s}} << u"\"name\" = ?"_s
        << u"QString:x' OR '1'='1' --"_s;
    QTest::newRow("same param twice")
        << u"name = :p OR lastname = :p"_s << QVariantMap{{u"p"_s, u"z"_s}}
        << u"(\"name\" = ? OR \"LastName\" = ?)"_s << u"QString:z | QString:z"_s;

    QTest::newRow("unknown param")
        << u"status = :st"_s << QVariantMap{{u"other"_s, 1}} << QString()
        << u"Invalid filter at position 10: no value was given for the parameter ':st'"_s;
    QTest::newRow("list outside IN")
        << u"id = :ids"_s << QVariantMap{{u"ids"_s, QVariantList{1}}} << QString()
        << u"Invalid filter at position 6: the parameter ':ids' holds a list, which "
           "only IN accepts"_s;
    QTest::newRow("object param")
        << u"id = :o"_s << QVariantMap{{u"o"_s, QVariantMap{{u"a"_s, 1}}}} << QString()
        << u"Invalid filter at position 6: the parameter ':o' must be a single value or "
           "a list"_s;
    QTest::newRow("nested list") << u"id IN :o"_s << QVariantMap{{u"o"_s, QVariantList{QVariantList{1}}}}
                                 << QString()
                                 << u"Invalid filter at position 7: the parameter ':o' must hold plain "
                                    "values"_s;
    QTest::newRow("null with >")
        << u"id > :n"_s << QVariantMap{{u"n"_s, QVariant()}} << QString()
        << u"Invalid filter at position 6: null can only be compared with = or != (or "
           "use IS NULL and IS NOT NULL)"_s;
    QTest::newRow("null LIKE") << u"name LIKE :n"_s << QVariantMap{{u"n"_s, QVariant()}} << QString()
                               << u"Invalid filter at position 11: 'LIKE' needs a text value, not null"_s;
    QTest::newRow("param with NUL") << u"name = :n"_s << QVariantMap{{u"n"_s, QString::fromUtf16(u"a\0b", 3)}}
                                    << QString()
                                    << u"Invalid filter at position 8: the parameter ':n' contains a NUL "
                                       "character"_s;
    QTest::newRow("bad integer") << u"id = :n"_s << QVariantMap{{u"n"_s, u"1 OR 1=1"_s}} << QString()
                                 << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("too long list")
        << u"id IN :n"_s << QVariantMap{{u"n"_s, QVariantList(1001, 1)}} << QString()
        << u"Invalid filter at position 7: the IN list has more than 1000 values"_s;
}

void TestFilterParser::params()
{
    QFETCH(QString, filter);
    QFETCH(QVariantMap, params);
    QFETCH(QString, sql);
    QFETCH(QString, bindsOrError);
    const Outcome outcome = translate(filter, params);
    if (sql.isEmpty()) {
        QVERIFY2(!outcome.ok, qPrintable(outcome.fragment.sql));
        QCOMPARE(outcome.status, 400);
        QCOMPARE(outcome.message, bindsOrError);
        return;
    }
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.sql, sql);
    QCOMPARE(describeBinds(outcome.fragment.binds), bindsOrError);
    checkStructureOnly(outcome.fragment.sql, customers(), SqlDialect::Kind::Sqlite);
}

// --- values that do not fit the column --------------------------------------------------------

void TestFilterParser::castErrors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");

    QTest::newRow("text for integer") << u"id = 'abc'"_s << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("fraction for integer") << u"id = 1.5"_s << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("injection for integer")
        << u"id = '1 OR 1=1'"_s << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("bad IN item") << u"id IN (1, 'x')"_s << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("text for double") << u"balance > abc"_s << u"Field 'balance' must be a valid number."_s;
    QTest::newRow("text for boolean") << u"active = yes"_s << u"Field 'active' must be a valid boolean."_s;
    QTest::newRow("empty for integer") << u"id = ''"_s << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("function on integer") << u"id = (CURRENT_DATE)"_s
                                         << u"Invalid filter at position 6: (CURRENT_DATE) can only be "
                                            u"compared with a date or time field; 'id' is "
                                            "integer"_s;
    QTest::newRow("LIKE trailing escape") << u"name LIKE 'abc!'"_s
                                          << u"Invalid filter at position 11: the LIKE pattern ends with the "
                                             u"escape character '!'; write '!!' for a "
                                             "literal '!'"_s;
    QTest::newRow("null with <")
        << u"notes < null"_s
        << u"Invalid filter at position 9: null can only be compared with = or != (or use IS "
           "NULL and IS NOT NULL)"_s;
    QTest::newRow("CONTAINS null")
        << u"notes CONTAINS null"_s
        << u"Invalid filter at position 16: 'CONTAINS' needs a text value, not null"_s;
}

void TestFilterParser::castErrors()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    const Outcome outcome = translate(filter);
    QVERIFY2(!outcome.ok, qPrintable(outcome.fragment.sql));
    QCOMPARE(outcome.status, 400);
    QCOMPARE(outcome.message, message);
}

// --- syntax errors: each says where the filter broke -----------------------------------------

void TestFilterParser::syntaxErrors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");

    QTest::newRow("missing value")
        << u"status = "_s
        << u"Invalid filter at position 10: expected a value after '=', found the end of "
           "the filter"_s;
    QTest::newRow("missing value before AND")
        << u"status = AND id = 1"_s
        << u"Invalid filter at position 10: expected a value after '=', found 'AND'"_s;
    QTest::newRow("missing value, word op")
        << u"id GTE )"_s
        << u"Invalid filter at position 8: expected a value after 'GTE', found "
           "')'"_s;
    QTest::newRow("missing operator")
        << u"status 'open'"_s
        << u"Invalid filter at position 8: expected an operator after 'status', found "
           "the string 'open'"_s;
    QTest::newRow("unknown operator")
        << u"status MATCHES 'x'"_s
        << u"Invalid filter at position 8: expected an operator after 'status', found "
           "'MATCHES'"_s;
    QTest::newRow("double =") << u"id == 1"_s
                              << u"Invalid filter at position 5: expected a value after '=', found '='"_s;
    QTest::newRow("unknown field") << u"bogus = 1"_s
                                   << u"Invalid or unparsable field in filter request: 'bogus'"_s;
    QTest::newRow("unknown field later")
        << u"id = 1 AND bogus = 1"_s << u"Invalid or unparsable field in filter request: 'bogus'"_s;
    QTest::newRow("dotted path") << u"id = 1 AND orders.total > 5"_s
                                 << u"Invalid filter at position 12: 'orders.total' is a dotted path; "
                                    u"filters on related tables are not "
                                    "supported, only fields of table 'customers' can be used"_s;
    QTest::newRow("value first")
        << u"5 < id"_s << u"Invalid filter at position 1: expected a field name or '(', found '5'"_s;
    QTest::newRow("string as field")
        << u"'id' = 1"_s
        << u"Invalid filter at position 1: expected a field name or '(', found the "
           "string 'id'"_s;
    QTest::newRow("dangling AND")
        << u"id = 1 AND"_s
        << u"Invalid filter at position 11: expected a condition after 'AND', found the end "
           "of the filter"_s;
    QTest::newRow("double AND")
        << u"id = 1 AND AND id = 2"_s
        << u"Invalid filter at position 12: expected a condition after 'AND', found 'AND'"_s;
    QTest::newRow("leading OR")
        << u"OR id = 1"_s << u"Invalid filter at position 1: expected a field name or '(', found 'OR'"_s;
    QTest::newRow("unclosed (")
        << u"(id = 1 AND name = 'a'"_s
        << u"Invalid filter at position 23: expected ')' to close the '(' at position 1 after "
           "the string 'a', found the end of the filter"_s;
    QTest::newRow("stray )") << u"id = 1)"_s
                             << u"Invalid filter at position 7: unexpected ')' with no matching '('"_s;
    QTest::newRow("empty ()") << u"()"_s
                              << u"Invalid filter at position 2: expected a condition after '(', found ')'"_s;
    QTest::newRow("two conditions, no operator") << u"id = 1 name = 'a'"_s
                                                 << u"Invalid filter at position 8: expected AND, OR or the "
                                                    u"end of the filter after '1', found 'name' (values "
                                                    "that contain spaces must be quoted)"_s;
    QTest::newRow("unquoted value with space") << u"name = John Smith"_s
                                               << u"Invalid filter at position 13: expected AND, OR or the "
                                                  u"end of the filter after 'John', found 'Smith' "
                                                  "(values that contain spaces must be quoted)"_s;
    QTest::newRow("unterminated quote") << u"name = 'abc"_s
                                        << u"Invalid filter at position 8: the quote ' is never closed (to "
                                           u"put ' inside a value, write it twice, "
                                           "e.g. 'O''Brien')"_s;
    QTest::newRow("DF-style unescaped quote") << u"lastname = 'O'Brien'"_s
                                              << u"Invalid filter at position 20: the quote ' is never "
                                                 u"closed (to put ' inside a value, write it twice, "
                                                 "e.g. 'O''Brien')"_s;
    QTest::newRow("unterminated double quote") << u"name = \"abc"_s
                                               << u"Invalid filter at position 8: the quote \" is never "
                                                  u"closed (to put \" inside a value, write it twice, "
                                                  "e.g. \"say \"\"hi\"\"\")"_s;
    QTest::newRow("IN without list")
        << u"id IN 1"_s
        << u"Invalid filter at position 7: expected '(' and a list of values after 'IN', "
           "found '1'"_s;
    QTest::newRow("IN empty list")
        << u"id IN ()"_s << u"Invalid filter at position 8: expected a value after '(', found ')'"_s;
    QTest::newRow("IN trailing comma")
        << u"id IN (1,)"_s << u"Invalid filter at position 10: expected a value after ',', found ')'"_s;
    QTest::newRow("IN unclosed")
        << u"id IN (1, 2"_s
        << u"Invalid filter at position 12: expected ',' or ')' in the IN list that starts at "
           "position 7, found the end of the filter"_s;
    QTest::newRow("IN nested")
        << u"id IN ((1))"_s
        << u"Invalid filter at position 8: a value in an IN list cannot be in parentheses"_s;
    QTest::newRow("STARTS without WITH")
        << u"name STARTS 'a'"_s
        << u"Invalid filter at position 13: expected WITH after 'STARTS', found the "
           "string 'a'"_s;
    QTest::newRow("IS without NULL")
        << u"notes IS 'x'"_s
        << u"Invalid filter at position 10: expected NULL after 'IS', found the string "
           "'x'"_s;
    QTest::newRow("IS NOT without NULL")
        << u"notes IS NOT 5"_s << u"Invalid filter at position 14: expected NULL after 'IS NOT', found '5'"_s;
    QTest::newRow("NOT IS NULL")
        << u"notes NOT IS NULL"_s
        << u"Invalid filter at position 11: write IS NOT NULL instead of NOT IS NULL"_s;
    QTest::newRow("ALL") << u"id ALL (1, 2)"_s
                         << u"Invalid filter at position 4: the ALL operator is not supported; use IN"_s;
    QTest::newRow("OR and NOR mixed") << u"id = 1 OR id = 2 NOR id = 3"_s
                                      << u"Invalid filter at position 18: OR and NOR cannot be mixed without "
                                         "parentheses; write e.g. (a NOR b) OR c"_s;
    QTest::newRow("raw SQL value")
        << u"created > (DATE('now'))"_s
        << u"Invalid filter at position 11: SQL expressions in parentheses are not allowed as values; use a "
           u"quoted "
           "value or a :param (only (CURRENT_DATE), (CURRENT_TIME), (CURRENT_TIMESTAMP) and (NOW()) are "
           "accepted)"_s;
    QTest::newRow("NOW without ()")
        << u"created > (NOW)"_s
        << u"Invalid filter at position 11: SQL expressions in parentheses are not allowed as values; use a "
           u"quoted "
           "value or a :param (only (CURRENT_DATE), (CURRENT_TIME), (CURRENT_TIMESTAMP) and (NOW()) are "
           "accepted)"_s;
    QTest::newRow("parenthesised LIKE value") << u"name LIKE ('a')"_s
                                              << u"Invalid filter at position 11: a value in parentheses is "
                                                 u"only allowed as the list after IN; use a "
                                                 "quoted value or a :param"_s;
    QTest::newRow("lookup")
        << u"id = {user.id}"_s
        << u"Invalid filter at position 6: lookups such as '{user.id}' are not available in "
           "this context"_s;
    QTest::newRow("lookup in IN")
        << u"id IN (1, {user.id})"_s
        << u"Invalid filter at position 11: lookups such as '{user.id}' are not available "
           "in this context"_s;
    QTest::newRow("unclosed lookup")
        << u"id = {user.id"_s << u"Invalid filter at position 6: the lookup '{' is never closed with '}'"_s;
    QTest::newRow("bad param name")
        << u"id = :a.b"_s
        << u"Invalid filter at position 6: ':a.b' is not a valid parameter name (use "
           "letters, digits and _ after ':')"_s;
    QTest::newRow("postgres cast") << u"id = 1::int"_s << u"Field 'id' must be a valid integer."_s;
    QTest::newRow("lone !") << u"!(id = 1)"_s
                            << u"Invalid filter at position 1: unexpected '!' (use NOT to negate, != for not "
                               "equal)"_s;
    QTest::newRow("lone &") << u"id = 1 & id = 2"_s
                            << u"Invalid filter at position 8: unexpected '&' (use &&, or AND/OR)"_s;
    QTest::newRow("backtick")
        << u"`id` = 1"_s
        << u"Invalid filter at position 1: unexpected '`' (field names are written without "
           "quotes)"_s;
}

void TestFilterParser::syntaxErrors()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    const Outcome outcome = translate(filter);
    QVERIFY2(!outcome.ok, qPrintable(outcome.fragment.sql));
    QCOMPARE(outcome.status, 400);
    QCOMPARE(outcome.message, message);
}

// --- injection attempts: a 400, or SQL whose only user data is in the binds ------------------

void TestFilterParser::injection_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("rejected");

    // Classic payloads against an integer and a text column.
    QTest::newRow("1 OR 1=1 on integer") << u"id = 1 OR 1=1"_s << true;
    QTest::newRow("quoted 1 OR 1=1 on integer") << u"id = '1 OR 1=1'"_s << true;
    QTest::newRow("x' OR '1'='1 as filter") << u"x' OR '1'='1"_s << true;
    QTest::newRow("x' OR '1'='1 after =") << u"name = x' OR '1'='1"_s << true;
    QTest::newRow("closing the quote") << u"name = 'x' OR '1'='1'"_s << true;
    QTest::newRow("doubled quotes stay inside") << u"name = 'x'' OR ''1''=''1'"_s << false;
    QTest::newRow("backslash escape attempt") << u"name = 'a\\' OR 1=1 --'"_s << true;
    QTest::newRow("DROP inside quotes") << u"name = '; DROP TABLE customers; --'"_s << false;
    QTest::newRow("DROP unquoted") << u"name = x; DROP TABLE customers; --"_s << true;
    QTest::newRow("stacked statement") << u"id = 1; DELETE FROM customers"_s << true;
    QTest::newRow("line comment") << u"id = 1 -- AND active = 1"_s << true;
    QTest::newRow("line comment glued") << u"id = 1--"_s << true;
    QTest::newRow("block comment") << u"id = 1 /* AND active = 1 */"_s << true;
    QTest::newRow("block comment as space") << u"id=1/**/OR/**/1=1"_s << true;
    QTest::newRow("MySQL hash comment") << u"name = a #' OR 1=1"_s << true;
    QTest::newRow("UNION") << u"id = 1 UNION SELECT password FROM users"_s << true;
    QTest::newRow("subquery value") << u"id = (SELECT MAX(id) FROM customers)"_s << true;
    QTest::newRow("subquery IN") << u"id IN (SELECT id FROM customers)"_s << true;
    QTest::newRow("function call in AND") << u"name = 'a' AND SLEEP(5)"_s << true;
    QTest::newRow("raw CURRENT_DATE abuse") << u"created > (CURRENT_DATE; DROP TABLE x)"_s << true;
    QTest::newRow("field injection") << u"id\" = 1 OR \"1"_s << true;
    QTest::newRow("field with quote") << u"id\"--"_s << true;
    QTest::newRow("|| concatenation") << u"name = 'a' || 'b'"_s << true;
    QTest::newRow("left single quotation marks")
        << u"name = \u2018x\u2019 OR \u20181\u2019=\u20181\u2019"_s << true;
    QTest::newRow("double quotation marks") << u"name = \u201Cx\u201D"_s << true;
    QTest::newRow("U+2019 closing a real quote") << u"name = 'x\u2019 OR 1=1"_s << true;
    QTest::newRow("fullwidth apostrophe") << u"name = \uFF07x\uFF07"_s << true;
    QTest::newRow("bidi override") << u"id = 1 \u202E OR 1=1"_s << true;
    QTest::newRow("zero-width space") << u"id\u200B = 1"_s << true;
    QTest::newRow("NUL outside quotes") << QString::fromUtf16(u"id = 1\0 OR 1=1", 14) << true;
    QTest::newRow("NUL inside quotes") << QString::fromUtf16(u"name = 'a\0' OR 1=1", 18) << true;
    QTest::newRow("control character") << u"id = 1\u0001OR 1=1"_s << true;
    QTest::newRow("SQL in LIKE pattern stays bound") << u"name LIKE '%'' OR ''1''=''1'"_s << false;
    QTest::newRow("SQL in CONTAINS stays bound") << u"name CONTAINS ''') OR 1=1 --'"_s << false;
    QTest::newRow("SQL in IN list stays bound") << u"name IN ('a'') OR 1=1 --', 'b')"_s << false;
    QTest::newRow("SQL in double quotes stays bound") << u"name = \"x\"\" OR \"\"1\"\"=\"\"1\""_s << false;
    QTest::newRow("keywords as unquoted value") << u"name = SELECT"_s << false;
    QTest::newRow("hex literal on integer") << u"id = 0x41"_s << true;
}

void TestFilterParser::injection()
{
    QFETCH(QString, filter);
    QFETCH(bool, rejected);
    for (const auto kind : {SqlDialect::Kind::Sqlite, SqlDialect::Kind::Postgres, SqlDialect::Kind::Mysql}) {
        const Outcome outcome = translate(filter, {}, kind);
        if (rejected) {
            QVERIFY2(!outcome.ok, qPrintable(u"accepted as: "_s + outcome.fragment.sql));
            QCOMPARE(outcome.status, 400);
            continue;
        }
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        checkStructureOnly(outcome.fragment.sql, customers(), kind);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(outcome.fragment.sql.count(u'?'), outcome.fragment.binds.size());
    }
}

// --- limits -----------------------------------------------------------------------------------

void TestFilterParser::limits()
{
    // Too long: refused before any tokenizing.
    const QString tooLong = u"name = '"_s + QString(9000, u'a') + u"'"_s;
    Outcome outcome = translate(tooLong);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, 400);
    QCOMPARE(outcome.message, u"Invalid filter: it is 9009 characters long; the maximum is 8192."_s);

    // Exactly at the limit is fine.
    const QString atLimit = u"name = '"_s + QString(FilterParser::MaxLength - 9, u'a') + u"'"_s;
    QCOMPARE(atLimit.size(), FilterParser::MaxLength);
    outcome = translate(atLimit);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.binds.first().toString().size(), FilterParser::MaxLength - 9);

    // Many conditions in one flat chain: no recursion per condition, and SQLite (whose
    // expression depth limit is 1000) still runs the longest chain accepted.
    QStringList many;
    for (int i = 0; i < FilterParser::MaxConditions; ++i)
        many << u"id=%1"_s.arg(i);
    const QString longChain = many.join(u" OR "_s);
    QVERIFY(longChain.size() < FilterParser::MaxLength);
    outcome = translate(longChain);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.binds.size(), FilterParser::MaxConditions);
    QCOMPARE(runOn(m_sqlite, SqlDialect::Kind::Sqlite, u"customers"_s, longChain, {}),
             (QList<qint64>{1, 2, 3, 4, 5}));
    const QString nestedChain = repeated(u"NOT ("_s, 32) + longChain + repeated(u")"_s, 32);
    QCOMPARE(runOn(m_sqlite, SqlDialect::Kind::Sqlite, u"customers"_s, nestedChain, {}),
             (QList<qint64>{1, 2, 3, 4, 5}));
    outcome = translate(longChain + u" OR id=1"_s);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.message,
             u"Invalid filter at position %1: the filter has more than 500 conditions; use IN "
             "for long lists of values"_s.arg(longChain.size() + 5));

    // Nesting: 64 levels are accepted, 65 are not, whether parentheses or NOTs.
    const auto nested = [](int depth) -> QString {
        return repeated(u"("_s, depth) + u"id = 1"_s + repeated(u")"_s, depth);
    };
    outcome = translate(nested(FilterParser::MaxDepth));
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.sql, u"\"id\" = ?"_s);
    outcome = translate(nested(FilterParser::MaxDepth + 1));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.message,
             u"Invalid filter at position 65: the filter is nested too deeply (at most 64 levels of "
             "parentheses and NOT)"_s);

    outcome = translate(repeated(u"NOT "_s, FilterParser::MaxDepth) + u"id = 1"_s);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    outcome = translate(repeated(u"NOT "_s, FilterParser::MaxDepth + 1) + u"id = 1"_s);
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.message.contains(u"nested too deeply"_s), qPrintable(outcome.message));

    // Mixed: NOT ( NOT ( ... counts both.
    outcome = translate(repeated(u"NOT ("_s, 33) + u"id = 1"_s + repeated(u")"_s, 33));
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.message.contains(u"nested too deeply"_s), qPrintable(outcome.message));

    // Very deep input (what would blow a naive recursive parser's stack) stops at the limit.
    const QString veryDeep = repeated(u"("_s, 4000) + u"id = 1"_s + repeated(u")"_s, 4000);
    QVERIFY(veryDeep.size() <= FilterParser::MaxLength);
    outcome = translate(veryDeep);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, 400);
    QVERIFY2(outcome.message.contains(u"nested too deeply"_s), qPrintable(outcome.message));

    // IN lists are capped too.
    QStringList values;
    for (int i = 0; i <= FilterParser::MaxListSize; ++i)
        values << QString::number(i);
    outcome = translate(u"id IN ("_s + values.join(QLatin1Char(',')) + u")"_s);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.message, u"Invalid filter at position 7: the IN list has more than 1000 values"_s);
    values.removeLast();
    outcome = translate(u"id IN ("_s + values.join(QLatin1Char(',')) + u")"_s);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.fragment.binds.size(), FilterParser::MaxListSize);
}

// --- the SQL runs and selects the right rows --------------------------------------------------

void TestFilterParser::executesOnSqlite_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QList<qint64>>("ids");

    using Ids = QList<qint64>;
    QTest::newRow("OR without parentheses")
        << u"status='open' OR status='closed'"_s << QVariantMap() << Ids{1, 2, 3, 5};
    QTest::newRow("precedence") << u"status = 'open' AND city = 'Paris' OR id = 4"_s << QVariantMap()
                                << Ids{1, 4};
    QTest::newRow("parentheses") << u"status = 'open' AND (city = 'Paris' OR id = 4)"_s << QVariantMap()
                                 << Ids{1};
    QTest::newRow("DF form") << u"(status='closed')AND(city='Paris')"_s << QVariantMap() << Ids{5};
    QTest::newRow("comparison") << u"balance >= 100"_s << QVariantMap() << Ids{1, 3};
    QTest::newRow("word op") << u"id GT 3"_s << QVariantMap() << Ids{4, 5};
    QTest::newRow("NOT") << u"NOT (status = 'open')"_s << QVariantMap() << Ids{2, 4, 5};
    QTest::newRow("CONTAINS") << u"name CONTAINS 'a'"_s << QVariantMap() << Ids{1, 3, 4};
    QTest::newRow("CONTAINS a literal %") << u"notes CONTAINS '%'"_s << QVariantMap() << Ids{3};
    QTest::newRow("CONTAINS a literal _") << u"lastname CONTAINS '_'"_s << QVariantMap() << Ids{3};
    QTest::newRow("STARTS WITH") << u"lastname STARTS WITH 'Brown'"_s << QVariantMap() << Ids{3, 5};
    QTest::newRow("ENDS WITH") << u"city ENDS WITH 'is'"_s << QVariantMap() << Ids{1, 5};
    QTest::newRow("LIKE with escape") << u"notes LIKE '50!%%'"_s << QVariantMap() << Ids{3};
    QTest::newRow("LIKE wildcard") << u"lastname LIKE 'Brown_'"_s << QVariantMap() << Ids{};
    QTest::newRow("LIKE escaped underscore") << u"lastname LIKE 'Brown!_%'"_s << QVariantMap() << Ids{3};
    QTest::newRow("NOT LIKE") << u"lastname NOT LIKE 'Brown%'"_s << QVariantMap() << Ids{1, 2, 4};
    QTest::newRow("quote in value") << u"lastname = 'O''Brien'"_s << QVariantMap() << Ids{2};
    QTest::newRow("comma in IN") << u"lastname IN ('a,b', 'Smith')"_s << QVariantMap() << Ids{1, 4};
    QTest::newRow("unicode value") << u"city = 'São Paulo'"_s << QVariantMap() << Ids{3};
    QTest::newRow("IS NULL") << u"notes IS NULL"_s << QVariantMap() << Ids{1, 5};
    QTest::newRow("= null") << u"balance = null"_s << QVariantMap() << Ids{5};
    QTest::newRow("empty string is not null") << u"notes = ''"_s << QVariantMap() << Ids{4};
    QTest::newRow("IN with null") << u"notes IN ('vip', null)"_s << QVariantMap() << Ids{1, 2, 5};
    QTest::newRow("NOT IN with null") << u"notes NOT IN ('vip', null)"_s << QVariantMap() << Ids{3, 4};
    QTest::newRow("boolean") << u"active = true"_s << QVariantMap() << Ids{1, 3, 5};
    QTest::newRow("date") << u"created > 2024-01-01"_s << QVariantMap() << Ids{1, 3};
    QTest::newRow("CURRENT_DATE") << u"created < (CURRENT_DATE)"_s << QVariantMap() << Ids{1, 2, 3, 4, 5};
    QTest::newRow("XOR") << u"id = 1 XOR status = 'open'"_s << QVariantMap() << Ids{3};
    QTest::newRow("NOR") << u"id = 1 NOR status = 'closed'"_s << QVariantMap() << Ids{3, 4};
    QTest::newRow("field NOT op") << u"id NOT > 3"_s << QVariantMap() << Ids{1, 2, 3};
    QTest::newRow("param") << u"city = :c AND id > :n"_s << QVariantMap{{u":c"_s, u"Paris"_s}, {u"n"_s, 1}}
                           << Ids{5};
    QTest::newRow("list param") << u"status IN :s"_s
                                << QVariantMap{{u"s"_s, QStringList{u"pending"_s, u"x"_s}}} << Ids{4};
    QTest::newRow("empty list param") << u"status IN :s"_s << QVariantMap{{u"s"_s, QVariantList()}} << Ids{};
    QTest::newRow("empty list param NOT IN")
        << u"status NOT IN :s"_s << QVariantMap{{u"s"_s, QVariantList()}} << Ids{1, 2, 3, 4, 5};
    QTest::newRow("injection as data")
        << u"name = '''; DROP TABLE customers; --'"_s << QVariantMap() << Ids{};
    QTest::newRow("injection as param")
        << u"name = :p OR name = 'Bob'"_s << QVariantMap{{u"p"_s, u"x' OR '1'='1"_s}} << Ids{2};
    QTest::newRow("decimal") << u"price > 10"_s << QVariantMap() << Ids{1, 2, 5};
}

void TestFilterParser::executesOnSqlite()
{
    QFETCH(QString, filter);
    QFETCH(QVariantMap, params);
    QFETCH(QList<qint64>, ids);
    QCOMPARE(runOn(m_sqlite, SqlDialect::Kind::Sqlite, u"customers"_s, filter, params), ids);
}

void TestFilterParser::injectionLeavesSqliteIntact()
{
    const QString payloads[] = {u"name = '''; DROP TABLE customers; --'"_s, u"name = 'x'' OR ''1''=''1'"_s,
                                u"name CONTAINS '''; DELETE FROM customers; --'"_s,
                                u"name IN ('a''); DROP TABLE customers; --')"_s};
    for (const QString &payload : payloads)
        QCOMPARE(runOn(m_sqlite, SqlDialect::Kind::Sqlite, u"customers"_s, payload, {}), QList<qint64>());
    QSqlQuery count(m_sqlite);
    QVERIFY(count.exec(u"SELECT COUNT(*) FROM customers"_s));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), 5);
}

// Same filters against real PostgreSQL and MariaDB servers, which check what SQLite lets pass
// (LIKE on non-text columns, boolean binds, XOR as <>). Skipped when the servers are not set up.
void TestFilterParser::executesOnServers_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QList<qint64>>("ids");

    using Ids = QList<qint64>;
    struct Case
    {
        const char *name;
        QString filter;
        QVariantMap params;
        Ids ids;
    };
    const Case cases[] = {
        {"precedence", u"status = 'open' AND city = 'Paris' OR id = 4"_s, {}, {1, 4}},
        {"CONTAINS literal %", u"notes CONTAINS '%'"_s, {}, {3}},
        {"escaped underscore", u"lastname LIKE 'Brown!_%'"_s, {}, {3}},
        {"LIKE on integer", u"id LIKE '1%'"_s, {}, {1}},
        {"STARTS WITH on date", u"created STARTS WITH '2024'"_s, {}, {1, 3}},
        {"boolean", u"active = true"_s, {}, {1, 3, 5}},
        {"boolean param", u"active != :b"_s, {{u"b"_s, true}}, {2, 4}},
        {"XOR", u"id = 1 XOR status = 'open'"_s, {}, {3}},
        {"NOR", u"id = 1 NOR status = 'closed'"_s, {}, {3, 4}},
        {"NOT IN with null", u"notes NOT IN ('vip', null)"_s, {}, {3, 4}},
        {"IN with null", u"notes IN ('vip', null)"_s, {}, {1, 2, 5}},
        {"CURRENT_DATE", u"created < (CURRENT_DATE)"_s, {}, {1, 2, 3, 4, 5}},
        {"NOW()", u"created < (NOW())"_s, {}, {1, 2, 3, 4, 5}},
        {"decimal", u"price > 10"_s, {}, {1, 2, 5}},
        {"double", u"balance < 0"_s, {}, {4}},
        {"quote", u"lastname = 'O''Brien'"_s, {}, {2}},
        {"backslash stays literal", u"name = 'a\\' OR name = 'Eve'"_s, {}, {5}},
        {"empty list", u"id NOT IN :l"_s, {{u"l"_s, QVariantList()}}, {1, 2, 3, 4, 5}},
        {"date", u"created >= '2024-01-10'"_s, {}, {1, 3}},
    };
    for (const char *dialect : {"postgres", "mysql"}) {
        for (const Case &c : cases)
            QTest::addRow("%s %s", dialect, c.name)
                << QString::fromLatin1(dialect) << c.filter << c.params << c.ids;
    }
}

void TestFilterParser::executesOnServers()
{
    QFETCH(QString, dialect);
    QFETCH(QString, filter);
    QFETCH(QVariantMap, params);
    QFETCH(QList<qint64>, ids);

    const bool postgres = dialect == QLatin1String("postgres");
    const QString url = postgres ? test::TestDatabases::pgsqlUrl() : test::TestDatabases::mysqlUrl();
    if (url.isEmpty())
        QSKIP("database server not configured; run tests/support/start-test-databases.sh");

    // One connection per dialect for the whole run; the table is TEMPORARY so parallel test
    // runs on the same server never see each other's rows.
    const QString connection = u"tst_filterparser_"_s + dialect;
    const auto kind = kindNamed(dialect);
    if (!QSqlDatabase::contains(connection)) {
        const QUrl parsed(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(postgres ? u"QPSQL"_s : u"QMYSQL"_s, connection);
        db.setHostName(parsed.host());
        db.setPort(parsed.port());
        db.setUserName(parsed.userName());
        db.setPassword(parsed.password());
        db.setDatabaseName(parsed.path().mid(1));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        createCustomers(db, kind, u"filter_customers"_s);
    }
    QSqlDatabase db = QSqlDatabase::database(connection);
    QCOMPARE(runOn(db, kind, u"filter_customers"_s, filter, params), ids);
}

QTEST_GUILESS_MAIN(TestFilterParser)
#include "tst_filterparser.moc"
