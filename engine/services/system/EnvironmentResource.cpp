#include "EnvironmentResource.h"

#include <algorithm>

#include "core/ApiError.h"
#include "core/Version.h"
#include "services/IdentityProvider.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"

namespace gatehouse {

EnvironmentResource::EnvironmentResource(const ServiceManager &services)
    : m_services(services)
{
}

void EnvironmentResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                                 Service::Completion done) const
{
    if (!path.isEmpty())
        throw ApiError::notFound(QStringLiteral("Resource 'environment/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    if (context->verb != VerbGet)
        throw ApiError::methodNotAllowed(QStringLiteral("The environment is read-only."));
    done(HttpResponse::json(describe()));
}

Json EnvironmentResource::describe() const
{
    QList<std::shared_ptr<Service>> services = m_services.all();
    std::sort(services.begin(), services.end(),
              [](const auto &a, const auto &b) { return a->info().name < b->info().name; });
    Json adldap = Json::array();
    Json ldap = Json::array();
    Json oauth = Json::array();
    for (const auto &service : services) {
        const ServiceInfo &info = service->info();
        IdentityProvider *provider = info.isActive ? service->identityProvider() : nullptr;
        if (!provider)
            continue;
        const QString kind = provider->signInKind();
        Json entry{{"name", info.name},
                   {"label", info.label.isEmpty() ? info.name : info.label},
                   {"type", info.type}};
        if (kind == QLatin1String("oidc")) {
            // The browser starts here; the gateway answers with a redirect to the provider.
            entry["verb"] = "GET";
            entry["path"] = QStringLiteral("user/session?service=%1").arg(info.name);
            oauth.push_back(std::move(entry));
        } else if (kind == QLatin1String("ldap") || kind == QLatin1String("adldap")) {
            entry["verb"] = "POST";
            entry["path"] = "user/session";
            (kind == QLatin1String("adldap") ? adldap : ldap).push_back(std::move(entry));
        }
    }
    return Json{{"platform", {{"version", kVersion}, {"api_version", "2.0"}}},
                {"authentication",
                 {{"login_attribute", "email"},
                  {"allow_open_registration", false},
                  {"adldap", adldap},
                  {"ldap", ldap},
                  {"oauth", oauth}}}};
}
} // namespace gatehouse
