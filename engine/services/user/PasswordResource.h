#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class SessionResource;
class SystemStore;

// /user/password: the signed-in user changes their own password with {old_password,
// new_password} (reference §4.1). The old password is checked on the hashing pool and a wrong
// one counts as a failed sign-in (LoginThrottle), so a stolen session token cannot be used to
// guess it. A change revokes every session of the user, the one making the request included
// (the token epoch is bumped); `?login=true` answers with a fresh session instead of
// {"success":true}. Password reset by email (`?reset=true`, `code`) needs an email service
// Gatehouse does not have yet: 501.
class PasswordResource : public std::enable_shared_from_this<PasswordResource>
{
public:
    PasswordResource(SystemStore &store, std::shared_ptr<SessionResource> sessions);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done);

private:
    void change(std::shared_ptr<const RequestContext> context, Service::Completion done);

    SystemStore &m_store;
    std::shared_ptr<SessionResource> m_sessions;
};
} // namespace gatehouse
