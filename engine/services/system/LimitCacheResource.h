#pragma once

#include <memory>

#include <QStringList>

#include "services/Service.h"

namespace gatehouse {

class RateLimiter;
class SystemStore;
struct RequestContext;

// /system/limit_cache: the counters behind the rate limits (reference §6).
//   GET                          {"resource":[{id,key,max,attempts,remaining}]}, every limit; one
//                                entry per active non-admin user for each-user limits
//   GET {id}                     that limit's entry (a {"resource":[...]} list for each-user limits)
//   DELETE {id}                  resets that limit (every user's counter for each-user limits)
//   DELETE ?ids=1,2              resets those limits
//   DELETE ?allow_delete=true    resets everything (force=true is accepted too)
class LimitCacheResource : public std::enable_shared_from_this<LimitCacheResource>
{
public:
    LimitCacheResource(SystemStore &store, RateLimiter *limiter);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done);

private:
    void dispatch(const RequestContext &context, const QStringList &path, const Service::Completion &done);
    void read(std::optional<qint64> id, Service::Completion done);
    void clear(QList<qint64> ids, bool all, bool single, Service::Completion done);

    SystemStore &m_store;
    RateLimiter *m_limiter;
};
} // namespace gatehouse
