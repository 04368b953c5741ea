#include "RecordResource.h"

#include <cmath>
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include "services/RequestContext.h"
#include "services/sql/DbSchema.h"
#include "services/sql/FilterLexer.h"
#include "services/sql/FilterParser.h"
#include "services/sql/FilterSqlWriter.h"
#include "services/sql/SqlDialect.h"
#include "store/DbExecutor.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"
#include "store/SystemTransaction.h"

namespace gatehouse {
namespace {
QString verbWord(RecordResource::Operation operation)
{
    switch (operation) {
    case RecordResource::Operation::Create:
        return QStringLiteral("created");
    case RecordResource::Operation::Update:
        return QStringLiteral("updated");
    case RecordResource::Operation::Delete:
        return QStringLiteral("deleted");
    case RecordResource::Operation::Read:
        break;
    }
    return QStringLiteral("retrieved");
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out << trimmed;
    }
    return out;
}

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

qint64 parseCount(const RequestContext &context, std::initializer_list<const char *> keys)
{
    if (!context.hasParamAny(keys))
        return 0;
    const QString text = context.paramAny(keys).trimmed();
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        throw ApiError::badRequest(
            QStringLiteral("Invalid value '%1' for parameter '%2'.").arg(text, QLatin1String(*keys.begin())));
    return value;
}

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() != QLatin1String("QPSQL");
}

Json errorObject(const ApiError &error)
{
    return error.toJson()["error"];
}

// DreamFactory's abstract type for a field, as a filter sees it: it decides how values are cast
// (is_active=true, id='7') and which comparisons make sense. Empty: not filterable.
QString filterType(RecordResource::FieldType type)
{
    switch (type) {
    case RecordResource::FieldType::Integer:
        return QStringLiteral("integer");
    case RecordResource::FieldType::Boolean:
        return QStringLiteral("boolean");
    case RecordResource::FieldType::String:
        return QStringLiteral("string");
    case RecordResource::FieldType::Text:
        return QStringLiteral("text");
    case RecordResource::FieldType::Date:
        return QStringLiteral("datetime");
    case RecordResource::FieldType::Number:
        return QStringLiteral("double");
    case RecordResource::FieldType::Json:
        break;
    }
    return QString();
}

// Native type as Migrations creates it, for completeness of the schema (the filter writer
// works from the abstract type).
QString filterDbType(RecordResource::FieldType type)
{
    switch (type) {
    case RecordResource::FieldType::Integer:
        return QStringLiteral("bigint");
    case RecordResource::FieldType::Boolean:
        return QStringLiteral("smallint");
    case RecordResource::FieldType::Number:
        return QStringLiteral("double precision");
    case RecordResource::FieldType::String:
    case RecordResource::FieldType::Date:
        return QStringLiteral("varchar");
    case RecordResource::FieldType::Text:
    case RecordResource::FieldType::Json:
        break;
    }
    return QStringLiteral("text");
}

