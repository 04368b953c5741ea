#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "AccessTypes.h"
#include "FieldMaskRule.h"
#include "core/Json.h"

namespace gatehouse {

// Field masking for one role and one source of data (a table, or routine results matched by
// column name), applied to every value before it leaves the gateway. Cheap to copy; built per
// request from the session's AccessSnapshot. Sys-admins get an empty masker.
//
// Reusable by anything that returns data (records API, routines, and later MCP, data chat and
// the data-model samples): build one with forTable()/forService() and call maskRecord/maskRows,
// or ruleFor()+apply() per value.
class FieldMasker
{
public:
    FieldMasker() = default;
    explicit FieldMasker(QList<FieldMaskRule> rules);

    // Rules of the session's role for `table` of `serviceId` (exact table rules win over "*").
    static FieldMasker forTable(const Session &session, qint64 serviceId, const QString &table);
    // Every rule of the role for the service, matched by column name whatever the table: for
    // named queries and procedure/function results, whose columns have no known source table.
    static FieldMasker forService(const Session &session, qint64 serviceId);

    bool isEmpty() const { return m_rules.isEmpty(); }
    // The rule for a column: an exact field rule first, then "*" (text columns only).
    const FieldMaskRule *ruleFor(const QString &column, bool isText) const;
    // Whether using the column in filter/order/group/having/ids could reveal masked values.
    bool blocksInference(const QString &column, bool isText) const;
    // 403 naming the column and where it was used, when blocksInference().
    void requireUsable(const QString &column, bool isText, const char *where) const;

    static Json apply(const FieldMaskRule &rule, const Json &value);
    // What apply() makes of a non-null value whose text is `text` (any mode but Null).
    static QString maskText(const FieldMaskRule &rule, const QString &text);
    // Masks each member of an object (text = string values) / each object of an array.
    void maskRecord(Json &record) const;
    void maskRows(Json &rows) const;

    // --- Primitives (unit-tested) ---
    static QString redacted() { return QStringLiteral("**********"); }
    static QString partial(const QString &text, int keep);
    static QString hash(const QByteArray &value);
    // Replaces what `detectors` find in `text` by [EMAIL], [SSN], [CARD] or [PHONE].
    static QString detect(const QString &text, const QStringList &detectors);
    static bool luhnValid(const QString &digits);

    // The hashing key, derived from the master key at engine start. Until set, a random
    // per-process key is used (hashes are then stable only within the process).
    static void setHashKey(const QByteArray &key);

private:
    QList<FieldMaskRule> m_rules;
};
} // namespace gatehouse
