#pragma once

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;

// The built-in `api_docs` service (DreamFactory's `swagger` type, reference §9.1):
// `GET /api/v2/api_docs` is one OpenAPI 3.0 document for every service the caller can reach,
// `GET /api/v2/api_docs/{service}` one service's. Operations the caller's role does not allow
// are left out (admins see everything). Like `user`, it has no row in the service table (id 0):
// the gate authenticates, and the document itself is the authorization, since it shows only
// what the caller may use (a role with no access gets a document without paths).
class ApiDocsService : public Service
{
public:
    explicit ApiDocsService(ServiceManager &services);

    static ServiceInfo builtInInfo();

    QStringList accessComponents() const override;
    bool authorizesItself() const override { return true; }
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;

private:
    ServiceManager &m_services;
};
} // namespace gatehouse