// The system tables keep timestamps as UTC text in Migrations::nowText()'s fixed
// "yyyy-MM-dd HH:mm:ss" form, not in date/time columns. PostgreSQL has no operator comparing
// varchar with CURRENT_TIMESTAMP (the request would fail with a 500), and SQLite compares them
// as text anyway. So (CURRENT_DATE), (CURRENT_TIMESTAMP) and (NOW()) compared with a date
// field become a bound text value in the stored form, read from the clock once per request:
// text in that form sorts in time order, so the comparison means the same on both databases.
// Other uses are left for the filter writer to accept or refuse with its usual messages.
void bindDateFunctions(FilterNode &node, const TableSchema &table, const QDateTime &now)
{
    for (FilterNode &child : node.children)
        bindDateFunctions(child, table, now);
    if (node.kind != FilterNode::Kind::Comparison)
        return;
    switch (node.op) {
    case FilterOp::Equal:
    case FilterOp::NotEqual:
    case FilterOp::Less:
    case FilterOp::LessOrEqual:
    case FilterOp::Greater:
    case FilterOp::GreaterOrEqual:
        break;
    default:
        return;
    }
    const ColumnSchema *column = table.column(node.field);
    if (!column || column->type != QLatin1String("datetime"))
        return;
    for (FilterValue &value : node.values) {
        if (value.kind != FilterValue::Kind::Function)
            continue;
        if (value.text == QLatin1String("CURRENT_TIME"))
            throw ApiError::badRequest(FilterLexer::errorAt(
                value.position, QStringLiteral("(CURRENT_TIME) has no date, but '%1' holds a date and time; "
                                               "use (CURRENT_DATE) or (CURRENT_TIMESTAMP)")
                                    .arg(column->name)));
        value.kind = FilterValue::Kind::String;
        value.text =
            now.toString(value.text == QLatin1String("CURRENT_DATE") ? QStringLiteral("yyyy-MM-dd")
                                                                     : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
}
} // namespace

RecordResource::RecordResource(SystemStore &store, QString name, QString table, QList<Field> fields)
    : m_store(store)
    , m_name(std::move(name))
    , m_table(std::move(table))
    , m_fields(std::move(fields))
{
    // Built from m_fields, which are exactly what clients can read: hashes (password_hash,
    // api_key_hash) and internal flags (is_sys_admin) are not fields, so a filter naming them
    // gets the parser's "Invalid or unparsable field" 400 and cannot probe their values.
    auto schema = std::make_unique<TableSchema>();
    schema->name = m_name;
    schema->primaryKey = {QStringLiteral("id")};
    for (const Field &f : m_fields) {
        const QString type = filterType(f.type);
        if (type.isEmpty())
            continue;
        ColumnSchema column;
        column.name = f.name;
        column.type = type;
        column.dbType = filterDbType(f.type);
        column.length = f.maxLength;
        column.allowNull = f.nullable;
        column.isPrimaryKey = f.name == QLatin1String("id");
        column.autoIncrement = column.isPrimaryKey;
        schema->columns << column;
    }
    m_filterSchema = std::move(schema);
}

RecordResource::~RecordResource() = default;

const RecordResource::Field *RecordResource::field(const QString &name) const
{
    for (const Field &f : m_fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

void RecordResource::prepare(Item &, Operation, const RequestContext &) const {}

void RecordResource::preprocess(std::shared_ptr<Job>, std::function<void()> next) const
{
    next();
}

void RecordResource::beforeInsert(QSqlDatabase &, Item &, const Job &) const {}
void RecordResource::beforeUpdate(QSqlDatabase &, Item &, const Job &) const {}
void RecordResource::afterWrite(QSqlDatabase &, qint64, const Item &, Operation) const {}
void RecordResource::beforeDelete(QSqlDatabase &, qint64) const {}
void RecordResource::loadRelation(QSqlDatabase &, const QString &, Json &) const {}
QStringList RecordResource::relationKeys(const QString &) const
{
    return {};
}
void RecordResource::present(Json &) const {}

int RecordResource::reloadFlags() const
{
    return SystemStore::ReloadAccess;
}

QString RecordResource::nowText()
{
    return Migrations::nowText();
}

// --- request parsing (event loop) ---

void RecordResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                            Service::Completion done)
{
    std::shared_ptr<Job> job;
    try {
        job = parse(std::move(context), path);
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
        return;
    } catch (const std::exception &) {
        // Only a JSON value of an unexpected type gets here; the client sent it.
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("The request body is malformed."))));
        return;
    }
    auto self = shared_from_this();
    if (job->operation == Operation::Read) {
        m_store.submitRead([self, job](QSqlDatabase &db) { return self->execute(db, *job); },
                           std::move(done));
        return;
    }
    preprocess(job, [self, job, done = std::move(done)]() mutable {
        self->m_store.submitWrite([self, job](QSqlDatabase &db) { return self->execute(db, *job); },
                                  self->reloadFlags(), std::move(done));
    });
}

