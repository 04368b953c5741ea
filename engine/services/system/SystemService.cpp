#include "SystemService.h"

#include "AdminResource.h"
#include "AiAliasResource.h"
#include "AiBudgetResource.h"
#include "AiBudgetSpendResource.h"
#include "AiPromptResource.h"
#include "AiUsageResource.h"
#include "AppResource.h"
#include "AuditResource.h"
#include "ConfigResource.h"
#include "CorsResource.h"
#include "EnvironmentResource.h"
#include "FieldMaskResource.h"
#include "LimitCacheResource.h"
#include "LimitResource.h"
#include "LogTailResource.h"
#include "LookupResource.h"
#include "MetricsResource.h"
#include "RoleResource.h"
#include "ScriptErrorResource.h"
#include "ScriptTestResource.h"
#include "ServiceResource.h"
#include "ServiceTestResource.h"
#include "SessionResource.h"
#include "UserResource.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "services/script/EventScriptEventList.h"
#include "services/script/EventScriptResource.h"

namespace gatehouse {
namespace {
const QStringList &resourceNames()
{
    // Sorted; the order of the service root's listing.
    static const QStringList names = [] {
        QStringList list;
        for (const char *name :
             {"admin",        "ai_alias",    "ai_budget", "ai_prompt",    "ai_usage",     "app",
              "audit",        "config",      "cors",      "event",        "event_script", "field_mask",
              "limit",        "limit_cache", "log",       "lookup",       "metrics",      "role",
              "script_error", "script_test", "service",   "service_type", "user"})
            list << QLatin1String(name);
        return list;
    }();
    return names;
}
} // namespace

SystemService::SystemService(ServiceInfo info, SystemStore &store, ServiceManager &services,
                             RateLimiter *limiter)
    : Service(std::move(info))
    , m_store(store)
    , m_services(services)
    , m_session(std::make_shared<SessionResource>(store, services))
    , m_serviceResource(std::make_shared<ServiceResource>(store, services))
    , m_roles(std::make_shared<RoleResource>(store))
    , m_apps(std::make_shared<AppResource>(store))
    , m_admins(std::make_shared<AdminResource>(store))
    , m_users(std::make_shared<UserResource>(store))
    , m_limits(std::make_shared<LimitResource>(store))
    , m_limitCache(std::make_shared<LimitCacheResource>(store, limiter))
    , m_lookups(std::make_shared<LookupResource>(store))
    , m_fieldMasks(std::make_shared<FieldMaskResource>(store))
    , m_cors(std::make_shared<CorsResource>(store))
    , m_audit(std::make_shared<AuditResource>(store))
    , m_aiBudgets(std::make_shared<AiBudgetResource>(store))
    , m_aiAliases(std::make_shared<AiAliasResource>(store))
    , m_environment(std::make_shared<EnvironmentResource>(services))
    , m_serviceTest(std::make_shared<ServiceTestResource>(store, services))
    , m_config(std::make_shared<ConfigResource>(store, services))
    , m_aiUsage(std::make_shared<AiUsageResource>(store))
    , m_aiPrompts(std::make_shared<AiPromptResource>(store))
    , m_metrics(std::make_shared<MetricsResource>(store))
    , m_logTail(std::make_shared<LogTailResource>())
{
}

SystemService::~SystemService() = default;

bool SystemService::isPublicRoute(const QString &resource, int) const
{
    QString path = resource.toLower();
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    // environment: what a sign-in screen shows before anyone has signed in.
    return path == QLatin1String("admin/session") || path == QLatin1String("environment");
}

ServiceType SystemService::serviceType()
{
    ServiceType type;
    type.name = QStringLiteral("system");
    type.label = QStringLiteral("System Management");
    type.group = QStringLiteral("System");
    type.description = QStringLiteral("Service supporting management of the system.");
    type.builtIn = true;
    return type;
}

QStringList SystemService::accessComponents() const
{
    QStringList components{QString(), QStringLiteral("*")};
    for (const QString &name : resourceNames())
        components << name << name + QStringLiteral("/*");
    return components;
}

void SystemService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    try {
        QStringList path;
        for (const QString &part : context->resourceParts)
            if (!part.isEmpty())
                path << part;
        if (path.isEmpty()) {
            if (context->verb != VerbGet)
                throw ApiError::methodNotAllowed(
                    QStringLiteral("Only GET is supported on the service root."));
            Json list = Json::array();
            for (const QString &name : resourceNames())
                list.push_back(Json{{"name", name}});
            done(HttpResponse::json(Json{{"resource", list}}));
            return;
        }
        const QString resource = path.takeFirst().toLower();
        if (resource == QLatin1String("admin") && !path.isEmpty() &&
            path.first().toLower() == QLatin1String("session")) {
            if (path.size() > 1)
                throw ApiError::notFound(QStringLiteral("Resource 'admin/%1' not found for service 'system'.")
                                             .arg(path.join(QLatin1Char('/'))));
            m_session->handle(std::move(context), std::move(done));
            return;
        }
        if (resource == QLatin1String("environment")) {
            m_environment->handle(context, path, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("config")) {
            m_config->handle(context, path, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("service") && path.size() == 1 &&
            path.first().toLower() == QLatin1String("_test")) {
            m_serviceTest->handle(context, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("ai_budget") && path.size() == 1 &&
            path.first().toLower() == QLatin1String("_spend")) {
            AiBudgetSpendResource(m_store).handle(context, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("script_test") && path.isEmpty()) {
            ScriptTestResource(m_services).handle(context, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("script_error")) {
            ScriptErrorResource(m_services)
                .handle(context, path, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("event_script")) {
            std::make_shared<EventScriptResource>(m_store)->handleNamed(context, path, done); // copies
            return;
        }
        if (resource == QLatin1String("event")) {
            EventScriptEventList(m_services)
                .handle(context, path, done); // copies: `done` must survive a throw
            return;
        }
        if (resource == QLatin1String("admin"))
            m_admins->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("app"))
            m_apps->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("role"))
            m_roles->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("service"))
            m_serviceResource->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("lookup"))
            m_lookups->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("cors"))
            m_cors->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("audit"))
            m_audit->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("service_type"))
            done(serviceTypes(*context, path));
        else if (resource == QLatin1String("user"))
            m_users->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("limit"))
            m_limits->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("limit_cache"))
            m_limitCache->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("field_mask"))
            m_fieldMasks->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("ai_budget"))
            m_aiBudgets->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("ai_alias"))
            m_aiAliases->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("ai_usage"))
            m_aiUsage->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("ai_prompt"))
            m_aiPrompts->handle(std::move(context), path, std::move(done));
        else if (resource == QLatin1String("metrics"))
            m_metrics->handle(context, path, done); // copies: `done` must survive a throw
        else if (resource == QLatin1String("log"))
            m_logTail->handle(context, path, done); // copies: `done` must survive a throw
        else
            throw ApiError::notFound(
                QStringLiteral("Resource '%1' not found for service 'system'.").arg(resource));
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    } catch (const std::exception &) {
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("The request is malformed."))));
    }
}

