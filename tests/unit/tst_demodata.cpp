// Checks the demo database script (resources/demo/demo.sql) and the named queries of the demo
// service definition (resources/demo/demo-service.json): the script loads statement by statement
// through QSQLITE, the data is consistent, the tricky rows other tests rely on exist, and every
// named query returns what its description promises.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace {

using Row = QVariantMap;

// Path of a file under resources/: from the source tree when the harness says where it is,
// otherwise from the resources compiled into the engine.
QString resourcePath(const QString &relative)
{
    const QString sourceDir = qEnvironmentVariable("GATEHOUSE_SOURCE_DIR");
    if (!sourceDir.isEmpty())
        return QDir(sourceDir).filePath(QStringLiteral("resources/") + relative);
    return QStringLiteral(":/gatehouse/") + relative;
}

QByteArray readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    return file.readAll();
}

bool hasSql(const QString &chunk)
{
    const QStringList lines = chunk.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty() && !trimmed.startsWith(QStringLiteral("--")))
            return true;
    }
    return false;
}

// The simple splitter the engine uses too: a statement ends with a semicolon at the end of a line.
QStringList splitStatements(QString script)
{
    script.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QStringList statements;
    const QStringList chunks = script.split(QStringLiteral(";\n"));
    for (const QString &chunk : chunks) {
        if (hasSql(chunk))
            statements.append(chunk.trimmed());
    }
    return statements;
}

bool runScript(QSqlDatabase &db, const QStringList &statements, QString *error)
{
    for (const QString &statement : statements) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            *error = query.lastError().text() + QStringLiteral(" in: ") + statement.left(300);
            return false;
        }
    }
    return true;
}

QList<Row> select(QSqlDatabase &db, const QString &sql, const Row &bindings = {})
{
    QList<Row> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qWarning("prepare failed: %s", qPrintable(query.lastError().text()));
        return rows;
    }
    for (auto it = bindings.cbegin(); it != bindings.cend(); ++it)
        query.bindValue(QLatin1Char(':') + it.key(), it.value());
    if (!query.exec()) {
        qWarning("exec failed: %s", qPrintable(query.lastError().text()));
        return rows;
    }
    while (query.next()) {
        const QSqlRecord record = query.record();
        Row row;
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), record.value(i));
        rows.append(row);
    }
    return rows;
}

QVariant scalar(QSqlDatabase &db, const QString &sql, const Row &bindings = {})
{
    const QList<Row> rows = select(db, sql, bindings);
    if (rows.isEmpty() || rows.first().isEmpty())
        return {};
    return rows.first().first(); // a scalar query has exactly one column
}

qint64 count(QSqlDatabase &db, const QString &sql, const Row &bindings = {})
{
    return scalar(db, sql, bindings).toLongLong();
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql);
}

// True when `sql` is rejected by a constraint (not by a typo in the test).
bool violatesConstraint(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return false;
    const QString error = query.lastError().text();
    if (!error.contains(QStringLiteral("constraint failed"), Qt::CaseInsensitive)) {
        qWarning("unexpected error: %s", qPrintable(error));
        return false;
    }
    return true;
}

bool sameMoney(double a, double b)
{
    return qAbs(a - b) < 0.005;
}

// `:name` placeholders outside string literals.
QSet<QString> placeholders(QString sql)
{
    sql.replace(QRegularExpression(QStringLiteral("'(?:[^']|'')*'")), QStringLiteral("''"));
    QSet<QString> names;
    static const QRegularExpression re(QStringLiteral("(?<![:\\w]):([A-Za-z_]\\w*)"));
    auto it = re.globalMatch(sql);
    while (it.hasNext())
        names.insert(it.next().captured(1));
    return names;
}

} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void scriptSplitsSafely();
    void rowCounts_data();
    void rowCounts();
    void foreignKeysHold();
    void constraintsAreEnforced();
    void trickyRows();
    void viewMatchesOrderLines();
    void scriptIsRerunnableInsideTransaction();

    void serviceDefinition();
    void namedQueryParamsMatchPlaceholders();
    void customerSummary_data();
    void customerSummary();
    void customerSummaryUnknownCustomer();
    void orderDetails();
    void ticketHistory();