std::shared_ptr<RecordResource::Job> RecordResource::parse(std::shared_ptr<const RequestContext> context,
                                                           const QStringList &path) const
{
    auto job = std::make_shared<Job>();
    job->context = context;
    const RequestContext &ctx = *context;

    if (path.size() > 1)
        throw ApiError::notFound(QStringLiteral("Resource '%1' not found for service 'system'.")
                                     .arg(m_name + QLatin1Char('/') + path.join(QLatin1Char('/'))));
    if (path.size() == 1) {
        job->routeId = parseId(path.first());
        if (!job->routeId)
            throw ApiError::notFound(
                QStringLiteral("Record with identifier '%1' not found.").arg(path.first()));
        job->singleReply = true;
    }

    switch (ctx.verb) {
    case VerbGet:
        job->operation = Operation::Read;
        break;
    case VerbPost:
        job->operation = Operation::Create;
        break;
    case VerbPut:
    case VerbPatch:
        job->operation = Operation::Update;
        break;
    case VerbDelete:
        job->operation = Operation::Delete;
        break;
    default:
        throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb used in request."));
    }
    if (job->operation == Operation::Create && job->routeId)
        throw ApiError::badRequest(
            QStringLiteral("POST is not supported on a single record; use PUT or PATCH."));
    if (ctx.hasParamAny({"filter", "where"})) {
        // Writes select their records by id, ?ids= or the records sent; a filter there would
        // be ignored or, worse, taken as a selector it is not. Refused, as before.
        if (job->operation != Operation::Read)
            throw ApiError::badRequest(
                QStringLiteral("The filter parameter is only supported when reading system resources; "
                               "select the records to change or delete by id or ids."));
        parseFilter(*job);
    }

    const bool continueMode = ctx.boolParam(QStringLiteral("continue"));
    const bool rollbackMode = ctx.boolParam(QStringLiteral("rollback"));
    if (continueMode && rollbackMode)
        throw ApiError::badRequest(
            QStringLiteral("Both rollback and continue parameters cannot be true in the same request."));
    job->mode = rollbackMode   ? BatchMode::Rollback
                : continueMode ? BatchMode::Continue
                               : BatchMode::StopOnError;

    // fields: "*" means every readable field; "id" is always valid.
    const QStringList requested = splitList(ctx.paramAny({"fields", "select"}));
    if (requested.contains(QStringLiteral("*"))) {
        for (const Field &f : m_fields)
            job->fields << f.name;
    } else {
        for (const QString &name : requested) {
            if (!field(name))
                throw ApiError::badRequest(QStringLiteral("Invalid field requested: %1").arg(name));
            if (!job->fields.contains(name))
                job->fields << name;
        }
    }

    const QStringList related = splitList(ctx.param(QStringLiteral("related")));
    if (related.contains(QStringLiteral("*"))) {
        job->related = relations();
    } else {
        for (const QString &name : related) {
            if (!relations().contains(name))
                throw ApiError::badRequest(QStringLiteral("Invalid relationship requested: %1").arg(name));
            if (!job->related.contains(name))
                job->related << name;
        }
    }

    const QString order = ctx.paramAny({"order", "sort", "order_by"});
    if (order.contains(QLatin1Char(';')))
        throw ApiError::badRequest(QStringLiteral("Invalid order by clause."));
    for (const QString &part : splitList(order)) {
        const QStringList words = part.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString direction = words.size() > 1 ? words.at(1).toLower() : QStringLiteral("asc");
        if (words.isEmpty() || words.size() > 2 || !field(words.first()) ||
            (direction != QLatin1String("asc") && direction != QLatin1String("desc")))
            throw ApiError::badRequest(QStringLiteral("Invalid order by field or direction: %1").arg(part));
        job->order.append({words.first(), direction == QLatin1String("desc")});
    }

    job->limit = parseCount(ctx, {"limit", "top"});
    job->offset = qMax<qint64>(0, parseCount(ctx, {"offset", "skip"}));
    job->includeCount = ctx.boolParam(QStringLiteral("include_count"));

    for (const QString &text : splitList(ctx.request.queryValue(QStringLiteral("ids")))) {
        const auto id = parseId(text);
        if (!id)
            throw ApiError::badRequest(QStringLiteral("Invalid identifier '%1'.").arg(text));
        job->ids << *id;
    }

    if (job->operation == Operation::Read)
        return job;

    // Records: {"resource":[...]}, a bare array, or a bare object (a single record).
    Json records = Json::array();
    const Json &body = ctx.body;
    bool bareObject = false;
    if (body.is_object() && body.contains("resource")) {
        records = body["resource"];
        if (!records.is_array())
            throw ApiError::badRequest(QStringLiteral("The 'resource' member must be an array of records."));
    } else if (body.is_array()) {
        records = body;
    } else if (body.is_object() && !body.empty()) {
        records.push_back(body);
        bareObject = true;
    }
    if (bareObject)
        job->singleReply = true;

    auto makeItem = [](const Json &record) {
        Item item;
        if (!record.is_object()) {
            item.error = ApiError::badRequest(QStringLiteral("Each record must be a JSON object."));
            return item;
        }
        item.record = record;
        return item;
    };

    switch (job->operation) {
    case Operation::Create:
        if (records.empty())
            throw ApiError::badRequest(QStringLiteral("No record(s) detected in request."));
        for (const Json &record : records)
            job->items.append(makeItem(record));
        break;
    case Operation::Update:
        if (records.empty())
            throw ApiError::badRequest(QStringLiteral("No record(s) detected in request."));
        if (job->routeId || !job->ids.isEmpty()) {
            if (records.size() != 1)
                throw ApiError::badRequest(
                    QStringLiteral("Only one record may be sent when identifiers are given."));
            const QList<qint64> targets = job->routeId ? QList<qint64>{*job->routeId} : job->ids;
            for (const qint64 id : targets) {
                Item item = makeItem(records.front());
                item.id = id;
                job->items.append(std::move(item));
            }
        } else {
            for (const Json &record : records) {
                Item item = makeItem(record);
                if (!item.error) {
                    try {
                        item.id = toId(record.value("id", Json()), QStringLiteral("record"));
                    } catch (const ApiError &error) {
                        item.error = error;
                    }
                }
                job->items.append(std::move(item));
            }
        }
        break;
    case Operation::Delete: {
        QList<qint64> targets;
        if (job->routeId) {
            targets << *job->routeId;
        } else if (!job->ids.isEmpty()) {
            targets = job->ids;
        } else {
            for (const Json &record : records)
                targets << toId(record.is_object() ? record.value("id", Json()) : record,
                                QStringLiteral("record"));
        }
        if (targets.isEmpty())
            throw ApiError::badRequest(QStringLiteral("No filter or records given for delete request."));
        for (const qint64 id : targets) {
            Item item;
            item.id = id;
            job->items.append(std::move(item));
        }
        break;
    }
    case Operation::Read:
        break;
    }

    if (job->operation != Operation::Delete) {
        for (Item &item : job->items) {
            if (item.error)
                continue;
            try {
                validateItem(item, job->operation, ctx);
            } catch (const ApiError &error) {
                item.error = error;
            } catch (const std::exception &) {
                item.error = ApiError::badRequest(QStringLiteral("The record is malformed."));
            }
        }
    }
    return job;
}

