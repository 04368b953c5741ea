#include "RecordWriter.h"

#include <spdlog/spdlog.h>

#include "FilterParser.h"
#include "RecordTransaction.h"
#include "SqlErrors.h"
#include "TableResource.h"

namespace gatehouse {
namespace {

bool isJsonColumn(const ColumnSchema &column)
{
    return column.type == QLatin1String("json") || column.type == QLatin1String("jsonb");
}

const char *pastTense(int op)
{
    switch (op) {
    case 0:
        return "created";
    case 1:
        return "updated";
    default:
        return "deleted";
    }
}
} // namespace

RecordWriter::RecordWriter(SqlCall &call, const TableSchema &table)
    : m_call(call)
    , m_table(table)
    , m_builder(call.dialect)
    , m_keys(call, table)
    , m_reader(call, table)
    , m_writeFilter(RowFilter::forTable(call.ctx, call.serviceId, table, call.ctx.verb))
{
}

SqlFragment RecordWriter::writeFilter() const
{
    return m_writeFilter.sql(m_table, m_call.dialect);
}

void RecordWriter::checkValues(const Json &record, bool creating) const
{
    if (!m_writeFilter.isActive() || !record.is_object())
        return;
    if (creating) {
        m_writeFilter.checkRecord(m_table, m_call.dialect, record, false);
        return;
    }
    // Identifiers select the row on updates and are never changed: a row outside the filter
    // is "not found" through the SQL condition, not a field violation.
    Json changed = Json::object();
    for (auto it = record.begin(); it != record.end(); ++it) {
        const ColumnSchema *column = m_table.column(QString::fromStdString(it.key()));
        if (column && !m_keys.columns().contains(column))
            changed[it.key()] = it.value();
    }
    m_writeFilter.checkRecord(m_table, m_call.dialect, changed, true);
}

bool RecordWriter::needsVerification(Op op) const
{
    return m_writeFilter.isActive() && op != Op::Delete && !m_keys.isEmpty();
}

void RecordWriter::verifyInside(const QList<RecordKey> &keys)
{
    // The in-memory check compares as Gatehouse does; the database may compare differently
    // (case-insensitive collations, trailing spaces, type coercion). Asking the database itself
    // whether the written rows satisfy the filter closes that gap.
    if (keys.isEmpty())
        return;
    for (const RecordKey &key : keys)
        for (const QVariant &value : key)
            if (value.isNull())
                return; // the key could not be read back (no RETURNING and no value): in-memory only
    SelectQuery select;
    select.table = &m_table;
    select.items << SelectItem{SelectItem::Aggregate::Count, nullptr, QStringLiteral("COUNT_ALL")};
    select.where = RowFilter::both(m_builder.keyCondition(m_keys.columns(), keys), writeFilter());
    QSqlQuery query = exec(m_builder.select(select), Op::Update);
    const qint64 inside = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    if (inside < qint64(keys.size()))
        throw ApiError::forbidden(QStringLiteral("Denied access to some of the requested fields."));
}

void RecordWriter::requireKeysUsable() const
{
    for (const ColumnSchema *column : m_keys.columns())
        m_reader.requireUsable(column, "ids");
}

RecordWriter::Mode RecordWriter::mode() const
{
    const bool rollback = m_call.ctx.boolParam(QStringLiteral("rollback"));
    const bool keepGoing = m_call.ctx.boolParam(QStringLiteral("continue"));
    if (rollback && keepGoing)
        throw ApiError::badRequest(
            QStringLiteral("Rollback and continue operations can not be requested at the same time."));
    return rollback ? Mode::Rollback : keepGoing ? Mode::Continue : Mode::Stop;
}

Json RecordWriter::allRecords(bool allowSingle) const
{
    Json records = TableResource::bodyRecords(m_call.ctx.body, allowSingle);
    if (records.empty())
        throw ApiError::badRequest(QStringLiteral("No record(s) detected in request."));
    const int limit = TableResource::maxBatch(m_call);
    if (qsizetype(records.size()) > limit)
        throw ApiError(413, QStringLiteral("Too many records in one request: %1 (the limit is %2).")
                                .arg(records.size())
                                .arg(limit));
    return records;
}

Json RecordWriter::firstRecord() const
{
    const Json records = TableResource::bodyRecords(m_call.ctx.body, true);
    if (records.empty())
        throw ApiError::badRequest(QStringLiteral("No record detected in request."));
    return records.front();
}

RecordWriter::Values RecordWriter::validate(const Json &record, bool creating) const
{
    if (!record.is_object())
        throw ApiError::badRequest(QStringLiteral("Each record must be a JSON object."));
    Values out;
    for (auto it = record.begin(); it != record.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        const ColumnSchema *column = m_table.column(key);
        if (!column) {
            if (const RelationSchema *relation = m_table.relation(key))
                throw ApiError::badRequest(
                    QStringLiteral("Related records can not be written through '%1'; write "
                                   "them to table '%2' directly.")
                        .arg(relation->name, relation->refTable));
            continue; // DF drops unknown fields
        }
        if (out.columns.contains(column))
            continue;
        // Identifiers select the row on updates; they are never changed through the API.
        if (!creating && m_keys.columns().contains(column))
            continue;
        const Json &value = it.value();
        if (value.is_null()) {
            if (creating && column->autoIncrement)
                continue; // let the database number it
            if (!column->allowNull)
                throw ApiError::badRequest(QStringLiteral("Field '%1' can not be NULL.").arg(column->name));
            out.columns << column;
            out.values << QVariant();
            continue;
        }
        if (value.is_structured() && !isJsonColumn(*column)) {
            if (value.is_object() && value.contains("expression"))
                throw ApiError::badRequest(
                    QStringLiteral("SQL expressions are not accepted as values (field '%1').")
                        .arg(column->name));
            if (!column->isNumeric() && !column->isBoolean() && column->type != QLatin1String("string") &&
                column->type != QLatin1String("text"))
                throw ApiError::badRequest(
                    QStringLiteral("Field '%1' must be a valid %2.").arg(column->name, column->type));
        }
        out.columns << column;
        out.values << m_call.dialect.castValue(*column, jsonToVariant(value));
    }
    if (creating) {
        for (const ColumnSchema &column : m_table.columns)
            if (column.required() && !out.columns.contains(&column))
                throw ApiError::badRequest(
                    QStringLiteral("Required field '%1' can not be NULL.").arg(column.name));
    }
    return out;
}

ApiError RecordWriter::translate(const QSqlError &error, Op op) const
{
    SqlFailure failure = m_call.dialect.classifyError(error);
    // SQLite says "FOREIGN KEY constraint failed" both for a missing parent and for a parent
    // that is still referenced; on a delete it can only be the latter.
    if (op == Op::Delete && failure.kind == SqlFailure::Kind::ForeignKeyViolation)
        failure.kind = SqlFailure::Kind::StillReferenced;
    int status = 500;
    const QString message = SqlErrors::messageFor(failure, &m_table, &status);
    if (status >= 500)
        spdlog::error("records {} on '{}' failed (code {}): {}", pastTense(int(op)),
                      m_table.name.toStdString(), error.nativeErrorCode().toStdString(),
                      error.text().toStdString());
    else
        spdlog::debug("records {} on '{}' refused by the database (code {}): {}", pastTense(int(op)),
                      m_table.name.toStdString(), error.nativeErrorCode().toStdString(),
                      error.text().toStdString());
    if (message.isEmpty()) {
        static const char *const verbs[] = {"create records in", "update records in", "delete records from"};
        return ApiError::internal(
            QStringLiteral("Failed to %1 '%2'.").arg(QLatin1String(verbs[int(op)]), m_table.name));
    }
    // DF answers constraint failures with 400 (not 409), inside the batch structure.
    if (status == 409)
        status = 400;
    return ApiError(status, message);
}

QSqlQuery RecordWriter::exec(const SqlFragment &statement, Op op)
{
    QSqlQuery query(m_call.db);
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql))
        throw translate(query.lastError(), op);
    for (const QVariant &value : statement.binds)
        query.addBindValue(value);
    if (!query.exec()) {
        // Keep the failed statement until the savepoint or transaction is rolled back: PostgreSQL
        // cannot free it while the transaction is in its failed state, and would leak it.
        m_failed.emplace(query);
        throw translate(query.lastError(), op);
    }
    return query;
}

