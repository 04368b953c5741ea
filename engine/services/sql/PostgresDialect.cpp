#include "PostgresDialect.h"

#include <spdlog/spdlog.h>

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include "SchemaAssembler.h"
#include "SqlErrors.h"
#include "SqlRunner.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

const QString kSchemaError = QStringLiteral("Failed to read the database schema.");

// Tables, views, materialized views and foreign tables the connected role can use, outside
// the system schemas. Partitions are reached through their parent.
const QString kRelations = QStringLiteral(
    "rels AS (SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg!_%' ESCAPE '!' "
    "AND has_schema_privilege(n.oid, 'USAGE') "
    "AND has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE'))");

// Column names of a key, in key order, joined with the unit separator (names can hold commas).
QString keyColumns(const char *keys, const char *relation)
{
    return QStringLiteral(
               "array_to_string(ARRAY(SELECT a.attname FROM unnest(%1) WITH ORDINALITY AS k(attnum, ord) "
               "JOIN pg_attribute a ON a.attrelid = %2 AND a.attnum = k.attnum ORDER BY k.ord), chr(31))")
        .arg(QLatin1String(keys), QLatin1String(relation));
}

QString referentialAction(const QString &code)
{
    if (code == QLatin1String("c"))
        return QStringLiteral("CASCADE");
    if (code == QLatin1String("n"))
        return QStringLiteral("SET NULL");
    if (code == QLatin1String("d"))
        return QStringLiteral("SET DEFAULT");
    if (code == QLatin1String("r"))
        return QStringLiteral("RESTRICT");
    return QStringLiteral("NO ACTION");
}

// Text form of a value for set_config(); current_setting() reads it back and CASTs it.
QString settingText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QMetaType::QByteArray:
        return QLatin1String("\\x") + QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return value.toTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case QMetaType::QDateTime:
        return value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    default:
        return value.toString();
    }
}

// "schema.name" for routines outside the default schema (see introspect()).
QString quotedRoutineName(const PostgresDialect &dialect, const QString &name)
{
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    if (dot <= 0)
        return dialect.quoteIdentifier(name);
    return dialect.quoteIdentifier(name.left(dot)) + QLatin1Char('.') +
           dialect.quoteIdentifier(name.mid(dot + 1));
}

// Text after `marker` up to `end` (exclusive), e.g. Key (email)=( -> email.
QString between(const QString &text, const QString &marker, const QString &end)
{
    const qsizetype at = text.indexOf(marker);
    if (at < 0)
        return {};
    const qsizetype start = at + marker.size();
    const qsizetype stop = text.indexOf(end, start);
    if (stop < 0)
        return {};
    return text.mid(start, stop - start).section(QLatin1Char(','), 0, 0).trimmed();
}
} // namespace

QString PostgresDialect::quoteIdentifier(const QString &name) const
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString PostgresDialect::abstractType(const QString &t, char typeType, char typeCategory)
{
    if (typeType == 'e')
        return QStringLiteral("string");
    if (typeCategory == 'A')
        return QStringLiteral("string");
    static const QHash<QString, QString> map = {
        {QStringLiteral("int2"), QStringLiteral("smallint")},
        {QStringLiteral("int4"), QStringLiteral("integer")},
        {QStringLiteral("int8"), QStringLiteral("bigint")},
        {QStringLiteral("oid"), QStringLiteral("integer")},
        {QStringLiteral("numeric"), QStringLiteral("decimal")},
        {QStringLiteral("float4"), QStringLiteral("float")},
        {QStringLiteral("float8"), QStringLiteral("double")},
        {QStringLiteral("money"), QStringLiteral("money")},
        {QStringLiteral("varchar"), QStringLiteral("string")},
        {QStringLiteral("bpchar"), QStringLiteral("string")},
        {QStringLiteral("char"), QStringLiteral("string")},
        {QStringLiteral("name"), QStringLiteral("string")},
        {QStringLiteral("citext"), QStringLiteral("string")},
        {QStringLiteral("text"), QStringLiteral("text")},
        {QStringLiteral("xml"), QStringLiteral("text")},
        {QStringLiteral("bool"), QStringLiteral("boolean")},
        {QStringLiteral("date"), QStringLiteral("date")},
        {QStringLiteral("time"), QStringLiteral("time")},
        {QStringLiteral("timetz"), QStringLiteral("time_tz")},
        {QStringLiteral("timestamp"), QStringLiteral("timestamp")},
        {QStringLiteral("timestamptz"), QStringLiteral("timestamp_tz")},
        {QStringLiteral("bytea"), QStringLiteral("binary")},
        {QStringLiteral("json"), QStringLiteral("json")},
        {QStringLiteral("jsonb"), QStringLiteral("jsonb")},
        {QStringLiteral("uuid"), QStringLiteral("uuid")},
    };
    return map.value(t, QStringLiteral("string"));
}

