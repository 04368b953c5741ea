#pragma once

#include <QString>

namespace gatehouse {

// What a failed statement means, independent of the engine. Dialects fill it from SQLSTATEs
// and native error codes; SqlErrors turns it into a clean ApiError. The driver text itself
// is only ever logged.
struct SqlFailure
{
    enum class Kind
    {
        Unknown,
        UniqueViolation,
        ForeignKeyViolation, // a value points at no parent row
        StillReferenced,     // a row (or table) other rows still point at
        NotNullViolation,
        CheckViolation,
        InvalidValue, // value cannot be converted to the column type
        ValueTooLong,
        UndefinedTable,
        UndefinedColumn,
        UndefinedRoutine,
        WrongArguments, // routine called with arguments that match no signature
        DuplicateTable,
        DuplicateColumn,
        DependentObjects, // cannot drop/alter: other objects depend on it
        PermissionDenied,
        Timeout,
        ConnectionLost,
        RaisedByRoutine // an error the routine raised on purpose (SIGNAL / RAISE EXCEPTION)
    };
    Kind kind = Kind::Unknown;
    // The column, key or constraint name the error mentions, when the engine reports one.
    QString subject;
};
} // namespace gatehouse
