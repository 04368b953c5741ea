#pragma once

#include <QHash>

#include "QueryBuilder.h"
#include "RecordKeys.h"
#include "RelatedLoader.h"
#include "RowFilter.h"
#include "SqlCall.h"
#include "core/Json.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// GET on `_table/{table}[/{id}]`: fields, filter, limit/offset, order, group with aggregates
// and having, counts and DF's meta rules, ids, as_list, include_schema and related records.
class RecordReader
{
public:
    RecordReader(SqlCall &call, const TableSchema &table);

    HttpResponse get(const QString *id);

    // Whether the request asks writes to reply with more than identifiers (fields/related).
    bool wantsMoreThanKeys() const;
    // The records for `list` with the request's fields and related, keyed by
    // keys.canonical(); missing records are absent. For writes that return more than ids.
    QHash<QString, Json> readByKeys(const RecordKeys &keys, const QList<RecordKey> &list);
    // Checks `fields` and `related` up front, so a bad one fails a write before it changes data.
    void validateProjection(const RecordKeys &keys);

    // The role's GET row filter on the table, as SQL (empty for none).
    SqlFragment readFilter() const;
    const FieldMasker &masker() const { return m_masker; }
    // 403 when a masked column (without allow_filter) would be used where it reveals values.
    void requireUsable(const ColumnSchema *column, const char *where) const;
    // Every field a client filter names must be usable in a filter.
    void requireFilterUsable(const QString &filter) const;

private:
    struct Projection
    {
        QList<SelectItem> items;
        QList<RelatedLoader::Request> related;
    };
    // The request's fields and related, plus the columns needed to key and relate rows.
    Projection projection(const RecordKeys &keys);
    Json fetch(const SelectQuery &query, const QList<RelatedLoader::Request> &related);
    HttpResponse getByKeys(const RecordKeys &keys, const QList<RecordKey> &list);
    HttpResponse query(const RecordKeys &keys);
    SqlFragment havingSql(const QString &having, const QList<SelectItem> &items,
                          const QList<const ColumnSchema *> &groupBy) const;
    qint64 integerParam(std::initializer_list<const char *> names, bool *given) const;
    QString failMessage() const;

    SqlCall &m_call;
    const TableSchema &m_table;
    QueryBuilder m_builder;
    RowFilter m_readFilter;
    FieldMasker m_masker;
};
} // namespace gatehouse
