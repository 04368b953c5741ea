#include "SystemTransaction.h"

#include <spdlog/spdlog.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "core/ApiError.h"

namespace gatehouse {

void SystemTransaction::begin(QSqlDatabase &db)
{
    QSqlQuery query(db);
    const bool sqlite = db.driverName() != QLatin1String("QPSQL");
    if (!query.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"))) {
        spdlog::error("system database: BEGIN failed: {}", query.lastError().text().toStdString());
        throw ApiError(503, QStringLiteral("The system database is busy. Try again later."));
    }
}

void SystemTransaction::commit(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        spdlog::error("system database: COMMIT failed: {}", query.lastError().text().toStdString());
        rollback(db);
        throw ApiError::internal(QStringLiteral("The change could not be saved."));
    }
}

void SystemTransaction::rollback(QSqlDatabase &db)
{
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
}
} // namespace gatehouse
