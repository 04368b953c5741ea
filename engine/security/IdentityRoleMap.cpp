#include "IdentityRoleMap.h"

#include "AccessSnapshot.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {
ApiError badKey(const char *key, const QString &why)
{
    return ApiError::badRequest(QStringLiteral("Config '%1' %2").arg(QLatin1String(key), why));
}

std::optional<qint64> idField(const Json &object, const char *key, const char *configKey, bool required)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required)
            throw badKey(configKey, QStringLiteral("needs '%1' in every entry.").arg(QLatin1String(key)));
        return std::nullopt;
    }
    if (!it->is_number_integer() || it->get<qint64>() <= 0)
        throw badKey(configKey,
                     QStringLiteral("has a '%1' that is not a positive integer.").arg(QLatin1String(key)));
    return it->get<qint64>();
}

void checkRole(const AccessSnapshot *snapshot, qint64 roleId, const char *configKey)
{
    if (snapshot && !snapshot->role(roleId))
        throw badKey(configKey, QStringLiteral("names role %1, which does not exist.").arg(roleId));
}

void checkApp(const AccessSnapshot *snapshot, const std::optional<qint64> &appId, const char *configKey)
{
    if (snapshot && appId && !snapshot->appsById.contains(*appId))
        throw badKey(configKey, QStringLiteral("names app %1, which does not exist.").arg(*appId));
}

const Json *arrayKey(const Json &config, const char *key)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return nullptr;
    if (!it->is_array())
        throw badKey(key, QStringLiteral("must be an array."));
    return &*it;
}
} // namespace

QStringList IdentityRoleMap::configKeys()
{
    return configschema::keys(configSchema());
}

ConfigSchema IdentityRoleMap::configSchema()
{
    return {
        ConfigField(QStringLiteral("default_role"), QStringLiteral("role"), QStringLiteral("Default role"),
                    QStringLiteral("The role of every signed-in person for whom no group mapping applies.")),
        ConfigField(QStringLiteral("group_role_map"), QStringLiteral("role_map"),
                    QStringLiteral("Group to role map"),
                    QStringLiteral("The first row whose group matches one of the person's groups decides the "
                                   "role; no app: every app.")),
        ConfigField(
            QStringLiteral("app_role_map"), QStringLiteral("json"), QStringLiteral("App to role map"),
            QStringLiteral("The role per app when no group row applies: [{\"app_id\": 1, \"role_id\": "
                           "2}].")),
        ConfigField(QStringLiteral("admin_groups"), QStringLiteral("array"), QStringLiteral("Admin groups"),
                    QStringLiteral("One group per line; their members are Gatehouse system admins.")),
        ConfigField(QStringLiteral("link_existing_accounts"), QStringLiteral("boolean"),
                    QStringLiteral("Link existing accounts"),
                    QStringLiteral("Trust this service's email addresses: a person whose address already has "
                                   "an account signs in to it."))
            .withDefault(false),
    };
}

