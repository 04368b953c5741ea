#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QTest>

namespace gatehouse::test {

// Database servers the test command starts on loopback (tests/support/start-test-databases.sh).
class TestDatabases
{
public:
    static QString pgsqlUrl() { return qEnvironmentVariable("GATEHOUSE_TEST_PGSQL"); }
    static QString pgsqlSystemUrl() { return qEnvironmentVariable("GATEHOUSE_TEST_PGSQL_SYSTEM"); }
    static QString mysqlUrl() { return qEnvironmentVariable("GATEHOUSE_TEST_MYSQL"); }
    // In CI a missing server is a failure, not a skip, so a broken setup cannot pass silently.
    static bool required() { return qEnvironmentVariableIntValue("GATEHOUSE_TEST_REQUIRE_DATABASES") == 1; }

    // Adds the global data rows "sqlite", "pgsql" and "mysql" (column "engine") that the SQL
    // tests run every test function over. Call from initTestCase_data().
    static void addEngineRows();
    // Opens one connection for each configured engine (SQLite in `sqliteFile`), named
    // "<prefix>-<engine>", and returns engine -> connection name. Empty with `*error` set when
    // a configured server cannot be reached.
    static QHash<QString, QString> openConnections(const QString &prefix, const QString &sqliteFile,
                                                   QString *error);
    static void closeConnections(const QHash<QString, QString> &connections);
    // Empties the PostgreSQL system database at `url` (a fresh public schema), so an engine
    // starts on it as on a new install: the database remembers the master key it met first.
    static bool resetSystemSchema(const QString &url, QString *error);

    // main() for a test class constructed from a system database URL (empty: SQLite): runs it
    // on SQLite, then on the PostgreSQL system database when one is configured, and fails
    // instead of skipping that run when servers are required.
    template <typename TestClass>
    static int runOnSystemDatabases(int argc, char **argv)
    {
        QCoreApplication app(argc, argv);
        int failures = 0;
        {
            TestClass sqlite{QString()};
            failures += QTest::qExec(&sqlite, argc, argv);
        }
        const QString pg = pgsqlSystemUrl();
        if (!pg.isEmpty()) {
            TestClass postgres{pg};
            failures += QTest::qExec(&postgres, argc, argv);
        } else if (required()) {
            qCritical("GATEHOUSE_TEST_PGSQL_SYSTEM is required but not set");
            ++failures;
        } else {
            qInfo("PostgreSQL system database not configured (GATEHOUSE_TEST_PGSQL_SYSTEM): skipped");
        }
        return failures;
    }
};

// Skips (or, when servers are required, fails) a test whose database server is not configured.
#define GATEHOUSE_REQUIRE_URL(url, what)                                                                     \
    do {                                                                                                     \
        if ((url).isEmpty()) {                                                                               \
            if (gatehouse::test::TestDatabases::required())                                                  \
                QFAIL(what " is required (GATEHOUSE_TEST_REQUIRE_DATABASES=1) but not configured");          \
            QSKIP(what " not configured; run tests/support/start-test-databases.sh");                        \
        }                                                                                                    \
    } while (false)
// Skips (or fails, see above) a test row whose engine's server is not configured.
#define GATEHOUSE_REQUIRE_ENGINE(engine)                                                                     \
    do {                                                                                                     \
        if ((engine) == QLatin1String("pgsql"))                                                              \
            GATEHOUSE_REQUIRE_URL(gatehouse::test::TestDatabases::pgsqlUrl(),                                \
                                  "PostgreSQL (GATEHOUSE_TEST_PGSQL)");                                      \
        if ((engine) == QLatin1String("mysql"))                                                              \
            GATEHOUSE_REQUIRE_URL(gatehouse::test::TestDatabases::mysqlUrl(),                                \
                                  "MariaDB (GATEHOUSE_TEST_MYSQL)");                                         \
    } while (false)
} // namespace gatehouse::test
