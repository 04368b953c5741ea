#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace gatehouse {

// A filtered read of one log resource (system/audit, system/ai_usage, system/ai_prompt), newest
// first, paged by id (keyset) rather than by offset: records the engine writes while someone
// pages never shift the pages, and the database seeks to each page instead of counting past
// earlier ones. Filter values travel as ?params= (":name" placeholders), never spliced into
// the filter text, so nothing a user types can change the filter's meaning.
struct LogQuery
{
    QString resource;       // "system/audit"
    QStringList conditions; // "user_email LIKE :user", ANDed
    QJsonObject params;     // values for the placeholders

    void add(const QString &condition, const QString &name, const QJsonValue &value);
    // The path for one page: up to `limit` records with an id below `beforeId` (if given).
    QString pagePath(int limit, std::optional<qint64> beforeId, bool includeCount,
                     const QStringList &fields = {}) const;
    // Time-range choices the log pages offer, as a lower bound for created_date in the stored
    // UTC form ("yyyy-MM-dd HH:mm:ss"); empty for "all time".
    static QString sinceText(int hours);
};
} // namespace gatehouse
