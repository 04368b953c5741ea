#pragma once

#include <QList>

#include "OpenApiBuilder.h"
#include "core/Json.h"

namespace gatehouse {

class Service;

// The OpenAPI paths of an `ai` service (AI Connection). One row of kOperations per operation,
// so features that add endpoints (data-chat, endpoint/{name}) add a row here.
class AiServiceDocs
{
public:
    using Operation = OpenApiOperation;
    static const QList<Operation> &operations();
    // The request/response schemas the operations name.
    static Json schemas();
    static Json openApi(const Service &service);
};
} // namespace gatehouse
