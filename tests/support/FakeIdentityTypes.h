#pragma once

#include <QList>
#include <QString>

#include "core/Json.h"

namespace gatehouse {
class ServiceManager;
}

namespace gatehouse::test {

// Stand-in `ldap`, `adldap` and `oidc` service types for tests of what surrounds identity
// services (the console, /system/environment, /system/service/_test) rather than of the
// directories themselves: they need no slapd or IdP. install() registers them on an engine's
// ServiceManager, replacing the real types of that engine only (their config_schema is kept).
//   ldap / adldap: secret field bind_password; password sign-in always fails as an unreachable
//     directory does (504, "The directory server at <host>:<port> cannot be reached.").
//   oidc: secret field client_secret; browser sign-in redirects to <issuer>/authorize.
//   probe: steps "connect" (host or issuer set) and "bind"/"discovery" (the secret equals
//     kProbeSecret); every config a probe receives is kept in probedConfigs().
class FakeIdentityTypes
{
public:
    static constexpr const char *kProbeSecret = "Probe-Secret-0451";

    static void install(ServiceManager &services);
    static QList<Json> &probedConfigs();
};
} // namespace gatehouse::test
