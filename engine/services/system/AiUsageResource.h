#pragma once

#include "LogRecordResource.h"

namespace gatehouse {

// /system/ai_usage: one row per LLM call (tokens, cost, latency, outcome), read-only, filtered
// and paged like /system/audit. Admins only unless a role grants `ai_usage`.
class AiUsageResource : public LogRecordResource
{
public:
    explicit AiUsageResource(SystemStore &store);
};
} // namespace gatehouse
