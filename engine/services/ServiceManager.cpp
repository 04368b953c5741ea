#include "ServiceManager.h"

#include <algorithm>
#include <spdlog/spdlog.h>

#include "IdentityProvider.h"

namespace gatehouse {

ServiceManager::ServiceManager(ServiceEnvironment env, QObject *parent)
    : QObject(parent)
    , m_env(env)
{
    m_env.services = this;
}

ServiceManager::~ServiceManager() = default;

void ServiceManager::registerType(ServiceType type)
{
    const QString key = type.name;
    // The schema is the one list of keys: its secret fields are masked and kept in the secret
    // store, besides any a type still names itself (sqlite masks a stray "password" as well).
    for (const QString &secret : configschema::secretKeys(type.configSchema))
        if (!type.secretFields.contains(secret))
            type.secretFields << secret;
    for (const QString &problem : configschema::problems(type.configSchema))
        spdlog::error("service type '{}': config schema: {}", key.toStdString(), problem.toStdString());
    m_types.insert(key, std::move(type));
}

const ServiceType *ServiceManager::type(const QString &name) const
{
    const auto it = m_types.constFind(name);
    return it == m_types.cend() ? nullptr : &*it;
}

bool ServiceManager::isOwnPath(const QString &prefix) const
{
    for (const ServiceType &type : m_types)
        if (!type.ownPath.isEmpty() && type.ownPath == prefix)
            return true;
    return false;
}

QList<const ServiceType *> ServiceManager::types() const
{
    QList<const ServiceType *> list;
    for (const ServiceType &t : m_types)
        list << &t;
    std::sort(list.begin(), list.end(), [](auto a, auto b) { return a->name < b->name; });
    return list;
}

void ServiceManager::mountBuiltIn(std::shared_ptr<Service> service)
{
    m_builtIn.insert(service->info().name.toLower(), std::move(service));
}

void ServiceManager::reload(const QList<ServiceInfo> &infos)
{
    QHash<QString, std::shared_ptr<Service>> next;
    for (const ServiceInfo &info : infos) {
        const QString key = info.name.toLower();
        if (m_builtIn.contains(key))
            continue;
        const auto existing = m_services.value(key);
        if (existing && existing->info().id == info.id && existing->info().type == info.type &&
            existing->info().config == info.config && existing->info().isActive == info.isActive &&
            existing->info().label == info.label && existing->info().description == info.description) {
            next.insert(key, existing);
            continue;
        }
        const ServiceType *t = type(info.type);
        if (!t || !t->create) {
            spdlog::warn("service '{}' has unknown type '{}'; not mounted", info.name.toStdString(),
                         info.type.toStdString());
            continue;
        }
        try {
            next.insert(key, t->create(info, m_env));
        } catch (const std::exception &e) {
            spdlog::error("service '{}' could not be mounted: {}", info.name.toStdString(), e.what());
        }
    }
    // Replaced instances are released here, on the event loop thread; in-flight requests keep
    // their own reference until they complete.
    m_services = std::move(next);
    m_hasIdentityServices = std::any_of(m_services.cbegin(), m_services.cend(), [](const auto &service) {
        return service->info().isActive && service->identityProvider();
    });
}

std::shared_ptr<Service> ServiceManager::find(const QString &name) const
{
    const QString key = name.toLower();
    if (auto builtIn = m_builtIn.value(key))
        return builtIn;
    return m_services.value(key);
}

std::shared_ptr<Service> ServiceManager::findById(qint64 id) const
{
    for (const auto &s : m_services)
        if (s->info().id == id)
            return s;
    for (const auto &s : m_builtIn)
        if (s->info().id == id)
            return s;
    return nullptr;
}

QList<std::shared_ptr<Service>> ServiceManager::all() const
{
    QList<std::shared_ptr<Service>> list = m_builtIn.values() + m_services.values();
    std::sort(list.begin(), list.end(),
              [](const auto &a, const auto &b) { return a->info().name < b->info().name; });
    return list;
}

std::shared_ptr<Service> ServiceManager::identityServiceForIssuer(const QString &issuer) const
{
    if (issuer.isEmpty())
        return nullptr;
    for (const auto &service : m_services) {
        IdentityProvider *provider = service->identityProvider();
        if (provider && service->info().isActive && provider->acceptsIssuer(issuer))
            return service;
    }
    return nullptr;
}
} // namespace gatehouse
