#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QString>

#include "http/HttpResponse.h"
#include "security/ExternalIdentity.h"
#include "security/IdentityRoleMap.h"

namespace gatehouse {

struct RequestContext;

// The part of a service that vouches for people: the `ldap`/`adldap` (password sign-in) and
// `oidc` (browser sign-in and bearer tokens) service types. Service::identityProvider() hands
// it out; SessionResource and the request gate are its only callers. Every callback runs once,
// on the event loop thread, never before the call returns; failures are complete responses
// (401 for bad credentials, 403 for a disabled account, 502/504 when the source is unreachable).
class IdentityProvider
{
public:
    using OnIdentity = std::function<void(ExternalIdentity)>;
    using OnError = std::function<void(HttpResponse)>;

    virtual ~IdentityProvider() = default;

    // "ldap", "adldap" or "oidc": how /system/environment lists the service for sign-in forms.
    virtual QString signInKind() const = 0;
    virtual const IdentityRoleMap &roleMap() const = 0;

    // POST /user/session (and /system/admin/session) with {"service", "username"|"email", "password"}.
    virtual void signInWithPassword(const QString &username, const QString &password, OnIdentity onIdentity,
                                    OnError onError);

    // GET .../session?service=<name>: the answer that starts a browser sign-in (a 302 to the
    // identity provider). `context` is the caller's request (its API key, audience and any
    // client redirect are the provider's to remember in its state).
    virtual void beginBrowserSignIn(std::shared_ptr<const RequestContext> context,
                                    std::function<void(HttpResponse)> done);
    // GET .../session?oauth_callback=true&service=<name>&code&state: the identity behind a
    // completed browser sign-in.
    virtual void completeBrowserSignIn(std::shared_ptr<const RequestContext> context, OnIdentity onIdentity,
                                       OnError onError);

    // Bearer tokens the provider issued, presented directly by clients and agents.
    // Is `issuer` (a token's unverified `iss`) this provider's?
    virtual bool acceptsIssuer(const QString &issuer) const;
    // Verifies `token` in full (signature, iss, exp, nbf and an audience of `audience`, or the
    // provider's configured one when empty) and returns who it names.
    virtual void verifyBearer(const QString &token, const QString &audience, OnIdentity onIdentity,
                              OnError onError);
    // The app whose roles apply to bearer-token callers who send no API key; none: they need one.
    virtual std::optional<qint64> bearerAppId() const { return std::nullopt; }
};
} // namespace gatehouse
