#pragma once

#include <memory>

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariant>

#include "DbSchema.h"
#include "FieldDefinition.h"
#include "RoutineCall.h"
#include "SqlFailure.h"

namespace gatehouse {

// What differs between SQLite, PostgreSQL and MySQL/MariaDB when building and running SQL.
class SqlDialect
{
public:
    enum class Kind
    {
        Sqlite,
        Postgres,
        Mysql
    };

    virtual ~SqlDialect() = default;
    static std::unique_ptr<SqlDialect> create(Kind kind);
    static std::unique_ptr<SqlDialect> forDriver(const QString &qtDriver);

    virtual Kind kind() const = 0;
    virtual QString quoteIdentifier(const QString &name) const = 0;
    // Table reference, schema-qualified when the table is outside the default schema.
    QString quoteTable(const TableSchema &table) const;
    // " LIMIT ? OFFSET ?"-style clause; values are appended to binds.
    virtual QString limitClause(qint64 limit, qint64 offset, QVariantList &binds) const;
    // LIKE with the escape character declared, so escaped % and _ in values stay literal.
    virtual QString likeOperator(bool negate) const;
    // Whether INSERT/UPDATE/DELETE ... RETURNING is available.
    virtual bool supportsReturning() const = 0;

    // Converts a bound request value to what the driver expects for `column`; throws ApiError
    // 400 ("Field 'x' must be a valid integer.") when it cannot be cast.
    QVariant castValue(const ColumnSchema &column, const QVariant &value) const;

    // Reads the database's tables, views, columns, keys and routines.
    virtual DatabaseSchema introspect(QSqlDatabase &db) const = 0;

    // --- Errors ---------------------------------------------------------------------------
    // Classifies a driver error (SQLSTATE / native code) so callers can answer with a clean
    // message instead of the driver text. SqlErrors turns the result into an ApiError.
    virtual SqlFailure classifyError(const QSqlError &error) const = 0;

    // --- DDL for `_schema` writes (SchemaDdl composes the statements) ----------------------
    // Native column type for a validated field (its dbType when one was given).
    virtual QString nativeType(const FieldDefinition &field) const = 0;
    // Keyword placed after PRIMARY KEY for an auto-increment column ("AUTOINCREMENT",
    // "AUTO_INCREMENT"); empty when the type implies it (PostgreSQL serial types).
    virtual QString autoIncrementClause() const = 0;
    // SQL literal for a JSON scalar; strings are escaped for this dialect.
    virtual QString literal(const Json &value) const;
    // SQL for one of the allow-listed default keywords (CURRENT_TIMESTAMP, CURRENT_DATE, ...).
    virtual QString defaultExpression(const QString &keyword) const;
    // " DEFAULT ..." for a field, or empty. Uses literal() and defaultExpression().
    QString defaultClause(const FieldDefinition &field) const;
    // Whether CREATE/ALTER/DROP can run inside a transaction and be rolled back.
    virtual bool transactionalDdl() const = 0;
    // Whether a column-level REFERENCES clause creates a real foreign key.
    virtual bool inlineReferences() const { return true; }
    // Statements that change the type, nullability, default or auto-increment of `current`
    // into `wanted`. Unique and foreign-key additions are emitted by SchemaDdl.
    virtual QStringList alterColumnStatements(const TableSchema &table, const ColumnSchema &current,
                                              const FieldDefinition &wanted) const;
    // SQLite cannot alter columns in place: SchemaDdl then recreates the table instead.
    virtual bool alterNeedsRebuild() const { return false; }
    // Column defaults exactly as the database stores them (SQL text), for table rebuilds.
    virtual QHash<QString, QString> nativeDefaults(QSqlDatabase &db, const TableSchema &table) const;
    // Replaces `table` by the result of `createSql` (which creates `tempName`), copying
    // `keptColumns` and keeping indexes and triggers. Runs its own transaction.
    virtual void rebuildTable(QSqlDatabase &db, const TableSchema &table, const QString &createSql,
                              const QString &tempName, const QStringList &keptColumns) const;

    // --- Stored procedures and functions ---------------------------------------------------
    // Calls a procedure or function with arguments already converted to the parameter types.
    // Throws ApiError (501 on engines without routines, clean 4xx/5xx on failures).
    virtual RoutineOutcome callRoutine(QSqlDatabase &db, const RoutineSchema &routine,
                                       const QList<RoutineArgument> &arguments) const;
};

// Escapes % and _ (and the escape character itself) for a LIKE pattern; pairs with likeOperator().
QString escapeLikePattern(const QString &value);
} // namespace gatehouse
