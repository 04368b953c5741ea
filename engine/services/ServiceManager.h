#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>

#include "ConfigField.h"
#include "Service.h"

namespace gatehouse {

struct Config;
class SecretBox;
class SecretStore;
class SystemStore;
class ServiceManager;
class HttpClient;
class AiUsageLog;
class AiPromptLog;
class AiBudgetLedger;
class InternalDispatcher;
class IdentityProvisioner;
class OutboundHttp;
class ScriptRunner;

// What a service type's factory may use to build a service.
struct ServiceEnvironment
{
    const Config *config = nullptr;
    SystemStore *store = nullptr;
    ServiceManager *services = nullptr;
    const SecretBox *secrets = nullptr;
    // Reveals at-rest secrets a service keeps itself (configs arrive revealed already).
    const SecretStore *secretStore = nullptr;
    // The LLM gateway's shared parts (issue 4); null where an engine runs without them.
    HttpClient *httpClient = nullptr;
    AiUsageLog *aiUsage = nullptr;
    AiPromptLog *aiPrompts = nullptr;
    AiBudgetLedger *aiBudgets = nullptr;
    // In-process requests through the gate on a caller's behalf (tools, AI endpoints, samples).
    InternalDispatcher *dispatcher = nullptr;
    // Turns people vouched for by identity services (ldap, oidc) into users.
    IdentityProvisioner *identities = nullptr;
    // Egress-checked outbound HTTP (rws, platform.http) and the JavaScript runner (script).
    OutboundHttp *outbound = nullptr;
    ScriptRunner *scripts = nullptr;
};

struct ServiceType
{
    QString name;
    QString label;
    QString group;
    QString description;
    QStringList secretFields; // config keys that hold secrets: SecretStore at rest, masked on output
    bool builtIn = false;     // mounted by the engine, not creatable through system/service
    // Non-empty: the type's services also answer at /{ownPath}/{name}, outside /api/v2 (the MCP
    // endpoint), with the resource empty and Service::admitTransport checked first.
    QString ownPath;
    std::function<std::shared_ptr<Service>(const ServiceInfo &, const ServiceEnvironment &)> create;
    // Checks a config before it is stored (e.g. a database connection test). Runs on a worker
    // thread; returns an empty string when the config is usable, otherwise a message for a 400.
    std::function<QString(const ServiceInfo &, const ServiceEnvironment &)> validate;
    // The console's "Test" button (POST /system/service/_test): tries a config for real
    // (LDAP: bind and search; OIDC: discovery and JWKS) without storing it. Runs on the event
    // loop thread and must not block it; `done` gets
    // {"success": bool, "steps": [{"name": "...", "success": bool, "detail": "..."}]}. Empty:
    // the type has nothing to test.
    std::function<void(const ServiceInfo &, const ServiceEnvironment &, std::function<void(Json)> done)>
        probe;
    // The config keys the type reads (GET /system/service_type's config_schema; the console's
    // form). registerType() adds its secret fields to secretFields.
    ConfigSchema configSchema;
};

// The registry of service types and the live, mounted services (looked up by lower-case name).
// Lives on the engine's event loop thread.
class ServiceManager : public QObject
{
    Q_OBJECT
public:
    explicit ServiceManager(ServiceEnvironment env, QObject *parent = nullptr);
    ~ServiceManager() override;

    void registerType(ServiceType type);
    const ServiceType *type(const QString &name) const;
    QList<const ServiceType *> types() const;
    // Is `prefix` some registered type's ownPath?
    bool isOwnPath(const QString &prefix) const;

    // Replaces the mounted set with `infos` (plus the built-in services). A service whose
    // definition is unchanged keeps its instance, so caches and pools survive.
    void reload(const QList<ServiceInfo> &infos);
    void mountBuiltIn(std::shared_ptr<Service> service);

    std::shared_ptr<Service> find(const QString &name) const;
    std::shared_ptr<Service> findById(qint64 id) const;
    QList<std::shared_ptr<Service>> all() const;
    // The active identity service whose provider accepts bearer tokens from `issuer`, if any.
    std::shared_ptr<Service> identityServiceForIssuer(const QString &issuer) const;
    // Any active identity service mounted? Lets the gate skip looking into tokens when none is.
    bool hasIdentityServices() const { return m_hasIdentityServices; }

    const ServiceEnvironment &environment() const { return m_env; }

private:
    ServiceEnvironment m_env;
    QHash<QString, ServiceType> m_types;
    QHash<QString, std::shared_ptr<Service>> m_services;
    QHash<QString, std::shared_ptr<Service>> m_builtIn;
    bool m_hasIdentityServices = false;
};
} // namespace gatehouse
