#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include "core/Json.h"

namespace gatehouse {

class SqlDialect;
struct TableSchema;

// Runs statements for the SQL resources. A failure throws the clean ApiError from SqlErrors
// (the driver's text is only logged).
class SqlRunner
{
public:
    // Prepares `sql`, binds `binds` in order and executes it forward-only.
    static QSqlQuery run(QSqlDatabase &db, const SqlDialect &dialect, const QString &sql,
                         const QVariantList &binds, const QString &failMessage,
                         const TableSchema *table = nullptr);
    // Executes `sql` as is, without preparing it.
    static QSqlQuery runDirect(QSqlDatabase &db, const SqlDialect &dialect, const QString &sql,
                               const QString &failMessage, const TableSchema *table = nullptr);
    // Every remaining row as a JSON object keyed by column name.
    static Json readRows(QSqlQuery &query);
    // Column `column` of the current row as trimmed text.
    static QString text(const QSqlQuery &query, int column);
};
} // namespace gatehouse
