#include "LimitCacheResource.h"

#include <algorithm>

#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/RateLimiter.h"
#include "services/RequestContext.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

ApiError notFound(const QString &id)
{
    return ApiError::notFound(QStringLiteral("Record with identifier '%1' not found.").arg(id));
}

ApiError unavailable()
{
    return ApiError(503, QStringLiteral("The rate limit counters cannot be reached. Try again later."));
}
} // namespace

LimitCacheResource::LimitCacheResource(SystemStore &store, RateLimiter *limiter)
    : m_store(store)
    , m_limiter(limiter)
{
}

void LimitCacheResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                                Service::Completion done)
{
    // The caller hands `done` over: every error is answered here.
    try {
        dispatch(*context, path, done);
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    }
}

void LimitCacheResource::dispatch(const RequestContext &request, const QStringList &path,
                                  const Service::Completion &done)
{
    const RequestContext *context = &request;
    if (!m_limiter)
        throw ApiError(503, QStringLiteral("Rate limits are not available."));
    if (path.size() > 1)
        throw ApiError::notFound(QStringLiteral("Resource 'limit_cache/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    std::optional<qint64> id;
    if (path.size() == 1) {
        id = parseId(path.first());
        if (!id)
            throw notFound(path.first());
    }
    switch (context->verb) {
    case VerbGet:
        read(id, done);
        return;
    case VerbDelete: {
        if (id) {
            clear({*id}, false, true, done);
            return;
        }
        if (context->boolParam(QStringLiteral("allow_delete")) ||
            context->boolParam(QStringLiteral("force"))) {
            clear({}, true, false, done);
            return;
        }
        QList<qint64> ids;
        for (const QString &text :
             context->request.queryValue(QStringLiteral("ids")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto one = parseId(text);
            if (!one)
                throw ApiError::badRequest(QStringLiteral("Invalid identifier '%1'.").arg(text.trimmed()));
            ids << *one;
        }
        if (ids.isEmpty())
            throw ApiError::badRequest(QStringLiteral(
                "No record(s) detected in request. Use ?ids=, a limit id in the path, or allow_delete=true "
                "to reset every counter."));
        clear(ids, false, false, done);
        return;
    }
    default:
        throw ApiError::methodNotAllowed(QStringLiteral("The limit cache supports only GET and DELETE."));
    }
}

void LimitCacheResource::read(std::optional<qint64> id, Service::Completion done)
{
    const auto snapshot = m_store.snapshot();
    QList<RateLimit> limits;
    bool eachUser = false;
    for (const RateLimit &limit : snapshot->limits) {
        if (id && limit.id != *id)
            continue;
        limits << limit;
        eachUser = limit.isEachUser();
    }
    if (id && limits.isEmpty())
        throw notFound(QString::number(*id));
    const bool single = id.has_value() && !eachUser;
    m_limiter->entries(limits, snapshot->users.values(),
                       [single, done = std::move(done)](QList<RateLimitCacheEntry> entries, int failure) {
                           if (failure) {
                               done(HttpResponse::fromError(unavailable()));
                               return;
                           }
                           if (single && entries.size() == 1) {
                               done(HttpResponse::json(entries.first().toJson()));
                               return;
                           }
                           Json list = Json::array();
                           for (const RateLimitCacheEntry &entry : entries)
                               list.push_back(entry.toJson());
                           done(HttpResponse::json(Json{{"resource", list}}));
                       });
}

void LimitCacheResource::clear(QList<qint64> ids, bool all, bool single, Service::Completion done)
{
    if (all) {
        m_limiter->reset(std::nullopt, [done = std::move(done)](bool ok) {
            done(ok ? HttpResponse::json(Json{{"success", true}}) : HttpResponse::fromError(unavailable()));
        });
        return;
    }
    const auto snapshot = m_store.snapshot();
    for (const qint64 id : ids) {
        const bool known = std::any_of(snapshot->limits.cbegin(), snapshot->limits.cend(),
                                       [id](const RateLimit &limit) { return limit.id == id; });
        if (!known)
            throw notFound(QString::number(id));
    }
    m_limiter->reset(ids, [ids, single, done = std::move(done)](bool ok) {
        if (!ok) {
            done(HttpResponse::fromError(unavailable()));
            return;
        }
        if (single) {
            done(HttpResponse::json(Json{{"id", ids.first()}}));
            return;
        }
        Json results = Json::array();
        for (const qint64 id : ids)
            results.push_back(Json{{"id", id}});
        done(HttpResponse::json(Json{{"resource", results}}));
    });
}
} // namespace gatehouse
