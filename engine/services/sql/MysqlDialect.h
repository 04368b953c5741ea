#pragma once

#include "SqlDialect.h"

namespace gatehouse {

class MysqlDialect final : public SqlDialect
{
public:
    Kind kind() const override { return Kind::Mysql; }
    QString quoteIdentifier(const QString &name) const override;
    // MariaDB 10.5+ has INSERT/DELETE ... RETURNING but not UPDATE ... RETURNING.
    bool supportsReturning() const override { return false; }
    // Reads information_schema for DATABASE(): one query each for tables, columns, indexes,
    // foreign keys, JSON check constraints and routines.
    DatabaseSchema introspect(QSqlDatabase &db) const override;

    SqlFailure classifyError(const QSqlError &error) const override;
    QString nativeType(const FieldDefinition &field) const override;
    QString autoIncrementClause() const override { return QStringLiteral("AUTO_INCREMENT"); }
    QString literal(const Json &value) const override;
    QString defaultExpression(const QString &keyword) const override;
    // DDL commits implicitly in MySQL/MariaDB.
    bool transactionalDdl() const override { return false; }
    bool inlineReferences() const override { return false; }
    QStringList alterColumnStatements(const TableSchema &table, const ColumnSchema &current,
                                      const FieldDefinition &wanted) const override;
    // Procedures: argument values are bound into session variables (SET @gh_arg_n = ?), then
    // CALL runs unprepared so that every result set it produces can be read, and OUT/INOUT
    // values are read back with SELECT @gh_arg_n. Functions: SELECT fn(?, ...).
    RoutineOutcome callRoutine(QSqlDatabase &db, const RoutineSchema &routine,
                               const QList<RoutineArgument> &arguments) const override;

    // Maps information_schema DATA_TYPE/COLUMN_TYPE to DF's abstract type.
    static QString abstractType(const QString &dataType, const QString &columnType);
};
} // namespace gatehouse
