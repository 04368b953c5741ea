#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include "DbSchema.h"
#include "FilterParser.h"
#include "SqlDialect.h"

namespace gatehouse {

// Prepared read statements kept per connection and reused. Preparing is most of the cost of
// a small read: tens of microseconds in QtSql/SQLite, a PREPARE/DEALLOCATE round trip each on
// PostgreSQL. The records API builds the same SQL text for the same request shape, so the
// text is the key.
//
// Each worker thread owns its connection, so the cache is per thread and needs no lock. A
// connection that was closed and reopened has a new driver handle, which empties its cache;
// a cached statement that fails (e.g. gone stale after DDL) is prepared afresh once.
class StatementCache
{
public:
    static constexpr int Capacity = 64; // statements per connection

    // Binds `statement.binds` and executes the cached statement for `statement.sql` (read-only
    // SQL only: a failed write must never run twice). Throws the clean ApiError on failure.
    // The query stays owned by the cache: read it, then call finish() on it.
    static QSqlQuery &select(QSqlDatabase &db, const SqlDialect &dialect, const SqlFragment &statement,
                             const QString &failMessage, const TableSchema *table);
    // Resets a cached statement when the reading scope ends, however it ends: an SQLite
    // statement left active would hold its read lock.
    struct FinishGuard
    {
        QSqlQuery &query;
        ~FinishGuard() { query.finish(); }
    };
};
} // namespace gatehouse
