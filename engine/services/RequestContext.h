#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "core/Json.h"
#include "http/HttpRequest.h"
#include "security/AccessTypes.h"

namespace gatehouse {

class Service;

// Everything a service handler needs about one request. Built by the gate on the event loop
// thread, then shared (read-only) with whatever worker runs the handler.
struct RequestContext
{
    HttpRequest request;
    QString requestId;
    QElapsedTimer received;     // started when the gate took the request
    qint64 receivedAtMs = 0;    // wall clock, milliseconds since the epoch
    bool isPublicRoute = false; // a route that authenticates itself (sign-in)
    QByteArray method;          // after verb override
    int verb = 0;               // VerbBit
    int requestor = RequestorApi;
    Session session;
    QString serviceName;
    QString resource;          // path below the service, without leading/trailing slash
    QStringList resourceParts; // resource split on '/'
    bool trailingSlash = false;
    Json body; // parsed JSON body, null when there was none
    // Set for requests the gateway makes on a caller's behalf (InternalDispatcher): what made
    // it ("data-chat", "mcp" ...) and the id of the request that caused it. Both are audited.
    QString origin;
    QString parentRequestId;
    // Script runs nested above this request (0 for a client's request): a scripted service
    // run for it, or its event scripts, run at scriptDepth + 1 (ScriptRunner).
    int scriptDepth = 0;
    // Set when an identity service's bearer token (OIDC/OAuth) authenticated the caller: that
    // service's id and the scopes the token grants (Service::admitCaller checks them).
    qint64 bearerServiceId = 0;
    QStringList bearerScopes;

    // Query parameter, falling back to the same key in a JSON object body (DF merges them).
    bool hasParam(const QString &key) const;
    QString param(const QString &key, const QString &fallback = {}) const;
    // First present key among aliases, e.g. {"fields","select"}.
    QString paramAny(std::initializer_list<const char *> keys, const QString &fallback = {}) const;
    bool hasParamAny(std::initializer_list<const char *> keys) const;
    // DF booleans: true/false/1/0 (case-insensitive); anything else is a 400.
    bool boolParam(const QString &key, bool fallback = false) const;
    // Values for a filter's :name placeholders: the body's "params" object, else ?params= as a
    // JSON object; an array value serves "field IN :name". Throws ApiError 400 when malformed.
    QVariantMap filterParams() const;

    // RBAC for sub-resources a handler touches on its own (e.g. related tables, list trimming).
    bool isAllowed(qint64 serviceId, const QString &component, int verb) const;
    int allowedVerbs(qint64 serviceId, const QString &component) const;
};
} // namespace gatehouse
