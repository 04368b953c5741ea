#include "Engine.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QSqlQuery>

#include "core/DataPaths.h"
#include "http/HttpClient.h"
#include "http/HttpServer.h"
#include "http/InternalDispatcher.h"
#include "http/OutboundHttp.h"
#include "http/RequestAudit.h"
#include "http/RequestGate.h"
#include "http/TlsListener.h"
#include "security/AiBudgetLedger.h"
#include "security/Authenticator.h"
#include "security/FieldMasker.h"
#include "security/IdentityProvisioner.h"
#include "security/RateLimiter.h"
#include "security/SecretBox.h"
#include "services/ServiceManager.h"
#include "services/ai/AiGatewayService.h"
#include "services/ai/AiService.h"
#include "services/docs/ApiDocsService.h"
#include "services/ldap/LdapService.h"
#include "services/mcp/McpService.h"
#include "services/oidc/OidcService.h"
#include "services/rws/RwsService.h"
#include "services/script/ScriptErrorLog.h"
#include "services/script/ScriptRunner.h"
#include "services/script/ScriptService.h"
#include "services/sql/DemoDatabase.h"
#include "services/sql/SqlService.h"
#include "services/system/SystemService.h"
#include "services/user/UserService.h"
#include "store/AiPromptLog.h"
#include "store/AiUsageLog.h"
#include "store/AuditLog.h"
#include "store/DbExecutor.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"

