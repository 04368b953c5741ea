#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class PasswordResource;
class ProfileResource;
class SessionResource;
class SystemStore;
class ServiceManager;

// The built-in `user` service (/api/v2/user/...): a user's own session, profile and password
// (reference §4.1). Its routes are DF's "access exceptions", open to every role, so the gate
// neither authenticates them nor applies RBAC: each handler verifies the caller itself (the
// credentials for a sign-in, the session token for the rest). It has no row in the service
// table (id 0): roles cannot grant or deny it, just as in DF.
//
// Mounting: `services.mountBuiltIn(std::make_shared<UserService>(store))`.
class UserService : public Service
{
public:
    UserService(SystemStore &store, const ServiceManager &services);
    ~UserService() override;

    static ServiceInfo builtInInfo();

    bool isPublicRoute(const QString &resource, int verb) const override;
    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;
    Json openApi(const RequestContext &caller, bool expand) const override;

private:
    std::shared_ptr<SessionResource> m_session;
    std::shared_ptr<ProfileResource> m_profile;
    std::shared_ptr<PasswordResource> m_password;
};
} // namespace gatehouse
