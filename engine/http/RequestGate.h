#pragma once

#include <QElapsedTimer>
#include <QObject>

#include "HttpRequest.h"
#include "Responder.h"

namespace gatehouse {

struct Config;
struct RequestContext;
class Authenticator;
class ServiceManager;

// The one path every request takes, in this order: request id → route → verb override →
// body parsing → authentication and role → service lookup → RBAC → service handler.
// Services never repeat any of these steps. Runs on the engine's event loop thread.
class RequestGate : public QObject
{
    Q_OBJECT
public:
    RequestGate(const Config &config, ServiceManager &services, const Authenticator &authenticator,
                QObject *parent = nullptr);

    void handle(HttpRequest &&request, const Responder &responder);

private:
    HttpResponse status() const;
    HttpResponse catalogue(const RequestContext &context) const;
    void handleApi(std::shared_ptr<RequestContext> context, const QString &servicePath,
                   const Responder &responder);

    const Config &m_config;
    ServiceManager &m_services;
    const Authenticator &m_authenticator;
    QElapsedTimer m_uptime;
};
} // namespace gatehouse
