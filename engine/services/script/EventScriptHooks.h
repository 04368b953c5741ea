#pragma once

#include <functional>
#include <memory>

#include "EventScriptNames.h"
#include "EventScriptTable.h"
#include "http/HttpResponse.h"

namespace gatehouse {

struct RequestContext;
class ScriptRunner;

// The gate's pre_process and post_process stages (RequestGate::dispatch, after RBAC, for client
// and internal requests alike). Pre-process scripts run in order (generic name, then specific)
// and may change event.request when their row allows it (parameters, body, non-credential
// headers) or answer in the service's place by setting event.response. Post-process scripts see
// event.response {status_code, content, headers} and may change it when allowed. A failing
// script answers 500 naming the event and line. Streamed responses skip post_process.
class EventScriptHooks
{
public:
    using Reply = std::function<void(HttpResponse)>;
    // Runs the service for the (possibly changed) request.
    using Handler = std::function<void(std::shared_ptr<RequestContext>, Reply)>;

    // False when no active script matches the request (one hash lookup for a service without
    // scripts): the caller runs `handler` itself. True: the hooks took the request over and
    // call `reply` exactly once, on the event loop thread.
    static bool intercept(const std::shared_ptr<const EventScriptTable> &table, ScriptRunner *runner,
                          const std::shared_ptr<RequestContext> &context, const Handler &handler,
                          const Reply &reply);

    // event.request / event.response as the scripts see them (exposed for tests and script_test).
    static Json requestEvent(const RequestContext &context, const QString &resource);
    static Json responseEvent(const HttpResponse &response);
    // Applies a script's event.request to the request the service will see.
    static void applyRequest(RequestContext &context, const Json &request);
    // Applies a script's event.response to a response; `original`: what the script was given.
    static void applyResponse(HttpResponse &response, const Json &changed, const Json &original);
    // A response a pre_process script answered with (event.response).
    static HttpResponse shortCircuit(const Json &response);
};
} // namespace gatehouse