void RecordResource::parseFilter(Job &job) const
{
    const RequestContext &ctx = *job.context;
    // FilterParser::toSql() is parse() then FilterSqlWriter::write(); the two steps are taken
    // apart here only to bind the date functions between them (see bindDateFunctions).
    std::optional<FilterNode> root = FilterParser::parse(ctx.paramAny({"filter", "where"}));
    if (!root)
        return; // a blank filter is no filter
    bindDateFunctions(*root, *m_filterSchema, QDateTime::currentDateTimeUtc());
    const std::unique_ptr<SqlDialect> dialect =
        SqlDialect::create(m_store.isPostgres() ? SqlDialect::Kind::Postgres : SqlDialect::Kind::Sqlite);
    const QVariantMap params = ctx.filterParams();
    SqlFragment fragment = FilterSqlWriter(*m_filterSchema, *dialect, params).write(*root);
    // Booleans are SMALLINT 0/1 in the system schema on both databases (Migrations), but the
    // PostgreSQL dialect binds a real boolean, which PostgreSQL will not compare with a
    // smallint. Only boolean columns yield bool binds: every other type is cast to text or a
    // number.
    for (QVariant &value : fragment.binds)
        if (value.typeId() == QMetaType::Bool)
            value = value.toBool() ? 1 : 0;
    job.filterSql = fragment.sql;
    job.filterBinds = fragment.binds;
}

qint64 RecordResource::toId(const Json &value, const QString &what)
{
    if (value.is_number_integer() && value.get<qint64>() > 0)
        return value.get<qint64>();
    if (value.is_string())
        if (const auto id = parseId(value.get<QString>()))
            return *id;
    throw ApiError::badRequest(QStringLiteral("No valid identifier ('id') found in %1.").arg(what));
}

