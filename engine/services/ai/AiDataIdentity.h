#pragma once

#include "AiConnection.h"
#include "security/AccessTypes.h"

namespace gatehouse {

// Who data-chat tools and AI endpoint queries run as. With a `data_access_api_key`, the key's
// app and the role it gives the caller (the caller's user_to_app_to_role mapping for that app,
// else the app's default role), combined with the caller's user, so `{user.id}` lookups and row
// filters still name the real person. Never with admin powers: a sys-admin caller is treated
// as an ordinary user of the data-access app, because the point of the key is that the admin
// who configured the connection decides what the model may see, not whoever happens to call.
// Without a key the caller's own session is used as it is.
class AiDataIdentity
{
public:
    // Throws ApiError: 503 when the key is not (or no longer) valid or its app is inactive, 403
    // when it gives no active role.
    static Session resolve(const AiConnection &connection, const Session &caller, const QString &serviceName);
};
} // namespace gatehouse
