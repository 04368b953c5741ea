#pragma once

#include <functional>
#include <memory>

#include <QString>

#include "RequestContext.h"
#include "core/Json.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// The stored definition of a service (a row of the system `service` table).
struct ServiceInfo
{
    qint64 id = 0;
    QString name;
    QString label;
    QString description;
    QString type;
    bool isActive = true;
    Json config = Json::object();
};

// A mounted service. handle() is called on the event loop thread; it must not block, and
// it calls `done` exactly once, on the event loop thread.
class Service
{
public:
    using Completion = std::function<void(HttpResponse)>;

    explicit Service(ServiceInfo info)
        : m_info(std::move(info))
    {
    }
    virtual ~Service() = default;
    Service(const Service &) = delete;
    Service &operator=(const Service &) = delete;

    const ServiceInfo &info() const { return m_info; }

    // Component names for RBAC editors and docs, e.g. "_table/*", "_table/orders".
    virtual QStringList accessComponents() const = 0;
    // Routes that authenticate themselves (sign-in, session verbs): the gate demands no
    // credentials on them and skips RBAC. `resource` is the path below the service.
    virtual bool isPublicRoute(const QString &resource, int verb) const
    {
        Q_UNUSED(resource);
        Q_UNUSED(verb);
        return false;
    }
    // Services that route to other services (the OpenAI drop-in routes by model alias) check
    // RBAC against the target themselves: the gate still authenticates, then skips its check.
    virtual bool authorizesItself() const { return false; }
    virtual void handle(std::shared_ptr<const RequestContext> context, Completion done) = 0;

private:
    ServiceInfo m_info;
};
} // namespace gatehouse
