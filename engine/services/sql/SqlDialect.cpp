#include "SqlDialect.h"

#include <cmath>
#include <limits>

#include <QDateTime>
#include <QUuid>

#include "MysqlDialect.h"
#include "PostgresDialect.h"
#include "SqliteDialect.h"
#include "core/ApiError.h"

namespace gatehouse {

std::unique_ptr<SqlDialect> SqlDialect::create(Kind kind)
{
    switch (kind) {
    case Kind::Sqlite:
        return std::make_unique<SqliteDialect>();
    case Kind::Postgres:
        return std::make_unique<PostgresDialect>();
    case Kind::Mysql:
        return std::make_unique<MysqlDialect>();
    }
    return nullptr;
}

std::unique_ptr<SqlDialect> SqlDialect::forDriver(const QString &qtDriver)
{
    if (qtDriver == QLatin1String("QSQLITE"))
        return create(Kind::Sqlite);
    if (qtDriver == QLatin1String("QPSQL"))
        return create(Kind::Postgres);
    if (qtDriver == QLatin1String("QMYSQL"))
        return create(Kind::Mysql);
    return nullptr;
}

QString SqlDialect::quoteTable(const TableSchema &table) const
{
    if (table.schemaName.isEmpty())
        return quoteIdentifier(table.name);
    return quoteIdentifier(table.schemaName) + QLatin1Char('.') + quoteIdentifier(table.name);
}

QString SqlDialect::limitClause(qint64 limit, qint64 offset, QVariantList &binds) const
{
    QString sql;
    if (limit >= 0) {
        sql += QLatin1String(" LIMIT ?");
        binds << limit;
    }
    if (offset > 0) {
        if (limit < 0 && kind() != Kind::Postgres) {
            // SQLite and MySQL need a LIMIT before OFFSET; "no limit" is the largest value.
            sql += QLatin1String(" LIMIT ?");
            binds << std::numeric_limits<qint64>::max();
        }
        sql += QLatin1String(" OFFSET ?");
        binds << offset;
    }
    return sql;
}

QString SqlDialect::likeOperator(bool negate) const
{
    return negate ? QStringLiteral("NOT LIKE ? ESCAPE '!'") : QStringLiteral("LIKE ? ESCAPE '!'");
}

QString SqlDialect::literal(const Json &value) const
{
    switch (value.type()) {
    case Json::value_t::null:
        return QStringLiteral("NULL");
    case Json::value_t::boolean:
        if (kind() == Kind::Postgres)
            return value.get<bool>() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
        return value.get<bool>() ? QStringLiteral("1") : QStringLiteral("0");
    case Json::value_t::number_integer:
        return QString::number(value.get<qint64>());
    case Json::value_t::number_unsigned:
        return QString::number(value.get<quint64>());
    case Json::value_t::number_float: {
        const double d = value.get<double>();
        if (!std::isfinite(d))
            throw ApiError::badRequest(QStringLiteral("Default values must be finite numbers."));
        return QString::number(d, 'g', 17);
    }
    case Json::value_t::string: {
        QString text = QString::fromStdString(value.get<std::string>());
        text.replace(QLatin1Char('\''), QStringLiteral("''"));
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    }
    default:
        throw ApiError::badRequest(QStringLiteral("Default values must be strings, numbers or booleans."));
    }
}

QString SqlDialect::defaultExpression(const QString &keyword) const
{
    // FieldDefinition only lets these three through.
    return keyword;
}

QString SqlDialect::defaultClause(const FieldDefinition &field) const
{
    if (!field.hasDefault)
        return {};
    if (field.defaultIsExpression)
        return QLatin1String(" DEFAULT ") +
               defaultExpression(QString::fromStdString(field.defaultValue.get<std::string>()));
    return QLatin1String(" DEFAULT ") + literal(field.defaultValue);
}

QStringList SqlDialect::alterColumnStatements(const TableSchema &, const ColumnSchema &current,
                                              const FieldDefinition &) const
{
    throw ApiError(
        501, QStringLiteral("Changing field '%1' is not supported on this database.").arg(current.name));
}

QHash<QString, QString> SqlDialect::nativeDefaults(QSqlDatabase &, const TableSchema &) const
{
    return {};
}

void SqlDialect::rebuildTable(QSqlDatabase &, const TableSchema &table, const QString &, const QString &,
                              const QStringList &) const
{
    throw ApiError(501,
                   QStringLiteral("Changing table '%1' is not supported on this database.").arg(table.name));
}

RoutineOutcome SqlDialect::callRoutine(QSqlDatabase &, const RoutineSchema &,
                                       const QList<RoutineArgument> &) const
{
    throw ApiError(501,
                   QStringLiteral("Stored procedures and functions are not supported on this database."));
}

QString escapeLikePattern(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('!') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            out += QLatin1Char('!');
        out += c;
    }
    return out;
}