private:
    QSqlDatabase openMemoryDatabase(const QString &connectionName);
    QList<Row> runNamedQuery(const QString &name, const Row &params);

    QString m_script;
    QStringList m_statements;
    QJsonObject m_service;
    QHash<QString, QJsonObject> m_namedQueries;
    QSqlDatabase m_db;
    QStringList m_connections;
};

QSqlDatabase TestDemoData::openMemoryDatabase(const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(QStringLiteral(":memory:"));
    m_connections.append(connectionName);
    if (!db.open())
        qWarning("cannot open %s: %s", qPrintable(connectionName), qPrintable(db.lastError().text()));
    return db;
}

QList<Row> TestDemoData::runNamedQuery(const QString &name, const Row &params)
{
    const QJsonObject nq = m_namedQueries.value(name);
    if (nq.isEmpty()) {
        qWarning("no named query %s", qPrintable(name));
        return {};
    }
    return select(m_db, nq.value(QStringLiteral("sql")).toString(), params);
}

void TestDemoData::initTestCase()
{
    QString error;
    const QByteArray sql = readFile(resourcePath(QStringLiteral("demo/demo.sql")), &error);
    QVERIFY2(!sql.isEmpty(), qPrintable(error.isEmpty() ? QStringLiteral("demo.sql is empty") : error));
    QVERIFY2(sql.size() < 150 * 1024, "demo.sql should stay under about 150 KB");
    m_script = QString::fromUtf8(sql);
    m_statements = splitStatements(m_script);

    const QByteArray json = readFile(resourcePath(QStringLiteral("demo/demo-service.json")), &error);
    QVERIFY2(!json.isEmpty(),
             qPrintable(error.isEmpty() ? QStringLiteral("demo-service.json is empty") : error));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QVERIFY(doc.isObject());
    m_service = doc.object();
    const QJsonArray queries =
        m_service.value(QStringLiteral("config")).toObject().value(QStringLiteral("named_queries")).toArray();
    for (const QJsonValue &value : queries) {
        const QJsonObject nq = value.toObject();
        m_namedQueries.insert(nq.value(QStringLiteral("name")).toString(), nq);
    }

    m_db = openMemoryDatabase(QStringLiteral("tst_demodata"));
    QVERIFY(m_db.isOpen());
    QVERIFY2(runScript(m_db, m_statements, &error), qPrintable(error));
}

void TestDemoData::cleanupTestCase()
{
    m_db = QSqlDatabase();
    for (const QString &name : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(name);
}

void TestDemoData::scriptSplitsSafely()
{
    // Every semicolon in the file ends a statement at the end of a line: none hides in a string
    // literal or a comment, so the simple splitter cannot cut a statement in two.
    QString normalized = m_script;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QCOMPARE(normalized.count(QLatin1Char(';')), normalized.count(QStringLiteral(";\n")));
    QCOMPARE(qsizetype(m_statements.size()), normalized.count(QLatin1Char(';')));
    QVERIFY(!normalized.contains(
        QRegularExpression(QStringLiteral("^\\s*\\."), QRegularExpression::MultilineOption)));
    QVERIFY(!normalized.contains(QStringLiteral("BEGIN TRANSACTION"), Qt::CaseInsensitive));
    QCOMPARE(count(m_db, QStringLiteral("PRAGMA foreign_keys")), 1);
}

void TestDemoData::rowCounts_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<qint64>("rows");
    QTest::newRow("customers") << QStringLiteral("customers") << qint64(60);
    QTest::newRow("employees") << QStringLiteral("employees") << qint64(15);
    QTest::newRow("products") << QStringLiteral("products") << qint64(40);
    QTest::newRow("orders") << QStringLiteral("orders") << qint64(150);
    QTest::newRow("order_items") << QStringLiteral("order_items") << qint64(429);
    QTest::newRow("support_tickets") << QStringLiteral("support_tickets") << qint64(80);
    QTest::newRow("customer_order_totals") << QStringLiteral("customer_order_totals") << qint64(60);
}