void RecordResource::validateItem(Item &item, Operation operation, const RequestContext &context) const
{
    Json cleaned = Json::object();
    const QStringList rels = relations();
    const QStringList extras = extraInputKeys();
    for (auto it = item.record.begin(); it != item.record.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (key == QLatin1String("id"))
            continue;
        if (rels.contains(key) || extras.contains(key)) {
            cleaned[it.key()] = it.value();
            continue;
        }
        const Field *f = field(key);
        if (!f || !f->writable)
            continue; // DF drops unknown and read-only fields
        if (it.value().is_null()) {
            if (!f->nullable)
                throw ApiError::badRequest(QStringLiteral("Field '%1' can not be NULL.").arg(key));
            cleaned[it.key()] = nullptr;
            continue;
        }
        toColumnValue(key, f->type, it.value(), f->maxLength); // type check
        cleaned[it.key()] = it.value();
    }
    if (operation == Operation::Create) {
        for (const Field &f : m_fields) {
            if (f.required &&
                (!cleaned.contains(f.name.toStdString()) || cleaned[f.name.toStdString()].is_null()))
                throw ApiError::badRequest(
                    QStringLiteral("Required field '%1' can not be NULL.").arg(f.name));
        }
    }
    item.record = std::move(cleaned);
    prepare(item, operation, context);
}

QVariant RecordResource::toColumnValue(const QString &fieldName, FieldType type, const Json &value,
                                       int maxLength)
{
    if (value.is_null())
        return QVariant();
    switch (type) {
    case FieldType::Integer:
        if (value.is_number_integer())
            return QVariant::fromValue<qlonglong>(value.get<qint64>());
        if (value.is_string()) {
            bool ok = false;
            const qlonglong n = value.get<QString>().trimmed().toLongLong(&ok);
            if (ok)
                return QVariant::fromValue(n);
        }
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be an integer.").arg(fieldName));
    case FieldType::Boolean:
        if (value.is_boolean())
            return value.get<bool>() ? 1 : 0;
        if (value.is_number_integer() && (value.get<qint64>() == 0 || value.get<qint64>() == 1))
            return int(value.get<qint64>());
        if (value.is_string()) {
            const QString text = value.get<QString>().trimmed().toLower();
            if (text == QLatin1String("true") || text == QLatin1String("1"))
                return 1;
            if (text == QLatin1String("false") || text == QLatin1String("0"))
                return 0;
        }
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be a boolean.").arg(fieldName));
    case FieldType::Number:
        if (value.is_number() && std::isfinite(value.get<double>()))
            return value.get<double>();
        if (value.is_string()) {
            bool ok = false;
            const double n = value.get<QString>().trimmed().toDouble(&ok);
            if (ok && std::isfinite(n))
                return n;
        }
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be a number.").arg(fieldName));
    case FieldType::Json:
        if (value.is_object() || value.is_array())
            return QString::fromUtf8(dumpJson(value));
        throw ApiError::badRequest(
            QStringLiteral("Field '%1' must be a JSON object or array.").arg(fieldName));
    case FieldType::String:
    case FieldType::Text:
    case FieldType::Date: {
        if (!value.is_string())
            throw ApiError::badRequest(QStringLiteral("Field '%1' must be a string.").arg(fieldName));
        const QString text = value.get<QString>();
        if (maxLength > 0 && text.size() > maxLength)
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' is longer than %2 characters.").arg(fieldName).arg(maxLength));
        return text;
    }
    }
    return QVariant();
}

Json RecordResource::fromColumnValue(FieldType type, const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return nullptr;
    switch (type) {
    case FieldType::Integer:
        return value.toLongLong();
    case FieldType::Boolean:
        return value.toInt() != 0;
    case FieldType::Number:
        return value.toDouble();
    case FieldType::Json: {
        Json parsed = parseJsonOrDiscarded(value.toString().toUtf8());
        return parsed.is_discarded() ? Json(nullptr) : parsed;
    }
    case FieldType::String:
    case FieldType::Text:
    case FieldType::Date:
        break;
    }
    return value.toString();
}

// --- database work (worker) ---

QSqlQuery RecordResource::run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw databaseError(query, sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        throw databaseError(query, sql);
    return query;
}

ApiError RecordResource::databaseError(const QSqlQuery &query, const QString &what)
{
    const QSqlError error = query.lastError();
    const QString text = error.text();
    const QString code = error.nativeErrorCode();
    // The driver's text names tables and constraints: log it, answer with a clean message.
    spdlog::warn("system database statement failed ({}): {}", what.simplified().left(200).toStdString(),
                 text.toStdString());
    if (code == QLatin1String("23505") ||
        text.contains(QLatin1String("UNIQUE constraint"), Qt::CaseInsensitive))
        return ApiError::badRequest(QStringLiteral("Duplicate value for a unique field."));
    if (code == QLatin1String("23503") ||
        text.contains(QLatin1String("FOREIGN KEY constraint"), Qt::CaseInsensitive))
        return ApiError::badRequest(QStringLiteral("The record refers to a record that does not exist."));
    if (code == QLatin1String("5") || text.contains(QLatin1String("database is locked"), Qt::CaseInsensitive))
        return ApiError(503, QStringLiteral("The system database is busy. Try again later."));
    return ApiError::internal(QStringLiteral("The system database request failed."));
}

