#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;

// GET /system/script_error[?name=]: the last errors of every script (or one), newest first,
// from ScriptErrorLog; DELETE /system/script_error?name= clears one script's (without a name:
// all of them).
class ScriptErrorResource
{
public:
    explicit ScriptErrorResource(ServiceManager &services);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done) const;

private:
    ServiceManager &m_services;
};
} // namespace gatehouse
