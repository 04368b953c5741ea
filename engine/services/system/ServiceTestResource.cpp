#include "ServiceTestResource.h"

#include <spdlog/spdlog.h>

#include <QTimer>

#include "RecordResource.h"
#include "core/ApiError.h"
#include "core/LogContext.h"
#include "security/IdentityRoleMap.h"
#include "security/SecretStore.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "store/SystemStore.h"

namespace gatehouse {

ServiceTestResource::ServiceTestResource(SystemStore &store, ServiceManager &services)
    : m_store(store)
    , m_services(services)
{
}

void ServiceTestResource::handle(std::shared_ptr<const RequestContext> context,
                                 Service::Completion done) const
{
    if (context->verb != VerbPost)
        throw ApiError::methodNotAllowed(QStringLiteral("Use POST to test a service definition."));
    // A role may grant system/service to a non-admin; trying configs (and using stored
    // secrets) is for system admins only.
    if (!context->session.isSysAdmin())
        throw ApiError::forbidden(QStringLiteral("Access Forbidden. Only system admins may test services."));
    const Json &body = context->body;
    if (!body.is_object())
        throw ApiError::badRequest(
            QStringLiteral("The body must be a service definition: {\"type\", \"config\"}."));
    const auto typeIt = body.find("type");
    if (typeIt == body.end() || !typeIt->is_string() || typeIt->get<QString>().trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("Field 'type' is required."));
    const QString typeName = typeIt->get<QString>().trimmed();
    const ServiceType *type = m_services.type(typeName);
    if (!type || type->builtIn)
        throw ApiError::badRequest(QStringLiteral("Unknown service type '%1'.").arg(typeName));
    if (!type->probe)
        throw ApiError::badRequest(
            QStringLiteral("Services of type '%1' have nothing to test.").arg(typeName));

    ServiceInfo info;
    info.type = type->name;
    info.name = QStringLiteral("_test");
    info.label = info.name;
    const auto configIt = body.find("config");
    if (configIt != body.end() && !configIt->is_null()) {
        if (!configIt->is_object())
            throw ApiError::badRequest(QStringLiteral("Field 'config' must be a JSON object."));
        info.config = *configIt;
    }
    for (auto it = info.config.begin(); it != info.config.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (type->secretFields.contains(key)) {
            if (!it->is_string() && !it->is_null())
                throw ApiError::badRequest(QStringLiteral("Field 'config.%1' must be a string.").arg(key));
        } else if (it->is_string() && SecretStore::isProtected(it->get<QString>())) {
            // As for stored services: at-rest text is only ever revealed from secret fields.
            throw ApiError::badRequest(QStringLiteral("Field 'config.%1' holds a reserved value.").arg(key));
        }
    }

    // Masked secrets come from the stored service (the engine's own unsealed copy).
    const auto idIt = body.find("id");
    if (idIt != body.end() && !idIt->is_null()) {
        if (!idIt->is_number_integer())
            throw ApiError::badRequest(QStringLiteral("Field 'id' must be a service id."));
        const qint64 id = idIt->get<qint64>();
        std::optional<ServiceInfo> stored;
        for (const ServiceInfo &candidate : m_store.services())
            if (candidate.id == id)
                stored = candidate;
        if (!stored)
            throw ApiError::notFound(QStringLiteral("Service %1 not found.").arg(id));
        if (stored->type != type->name)
            throw ApiError::badRequest(
                QStringLiteral("Service %1 is not of type '%2'.").arg(id).arg(type->name));
        info.id = stored->id;
        info.name = stored->name;
        info.label = stored->label;
        for (const QString &key : type->secretFields) {
            const std::string name = key.toStdString();
            auto it = info.config.find(name);
            if (it == info.config.end() || !it->is_string() || it->get<QString>() != RecordResource::mask())
                continue;
            const auto old = stored->config.find(name);
            *it = old != stored->config.end() && old->is_string() ? old->get<QString>() : QString();
        }
    }
    // A mask left over (nothing stored to fill it from) is not a password to try.
    for (const QString &key : type->secretFields) {
        auto it = info.config.find(key.toStdString());
        if (it != info.config.end() && it->is_string() && it->get<QString>() == RecordResource::mask())
            *it = QString();
    }
    // The shared role-map keys are cheap to check and name real roles and apps.
    for (const QString &key : IdentityRoleMap::configKeys()) {
        if (info.config.contains(key.toStdString())) {
            IdentityRoleMap::fromConfig(info.config, m_store.snapshot().get());
            break;
        }
    }

    // The probe answers once; a deadline covers one that never does (the timer keeps the
    // request's completion alive even if the probe drops it).
    struct State
    {
        bool answered = false;
        Service::Completion done;
        void answer(HttpResponse response)
        {
            if (answered)
                return;
            answered = true;
            // Released now, not when the deadline timer lets go of the state.
            Service::Completion call = std::move(done);
            done = nullptr;
            call(std::move(response));
        }
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    const std::string requestId = context->requestId.toStdString();
    QTimer::singleShot(kProbeDeadlineMs, [state] {
        state->answer(
            HttpResponse::fromError(ApiError(504, QStringLiteral("The test did not finish in time."))));
    });
    auto finish = [state, requestId](Json result) {
        LogContext::Scope scope(requestId);
        if (!result.is_object()) {
            spdlog::error("a service type's probe answered something other than an object");
            state->answer(HttpResponse::fromError(ApiError::internal(QStringLiteral("The test failed."))));
            return;
        }
        state->answer(HttpResponse::json(result));
    };
    try {
        type->probe(info, m_services.environment(), finish);
    } catch (const ApiError &error) {
        state->answer(HttpResponse::fromError(error));
    } catch (const std::exception &e) {
        spdlog::warn("service probe threw: {}", e.what());
        state->answer(HttpResponse::fromError(
            ApiError::badRequest(QStringLiteral("The service configuration could not be tested."))));
    }
}
} // namespace gatehouse
