#pragma once

#include <memory>

#include <QObject>

#include "core/Config.h"

namespace gatehouse {

class AiBudgetLedger;
class AiPromptLog;
class AiUsageLog;
class AuditLog;
class HttpClient;
class OutboundHttp;
class InternalDispatcher;
class IdentityProvisioner;
class Authenticator;
class HttpServer;
class RateLimiter;
class RequestGate;
class ScriptErrorLog;
class ScriptRunner;
class SecretBox;
class ServiceManager;
class SystemStore;

// The whole gateway: system store, services, request gate and HTTP listener. The daemon runs
// one on its main thread; the console runs one on a thread of its own.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(Config config, QObject *parent = nullptr);
    ~Engine() override;

    // Opens and migrates the system database, creates first-run state, mounts the services
    // and starts listening. Blocks only during start-up.
    bool start(QString *error);
    void stop();

    const Config &config() const { return m_config; }
    quint16 port() const;
    // Set once, on the start that created the first admin without a configured password.
    QString generatedAdminPassword() const;

    ServiceManager &services() { return *m_services; }
    SystemStore &store() { return *m_store; }
    RateLimiter &limiter() { return *m_limiter; }
    AuditLog *auditLog() { return m_audit.get(); }
    AiUsageLog *aiUsageLog() { return m_aiUsage.get(); }
    AiPromptLog *aiPromptLog() { return m_aiPrompts.get(); }
    AiBudgetLedger *aiBudgets() { return m_aiBudgets.get(); }
    InternalDispatcher *dispatcher() { return m_dispatcher.get(); }
    ScriptErrorLog *scriptErrors() { return m_scriptErrors.get(); }

private:
    bool installDemo(QString *error);
    // Stores `definition` as a service unless `flag` is set in system_setting; then sets it.
    bool installServiceOnce(const QString &flag, const Json &definition, QString *error);

    Config m_config;
    std::unique_ptr<SystemStore> m_store;
    std::unique_ptr<ServiceManager> m_services;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<RequestGate> m_gate;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<RateLimiter> m_limiter;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<HttpClient> m_httpClient;
    std::unique_ptr<OutboundHttp> m_outbound;
    std::unique_ptr<InternalDispatcher> m_dispatcher;
    std::unique_ptr<IdentityProvisioner> m_identities;
    std::unique_ptr<AiUsageLog> m_aiUsage;
    std::unique_ptr<AiPromptLog> m_aiPrompts;
    std::unique_ptr<AiBudgetLedger> m_aiBudgets;
    std::unique_ptr<ScriptErrorLog> m_scriptErrors;
    std::unique_ptr<ScriptRunner> m_scripts;
};
} // namespace gatehouse
