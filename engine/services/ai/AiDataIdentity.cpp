#include "AiDataIdentity.h"

#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/Authenticator.h"

namespace gatehouse {

Session AiDataIdentity::resolve(const AiConnection &connection, const Session &caller,
                                const QString &serviceName)
{
    if (connection.dataAccessApiKey.isEmpty())
        return caller;
    if (!caller.snapshot)
        throw ApiError(503, QStringLiteral("The access state is not loaded yet."));
    Session session;
    session.snapshot = caller.snapshot;
    session.tokenId = caller.tokenId;
    session.tokenExpiry = caller.tokenExpiry;
    try {
        session.app = Authenticator::appForKey(connection.dataAccessApiKey, *caller.snapshot);
    } catch (const ApiError &) {
        // The caller did nothing wrong: the connection's key is stale. Say so without the key.
        throw ApiError(503,
                       QStringLiteral("The data access API key of AI service '%1' is not valid or its app is "
                                      "not active.")
                           .arg(serviceName));
    }
    if (caller.user) {
        User user = *caller.user;
        user.isSysAdmin = false;
        session.user = user;
    }
    const auto roleId = caller.snapshot->roleIdFor(session.user, *session.app);
    if (roleId)
        session.role = caller.snapshot->role(*roleId);
    if (!session.role || !session.role->isActive)
        throw ApiError::forbidden(
            QStringLiteral("The data access app of AI service '%1' gives this caller no active role.")
                .arg(serviceName));
    return session;
}
} // namespace gatehouse