IdentityRoleMap IdentityRoleMap::fromConfig(const Json &config, const AccessSnapshot *snapshot)
{
    IdentityRoleMap map;
    if (!config.is_object())
        return map;
    if (const auto it = config.find("default_role"); it != config.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<qint64>() <= 0)
            throw badKey("default_role", QStringLiteral("must be a role id."));
        map.m_defaultRole = it->get<qint64>();
        checkRole(snapshot, *map.m_defaultRole, "default_role");
    }
    if (const Json *list = arrayKey(config, "app_role_map")) {
        for (const Json &entry : *list) {
            if (!entry.is_object())
                throw badKey("app_role_map", QStringLiteral("entries must be objects."));
            const qint64 appId = *idField(entry, "app_id", "app_role_map", true);
            const qint64 roleId = *idField(entry, "role_id", "app_role_map", true);
            checkApp(snapshot, appId, "app_role_map");
            checkRole(snapshot, roleId, "app_role_map");
            map.m_appRoles.insert(appId, roleId);
        }
    }
    if (const Json *list = arrayKey(config, "group_role_map")) {
        for (const Json &entry : *list) {
            if (!entry.is_object())
                throw badKey("group_role_map", QStringLiteral("entries must be objects."));
            GroupRule rule;
            const auto group = entry.find("group");
            if (group == entry.end() || !group->is_string() || group->get<QString>().trimmed().isEmpty())
                throw badKey("group_role_map", QStringLiteral("needs a non-empty 'group' in every entry."));
            rule.group = group->get<QString>().trimmed();
            rule.appId = idField(entry, "app_id", "group_role_map", false);
            rule.roleId = *idField(entry, "role_id", "group_role_map", true);
            checkApp(snapshot, rule.appId, "group_role_map");
            checkRole(snapshot, rule.roleId, "group_role_map");
            map.m_groupRules << rule;
        }
    }
    if (const Json *list = arrayKey(config, "admin_groups")) {
        for (const Json &entry : *list) {
            if (!entry.is_string() || entry.get<QString>().trimmed().isEmpty())
                throw badKey("admin_groups", QStringLiteral("must list group names."));
            map.m_adminGroups << entry.get<QString>().trimmed();
        }
    }
    if (const auto it = config.find("link_existing_accounts"); it != config.end() && !it->is_null()) {
        if (!it->is_boolean())
            throw badKey("link_existing_accounts", QStringLiteral("must be true or false."));
        map.m_linkExisting = it->get<bool>();
    }
    return map;
}

bool IdentityRoleMap::managesRoles() const
{
    return m_defaultRole || !m_appRoles.isEmpty() || !m_groupRules.isEmpty();
}

bool IdentityRoleMap::groupMatches(const QString &configured, const QString &group)
{
    if (configured.compare(group, Qt::CaseInsensitive) == 0)
        return true;
    // "cn=Analysts,ou=groups,dc=example,dc=org" is also known by its name, "Analysts".
    const qsizetype equals = group.indexOf(QLatin1Char('='));
    if (equals < 0)
        return false;
    qsizetype end = equals + 1;
    while (end < group.size() && group.at(end) != QLatin1Char(',')) {
        if (group.at(end) == QLatin1Char('\\'))
            return false; // an escaped RDN value: only the full DN can match
        ++end;
    }
    return configured.compare(group.mid(equals + 1, end - equals - 1).trimmed(), Qt::CaseInsensitive) == 0;
}

QHash<qint64, std::optional<qint64>> IdentityRoleMap::rolesFor(const QStringList &groups,
                                                               const AccessSnapshot &snapshot) const
{
    QHash<qint64, std::optional<qint64>> result;
    if (!managesRoles())
        return result;
    for (auto app = snapshot.appsById.constBegin(); app != snapshot.appsById.constEnd(); ++app) {
        std::optional<qint64> role;
        for (const GroupRule &rule : m_groupRules) {
            if (rule.appId && *rule.appId != app.key())
                continue;
            for (const QString &group : groups) {
                if (groupMatches(rule.group, group)) {
                    role = rule.roleId;
                    break;
                }
            }
            if (role)
                break;
        }
        if (!role && m_appRoles.contains(app.key()))
            role = m_appRoles.value(app.key());
        if (!role)
            role = m_defaultRole;
        // A role deleted since the config was saved maps to nothing rather than failing sign-in.
        if (role && !snapshot.role(*role))
            role.reset();
        result.insert(app.key(), role);
    }
    return result;
}

std::optional<bool> IdentityRoleMap::isSysAdmin(const QStringList &groups) const
{
    if (m_adminGroups.isEmpty())
        return std::nullopt;
    for (const QString &admin : m_adminGroups)
        for (const QString &group : groups)
            if (groupMatches(admin, group))
                return true;
    return false;
}
} // namespace gatehouse
