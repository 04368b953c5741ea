#pragma once

#include <functional>
#include <memory>

#include "http/HttpResponse.h"

namespace gatehouse {

class InternalDispatcher;
class Service;
struct RequestContext;

// `GET /api/v2/{service}/_spec`, answered by the gate's dispatch stage before the service's own
// routing, on every service (reference §9.2): the service's OpenAPI document (full,
// `compact=true`, `resource_name=`) or, for database services, its data model (`model=true`,
// `stock=true`; DataModelBuilder). Needs GET on component `_spec` (or a wildcard covering it);
// admins always; the built-in services (id 0, which roles cannot name) to every caller.
class SpecRequest
{
public:
    static bool matches(const RequestContext &context);
    // Throws ApiError 403 when the caller may not read the spec.
    static void authorize(const RequestContext &context, const Service &service);
    // Answers on the event loop thread, through `done`, exactly once.
    static void handle(std::shared_ptr<const RequestContext> context, std::shared_ptr<Service> service,
                       InternalDispatcher *dispatcher, std::function<void(HttpResponse)> done);
};
} // namespace gatehouse
