#include "SqliteDialect.h"

#include <spdlog/spdlog.h>

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include "SchemaAssembler.h"
#include "SqlErrors.h"
#include "SqlRunner.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

const QString kSchemaError = QStringLiteral("Failed to read the database schema.");

// "DECIMAL(10, 2)" -> base "DECIMAL", args {10, 2}.
QString splitType(const QString &declared, QList<int> &args)
{
    const QString text = declared.trimmed().toUpper();
    const qsizetype open = text.indexOf(QLatin1Char('('));
    if (open < 0)
        return text;
    const qsizetype close = text.indexOf(QLatin1Char(')'), open);
    const QStringList parts = text.mid(open + 1, close < 0 ? -1 : close - open - 1).split(QLatin1Char(','));
    for (const QString &part : parts) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (ok)
            args.append(n);
    }
    return text.left(open).trimmed();
}
} // namespace

QString SqliteDialect::quoteIdentifier(const QString &name) const
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

void SqliteDialect::mapType(const QString &declared, ColumnSchema &column)
{
    QList<int> args;
    const QString base = splitType(declared, args);
    column.dbType = declared.trimmed().toLower();
    const auto is = [&base](std::initializer_list<const char *> names) {
        for (const char *n : names)
            if (base == QLatin1String(n))
                return true;
        return false;
    };
    QString type;
    if (base.isEmpty())
        type = QStringLiteral("string");
    else if (is({"INT", "INTEGER"}))
        type = QStringLiteral("integer");
    else if (is({"BIGINT", "INT8", "UNSIGNED BIG INT"}))
        type = QStringLiteral("bigint");
    else if (is({"SMALLINT", "INT2"}))
        type = QStringLiteral("smallint");
    else if (is({"MEDIUMINT"}))
        type = QStringLiteral("mediumint");
    else if (is({"TINYINT"}))
        type = args.value(0) == 1 ? QStringLiteral("boolean") : QStringLiteral("tinyint");
    else if (is({"BOOLEAN", "BOOL"}))
        type = QStringLiteral("boolean");
    else if (is({"DECIMAL", "NUMERIC"}))
        type = QStringLiteral("decimal");
    else if (is({"REAL", "DOUBLE", "DOUBLE PRECISION"}))
        type = QStringLiteral("double");
    else if (is({"FLOAT"}))
        type = QStringLiteral("float");
    else if (is({"MONEY"}))
        type = QStringLiteral("money");
    else if (is({"VARCHAR", "CHARACTER VARYING", "NVARCHAR", "VARYING CHARACTER", "NATIVE CHARACTER", "CHAR",
                 "CHARACTER", "NCHAR", "STRING"}))
        type = QStringLiteral("string");
    else if (is({"TEXT", "CLOB"}))
        type = QStringLiteral("text");
    else if (is({"MEDIUMTEXT"}))
        type = QStringLiteral("mediumtext");
    else if (is({"LONGTEXT"}))
        type = QStringLiteral("longtext");
    else if (is({"DATE"}))
        type = QStringLiteral("date");
    else if (is({"DATETIME"}))
        type = QStringLiteral("datetime");
    else if (is({"TIMESTAMP"}))
        type = QStringLiteral("timestamp");
    else if (is({"TIME"}))
        type = QStringLiteral("time");
    else if (is({"BLOB", "BINARY", "VARBINARY", "BYTEA"}))
        type = QStringLiteral("binary");
    else if (is({"JSON"}))
        type = QStringLiteral("json");
    else if (is({"JSONB"}))
        type = QStringLiteral("jsonb");
    else if (is({"UUID", "GUID"}))
        type = QStringLiteral("uuid");
    // SQLite's own affinity rules for anything else.
    else if (base.contains(QLatin1String("INT")))
        type = QStringLiteral("integer");
    else if (base.contains(QLatin1String("CHAR")) || base.contains(QLatin1String("CLOB")) ||
             base.contains(QLatin1String("TEXT")))
        type = QStringLiteral("text");
    else if (base.contains(QLatin1String("BLOB")))
        type = QStringLiteral("binary");
    else if (base.contains(QLatin1String("REAL")) || base.contains(QLatin1String("FLOA")) ||
             base.contains(QLatin1String("DOUB")))
        type = QStringLiteral("double");
    else
        type = QStringLiteral("string");
    column.type = type;
    if (type == QLatin1String("string") || type == QLatin1String("binary"))
        column.length = args.value(0);
    if (type == QLatin1String("decimal") || type == QLatin1String("double") ||
        type == QLatin1String("float")) {
        column.precision = args.value(0);
        column.scale = args.value(1);
    }
}

