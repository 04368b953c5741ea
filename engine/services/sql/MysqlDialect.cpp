#include "MysqlDialect.h"

#include <spdlog/spdlog.h>

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

QString between(const QString &text, const QString &marker, const QString &end)
{
    const qsizetype at = text.indexOf(marker);
    if (at < 0)
        return {};
    const qsizetype start = at + marker.size();
    const qsizetype stop = text.indexOf(end, start);
    return stop < 0 ? QString() : text.mid(start, stop - start);
}

// "... for column `db`.`t`.`col` at row 1" (MariaDB) or "... for column 'col' at row 1".
QString columnAfterFor(const QString &text)
{
    const qsizetype at = text.indexOf(QLatin1String("for column "));
    if (at < 0)
        return {};
    QString rest = text.mid(at + 11);
    const qsizetype row = rest.indexOf(QLatin1String(" at row"));
    if (row >= 0)
        rest = rest.left(row);
    rest.remove(QLatin1Char('`'));
    rest.remove(QLatin1Char('\''));
    return rest.section(QLatin1Char('.'), -1).trimmed();
}

QString variableName(qsizetype index)
{
    return QStringLiteral("@gh_arg_%1").arg(index + 1);
}
} // namespace

QString MysqlDialect::quoteIdentifier(const QString &name) const
{
    QString escaped = name;
    escaped.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + escaped + QLatin1Char('`');
}

QString MysqlDialect::abstractType(const QString &dataTypeIn, const QString &columnTypeIn)
{
    const QString dataType = dataTypeIn.toLower();
    const QString columnType = columnTypeIn.toLower();
    if (dataType == QLatin1String("tinyint"))
        return columnType.startsWith(QLatin1String("tinyint(1)")) ? QStringLiteral("boolean")
                                                                  : QStringLiteral("tinyint");
    if (dataType == QLatin1String("bit"))
        return columnType == QLatin1String("bit(1)") ? QStringLiteral("boolean") : QStringLiteral("bigint");
    if (dataType == QLatin1String("bool") || dataType == QLatin1String("boolean"))
        return QStringLiteral("boolean");
    static const QHash<QString, QString> map = {
        {QStringLiteral("smallint"), QStringLiteral("smallint")},
        {QStringLiteral("mediumint"), QStringLiteral("mediumint")},
        {QStringLiteral("int"), QStringLiteral("integer")},
        {QStringLiteral("integer"), QStringLiteral("integer")},
        {QStringLiteral("bigint"), QStringLiteral("bigint")},
        {QStringLiteral("year"), QStringLiteral("integer")},
        {QStringLiteral("decimal"), QStringLiteral("decimal")},
        {QStringLiteral("numeric"), QStringLiteral("decimal")},
        {QStringLiteral("double"), QStringLiteral("double")},
        {QStringLiteral("real"), QStringLiteral("double")},
        {QStringLiteral("float"), QStringLiteral("float")},
        {QStringLiteral("varchar"), QStringLiteral("string")},
        {QStringLiteral("char"), QStringLiteral("string")},
        {QStringLiteral("enum"), QStringLiteral("string")},
        {QStringLiteral("set"), QStringLiteral("string")},
        {QStringLiteral("inet4"), QStringLiteral("string")},
        {QStringLiteral("inet6"), QStringLiteral("string")},
        {QStringLiteral("tinytext"), QStringLiteral("text")},
        {QStringLiteral("text"), QStringLiteral("text")},
        {QStringLiteral("mediumtext"), QStringLiteral("mediumtext")},
        {QStringLiteral("longtext"), QStringLiteral("longtext")},
        {QStringLiteral("date"), QStringLiteral("date")},
        {QStringLiteral("time"), QStringLiteral("time")},
        {QStringLiteral("datetime"), QStringLiteral("datetime")},
        {QStringLiteral("timestamp"), QStringLiteral("timestamp")},
        {QStringLiteral("binary"), QStringLiteral("binary")},
        {QStringLiteral("varbinary"), QStringLiteral("binary")},
        {QStringLiteral("tinyblob"), QStringLiteral("binary")},
        {QStringLiteral("blob"), QStringLiteral("binary")},
        {QStringLiteral("mediumblob"), QStringLiteral("binary")},
        {QStringLiteral("longblob"), QStringLiteral("binary")},
        {QStringLiteral("json"), QStringLiteral("json")},
        {QStringLiteral("uuid"), QStringLiteral("uuid")},
    };
    return map.value(dataType, QStringLiteral("string"));
}