DatabaseSchema PostgresDialect::introspect(QSqlDatabase &db) const
{
    QList<TableSchema> tables;
    QHash<qint64, qsizetype> byOid;
    {
        QSqlQuery q =
            SqlRunner::run(db, *this,
                           QLatin1String("WITH ") + kRelations +
                               QLatin1String(" SELECT oid::bigint, nspname, relname, relkind::text, "
                                             "current_schema() FROM rels ORDER BY nspname, relname"),
                           {}, kSchemaError);
        while (q.next()) {
            TableSchema table;
            const QString schemaName = q.value(1).toString();
            table.name = q.value(2).toString();
            if (schemaName != q.value(4).toString())
                table.schemaName = schemaName;
            table.isView =
                q.value(3).toString() == QLatin1String("v") || q.value(3).toString() == QLatin1String("m");
            byOid.insert(q.value(0).toLongLong(), tables.size());
            tables.append(table);
        }
    }

    if (!tables.isEmpty()) {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QLatin1String("WITH ") + kRelations +
                QLatin1String(
                    " SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod), "
                    "coalesce(bt.typname, t.typname)::text, coalesce(bt.typtype, t.typtype)::text, "
                    "coalesce(bt.typcategory, t.typcategory)::text, a.attnotnull, pg_get_expr(d.adbin, "
                    "d.adrelid), "
                    "a.attidentity::text, a.attgenerated::text, "
                    "CASE WHEN t.typtype = 'd' AND t.typtypmod <> -1 THEN t.typtypmod ELSE a.atttypmod END "
                    "FROM pg_attribute a JOIN rels r ON r.oid = a.attrelid "
                    "JOIN pg_type t ON t.oid = a.atttypid "
                    "LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype "
                    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    "WHERE a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum"),
            {}, kSchemaError);
        while (q.next()) {
            const auto it = byOid.constFind(q.value(0).toLongLong());
            if (it == byOid.constEnd())
                continue;
            ColumnSchema column;
            column.name = q.value(1).toString();
            column.dbType = q.value(2).toString();
            const QString typeName = q.value(3).toString();
            const QString typeType = q.value(4).toString();
            const QString category = q.value(5).toString();
            column.type = abstractType(typeName, typeType.isEmpty() ? ' ' : typeType.at(0).toLatin1(),
                                       category.isEmpty() ? ' ' : category.at(0).toLatin1());
            column.allowNull = !q.value(6).toBool();
            const QString defaultSql = q.value(7).toString();
            const QString identity = q.value(8).toString();
            const int typmod = q.value(10).toInt();
            if (typeName == QLatin1String("varchar") || typeName == QLatin1String("bpchar")) {
                column.length = typmod > 4 ? typmod - 4 : 0;
            } else if (typeName == QLatin1String("numeric") && typmod > 4) {
                column.precision = ((typmod - 4) >> 16) & 0xffff;
                column.scale = (typmod - 4) & 0xffff;
            }
            if (identity == QLatin1String("a") || identity == QLatin1String("d") ||
                defaultSql.startsWith(QLatin1String("nextval("))) {
                column.autoIncrement = true; // serial or identity: the sequence is not a default
            } else if (!q.value(9).toString().isEmpty()) {
                column.defaultValue = defaultSql; // generated column: report the expression
            } else {
                column.defaultValue = SchemaAssembler::parseDefault(defaultSql, column.type);
            }
            tables[*it].columns.append(column);
        }
    }

    // Primary and foreign keys.
    QList<ForeignKeyInfo> foreignKeys;
    if (!tables.isEmpty()) {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QLatin1String("WITH ") + kRelations +
                QLatin1String(" SELECT con.conrelid::bigint, con.contype::text, ") +
                keyColumns("con.conkey", "con.conrelid") + QLatin1String(", rn.nspname, rc.relname, ") +
                keyColumns("con.confkey", "con.confrelid") +
                QLatin1String(", con.confupdtype::text, con.confdeltype::text, current_schema() "
                              "FROM pg_constraint con JOIN rels r ON r.oid = con.conrelid "
                              "LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
                              "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                              "WHERE con.contype IN ('p', 'f') ORDER BY con.conrelid, con.conname"),
            {}, kSchemaError);
        const QChar separator(31);
        while (q.next()) {
            const auto it = byOid.constFind(q.value(0).toLongLong());
            if (it == byOid.constEnd())
                continue;
            TableSchema &table = tables[*it];
            const QStringList columns = q.value(2).toString().split(separator, Qt::SkipEmptyParts);
            if (q.value(1).toString() == QLatin1String("p")) {
                table.primaryKey = columns;
                continue;
            }
            ForeignKeyInfo fk;
            fk.table = SchemaAssembler::apiName(table);
            fk.columns = columns;
            const QString refSchema = q.value(3).toString();
            fk.refTable = refSchema == q.value(8).toString()
                              ? q.value(4).toString()
                              : refSchema + QLatin1Char('.') + q.value(4).toString();
            fk.refColumns = q.value(5).toString().split(separator, Qt::SkipEmptyParts);
            fk.onUpdate = referentialAction(q.value(6).toString());
            fk.onDelete = referentialAction(q.value(7).toString());
            foreignKeys.append(fk);
        }
    }

    // Indexes: every indexed column is_index; a unique, non-partial one-column index (which
    // includes UNIQUE constraints) makes the column unique.
    if (!tables.isEmpty()) {
        QSqlQuery q =
            SqlRunner::run(db, *this,
                           QLatin1String("WITH ") + kRelations +
                               QLatin1String(" SELECT i.indrelid::bigint, i.indisunique, i.indnkeyatts, "
                                             "i.indpred IS NULL, ") +
                               keyColumns("i.indkey::int2[]", "i.indrelid") +
                               QLatin1String(" FROM pg_index i JOIN rels r ON r.oid = i.indrelid"),
                           {}, kSchemaError);
        const QChar separator(31);
        while (q.next()) {
            const auto it = byOid.constFind(q.value(0).toLongLong());
            if (it == byOid.constEnd())
                continue;
            const QStringList columns = q.value(4).toString().split(separator, Qt::SkipEmptyParts);
            const bool unique =
                q.value(1).toBool() && q.value(2).toInt() == 1 && q.value(3).toBool() && columns.size() == 1;
            for (ColumnSchema &column : tables[*it].columns) {
                if (!columns.contains(column.name))
                    continue;
                column.isIndex = true;
                if (unique)
                    column.isUnique = true;
            }
        }
    }

    // Functions and procedures with their arguments (one row per argument). Trigger
    // functions, aggregates and extension members are not callable through the API.
    QList<RoutineSchema> routines;
    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral(
                "SELECT p.oid::bigint, n.nspname, p.proname, p.prokind::text, p.proretset, "
                "rt.typname::text, rt.typtype::text, rt.typcategory::text, a.ord, a.name, a.mode, "
                "format_type(a.type, NULL), at.typname::text, at.typtype::text, at.typcategory::text, "
                "current_schema() "
                "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "JOIN pg_type rt ON rt.oid = p.prorettype "
                "LEFT JOIN LATERAL (SELECT x.ord, x.type, p.proargnames[x.ord] AS name, "
                "coalesce(p.proargmodes[x.ord], 'i')::text AS mode "
                "FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS x(type, "
                "ord)) a "
                "ON true "
                "LEFT JOIN pg_type at ON at.oid = a.type "
                "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg!_%' "
                "ESCAPE '!' "
                "AND p.prokind IN ('f', 'p') AND rt.typname NOT IN ('trigger', 'event_trigger') "
                "AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_proc'::regclass "
                "AND dep.objid = p.oid AND dep.deptype = 'e') "
                "AND has_schema_privilege(n.oid, 'USAGE') AND has_function_privilege(p.oid, 'EXECUTE') "
                "ORDER BY n.nspname, p.proname, p.oid, a.ord"),
            {}, kSchemaError);
        qint64 lastOid = -1;
        while (q.next()) {
            const qint64 oid = q.value(0).toLongLong();
            if (oid != lastOid) {
                lastOid = oid;
                RoutineSchema routine;
                const QString schemaName = q.value(1).toString();
                routine.name = schemaName == q.value(15).toString()
                                   ? q.value(2).toString()
                                   : schemaName + QLatin1Char('.') + q.value(2).toString();
                routine.isFunction = q.value(3).toString() == QLatin1String("f");
                const QString returnName = q.value(5).toString();
                const QString returnKind = q.value(6).toString();
                if (!routine.isFunction)
                    routine.returnType.clear();
                else if (q.value(4).toBool())
                    routine.returnType = QStringLiteral("table");
                else if (returnName == QLatin1String("void"))
                    routine.returnType = QStringLiteral("void");
                else if (returnName == QLatin1String("record") || returnKind == QLatin1String("c"))
                    routine.returnType = QStringLiteral("row");
                else
                    routine.returnType = abstractType(
                        returnName, returnKind.isEmpty() ? ' ' : returnKind.at(0).toLatin1(),
                        q.value(7).toString().isEmpty() ? ' ' : q.value(7).toString().at(0).toLatin1());
                routines.append(routine);
            }
            if (q.value(8).isNull())
                continue; // no arguments
            const QString mode = q.value(10).toString();
            if (mode == QLatin1String("t"))
                continue; // a RETURNS TABLE column, not a parameter
            RoutineParam param;
            param.name = q.value(9).toString();
            param.paramType = mode == QLatin1String("o")   ? QStringLiteral("OUT")
                              : mode == QLatin1String("b") ? QStringLiteral("INOUT")
                                                           : QStringLiteral("IN");
            param.dbType = q.value(11).toString();
            const QString typeType = q.value(13).toString();
            const QString category = q.value(14).toString();
            param.type =
                abstractType(q.value(12).toString(), typeType.isEmpty() ? ' ' : typeType.at(0).toLatin1(),
                             category.isEmpty() ? ' ' : category.at(0).toLatin1());
            routines.last().params.append(param);
        }
    }
    return SchemaAssembler::assemble(std::move(tables), foreignKeys, std::move(routines));
}

