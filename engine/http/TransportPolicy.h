#pragma once

#include <memory>
#include <optional>

#include "HostAllowList.h"
#include "HttpRequest.h"
#include "HttpResponse.h"

namespace gatehouse {

struct Config;
class CorsPolicy;
class SystemStore;

// The gate's transport rules: what `admit` checks before anything else (Host allow-list, CORS
// preflight) and what `finish` adds to every response (CORS headers of actual requests and the
// security headers). The CORS rules come from the store's current AccessSnapshot.
class TransportPolicy
{
public:
    TransportPolicy(const Config &config, const SystemStore *store);

    // A response that ends the request here: 421 for a Host outside the allow-list, 400 for a
    // malformed one, the answer to a CORS preflight.
    std::optional<HttpResponse> admit(const HttpRequest &request) const;
    // CORS headers for actual requests, then the security headers.
    void finish(const HttpRequest &request, HttpResponse &response) const;

    // Every response: nosniff, no framing (X-Frame-Options and CSP frame-ancestors), no
    // referrer, no caching (unless the handler chose a Cache-Control), and HSTS over TLS only
    // (over plain HTTP it would be ignored, and it must never pin a host that has no TLS).
    static void addSecurityHeaders(const HttpRequest &request, HttpResponse &response);

    const HostAllowList &hosts() const { return m_hosts; }

private:
    std::shared_ptr<const CorsPolicy> cors() const;

    HostAllowList m_hosts;
    const SystemStore *m_store;
};
} // namespace gatehouse
