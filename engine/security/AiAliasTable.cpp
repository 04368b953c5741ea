#include "AiAliasTable.h"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/ApiError.h"

namespace gatehouse {

std::optional<AiAliasTarget> AiAliasTable::resolve(const QString &alias) const
{
    const auto it = m_aliases.constFind(alias);
    if (it == m_aliases.constEnd())
        return std::nullopt;
    return it.value();
}

QStringList AiAliasTable::aliases() const
{
    QStringList list = m_aliases.keys();
    std::sort(list.begin(), list.end());
    return list;
}

AiAliasTable AiAliasTable::load(QSqlDatabase &db)
{
    AiAliasTable table;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT alias, service_id, model FROM ai_alias"))) {
        spdlog::error("system database: loading AI model aliases failed: {}",
                      query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    while (query.next())
        table.m_aliases.insert(query.value(0).toString(),
                               AiAliasTarget{query.value(1).toLongLong(), query.value(2).toString()});
    return table;
}
} // namespace gatehouse
