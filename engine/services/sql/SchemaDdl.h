#pragma once

#include <memory>

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include "DbSchema.h"
#include "FieldDefinition.h"
#include "core/Json.h"

namespace gatehouse {

class SqlDialect;

// Builds and runs the DDL behind `_schema` writes. Every identifier in the statements is
// either validated (new names) or taken from the introspected schema, and always quoted;
// defaults are dialect-escaped literals or allow-listed keywords (DDL cannot bind values).
class SchemaDdl
{
public:
    enum class UpdateMode
    {
        AddOnly, // POST: new fields only; an existing name is an error
        Merge,   // PATCH: add new fields, change listed properties of existing ones
        Replace  // PUT: like Merge, and drop the fields the body does not list
    };

    SchemaDdl(QSqlDatabase &db, const SqlDialect &dialect, std::shared_ptr<const DatabaseSchema> schema);

    // Creates `name` with `fields` (DF `field` array entries, already parsed).
    void createTable(const QString &name, const QList<FieldDefinition> &fields);
    // Applies a DF `field` array to an existing table.
    void updateTable(const TableSchema &table, const Json &fields, UpdateMode mode);
    void dropTable(const TableSchema &table);
    void dropColumn(const TableSchema &table, const ColumnSchema &column);

    // Parses a DF `field` array (or a single field object) for a new table.
    static QList<FieldDefinition> parseNewFields(const Json &fields);

private:
    QString columnDefinition(const FieldDefinition &field, bool inlinePrimaryKey, const QString &selfName,
                             const QList<FieldDefinition> &selfFields,
                             const QString *rawDefault = nullptr) const;
    QString referenceClause(const FieldDefinition &field, const QString &selfName,
                            const QList<FieldDefinition> &selfFields) const;
    QString indexStatement(const TableSchema &table, const QString &column) const;
    QString tableConstraints(const QList<FieldDefinition> &fields, const QString &selfName) const;
    void run(const QStringList &statements, const TableSchema *table, const QString &failMessage);
    void rebuild(const TableSchema &table, const QList<FieldDefinition> &columns,
                 const QSet<QString> &changed, const QStringList &kept, const QStringList &newIndexes);

    QSqlDatabase &m_db;
    const SqlDialect &m_dialect;
    std::shared_ptr<const DatabaseSchema> m_schema;
};
} // namespace gatehouse
