#pragma once

#include <functional>

#include <QHash>
#include <QObject>

#include "AccessTypes.h"
#include "ExternalIdentity.h"
#include "IdentityRoleMap.h"
#include "http/HttpResponse.h"

namespace gatehouse {

class SystemStore;

// Turns an ExternalIdentity into a Gatehouse user: created at the first sign-in, updated at
// later ones (name, email, groups, attributes, admin status and per-app roles from the
// service's IdentityRoleMap), in one transaction on the system database, and published in the
// access snapshot before the callback runs. Lives on the event loop thread.
//
// Rules:
// - A user is found by (service, subject). An existing account with the same email that
//   belongs to no identity service, or to another one, is never taken over: 409.
// - A user an admin has deactivated stays deactivated: 403, nothing is updated.
// - With no email from the source, the address is "<username>@<service>.invalid" (RFC 2606).
// - When the map manages roles, the user's app mappings are replaced by what it resolves to.
// - Losing admin status (admin_groups) revokes the user's sessions (token epoch).
// Repeated sign-ins and bearer-token requests that change nothing do not write: when the
// snapshot already holds exactly what the identity resolves to, the user comes from it at once.
class IdentityProvisioner : public QObject
{
    Q_OBJECT
public:
    explicit IdentityProvisioner(SystemStore &store, QObject *parent = nullptr);

    // Exactly one callback runs, on the event loop thread (possibly before this returns when
    // nothing needs writing).
    void provision(const ExternalIdentity &identity, const IdentityRoleMap &roles,
                   std::function<void(User)> onUser, std::function<void(HttpResponse)> onError);

    // The placeholder email of a source that gave none.
    static QString placeholderEmail(const ExternalIdentity &identity);

private:
    SystemStore &m_store;
    QHash<QString, qint64> m_known; // "serviceId:subject" → user id, once provisioned
};
} // namespace gatehouse