RecordKey RecordWriter::insertOne(const Json &record)
{
    const Values values = validate(record, true);
    checkValues(record, true);
    const bool returning = m_call.dialect.supportsReturning() && !m_keys.isEmpty();
    QSqlQuery query = exec(m_builder.insert(m_table, values.columns, values.values,
                                            returning ? m_keys.columns() : QList<const ColumnSchema *>{}),
                           Op::Create);
    RecordKey key;
    if (m_keys.isEmpty())
        return key;
    if (returning) {
        if (query.next())
            for (qsizetype i = 0; i < m_keys.columns().size(); ++i)
                key << query.value(int(i));
    } else {
        // MySQL/MariaDB: the key is what was sent, or the generated auto-increment value.
        for (const ColumnSchema *column : m_keys.columns()) {
            const qsizetype at = values.columns.indexOf(column);
            if (at >= 0)
                key << values.values.at(at);
            else if (column->autoIncrement)
                key << query.lastInsertId();
            else
                key << QVariant();
        }
    }
    query.finish();
    if (needsVerification(Op::Create))
        verifyInside({key});
    return key;
}

void RecordWriter::updateOne(const Values &values, const RecordKey &key)
{
    if (values.columns.isEmpty())
        throw ApiError::badRequest(QStringLiteral("No valid fields were found in record."));
    QSqlQuery query = exec(
        m_builder.update(m_table, values.columns, values.values,
                         RowFilter::both(m_builder.keyCondition(m_keys.columns(), {key}), writeFilter())),
        Op::Update);
    // MySQL counts matched rather than changed rows here: the service connects with CLIENT_FOUND_ROWS.
    if (query.numRowsAffected() == 0)
        throw TableResource::recordNotFound(RecordKeys::toText(key));
    query.finish();
    if (needsVerification(Op::Update))
        verifyInside({key});
}

