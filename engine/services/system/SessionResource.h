#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class SystemStore;
struct JwtClaims;
struct User;

// /system/admin/session: sign-in, session info, refresh and sign-out for system admins
// (reference §4.1). The gate does not authenticate this route; the handler reads and checks the
// credentials itself. Passwords are verified on the hashing pool, revocations are written to
// the system database (so they survive restarts and reach other nodes) and published in the
// snapshot before the reply is sent.
class SessionResource : public std::enable_shared_from_this<SessionResource>
{
public:
    explicit SessionResource(SystemStore &store);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done);

private:
    void login(std::shared_ptr<const RequestContext> context, Service::Completion done);
    void info(const RequestContext &context, Service::Completion done);
    void refresh(std::shared_ptr<const RequestContext> context, Service::Completion done);
    void logout(std::shared_ptr<const RequestContext> context, Service::Completion done);
    QString tokenFrom(const RequestContext &context) const;
    // The reference's session object; `lastLogin` as stored.
    Json sessionJson(const QString &token, const JwtClaims &claims, const User &user,
                     const QString &lastLogin, const RequestContext &context) const;

    SystemStore &m_store;
};
} // namespace gatehouse
