#include "RecordTransaction.h"

#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>

#include "core/ApiError.h"

namespace gatehouse {
namespace {
const QString kSavepoint = QStringLiteral("gh_record");
}

RecordTransaction::RecordTransaction(QSqlDatabase &db, const SqlDialect &dialect)
    : m_db(db)
    , m_dialect(dialect)
{
}

RecordTransaction::~RecordTransaction()
{
    if (m_active)
        rollback();
}

void RecordTransaction::control(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        spdlog::error("transaction statement '{}' failed: {}", sql.toStdString(),
                      query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The database transaction failed."));
    }
}

void RecordTransaction::begin()
{
    bool ok = false;
    if (m_dialect.kind() == SqlDialect::Kind::Sqlite) {
        QSqlQuery query(m_db);
        ok = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!ok)
            spdlog::warn("BEGIN IMMEDIATE failed: {}", query.lastError().text().toStdString());
    } else {
        ok = m_db.transaction();
        if (!ok)
            spdlog::warn("starting a transaction failed: {}", m_db.lastError().text().toStdString());
    }
    if (!ok)
        throw ApiError(503, QStringLiteral("The database is busy. Try again later."));
    m_active = true;
}

void RecordTransaction::commit()
{
    if (!m_active)
        return;
    if (!m_db.commit()) {
        spdlog::error("commit failed: {}", m_db.lastError().text().toStdString());
        rollback();
        throw ApiError::internal(QStringLiteral("The changes could not be committed."));
    }
    m_active = false;
}

void RecordTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (!m_db.rollback())
        spdlog::warn("rollback failed: {}", m_db.lastError().text().toStdString());
}

bool RecordTransaction::needsSavepoints() const
{
    return m_dialect.kind() != SqlDialect::Kind::Sqlite;
}

void RecordTransaction::savepoint()
{
    control(QLatin1String("SAVEPOINT ") + kSavepoint);
}

void RecordTransaction::releaseSavepoint()
{
    control(QLatin1String("RELEASE SAVEPOINT ") + kSavepoint);
}

void RecordTransaction::rollbackToSavepoint()
{
    // ROLLBACK TO keeps the savepoint on every engine; release it so they never pile up.
    control(QLatin1String("ROLLBACK TO SAVEPOINT ") + kSavepoint);
    releaseSavepoint();
}
} // namespace gatehouse