DatabaseSchema MysqlDialect::introspect(QSqlDatabase &db) const
{
    QList<TableSchema> tables;
    QHash<QString, qsizetype> index;
    {
        QSqlQuery q =
            SqlRunner::run(db, *this,
                           QStringLiteral("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
                                          "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME"),
                           {}, kSchemaError);
        while (q.next()) {
            TableSchema table;
            table.name = q.value(0).toString();
            table.isView = q.value(1).toString().contains(QLatin1String("VIEW"));
            index.insert(table.name, tables.size());
            tables.append(table);
        }
    }

    // MariaDB stores JSON as LONGTEXT with a json_valid() check; find those columns.
    QSet<QString> jsonColumns; // "table\x1fcolumn"
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (q.exec(
                QStringLiteral("SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                               "WHERE CONSTRAINT_SCHEMA = DATABASE() AND CHECK_CLAUSE LIKE 'json!_valid(%' "
                               "ESCAPE '!'"))) {
            while (q.next()) {
                QString column =
                    between(q.value(1).toString(), QStringLiteral("json_valid("), QStringLiteral(")"));
                column.remove(QLatin1Char('`'));
                jsonColumns.insert(q.value(0).toString() + QChar(31) + column);
            }
        } else {
            spdlog::debug("json check constraints not readable: {}", q.lastError().text().toStdString());
        }
    }

    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral(
                "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE, "
                "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, EXTRA "
                "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                "ORDER BY TABLE_NAME, ORDINAL_POSITION"),
            {}, kSchemaError);
        while (q.next()) {
            const auto it = index.constFind(q.value(0).toString());
            if (it == index.constEnd())
                continue;
            ColumnSchema column;
            column.name = q.value(1).toString();
            const QString dataType = q.value(4).toString();
            column.dbType = q.value(5).toString();
            column.type = abstractType(dataType, column.dbType);
            if (jsonColumns.contains(q.value(0).toString() + QChar(31) + column.name))
                column.type = QStringLiteral("json");
            column.allowNull = q.value(3).toString() == QLatin1String("YES");
            if (column.type == QLatin1String("string") || column.type == QLatin1String("binary"))
                column.length = int(qMin<qint64>(q.value(6).toLongLong(), std::numeric_limits<int>::max()));
            if (column.type == QLatin1String("decimal")) {
                column.precision = q.value(7).toInt();
                column.scale = q.value(8).toInt();
            }
            const QString extra = q.value(9).toString().toLower();
            column.autoIncrement = extra.contains(QLatin1String("auto_increment"));
            // MariaDB (10.2.7+) prints defaults as SQL: 'text', 42, NULL, current_timestamp().
            if (!q.value(2).isNull())
                column.defaultValue = SchemaAssembler::parseDefault(q.value(2).toString(), column.type, true);
            tables[*it].columns.append(column);
        }
    }

    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME "
                           "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                           "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"),
            {}, kSchemaError);
        struct Index
        {
            QString table;
            QString name;
            bool unique = false;
            QStringList columns;
        };
        QList<Index> indexes;
        while (q.next()) {
            if (indexes.isEmpty() || indexes.last().table != q.value(0).toString() ||
                indexes.last().name != q.value(1).toString())
                indexes.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() == 0, {}});
            indexes.last().columns.append(q.value(3).toString());
        }
        for (const Index &ix : std::as_const(indexes)) {
            const auto it = index.constFind(ix.table);
            if (it == index.constEnd())
                continue;
            TableSchema &table = tables[*it];
            if (ix.name == QLatin1String("PRIMARY"))
                table.primaryKey = ix.columns;
            for (ColumnSchema &column : table.columns) {
                if (!ix.columns.contains(column.name))
                    continue;
                column.isIndex = true;
                if (ix.unique && ix.columns.size() == 1)
                    column.isUnique = true;
            }
        }
    }

    QList<ForeignKeyInfo> foreignKeys;
    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral(
                "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, "
                "k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
                "FROM information_schema.KEY_COLUMN_USAGE k "
                "JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
                "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                "AND r.TABLE_NAME = k.TABLE_NAME "
                "WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL "
                "AND k.REFERENCED_TABLE_SCHEMA = k.TABLE_SCHEMA "
                "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"),
            {}, kSchemaError);
        QString lastKey;
        while (q.next()) {
            const QString key = q.value(0).toString() + QChar(31) + q.value(1).toString();
            if (key != lastKey) {
                ForeignKeyInfo fk;
                fk.table = q.value(0).toString();
                fk.refTable = q.value(3).toString();
                fk.onUpdate = q.value(5).toString();
                fk.onDelete = q.value(6).toString();
                foreignKeys.append(fk);
                lastKey = key;
            }
            foreignKeys.last().columns.append(q.value(2).toString());
            foreignKeys.last().refColumns.append(q.value(4).toString());
        }
    }

    QList<RoutineSchema> routines;
    {
        QSqlQuery q = SqlRunner::run(
            db, *this,
            QStringLiteral(
                "SELECT r.ROUTINE_NAME, r.ROUTINE_TYPE, r.DATA_TYPE, r.DTD_IDENTIFIER, p.ORDINAL_POSITION, "
                "p.PARAMETER_MODE, p.PARAMETER_NAME, p.DATA_TYPE, p.DTD_IDENTIFIER "
                "FROM information_schema.ROUTINES r "
                "LEFT JOIN information_schema.PARAMETERS p ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA "
                "AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE "
                "AND p.ORDINAL_POSITION > 0 "
                "WHERE r.ROUTINE_SCHEMA = DATABASE() AND r.ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION') "
                "ORDER BY r.ROUTINE_TYPE, r.ROUTINE_NAME, p.ORDINAL_POSITION"),
            {}, kSchemaError);
        QString lastKey;
        while (q.next()) {
            const QString key = q.value(1).toString() + QChar(31) + q.value(0).toString();
            if (key != lastKey) {
                lastKey = key;
                RoutineSchema routine;
                routine.name = q.value(0).toString();
                routine.isFunction = q.value(1).toString() == QLatin1String("FUNCTION");
                if (routine.isFunction)
                    routine.returnType = abstractType(q.value(2).toString(), q.value(3).toString());
                routines.append(routine);
            }
            if (q.value(4).isNull())
                continue;
            RoutineParam param;
            param.name = q.value(6).toString();
            param.paramType =
                q.value(5).toString().isEmpty() ? QStringLiteral("IN") : q.value(5).toString().toUpper();
            param.dbType = q.value(8).toString();
            param.type = abstractType(q.value(7).toString(), param.dbType);
            routines.last().params.append(param);
        }
    }
    return SchemaAssembler::assemble(std::move(tables), foreignKeys, std::move(routines));
}

