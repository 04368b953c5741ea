#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;

// GET /system/environment (public): what a sign-in screen needs before anyone is signed in,
// in DreamFactory's shape trimmed to what is safe to tell a stranger: the platform version and
// the active identity services, grouped by how they sign people in (ldap/adldap: a password
// form posting to user/session; oauth: a browser redirect). Never a service's config.
class EnvironmentResource
{
public:
    explicit EnvironmentResource(const ServiceManager &services);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done) const;
    // The reply body, for the current set of mounted services.
    Json describe() const;

private:
    const ServiceManager &m_services;
};
} // namespace gatehouse
