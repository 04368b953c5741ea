#pragma once

#include <memory>

#include <QList>
#include <QString>

#include "core/Json.h"

namespace gatehouse {

class Service;
struct RequestContext;

// Builds OpenAPI 3.0 documents (`_spec`, api_docs) from what services describe of themselves
// (Service::openApi) and trims them to what one caller may use. Services describe operations
// with the helpers here so every document has the same shape: inline parameters, the shared
// `Error` schema and response on every operation, the RBAC component in "x-gh-component"
// until the caller filter has used it.
// One row of a service's table of operations (AiServiceDocs, UserServiceDocs).
struct OpenApiOperation
{
    const char *path;      // below the service, e.g. "/chat" or "/endpoint/{name}"
    const char *method;    // get, post ...
    const char *component; // RBAC component, e.g. "chat" or "endpoint/*"
    const char *operationId;
    const char *summary;
    const char *requestSchema;  // a schema name in the service's components, or nullptr
    const char *responseSchema; // a schema name in the service's components, or nullptr
};

class OpenApiBuilder
{
public:
    static constexpr const char *kVersion = "3.0.3";

    // One operation. `component` is the RBAC component it needs ("_table/*" for a templated
    // path). `requestSchema`/`responseSchema` are schema objects (often ref()), null for none.
    static Json operation(const QString &operationId, const QString &summary, const QString &component,
                          Json parameters = Json::array(), Json requestSchema = nullptr,
                          Json responseSchema = nullptr, const QString &description = {});
    static Json queryParam(const char *name, const char *type, const QString &description);
    static Json pathParam(const char *name, const QString &description);
    static Json ref(const QString &schemaName);
    // Schemas every document has: Error, ResourceList, Records, RecordsRequest, Record.
    static Json sharedSchemas();
    static bool isSharedSchema(const QString &name);

    // Paths from a table of operations; "{name}" segments become path parameters.
    static Json pathsFromOperations(const QList<OpenApiOperation> &operations);
    // The generic paths of a service built from its accessComponents(): "x" → /x, "x/*" →
    // /x/{id}, each with the five verbs (the caller filter trims them); concrete sub-components
    // ("x/y") are left out.
    static Json genericPaths(const Service &service);

    // Whether `caller` may use `verb` on `component` of `service`, as the gate would decide
    // (admins always; public routes; a templated "x/*" when any concrete "x/y" is allowed; the
    // gate's "any access on the service" rule for the service root and its lists).
    static bool mayUse(const Service &service, const RequestContext &caller, const QString &component,
                       int verb);

    // The document of one service for `caller`: {"openapi", "info", "servers":[/api/v2/{svc}],
    // "security", "tags", "paths", "components"}; operations the caller may not use are gone.
    // `allSchemes`: the six DreamFactory security schemes (api_docs), else the two headers.
    static Json serviceDocument(const Service &service, const RequestContext &caller, bool expand,
                                bool allSchemes);
    // One document for several services: paths prefixed with the service name, one tag per
    // service, operationIds and service-specific schema names prefixed to stay unique.
    // Services with no operation left for the caller are left out.
    static Json combinedDocument(const QList<std::shared_ptr<Service>> &services,
                                 const RequestContext &caller, bool expand);

    // `_spec?compact=true`: endpoints as a flat list without schemas.
    static Json compact(const Json &document);
    // `_spec?resource_name=`: only the paths with a segment equal to `resource` and the schemas
    // they reference; null when no path mentions it.
    static Json forResource(const Json &document, const QString &resource);

private:
    // Trims `paths` to what the caller may use, adds error responses, drops "x-gh-component".
    static Json filterPaths(const Json &paths, const Service &service, const RequestContext &caller);
    static Json securitySchemes(bool all);
};
} // namespace gatehouse
