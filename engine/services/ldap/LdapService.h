#pragma once

#include <memory>

#include "LdapConfig.h"
#include "services/IdentityProvider.h"
#include "services/Service.h"

class QObject;
class QThreadPool;

namespace gatehouse {

class ServiceManager;
struct ServiceEnvironment;

// A service of type `ldap` (OpenLDAP and other RFC 4511 directories) or `adldap` (Active
// Directory defaults: sAMAccountName, memberOf, the disabled-account bit). It has no API of its
// own: people sign in through /api/v2/user/session (or system/admin/session) with
// {"service": "<name>", "username", "password"}, and the directory vouches for them.
//
// libldap blocks, so every directory conversation runs on a small pool of its own (never the
// event loop, never Qt's global pool that database work uses) and posts its outcome back to
// the event loop thread.
class LdapService : public Service, public IdentityProvider
{
public:
    LdapService(const ServiceInfo &info, LdapConfig::Kind kind);
    ~LdapService() override;

    static void registerTypes(ServiceManager &manager);
    // The pool every directory call runs on (a few threads: sign-ins wait on the network).
    static QThreadPool &pool();

    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;
    IdentityProvider *identityProvider() override { return this; }

    QString signInKind() const override;
    const IdentityRoleMap &roleMap() const override { return m_roleMap; }
    void signInWithPassword(const QString &username, const QString &password, OnIdentity onIdentity,
                            OnError onError) override;

private:
    LdapConfig::Kind m_kind;
    std::shared_ptr<const LdapConfig> m_config; // null: the stored config is unusable
    QString m_configError;
    IdentityRoleMap m_roleMap;
    // Lives on the event loop thread; outcomes are posted to it. Shared with running jobs, so
    // a job that outlives its service (a reload) still reaches the event loop.
    std::shared_ptr<QObject> m_receiver;
};
} // namespace gatehouse
