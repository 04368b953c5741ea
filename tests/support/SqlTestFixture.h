#pragma once

#include <memory>
#include <utility>

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "TestServer.h"
#include "core/Json.h"
#include "store/ConnectionSpec.h"

namespace gatehouse::test {

// Conversions the database-service tests use everywhere: a QString for a Json value, a
// percent-encoded query value, and the message of a DF error envelope (empty when none).
std::string str(const QString &value);
QString enc(const QString &value);
QString message(const TestResponse &r);

// The direct-SQL side of the database-service tests (records, row filters, masking): which
// engines a run covers, the service config for each, and the test's own connection to the
// engine (outside the gateway) that creates and drops the fixture tables.
class SqlTestFixture
{
public:
    // (kind, URL) of every engine this run covers: SQLite always (no URL), PostgreSQL and
    // MariaDB when their test URLs are set.
    static QList<std::pair<QString, QString>> engines();
    // A table-name prefix unique to this run (`stem`, then the process id): the PostgreSQL and
    // MariaDB test databases are shared between runs.
    static QString tablePrefix(const char *stem);
    // A started gateway with its admin signed in; null, with `error` set, when it cannot start.
    static std::unique_ptr<TestServer> startServer(QString *error);
    // Fills `spec` for `kind` (a SQLite file at `sqliteFile`, otherwise the server at `url`) and
    // returns the matching database-service config.
    static Json serviceConfig(const QString &kind, const QString &url, const QString &sqliteFile,
                              ConnectionSpec &spec);

    // The connection `name` to `spec`, opened on first use and reopened when closed.
    static QSqlDatabase directDb(const ConnectionSpec &spec, const QString &name);
    // Runs one fixture statement; false, with a warning naming it, when it fails.
    static bool exec(QSqlDatabase db, const QString &statement);
    // The first column of the first row; -1 when the statement fails or returns nothing.
    static qint64 scalar(QSqlDatabase db, const QString &statement);
    // Drops `tables` where they exist (CASCADE on PostgreSQL, whose views may depend on them).
    static void dropTables(QSqlDatabase db, const QString &kind, const QStringList &tables);
};
} // namespace gatehouse::test
