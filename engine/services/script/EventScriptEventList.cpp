#include "EventScriptEventList.h"

#include "EventScriptNames.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"

namespace gatehouse {

EventScriptEventList::EventScriptEventList(ServiceManager &services)
    : m_services(services)
{
}

void EventScriptEventList::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                                  Service::Completion done)
{
    if (!context->session.isSysAdmin())
        throw ApiError::forbidden(QStringLiteral("Events are listed for system administrators only."));
    if (context->verb != VerbGet)
        throw ApiError::methodNotAllowed(QStringLiteral("Only GET is supported on system/event."));
    if (!path.isEmpty())
        throw ApiError::notFound(QStringLiteral("Resource 'event/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    QList<std::shared_ptr<Service>> services;
    const QString only = context->request.queryValue(QStringLiteral("service")).trimmed().toLower();
    if (!only.isEmpty()) {
        auto service = m_services.find(only);
        if (!service)
            throw ApiError::notFound(QStringLiteral("Could not find a service for %1").arg(only));
        services << service;
    } else {
        services = m_services.all();
    }
    // Each service readies its docs state (a database's schema) asynchronously; the listing is
    // built once the last one has.
    auto pending = std::make_shared<int>(int(services.size()));
    auto finish = [services, done]() {
        QStringList names;
        for (const auto &service : services)
            names << EventScriptNames::forComponents(service->info().name, service->accessComponents());
        Json list = Json::array();
        for (const QString &name : names)
            if (!name.startsWith(QLatin1String("system.event_script")))
                list.push_back(name.toStdString());
        done(HttpResponse::json(Json{{"resource", std::move(list)}}));
    };
    if (services.isEmpty()) {
        finish();
        return;
    }
    for (const auto &service : services)
        service->prepareDocs([pending, finish]() {
            if (--*pending == 0)
                finish();
        });
}
} // namespace gatehouse
