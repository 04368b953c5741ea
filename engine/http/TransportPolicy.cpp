#include "TransportPolicy.h"

#include "CorsPolicy.h"
#include "core/ApiError.h"
#include "core/Config.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {

void setIfAbsent(HttpResponse &response, const QByteArray &name, const QByteArray &value)
{
    for (const auto &header : response.headers)
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return;
    response.headers.append({name, value});
}
} // namespace

TransportPolicy::TransportPolicy(const Config &config, const SystemStore *store)
    : m_hosts(config.allowedHosts, config.listenAddress)
    , m_store(store)
{
}

std::shared_ptr<const CorsPolicy> TransportPolicy::cors() const
{
    if (!m_store)
        return nullptr;
    const auto snapshot = m_store->snapshot();
    return snapshot ? snapshot->cors : nullptr;
}

std::optional<HttpResponse> TransportPolicy::admit(const HttpRequest &request) const
{
    if (!m_hosts.allowsAny() && request.headers.contains("host")) {
        const QByteArray value = request.header("host");
        const QString host = HostAllowList::hostOf(value);
        if (host.isEmpty())
            return HttpResponse::fromError(ApiError::badRequest(QStringLiteral("Malformed Host header.")));
        if (!m_hosts.allows(host))
            return HttpResponse::fromError(
                ApiError(421, QStringLiteral("Host '%1' is not served here (see allowed_hosts).").arg(host)));
    }
    if (CorsPolicy::isPreflight(request)) {
        const auto policy = cors();
        if (!policy)
            return HttpResponse::fromError(
                ApiError::forbidden(QStringLiteral("CORS: no cross-origin access is configured.")));
        return policy->preflight(request);
    }
    return std::nullopt;
}

void TransportPolicy::finish(const HttpRequest &request, HttpResponse &response) const
{
    if (const auto policy = cors())
        policy->decorate(request, response);
    addSecurityHeaders(request, response);
}

void TransportPolicy::addSecurityHeaders(const HttpRequest &request, HttpResponse &response)
{
    setIfAbsent(response, "X-Content-Type-Options", "nosniff");
    setIfAbsent(response, "X-Frame-Options", "DENY");
    setIfAbsent(response, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    setIfAbsent(response, "Referrer-Policy", "no-referrer");
    setIfAbsent(response, "Cache-Control", "no-store");
    if (request.encrypted)
        setIfAbsent(response, "Strict-Transport-Security", "max-age=31536000");
}
} // namespace gatehouse