void RecordWriter::deleteOne(const RecordKey &key)
{
    QSqlQuery query =
        exec(m_builder.remove(
                 m_table, RowFilter::both(m_builder.keyCondition(m_keys.columns(), {key}), writeFilter())),
             Op::Delete);
    if (query.numRowsAffected() == 0)
        throw TableResource::recordNotFound(RecordKeys::toText(key));
}

QList<RecordKey> RecordWriter::selectKeys(const SqlFragment &where)
{
    SelectQuery select;
    select.table = &m_table;
    for (const ColumnSchema *column : m_keys.columns())
        select.items << QueryBuilder::columnItem(*column);
    select.where = where;
    select.forUpdate = true;
    QSqlQuery query = exec(m_builder.select(select), Op::Update);
    QList<RecordKey> keys;
    while (query.next()) {
        RecordKey key;
        for (qsizetype i = 0; i < m_keys.columns().size(); ++i)
            key << query.value(int(i));
        keys << key;
    }
    query.finish();
    return keys;
}

HttpResponse RecordWriter::runBatch(Op op, qsizetype count, const std::function<RecordKey(qsizetype)> &work,
                                    bool objectReply, const QHash<QString, Json> &preRead)
{
    const Mode mode = this->mode();
    const bool wantMore = m_reader.wantsMoreThanKeys();
    const bool single = count == 1;
    RecordTransaction transaction(m_call.db, m_call.dialect);
    // One record needs no transaction: the statement is atomic on its own. Several share one
    // (committed at the end) because per-record autocommit is far slower, notably on SQLite.
    // Under a row filter a written record is checked against it afterwards (verifyInside), and
    // a record that fails must be undone: a transaction, and a savepoint per record.
    const bool verify = needsVerification(op);
    if (mode == Mode::Rollback || !single || verify)
        transaction.begin();
    // Stop/continue keep earlier records when one fails, so each record gets a savepoint on
    // the engines where a failed statement would take the transaction down with it.
    const bool savepoints =
        transaction.isActive() && mode != Mode::Rollback && (transaction.needsSavepoints() || verify);

    QList<RecordKey> keys(count);
    QList<bool> done(count, false);
    Json outcomes = Json::array();
    Json failed = Json::array();
    for (qsizetype i = 0; i < count; ++i) {
        try {
            if (savepoints)
                transaction.savepoint();
            keys[i] = work(i);
            if (savepoints)
                transaction.releaseSavepoint();
            done[i] = true;
            outcomes.push_back(m_keys.toObject(keys.at(i)));
        } catch (const ApiError &error) {
            if (savepoints)
                transaction.rollbackToSavepoint();
            // A failed statement is freed once its transaction is usable again (see exec()).
            if (savepoints || !transaction.isActive() || !transaction.needsSavepoints())
                m_failed.reset();
            if (single)
                throw; // one record: its own error, not a batch (the transaction rolls back)
            failed.push_back(i);
            outcomes.push_back(error.toJson()["error"]);
            if (mode != Mode::Continue)
                break;
        }
    }

    const QString message = QStringLiteral("Batch Error: Not all requested records could be %1.")
                                .arg(QLatin1String(pastTense(int(op))));
    if (!failed.empty() && mode == Mode::Rollback) {
        transaction.rollback();
        m_failed.reset();
        throw ApiError(400, message + QLatin1String(" All changes rolled back."),
                       Json{{"error", std::move(failed)}, {"resource", std::move(outcomes)}}, 1000);
    }

    if (wantMore && !m_keys.isEmpty()) {
        QHash<QString, Json> records;
        if (op == Op::Delete) {
            records = preRead;
        } else {
            QList<RecordKey> written;
            for (qsizetype i = 0; i < count; ++i)
                if (done.at(i))
                    written << keys.at(i);
            records = m_reader.readByKeys(m_keys, written);
        }
        for (qsizetype i = 0; i < count; ++i) {
            if (!done.at(i))
                continue;
            const auto it = records.constFind(m_keys.canonical(keys.at(i)));
            if (it != records.constEnd())
                outcomes[size_t(i)] = *it;
        }
    }
    transaction.commit();

    if (!failed.empty())
        throw ApiError(400, message, Json{{"error", std::move(failed)}, {"resource", std::move(outcomes)}},
                       1000);
    if (objectReply)
        return HttpResponse::json(outcomes.front());
    if (m_call.ctx.boolParam(QStringLiteral("as_list")))
        outcomes = m_keys.idList(outcomes);
    return TableResource::listResponse(m_call, std::move(outcomes));
}