DatabaseSchema SqliteDialect::introspect(QSqlDatabase &db) const
{
    QList<TableSchema> tables;
    QHash<QString, qsizetype> index;
    QSet<QString> withoutRowid;
    {
        QSqlQuery q =
            SqlRunner::run(db, *this,
                           QStringLiteral("SELECT name, type, sql FROM sqlite_master "
                                          "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' "
                                          "ESCAPE '!' ORDER BY name"),
                           {}, kSchemaError);
        static const QRegularExpression noRowid(QStringLiteral("\\)\\s*WITHOUT\\s+ROWID"),
                                                QRegularExpression::CaseInsensitiveOption);
        while (q.next()) {
            TableSchema table;
            table.name = q.value(0).toString();
            table.isView = q.value(1).toString() == QLatin1String("view");
            if (noRowid.match(q.value(2).toString()).hasMatch())
                withoutRowid.insert(table.name);
            index.insert(table.name, tables.size());
            tables.append(table);
        }
    }
    if (tables.isEmpty())
        return SchemaAssembler::assemble({}, {}, {});

    // Columns of every table and view in one statement, through the pragma table functions.
    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
                           "FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
                           "WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' "
                           "ORDER BY m.name, p.cid"),
            {}, kSchemaError);
        QHash<QString, QMap<int, QString>> primaryKeys;
        while (q.next()) {
            const auto it = index.constFind(q.value(0).toString());
            if (it == index.constEnd())
                continue;
            TableSchema &table = tables[*it];
            ColumnSchema column;
            column.name = q.value(1).toString();
            mapType(q.value(2).toString(), column);
            column.allowNull = q.value(3).toInt() == 0;
            column.defaultValue = SchemaAssembler::parseDefault(q.value(4).toString(), column.type);
            const int pk = q.value(5).toInt();
            if (pk > 0) {
                primaryKeys[table.name].insert(pk, column.name);
                column.isPrimaryKey = true;
            }
            table.columns.append(column);
        }
        for (auto it = primaryKeys.constBegin(); it != primaryKeys.constEnd(); ++it) {
            TableSchema &table = tables[index.value(it.key())];
            table.primaryKey = it.value().values();
            // A lone INTEGER PRIMARY KEY is the rowid: SQLite assigns it on insert.
            if (table.primaryKey.size() == 1 && !withoutRowid.contains(table.name)) {
                for (ColumnSchema &column : table.columns)
                    if (column.name == table.primaryKey.first() &&
                        column.dbType.compare(QLatin1String("integer"), Qt::CaseInsensitive) == 0)
                        column.autoIncrement = true;
            }
        }
    }

    // Unique and plain indexes; a unique index over one column makes that column unique.
    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral("SELECT m.name, il.name, il.\"unique\", ii.name, "
                           "(SELECT count(*) FROM pragma_index_info(il.name)) "
                           "FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS il "
                           "JOIN pragma_index_info(il.name) AS ii "
                           "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!'"),
            {}, kSchemaError);
        while (q.next()) {
            const auto it = index.constFind(q.value(0).toString());
            if (it == index.constEnd())
                continue;
            for (ColumnSchema &column : tables[*it].columns) {
                if (column.name != q.value(3).toString())
                    continue;
                column.isIndex = true;
                if (q.value(2).toInt() == 1 && q.value(4).toInt() == 1)
                    column.isUnique = true;
            }
        }
    }

    QList<ForeignKeyInfo> foreignKeys;
    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                           "FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f "
                           "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' "
                           "ORDER BY m.name, f.id, f.seq"),
            {}, kSchemaError);
        QString lastTable;
        int lastId = -1;
        while (q.next()) {
            const QString table = q.value(0).toString();
            const int id = q.value(1).toInt();
            if (table != lastTable || id != lastId) {
                ForeignKeyInfo fk;
                fk.table = table;
                fk.refTable = q.value(2).toString();
                fk.onUpdate = q.value(5).toString();
                fk.onDelete = q.value(6).toString();
                foreignKeys.append(fk);
                lastTable = table;
                lastId = id;
            }
            ForeignKeyInfo &fk = foreignKeys.last();
            fk.columns.append(q.value(3).toString());
            fk.refColumns.append(q.value(4).toString()); // empty: the parent's primary key
        }
    }
    // Resolve references written without a column ("REFERENCES customers") and the parent
    // table's spelling (SQLite keeps whatever case the DDL used).
    for (ForeignKeyInfo &fk : foreignKeys) {
        for (const TableSchema &table : std::as_const(tables)) {
            if (table.name.compare(fk.refTable, Qt::CaseInsensitive) != 0)
                continue;
            fk.refTable = table.name;
            for (qsizetype i = 0; i < fk.refColumns.size(); ++i)
                if (fk.refColumns[i].isEmpty())
                    fk.refColumns[i] = table.primaryKey.value(i);
        }
    }
    return SchemaAssembler::assemble(std::move(tables), foreignKeys, {});
}

