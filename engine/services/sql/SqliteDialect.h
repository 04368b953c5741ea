#pragma once

#include "SqlDialect.h"

namespace gatehouse {

class SqliteDialect final : public SqlDialect
{
public:
    Kind kind() const override { return Kind::Sqlite; }
    QString quoteIdentifier(const QString &name) const override;
    bool supportsReturning() const override { return true; }
    // Reads sqlite_master joined with the pragma table-valued functions: four queries for the
    // whole database. SQLite has no stored routines.
    DatabaseSchema introspect(QSqlDatabase &db) const override;

    SqlFailure classifyError(const QSqlError &error) const override;
    QString nativeType(const FieldDefinition &field) const override;
    QString autoIncrementClause() const override { return QStringLiteral("AUTOINCREMENT"); }
    bool transactionalDdl() const override { return true; }
    bool alterNeedsRebuild() const override { return true; }
    QHash<QString, QString> nativeDefaults(QSqlDatabase &db, const TableSchema &table) const override;
    void rebuildTable(QSqlDatabase &db, const TableSchema &table, const QString &createSql,
                      const QString &tempName, const QStringList &keptColumns) const override;

    // Maps a declared SQLite column type to DF's abstract type, length, precision and scale.
    static void mapType(const QString &declared, ColumnSchema &column);
};
} // namespace gatehouse
