#include "SchemaDdl.h"

#include <QCryptographicHash>
#include <QSet>

#include "SchemaAssembler.h"
#include "SqlDialect.h"
#include "SqlErrors.h"
#include "SqlRunner.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

Json asArray(const Json &fields)
{
    if (fields.is_object())
        return Json::array({fields});
    if (!fields.is_array())
        throw ApiError::badRequest(
            QStringLiteral("The 'field' property must be an array of field definitions."));
    return fields;
}

QString jsonName(const Json &field)
{
    if (!field.is_object())
        throw ApiError::badRequest(QStringLiteral("Each field definition must be a JSON object."));
    const auto it = field.find("name");
    if (it == field.end() || !it->is_string() || it->get<std::string>().empty())
        throw ApiError::badRequest(QStringLiteral("Each field definition needs a 'name'."));
    return QString::fromStdString(it->get<std::string>()).trimmed();
}

// SQLite's ALTER TABLE ADD COLUMN takes only columns that need no rewrite of existing rows.
bool sqliteCanAdd(const FieldDefinition &f)
{
    if (f.isPrimaryKey || f.isUnique || f.autoIncrement)
        return false;
    if (f.hasDefault && f.defaultIsExpression)
        return false;
    if (!f.allowNull && !f.hasDefault)
        return false;
    if (f.isForeignKey() && f.hasDefault)
        return false;
    return true;
}
} // namespace

SchemaDdl::SchemaDdl(QSqlDatabase &db, const SqlDialect &dialect,
                     std::shared_ptr<const DatabaseSchema> schema)
    : m_db(db)
    , m_dialect(dialect)
    , m_schema(std::move(schema))
{
}

QList<FieldDefinition> SchemaDdl::parseNewFields(const Json &fields)
{
    QList<FieldDefinition> out;
    QSet<QString> seen;
    for (const Json &field : asArray(fields)) {
        FieldDefinition definition = FieldDefinition::fromJson(field);
        if (seen.contains(definition.name.toLower()))
            throw ApiError::badRequest(QStringLiteral("Field '%1' is listed twice.").arg(definition.name));
        seen.insert(definition.name.toLower());
        out.append(definition);
    }
    return out;
}

QString SchemaDdl::referenceClause(const FieldDefinition &field, const QString &selfName,
                                   const QList<FieldDefinition> &selfFields) const
{
    QString tableSql;
    QString refField = field.refField;
    if (field.refTable.compare(selfName, Qt::CaseInsensitive) == 0) {
        TableSchema self;
        const qsizetype dot = selfName.indexOf(QLatin1Char('.'));
        self.name = dot < 0 ? selfName : selfName.mid(dot + 1);
        self.schemaName = dot < 0 ? QString() : selfName.left(dot);
        tableSql = m_dialect.quoteTable(self);
        QStringList keys;
        for (const FieldDefinition &f : selfFields)
            if (f.isPrimaryKey)
                keys << f.name;
        if (refField.isEmpty() && keys.size() == 1)
            refField = keys.first();
        const auto match =
            std::find_if(selfFields.begin(), selfFields.end(), [&refField](const FieldDefinition &f) {
                return f.name.compare(refField, Qt::CaseInsensitive) == 0;
            });
        if (refField.isEmpty() || match == selfFields.end())
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' needs a valid 'ref_field'.").arg(field.name));
        refField = match->name;
    } else {
        const auto ref = m_schema->table(field.refTable);
        if (!ref || ref->isView)
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' refers to table '%2', which does not exist.")
                    .arg(field.name, field.refTable));
        tableSql = m_dialect.quoteTable(*ref);
        if (refField.isEmpty() && ref->primaryKey.size() == 1)
            refField = ref->primaryKey.first();
        const ColumnSchema *column = refField.isEmpty() ? nullptr : ref->column(refField);
        if (!column)
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' needs a valid 'ref_field'.").arg(field.name));
        refField = column->name;
    }
    QString clause = QLatin1String(" REFERENCES ") + tableSql + QLatin1String(" (") +
                     m_dialect.quoteIdentifier(refField) + QLatin1Char(')');
    if (!field.refOnDelete.isEmpty())
        clause += QLatin1String(" ON DELETE ") + field.refOnDelete;
    if (!field.refOnUpdate.isEmpty())
        clause += QLatin1String(" ON UPDATE ") + field.refOnUpdate;
    return clause;
}