void TestDemoData::rowCounts()
{
    QFETCH(QString, table);
    QFETCH(qint64, rows);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM ") + table), rows);
    if (table != QStringLiteral("customer_order_totals")) {
        // ids are 1..n and the AUTOINCREMENT counter continues after them
        QCOMPARE(count(m_db, QStringLiteral("SELECT MAX(id) FROM ") + table), rows);
        QCOMPARE(count(m_db, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = :t"),
                       {{QStringLiteral("t"), table}}),
                 rows);
    }
}

void TestDemoData::foreignKeysHold()
{
    QSqlQuery query(m_db);
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_key_check")));
    if (query.next())
        QFAIL(qPrintable(QStringLiteral("dangling reference in table ") + query.value(0).toString()));

    // Every foreign key the brief asks for is declared.
    const QList<QPair<QString, QString>> expected = {
        {QStringLiteral("orders"), QStringLiteral("customer_id>customers")},
        {QStringLiteral("orders"), QStringLiteral("employee_id>employees")},
        {QStringLiteral("order_items"), QStringLiteral("order_id>orders")},
        {QStringLiteral("order_items"), QStringLiteral("product_id>products")},
        {QStringLiteral("support_tickets"), QStringLiteral("customer_id>customers")},
        {QStringLiteral("support_tickets"), QStringLiteral("assigned_to>employees")},
        {QStringLiteral("support_tickets"), QStringLiteral("order_id>orders")},
        {QStringLiteral("employees"), QStringLiteral("manager_id>employees")},
    };
    for (const auto &[table, fk] : expected) {
        QSet<QString> declared;
        const QList<Row> rows = select(m_db, QStringLiteral("PRAGMA foreign_key_list(") + table + u')');
        for (const Row &row : rows)
            declared.insert(row.value(QStringLiteral("from")).toString() + u'>' +
                            row.value(QStringLiteral("table")).toString());
        QVERIFY2(declared.contains(fk), qPrintable(table + QStringLiteral(": missing ") + fk));
    }

    // Data-level consistency the schema cannot express.
    QCOMPARE(count(m_db,
                   QStringLiteral("SELECT COUNT(*) FROM support_tickets t JOIN orders o ON o.id = t.order_id "
                                  "WHERE o.customer_id <> t.customer_id")),
             0);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM orders o LEFT JOIN order_items oi "
                                        "ON oi.order_id = o.id WHERE oi.id IS NULL")),
             0);
    QCOMPARE(
        count(m_db, QStringLiteral("SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                                   "WHERE c.status = 'prospect' OR o.order_date < c.created_at")),
        0);
    QCOMPARE(
        count(m_db, QStringLiteral("SELECT COUNT(*) FROM orders WHERE order_date > '2025-06-30 23:59:59'")),
        0);
}

void TestDemoData::constraintsAreEnforced()
{
    QVERIFY(violatesConstraint(
        m_db, QStringLiteral("INSERT INTO orders (customer_id, order_date) VALUES (9999, '2025-06-30')")));
    QVERIFY(violatesConstraint(
        m_db, QStringLiteral("INSERT INTO customers (name, email, ssn, city, country) "
                             "VALUES ('X Y', 'x.y@example.com', '123-45-6789', 'Lyon', 'France')")));
    QVERIFY(violatesConstraint(
        m_db, QStringLiteral("INSERT INTO customers (name, email, city, country) "
                             "SELECT 'Dup', email, city, country FROM customers WHERE id = 1")));
    QVERIFY(
        violatesConstraint(m_db, QStringLiteral("INSERT INTO support_tickets (customer_id, subject, status) "
                                                "VALUES (1, 'No close date', 'closed')")));
    QVERIFY(violatesConstraint(
        m_db, QStringLiteral("INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
                             "VALUES (1, 1, 0, 10)")));
    QVERIFY(violatesConstraint(m_db, QStringLiteral("UPDATE orders SET status = 'lost' WHERE id = 1")));
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM orders")), 150);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM customers")), 60);
}

