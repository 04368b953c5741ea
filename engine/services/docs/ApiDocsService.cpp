#include "ApiDocsService.h"

#include <algorithm>

#include "OpenApiBuilder.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"

namespace gatehouse {
namespace {

// Waits for every service's prepareDocs, then runs `ready` once.
void prepareAll(const QList<std::shared_ptr<Service>> &services, std::function<void()> ready)
{
    auto remaining = std::make_shared<int>(int(services.size()) + 1);
    auto shared = std::make_shared<std::function<void()>>(std::move(ready));
    const auto arrive = [remaining, shared] {
        if (--*remaining == 0)
            (*shared)();
    };
    for (const std::shared_ptr<Service> &service : services)
        service->prepareDocs(arrive);
    arrive();
}
} // namespace

ApiDocsService::ApiDocsService(ServiceManager &services)
    : Service(builtInInfo())
    , m_services(services)
{
}

ServiceInfo ApiDocsService::builtInInfo()
{
    ServiceInfo info;
    info.id = 0;
    info.name = QStringLiteral("api_docs");
    info.label = QStringLiteral("Live API Docs");
    info.description = QStringLiteral("OpenAPI 3.0 documents of the services the caller can reach.");
    info.type = QStringLiteral("swagger");
    return info;
}

QStringList ApiDocsService::accessComponents() const
{
    return {QString(), QStringLiteral("*")};
}

void ApiDocsService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    try {
        if (context->verb != VerbGet)
            throw ApiError::methodNotAllowed(QStringLiteral("Only GET is supported on api_docs."));
        if (context->resourceParts.size() > 1)
            throw ApiError::notFound(
                QStringLiteral("Resource '%1' not found for service 'api_docs'.").arg(context->resource));
        const bool expand = context->boolParam(QStringLiteral("expand_schema"));
        context->boolParam(QStringLiteral("refresh")); // accepted: documents are built per request
        const QString name = context->resourceParts.value(0).toLower();
        QList<std::shared_ptr<Service>> services;
        if (name.isEmpty()) {
            for (const std::shared_ptr<Service> &service : m_services.all())
                if (service->info().isActive && service->info().name != info().name)
                    services << service;
            std::sort(services.begin(), services.end(),
                      [](const auto &a, const auto &b) { return a->info().name < b->info().name; });
        } else {
            const std::shared_ptr<Service> service = m_services.find(name);
            if (!service || !service->info().isActive)
                throw ApiError::notFound(QStringLiteral("Could not find a service for %1").arg(name));
            services << service;
        }
        prepareAll(services, [context, services, name, expand, done = std::move(done)] {
            if (name.isEmpty()) {
                done(HttpResponse::json(OpenApiBuilder::combinedDocument(services, *context, expand)));
                return;
            }
            const Service &service = *services.first();
            Json doc = OpenApiBuilder::serviceDocument(service, *context, expand, true);
            // A service the caller cannot reach at all (its own _spec aside) is not shown.
            if (!context->session.isSysAdmin() &&
                (doc["paths"].empty() || (doc["paths"].size() == 1 && doc["paths"].contains("/_spec")))) {
                done(HttpResponse::fromError(ApiError::forbidden(
                    QStringLiteral("Access Forbidden. The role has no access to service '%1'.").arg(name))));
                return;
            }
            done(HttpResponse::json(doc));
        });
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    }
}
} // namespace gatehouse