HttpResponse RecordWriter::byFilter(Op op, const Json &record, const QString &filter)
{
    m_reader.requireFilterUsable(filter);
    const SqlFragment where = RowFilter::both(
        FilterParser(m_table, m_call.dialect, m_call.ctx.filterParams()).toSql(filter), writeFilter());
    Values values;
    if (op == Op::Update) {
        values = validate(record, false);
        checkValues(record, false);
        if (values.columns.isEmpty())
            throw ApiError::badRequest(QStringLiteral("No valid fields were found in record."));
    }
    const bool wantMore = m_reader.wantsMoreThanKeys() && !m_keys.isEmpty();
    const bool asList = m_call.ctx.boolParam(QStringLiteral("as_list"));
    m_reader.validateProjection(m_keys);

    // The reply lists the rows the statement changed. DF re-reads with the same filter after
    // an update, which misses rows whose filtered field just changed; here the keys come from
    // the statement itself (RETURNING) or are locked and read first, in one transaction.
    RecordTransaction transaction(m_call.db, m_call.dialect);
    transaction.begin();
    QList<RecordKey> affected;
    QHash<QString, Json> records;
    bool keysRead = false;
    if (op == Op::Delete && wantMore) {
        affected = selectKeys(where);
        keysRead = true;
        records = m_reader.readByKeys(m_keys, affected);
    }
    const QList<const ColumnSchema *> returning =
        m_call.dialect.supportsReturning() ? m_keys.columns() : QList<const ColumnSchema *>{};
    if (!m_keys.isEmpty() && returning.isEmpty() && !keysRead)
        affected = selectKeys(where);
    const SqlFragment statement =
        op == Op::Update ? m_builder.update(m_table, values.columns, values.values, where, returning)
                         : m_builder.remove(m_table, where, returning);
    QSqlQuery query = exec(statement, op);
    if (!returning.isEmpty()) {
        affected.clear();
        while (query.next()) {
            RecordKey key;
            for (qsizetype i = 0; i < returning.size(); ++i)
                key << query.value(int(i));
            affected << key;
        }
    }
    query.finish();
    if (needsVerification(op))
        for (qsizetype start = 0; start < affected.size(); start += RelatedLoader::KeysPerQuery)
            verifyInside(affected.mid(start, RelatedLoader::KeysPerQuery));
    if (op == Op::Update && wantMore)
        records = m_reader.readByKeys(m_keys, affected);
    transaction.commit();

    Json out = Json::array();
    for (const RecordKey &key : std::as_const(affected)) {
        const auto it = records.constFind(m_keys.canonical(key));
        out.push_back(it != records.constEnd() ? *it : m_keys.toObject(key));
    }
    if (asList)
        out = m_keys.idList(out);
    return TableResource::listResponse(m_call, std::move(out));
}

HttpResponse RecordWriter::create()
{
    const Json records = allRecords(true);
    m_reader.validateProjection(m_keys);
    return runBatch(
        Op::Create, qsizetype(records.size()), [&](qsizetype i) { return insertOne(records[size_t(i)]); },
        false);
}

