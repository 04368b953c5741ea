#pragma once

class QSqlDatabase;

namespace gatehouse {

// Explicit transactions on the system database, for jobs that read and then write.
// begin() takes SQLite's write lock up front (BEGIN IMMEDIATE): a read-then-write transaction
// on one of two connections can otherwise fail with "database is locked" instead of waiting.
// Failures throw ApiError (503 busy on begin, 500 on commit, after rolling back).
class SystemTransaction
{
public:
    static void begin(QSqlDatabase &db);
    static void commit(QSqlDatabase &db);
    static void rollback(QSqlDatabase &db);
};
} // namespace gatehouse
