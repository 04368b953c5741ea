#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class SystemStore;

// /user/profile: the signed-in user's own name, first and last name and email (GET to read;
// POST, PUT or PATCH to change). Only those four fields can be changed here: is_active,
// is_sys_admin, the password and anything else a client sends are ignored, as in DF. The
// session token is verified by the handler (the route is open to every role).
class ProfileResource : public std::enable_shared_from_this<ProfileResource>
{
public:
    explicit ProfileResource(SystemStore &store);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done);

private:
    SystemStore &m_store;
};
} // namespace gatehouse