SqlFailure MysqlDialect::classifyError(const QSqlError &error) const
{
    using Kind = SqlFailure::Kind;
    const int code = error.nativeErrorCode().toInt();
    const QString text = error.databaseText();
    SqlFailure failure;
    switch (code) {
    case 1062:
    case 1586: {
        failure.kind = Kind::UniqueViolation;
        const qsizetype at = text.lastIndexOf(QLatin1String("for key '"));
        if (at >= 0) {
            QString key = text.mid(at + 9);
            key.chop(key.endsWith(QLatin1Char('\'')) ? 1 : 0);
            failure.subject = key.section(QLatin1Char('.'), -1);
        }
        break;
    }
    case 1048:
        failure.kind = Kind::NotNullViolation;
        failure.subject = between(text, QStringLiteral("Column '"), QStringLiteral("'"));
        break;
    case 1364:
        failure.kind = Kind::NotNullViolation;
        failure.subject = between(text, QStringLiteral("Field '"), QStringLiteral("'"));
        break;
    case 1828:
    case 1553:
        failure.kind = Kind::DependentObjects;
        break;
    case 1451:
    case 1217:
    case 3730:
        failure.kind = Kind::StillReferenced;
        break;
    case 1452:
    case 1216:
        failure.kind = Kind::ForeignKeyViolation;
        failure.subject = between(text, QStringLiteral("FOREIGN KEY (`"), QStringLiteral("`"));
        break;
    case 3819:
    case 4025:
        failure.kind = Kind::CheckViolation;
        break;
    case 1366:
    case 1292:
    case 1265:
    case 1367:
    case 4078:
        failure.kind = Kind::InvalidValue;
        failure.subject = columnAfterFor(text);
        break;
    case 1406:
    case 1264:
    case 1690:
        failure.kind = Kind::ValueTooLong;
        failure.subject = columnAfterFor(text);
        break;
    case 1146:
    case 1051:
        failure.kind = Kind::UndefinedTable;
        break;
    case 1054:
        failure.kind = Kind::UndefinedColumn;
        failure.subject = between(text, QStringLiteral("Unknown column '"), QStringLiteral("'"));
        break;
    case 1305:
        failure.kind = Kind::UndefinedRoutine;
        break;
    case 1318:
    case 1414:
        failure.kind = Kind::WrongArguments;
        break;
    case 1050:
        failure.kind = Kind::DuplicateTable;
        break;
    case 1060:
        failure.kind = Kind::DuplicateColumn;
        failure.subject = between(text, QStringLiteral("Duplicate column name '"), QStringLiteral("'"));
        break;
    case 1044:
    case 1045:
    case 1142:
    case 1143:
    case 1370:
        failure.kind = Kind::PermissionDenied;
        break;
    case 1969:
    case 3024:
    case 1205:
    case 1213:
        failure.kind = Kind::Timeout;
        break;
    case 2006:
    case 2013:
        failure.kind = Kind::ConnectionLost;
        break;
    case 1644:
        failure.kind = Kind::RaisedByRoutine;
        break;
    default:
        break;
    }
    return failure;
}

