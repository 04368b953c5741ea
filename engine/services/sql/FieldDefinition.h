#pragma once

#include <optional>

#include <QString>

#include "DbSchema.h"
#include "core/Json.h"

namespace gatehouse {

// A column as a `_schema` write asks for it, after validation. Everything in here is safe to
// put into DDL text: names match the identifier pattern, types come from a fixed list or pass
// the native-type pattern, referential actions come from a fixed list, and defaults are
// either JSON scalars (rendered as escaped literals by the dialect) or allow-listed keywords.
struct FieldDefinition
{
    QString name;
    QString type;   // DF abstract type, lower-case
    QString dbType; // optional native type override, validated
    int length = 0;
    int precision = 0;
    int scale = 0;
    bool allowNull = true;
    bool hasDefault = false;
    Json defaultValue; // scalar literal, or a string keyword when defaultIsExpression
    bool defaultIsExpression = false;
    bool isPrimaryKey = false;
    bool isUnique = false;
    bool isIndex = false;
    bool autoIncrement = false;
    QString refTable; // API name (schema.table when outside the default schema)
    QString refField;
    QString refOnUpdate; // CASCADE, SET NULL, ...; empty = database default
    QString refOnDelete;

    bool isForeignKey() const { return !refTable.isEmpty(); }

    // Parses one entry of a `field` array. With `existing` set the entry is merged over the
    // current column (PATCH semantics): keys that are absent keep their current values.
    // Throws ApiError 400 with a clean message on any invalid input.
    static FieldDefinition fromJson(const Json &field, const ColumnSchema *existing = nullptr);
    // The current definition of an introspected column.
    static FieldDefinition fromColumn(const ColumnSchema &column);

    // Identifier pattern for names created through the API: letters, digits and _, not
    // starting with a digit, at most 63 characters (PostgreSQL's limit).
    static bool isValidIdentifier(const QString &name);
    // Validates a table name for creation; PostgreSQL accepts "schema.table".
    static void checkTableName(const QString &name, bool allowSchema);
};
} // namespace gatehouse