SqlFailure PostgresDialect::classifyError(const QSqlError &error) const
{
    using Kind = SqlFailure::Kind;
    const QString state = error.nativeErrorCode();
    const QString text = error.databaseText();
    SqlFailure failure;
    if (state == QLatin1String("23505")) {
        failure.kind = Kind::UniqueViolation;
        failure.subject = between(text, QStringLiteral("Key ("), QStringLiteral(")="));
    } else if (state == QLatin1String("23503")) {
        if (text.contains(QLatin1String("still referenced"))) {
            failure.kind = Kind::StillReferenced;
        } else {
            failure.kind = Kind::ForeignKeyViolation;
            failure.subject = between(text, QStringLiteral("Key ("), QStringLiteral(")="));
        }
    } else if (state == QLatin1String("23502")) {
        failure.kind = Kind::NotNullViolation;
        failure.subject = between(text, QStringLiteral("column \""), QStringLiteral("\""));
    } else if (state == QLatin1String("23514") || state == QLatin1String("23P01")) {
        failure.kind = Kind::CheckViolation;
    } else if (state == QLatin1String("22001") || state == QLatin1String("22003")) {
        failure.kind = Kind::ValueTooLong;
    } else if (state.startsWith(QLatin1String("22")) || state == QLatin1String("42804") ||
               state == QLatin1String("42846")) {
        failure.kind = Kind::InvalidValue;
    } else if (state == QLatin1String("42P01")) {
        failure.kind = Kind::UndefinedTable;
    } else if (state == QLatin1String("42703")) {
        failure.kind = Kind::UndefinedColumn;
        failure.subject = between(text, QStringLiteral("column \""), QStringLiteral("\""));
    } else if (state == QLatin1String("42883") || state == QLatin1String("42725") ||
               state == QLatin1String("42P13")) {
        failure.kind = Kind::WrongArguments;
    } else if (state == QLatin1String("42P07")) {
        failure.kind = Kind::DuplicateTable;
    } else if (state == QLatin1String("42701")) {
        failure.kind = Kind::DuplicateColumn;
        failure.subject = between(text, QStringLiteral("column \""), QStringLiteral("\""));
    } else if (state == QLatin1String("2BP01")) {
        failure.kind = Kind::DependentObjects;
    } else if (state == QLatin1String("42501")) {
        failure.kind = Kind::PermissionDenied;
    } else if (state == QLatin1String("57014") || state == QLatin1String("55P03") ||
               state == QLatin1String("40P01")) {
        failure.kind = Kind::Timeout;
    } else if (state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01")) {
        failure.kind = Kind::ConnectionLost;
    } else if (state == QLatin1String("P0001") || state == QLatin1String("P0002") ||
               state == QLatin1String("P0003")) {
        failure.kind = Kind::RaisedByRoutine;
    }
    return failure;
}

