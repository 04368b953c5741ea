#pragma once

#include <QSqlDatabase>

#include "SqlDialect.h"

namespace gatehouse {

// One database transaction around a records write, rolled back unless committed (so an
// exception anywhere leaves nothing half-written). Also places the per-record savepoints the
// default and `continue` batch modes need on engines where a failed statement would otherwise
// spoil the whole transaction.
class RecordTransaction
{
public:
    RecordTransaction(QSqlDatabase &db, const SqlDialect &dialect);
    ~RecordTransaction();
    RecordTransaction(const RecordTransaction &) = delete;
    RecordTransaction &operator=(const RecordTransaction &) = delete;

    // SQLite takes the write lock at once (BEGIN IMMEDIATE) so two writers never deadlock on
    // a lock upgrade. Throws ApiError 503 when the transaction cannot start.
    void begin();
    // Throws ApiError 500 (after rolling back) when the commit fails.
    void commit();
    void rollback();
    bool isActive() const { return m_active; }

    // PostgreSQL aborts the transaction on any failed statement and MySQL can roll back more
    // than the statement (deadlocks); SQLite undoes just the failed statement.
    bool needsSavepoints() const;
    void savepoint();
    void releaseSavepoint();
    void rollbackToSavepoint();

private:
    void control(const QString &sql);

    QSqlDatabase &m_db;
    const SqlDialect &m_dialect;
    bool m_active = false;
};
} // namespace gatehouse
