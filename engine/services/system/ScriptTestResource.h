#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;

// POST /system/script_test (system admins only): the console's "Run with sample". Runs
// {"name"?, "content", "event"?, "config"?, "allowed_hosts"?} once under the caller's identity
// (its platform.api calls are real) and answers 200 {"success", "result", "event", "response"
// (what a scripted service would answer), "logs", "error": {kind, name, message, line} | null,
// "duration_ms"}.
class ScriptTestResource
{
public:
    explicit ScriptTestResource(ServiceManager &services);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done) const;

private:
    ServiceManager &m_services;
};
} // namespace gatehouse