SqlFailure SqliteDialect::classifyError(const QSqlError &error) const
{
    // Every constraint failure is SQLITE_CONSTRAINT (19); the kind and column are only in
    // the text, e.g. "UNIQUE constraint failed: customers.email".
    const QString text = error.databaseText();
    SqlFailure failure;
    const auto subjectAfter = [&text](const QString &marker) {
        const qsizetype at = text.indexOf(marker);
        if (at < 0)
            return QString();
        QString rest = text.mid(at + marker.size()).trimmed();
        rest = rest.section(QLatin1Char(','), 0, 0).trimmed();
        return rest.section(QLatin1Char('.'), -1).section(QLatin1Char(' '), 0, 0);
    };
    using Kind = SqlFailure::Kind;
    if (text.contains(QLatin1String("UNIQUE constraint failed")) ||
        text.contains(QLatin1String("PRIMARY KEY constraint failed"))) {
        failure.kind = Kind::UniqueViolation;
        failure.subject = subjectAfter(QStringLiteral("constraint failed:"));
    } else if (text.contains(QLatin1String("NOT NULL constraint failed"))) {
        failure.kind = Kind::NotNullViolation;
        failure.subject = subjectAfter(QStringLiteral("constraint failed:"));
    } else if (text.contains(QLatin1String("FOREIGN KEY constraint failed"))) {
        failure.kind = Kind::ForeignKeyViolation;
    } else if (text.contains(QLatin1String("CHECK constraint failed"))) {
        failure.kind = Kind::CheckViolation;
    } else if (text.contains(QLatin1String("no such table"))) {
        failure.kind = Kind::UndefinedTable;
    } else if (text.contains(QLatin1String("no such column")) ||
               text.contains(QLatin1String("has no column named"))) {
        failure.kind = Kind::UndefinedColumn;
    } else if (text.contains(QLatin1String("duplicate column name"))) {
        failure.kind = Kind::DuplicateColumn;
        failure.subject = subjectAfter(QStringLiteral("duplicate column name:"));
    } else if (text.contains(QLatin1String("already exists"))) {
        failure.kind = Kind::DuplicateTable;
    } else if (text.contains(QLatin1String("datatype mismatch"))) {
        failure.kind = Kind::InvalidValue;
    } else if (text.contains(QLatin1String("database is locked")) ||
               text.contains(QLatin1String("interrupted"))) {
        failure.kind = Kind::Timeout;
    } else if (text.contains(QLatin1String("too big"))) {
        failure.kind = Kind::ValueTooLong;
    }
    return failure;
}