bool RecordResource::rowExists(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query = run(db, sql, values);
    return query.next();
}

QString RecordResource::where(const QString &condition) const
{
    const QString scope = scopeCondition();
    if (scope.isEmpty())
        return condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition;
    return QStringLiteral(" WHERE (") + scope + QLatin1Char(')') +
           (condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition);
}

QStringList RecordResource::outputFields(const Job &job) const
{
    if (!job.fields.isEmpty())
        return job.fields;
    QStringList all;
    for (const Field &f : m_fields)
        all << f.name;
    return all;
}

Json RecordResource::readRows(QSqlDatabase &db, const Job &job, const QString &rowCondition,
                              const QVariantList &rowValues, const QStringList &fields, bool paged,
                              qint64 *count) const
{
    // The client's filter narrows every read the same way (list, count, by id, ?ids=), so a
    // record it excludes is "not found" by id just as one outside the resource's scope is.
    QString condition = rowCondition;
    QVariantList values = rowValues;
    if (!job.filterSql.isEmpty()) {
        condition = QLatin1Char('(') + job.filterSql + QLatin1Char(')') +
                    (rowCondition.isEmpty() ? QString() : QStringLiteral(" AND ") + rowCondition);
        values = job.filterBinds + rowValues;
    }

    QStringList columns = fields;
    auto need = [&columns](const QString &name) {
        if (!columns.contains(name))
            columns << name;
    };
    need(QStringLiteral("id"));
    for (const QString &relation : job.related)
        for (const QString &key : relationKeys(relation))
            need(key);
    for (const QString &key : presentKeys())
        need(key);

    QString sql = QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") +
                  m_table + where(condition);
    QVariantList binds = values;
    if (paged) {
        const qint64 max = qMax(1, m_store.config().defaultMaxRecords);
        const qint64 limit = (job.limit <= 0 || job.limit > max) ? max : job.limit;
        if (count && (job.includeCount || job.limit <= 0)) {
            QSqlQuery counter =
                run(db, QStringLiteral("SELECT COUNT(*) FROM ") + m_table + where(condition), values);
            *count = counter.next() ? counter.value(0).toLongLong() : 0;
        }
        QStringList order;
        for (const auto &[name, descending] : job.order)
            order << name + (descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
        if (!order.contains(QStringLiteral("id ASC")) && !order.contains(QStringLiteral("id DESC")))
            order << QStringLiteral("id ASC"); // a stable order makes offsets meaningful
        sql += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", ")) +
               QStringLiteral(" LIMIT ? OFFSET ?");
        binds << QVariant::fromValue<qlonglong>(limit) << QVariant::fromValue<qlonglong>(job.offset);
    } else {
        sql += QStringLiteral(" ORDER BY id ASC");
    }

    Json rows = Json::array();
    {
        QSqlQuery query = run(db, sql, binds);
        while (query.next()) {
            Json row = Json::object();
            for (int i = 0; i < columns.size(); ++i) {
                const Field *f = field(columns.at(i));
                row[columns.at(i).toStdString()] =
                    fromColumnValue(f ? f->type : FieldType::String, query.value(i));
            }
            rows.push_back(std::move(row));
        }
    }
    for (const QString &relation : job.related)
        loadRelation(db, relation, rows);
    for (Json &row : rows) {
        present(row);
        // Drop what was read only for relations or presentation.
        for (const QString &column : columns)
            if (!fields.contains(column) && !job.related.contains(column))
                row.erase(column.toStdString());
    }
    return rows;
}

Json RecordResource::readOne(QSqlDatabase &db, const Job &job, qint64 id, const QStringList &fields) const
{
    Json rows = readRows(db, job, QStringLiteral("id = ?"), {QVariant::fromValue<qlonglong>(id)}, fields,
                         false, nullptr);
    return rows.empty() ? Json(nullptr) : rows.front();
}

