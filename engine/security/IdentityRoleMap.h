#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "services/ConfigField.h"

namespace gatehouse {

struct AccessSnapshot;
struct ExternalIdentity;

// How an identity service (ldap, adldap, oidc) turns a person's groups into Gatehouse roles.
// Config keys, shared by every identity service type:
//   "default_role":   role id for every app, when nothing more specific applies
//   "app_role_map":   [{"app_id": 1, "role_id": 2}]  (DreamFactory's default_app_role_map)
//   "group_role_map": [{"group": "analysts", "app_id": 1 | null, "role_id": 3}]  first match wins;
//                     "group" matches a group's full DN or its name (the first RDN's value),
//                     case-insensitively; no app_id: every app
//   "admin_groups":   ["gatehouse-admins"]  members are system admins (non-empty list: the
//                     directory decides is_sys_admin at every sign-in)
//   "link_existing_accounts": true  trust this service's email addresses: a person whose
//                     address already has an account (local, or from another identity service)
//                     signs in to it instead of being refused (409)
// With none of the role keys set, the service leaves role assignment to the admin
// (user_to_app_to_role as edited through /system/user).
class IdentityRoleMap
{
public:
    struct GroupRule
    {
        QString group;
        std::optional<qint64> appId;
        qint64 roleId = 0;
    };

    // Throws ApiError 400 naming the bad key. Role and app ids are checked against `snapshot`
    // when one is given.
    static IdentityRoleMap fromConfig(const Json &config, const AccessSnapshot *snapshot = nullptr);
    // The config keys this class reads (service types add them to their known keys).
    static QStringList configKeys();
    // Those keys as config_schema fields (identity service types append them to their schema).
    static ConfigSchema configSchema();

    // Does this map assign roles at all (see above)?
    bool managesRoles() const;
    // app id → role id (nullopt: no mapping, the app's own default role applies) for every app
    // in `snapshot`. Empty when !managesRoles().
    QHash<qint64, std::optional<qint64>> rolesFor(const QStringList &groups,
                                                  const AccessSnapshot &snapshot) const;
    // nullopt: the map does not decide admin status (no admin_groups).
    std::optional<bool> isSysAdmin(const QStringList &groups) const;
    bool linksExistingAccounts() const { return m_linkExisting; }

    static bool groupMatches(const QString &configured, const QString &group);

private:
    std::optional<qint64> m_defaultRole;
    QHash<qint64, qint64> m_appRoles;
    QList<GroupRule> m_groupRules;
    QStringList m_adminGroups;
    bool m_linkExisting = false;
};
} // namespace gatehouse
