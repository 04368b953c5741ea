#pragma once

#include <QList>

#include "OpenApiBuilder.h"
#include "core/Json.h"

namespace gatehouse {

// The OpenAPI paths of the built-in `user` service: the signed-in user's session, profile and
// password (its routes are open to every role, so the caller filter keeps them all).
class UserServiceDocs
{
public:
    static const QList<OpenApiOperation> &operations();
    static Json openApi();
};
} // namespace gatehouse
