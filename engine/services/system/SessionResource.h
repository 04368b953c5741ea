#pragma once

#include <memory>

#include "security/ExternalIdentity.h"
#include "security/SessionHandoffCodes.h"
#include "services/Service.h"

namespace gatehouse {

class SystemStore;
class ServiceManager;
class IdentityProvider;
class Service;
struct JwtClaims;
struct User;

// Sign-in, session info, refresh and sign-out (reference §4.1), for one of two audiences:
// /system/admin/session (system admins; no API key needed) and /user/session (any active user;
// an API key is required to sign in, since the app decides the role). The gate does not
// authenticate these routes; the handler reads and checks the credentials itself. Passwords are
// verified on the hashing pool, failed sign-ins go through the store's LoginThrottle, and
// revocations are written to the system database (so they survive restarts and reach other
// nodes) and published in the snapshot before the reply is sent.
class SessionResource : public std::enable_shared_from_this<SessionResource>
{
public:
    enum class Audience
    {
        Admins,
        Users
    };
    SessionResource(SystemStore &store, const ServiceManager &services, Audience audience = Audience::Admins);

    void handle(std::shared_ptr<const RequestContext> context, Service::Completion done);
    // Records the sign-in and answers with a new session for `user` (whose tokenEpoch must be
    // current). Used by sign-in and by a password change with ?login=true.
    void issue(std::shared_ptr<const RequestContext> context, const User &user, Service::Completion done);

    // The session token of a request: header, query or a JSON body's session_token.
    static QString tokenFrom(const RequestContext &context);

private:
    void login(std::shared_ptr<const RequestContext> context, Service::Completion done);
    // Sign-in through an identity service (reference §4.1: {"service": "<ldap service>"} on POST,
    // ?service=<oidc service> and ?oauth_callback=true on GET).
    void loginThroughService(std::shared_ptr<const RequestContext> context, const QString &serviceName,
                             Service::Completion done);
    void browserSignIn(std::shared_ptr<const RequestContext> context, Service::Completion done);
    // POST {"service", "exchange_code"}: the session a browser sign-in handed to a front end.
    void exchangeHandoff(const QString &serviceName, const QString &code, Service::Completion done);
    // The identity service named `name`, or 400.
    std::shared_ptr<Service> identityService(const QString &name) const;
    // Provisions the person and answers with a session, under the same audience, app and role
    // rules as a password sign-in.
    void finishExternal(std::shared_ptr<const RequestContext> context, std::shared_ptr<Service> service,
                        const ExternalIdentity &identity, Service::Completion done);
    // The API key a user sign-in needs (the app decides the role); throws 400/401/403.
    void requireAppKey(const RequestContext &context) const;
    void info(const RequestContext &context, Service::Completion done);
    void refresh(std::shared_ptr<const RequestContext> context, Service::Completion done);
    void logout(std::shared_ptr<const RequestContext> context, Service::Completion done);
    void requireAudience(const User &user) const;
    // The reference's session object; `lastLogin` as stored.
    Json sessionJson(const QString &token, const JwtClaims &claims, const User &user,
                     const QString &lastLogin, const RequestContext &context) const;

    SystemStore &m_store;
    const ServiceManager &m_services;
    Audience m_audience;
    // Sessions of browser sign-ins waiting for their front end (one-time codes, 60 s).
    SessionHandoffCodes m_handoffs;
};
} // namespace gatehouse
