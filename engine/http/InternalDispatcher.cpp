#include "InternalDispatcher.h"

#include <QTimer>

#include "RequestGate.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"

namespace gatehouse {

InternalOrigin InternalOrigin::of(const RequestContext &context, const QString &name)
{
    InternalOrigin origin;
    origin.name = name;
    origin.parentRequestId = context.requestId;
    origin.peer = context.request.peer;
    origin.userAgent = context.request.header("user-agent");
    return origin;
}

InternalDispatcher::InternalDispatcher(QObject *parent)
    : QObject(parent)
{
}

void InternalDispatcher::setGate(RequestGate *gate)
{
    m_gate = gate;
}

void InternalDispatcher::dispatch(const Session &session, const InternalOrigin &origin,
                                  InternalRequest request, Callback done)
{
    // Callers rely on `done` never running inside dispatch(): they may still be setting up.
    auto deferred = [this, done = std::move(done)](HttpResponse response) mutable {
        QTimer::singleShot(0, this, [done = std::move(done), response = std::move(response)]() mutable {
            done(std::move(response));
        });
    };
    if (!m_gate) {
        deferred(HttpResponse::fromError(ApiError(503, QStringLiteral("The gateway is shutting down."))));
        return;
    }
    auto context = std::make_shared<RequestContext>();
    HttpRequest &http = context->request;
    http.method = request.method.toUpper();
    QString resource = request.resource;
    while (resource.startsWith(QLatin1Char('/')))
        resource.remove(0, 1);
    http.path = QStringLiteral("/api/v2/%1%2")
                    .arg(request.service, resource.isEmpty() ? QString() : QLatin1Char('/') + resource);
    http.target = http.path.toUtf8();
    http.query = std::move(request.query);
    if (!request.body.is_null()) {
        http.body = QByteArray::fromStdString(request.body.dump());
        http.headers.insert("content-type", "application/json");
    }
    for (const auto &[name, value] : request.headers)
        http.headers.insert(name.toLower(), value);
    http.peer = origin.peer;
    if (!origin.userAgent.isEmpty())
        http.headers.insert("user-agent", origin.userAgent);
    context->session = session;
    context->origin = origin.name;
    context->parentRequestId = origin.parentRequestId;
    context->requestor = origin.requestor;
    context->scriptDepth = origin.scriptDepth;
    m_gate->handleInternal(std::move(context), std::move(deferred));
}

Json InternalDispatcher::bodyJson(const HttpResponse &response)
{
    if (response.body.isEmpty())
        return nullptr;
    Json parsed = parseJsonOrDiscarded(response.body);
    return parsed.is_discarded() ? Json(nullptr) : parsed;
}
} // namespace gatehouse
