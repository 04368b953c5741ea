#include "SqlErrors.h"

#include <spdlog/spdlog.h>

#include "DbSchema.h"
#include "SqlDialect.h"

namespace gatehouse {
namespace {

// Maps a key/constraint name from an error to a column of `table`. MySQL names a single
// column unique key after the column; PostgreSQL uses {table}_{column}_key.
QString fieldName(const QString &subject, const TableSchema *table)
{
    if (subject.isEmpty())
        return {};
    if (!table)
        return subject;
    if (const ColumnSchema *column = table->column(subject))
        return column->name;
    for (const ColumnSchema &column : table->columns) {
        const QString pgName = table->name + QLatin1Char('_') + column.name;
        if (subject.compare(pgName + QLatin1String("_key"), Qt::CaseInsensitive) == 0 ||
            subject.compare(pgName + QLatin1String("_fkey"), Qt::CaseInsensitive) == 0 ||
            subject.compare(pgName + QLatin1String("_unique"), Qt::CaseInsensitive) == 0)
            return column.name;
    }
    return {};
}
} // namespace

QString SqlErrors::messageFor(const SqlFailure &failure, const TableSchema *table, int *status)
{
    using Kind = SqlFailure::Kind;
    const QString field = fieldName(failure.subject, table);
    *status = 400;
    switch (failure.kind) {
    case Kind::UniqueViolation:
        return field.isEmpty() ? QStringLiteral("Duplicate value for a unique field.")
                               : QStringLiteral("Duplicate value for unique field '%1'.").arg(field);
    case Kind::ForeignKeyViolation:
        return field.isEmpty()
                   ? QStringLiteral("A foreign key constraint failed: a related record is missing or "
                                    "still in use.")
                   : QStringLiteral("Field '%1' refers to a record that does not exist.").arg(field);
    case Kind::StillReferenced:
        *status = 409;
        return QStringLiteral("The record is still referenced by other records.");
    case Kind::NotNullViolation:
        return field.isEmpty() ? QStringLiteral("A required field is missing.")
                               : QStringLiteral("Field '%1' can not be NULL.").arg(field);
    case Kind::CheckViolation:
        return QStringLiteral("A value does not satisfy a check constraint.");
    case Kind::InvalidValue:
        return field.isEmpty() ? QStringLiteral("A value has the wrong format for its field.")
                               : QStringLiteral("Field '%1' has a value of the wrong format.").arg(field);
    case Kind::ValueTooLong:
        return field.isEmpty() ? QStringLiteral("A value is too long or out of range for its field.")
                               : QStringLiteral("Value too long or out of range for field '%1'.").arg(field);
    case Kind::UndefinedColumn:
        return field.isEmpty() ? QStringLiteral("The request names a field that does not exist.")
                               : QStringLiteral("Field '%1' does not exist.").arg(field);
    case Kind::DuplicateTable:
        return QStringLiteral("The table already exists.");
    case Kind::DuplicateColumn:
        return field.isEmpty() ? QStringLiteral("The field already exists.")
                               : QStringLiteral("Field '%1' already exists.").arg(field);
    case Kind::DependentObjects:
        *status = 409;
        return QStringLiteral("Other database objects depend on this object; remove them first.");
    case Kind::PermissionDenied:
        *status = 403;
        return QStringLiteral("The database denied access to this object.");
    case Kind::Timeout:
        *status = 504;
        return QStringLiteral("The database did not answer in time.");
    case Kind::ConnectionLost:
        *status = 503;
        return QStringLiteral("The database is not available. Try again later.");
    case Kind::WrongArguments:
        return QStringLiteral("The parameters do not match the routine's signature.");
    case Kind::RaisedByRoutine:
        return QStringLiteral("The routine reported an error.");
    case Kind::UndefinedRoutine:
        *status = 404;
        return QStringLiteral("The routine does not exist in the database.");
    case Kind::UndefinedTable:
    case Kind::Unknown:
        break;
    }
    *status = 500;
    return {};
}

ApiError SqlErrors::toApiError(const SqlDialect &dialect, const QSqlError &error,
                               const QString &fallbackMessage, const TableSchema *table)
{
    const SqlFailure failure = dialect.classifyError(error);
    spdlog::warn("database error ({}; code {}): {} | {}", fallbackMessage.toStdString(),
                 error.nativeErrorCode().toStdString(), error.databaseText().toStdString(),
                 error.driverText().toStdString());
    int status = 500;
    const QString message = messageFor(failure, table, &status);
    if (message.isEmpty())
        return ApiError(500, fallbackMessage);
    return ApiError(status, message);
}
} // namespace gatehouse
