#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include "QueryBuilder.h"
#include "RecordKeys.h"
#include "RecordReader.h"
#include "RowFilter.h"
#include "SqlCall.h"
#include "core/ApiError.h"
#include "core/Json.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// POST, PUT, PATCH and DELETE on `_table/{table}[/{id}]` with DreamFactory's write rules:
// record validation, the three batch modes (stop at the first failure, `continue`,
// `rollback`), replies of identifiers unless `fields`/`related` ask for more, and clean
// messages for constraint failures.
class RecordWriter
{
public:
    RecordWriter(SqlCall &call, const TableSchema &table);

    HttpResponse create();
    HttpResponse update(const QString *id); // PUT and PATCH behave the same, as in DF
    HttpResponse remove(const QString *id);

private:
    enum class Mode
    {
        Stop,     // default: stop at the first failure, earlier records stay written
        Continue, // try every record, report the failures
        Rollback  // all or nothing
    };
    enum class Op
    {
        Create,
        Update,
        Delete
    };
    struct Values
    {
        QList<const ColumnSchema *> columns;
        QVariantList values;
    };

    Mode mode() const;
    Values validate(const Json &record, bool creating) const;
    RecordKey insertOne(const Json &record);
    void updateOne(const Values &values, const RecordKey &key);
    void deleteOne(const RecordKey &key);
    QList<RecordKey> selectKeys(const SqlFragment &where);
    HttpResponse byFilter(Op op, const Json &record, const QString &filter);
    // Runs `work(i)` for each record under the batch mode and builds the reply: the key of
    // each record, or the record itself when more was asked for (`preRead` holds deleted
    // records read beforehand). `objectReply`: a by-id route, answered with the bare object.
    HttpResponse runBatch(Op op, qsizetype count, const std::function<RecordKey(qsizetype)> &work,
                          bool objectReply, const QHash<QString, Json> &preRead = {});
    // The role's row filter for this request's verb, as SQL (empty for none).
    SqlFragment writeFilter() const;
    // In-memory check of a record's values against the row filter (403 on a violation).
    void checkValues(const Json &record, bool creating) const;
    // Whether written rows are re-checked against the row filter by the database.
    bool needsVerification(Op op) const;
    // 403 unless every row of `keys` satisfies the row filter now (inside the transaction).
    void verifyInside(const QList<RecordKey> &keys);
    // Key lookups on a masked key column would reveal which values exist.
    void requireKeysUsable() const;
    Json firstRecord() const;
    Json allRecords(bool allowSingle) const;

    QSqlQuery exec(const SqlFragment &statement, Op op);
    ApiError translate(const QSqlError &error, Op op) const;

    SqlCall &m_call;
    const TableSchema &m_table;
    QueryBuilder m_builder;
    RecordKeys m_keys;
    RecordReader m_reader;
    RowFilter m_writeFilter;
    std::optional<QSqlQuery> m_failed; // the last failed statement, released after the rollback
};
} // namespace gatehouse