QString SqliteDialect::nativeType(const FieldDefinition &field) const
{
    // Only INTEGER PRIMARY KEY aliases the rowid, which is what makes SQLite assign keys.
    if (field.autoIncrement)
        return QStringLiteral("INTEGER");
    if (!field.dbType.isEmpty())
        return field.dbType.toUpper();
    const QString &t = field.type;
    const auto sized = [&field](const char *base, int fallback) {
        const int length = field.length > 0 ? field.length : fallback;
        return QStringLiteral("%1(%2)").arg(QLatin1String(base)).arg(length);
    };
    const auto numeric = [&field](const char *base) {
        if (field.precision > 0)
            return QStringLiteral("%1(%2,%3)").arg(QLatin1String(base)).arg(field.precision).arg(field.scale);
        return QString::fromLatin1(base);
    };
    // INTEGER (not INT or BIGINT) so an auto-increment key becomes the rowid.
    if (t == QLatin1String("id") || t == QLatin1String("bigid") || t == QLatin1String("smallid") ||
        t == QLatin1String("mediumid") || t == QLatin1String("integer") || t == QLatin1String("reference") ||
        t.startsWith(QLatin1String("user_id")))
        return QStringLiteral("INTEGER");
    if (t == QLatin1String("bigint"))
        return QStringLiteral("BIGINT");
    if (t == QLatin1String("smallint"))
        return QStringLiteral("SMALLINT");
    if (t == QLatin1String("mediumint"))
        return QStringLiteral("MEDIUMINT");
    if (t == QLatin1String("tinyint"))
        return QStringLiteral("TINYINT");
    if (t == QLatin1String("decimal"))
        return numeric("DECIMAL");
    if (t == QLatin1String("money"))
        return QStringLiteral("DECIMAL(19,4)");
    if (t == QLatin1String("double"))
        return QStringLiteral("DOUBLE");
    if (t == QLatin1String("float"))
        return QStringLiteral("FLOAT");
    if (t == QLatin1String("string"))
        return sized("VARCHAR", 255);
    if (t == QLatin1String("text") || t == QLatin1String("mediumtext") || t == QLatin1String("longtext"))
        return QStringLiteral("TEXT");
    if (t == QLatin1String("boolean"))
        return QStringLiteral("BOOLEAN");
    if (t == QLatin1String("date"))
        return QStringLiteral("DATE");
    if (t == QLatin1String("time") || t == QLatin1String("time_tz"))
        return QStringLiteral("TIME");
    if (t == QLatin1String("datetime") || t == QLatin1String("datetime_tz"))
        return QStringLiteral("DATETIME");
    if (t.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("TIMESTAMP");
    if (t == QLatin1String("binary"))
        return QStringLiteral("BLOB");
    if (t == QLatin1String("json"))
        return QStringLiteral("JSON");
    if (t == QLatin1String("jsonb"))
        return QStringLiteral("JSONB");
    if (t == QLatin1String("uuid"))
        return QStringLiteral("UUID");
    return QStringLiteral("TEXT");
}

QHash<QString, QString> SqliteDialect::nativeDefaults(QSqlDatabase &db, const TableSchema &table) const
{
    QHash<QString, QString> defaults;
    QSqlQuery q =
        SqlRunner::run(db, *this, QStringLiteral("SELECT name, dflt_value FROM pragma_table_info(?)"),
                       {table.name}, kSchemaError);
    while (q.next())
        if (!q.value(1).isNull())
            defaults.insert(q.value(0).toString(), q.value(1).toString());
    return defaults;
}

void SqliteDialect::rebuildTable(QSqlDatabase &db, const TableSchema &table, const QString &createSql,
                                 const QString &tempName, const QStringList &keptColumns) const
{
    // SQLite's documented procedure for changes ALTER TABLE cannot make: create the new
    // table, copy the rows, drop the old one, rename, recreate indexes and triggers, then
    // check foreign keys. Foreign keys must be off outside the transaction while it runs.
    const QString failMessage = QStringLiteral("Failed to change table '%1'.").arg(table.name);
    QStringList extras;
    {
        QSqlQuery q = SqlRunner::run(db, *this,
                                     QStringLiteral("SELECT sql FROM sqlite_master WHERE tbl_name = ? "
                                                    "AND type IN ('index', 'trigger') AND sql IS NOT NULL"),
                                     {table.name}, failMessage);
        while (q.next())
            extras.append(q.value(0).toString());
    }
    QStringList quotedKept;
    for (const QString &column : keptColumns)
        quotedKept.append(quoteIdentifier(column));
    const QString columns = quotedKept.join(QStringLiteral(", "));

    SqlRunner::runDirect(db, *this, QStringLiteral("PRAGMA foreign_keys = OFF"), failMessage);
    SqlRunner::runDirect(db, *this, QStringLiteral("PRAGMA legacy_alter_table = ON"), failMessage);
    const auto restore = [&]() {
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA legacy_alter_table = OFF"));
        q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    };
    if (!db.transaction()) {
        restore();
        throw SqlErrors::toApiError(*this, db.lastError(), failMessage);
    }
    try {
        SqlRunner::runDirect(db, *this, createSql, failMessage, &table);
        if (!columns.isEmpty())
            SqlRunner::runDirect(db, *this,
                                 QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3")
                                     .arg(quoteIdentifier(tempName), columns, quoteIdentifier(table.name)),
                                 failMessage, &table);
        SqlRunner::runDirect(db, *this, QStringLiteral("DROP TABLE %1").arg(quoteIdentifier(table.name)),
                             failMessage);
        SqlRunner::runDirect(db, *this,
                             QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                                 .arg(quoteIdentifier(tempName), quoteIdentifier(table.name)),
                             failMessage);
        for (const QString &sql : std::as_const(extras)) {
            QSqlQuery q(db);
            // An index over a dropped column cannot come back; the rest must.
            if (!q.exec(sql))
                spdlog::warn("table rebuild of {}: could not recreate '{}': {}", table.name.toStdString(),
                             sql.toStdString(), q.lastError().databaseText().toStdString());
        }
        QSqlQuery check =
            SqlRunner::run(db, *this, QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check(?)"),
                           {table.name}, failMessage);
        if (check.next() && check.value(0).toInt() > 0)
            throw ApiError::badRequest(
                QStringLiteral("The change would leave rows of '%1' pointing at missing records.")
                    .arg(table.name));
        if (!db.commit())
            throw SqlErrors::toApiError(*this, db.lastError(), failMessage, &table);
    } catch (...) {
        db.rollback();
        restore();
        throw;
    }
    restore();
}
} // namespace gatehouse