QString MysqlDialect::nativeType(const FieldDefinition &field) const
{
    if (!field.dbType.isEmpty())
        return field.dbType.toUpper();
    const QString &t = field.type;
    if (t == QLatin1String("id") || t == QLatin1String("integer") || t == QLatin1String("reference") ||
        t.startsWith(QLatin1String("user_id")))
        return QStringLiteral("INT");
    if (t == QLatin1String("bigid") || t == QLatin1String("bigint"))
        return QStringLiteral("BIGINT");
    if (t == QLatin1String("smallid") || t == QLatin1String("smallint"))
        return QStringLiteral("SMALLINT");
    if (t == QLatin1String("mediumid") || t == QLatin1String("mediumint"))
        return QStringLiteral("MEDIUMINT");
    if (t == QLatin1String("tinyint"))
        return QStringLiteral("TINYINT");
    if (t == QLatin1String("decimal"))
        return field.precision > 0 ? QStringLiteral("DECIMAL(%1,%2)").arg(field.precision).arg(field.scale)
                                   : QStringLiteral("DECIMAL(19,4)");
    if (t == QLatin1String("money"))
        return QStringLiteral("DECIMAL(19,4)");
    if (t == QLatin1String("double"))
        return QStringLiteral("DOUBLE");
    if (t == QLatin1String("float"))
        return QStringLiteral("FLOAT");
    if (t == QLatin1String("string"))
        return QStringLiteral("VARCHAR(%1)").arg(field.length > 0 ? field.length : 255);
    if (t == QLatin1String("text"))
        return QStringLiteral("TEXT");
    if (t == QLatin1String("mediumtext"))
        return QStringLiteral("MEDIUMTEXT");
    if (t == QLatin1String("longtext"))
        return QStringLiteral("LONGTEXT");
    if (t == QLatin1String("boolean"))
        return QStringLiteral("TINYINT(1)");
    if (t == QLatin1String("date"))
        return QStringLiteral("DATE");
    if (t == QLatin1String("time") || t == QLatin1String("time_tz"))
        return QStringLiteral("TIME");
    if (t == QLatin1String("datetime") || t == QLatin1String("datetime_tz"))
        return QStringLiteral("DATETIME");
    if (t == QLatin1String("timestamp_on_update"))
        return QStringLiteral("TIMESTAMP ON UPDATE CURRENT_TIMESTAMP");
    if (t.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("TIMESTAMP");
    if (t == QLatin1String("binary"))
        return field.length > 0 ? QStringLiteral("VARBINARY(%1)").arg(field.length) : QStringLiteral("BLOB");
    if (t == QLatin1String("json") || t == QLatin1String("jsonb"))
        return QStringLiteral("JSON");
    if (t == QLatin1String("uuid"))
        return QStringLiteral("UUID");
    return QStringLiteral("TEXT");
}

QString MysqlDialect::literal(const Json &value) const
{
    if (!value.is_string())
        return SqlDialect::literal(value);
    // Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES.
    QString text = QString::fromStdString(value.get<std::string>());
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString MysqlDialect::defaultExpression(const QString &keyword) const
{
    // Only CURRENT_TIMESTAMP is a bare default keyword; other expressions need parentheses.
    if (keyword == QLatin1String("CURRENT_TIMESTAMP"))
        return keyword;
    return QLatin1Char('(') + keyword + QLatin1Char(')');
}

QStringList MysqlDialect::alterColumnStatements(const TableSchema &table, const ColumnSchema &current,
                                                const FieldDefinition &wanted) const
{
    const FieldDefinition now = FieldDefinition::fromColumn(current);
    const bool typeChanged = wanted.type != now.type || wanted.length != now.length ||
                             wanted.precision != now.precision || wanted.scale != now.scale ||
                             wanted.dbType.compare(now.dbType, Qt::CaseInsensitive) != 0;
    if (!typeChanged && wanted.allowNull == now.allowNull && defaultClause(wanted) == defaultClause(now) &&
        wanted.autoIncrement == now.autoIncrement)
        return {};
    // MODIFY restates the whole column; keep the current native type unless it changes.
    FieldDefinition target = wanted;
    if (!typeChanged)
        target.dbType = current.dbType;
    QString definition = quoteIdentifier(current.name) + QLatin1Char(' ') + nativeType(target) +
                         (target.allowNull ? QLatin1String(" NULL") : QLatin1String(" NOT NULL")) +
                         defaultClause(target);
    if (target.autoIncrement)
        definition += QLatin1Char(' ') + autoIncrementClause();
    return {QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2").arg(quoteTable(table), definition)};
}

RoutineOutcome MysqlDialect::callRoutine(QSqlDatabase &db, const RoutineSchema &routine,
                                         const QList<RoutineArgument> &arguments) const
{
    const QString kindName = routine.isFunction ? QStringLiteral("function") : QStringLiteral("procedure");
    const QString failMessage = QStringLiteral("Failed to call %1 '%2'.").arg(kindName, routine.name);
    RoutineOutcome outcome;

    if (routine.isFunction) {
        QStringList placeholders;
        QVariantList binds;
        for (const RoutineArgument &argument : arguments) {
            placeholders << QStringLiteral("?");
            binds << argument.value;
        }
        QSqlQuery q =
            SqlRunner::run(db, *this,
                           QStringLiteral("SELECT %1(%2) AS %3")
                               .arg(quoteIdentifier(routine.name), placeholders.join(QStringLiteral(", ")),
                                    quoteIdentifier(routine.name)),
                           binds, failMessage);
        outcome.resultSets.append(SqlRunner::readRows(q));
        outcome.scalar = true;
        return outcome;
    }

    // Prepared CALLs cannot return several result sets through Qt, so the values are bound
    // into session variables first and the CALL text only names those variables. The
    // connection belongs to this worker thread for the whole request, so they are private.
    QStringList assignments;
    QStringList variables;
    QVariantList binds;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        assignments << variableName(i) + QLatin1String(" = ?");
        variables << variableName(i);
        binds << (arguments[i].param.paramType == QLatin1String("OUT") ? QVariant() : arguments[i].value);
    }
    const auto clearVariables = [&]() {
        if (variables.isEmpty())
            return;
        QSqlQuery reset(db);
        if (!reset.exec(QLatin1String("SET ") + variables.join(QStringLiteral(" = NULL, ")) +
                        QLatin1String(" = NULL")))
            spdlog::debug("could not clear procedure arguments: {}", reset.lastError().text().toStdString());
    };
    if (!assignments.isEmpty())
        SqlRunner::run(db, *this, QLatin1String("SET ") + assignments.join(QStringLiteral(", ")), binds,
                       failMessage);
    try {
        QSqlQuery q = SqlRunner::runDirect(
            db, *this,
            QStringLiteral("CALL %1(%2)")
                .arg(quoteIdentifier(routine.name), variables.join(QStringLiteral(", "))),
            failMessage);
        do {
            if (q.isSelect())
                outcome.resultSets.append(SqlRunner::readRows(q));
        } while (q.nextResult());
        if (q.lastError().isValid())
            throw SqlErrors::toApiError(*this, q.lastError(), failMessage);

        QStringList outputs;
        for (qsizetype i = 0; i < arguments.size(); ++i)
            if (arguments[i].param.paramType != QLatin1String("IN"))
                outputs << variableName(i) + QLatin1String(" AS ") + quoteIdentifier(arguments[i].param.name);
        if (!outputs.isEmpty()) {
            QSqlQuery out = SqlRunner::runDirect(
                db, *this, QLatin1String("SELECT ") + outputs.join(QStringLiteral(", ")), failMessage);
            if (out.next()) {
                const QSqlRecord record = out.record();
                for (int c = 0; c < record.count(); ++c)
                    outcome.outParams[record.fieldName(c).toStdString()] = variantToJson(out.value(c));
            }
        }
    } catch (...) {
        clearVariables();
        throw;
    }
    clearVariables();
    return outcome;
}
} // namespace gatehouse
