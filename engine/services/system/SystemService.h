#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class AdminResource;
class AiAliasResource;
class AiBudgetResource;
class AppResource;
class LimitCacheResource;
class LimitResource;
class RateLimiter;
class LookupResource;
class FieldMaskResource;
class ConfigResource;
class CorsResource;
class EnvironmentResource;
class ServiceTestResource;
class AuditResource;
class RoleResource;
class ServiceManager;
class ServiceResource;
class SessionResource;
class SystemStore;
class UserResource;
class AiUsageResource;
class AiPromptResource;
class MetricsResource;
class LogTailResource;
struct ServiceType;

// The built-in `system` service (/api/v2/system/...): admin sessions, services, service types,
// roles, apps and admins, with DreamFactory's list semantics. Every write refreshes the
// store's AccessSnapshot (and service list) before it replies.
//
// Mounting: `services.mountBuiltIn(std::make_shared<SystemService>(store.systemServiceInfo(),
// store, services))`.
class SystemService : public Service
{
public:
    // `limiter` serves /system/limit_cache; without one that resource answers 503.
    SystemService(ServiceInfo info, SystemStore &store, ServiceManager &services,
                  RateLimiter *limiter = nullptr);
    ~SystemService() override;

    bool isPublicRoute(const QString &resource, int verb) const override;
    // The type entry for the registry (built in: not creatable through system/service).
    static ServiceType serviceType();

    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;

private:
    HttpResponse serviceTypes(const RequestContext &context, const QStringList &path) const;

    SystemStore &m_store;
    ServiceManager &m_services;
    std::shared_ptr<SessionResource> m_session;
    std::shared_ptr<ServiceResource> m_serviceResource;
    std::shared_ptr<RoleResource> m_roles;
    std::shared_ptr<AppResource> m_apps;
    std::shared_ptr<AdminResource> m_admins;
    std::shared_ptr<UserResource> m_users;
    std::shared_ptr<LimitResource> m_limits;
    std::shared_ptr<LimitCacheResource> m_limitCache;
    std::shared_ptr<LookupResource> m_lookups;
    std::shared_ptr<FieldMaskResource> m_fieldMasks;
    std::shared_ptr<CorsResource> m_cors;
    std::shared_ptr<AuditResource> m_audit;
    std::shared_ptr<AiBudgetResource> m_aiBudgets;
    std::shared_ptr<AiAliasResource> m_aiAliases;
    std::shared_ptr<EnvironmentResource> m_environment;
    std::shared_ptr<ServiceTestResource> m_serviceTest;
    std::shared_ptr<ConfigResource> m_config;
    // console dashboard and logs
    std::shared_ptr<AiUsageResource> m_aiUsage;
    std::shared_ptr<AiPromptResource> m_aiPrompts;
    std::shared_ptr<MetricsResource> m_metrics;
    std::shared_ptr<LogTailResource> m_logTail;
};
} // namespace gatehouse