void TestDemoData::trickyRows()
{
    const QString byName = QStringLiteral("SELECT id, company, phone, ssn FROM customers WHERE name = :name");

    QList<Row> rows = select(m_db, byName, {{QStringLiteral("name"), QStringLiteral("Siobhán O'Brien")}});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("id")).toInt(), 7);
    QCOMPARE(rows[0].value(QStringLiteral("company")).toString(), QStringLiteral("O'Brien & Sons Ltd."));

    rows = select(m_db, byName, {{QStringLiteral("name"), QStringLiteral("D'Arcy MacAllister")}});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("id")).toInt(), 44);

    rows = select(m_db, byName, {{QStringLiteral("name"), QStringLiteral("山田 太郎")}});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("id")).toInt(), 23);

    rows = select(m_db, byName, {{QStringLiteral("name"), QStringLiteral("Zoë Łukasiewicz-Brontë")}});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(QStringLiteral("id")).toInt(), 31);
    QVERIFY(rows[0].value(QStringLiteral("phone")).isNull());

    rows = select(m_db, QStringLiteral("SELECT id FROM customers WHERE phone IS NULL ORDER BY id"));
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].value(QStringLiteral("id")).toInt(), 12);
    QCOMPARE(rows[1].value(QStringLiteral("id")).toInt(), 31);
    QCOMPARE(rows[2].value(QStringLiteral("id")).toInt(), 58);

    // Fake SSNs: all in the never-issued 9xx area range, one customer has none.
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM customers WHERE ssn IS NULL")), 1);
    QCOMPARE(
        count(m_db, QStringLiteral("SELECT COUNT(*) FROM customers WHERE ssn GLOB '9[0-9][0-9]-[0-9][0-9]-"
                                   "[0-9][0-9][0-9][0-9]'")),
        59);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM customers WHERE email NOT LIKE '%.example' "
                                        "AND email NOT LIKE '%@example.%'")),
             0);

    QCOMPARE(
        count(m_db, QStringLiteral("SELECT COUNT(*) FROM customers c WHERE c.status = 'prospect' "
                                   "AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)")),
        6);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM employees WHERE manager_id IS NULL")), 1);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM employees WHERE last_name = 'O''Neill'")), 1);
    QVERIFY(count(m_db, QStringLiteral("SELECT COUNT(*) FROM orders WHERE employee_id IS NULL")) > 0);
    QVERIFY(count(m_db, QStringLiteral("SELECT COUNT(*) FROM support_tickets WHERE assigned_to IS NULL")) >
            0);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(DISTINCT status) FROM orders")), 5);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(DISTINCT status) FROM support_tickets")), 5);
}

void TestDemoData::viewMatchesOrderLines()
{
    const QList<Row> expected = select(
        m_db, QStringLiteral(
                  "SELECT c.id AS customer_id, COALESCE(SUM(x.line_total), 0) AS total FROM customers c "
                  "LEFT JOIN (SELECT o.customer_id, oi.quantity * oi.unit_price * (1 - oi.discount) "
                  "AS line_total FROM orders o JOIN order_items oi ON oi.order_id = o.id "
                  "WHERE o.status <> 'cancelled') x ON x.customer_id = c.id GROUP BY c.id ORDER BY c.id"));
    const QList<Row> view =
        select(m_db, QStringLiteral("SELECT customer_id, total_spent, order_count FROM customer_order_totals "
                                    "ORDER BY customer_id"));
    QCOMPARE(view.size(), expected.size());
    qint64 orderCount = 0;
    for (int i = 0; i < view.size(); ++i) {
        QCOMPARE(view[i].value(QStringLiteral("customer_id")),
                 expected[i].value(QStringLiteral("customer_id")));
        // The view rounds each line to cents, the reference does not: allow a cent per line.
        QVERIFY(qAbs(view[i].value(QStringLiteral("total_spent")).toDouble() -
                     expected[i].value(QStringLiteral("total")).toDouble()) < 0.05);
        orderCount += view[i].value(QStringLiteral("order_count")).toLongLong();
    }
    QCOMPARE(orderCount, 150);
}

