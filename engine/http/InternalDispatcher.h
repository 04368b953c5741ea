#pragma once

#include <functional>
#include <memory>

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include "HttpResponse.h"
#include "core/Json.h"
#include "security/AccessTypes.h"

namespace gatehouse {

class RequestGate;
struct RequestContext;

// One request made by the gateway on a caller's behalf (a data-chat or MCP tool call, an AI
// endpoint's named query, a data-model sample).
struct InternalRequest
{
    QByteArray method = "GET";
    QString service;
    QString resource; // below the service, e.g. "_table/customers" or "_proc/top_customers"
    QList<QPair<QString, QString>> query;
    Json body; // null: none
    // Request headers the called service sees (a script's platform.api options.headers);
    // names lower-case. Credentials in them are ignored: the identity is the Session given.
    QList<QPair<QByteArray, QByteArray>> headers;

    void addQuery(const QString &key, const QString &value) { query.append({key, value}); }
};

// Where a request came from, for the audit trail: each internal call gets its own record whose
// parameters name its origin (`_origin`, e.g. "data-chat") and the request that caused it
// (`_parent_request_id`).
struct InternalOrigin
{
    QString name;
    QString parentRequestId;
    QHostAddress peer;
    QByteArray userAgent;
    // RequestorScript for a script's platform.api calls: role rules match on it (DF's requestor
    // mask) and rate limits exempt it. `scriptDepth`: how many script runs are nested above.
    int requestor = RequestorApi;
    int scriptDepth = 0;

    // The origin `name` of calls made on behalf of `context`'s request.
    static InternalOrigin of(const RequestContext &context, const QString &name);
};

// In-process dispatch through the request gate, without a loop-back HTTP call: no worker or
// socket is held while the call waits, so a tool call can never deadlock on a pool its caller
// occupies (DreamFactory's data-chat and MCP daemon do exactly that). The request passes the
// same stages as one from the network after authentication: rate limits, service lookup, RBAC,
// the service handler (row filters, lookups, masking) and one audit record. The identity is the
// Session given; callers build it (their own caller's, or an app-key role combined with it).
// Lives on the engine's event loop thread; `done` is called there, exactly once, and never
// before dispatch() returns.
class InternalDispatcher : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(HttpResponse)>;

    explicit InternalDispatcher(QObject *parent = nullptr);

    void setGate(RequestGate *gate);

    void dispatch(const Session &session, const InternalOrigin &origin, InternalRequest request,
                  Callback done);

    // A parsed JSON body of a response (null when it has none or it is not JSON).
    static Json bodyJson(const HttpResponse &response);

private:
    QPointer<RequestGate> m_gate;
};
} // namespace gatehouse
