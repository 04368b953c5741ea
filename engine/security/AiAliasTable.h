#pragma once

#include <optional>

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace gatehouse {

// Where a model alias of the OpenAI-compatible endpoint goes.
struct AiAliasTarget
{
    qint64 serviceId = 0;
    QString model;
};

// The model aliases of /system/ai_alias, carried by the AccessSnapshot (rebuilt after every
// system write and when another node changes something), so resolving one is a hash lookup
// and a new alias applies from the next request on.
class AiAliasTable
{
public:
    // Exact, case-sensitive match (provider model names are case-sensitive).
    std::optional<AiAliasTarget> resolve(const QString &alias) const;
    // Sorted, for /models listings.
    QStringList aliases() const;
    bool isEmpty() const { return m_aliases.isEmpty(); }

    // Worker side (AccessSnapshot rebuild). Throws ApiError when unreadable.
    static AiAliasTable load(QSqlDatabase &db);
    // Tests and callers building a table by hand.
    void insert(const QString &alias, AiAliasTarget target) { m_aliases.insert(alias, std::move(target)); }

private:
    QHash<QString, AiAliasTarget> m_aliases;
};
} // namespace gatehouse