void TestDemoData::scriptIsRerunnableInsideTransaction()
{
    QSqlDatabase db = openMemoryDatabase(QStringLiteral("tst_demodata_rerun"));
    QVERIFY(db.isOpen());
    QString error;
    QVERIFY2(runScript(db, m_statements, &error), qPrintable(error));
    QVERIFY(exec(db, QStringLiteral("DELETE FROM support_tickets WHERE id > 10")));
    // A loader may wrap the whole script in one transaction: that must work too, and reset the data.
    QVERIFY(db.transaction());
    QVERIFY2(runScript(db, m_statements, &error), qPrintable(error));
    QVERIFY(db.commit());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM support_tickets")), 80);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM order_items")), 429);
    QSqlQuery check(db);
    QVERIFY(check.exec(QStringLiteral("PRAGMA foreign_key_check")));
    QVERIFY(!check.next());
}

void TestDemoData::serviceDefinition()
{
    QCOMPARE(m_service.value(QStringLiteral("name")).toString(), QStringLiteral("demo"));
    QCOMPARE(m_service.value(QStringLiteral("type")).toString(), QStringLiteral("sqlite"));
    QCOMPARE(m_service.value(QStringLiteral("is_active")).toBool(), true);
    QVERIFY(!m_service.value(QStringLiteral("label")).toString().isEmpty());
    QVERIFY(!m_service.value(QStringLiteral("description")).toString().isEmpty());
    const QJsonObject config = m_service.value(QStringLiteral("config")).toObject();
    QCOMPARE(config.value(QStringLiteral("max_records")).toInt(), 1000);
    QVERIFY(!config.contains(QStringLiteral("database"))); // the engine fills in the file path

    const QStringList expected = {QStringLiteral("GetCustomerSummaryData"), QStringLiteral("GetOrderDetails"),
                                  QStringLiteral("GetTicketHistory")};
    QCOMPARE(config.value(QStringLiteral("named_queries")).toArray().size(), expected.size());
    for (const QString &name : expected) {
        QVERIFY2(m_namedQueries.contains(name), qPrintable(name));
        const QJsonObject nq = m_namedQueries.value(name);
        QVERIFY(!nq.value(QStringLiteral("description")).toString().isEmpty());
        QVERIFY(nq.value(QStringLiteral("sql")).toString().startsWith(QStringLiteral("SELECT ")));
        QVERIFY(!nq.value(QStringLiteral("sql")).toString().contains(QLatin1Char(';')));
    }
}

void TestDemoData::namedQueryParamsMatchPlaceholders()
{
    for (auto it = m_namedQueries.cbegin(); it != m_namedQueries.cend(); ++it) {
        const QJsonArray params = it.value().value(QStringLiteral("params")).toArray();
        QVERIFY2(!params.isEmpty(), qPrintable(it.key()));
        QSet<QString> declared;
        for (const QJsonValue &value : params) {
            const QJsonObject param = value.toObject();
            const QString name = param.value(QStringLiteral("name")).toString();
            QVERIFY2(!name.isEmpty(), qPrintable(it.key()));
            QCOMPARE(param.value(QStringLiteral("type")).toString(), QStringLiteral("integer"));
            QVERIFY(param.value(QStringLiteral("required")).toBool());
            QVERIFY(!param.value(QStringLiteral("description")).toString().isEmpty());
            declared.insert(name);
        }
        QCOMPARE(placeholders(it.value().value(QStringLiteral("sql")).toString()), declared);
    }
}

void TestDemoData::customerSummary_data()
{
    QTest::addColumn<int>("customerId");
    QTest::addColumn<QString>("name");
    QTest::newRow("showcase account") << 1 << QStringLiteral("Amelia Redfield");
    QTest::newRow("apostrophe") << 7 << QStringLiteral("Siobhán O'Brien");
    QTest::newRow("unicode") << 23 << QStringLiteral("山田 太郎");
    QTest::newRow("prospect, no orders") << 19 << QString();
}

