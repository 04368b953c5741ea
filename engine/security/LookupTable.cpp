#include "LookupTable.h"

#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/ApiError.h"

namespace gatehouse {

const LookupEntry *LookupTable::find(const QString &name, std::optional<qint64> userId,
                                     std::optional<qint64> roleId, std::optional<qint64> appId) const
{
    const auto in = [&name](const QHash<qint64, Names> &scopes,
                            std::optional<qint64> id) -> const LookupEntry * {
        if (!id)
            return nullptr;
        const auto scope = scopes.constFind(*id);
        if (scope == scopes.constEnd())
            return nullptr;
        const auto it = scope->constFind(name);
        return it == scope->constEnd() ? nullptr : &it.value();
    };
    if (const LookupEntry *entry = in(byUser, userId))
        return entry;
    if (const LookupEntry *entry = in(byRole, roleId))
        return entry;
    if (const LookupEntry *entry = in(byApp, appId))
        return entry;
    const auto it = system.constFind(name);
    return it == system.constEnd() ? nullptr : &it.value();
}

LookupTable LookupTable::load(QSqlDatabase &db)
{
    LookupTable table;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name, value, private, app_id, role_id, user_id FROM lookup"))) {
        spdlog::error("system database: loading lookups failed: {}", query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    while (query.next()) {
        LookupEntry entry;
        entry.value = query.value(1).toString();
        entry.isPrivate = query.value(2).toInt() != 0;
        const QString name = query.value(0).toString();
        if (!query.value(5).isNull())
            table.byUser[query.value(5).toLongLong()].insert(name, entry);
        else if (!query.value(4).isNull())
            table.byRole[query.value(4).toLongLong()].insert(name, entry);
        else if (!query.value(3).isNull())
            table.byApp[query.value(3).toLongLong()].insert(name, entry);
        else
            table.system.insert(name, entry);
    }
    return table;
}
} // namespace gatehouse
