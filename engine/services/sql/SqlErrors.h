#pragma once

#include <QSqlError>
#include <QString>

#include "SqlFailure.h"
#include "core/ApiError.h"

namespace gatehouse {

class SqlDialect;
struct TableSchema;

// Turns driver errors into the clean errors clients see. The driver's text (which can hold
// values, host names and SQL) goes to the log, never into the response.
class SqlErrors
{
public:
    // Logs `error` and returns the ApiError for it: a specific 4xx when the failure is a
    // known kind (duplicate unique value, missing parent row, NOT NULL, ...), otherwise a
    // 500 with `fallbackMessage` (e.g. "Failed to call procedure 'x'."). `table`, when
    // given, maps index/constraint names in the error to field names.
    static ApiError toApiError(const SqlDialect &dialect, const QSqlError &error,
                               const QString &fallbackMessage, const TableSchema *table = nullptr);
    // The clean message for a classified failure, or empty for kinds that need the fallback.
    static QString messageFor(const SqlFailure &failure, const TableSchema *table, int *status);
};
} // namespace gatehouse
