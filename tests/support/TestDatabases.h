#pragma once

#include <QString>

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
} // namespace gatehouse::test