QString PostgresDialect::nativeType(const FieldDefinition &field) const
{
    if (!field.dbType.isEmpty())
        return field.dbType.toUpper();
    const QString &t = field.type;
    const bool serial = field.autoIncrement;
    if (t == QLatin1String("id") || t == QLatin1String("mediumid"))
        return QStringLiteral("SERIAL");
    if (t == QLatin1String("bigid"))
        return QStringLiteral("BIGSERIAL");
    if (t == QLatin1String("smallid"))
        return QStringLiteral("SMALLSERIAL");
    if (t == QLatin1String("integer") || t == QLatin1String("mediumint") || t == QLatin1String("reference") ||
        t.startsWith(QLatin1String("user_id")))
        return serial ? QStringLiteral("SERIAL") : QStringLiteral("INTEGER");
    if (t == QLatin1String("bigint"))
        return serial ? QStringLiteral("BIGSERIAL") : QStringLiteral("BIGINT");
    if (t == QLatin1String("smallint") || t == QLatin1String("tinyint"))
        return serial ? QStringLiteral("SMALLSERIAL") : QStringLiteral("SMALLINT");
    if (t == QLatin1String("decimal"))
        return field.precision > 0 ? QStringLiteral("NUMERIC(%1,%2)").arg(field.precision).arg(field.scale)
                                   : QStringLiteral("NUMERIC");
    if (t == QLatin1String("money"))
        return QStringLiteral("NUMERIC(19,4)");
    if (t == QLatin1String("double"))
        return QStringLiteral("DOUBLE PRECISION");
    if (t == QLatin1String("float"))
        return QStringLiteral("REAL");
    if (t == QLatin1String("string"))
        return QStringLiteral("VARCHAR(%1)").arg(field.length > 0 ? field.length : 255);
    if (t == QLatin1String("text") || t == QLatin1String("mediumtext") || t == QLatin1String("longtext"))
        return QStringLiteral("TEXT");
    if (t == QLatin1String("boolean"))
        return QStringLiteral("BOOLEAN");
    if (t == QLatin1String("date"))
        return QStringLiteral("DATE");
    if (t == QLatin1String("time"))
        return QStringLiteral("TIME");
    if (t == QLatin1String("time_tz"))
        return QStringLiteral("TIME WITH TIME ZONE");
    if (t == QLatin1String("datetime_tz") || t == QLatin1String("timestamp_tz"))
        return QStringLiteral("TIMESTAMP WITH TIME ZONE");
    if (t == QLatin1String("datetime") || t.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("TIMESTAMP");
    if (t == QLatin1String("binary"))
        return QStringLiteral("BYTEA");
    if (t == QLatin1String("json"))
        return QStringLiteral("JSON");
    if (t == QLatin1String("jsonb"))
        return QStringLiteral("JSONB");
    if (t == QLatin1String("uuid"))
        return QStringLiteral("UUID");
    return QStringLiteral("TEXT");
}

QStringList PostgresDialect::alterColumnStatements(const TableSchema &table, const ColumnSchema &current,
                                                   const FieldDefinition &wanted) const
{
    const FieldDefinition now = FieldDefinition::fromColumn(current);
    const QString prefix = QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 ")
                               .arg(quoteTable(table), quoteIdentifier(current.name));
    QStringList statements;
    if (wanted.autoIncrement != now.autoIncrement)
        throw ApiError::badRequest(
            QStringLiteral("Changing auto_increment of existing field '%1' is not supported.")
                .arg(current.name));
    const bool typeChanged = wanted.type != now.type || wanted.length != now.length ||
                             wanted.precision != now.precision || wanted.scale != now.scale ||
                             wanted.dbType.compare(now.dbType, Qt::CaseInsensitive) != 0;
    if (typeChanged && !wanted.autoIncrement) {
        const QString type = nativeType(wanted);
        statements << prefix +
                          QStringLiteral("TYPE %1 USING %2::%1").arg(type, quoteIdentifier(current.name));
    }
    if (defaultClause(wanted) != defaultClause(now)) {
        statements << (wanted.hasDefault ? QString(prefix + QLatin1String("SET") + defaultClause(wanted))
                                         : QString(prefix + QLatin1String("DROP DEFAULT")));
    }
    if (wanted.allowNull != now.allowNull)
        statements << prefix +
                          (wanted.allowNull ? QLatin1String("DROP NOT NULL") : QLatin1String("SET NOT NULL"));
    return statements;
}

RoutineOutcome PostgresDialect::callRoutine(QSqlDatabase &db, const RoutineSchema &routine,
                                            const QList<RoutineArgument> &arguments) const
{
    const QString kindName = routine.isFunction ? QStringLiteral("function") : QStringLiteral("procedure");
    const QString failMessage = QStringLiteral("Failed to call %1 '%2'.").arg(kindName, routine.name);
    // Named notation when every parameter has a name: parameters the caller left out then
    // take their declared defaults. Positional otherwise, with NULL for missing ones.
    const bool named = std::all_of(arguments.begin(), arguments.end(),
                                   [](const RoutineArgument &a) { return !a.param.name.isEmpty(); });
    RoutineOutcome outcome;

    if (routine.isFunction) {
        QStringList args;
        QVariantList binds;
        for (const RoutineArgument &argument : arguments) {
            if (argument.param.paramType == QLatin1String("OUT"))
                continue;
            if (named && !argument.provided)
                continue;
            const QString value = argument.value.isNull()
                                      ? QStringLiteral("CAST(NULL AS %1)").arg(argument.param.dbType)
                                      : QStringLiteral("CAST(? AS %1)").arg(argument.param.dbType);
            if (!argument.value.isNull())
                binds << argument.value;
            args << (named ? quoteIdentifier(argument.param.name) + QLatin1String(" => ") + value : value);
        }
        const QString call = quotedRoutineName(*this, routine.name) + QLatin1Char('(') +
                             args.join(QStringLiteral(", ")) + QLatin1Char(')');
        const bool isVoid = routine.returnType == QLatin1String("void");
        QSqlQuery q = SqlRunner::run(
            db, *this, isVoid ? QLatin1String("SELECT ") + call : QLatin1String("SELECT * FROM ") + call,
            binds, failMessage);
        if (isVoid)
            return outcome;
        outcome.resultSets.append(SqlRunner::readRows(q));
        outcome.scalar =
            routine.returnType != QLatin1String("table") && routine.returnType != QLatin1String("row");
        return outcome;
    }

    // Procedures. Values go through bound set_config() calls because CALL cannot be a
    // prepared statement (PREPARE only takes SELECT/INSERT/UPDATE/DELETE/MERGE/VALUES).
    QStringList settings;
    QVariantList binds;
    QStringList args;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const RoutineArgument &argument = arguments[i];
        const QString type = argument.param.dbType;
        QString value;
        if (argument.param.paramType == QLatin1String("OUT") || argument.value.isNull()) {
            if (named && !argument.provided && argument.param.paramType == QLatin1String("IN"))
                continue;
            value = QStringLiteral("CAST(NULL AS %1)").arg(type);
        } else {
            const QString setting = QStringLiteral("gatehouse.arg_%1").arg(i + 1);
            settings << QStringLiteral("set_config('%1', ?, false)").arg(setting);
            binds << settingText(argument.value);
            value = QStringLiteral("CAST(current_setting('%1') AS %2)").arg(setting, type);
        }
        args << (named ? quoteIdentifier(argument.param.name) + QLatin1String(" => ") + value : value);
    }
    const auto clearSettings = [&]() {
        if (settings.isEmpty())
            return;
        QStringList resets;
        for (qsizetype i = 0; i < arguments.size(); ++i)
            resets << QStringLiteral("set_config('gatehouse.arg_%1', '', false)").arg(i + 1);
        QSqlQuery reset(db);
        if (!reset.exec(QLatin1String("SELECT ") + resets.join(QStringLiteral(", "))))
            spdlog::debug("could not clear procedure arguments: {}", reset.lastError().text().toStdString());
    };
    if (!settings.isEmpty())
        SqlRunner::run(db, *this, QLatin1String("SELECT ") + settings.join(QStringLiteral(", ")), binds,
                       failMessage);
    try {
        QSqlQuery q =
            SqlRunner::runDirect(db, *this,
                                 QLatin1String("CALL ") + quotedRoutineName(*this, routine.name) +
                                     QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')'),
                                 failMessage);
        // A procedure with OUT/INOUT parameters answers with one row holding their values.
        if (q.isSelect() && q.next()) {
            const QSqlRecord record = q.record();
            for (int c = 0; c < record.count(); ++c)
                outcome.outParams[record.fieldName(c).toStdString()] = variantToJson(q.value(c));
        }
    } catch (...) {
        clearSettings();
        throw;
    }
    clearSettings();
    return outcome;
}
} // namespace gatehouse