void TestDemoData::customerSummary()
{
    QFETCH(int, customerId);
    QFETCH(QString, name);
    const Row id = {{QStringLiteral("customer_id"), customerId}};

    const QList<Row> rows = runNamedQuery(QStringLiteral("GetCustomerSummaryData"), id);
    QCOMPARE(rows.size(), 1);
    const Row &row = rows.first();
    const QStringList columns = {QStringLiteral("customer_id"),
                                 QStringLiteral("name"),
                                 QStringLiteral("email"),
                                 QStringLiteral("company"),
                                 QStringLiteral("status"),
                                 QStringLiteral("order_count"),
                                 QStringLiteral("total_spent"),
                                 QStringLiteral("last_order_date"),
                                 QStringLiteral("open_ticket_count")};
    for (const QString &column : columns)
        QVERIFY2(row.contains(column), qPrintable(column));
    QCOMPARE(row.value(QStringLiteral("customer_id")).toInt(), customerId);
    if (!name.isEmpty())
        QCOMPARE(row.value(QStringLiteral("name")).toString(), name);
    QVERIFY(row.value(QStringLiteral("email")).toString().contains(QLatin1Char('@')));

    const qint64 orders =
        count(m_db, QStringLiteral("SELECT COUNT(*) FROM orders WHERE customer_id = :customer_id"), id);
    QCOMPARE(row.value(QStringLiteral("order_count")).toLongLong(), orders);
    QCOMPARE(row.value(QStringLiteral("open_ticket_count")).toLongLong(),
             count(m_db,
                   QStringLiteral("SELECT COUNT(*) FROM support_tickets WHERE customer_id = :customer_id "
                                  "AND closed_at IS NULL"),
                   id));

    // total_spent is the sum of the customer's order lines (cancelled orders excluded), here added
    // up from GetOrderDetails, order by order.
    const QList<Row> billed =
        select(m_db,
               QStringLiteral("SELECT id, order_date FROM orders WHERE customer_id = :customer_id "
                              "AND status <> 'cancelled' ORDER BY order_date"),
               id);
    double total = 0;
    for (const Row &order : billed) {
        const QList<Row> lines =
            runNamedQuery(QStringLiteral("GetOrderDetails"),
                          {{QStringLiteral("order_id"), order.value(QStringLiteral("id"))}});
        QVERIFY(!lines.isEmpty());
        for (const Row &line : lines)
            total += line.value(QStringLiteral("line_total")).toDouble();
    }
    QVERIFY2(sameMoney(row.value(QStringLiteral("total_spent")).toDouble(), total),
             qPrintable(row.value(QStringLiteral("total_spent")).toString() + QStringLiteral(" vs ") +
                        QString::number(total, 'f', 2)));

    // ... and agrees with the view.
    const QList<Row> view =
        select(m_db,
               QStringLiteral("SELECT total_spent, last_order_date FROM customer_order_totals "
                              "WHERE customer_id = :customer_id"),
               id);
    QCOMPARE(view.size(), 1);
    QVERIFY(sameMoney(view[0].value(QStringLiteral("total_spent")).toDouble(), total));
    QCOMPARE(view[0].value(QStringLiteral("last_order_date")).toString(),
             row.value(QStringLiteral("last_order_date")).toString());

    if (billed.isEmpty()) {
        QCOMPARE(orders, 0);
        QVERIFY(row.value(QStringLiteral("last_order_date")).isNull());
        QCOMPARE(row.value(QStringLiteral("total_spent")).toDouble(), 0.0);
    } else {
        QVERIFY(total > 0);
        QCOMPARE(row.value(QStringLiteral("last_order_date")).toString(),
                 billed.last().value(QStringLiteral("order_date")).toString());
    }
}

