#include "SchemaAssembler.h"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <QHash>
#include <QRegularExpression>

namespace gatehouse {
namespace {

void addRelation(TableSchema &table, RelationSchema relation)
{
    // Two foreign keys can produce the same name (e.g. a junction table with two keys to the
    // same pair of tables); the first one wins so names stay unique within a table.
    if (table.relation(relation.name)) {
        spdlog::debug("relationship {} on {} already exists; skipped", relation.name.toStdString(),
                      table.name.toStdString());
        return;
    }
    table.relations.append(std::move(relation));
}

int typeOrder(RelationSchema::Type type)
{
    switch (type) {
    case RelationSchema::Type::BelongsTo:
        return 0;
    case RelationSchema::Type::HasMany:
        return 1;
    case RelationSchema::Type::ManyMany:
        return 2;
    }
    return 3;
}
} // namespace

QVariant SchemaAssembler::parseDefault(const QString &sqlText, const QString &type, bool backslashEscapes)
{
    QString sql = sqlText.trimmed();
    // "(0)", "(-1)": PostgreSQL and SQLite keep the parentheses of the original expression.
    while (sql.size() >= 2 && sql.startsWith(QLatin1Char('(')) && sql.endsWith(QLatin1Char(')')) &&
           sql.count(QLatin1Char('(')) == 1)
        sql = sql.mid(1, sql.size() - 2).trimmed();
    if (sql.isEmpty() || sql.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0 ||
        sql.startsWith(QLatin1String("NULL::"), Qt::CaseInsensitive))
        return {};

    QVariant value;
    if (sql.startsWith(QLatin1Char('\''))) {
        QString literal;
        qsizetype i = 1;
        bool closed = false;
        for (; i < sql.size(); ++i) {
            const QChar c = sql.at(i);
            if (backslashEscapes && c == QLatin1Char('\\') && i + 1 < sql.size()) {
                literal += sql.at(++i);
            } else if (c == QLatin1Char('\'')) {
                if (i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('\'')) {
                    literal += c;
                    ++i;
                } else {
                    closed = true;
                    ++i;
                    break;
                }
            } else {
                literal += c;
            }
        }
        const QString rest = sql.mid(i).trimmed();
        if (!closed || (!rest.isEmpty() && !rest.startsWith(QLatin1String("::"))))
            return sql; // an expression that merely starts with a literal
        value = literal;
    } else {
        static const QRegularExpression number(QStringLiteral("^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$"));
        const QString upper = sql.toUpper();
        if (number.match(sql).hasMatch()) {
            value = sql;
        } else if (upper == QLatin1String("TRUE") || upper == QLatin1String("FALSE")) {
            value = upper == QLatin1String("TRUE");
        } else if (upper == QLatin1String("CURRENT_TIMESTAMP") ||
                   upper == QLatin1String("CURRENT_TIMESTAMP()") || upper == QLatin1String("NOW()") ||
                   upper == QLatin1String("LOCALTIMESTAMP") ||
                   upper.startsWith(QLatin1String("CURRENT_TIMESTAMP("))) {
            return QStringLiteral("CURRENT_TIMESTAMP");
        } else if (upper == QLatin1String("CURRENT_DATE") || upper == QLatin1String("CURDATE()") ||
                   upper == QLatin1String("CURRENT_DATE()")) {
            return QStringLiteral("CURRENT_DATE");
        } else if (upper == QLatin1String("CURRENT_TIME") || upper == QLatin1String("CURTIME()") ||
                   upper == QLatin1String("CURRENT_TIME()")) {
            return QStringLiteral("CURRENT_TIME");
        } else {
            return sql;
        }
    }

    // Give literals the JSON type of their column.
    ColumnSchema probe;
    probe.type = type;
    const QString text = value.toString();
    if (probe.isBoolean()) {
        const QString t = text.toLower();
        if (t == QLatin1String("1") || t == QLatin1String("t") || t == QLatin1String("true") ||
            t == QLatin1String("b'1'"))
            return true;
        if (t == QLatin1String("0") || t == QLatin1String("f") || t == QLatin1String("false") ||
            t == QLatin1String("b'0'"))
            return false;
        return value;
    }
    if (probe.isInteger() || type == QLatin1String("id")) {
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        return ok ? QVariant(n) : value;
    }
    if (probe.isNumeric()) {
        bool ok = false;
        const double d = text.toDouble(&ok);
        return ok ? QVariant(d) : value;
    }
    return value.typeId() == QMetaType::Bool ? value : QVariant(text);
}

QString SchemaAssembler::apiName(const TableSchema &table)
{
    return table.schemaName.isEmpty() ? table.name : table.schemaName + QLatin1Char('.') + table.name;
}

void SchemaAssembler::buildRelations(QList<TableSchema> &tables, const QList<ForeignKeyInfo> &foreignKeys)
{
    QHash<QString, qsizetype> index; // lower-case API name -> position in `tables`
    for (qsizetype i = 0; i < tables.size(); ++i)
        index.insert(apiName(tables[i]).toLower(), i);

    // Single-column keys only: DF answers 501 for relations over multi-column keys, and the
    // columns are still flagged as foreign keys below.
    QHash<QString, QList<const ForeignKeyInfo *>> keysByTable;
    for (const ForeignKeyInfo &fk : foreignKeys) {
        if (fk.columns.size() != 1 || fk.refColumns.size() != 1)
            continue;
        const auto child = index.constFind(fk.table.toLower());
        const auto parent = index.constFind(fk.refTable.toLower());
        if (child == index.constEnd() || parent == index.constEnd())
            continue;
        keysByTable[fk.table.toLower()].append(&fk);
        TableSchema &childTable = tables[*child];
        TableSchema &parentTable = tables[*parent];
        const QString childName = apiName(childTable);
        const QString parentName = apiName(parentTable);

        RelationSchema belongsTo;
        belongsTo.type = RelationSchema::Type::BelongsTo;
        belongsTo.name = parentName + QLatin1String("_by_") + fk.columns.first();
        belongsTo.field = fk.columns.first();
        belongsTo.refTable = parentName;
        belongsTo.refField = fk.refColumns.first();
        addRelation(childTable, std::move(belongsTo));

        RelationSchema hasMany;
        hasMany.type = RelationSchema::Type::HasMany;
        hasMany.name = childName + QLatin1String("_by_") + fk.columns.first();
        hasMany.field = fk.refColumns.first();
        hasMany.refTable = childName;
        hasMany.refField = fk.columns.first();
        addRelation(tables[*parent], std::move(hasMany));
    }

    // Every pair of keys in one table makes that table a junction between their parents, as
    // DF detects it (DF does not require the table to be a "pure" junction either).
    for (auto it = keysByTable.constBegin(); it != keysByTable.constEnd(); ++it) {
        const QList<const ForeignKeyInfo *> &keys = it.value();
        if (keys.size() < 2)
            continue;
        const QString junctionName = apiName(tables[index.value(it.key())]);
        for (const ForeignKeyInfo *a : keys) {
            for (const ForeignKeyInfo *b : keys) {
                if (a == b || a->columns.first() == b->columns.first())
                    continue;
                TableSchema &from = tables[index.value(a->refTable.toLower())];
                const QString toName = apiName(tables[index.value(b->refTable.toLower())]);
                RelationSchema manyMany;
                manyMany.type = RelationSchema::Type::ManyMany;
                manyMany.name = toName + QLatin1String("_by_") + junctionName;
                manyMany.field = a->refColumns.first();
                manyMany.refTable = toName;
                manyMany.refField = b->refColumns.first();
                manyMany.junctionTable = junctionName;
                manyMany.junctionField = a->columns.first();
                manyMany.junctionRefField = b->columns.first();
                addRelation(from, std::move(manyMany));
            }
        }
    }

    for (TableSchema &table : tables)
        std::stable_sort(table.relations.begin(), table.relations.end(),
                         [](const RelationSchema &x, const RelationSchema &y) {
                             if (x.type != y.type)
                                 return typeOrder(x.type) < typeOrder(y.type);
                             return x.name.compare(y.name, Qt::CaseInsensitive) < 0;
                         });
}

DatabaseSchema SchemaAssembler::assemble(QList<TableSchema> tables, const QList<ForeignKeyInfo> &foreignKeys,
                                         QList<RoutineSchema> routines)
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < tables.size(); ++i)
        index.insert(apiName(tables[i]).toLower(), i);

    for (TableSchema &table : tables) {
        for (ColumnSchema &column : table.columns) {
            if (table.primaryKey.contains(column.name))
                column.isPrimaryKey = true;
            if (column.isPrimaryKey) {
                column.allowNull = false;
                if (!table.primaryKey.contains(column.name))
                    table.primaryKey.append(column.name);
                // DF reports integer auto-increment keys with the abstract type "id".
                if (column.autoIncrement && column.isInteger())
                    column.type = QStringLiteral("id");
            }
            // A single-column primary key is unique by definition.
            if (column.isPrimaryKey && table.primaryKey.size() == 1)
                column.isUnique = true;
        }
    }
    for (const ForeignKeyInfo &fk : foreignKeys) {
        const auto child = index.constFind(fk.table.toLower());
        if (child == index.constEnd())
            continue;
        TableSchema &table = tables[*child];
        for (qsizetype i = 0; i < fk.columns.size(); ++i) {
            for (ColumnSchema &column : table.columns) {
                if (column.name != fk.columns[i] || column.isForeignKey)
                    continue;
                column.isForeignKey = true;
                column.refTable = fk.refTable;
                column.refField = fk.refColumns.value(i);
                column.refOnUpdate = fk.onUpdate;
                column.refOnDelete = fk.onDelete;
                if (column.type == QLatin1String("integer") && !column.isPrimaryKey)
                    column.type = QStringLiteral("reference");
            }
        }
    }
    buildRelations(tables, foreignKeys);

    DatabaseSchema schema;
    for (TableSchema &table : tables) {
        const QString name = apiName(table);
        schema.tableNames.append(name);
        schema.tables.insert(name.toLower(), std::make_shared<const TableSchema>(std::move(table)));
    }
    std::sort(schema.tableNames.begin(), schema.tableNames.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    for (RoutineSchema &routine : routines) {
        auto &target = routine.isFunction ? schema.functions : schema.procedures;
        const QString key = routine.name.toLower();
        // Overloaded routines keep the first signature; calls by name still reach the
        // database, which resolves the overload itself.
        if (!target.contains(key))
            target.insert(key, std::move(routine));
    }
    return schema;
}
} // namespace gatehouse
