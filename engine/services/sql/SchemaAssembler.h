#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "DbSchema.h"

namespace gatehouse {

// A foreign key as a catalog reports it; tables are API names ("schema.table" outside the
// default schema).
struct ForeignKeyInfo
{
    QString table;
    QStringList columns;
    QString refTable;
    QStringList refColumns;
    QString onUpdate;
    QString onDelete;
};

// The engine-independent half of introspection: dialects read their catalogs into
// TableSchema/ForeignKeyInfo lists and this turns them into a DatabaseSchema with primary
// keys, foreign-key columns and DreamFactory's relationships in both directions.
class SchemaAssembler
{
public:
    // "schema.table" for tables outside the default schema, else the bare name. This is the
    // name used on the wire, as DatabaseSchema key (lower-cased) and in relationships.
    static QString apiName(const TableSchema &table);

    // Turns a column default as the catalog prints it ('abc'::text, 42, current_timestamp(),
    // NULL) into a describe value: typed literal, "CURRENT_TIMESTAMP"-style keyword, the raw
    // expression text for anything else, or an invalid QVariant for no default.
    static QVariant parseDefault(const QString &sql, const QString &abstractType,
                                 bool backslashEscapes = false);

    static DatabaseSchema assemble(QList<TableSchema> tables, const QList<ForeignKeyInfo> &foreignKeys,
                                   QList<RoutineSchema> routines);

    // DF naming: belongs_to {ref_table}_by_{field}, has_many {ref_table}_by_{ref_field},
    // many_many {ref_table}_by_{junction_table}.
    static void buildRelations(QList<TableSchema> &tables, const QList<ForeignKeyInfo> &foreignKeys);
};
} // namespace gatehouse
