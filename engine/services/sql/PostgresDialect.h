#pragma once

#include "SqlDialect.h"

namespace gatehouse {

class PostgresDialect final : public SqlDialect
{
public:
    Kind kind() const override { return Kind::Postgres; }
    QString quoteIdentifier(const QString &name) const override;
    bool supportsReturning() const override { return true; }
    // Reads pg_catalog: one query each for tables, columns, constraints, indexes and
    // routines. Tables outside current_schema() (normally "public") get "schema.table" names.
    DatabaseSchema introspect(QSqlDatabase &db) const override;

    SqlFailure classifyError(const QSqlError &error) const override;
    QString nativeType(const FieldDefinition &field) const override;
    QString autoIncrementClause() const override { return {}; }
    bool transactionalDdl() const override { return true; }
    QStringList alterColumnStatements(const TableSchema &table, const ColumnSchema &current,
                                      const FieldDefinition &wanted) const override;
    // Functions: SELECT * FROM fn(named => CAST(? AS type), ...). Procedures: CALL cannot be
    // prepared in PostgreSQL, so argument values travel as bound set_config() values and the
    // CALL text only reads them back with current_setting(); OUT/INOUT values come back as
    // the CALL's result row.
    RoutineOutcome callRoutine(QSqlDatabase &db, const RoutineSchema &routine,
                               const QList<RoutineArgument> &arguments) const override;

    // Maps a pg_type name (base type for domains) to DF's abstract type.
    static QString abstractType(const QString &typeName, char typeType, char typeCategory);
};
} // namespace gatehouse