namespace gatehouse {

Engine::Engine(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

Engine::~Engine()
{
    stop();
}

bool Engine::start(QString *error)
{
    if (!SecretBox::initializeSodium()) {
        *error = QStringLiteral("libsodium could not be initialised");
        return false;
    }
    if (!DataPaths::ensureDataDir(m_config.dataDir, error))
        return false;

    m_store = std::make_unique<SystemStore>(m_config);
    if (!m_store->initialize(error))
        return false;
    FieldMasker::setHashKey(m_store->secrets().deriveKey(1, "fldmask_"));

    m_limiter = std::make_unique<RateLimiter>(m_store.get());
    m_audit = std::make_unique<AuditLog>(*m_store, m_config);
    m_aiUsage = std::make_unique<AiUsageLog>(*m_store, m_config);
    m_aiPrompts = std::make_unique<AiPromptLog>(*m_store, m_config);
    m_aiBudgets = std::make_unique<AiBudgetLedger>(*m_store);

    m_httpClient = std::make_unique<HttpClient>();
    ServiceEnvironment environment{&m_config, m_store.get(), nullptr, &m_store->secrets(),
                                   &m_store->secretStore()};
    environment.httpClient = m_httpClient.get();
    m_outbound = std::make_unique<OutboundHttp>(m_httpClient.get());
    environment.outbound = m_outbound.get();
    environment.aiUsage = m_aiUsage.get();
    environment.aiPrompts = m_aiPrompts.get();
    environment.aiBudgets = m_aiBudgets.get();
    m_dispatcher = std::make_unique<InternalDispatcher>();
    environment.dispatcher = m_dispatcher.get();
    m_identities = std::make_unique<IdentityProvisioner>(*m_store);
    environment.identities = m_identities.get();
    m_scriptErrors = std::make_unique<ScriptErrorLog>();
    m_scripts = std::make_unique<ScriptRunner>(m_config, m_dispatcher.get(), environment.outbound,
                                               m_scriptErrors.get());
    environment.scripts = m_scripts.get();
    m_services = std::make_unique<ServiceManager>(environment);
    SqlService::registerTypes(*m_services);
    AiService::registerType(*m_services);
    McpService::registerType(*m_services);
    LdapService::registerTypes(*m_services);
    OidcService::registerType(*m_services);
    ScriptService::registerType(*m_services);
    RwsService::registerType(*m_services);
    m_services->mountBuiltIn(std::make_shared<SystemService>(m_store->systemServiceInfo(), *m_store,
                                                             *m_services, m_limiter.get()));
    m_services->mountBuiltIn(std::make_shared<UserService>(*m_store, *m_services));
    m_services->mountBuiltIn(std::make_shared<AiGatewayService>(*m_services));
    m_services->mountBuiltIn(std::make_shared<ApiDocsService>(*m_services));
    if (m_config.demo && !installDemo(error))
        return false;
    m_services->reload(m_store->services());
    connect(m_store.get(), &SystemStore::servicesChanged, this,
            [this] { m_services->reload(m_store->services()); });

    m_authenticator = std::make_unique<Authenticator>(*m_store);
    m_gate = std::make_unique<RequestGate>(m_config, *m_services, *m_authenticator);
    m_gate->setRateLimiter(m_limiter.get());
    HttpLimits limits;
    limits.maxBodyBytes = m_config.maxBodyBytes;
    m_gate->setAuditLog(m_audit.get());
    m_dispatcher->setGate(m_gate.get());
    RequestGate *gate = m_gate.get();
    m_http = std::make_unique<HttpServer>(limits, [gate](HttpRequest &&request, const Responder &responder) {
        gate->handle(std::move(request), responder);
    });
    if (m_config.tlsEnabled()) {
        QSslConfiguration tls;
        if (!TlsListener::loadConfiguration(m_config.tlsCert, m_config.tlsKey, &tls, error))
            return false;
        m_http->enableTls(tls);
    }
    AuditLog *audit = m_audit.get();
    m_http->setRejectionHook([audit](const HttpRequest &request, HttpResponse &response) {
        const QString requestId = RequestAudit::newRequestId();
        response.setHeader("X-Request-Id", requestId.toLatin1());
        audit->record(
            RequestAudit::fromRejected(request, response, requestId, QDateTime::currentMSecsSinceEpoch()));
    });
    if (!m_http->listen(m_config.listenAddress, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1: %2").arg(m_config.listenText(), m_http->errorString());
        return false;
    }
    spdlog::info("listening on {}:{}{}", m_config.listenAddress.toString().toStdString(), m_http->port(),
                 m_http->isTls() ? " (TLS)" : "");
    return true;
}

void Engine::stop()
{
    // Close the listener first so no new work arrives, then tear down from the top: services
    // (their executors finish queued jobs) before the store they may write to.
    if (m_http)
        m_http->close();
    // While everything is still up: the SIEM webhook's last records (bounded wait, only when
    // a webhook is configured and has records waiting).
    if (m_audit)
        m_audit->drainSinks();
    m_http.reset();
    m_gate.reset();
    m_authenticator.reset();
    // Scripts waiting on platform calls are woken (aborted) before what they wait on goes.
    m_scripts.reset();
    m_services.reset();
    m_dispatcher.reset();
    m_identities.reset();
    // Upstream calls still in flight (AI calls whose clients are gone) end here, without callbacks.
    m_outbound.reset();
    m_httpClient.reset();
    m_limiter.reset();
    // The audit trail's last batch is queued on the store's executor, which runs it before the
    // store closes.
    if (m_audit)
        m_audit->shutdown();
    m_audit.reset();
    // Same for the AI logs' last batches.
    if (m_aiUsage)
        m_aiUsage->shutdown();
    if (m_aiPrompts)
        m_aiPrompts->shutdown();
    m_aiBudgets.reset();
    m_aiPrompts.reset();
    m_aiUsage.reset();
    m_store.reset();
}

quint16 Engine::port() const
{
    return m_http ? m_http->port() : 0;
}

QString Engine::generatedAdminPassword() const
{
    return m_store ? m_store->generatedAdminPassword() : QString();
}

bool Engine::installDemo(QString *error)
{
    const QString path = QDir(m_config.dataDir).filePath(QStringLiteral("demo.db"));
    if (!DemoDatabase::ensureFile(path, error))
        return false;
    // The demo database service, then its AI connection (under a flag of its own, so data folders
    // from before AI endpoints get it on their next start too).
    if (!installServiceOnce(QStringLiteral("demo_installed"), DemoDatabase::serviceDefinition(path), error))
        return false;
    const Json ai = DemoDatabase::aiServiceDefinition();
    return ai.empty() || installServiceOnce(QStringLiteral("demo_ai_installed"), ai, error);
}

bool Engine::installServiceOnce(const QString &flag, const Json &definition, QString *error)
{
    // Installed once: an admin who deletes the service does not get it back on the next start,
    // and a service the admin already created under that name wins. This runs before the
    // listener opens, so waiting here blocks no client.
    QEventLoop wait;
    HttpResponse outcome;
    m_store->submitWrite(
        [flag, definition](QSqlDatabase &db) -> HttpResponse {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT value FROM system_setting WHERE name = ?"));
            q.addBindValue(flag);
            if (q.exec() && q.next())
                return HttpResponse::json(Json{{"installed", false}});
            const QString now = Migrations::nowText();
            const QString name = QString::fromStdString(definition.value("name", ""));
            db.transaction();
            q.prepare(QStringLiteral("SELECT id FROM service WHERE name = ?"));
            q.addBindValue(name);
            const bool nameTaken = q.exec() && q.next();
            q.prepare(
                QStringLiteral("INSERT INTO service (name, label, description, is_active, type, config, "
                               "created_date, last_modified_date) VALUES (?, ?, ?, 1, ?, ?, ?, ?)"));
            q.addBindValue(name);
            q.addBindValue(QString::fromStdString(definition.value("label", "")));
            q.addBindValue(QString::fromStdString(definition.value("description", "")));
            q.addBindValue(QString::fromStdString(definition.value("type", "")));
            q.addBindValue(QString::fromUtf8(dumpJson(definition.value("config", Json::object()))));
            q.addBindValue(now);
            q.addBindValue(now);
            bool ok = nameTaken || q.exec();
            q.prepare(QStringLiteral("INSERT INTO system_setting (name, value) VALUES (?, ?)"));
            q.addBindValue(flag);
            q.addBindValue(now);
            ok = ok && q.exec();
            if (!ok) {
                db.rollback();
                return HttpResponse::json(Json{{"error", "the demo service could not be stored"}}, 500);
            }
            db.commit();
            return HttpResponse::json(Json{{"installed", true}});
        },
        SystemStore::ReloadServices,
        [&wait, &outcome](HttpResponse response) {
            outcome = std::move(response);
            wait.quit();
        });
    wait.exec();
    if (outcome.status != 200) {
        *error = QStringLiteral("the demo service %1 could not be installed")
                     .arg(QString::fromStdString(definition.value("name", "")));
        return false;
    }
    return true;
}
} // namespace gatehouse
