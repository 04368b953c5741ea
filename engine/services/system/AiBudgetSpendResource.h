#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class SystemStore;

// GET /system/ai_budget/_spend: every budget of /system/ai_budget with what has been spent in
// its current period (UTC calendar window, as AiBudgetLedger counts it), so the console can draw
// spend against the limit. The spend is summed from ai_usage_log with the dimension filter the
// ledger seeds its counters with, so it is the settled spend: calls still in flight (the
// ledger's reservations) and usage rows not yet flushed (BatchedLogWriter, well under a second)
// are not in it. Read-only; RBAC as for ai_budget (admins, or a role granting ai_budget/*).
class AiBudgetSpendResource
{
public:
    explicit AiBudgetSpendResource(SystemStore &store);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done) const;

private:
    SystemStore &m_store;
};
} // namespace gatehouse
