#include "StatementCache.h"

#include <memory>
#include <unordered_map>

#include <QSqlError>

#include "SqlErrors.h"
#include "store/DbExecutor.h"

namespace gatehouse {
namespace {

struct ConnectionStatements
{
    const void *handle = nullptr; // the driver's native connection when these were prepared
    quint64 tick = 0;
    struct Entry
    {
        std::unique_ptr<QSqlQuery> query; // on the heap: references stay valid across rehashes
        quint64 lastUse = 0;
    };
    std::unordered_map<QString, Entry> entries; // std: QHash wants copyable values
};

// Per thread, by connection name. Destroyed at thread exit, after the connection: QtSql
// results outlive their driver safely (they only hold a guarded pointer to it).
thread_local std::unordered_map<QString, ConnectionStatements> t_connections;

ConnectionStatements &statementsFor(const QSqlDatabase &db)
{
    if (t_connections.size() > 16)
        t_connections.clear(); // only one-off connections (tools, tests) get here
    ConnectionStatements &statements = t_connections[db.connectionName()];
    const void *handle = DbExecutor::nativeHandle(db);
    if (statements.handle != handle) {
        statements.entries.clear();
        statements.handle = handle;
    }
    return statements;
}

bool execute(QSqlQuery &query, const QVariantList &binds)
{
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds.at(i));
    return query.exec();
}
} // namespace

QSqlQuery &StatementCache::select(QSqlDatabase &db, const SqlDialect &dialect, const SqlFragment &statement,
                                  const QString &failMessage, const TableSchema *table)
{
    ConnectionStatements &statements = statementsFor(db);
    const quint64 now = ++statements.tick;
    auto it = statements.entries.find(statement.sql);
    if (it != statements.entries.end()) {
        it->second.lastUse = now;
        QSqlQuery &query = *it->second.query;
        if (execute(query, statement.binds))
            return query;
        // Stale (schema changed, connection state lost): prepare it afresh below.
        statements.entries.erase(it);
    }
    if (statements.entries.size() >= Capacity) {
        auto oldest = statements.entries.begin();
        for (auto candidate = statements.entries.begin(); candidate != statements.entries.end(); ++candidate)
            if (candidate->second.lastUse < oldest->second.lastUse)
                oldest = candidate;
        statements.entries.erase(oldest);
    }
    auto query = std::make_unique<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(statement.sql) || !execute(*query, statement.binds))
        throw SqlErrors::toApiError(dialect, query->lastError(), failMessage, table);
    QSqlQuery &result = *query;
    statements.entries.emplace(statement.sql, ConnectionStatements::Entry{std::move(query), now});
    return result;
}

} // namespace gatehouse
