#pragma once

#include <memory>

#include <QSqlDatabase>

#include "core/Json.h"
#include "services/Service.h"

namespace gatehouse {

class SystemStore;

// GET /system/metrics?range=1h|24h|7d|30d: what the console's dashboard draws, computed from
// audit_log and ai_usage_log in one read job on the system store's executor. Requests and
// errors per time bucket, exact p50/p95 latency, top services and users, AI spend against each
// active budget's current period and tokens by model. The SQL is the subset SQLite,
// PostgreSQL and MySQL share (SUBSTR, CASE, GROUP BY, LIMIT/OFFSET); buckets are prefixes of
// the stored "yyyy-MM-dd HH:mm:ss.zzz" timestamps, so no date functions are needed.
class MetricsResource
{
public:
    explicit MetricsResource(SystemStore &store);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done) const;

    // Worker side; `range` is one of ranges(); `nowMs` the end of the window.
    static Json compute(QSqlDatabase &db, const QString &range, qint64 nowMs);
    static const QStringList &ranges();

private:
    SystemStore &m_store;
};
} // namespace gatehouse