HttpResponse RecordResource::execute(QSqlDatabase &db, Job &job) const
{
    if (job.operation == Operation::Read)
        return executeRead(db, job);

    Json results = Json::array();
    Json failedIndexes = Json::array();
    const bool single = job.items.size() == 1;
    if (job.mode == BatchMode::Rollback)
        SystemTransaction::begin(db);
    for (int i = 0; i < job.items.size(); ++i) {
        Item &item = job.items[i];
        try {
            if (item.error)
                throw *item.error;
            if (job.mode != BatchMode::Rollback)
                SystemTransaction::begin(db);
            try {
                results.push_back(writeOne(db, item, job));
            } catch (...) {
                if (job.mode != BatchMode::Rollback)
                    SystemTransaction::rollback(db);
                throw;
            }
            if (job.mode != BatchMode::Rollback)
                SystemTransaction::commit(db);
        } catch (const ApiError &error) {
            if (job.mode == BatchMode::Rollback)
                SystemTransaction::rollback(db);
            if (single)
                throw;
            results.push_back(errorObject(error));
            failedIndexes.push_back(i);
            if (job.mode == BatchMode::Rollback) {
                throw ApiError(
                    400,
                    QStringLiteral(
                        "Batch Error: Not all requested records could be %1. All changes rolled back.")
                        .arg(verbWord(job.operation)),
                    Json{{"error", failedIndexes}, {"resource", results}}, 1000);
            }
            if (job.mode == BatchMode::StopOnError)
                break;
        }
    }
    if (job.mode == BatchMode::Rollback)
        SystemTransaction::commit(db);
    if (!failedIndexes.empty())
        throw ApiError(400,
                       QStringLiteral("Batch Error: Not all requested records could be %1.")
                           .arg(verbWord(job.operation)),
                       Json{{"error", failedIndexes}, {"resource", results}}, 1000);

    const int status = job.operation == Operation::Create ? 201 : 200;
    if (job.singleReply && results.size() == 1)
        return HttpResponse::json(results.front(), status);
    return HttpResponse::json(Json{{"resource", results}}, status);
}