HttpResponse RecordWriter::update(const QString *id)
{
    const RequestContext &ctx = m_call.ctx;
    if (id) {
        requireKeysUsable();
        const RecordKey key = m_keys.parse(*id);
        const Values values = validate(firstRecord(), false);
        checkValues(firstRecord(), false);
        m_reader.validateProjection(m_keys);
        return runBatch(
            Op::Update, 1,
            [&](qsizetype) {
                updateOne(values, key);
                return key;
            },
            true);
    }
    const QString ids = TableResource::listParam(ctx, {"ids"}).trimmed();
    if (!ids.isEmpty()) {
        requireKeysUsable();
        const QList<RecordKey> list = m_keys.parseList(ids, TableResource::maxBatch(m_call));
        const Values values = validate(firstRecord(), false);
        checkValues(firstRecord(), false);
        m_reader.validateProjection(m_keys);
        return runBatch(
            Op::Update, list.size(),
            [&](qsizetype i) {
                updateOne(values, list.at(i));
                return list.at(i);
            },
            false);
    }
    const QString filter = ctx.paramAny({"filter", "where"});
    if (!filter.trimmed().isEmpty())
        return byFilter(Op::Update, firstRecord(), filter);

    const Json records = allRecords(true);
    m_keys.requireAny();
    requireKeysUsable();
    m_reader.validateProjection(m_keys);
    return runBatch(
        Op::Update, qsizetype(records.size()),
        [&](qsizetype i) {
            const Json &record = records[size_t(i)];
            RecordKey key;
            if (!m_keys.fromRecord(record, key))
                throw ApiError::badRequest(
                    QStringLiteral("Required id field(s) not found in record %1.").arg(i));
            const Values values = validate(record, false);
            checkValues(record, false);
            updateOne(values, key);
            return key;
        },
        false);
}

HttpResponse RecordWriter::remove(const QString *id)
{
    const RequestContext &ctx = m_call.ctx;
    const bool wantMore = m_reader.wantsMoreThanKeys();
    if (id) {
        requireKeysUsable();
        const RecordKey key = m_keys.parse(*id);
        const QHash<QString, Json> before =
            wantMore ? m_reader.readByKeys(m_keys, {key}) : QHash<QString, Json>{};
        return runBatch(
            Op::Delete, 1,
            [&](qsizetype) {
                deleteOne(key);
                return key;
            },
            true, before);
    }
    const QString ids = TableResource::listParam(ctx, {"ids"}).trimmed();
    if (!ids.isEmpty()) {
        requireKeysUsable();
        const QList<RecordKey> list = m_keys.parseList(ids, TableResource::maxBatch(m_call));
        const QHash<QString, Json> before =
            wantMore ? m_reader.readByKeys(m_keys, list) : QHash<QString, Json>{};
        return runBatch(
            Op::Delete, list.size(),
            [&](qsizetype i) {
                deleteOne(list.at(i));
                return list.at(i);
            },
            false, before);
    }
    const Json records = TableResource::bodyRecords(ctx.body, false);
    if (!records.empty()) {
        const Json all = allRecords(false);
        m_keys.requireAny();
        requireKeysUsable();
        // Keys are worked out first so the records can be read before they are gone.
        QList<RecordKey> list;
        QList<bool> valid;
        for (const Json &record : all) {
            RecordKey key;
            valid << m_keys.fromRecord(record, key);
            list << key;
        }
        QList<RecordKey> readable;
        for (qsizetype i = 0; i < list.size(); ++i)
            if (valid.at(i))
                readable << list.at(i);
        const QHash<QString, Json> before =
            wantMore ? m_reader.readByKeys(m_keys, readable) : QHash<QString, Json>{};
        return runBatch(
            Op::Delete, list.size(),
            [&](qsizetype i) {
                if (!valid.at(i))
                    throw ApiError::badRequest(
                        QStringLiteral("Required id field(s) not found in record %1.").arg(i));
                deleteOne(list.at(i));
                return list.at(i);
            },
            false, before);
    }
    const QString filter = ctx.paramAny({"filter", "where"});
    if (!filter.trimmed().isEmpty())
        return byFilter(Op::Delete, Json(), filter);
    if (!ctx.boolParam(QStringLiteral("force")))
        throw ApiError::badRequest(QStringLiteral("No filter or records given for delete request."));
    // force=true empties the table. DELETE rather than TRUNCATE: it respects foreign keys and
    // triggers and is transactional on every engine.
    // A role with a row filter empties only its own part of the table.
    exec(m_builder.remove(m_table, writeFilter()), Op::Delete).finish();
    return HttpResponse::json(Json{{"success", true}});
}
} // namespace gatehouse
