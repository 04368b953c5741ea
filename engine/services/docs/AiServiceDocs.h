#pragma once

#include "core/Json.h"

namespace gatehouse {

class Service;

// The OpenAPI paths of an `ai` service (AI Connection). One row of kOperations per operation,
// so features that add endpoints (data-chat, endpoint/{name}) add a row here.
class AiServiceDocs
{
public:
    struct Operation
    {
        const char *path;      // below the service, e.g. "/chat" or "/endpoint/{name}"
        const char *method;    // get, post ...
        const char *component; // RBAC component, e.g. "chat" or "endpoint/*"
        const char *operationId;
        const char *summary;
        const char *requestSchema;  // a schema name in schemas(), or nullptr
        const char *responseSchema; // a schema name in schemas(), or nullptr
    };
    static const QList<Operation> &operations();
    // The request/response schemas the operations name.
    static Json schemas();
    static Json openApi(const Service &service);
};
} // namespace gatehouse
