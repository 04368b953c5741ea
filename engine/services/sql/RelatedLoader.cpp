#include "RelatedLoader.h"

#include <QHash>

#include "RecordKeys.h"
#include "ResultReader.h"
#include "RowFilter.h"
#include "StatementCache.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

// The per-relation option, in DF's "{rel}.x" form or the "{rel}_x" form PHP turns it into.
QString relationOption(const SqlCall &call, const QString &requested, const QString &real, const char *option)
{
    const QString suffix = QLatin1String(option);
    for (const QString &name : {requested, real}) {
        for (const QChar separator : {QLatin1Char('.'), QLatin1Char('_')}) {
            const QString key = name + separator + suffix;
            if (call.ctx.hasParam(key))
                return call.ctx.param(key);
        }
    }
    return {};
}
} // namespace

QList<RelatedLoader::Request> RelatedLoader::parse(const SqlCall &call, const TableSchema &table,
                                                   const QString &related)
{
    QList<Request> out;
    const QString text = related.trimmed();
    if (text.isEmpty())
        return out;
    QList<QPair<QString, const RelationSchema *>> wanted;
    if (text == QLatin1String("*")) {
        for (const RelationSchema &relation : table.relations)
            wanted.append({relation.name, &relation});
    } else {
        for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = part.trimmed();
            const RelationSchema *relation = table.relation(name);
            if (!relation)
                throw ApiError::badRequest(
                    QStringLiteral(
                        "Invalid relationship requested: '%1' is not a relationship of table '%2'.")
                        .arg(name, table.name));
            bool seen = false;
            for (const auto &entry : std::as_const(wanted))
                seen = seen || entry.second == relation;
            if (!seen)
                wanted.append({name, relation});
        }
    }

    for (const auto &[requested, relation] : std::as_const(wanted)) {
        Request request;
        request.relation = relation;
        // The related table is read with the caller's own rights on it, as DF's internal
        // request to _table/{ref} does.
        if (!call.ctx.isAllowed(call.serviceId, QLatin1String("_table/") + relation->refTable, VerbGet))
            throw ApiError::forbidden(
                QStringLiteral("Access Forbidden. GET access to component '_table/%1' of "
                               "service '%2' is not allowed by this user's role.")
                    .arg(relation->refTable, call.ctx.serviceName));
        request.target = call.schema->table(relation->refTable);
        request.parentColumn = table.column(relation->field);
        if (request.target)
            request.matchColumn = request.target->column(relation->refField);
        if (relation->type == RelationSchema::Type::ManyMany) {
            request.junction = call.schema->table(relation->junctionTable);
            if (request.junction) {
                request.junctionParent = request.junction->column(relation->junctionField);
                request.junctionTarget = request.junction->column(relation->junctionRefField);
            }
        }
        if (!request.target || !request.parentColumn || !request.matchColumn ||
            (relation->type == RelationSchema::Type::ManyMany &&
             (!request.junction || !request.junctionParent || !request.junctionTarget)))
            throw ApiError(
                501, QStringLiteral("Relationship '%1' is not supported for related queries (multi-column "
                                    "keys or a table outside this service).")
                         .arg(relation->name));

        request.items = QueryBuilder::parseFields(
            *request.target, relationOption(call, requested, relation->name, "fields"), false);
        request.order = QueryBuilder::parseOrder(*request.target,
                                                 relationOption(call, requested, relation->name, "order"));
        const QString limitText = relationOption(call, requested, relation->name, "limit").trimmed();
        request.limit = call.maxRecords;
        if (!limitText.isEmpty()) {
            bool ok = false;
            const qint64 limit = limitText.toLongLong(&ok);
            if (!ok)
                throw ApiError::badRequest(
                    QStringLiteral("Parameter '%1.limit' must be an integer.").arg(relation->name));
            if (limit > 0 && limit < call.maxRecords)
                request.limit = limit;
        }
        if (relation->type == RelationSchema::Type::BelongsTo)
            request.limit = -1; // at most one parent each; no window needed
        request.filter = RowFilter::forTable(call.ctx, call.serviceId, *request.target, VerbGet)
                             .sql(*request.target, call.dialect);
        request.masker = FieldMasker::forTable(call.ctx.session, call.serviceId, request.target->name);
        if (!request.masker.isEmpty())
            for (const OrderItem &item : std::as_const(request.order))
                if (item.expression.column)
                    request.masker.requireUsable(item.expression.column->name,
                                                 ResultReader::isTextColumn(*item.expression.column),
                                                 "order");
        out << request;
    }
    return out;
}

void RelatedLoader::attach(const SqlCall &call, const QList<Request> &requests, Json &records)
{
    for (const Request &request : requests)
        attachOne(call, request, records);
}

void RelatedLoader::attachOne(const SqlCall &call, const Request &request, Json &records)
{
    const RelationSchema &relation = *request.relation;
    const bool single = relation.type == RelationSchema::Type::BelongsTo;
    const std::string name = relation.name.toStdString();
    const std::string parentField = request.parentColumn->name.toStdString();
    const ColumnSchema *bindColumn =
        relation.type == RelationSchema::Type::ManyMany ? request.junctionParent : request.matchColumn;

    // Parent key -> the records (by index) that carry it; keys in first-seen order.
    QHash<QString, QList<qsizetype>> byKey;
    QVariantList keys;
    for (qsizetype i = 0; i < qsizetype(records.size()); ++i) {
        Json &record = records[size_t(i)];
        record[name] = single ? Json(nullptr) : Json::array();
        const auto it = record.find(parentField);
        if (it == record.end() || it->is_null())
            continue;
        const QString canonical = RecordKeys::canonical(*it);
        auto found = byKey.find(canonical);
        if (found == byKey.end()) {
            byKey.insert(canonical, {i});
            keys << call.dialect.castValue(*bindColumn, jsonToVariant(*it));
        } else {
            found->append(i);
        }
    }
    if (keys.isEmpty())
        return;

    const QueryBuilder builder(call.dialect);
    const ResultReader reader(request.items, request.masker);
    const int parentIndex = int(request.items.size());
    const QString failMessage =
        QStringLiteral("Failed to retrieve related records from '%1'.").arg(relation.refTable);
    for (qsizetype start = 0; start < keys.size(); start += KeysPerQuery) {
        RelatedQuery query;
        query.table = request.target.get();
        query.items = request.items;
        query.matchColumn = request.matchColumn;
        if (relation.type == RelationSchema::Type::ManyMany) {
            query.junction = request.junction.get();
            query.junctionParent = request.junctionParent;
            query.junctionTarget = request.junctionTarget;
        }
        query.keys = keys.mid(start, KeysPerQuery);
        query.order = request.order;
        query.perParent = request.limit;
        query.filter = request.filter;
        const SqlFragment sql = builder.related(query);
        QSqlQuery &result =
            StatementCache::select(call.db, call.dialect, sql, failMessage, request.target.get());
        const StatementCache::FinishGuard done{result};
        while (result.next()) {
            const QString canonical =
                RecordKeys::canonical(ResultReader::toJson(bindColumn, result.value(parentIndex)));
            const auto found = byKey.constFind(canonical);
            if (found == byKey.constEnd())
                continue;
            Json row = reader.row(result);
            for (const qsizetype index : *found) {
                Json &slot = records[size_t(index)][name];
                if (single) {
                    if (slot.is_null())
                        slot = row;
                } else {
                    slot.push_back(row);
                }
            }
        }
    }
}
} // namespace gatehouse
