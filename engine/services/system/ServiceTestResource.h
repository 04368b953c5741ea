#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;
class SystemStore;

// POST /system/service/_test (system admins only): the console's "Test" button. The body is a
// service definition, {"type", "config", "id"?}; the type's ServiceType::probe tries it for
// real (LDAP: bind and search; OIDC: discovery and JWKS) without storing anything, and its
// {"success", "steps": [...]} is the reply. With "id" naming a stored service of the same
// type, secret fields sent back as the mask are filled from that service's stored secrets, so
// an edit form can test without the admin typing the password again. validate() is not run:
// it may contact the source too, and the probe's steps say what is wrong in more detail.
class ServiceTestResource
{
public:
    ServiceTestResource(SystemStore &store, ServiceManager &services);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done) const;

    // How long a probe may take before the request answers 504 (probes time out themselves;
    // this only guards against one that never answers).
    static constexpr int kProbeDeadlineMs = 120000;

private:
    SystemStore &m_store;
    ServiceManager &m_services;
};
} // namespace gatehouse