QString SchemaDdl::columnDefinition(const FieldDefinition &field, bool inlinePrimaryKey,
                                    const QString &selfName, const QList<FieldDefinition> &selfFields,
                                    const QString *rawDefault) const
{
    QString definition =
        m_dialect.quoteIdentifier(field.name) + QLatin1Char(' ') + m_dialect.nativeType(field);
    if (!field.allowNull)
        definition += QLatin1String(" NOT NULL");
    // rawDefault is the database's own text for an unchanged column (SQLite rebuilds).
    definition += rawDefault ? QLatin1String(" DEFAULT ") + *rawDefault : m_dialect.defaultClause(field);
    const bool primary = field.isPrimaryKey && inlinePrimaryKey;
    if (primary) {
        definition += QLatin1String(" PRIMARY KEY");
        if (field.autoIncrement && !m_dialect.autoIncrementClause().isEmpty())
            definition += QLatin1Char(' ') + m_dialect.autoIncrementClause();
    }
    if (field.isUnique && !primary)
        definition += QLatin1String(" UNIQUE");
    if (field.isForeignKey() && m_dialect.inlineReferences())
        definition += referenceClause(field, selfName, selfFields);
    return definition;
}

QString SchemaDdl::tableConstraints(const QList<FieldDefinition> &fields, const QString &selfName) const
{
    QStringList constraints;
    QStringList keys;
    for (const FieldDefinition &f : fields)
        if (f.isPrimaryKey)
            keys << m_dialect.quoteIdentifier(f.name);
    if (keys.size() > 1)
        constraints << QLatin1String("PRIMARY KEY (") + keys.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (!m_dialect.inlineReferences())
        for (const FieldDefinition &f : fields)
            if (f.isForeignKey())
                constraints << QLatin1String("FOREIGN KEY (") + m_dialect.quoteIdentifier(f.name) +
                                   QLatin1Char(')') + referenceClause(f, selfName, fields);
    return constraints.join(QStringLiteral(", "));
}

QString SchemaDdl::indexStatement(const TableSchema &table, const QString &column) const
{
    QString name = QStringLiteral("ix_%1_%2").arg(table.name, column);
    if (name.size() > 60)
        name = name.left(48) + QLatin1Char('_') +
               QString::fromLatin1(
                   QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5).toHex().left(8));
    return QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
        .arg(m_dialect.quoteIdentifier(name), m_dialect.quoteTable(table), m_dialect.quoteIdentifier(column));
}

void SchemaDdl::run(const QStringList &statements, const TableSchema *table, const QString &failMessage)
{
    if (statements.isEmpty())
        return;
    const bool transactional = m_dialect.transactionalDdl() && statements.size() > 1;
    if (transactional && !m_db.transaction())
        throw SqlErrors::toApiError(m_dialect, m_db.lastError(), failMessage, table);
    try {
        for (const QString &statement : statements)
            SqlRunner::runDirect(m_db, m_dialect, statement, failMessage, table);
        if (transactional && !m_db.commit())
            throw SqlErrors::toApiError(m_dialect, m_db.lastError(), failMessage, table);
    } catch (...) {
        if (transactional)
            m_db.rollback();
        throw;
    }
}

void SchemaDdl::createTable(const QString &name, const QList<FieldDefinition> &fields)
{
    FieldDefinition::checkTableName(name, m_dialect.kind() == SqlDialect::Kind::Postgres);
    if (m_schema->table(name))
        throw ApiError::badRequest(QStringLiteral("Table '%1' already exists.").arg(name));
    if (fields.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Table '%1' needs at least one field.").arg(name));
    TableSchema target;
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    target.name = dot < 0 ? name : name.mid(dot + 1);
    target.schemaName = dot < 0 ? QString() : name.left(dot);

    const qsizetype keyCount =
        std::count_if(fields.begin(), fields.end(), [](const FieldDefinition &f) { return f.isPrimaryKey; });
    QStringList parts;
    QStringList indexes;
    for (const FieldDefinition &f : fields) {
        if (f.autoIncrement && !(f.isPrimaryKey && keyCount == 1))
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' can only auto-increment as the table's single primary key.")
                    .arg(f.name));
        parts << columnDefinition(f, keyCount == 1, name, fields);
        if (f.isIndex && !f.isUnique && !f.isPrimaryKey)
            indexes << indexStatement(target, f.name);
    }
    const QString constraints = tableConstraints(fields, name);
    if (!constraints.isEmpty())
        parts << constraints;
    QStringList statements;
    statements << QLatin1String("CREATE TABLE ") + m_dialect.quoteTable(target) + QLatin1String(" (") +
                      parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    statements += indexes;
    run(statements, nullptr, QStringLiteral("Failed to create table '%1'.").arg(name));
}