QVariant SqlDialect::castValue(const ColumnSchema &column, const QVariant &value) const
{
    if (value.isNull() || !value.isValid())
        return QVariant();
    const auto invalid = [&column](const char *what) {
        return ApiError::badRequest(
            QStringLiteral("Field '%1' must be a valid %2.").arg(column.name, QLatin1String(what)));
    };
    if (column.isBoolean()) {
        if (value.typeId() == QMetaType::Bool)
            return kind() == Kind::Postgres ? value : QVariant(value.toBool() ? 1 : 0);
        const QString text = value.toString().trimmed().toLower();
        bool result;
        if (text == QLatin1String("true") || text == QLatin1String("1"))
            result = true;
        else if (text == QLatin1String("false") || text == QLatin1String("0"))
            result = false;
        else
            throw invalid("boolean");
        return kind() == Kind::Postgres ? QVariant(result) : QVariant(result ? 1 : 0);
    }
    if (column.isInteger()) {
        if (value.typeId() == QMetaType::Double) {
            const double d = value.toDouble();
            if (d != double(qint64(d)))
                throw invalid("integer");
            return qint64(d);
        }
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            throw invalid("integer");
        return n;
    }
    if (column.isNumeric()) {
        bool ok = false;
        const QString text = value.toString().trimmed();
        text.toDouble(&ok);
        if (!ok)
            throw invalid("number");
        // Decimal columns keep the text so no precision is lost on the way in.
        return column.type == QLatin1String("decimal") || column.type == QLatin1String("money")
                   ? QVariant(text)
                   : QVariant(text.toDouble());
    }
    if (column.type == QLatin1String("binary")) {
        const QByteArray decoded =
            QByteArray::fromBase64(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.isEmpty() && !value.toString().isEmpty())
            throw invalid("base64 value");
        return decoded;
    }
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

bool ColumnSchema::isInteger() const
{
    static const QStringList integers = {QStringLiteral("id"),
                                         QStringLiteral("bigid"),
                                         QStringLiteral("smallid"),
                                         QStringLiteral("mediumid"),
                                         QStringLiteral("integer"),
                                         QStringLiteral("bigint"),
                                         QStringLiteral("smallint"),
                                         QStringLiteral("mediumint"),
                                         QStringLiteral("tinyint"),
                                         QStringLiteral("reference"),
                                         QStringLiteral("user_id"),
                                         QStringLiteral("user_id_on_create"),
                                         QStringLiteral("user_id_on_update")};
    return integers.contains(type);
}

bool ColumnSchema::isNumeric() const
{
    return isInteger() || type == QLatin1String("decimal") || type == QLatin1String("double") ||
           type == QLatin1String("float") || type == QLatin1String("money");
}

bool ColumnSchema::isBoolean() const
{
    return type == QLatin1String("boolean");
}

const ColumnSchema *TableSchema::column(const QString &name) const
{
    for (const ColumnSchema &c : columns)
        if (c.name.compare(name, Qt::CaseInsensitive) == 0)
            return &c;
    return nullptr;
}

const RelationSchema *TableSchema::relation(const QString &name) const
{
    for (const RelationSchema &r : relations)
        if (r.name.compare(name, Qt::CaseInsensitive) == 0)
            return &r;
    return nullptr;
}

QString RelationSchema::typeName() const
{
    switch (type) {
    case Type::BelongsTo:
        return QStringLiteral("belongs_to");
    case Type::HasMany:
        return QStringLiteral("has_many");
    case Type::ManyMany:
        return QStringLiteral("many_many");
    }
    return {};
}
} // namespace gatehouse
