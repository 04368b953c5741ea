#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QPair>
#include <QSet>
#include <QString>

#include "AccessTypes.h"
#include "AiAliasTable.h"
#include "AiBudget.h"
#include "FieldMaskRule.h"
#include "LookupTable.h"
#include "RateLimit.h"

namespace gatehouse {

class CorsPolicy;
class EventScriptTable;

// Everything authentication needs, in memory: apps by API-key hash, roles with their rules,
// users (admins now, every user later) by id, per-(user, app) role mappings and revoked token
// ids. A snapshot is immutable once published: the store builds a new one on its database
// worker after every write to these tables and swaps the pointer on the event loop thread, so
// readers never lock and never see a half-applied change. It deliberately holds no password
// hashes, keys or other secrets.
struct AccessSnapshot
{
    QHash<QByteArray, App> appsByKeyHash; // lower-case hex SHA-256 of the key
    QHash<qint64, App> appsById;
    QHash<qint64, std::shared_ptr<const Role>> roles;
    QHash<qint64, User> users;
    QHash<QPair<qint64, qint64>, qint64> userAppRoles; // (user id, app id) -> role id
    QSet<QString> revokedTokens;                       // jti values
    QHash<qint64, QString> lastLoginDates;             // user id -> "yyyy-MM-dd HH:mm:ss" (UTC)
    QList<RateLimit> limits;                           // every rate limit, active or not
    LookupTable lookups; // custom lookups; private values stay sealed (see LookupSecrets)
    QHash<qint64, QList<FieldMaskRule>> fieldMasks;       // role id -> its field_mask rows (by id)
    std::shared_ptr<const CorsPolicy> cors;               // /system/cors rules; null: none loaded
    QList<AiBudget> aiBudgets;                            // active /system/ai_budget rows
    AiAliasTable aiAliases;                               // /system/ai_alias
    std::shared_ptr<const EventScriptTable> eventScripts; // active /system/event_script rows

    const App *appByKeyHash(const QByteArray &keyHash) const
    {
        const auto it = appsByKeyHash.constFind(keyHash);
        return it == appsByKeyHash.constEnd() ? nullptr : &it.value();
    }
    const User *user(qint64 id) const
    {
        const auto it = users.constFind(id);
        return it == users.constEnd() ? nullptr : &it.value();
    }
    std::shared_ptr<const Role> role(qint64 id) const { return roles.value(id); }
    bool isRevoked(const QString &jti) const { return revokedTokens.contains(jti); }

    // DF's rule: the (user, app) mapping wins, else the app's default role.
    std::optional<qint64> roleIdFor(const std::optional<User> &user, const App &app) const
    {
        if (user) {
            const auto it = userAppRoles.constFind(qMakePair(user->id, app.id));
            if (it != userAppRoles.constEnd())
                return it.value();
        }
        return app.roleId;
    }
};
} // namespace gatehouse
