#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

// GET /system/log?after=<seq>&limit=<n>: the engine's recent log lines (LogTail) newer than
// `after`, oldest first, for a client that polls with the last sequence number it saw.
// System admins only, even when a role grants `log`: log lines name users, services and
// paths across every tenant of the gateway.
class LogTailResource
{
public:
    LogTailResource();

    static constexpr int kDefaultLimit = 200;
    static constexpr int kMaxLimit = 1000;

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done) const;
};
} // namespace gatehouse
