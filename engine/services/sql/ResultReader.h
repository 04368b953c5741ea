#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QSqlQuery>

#include "DbSchema.h"
#include "QueryBuilder.h"
#include "core/Json.h"
#include "security/FieldMasker.h"

namespace gatehouse {

class SqliteRows;

// Turns result rows into JSON records. The conversion of each column is decided once per
// query from the select list (not per value from the driver's type), so every engine gives
// the same JSON: booleans as true/false whatever the storage, integers and decimals as
// numbers, json columns as nested JSON, binary as base64.
class ResultReader
{
public:
    // `items` are the first columns of the result, in order. Any columns after them (internal
    // ones such as the parent key of a related query) are left out of row().
    explicit ResultReader(const QList<SelectItem> &items);
    // The same, masking each plain column the role's field masks cover (by column name).
    ResultReader(const QList<SelectItem> &items, const FieldMasker &masker);

    Json row(const QSqlQuery &query) const;
    // Writes every remaining row as a JSON array straight into `out` and returns the row
    // count. The same JSON as rows() gives (keys in select order), without building a tree:
    // the hot path of plain record reads.
    qint64 writeRows(QSqlQuery &query, QByteArray &out) const;
    // The same from SQLite's own API; -1 (and `out` as it was) when SQLite failed midway.
    qint64 writeRows(SqliteRows &rows, QByteArray &out) const;
    // Reads every remaining row into a JSON array.
    Json rows(QSqlQuery &query) const;
    // The value of result column `index` (which may be an extra column, read as-is).
    Json value(const QSqlQuery &query, int index) const;

    // Whether values of `column` come out as JSON strings of text (what "*" mask rules cover).
    static bool isTextColumn(const ColumnSchema &column);
    // One value converted as for `column` (nullptr: by the driver's type).
    static Json toJson(const ColumnSchema *column, const QVariant &value);

private:
    enum class Kind
    {
        Default,
        Boolean,
        Integer,
        Number,
        Text,
        JsonText
    };
    struct Column
    {
        std::string key;
        QByteArray quotedKey; // "key": ready to append
        Kind kind = Kind::Default;
        std::optional<FieldMaskRule> mask;
    };
    template <typename Rows>
    qint64 writeRowsFrom(Rows &rows, QByteArray &out) const;
    static void writeValue(Kind kind, const QVariant &value, QByteArray &out);
    static void writeMasked(const FieldMaskRule &rule, Kind kind, const QVariant &value, QByteArray &out);
    static Kind kindOf(const ColumnSchema *column);
    static Kind kindOf(const SelectItem &item);
    static Json convert(Kind kind, const QVariant &value);

    std::vector<Column> m_columns;
};
} // namespace gatehouse