Json RecordResource::writeOne(QSqlDatabase &db, Item &item, const Job &job) const
{
    const bool pg = !isSqlite(db);
    auto checkUnique = [&](std::optional<qint64> exclude) {
        for (const QString &name : uniqueFields()) {
            const auto it = item.record.find(name.toStdString());
            if (it == item.record.end() || it->is_null())
                continue;
            const Field *f = field(name);
            QVariantList values{toColumnValue(name, f ? f->type : FieldType::String, *it)};
            QString sql = QStringLiteral("SELECT id FROM ") + m_table + QStringLiteral(" WHERE ") + name +
                          QStringLiteral(" = ?");
            if (exclude) {
                sql += QStringLiteral(" AND id <> ?");
                values << QVariant::fromValue<qlonglong>(*exclude);
            }
            if (rowExists(db, sql, values))
                throw ApiError::badRequest(QStringLiteral("Duplicate value '%1' for unique field '%2'.")
                                               .arg(values.first().toString(), name));
        }
    };
    auto columnsOf = [&]() {
        QStringList names;
        QVariantList values;
        for (auto it = item.record.begin(); it != item.record.end(); ++it) {
            const Field *f = field(QString::fromStdString(it.key()));
            if (!f || !f->writable)
                continue;
            names << f->name;
            values << toColumnValue(f->name, f->type, it.value(), f->maxLength);
        }
        for (auto it = item.columns.cbegin(); it != item.columns.cend(); ++it) {
            names.removeAll(it.key());
            names << it.key();
            values << it.value();
        }
        return std::pair(names, values);
    };
    auto exists = [&](qint64 id) {
        if (!rowExists(db, QStringLiteral("SELECT id FROM ") + m_table + where(QStringLiteral("id = ?")),
                       {QVariant::fromValue<qlonglong>(id)}))
            throw ApiError::notFound(QStringLiteral("Record with identifier '%1' not found.").arg(id));
    };

    qint64 id = 0;
    switch (job.operation) {
    case Operation::Create: {
        checkUnique(std::nullopt);
        beforeInsert(db, item, job);
        auto [names, values] = columnsOf();
        const QString now = nowText();
        for (const char *stamp : {"created_date", "last_modified_date"}) {
            if (field(QLatin1String(stamp)) && !names.contains(QLatin1String(stamp))) {
                names << QLatin1String(stamp);
                values << now;
            }
        }
        QStringList marks;
        for (int i = 0; i < names.size(); ++i)
            marks << QStringLiteral("?");
        QString sql = QStringLiteral("INSERT INTO ") + m_table + QStringLiteral(" (") +
                      names.join(QStringLiteral(", ")) + QStringLiteral(") VALUES (") +
                      marks.join(QStringLiteral(", ")) + QLatin1Char(')');
        if (pg)
            sql += QStringLiteral(" RETURNING id");
        QSqlQuery query = run(db, sql, values);
        if (pg) {
            if (!query.next())
                throw ApiError::internal(QStringLiteral("The record could not be created."));
            id = query.value(0).toLongLong();
        } else {
            id = query.lastInsertId().toLongLong();
        }
        item.id = id;
        afterWrite(db, id, item, Operation::Create);
        break;
    }
    case Operation::Update: {
        id = *item.id;
        exists(id);
        checkUnique(id);
        beforeUpdate(db, item, job);
        auto [names, values] = columnsOf();
        if (field(QStringLiteral("last_modified_date")) && !names.isEmpty()) {
            names << QStringLiteral("last_modified_date");
            values << nowText();
        }
        if (!names.isEmpty()) {
            QStringList sets;
            for (const QString &name : names)
                sets << name + QStringLiteral(" = ?");
            values << QVariant::fromValue<qlonglong>(id);
            run(db,
                QStringLiteral("UPDATE ") + m_table + QStringLiteral(" SET ") +
                    sets.join(QStringLiteral(", ")) + QStringLiteral(" WHERE id = ?"),
                values);
        }
        afterWrite(db, id, item, Operation::Update);
        break;
    }
    case Operation::Delete: {
        id = *item.id;
        exists(id);
        Json before = job.fields.isEmpty() ? Json{{"id", id}} : readOne(db, job, id, job.fields);
        beforeDelete(db, id);
        run(db, QStringLiteral("DELETE FROM ") + m_table + QStringLiteral(" WHERE id = ?"),
            {QVariant::fromValue<qlonglong>(id)});
        return before;
    }
    case Operation::Read:
        break;
    }

    Json out =
        job.fields.isEmpty() && job.related.isEmpty()
            ? Json{{"id", id}}
            : readOne(db, job, id, job.fields.isEmpty() ? QStringList{QStringLiteral("id")} : job.fields);
    for (auto it = item.output.begin(); it != item.output.end(); ++it)
        out[it.key()] = it.value();
    return out;
}

HttpResponse RecordResource::executeRead(QSqlDatabase &db, Job &job) const
{
    const QStringList fields = outputFields(job);
    if (job.routeId) {
        Json row = readOne(db, job, *job.routeId, fields);
        if (row.is_null())
            throw ApiError::notFound(
                QStringLiteral("Record with identifier '%1' not found.").arg(*job.routeId));
        return HttpResponse::json(row);
    }
    if (!job.ids.isEmpty()) {
        Json results = Json::array();
        Json failed = Json::array();
        for (int i = 0; i < job.ids.size(); ++i) {
            Json row = readOne(db, job, job.ids.at(i), fields);
            if (row.is_null()) {
                const ApiError missing = ApiError::notFound(
                    QStringLiteral("Record with identifier '%1' not found.").arg(job.ids.at(i)));
                if (job.ids.size() == 1)
                    throw missing;
                results.push_back(errorObject(missing));
                failed.push_back(i);
            } else {
                results.push_back(std::move(row));
            }
        }
        if (!failed.empty())
            throw ApiError(400, QStringLiteral("Batch Error: Not all requested records could be retrieved."),
                           Json{{"error", failed}, {"resource", results}}, 1000);
        return HttpResponse::json(Json{{"resource", results}});
    }

    qint64 count = -1;
    Json rows = readRows(db, job, QString(), {}, fields, true, &count);
    Json reply{{"resource", rows}};
    const qint64 max = qMax(1, m_store.config().defaultMaxRecords);
    const qint64 limit = (job.limit <= 0 || job.limit > max) ? max : job.limit;
    if (count >= 0) {
        Json meta = Json::object();
        if (job.includeCount || count > max)
            meta["count"] = count;
        if (count - job.offset > limit)
            meta["next"] = job.offset + limit;
        if (!meta.empty())
            reply["meta"] = meta;
    }
    return HttpResponse::json(reply);
}
} // namespace gatehouse