void SchemaDdl::updateTable(const TableSchema &table, const Json &fieldsJson, UpdateMode mode)
{
    const QString apiName = SchemaAssembler::apiName(table);
    if (table.isView)
        throw ApiError::badRequest(
            QStringLiteral("'%1' is a view; its fields can not be changed.").arg(apiName));
    const Json list = asArray(fieldsJson);

    QList<FieldDefinition> adds;
    QList<QPair<const ColumnSchema *, FieldDefinition>> changes;
    QSet<QString> listed;
    for (const Json &field : list) {
        const QString name = jsonName(field);
        if (listed.contains(name.toLower()))
            throw ApiError::badRequest(QStringLiteral("Field '%1' is listed twice.").arg(name));
        listed.insert(name.toLower());
        const ColumnSchema *existing = table.column(name);
        if (!existing) {
            FieldDefinition definition = FieldDefinition::fromJson(field);
            if (definition.isPrimaryKey || definition.autoIncrement)
                throw ApiError::badRequest(QStringLiteral(
                    "Primary key and auto-increment fields can only be set when the table is created."));
            adds.append(definition);
            continue;
        }
        if (mode == UpdateMode::AddOnly)
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' already exists in table '%2'.").arg(existing->name, apiName));
        FieldDefinition definition = FieldDefinition::fromJson(field, existing);
        if (definition.isPrimaryKey != existing->isPrimaryKey)
            throw ApiError::badRequest(
                QStringLiteral("Changing the primary key of table '%1' is not supported.").arg(apiName));
        if (!definition.isUnique && existing->isUnique && !existing->isPrimaryKey)
            throw ApiError::badRequest(
                QStringLiteral("Removing the unique constraint of field '%1' is not supported.")
                    .arg(existing->name));
        if (existing->isForeignKey &&
            (definition.refTable.compare(existing->refTable, Qt::CaseInsensitive) != 0 ||
             definition.refField.compare(existing->refField, Qt::CaseInsensitive) != 0 ||
             definition.refOnDelete != existing->refOnDelete ||
             definition.refOnUpdate != existing->refOnUpdate))
            throw ApiError::badRequest(
                QStringLiteral("Changing the foreign key of field '%1' is not supported.")
                    .arg(existing->name));
        changes.append({existing, definition});
    }
    QStringList drops;
    if (mode == UpdateMode::Replace && !listed.isEmpty())
        for (const ColumnSchema &column : table.columns)
            if (!listed.contains(column.name.toLower()))
                drops << column.name;
    for (const QString &drop : std::as_const(drops))
        if (table.column(drop)->isPrimaryKey)
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' is part of the primary key and can not be dropped.").arg(drop));

    // The table as it will be, for self-references and for SQLite's rebuild.
    QList<FieldDefinition> resulting;
    QStringList kept;
    QSet<QString> changedNames;
    for (const ColumnSchema &column : table.columns) {
        if (drops.contains(column.name))
            continue;
        kept << column.name;
        const auto change = std::find_if(changes.begin(), changes.end(),
                                         [&column](const auto &c) { return c.first->name == column.name; });
        if (change != changes.end()) {
            resulting << change->second;
            changedNames.insert(column.name.toLower());
        } else {
            resulting << FieldDefinition::fromColumn(column);
        }
    }
    for (const FieldDefinition &add : std::as_const(adds)) {
        resulting << add;
        changedNames.insert(add.name.toLower());
    }
    if (resulting.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Table '%1' must keep at least one field.").arg(apiName));

    QStringList newIndexes;
    for (const FieldDefinition &add : std::as_const(adds))
        if (add.isIndex && !add.isUnique)
            newIndexes << indexStatement(table, add.name);
    for (const auto &[current, wanted] : std::as_const(changes))
        if (wanted.isIndex && !current->isIndex && !wanted.isUnique)
            newIndexes << indexStatement(table, current->name);

    const QString failMessage = QStringLiteral("Failed to change table '%1'.").arg(apiName);
    const QString quotedTable = m_dialect.quoteTable(table);

    if (m_dialect.alterNeedsRebuild()) {
        const bool simple =
            changes.isEmpty() && drops.isEmpty() && std::all_of(adds.begin(), adds.end(), sqliteCanAdd);
        if (!simple) {
            rebuild(table, resulting, changedNames, kept, newIndexes);
            return;
        }
        QStringList statements;
        for (const FieldDefinition &add : std::as_const(adds))
            statements << QLatin1String("ALTER TABLE ") + quotedTable + QLatin1String(" ADD COLUMN ") +
                              columnDefinition(add, false, apiName, resulting);
        run(statements + newIndexes, &table, failMessage);
        return;
    }

    QStringList statements;
    for (const FieldDefinition &add : std::as_const(adds)) {
        statements << QLatin1String("ALTER TABLE ") + quotedTable + QLatin1String(" ADD COLUMN ") +
                          columnDefinition(add, false, apiName, resulting);
        if (add.isForeignKey() && !m_dialect.inlineReferences())
            statements << QLatin1String("ALTER TABLE ") + quotedTable + QLatin1String(" ADD FOREIGN KEY (") +
                              m_dialect.quoteIdentifier(add.name) + QLatin1Char(')') +
                              referenceClause(add, apiName, resulting);
    }
    for (const auto &[current, wanted] : std::as_const(changes)) {
        statements += m_dialect.alterColumnStatements(table, *current, wanted);
        if (wanted.isUnique && !current->isUnique)
            statements << QLatin1String("ALTER TABLE ") + quotedTable + QLatin1String(" ADD UNIQUE (") +
                              m_dialect.quoteIdentifier(current->name) + QLatin1Char(')');
        if (wanted.isForeignKey() && !current->isForeignKey)
            statements << QLatin1String("ALTER TABLE ") + quotedTable + QLatin1String(" ADD FOREIGN KEY (") +
                              m_dialect.quoteIdentifier(current->name) + QLatin1Char(')') +
                              referenceClause(wanted, apiName, resulting);
    }
    for (const QString &drop : std::as_const(drops))
        statements << QLatin1String("ALTER TABLE ") + quotedTable + QLatin1String(" DROP COLUMN ") +
                          m_dialect.quoteIdentifier(drop);
    run(statements + newIndexes, &table, failMessage);
}

void SchemaDdl::rebuild(const TableSchema &table, const QList<FieldDefinition> &columns,
                        const QSet<QString> &changed, const QStringList &kept, const QStringList &newIndexes)
{
    const QString apiName = SchemaAssembler::apiName(table);
    const QHash<QString, QString> rawDefaults = m_dialect.nativeDefaults(m_db, table);
    const QString tempName = QString(QLatin1String("_gh_rebuild_") + table.name).left(63);
    const qsizetype keyCount = std::count_if(columns.begin(), columns.end(),
                                             [](const FieldDefinition &f) { return f.isPrimaryKey; });
    QStringList parts;
    for (const FieldDefinition &f : columns) {
        const auto raw = rawDefaults.constFind(f.name);
        const bool keepRaw = !changed.contains(f.name.toLower()) && raw != rawDefaults.constEnd();
        parts << columnDefinition(f, keyCount == 1, apiName, columns, keepRaw ? &raw.value() : nullptr);
    }
    const QString constraints = tableConstraints(columns, apiName);
    if (!constraints.isEmpty())
        parts << constraints;
    const QString createSql = QLatin1String("CREATE TABLE ") + m_dialect.quoteIdentifier(tempName) +
                              QLatin1String(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    m_dialect.rebuildTable(m_db, table, createSql, tempName, kept);
    run(newIndexes, &table, QStringLiteral("Failed to change table '%1'.").arg(apiName));
}

void SchemaDdl::dropTable(const TableSchema &table)
{
    const QString statement = (table.isView ? QLatin1String("DROP VIEW ") : QLatin1String("DROP TABLE ")) +
                              m_dialect.quoteTable(table);
    run({statement}, &table,
        QStringLiteral("Failed to drop table '%1'.").arg(SchemaAssembler::apiName(table)));
}

void SchemaDdl::dropColumn(const TableSchema &table, const ColumnSchema &column)
{
    const QString apiName = SchemaAssembler::apiName(table);
    if (table.isView)
        throw ApiError::badRequest(
            QStringLiteral("'%1' is a view; its fields can not be changed.").arg(apiName));
    if (column.isPrimaryKey)
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' is part of the primary key and can not be dropped.").arg(column.name));
    if (table.columns.size() == 1)
        throw ApiError::badRequest(QStringLiteral("Table '%1' must keep at least one field.").arg(apiName));
    if (m_dialect.alterNeedsRebuild()) {
        QList<FieldDefinition> columns;
        QStringList kept;
        for (const ColumnSchema &c : table.columns) {
            if (c.name == column.name)
                continue;
            columns << FieldDefinition::fromColumn(c);
            kept << c.name;
        }
        rebuild(table, columns, {}, kept, {});
        return;
    }
    run({QLatin1String("ALTER TABLE ") + m_dialect.quoteTable(table) + QLatin1String(" DROP COLUMN ") +
         m_dialect.quoteIdentifier(column.name)},
        &table, QStringLiteral("Failed to drop field '%1'.").arg(column.name));
}
} // namespace gatehouse
