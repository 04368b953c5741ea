#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include "ConnectionSpec.h"
#include "core/Config.h"
#include "http/HttpResponse.h"
#include "security/AccessSnapshot.h"
#include "security/Jwt.h"
#include "security/SecretBox.h"
#include "security/SecretStore.h"
#include "services/Service.h"

namespace gatehouse {

class DbExecutor;
class LoginThrottle;

// The system database: schema, first-run state (master key, JWT signing key, first admin), the
// in-memory views the hot path reads (AccessSnapshot, service definitions) and the executor all
// later database work goes through. Lives on the engine's event loop thread. Only initialize()
// blocks, and only at start-up; afterwards every database call is a job on the executor.
//
// Nodes sharing one PostgreSQL system database see each other's writes through a generation
// marker in `system_setting` that every write changes and that each node polls.
class SystemStore : public QObject
{
    Q_OBJECT
public:
    // What to rebuild after a write (flags).
    enum Reload
    {
        ReloadNone = 0,
        ReloadAccess = 1,   // AccessSnapshot: apps, roles, users, mappings, revocations
        ReloadServices = 2, // services(), then servicesChanged()
        ReloadAll = 3
    };

    // The in-memory state built on a worker, ready to be published on the event loop.
    struct Refresh
    {
        std::shared_ptr<const AccessSnapshot> snapshot;
        std::optional<QList<ServiceInfo>> services;
        QString generation;
        quint64 sequence = 0; // order in which the reads began; older refreshes are dropped
    };

    explicit SystemStore(const Config &config, QObject *parent = nullptr);
    ~SystemStore() override;

    // Start-up only (blocks): opens (SQLite: <dataDir>/system.db in WAL mode; PostgreSQL when
    // Config::systemDb is a postgresql:// URL), migrates, loads or generates the master key and
    // the JWT signing key, creates the first admin when there is none and loads the snapshot.
    bool initialize(QString *error);
    // Set only when initialize() created the first admin with a generated password.
    QString generatedAdminPassword() const { return m_generatedAdminPassword; }

    // Stored services except the built-in `system` row, secret config fields unsealed for the
    // engine's own use. Never send these to a client as they are.
    QList<ServiceInfo> services() const { return m_services; }
    // The built-in system service's row (id 1), for mounting SystemService.
    ServiceInfo systemServiceInfo() const { return m_systemService; }
    std::shared_ptr<const AccessSnapshot> snapshot() const { return m_snapshot; }

    const Config &config() const { return m_config; }
    const SecretBox &secrets() const { return m_secrets; }
    // Every secret at rest goes through this (keychain or sealed; see SecretStore).
    const SecretStore &secretStore() const { return *m_secretStore; }
    const Jwt &jwt() const { return m_jwt; }
    bool isPostgres() const;
    DbExecutor &executor() const { return *m_executor; }
    const ConnectionSpec &connectionSpec() const { return m_spec; }
    // Failed sign-in counters of this node (event loop only); kept here because the store is
    // what every sign-in path (sessions, Basic auth) already shares.
    LoginThrottle &loginThrottle() const { return *m_loginThrottle; }

    // Runs `work` on a worker (connection opened; ApiError becomes its envelope), then marks the
    // change for other nodes and rebuilds what `reload` names in the same job, publishes it on
    // the event loop and only then calls `done`, so the next request already sees the change.
    // The rebuild happens even when `work` fails: a batch may have committed some records.
    void submitWrite(std::function<HttpResponse(QSqlDatabase &)> work, int reload,
                     std::function<void(HttpResponse)> done);
    // Read-only job on the system database.
    void submitRead(std::function<HttpResponse(QSqlDatabase &)> work, std::function<void(HttpResponse)> done);

    // Worker side: builds the state `reload` names from `db`. Thread-safe.
    Refresh loadRefresh(QSqlDatabase &db, int reload) const;
    // Event loop side: publishes a refresh (unless a newer one was already published) and
    // emits the signals.
    void applyRefresh(Refresh refresh);
    // Worker side: marks a change for other nodes (see the class comment).
    static void bumpGeneration(QSqlDatabase &db, QString *generation = nullptr);

    // Rebuilds everything now (asynchronously); for tests and after out-of-band changes.
    void reloadAll(std::function<void()> done = {});
    // How often other nodes' changes are looked for (default 3 s; 0 stops polling).
    void setPollInterval(int milliseconds);

signals:
    void servicesChanged();
    void snapshotChanged();

private:
    void poll();
    bool bootstrapSecrets(QSqlDatabase &db, QString *error);
    bool bootstrapAdmin(QSqlDatabase &db, QString *error);

    Config m_config;
    ConnectionSpec m_spec;
    SecretBox m_secrets;
    std::shared_ptr<SecretStore> m_secretStore;
    Jwt m_jwt;
    std::unique_ptr<DbExecutor> m_executor;
    std::shared_ptr<const AccessSnapshot> m_snapshot;
    QList<ServiceInfo> m_services;
    ServiceInfo m_systemService;
    QString m_generation;
    QString m_generatedAdminPassword;
    QTimer m_pollTimer;
    quint64 m_appliedSequence = 0;
    bool m_pollInFlight = false;
    qint64 m_lastPrune = 0;
    std::unique_ptr<LoginThrottle> m_loginThrottle;
};
} // namespace gatehouse
