#pragma once

#include <memory>
#include <mutex>

#include <QSqlDatabase>

#include "DbSchema.h"
#include "SqlDialect.h"
#include "services/ConfigField.h"
#include "services/Service.h"
#include "store/ConnectionSpec.h"

namespace gatehouse {

struct Config;
class DbExecutor;
class ServiceManager;
struct ServiceEnvironment;
class SystemStore;

// A database service (types `sqlite`, `pgsql`, `mysql`): `_table` records, `_schema`,
// `_proc`/`_func` and named queries over one database.
//
// Config: sqlite {"database": path (relative paths are inside the data folder)}; pgsql and
// mysql {"host", "port", "database", "username", "password", "options"}; every type
// "max_records" (default Config::defaultMaxRecords, capped by Config::maxRecordsCap),
// "max_batch_records" (records per write request, default 1000), "pool_size" (worker
// connections; 2 for SQLite, 4 otherwise), "init_statements" (run on every connection) and
// "named_queries" (served by RoutineResource), and "statements": SQL run on the worker's
// connection before every request's own statements, with lookups bound as parameters
// (identity passthrough, e.g. `SELECT set_config('app.user_id', {user.id}, false)` for
// PostgreSQL row-level security). Private lookups are allowed there; a lookup with no value
// for the request binds NULL.
//
// Each request is one job on the service's DbExecutor. The schema is read on a worker the
// first time it is needed and shared read-only afterwards; `?refresh=true` reads it again.
class SqlService : public Service
{
public:
    SqlService(const ServiceInfo &info, const ServiceEnvironment &env);
    ~SqlService() override;

    QStringList accessComponents() const override;
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;
    // OpenAPI paths (docs/SqlServiceDocs); prepareDocs reads the schema first if needed.
    Json openApi(const RequestContext &caller, bool expand) const override;
    void prepareDocs(std::function<void()> ready) override;
    // Runs `work` on one of the service's workers with the schema read, then `done` on the
    // event loop thread with its response (an error envelope when the database is down or the
    // service misconfigured). Engine-internal reads only (the data model's catalog
    // statistics): no RBAC or row filters apply here. With `caller`, the service's per-request
    // "statements" run first as for that caller's requests, so database-side identity
    // passthrough (PostgreSQL row-level security) sees the caller, not a previous request.
    void submitWork(std::function<HttpResponse(QSqlDatabase &, const DatabaseSchema &)> work, Completion done,
                    std::shared_ptr<const RequestContext> caller = nullptr);

    // Registers sqlite, pgsql and mysql with the service manager.
    static void registerTypes(ServiceManager &manager);
    // The connection described by a service config; `error` is set (and the spec unusable)
    // when the config is incomplete or malformed. `config` may be null (built-in defaults).
    static ConnectionSpec connectionSpec(const ServiceInfo &info, const Config *config, QString *error);
    // Opens a connection with the config and runs a trivial query; an empty string when it
    // works, otherwise a message safe to show (never the driver's text or the credentials).
    static QString validate(const ServiceInfo &info, const Config *config);
    // The "Test" button's work (blocking: run it on a worker): steps "config", "connect" and
    // "tables" (how many tables the connection sees). Never creates a missing SQLite file.
    static Json probe(const ServiceInfo &info, const Config *config);
    // The config_schema of `type` (sqlite, pgsql or mysql).
    static ConfigSchema configSchema(const QString &type);

    int maxRecords() const { return m_maxRecords; }
    const SqlDialect &dialect() const { return *m_dialect; }
    // The schema if it has been read, else null.
    std::shared_ptr<const DatabaseSchema> cachedSchema() const;
    // On a worker: the cached schema, read first if needed.
    std::shared_ptr<const DatabaseSchema> schema(QSqlDatabase &db);
    // On a worker: reads the schema again and replaces the cached one.
    std::shared_ptr<const DatabaseSchema> reloadSchema(QSqlDatabase &db);

    // The per-request "statements" of a service config; `error` is set when malformed.
    static QStringList requestStatements(const Json &config, QString *error);

private:
    HttpResponse serve(const RequestContext &context, QSqlDatabase &db);
    void runRequestStatements(const RequestContext &context, QSqlDatabase &db) const;
    HttpResponse resourceList() const;

    ConnectionSpec m_spec;
    QString m_configError;
    int m_maxRecords = 1000;
    std::unique_ptr<SqlDialect> m_dialect;
    QStringList m_statements;             // per-request "statements"
    const SystemStore *m_store = nullptr; // opens private lookups for the statements

    mutable std::mutex m_schemaMutex; // guards m_schema (the pointer, not the schema)
    std::mutex m_introspectMutex;     // one introspection at a time
    std::shared_ptr<const DatabaseSchema> m_schema;

    // Last member: destroyed first, so its workers finish before anything they use goes away.
    std::unique_ptr<DbExecutor> m_executor;
};
} // namespace gatehouse
