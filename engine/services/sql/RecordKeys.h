#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include "DbSchema.h"
#include "SqlCall.h"
#include "core/Json.h"

namespace gatehouse {

using RecordKey = QVariantList; // one value per identifier column, cast to its type

// The identifier columns of a records request and the key values that address rows: from the
// URL (`/_table/t/{id}`), the `ids` list, or the key fields of body records.
class RecordKeys
{
public:
    // `id_field` (a comma list, each checked against the schema) when given, else the primary
    // key. Empty for a table without one.
    RecordKeys(const SqlCall &call, const TableSchema &table);

    const QList<const ColumnSchema *> &columns() const { return m_columns; }
    bool isEmpty() const { return m_columns.isEmpty(); }
    // 400 when the table has no identifier to address records by.
    void requireAny() const;

    // A single identifier (URL segment or ids entry); 400 when it does not cast or the key is
    // composite or missing.
    RecordKey parse(const QString &text) const;
    // The `ids` list, at most `maxCount` entries (400 beyond, so a huge list never reaches SQL).
    QList<RecordKey> parseList(const QString &ids, int maxCount) const;
    // The key of a body record: an object holding every key field, or a bare id value.
    // Returns false when the record does not carry it.
    bool fromRecord(const Json &record, RecordKey &key) const;

    // `as_list`: the identifier of each record ("(a,b)" for composite keys, as DF writes them).
    Json idList(const Json &records) const;
    // {"id":5} for the replies of writes.
    Json toObject(const RecordKey &key) const;
    // "5" or "1,2": how an identifier appears in messages.
    static QString toText(const RecordKey &key);
    // Map keys that match equal identifiers whether they come from request values (cast by
    // the dialect) or from records read back (JSON).
    QString canonical(const RecordKey &key) const;
    QString canonicalFromRecord(const Json &record) const;
    static QString canonical(const Json &value);

private:
    void requireSingle() const;

    const SqlCall &m_call;
    const TableSchema &m_table;
    QList<const ColumnSchema *> m_columns;
};
} // namespace gatehouse