void TestDemoData::customerSummaryUnknownCustomer()
{
    QVERIFY(runNamedQuery(QStringLiteral("GetCustomerSummaryData"), {{QStringLiteral("customer_id"), 9999}})
                .isEmpty());
}

void TestDemoData::orderDetails()
{
    const QList<Row> lines =
        runNamedQuery(QStringLiteral("GetOrderDetails"), {{QStringLiteral("order_id"), 1}});
    QCOMPARE(lines.size(), 4);
    int previousLine = 0;
    for (const Row &line : lines) {
        QCOMPARE(line.value(QStringLiteral("order_id")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("customer_id")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("customer_name")).toString(), QStringLiteral("Amelia Redfield"));
        QCOMPARE(line.value(QStringLiteral("order_status")).toString(), QStringLiteral("delivered"));
        QCOMPARE(line.value(QStringLiteral("order_date")).toString(), QStringLiteral("2023-01-04 14:22:00"));
        QVERIFY(!line.value(QStringLiteral("product_name")).toString().isEmpty());
        QVERIFY(!line.value(QStringLiteral("sku")).toString().isEmpty());
        const int lineId = line.value(QStringLiteral("line_id")).toInt();
        QVERIFY(lineId > previousLine);
        previousLine = lineId;
        const double quantity = line.value(QStringLiteral("quantity")).toDouble();
        const double price = line.value(QStringLiteral("unit_price")).toDouble();
        const double discount = line.value(QStringLiteral("discount")).toDouble();
        QVERIFY(quantity > 0);
        QVERIFY(price > 0);
        QVERIFY(sameMoney(line.value(QStringLiteral("line_total")).toDouble(),
                          quantity * price * (1 - discount)));
    }
    QCOMPARE(lines[0].value(QStringLiteral("product_name")).toString(),
             QStringLiteral("Quill Wireless Keyboard"));

    QVERIFY(runNamedQuery(QStringLiteral("GetOrderDetails"), {{QStringLiteral("order_id"), 9999}}).isEmpty());
}

void TestDemoData::ticketHistory()
{
    const Row id = {{QStringLiteral("customer_id"), 1}};
    const QList<Row> tickets = runNamedQuery(QStringLiteral("GetTicketHistory"), id);
    QCOMPARE(qint64(tickets.size()),
             count(m_db,
                   QStringLiteral("SELECT COUNT(*) FROM support_tickets WHERE customer_id = :customer_id"),
                   id));
    QVERIFY(tickets.size() >= 5);

    QString previous = QStringLiteral("9999");
    bool sawUnassigned = false;
    bool sawAssigned = false;
    for (const Row &ticket : tickets) {
        for (const char *column : {"ticket_id", "subject", "status", "priority", "created_at", "closed_at",
                                   "assigned_employee_name"})
            QVERIFY2(ticket.contains(QLatin1String(column)), column);
        const QString created = ticket.value(QStringLiteral("created_at")).toString();
        QVERIFY2(created <= previous, "tickets must come newest first");
        previous = created;
        QVERIFY(!ticket.value(QStringLiteral("subject")).toString().isEmpty());

        const QString status = ticket.value(QStringLiteral("status")).toString();
        const bool finished = status == QStringLiteral("resolved") || status == QStringLiteral("closed");
        QCOMPARE(!ticket.value(QStringLiteral("closed_at")).isNull(), finished);

        const QVariant employee = ticket.value(QStringLiteral("assigned_employee_name"));
        if (employee.isNull()) {
            sawUnassigned = true;
        } else {
            sawAssigned = true;
            QVERIFY(employee.toString().contains(QLatin1Char(' ')));
        }
    }
    QVERIFY(sawAssigned);
    QVERIFY(sawUnassigned); // ticket 79 is new and not triaged
    QCOMPARE(tickets.first().value(QStringLiteral("ticket_id")).toInt(), 79);

    QVERIFY(
        runNamedQuery(QStringLiteral("GetTicketHistory"), {{QStringLiteral("customer_id"), 19}}).isEmpty());
}

QTEST_GUILESS_MAIN(TestDemoData)

#include "tst_demodata.moc"