HttpResponse SystemService::serviceTypes(const RequestContext &context, const QStringList &path) const
{
    if (context.verb != VerbGet)
        throw ApiError::methodNotAllowed(QStringLiteral("Service types are read-only."));
    if (path.size() > 1)
        throw ApiError::notFound(QStringLiteral("Resource not found for service 'system'."));
    const QStringList known{QStringLiteral("name"),          QStringLiteral("label"),
                            QStringLiteral("group"),         QStringLiteral("description"),
                            QStringLiteral("secret_fields"), QStringLiteral("config_schema"),
                            QStringLiteral("testable")};
    QStringList fields;
    for (const QString &f :
         context.paramAny({"fields", "select"}).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = f.trimmed();
        if (name == QLatin1String("*"))
            continue;
        if (!known.contains(name))
            throw ApiError::badRequest(QStringLiteral("Invalid field requested: %1").arg(name));
        fields << name;
    }
    auto describe = [&fields](const ServiceType &type) {
        Json entry{{"name", type.name},
                   {"label", type.label},
                   {"group", type.group},
                   {"description", type.description},
                   {"secret_fields", type.secretFields},
                   {"config_schema", configschema::toJson(type.configSchema)},
                   {"testable", bool(type.probe)}};
        if (fields.isEmpty())
            return entry;
        Json narrowed = Json::object();
        for (const QString &f : fields)
            narrowed[f.toStdString()] = entry[f.toStdString()];
        return narrowed;
    };
    if (path.size() == 1) {
        const ServiceType *type = m_services.type(path.first());
        if (!type || type->builtIn)
            throw ApiError::notFound(QStringLiteral("Service type '%1' not found.").arg(path.first()));
        return HttpResponse::json(describe(*type));
    }
    Json list = Json::array();
    for (const ServiceType *type : m_services.types())
        if (!type->builtIn)
            list.push_back(describe(*type));
    return HttpResponse::json(Json{{"resource", list}});
}
} // namespace gatehouse
