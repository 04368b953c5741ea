#include "RecordReader.h"

#include <QRegularExpression>

#include "FilterParser.h"
#include "ResultReader.h"
#include "SchemaJson.h"
#include "StatementCache.h"
#include "TableResource.h"
#include "core/ApiError.h"
#include "store/SqliteRows.h"

namespace gatehouse {
namespace {

// Adds `column` to the select list unless it is there; true when it was added.
bool appendColumn(QList<SelectItem> &items, const ColumnSchema *column)
{
    for (const SelectItem &item : std::as_const(items))
        if (!item.isAggregate() && item.column == column)
            return false;
    items << QueryBuilder::columnItem(*column);
    return true;
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

void collectFields(const FilterNode &node, QStringList &out)
{
    if (node.kind == FilterNode::Kind::Comparison)
        out << node.field;
    for (const FilterNode &child : node.children)
        collectFields(child, out);
}
} // namespace

RecordReader::RecordReader(SqlCall &call, const TableSchema &table)
    : m_call(call)
    , m_table(table)
    , m_builder(call.dialect)
    , m_readFilter(RowFilter::forTable(call.ctx, call.serviceId, table, VerbGet))
    , m_masker(FieldMasker::forTable(call.ctx.session, call.serviceId, table.name))
{
}

SqlFragment RecordReader::readFilter() const
{
    return m_readFilter.sql(m_table, m_call.dialect);
}

void RecordReader::requireUsable(const ColumnSchema *column, const char *where) const
{
    if (column && !m_masker.isEmpty())
        m_masker.requireUsable(column->name, ResultReader::isTextColumn(*column), where);
}

void RecordReader::requireFilterUsable(const QString &filter) const
{
    if (m_masker.isEmpty() || filter.trimmed().isEmpty())
        return;
    const std::optional<FilterNode> root = FilterParser::parse(filter);
    if (!root)
        return;
    QStringList fields;
    collectFields(*root, fields);
    for (const QString &field : std::as_const(fields))
        requireUsable(m_table.column(field), "filter");
}

QString RecordReader::failMessage() const
{
    return QStringLiteral("Failed to retrieve records from '%1'.").arg(m_table.name);
}

bool RecordReader::wantsMoreThanKeys() const
{
    // DF: an empty `fields` means "just the ids", like no `fields` at all.
    return !TableResource::listParam(m_call.ctx, {"fields", "select"}).trimmed().isEmpty() ||
           !TableResource::listParam(m_call.ctx, {"related"}).trimmed().isEmpty();
}

RecordReader::Projection RecordReader::projection(const RecordKeys &keys)
{
    Projection p;
    p.items =
        QueryBuilder::parseFields(m_table, TableResource::listParam(m_call.ctx, {"fields", "select"}), false);
    p.related = RelatedLoader::parse(m_call, m_table, TableResource::listParam(m_call.ctx, {"related"}));
    // Rows are matched back to keys and parents by these columns; DF leaves them in the output too.
    for (const ColumnSchema *column : keys.columns())
        appendColumn(p.items, column);
    for (const RelatedLoader::Request &request : std::as_const(p.related))
        appendColumn(p.items, request.parentColumn);
    return p;
}

void RecordReader::validateProjection(const RecordKeys &keys)
{
    if (wantsMoreThanKeys())
        projection(keys);
}

Json RecordReader::fetch(const SelectQuery &query, const QList<RelatedLoader::Request> &related)
{
    const SqlFragment sql = m_builder.select(query);
    Json records;
    {
        QSqlQuery &result = StatementCache::select(m_call.db, m_call.dialect, sql, failMessage(), &m_table);
        const StatementCache::FinishGuard done{result};
        records = ResultReader(query.items, m_masker).rows(result);
    }
    if (!related.isEmpty())
        RelatedLoader::attach(m_call, related, records);
    return records;
}

QHash<QString, Json> RecordReader::readByKeys(const RecordKeys &keys, const QList<RecordKey> &list)
{
    QHash<QString, Json> out;
    if (list.isEmpty() || keys.isEmpty())
        return out;
    const Projection p = projection(keys);
    for (qsizetype start = 0; start < list.size(); start += RelatedLoader::KeysPerQuery) {
        SelectQuery query;
        query.table = &m_table;
        query.items = p.items;
        query.where = RowFilter::both(
            m_builder.keyCondition(keys.columns(), list.mid(start, RelatedLoader::KeysPerQuery)),
            readFilter());
        Json records = fetch(query, p.related);
        for (Json &record : records)
            out.insert(keys.canonicalFromRecord(record), std::move(record));
    }
    return out;
}

HttpResponse RecordReader::get(const QString *id)
{
    const RequestContext &ctx = m_call.ctx;
    const RecordKeys keys(m_call, m_table);
    const bool byKeys = id || !TableResource::listParam(ctx, {"ids"}).trimmed().isEmpty() ||
                        ctx.body.is_array() || (ctx.body.is_object() && ctx.body.contains("resource"));
    if (byKeys)
        for (const ColumnSchema *column : keys.columns())
            requireUsable(column, "ids");
    if (id) {
        const RecordKey key = keys.parse(*id);
        QHash<QString, Json> found = readByKeys(keys, {key});
        if (found.isEmpty())
            throw TableResource::recordNotFound(*id);
        return HttpResponse::json(found.begin().value());
    }
    const int maxIds = qMax(m_call.maxRecords, TableResource::maxBatch(m_call));
    const QString ids = TableResource::listParam(ctx, {"ids"}).trimmed();
    if (!ids.isEmpty())
        return getByKeys(keys, keys.parseList(ids, maxIds));
    // DF also reads the records whose keys come in a body array (GET with a body).
    if (ctx.body.is_array() || (ctx.body.is_object() && ctx.body.contains("resource"))) {
        const Json records = TableResource::bodyRecords(ctx.body, false);
        if (!records.empty()) {
            if (qsizetype(records.size()) > maxIds)
                throw ApiError(413, QStringLiteral("Too many records in one request: %1 (the limit is %2).")
                                        .arg(records.size())
                                        .arg(maxIds));
            QList<RecordKey> list;
            for (size_t i = 0; i < records.size(); ++i) {
                RecordKey key;
                if (!keys.fromRecord(records[i], key))
                    throw ApiError::badRequest(
                        QStringLiteral("Required id field(s) not found in record %1.").arg(i));
                list << key;
            }
            return getByKeys(keys, list);
        }
    }
    return query(keys);
}

HttpResponse RecordReader::getByKeys(const RecordKeys &keys, const QList<RecordKey> &list)
{
    QHash<QString, Json> found = readByKeys(keys, list);
    Json records = Json::array();
    Json outcomes = Json::array();
    Json missing = Json::array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto it = found.constFind(keys.canonical(list.at(i)));
        if (it != found.constEnd()) {
            records.push_back(*it);
            outcomes.push_back(*it);
        } else {
            missing.push_back(i);
            outcomes.push_back(
                TableResource::recordNotFound(RecordKeys::toText(list.at(i))).toJson()["error"]);
        }
    }
    if (!missing.empty()) {
        if (list.size() == 1)
            throw TableResource::recordNotFound(RecordKeys::toText(list.first()));
        throw ApiError(400, QStringLiteral("Batch Error: Not all requested records could be retrieved."),
                       Json{{"error", std::move(missing)}, {"resource", std::move(outcomes)}}, 1000);
    }
    if (m_call.ctx.boolParam(QStringLiteral("as_list")))
        records = keys.idList(records);
    return TableResource::listResponse(m_call, std::move(records));
}

qint64 RecordReader::integerParam(std::initializer_list<const char *> names, bool *given) const
{
    const QString text = m_call.ctx.paramAny(names).trimmed();
    *given = !text.isEmpty();
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        throw ApiError::badRequest(
            QStringLiteral("Parameter '%1' must be an integer.").arg(QLatin1String(*names.begin())));
    return value;
}

HttpResponse RecordReader::query(const RecordKeys &keys)
{
    const RequestContext &ctx = m_call.ctx;
    SelectQuery query;
    query.table = &m_table;

    const QString fieldsText = TableResource::listParam(ctx, {"fields", "select"}).trimmed();
    query.groupBy = QueryBuilder::parseGroup(m_table, TableResource::listParam(ctx, {"group", "group_by"}));
    query.items = QueryBuilder::parseFields(m_table, fieldsText, true);
    bool aggregates = false;
    for (const SelectItem &item : std::as_const(query.items))
        aggregates = aggregates || item.isAggregate();
    const bool grouped = !query.groupBy.isEmpty();
    if (grouped) {
        if (fieldsText.isEmpty() || fieldsText == QLatin1String("*")) {
            // "Every field" of a grouped query is every group field.
            query.items.clear();
            for (const ColumnSchema *column : std::as_const(query.groupBy))
                query.items << QueryBuilder::columnItem(*column);
        }
        for (const SelectItem &item : std::as_const(query.items))
            if (!item.isAggregate() && !query.groupBy.contains(item.column))
                throw ApiError::badRequest(
                    QStringLiteral("Field '%1' must be in 'group' or inside an aggregate.")
                        .arg(item.column->name));
    } else if (aggregates) {
        // Without `group`, aggregates summarise the whole table: nothing else may be selected.
        for (const SelectItem &item : std::as_const(query.items))
            if (!item.isAggregate())
                throw ApiError::badRequest(
                    QStringLiteral("Field '%1' must be in 'group' or inside an aggregate.")
                        .arg(item.column->name));
    }
    const bool summary = grouped || aggregates;

    const QList<RelatedLoader::Request> related =
        RelatedLoader::parse(m_call, m_table, TableResource::listParam(ctx, {"related"}));
    if (!related.isEmpty() && summary)
        throw ApiError::badRequest(
            QStringLiteral("'related' can not be combined with 'group' or aggregate fields."));
    for (const RelatedLoader::Request &request : related)
        appendColumn(query.items, request.parentColumn);
    const bool asList = ctx.boolParam(QStringLiteral("as_list"));
    if (asList && !summary)
        for (const ColumnSchema *column : keys.columns())
            appendColumn(query.items, column);

    // Masked columns can not be probed through anything that compares or sorts their values.
    for (const SelectItem &item : std::as_const(query.items))
        if (item.isAggregate() && item.aggregate != SelectItem::Aggregate::Count)
            requireUsable(item.column, "fields");
    for (const ColumnSchema *column : std::as_const(query.groupBy))
        requireUsable(column, "group");

    const QString filter = ctx.paramAny({"filter", "where"});
    const QVariantMap params = m_call.ctx.filterParams();
    requireFilterUsable(filter);
    if (!filter.trimmed().isEmpty())
        query.where = FilterParser(m_table, m_call.dialect, params).toSql(filter);
    query.where = RowFilter::both(query.where, readFilter());

    const QString having = ctx.param(QStringLiteral("having"));
    if (!having.trimmed().isEmpty()) {
        // DF documents `having` but ignores it; Gatehouse applies it or refuses it.
        if (!summary)
            throw ApiError::badRequest(QStringLiteral("'having' needs 'group' or aggregate fields."));
        query.having = havingSql(having, query.items, query.groupBy);
    }

    query.order = QueryBuilder::parseOrder(
        m_table, TableResource::listParam(ctx, {"order", "sort", "order_by"}), query.items);
    for (const OrderItem &item : std::as_const(query.order))
        if (item.expression.aggregate != SelectItem::Aggregate::Count)
            requireUsable(item.expression.column, "order");
    if (grouped) {
        for (const OrderItem &item : std::as_const(query.order))
            if (!item.expression.isAggregate() && !query.groupBy.contains(item.expression.column))
                throw ApiError::badRequest(QStringLiteral("Invalid order requested: '%1' is not in 'group'.")
                                               .arg(item.expression.column->name));
    }
    if (query.order.isEmpty() && !summary) {
        // A page needs a stable order, or offsets skip and repeat rows.
        for (const QString &name : m_table.primaryKey)
            if (const ColumnSchema *column = m_table.column(name))
                query.order << OrderItem{QueryBuilder::columnItem(*column), false, OrderItem::Nulls::Default};
    }

    bool limitGiven = false;
    bool offsetGiven = false;
    const qint64 requestedLimit = integerParam({"limit", "top"}, &limitGiven);
    qint64 offset = integerParam({"offset", "skip"}, &offsetGiven);
    if (offset < 0)
        offset = 0;
    const qint64 maxRecords = m_call.maxRecords;
    // DF: no usable limit means the service maximum, and then a count is run for the meta.
    const bool implicitLimit = !limitGiven || requestedLimit <= 0 || requestedLimit > maxRecords;
    const qint64 limit = implicitLimit ? maxRecords : requestedLimit;
    query.limit = limit;
    query.offset = offset;

    const bool includeCount = ctx.boolParam(QStringLiteral("include_count"));
    const bool countOnly = ctx.boolParam(QStringLiteral("count_only"));
    const auto runCount = [&]() -> qint64 {
        if (aggregates && !grouped)
            return 1; // a whole-table aggregate is always exactly one row
        const SqlFragment sql = m_builder.count(query);
        QSqlQuery &result = StatementCache::select(m_call.db, m_call.dialect, sql, failMessage(), &m_table);
        const StatementCache::FinishGuard done{result};
        return result.next() ? result.value(0).toLongLong() : qint64(0);
    };
    if (countOnly)
        return HttpResponse::json(Json(runCount())); // DF's code returns the bare integer

    // Plain reads (the hot path) are written straight to JSON text; related records and
    // as_list need the records as a tree first.
    const bool direct = related.isEmpty() && !asList;
    Json records;
    QByteArray recordsJson;
    qint64 returned = 0;
    if (direct) {
        const SqlFragment sql = m_builder.select(query);
        const ResultReader reader(query.items, m_masker);
        recordsJson.reserve(4096);
        returned = -1;
        if (std::optional<SqliteRows> rows = SqliteRows::open(m_call.db, sql.sql, sql.binds))
            returned = reader.writeRows(*rows, recordsJson);
        if (returned < 0) {
            // Other databases; and SQLite's failures, which QtSql's path reports as usual.
            QSqlQuery &result =
                StatementCache::select(m_call.db, m_call.dialect, sql, failMessage(), &m_table);
            const StatementCache::FinishGuard done{result};
            returned = reader.writeRows(result, recordsJson);
        }
    } else {
        records = fetch(query, related);
        returned = qint64(records.size());
    }
    Json meta = Json::object();
    if (includeCount || implicitLimit) {
        // A page that is not full ends the result, so it gives the total for free; only a full
        // page (or an empty one past the end) needs the COUNT query.
        const qint64 count =
            returned < limit && (returned > 0 || offset == 0) ? offset + returned : runCount();
        if (includeCount || count > maxRecords)
            meta["count"] = count;
        if (count - offset > limit)
            meta["next"] = offset + limit;
    }
    if (ctx.boolParam(QStringLiteral("include_schema")))
        meta["schema"] = SchemaJson::table(m_table, m_call.serviceId);
    if (direct)
        return TableResource::listResponse(m_call, recordsJson, meta);
    if (asList && !summary)
        records = keys.idList(records);
    return TableResource::listResponse(m_call, std::move(records), std::move(meta));
}

SqlFragment RecordReader::havingSql(const QString &having, const QList<SelectItem> &items,
                                    const QList<const ColumnSchema *> &groupBy) const
{
    // The filter parser only knows columns, so `having` is parsed against a stand-in table:
    // the group fields plus one column per aggregate, named by its alias (SUM_total). An
    // aggregate written as a call (SUM(total)) is first rewritten to its alias, outside quoted
    // text only; afterwards each quoted alias is swapped for the aggregate's SQL. The parser
    // emits nothing but quoted names, operators and '?', so the swap cannot touch a value.
    QList<SelectItem> aggregates;
    for (const SelectItem &item : items)
        if (item.isAggregate())
            aggregates << item;
    const auto addAggregate = [&aggregates](const SelectItem &item) {
        for (const SelectItem &existing : std::as_const(aggregates))
            if (existing.alias.compare(item.alias, Qt::CaseInsensitive) == 0)
                return;
        aggregates << item;
    };

    static const QRegularExpression call(QStringLiteral(R"((SUM|COUNT|AVG|MIN|MAX)\s*\(\s*([^()\s]+)\s*\))"),
                                         QRegularExpression::CaseInsensitiveOption);
    QString rewritten;
    rewritten.reserve(having.size());
    QChar quote;
    for (qsizetype i = 0; i < having.size();) {
        const QChar c = having.at(i);
        if (!quote.isNull()) {
            rewritten += c;
            if (c == quote)
                quote = QChar();
            ++i;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            rewritten += c;
            ++i;
            continue;
        }
        if (i == 0 || !isIdentifierChar(having.at(i - 1))) {
            const QRegularExpressionMatch match = call.match(having, i, QRegularExpression::NormalMatch,
                                                             QRegularExpression::AnchorAtOffsetMatchOption);
            if (match.hasMatch()) {
                const QList<SelectItem> parsed = QueryBuilder::parseFields(m_table, match.captured(0), true);
                addAggregate(parsed.first());
                rewritten += parsed.first().alias;
                i += match.capturedLength(0);
                continue;
            }
        }
        rewritten += c;
        ++i;
    }

    for (const SelectItem &item : std::as_const(aggregates))
        if (item.aggregate != SelectItem::Aggregate::Count)
            requireUsable(item.column, "having");

    TableSchema standIn;
    standIn.name = m_table.name;
    for (const ColumnSchema *column : groupBy)
        standIn.columns << *column;
    for (const SelectItem &item : std::as_const(aggregates)) {
        ColumnSchema column;
        column.name = item.alias;
        switch (item.aggregate) {
        case SelectItem::Aggregate::Count:
            column.type = QStringLiteral("bigint");
            break;
        case SelectItem::Aggregate::Sum:
        case SelectItem::Aggregate::Avg:
            column.type = QStringLiteral("double");
            break;
        default:
            column.type = item.column ? item.column->type : QStringLiteral("string");
            break;
        }
        standIn.columns << column;
    }
    SqlFragment out = FilterParser(standIn, m_call.dialect, m_call.ctx.filterParams()).toSql(rewritten);
    for (const SelectItem &item : std::as_const(aggregates))
        out.sql.replace(m_call.dialect.quoteIdentifier(item.alias), m_builder.expression(item));
    return out;
}

} // namespace gatehouse
