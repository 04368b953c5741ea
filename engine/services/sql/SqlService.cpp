#include "SqlService.h"

#include <spdlog/spdlog.h>

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

#include "RoutineResource.h"
#include "SchemaResource.h"
#include "SqlCall.h"
#include "TableResource.h"
#include "core/ApiError.h"
#include "core/Config.h"
#include "security/LookupResolver.h"
#include "security/LookupSecrets.h"
#include "services/ServiceManager.h"
#include "services/docs/SqlServiceDocs.h"
#include "store/DbExecutor.h"

namespace gatehouse {
namespace {

QAtomicInteger<quint64> g_validateCounter;

QString driverFor(const QString &type)
{
    if (type == QLatin1String("sqlite"))
        return QStringLiteral("QSQLITE");
    if (type == QLatin1String("pgsql"))
        return QStringLiteral("QPSQL");
    if (type == QLatin1String("mysql"))
        return QStringLiteral("QMYSQL");
    return {};
}

// A config value as text; numbers are accepted where text is expected (ports, for example).
QString textValue(const Json &config, const char *key)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    if (it->is_number())
        return QString::fromStdString(it->dump());
    return {};
}

// A positive integer setting; `fallback` when absent, -1 when malformed.
qint64 integerValue(const Json &config, const char *key, qint64 fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    if (it->is_number_integer())
        return it->get<qint64>() > 0 ? it->get<qint64>() : -1;
    if (it->is_string()) {
        bool ok = false;
        const qint64 value = QString::fromStdString(it->get<std::string>()).trimmed().toLongLong(&ok);
        return ok && value > 0 ? value : -1;
    }
    return -1;
}

// What went wrong connecting, in words that hold no host, user or password.
QString connectFailure(const QString &driver, const QSqlError &error)
{
    const QString text = error.text().toLower();
    if (driver == QLatin1String("QSQLITE"))
        return QStringLiteral("The SQLite database file could not be opened.");
    if (text.contains(QLatin1String("password")) || text.contains(QLatin1String("access denied")) ||
        text.contains(QLatin1String("authentication")))
        return QStringLiteral("The database refused the user name or password.");
    if (text.contains(QLatin1String("does not exist")) || text.contains(QLatin1String("unknown database")))
        return QStringLiteral("The database server is reachable but the database does not exist.");
    if (text.contains(QLatin1String("timeout")) || text.contains(QLatin1String("timed out")))
        return QStringLiteral("The database server did not answer in time.");
    return QStringLiteral("Could not connect to the database server; check the host and port.");
}
} // namespace

SqlService::SqlService(const ServiceInfo &info, const ServiceEnvironment &env)
    : Service(info)
{
    const Config *config = env.config;
    m_spec = connectionSpec(info, config, &m_configError);
    m_dialect = SqlDialect::forDriver(driverFor(info.type));
    if (!m_dialect && m_configError.isEmpty())
        m_configError = QStringLiteral("Unsupported database type '%1'.").arg(info.type);

    m_store = env.store;
    QString statementsError;
    m_statements = requestStatements(info.config, &statementsError);
    if (!statementsError.isEmpty() && m_configError.isEmpty())
        m_configError = statementsError;

    const int defaultMax = config ? config->defaultMaxRecords : 1000;
    const int cap = config ? config->maxRecordsCap : 100000;
    const qint64 maxRecords = integerValue(info.config, "max_records", defaultMax);
    if (maxRecords < 0 && m_configError.isEmpty())
        m_configError = QStringLiteral("'max_records' must be a positive integer.");
    m_maxRecords = int(qBound(qint64(1), maxRecords < 0 ? qint64(defaultMax) : maxRecords, qint64(cap)));

    const qint64 pool = integerValue(info.config, "pool_size", info.type == QLatin1String("sqlite") ? 2 : 4);
    if (pool < 0 && m_configError.isEmpty())
        m_configError = QStringLiteral("'pool_size' must be a positive integer.");
    if (m_configError.isEmpty())
        m_executor = std::make_unique<DbExecutor>(m_spec, int(qBound(qint64(1), pool, qint64(64))),
                                                  QStringLiteral("svc-") + info.name);
    else
        spdlog::warn("database service '{}' is misconfigured: {}", info.name.toStdString(),
                     m_configError.toStdString());
}

SqlService::~SqlService()
{
    // Finish the workers while the schema and dialect they use still exist.
    m_executor.reset();
}

ConnectionSpec SqlService::connectionSpec(const ServiceInfo &info, const Config *config, QString *error)
{
    ConnectionSpec spec;
    const Json &c = info.config;
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return ConnectionSpec{};
    };
    if (!c.is_object())
        return fail(QStringLiteral("The service config must be a JSON object."));
    spec.driver = driverFor(info.type);
    if (spec.driver.isEmpty())
        return fail(QStringLiteral("Unsupported database type '%1'.").arg(info.type));
    spec.database = textValue(c, "database").trimmed();
    if (spec.database.isEmpty())
        return fail(QStringLiteral("The 'database' setting is required."));
    if (config)
        spec.statementTimeoutMs = config->dbStatementTimeoutMs;

    if (spec.driver == QLatin1String("QSQLITE")) {
        // Every worker connection would get a database of its own.
        if (spec.database == QLatin1String(":memory:") ||
            spec.database.startsWith(QLatin1String("file::memory:")))
            return fail(QStringLiteral("An in-memory SQLite database can not be shared by the service's "
                                       "connections; use a file."));
        // A relative path means a file in the data folder, so configs move with it.
        if (QFileInfo(spec.database).isRelative() && config && !config->dataDir.isEmpty())
            spec.database = QDir(config->dataDir).filePath(spec.database);
    } else {
        spec.host = textValue(c, "host").trimmed();
        if (spec.host.isEmpty())
            return fail(QStringLiteral("The 'host' setting is required."));
        const QString port = textValue(c, "port").trimmed();
        spec.port = spec.driver == QLatin1String("QPSQL") ? 5432 : 3306;
        if (!port.isEmpty()) {
            bool ok = false;
            spec.port = port.toInt(&ok);
            if (!ok || spec.port <= 0 || spec.port > 65535)
                return fail(QStringLiteral("'port' must be a number from 1 to 65535."));
        }
        spec.username = textValue(c, "username");
        spec.password = textValue(c, "password");
    }

    const auto options = c.find("options");
    if (options != c.end() && !options->is_null()) {
        if (options->is_string()) {
            spec.options = QString::fromStdString(options->get<std::string>());
        } else if (options->is_object()) {
            QStringList parts;
            for (auto it = options->begin(); it != options->end(); ++it)
                parts << QString::fromStdString(it.key()) + QLatin1Char('=') +
                             (it->is_string() ? QString::fromStdString(it->get<std::string>())
                                              : QString::fromStdString(it->dump()));
            spec.options = parts.join(QLatin1Char(';'));
        } else {
            return fail(QStringLiteral("'options' must be a string or an object."));
        }
    }
    if (spec.driver == QLatin1String("QMYSQL")) {
        // UPDATE then reports matched rows, not changed ones, so an update that sets the same
        // values is not mistaken for a missing record.
        spec.options += spec.options.isEmpty() ? QStringLiteral("CLIENT_FOUND_ROWS")
                                               : QStringLiteral(";CLIENT_FOUND_ROWS");
    }

    const auto init = c.find("init_statements");
    if (init != c.end() && !init->is_null()) {
        if (init->is_string()) {
            spec.initStatements << QString::fromStdString(init->get<std::string>());
        } else if (init->is_array()) {
            for (const Json &statement : *init) {
                if (!statement.is_string())
                    return fail(QStringLiteral("'init_statements' must be a list of SQL statements."));
                spec.initStatements << QString::fromStdString(statement.get<std::string>());
            }
        } else {
            return fail(QStringLiteral("'init_statements' must be a list of SQL statements."));
        }
    }
    return spec;
}

QStringList SqlService::requestStatements(const Json &config, QString *error)
{
    QStringList statements;
    const auto it = config.is_object() ? config.find("statements") : config.end();
    if (!config.is_object() || it == config.end() || it->is_null())
        return statements;
    const QString malformed = QStringLiteral("'statements' must be a list of SQL statements.");
    if (it->is_string()) {
        statements << QString::fromStdString(it->get<std::string>());
    } else if (it->is_array()) {
        for (const Json &statement : *it) {
            if (!statement.is_string()) {
                *error = malformed;
                return {};
            }
            statements << QString::fromStdString(statement.get<std::string>());
        }
    } else {
        *error = malformed;
        return {};
    }
    statements.removeIf([](const QString &statement) { return statement.trimmed().isEmpty(); });
    return statements;
}

QString SqlService::validate(const ServiceInfo &info, const Config *config)
{
    QString error;
    const ConnectionSpec spec = connectionSpec(info, config, &error);
    if (!error.isEmpty())
        return error;
    requestStatements(info.config, &error);
    if (!error.isEmpty())
        return error;
    for (const char *key : {"max_records", "pool_size", "max_batch_records"})
        if (integerValue(info.config, key, 1) < 0)
            return QStringLiteral("'%1' must be a positive integer.").arg(QLatin1String(key));
    if (spec.driver == QLatin1String("QSQLITE")) {
        // Opening would create a missing file; a mistyped folder is better reported.
        const QFileInfo file(spec.database);
        if (!file.absoluteDir().exists())
            return QStringLiteral("The folder of the SQLite database file does not exist.");
    }
    const QString name = QStringLiteral("validate-%1").arg(g_validateCounter.fetchAndAddRelaxed(1));
    QString message;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(spec.driver, name);
        try {
            DbExecutor::ensureOpen(db, spec);
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT 1"))) {
                spdlog::warn("validating database service '{}': test query failed: {}",
                             info.name.toStdString(), query.lastError().text().toStdString());
                message = QStringLiteral("The database accepted the connection but could not run a query.");
            }
        } catch (const ApiError &error) {
            // ensureOpen logged the driver's text; the caller gets words without credentials.
            // It closes the connection when an init statement fails, so tell that case apart
            // by its message rather than by the connection state.
            message = error.message().contains(QLatin1String("initialised"))
                          ? QStringLiteral("The connection works but one of the 'init_statements' failed.")
                          : connectFailure(spec.driver, db.lastError());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return message;
}

Json SqlService::probe(const ServiceInfo &info, const Config *config)
{
    Json steps = Json::array();
    auto step = [&steps](const char *name, bool success, const QString &detail) {
        steps.push_back(Json{{"name", name}, {"success", success}, {"detail", detail}});
    };
    auto result = [&steps] {
        bool success = true;
        for (const Json &s : steps)
            success = success && s.at("success").get<bool>();
        return Json{{"success", success}, {"steps", steps}};
    };
    QString error;
    const ConnectionSpec spec = connectionSpec(info, config, &error);
    if (error.isEmpty())
        requestStatements(info.config, &error);
    if (!error.isEmpty()) {
        step("config", false, error);
        return result();
    }
    step("config", true, QStringLiteral("The settings are complete."));
    const bool sqlite = spec.driver == QLatin1String("QSQLITE");
    // Opening a missing SQLite file would create it; a test must leave no trace.
    if (sqlite && !QFileInfo::exists(spec.database)) {
        step("connect", false, QStringLiteral("The database file %1 does not exist.").arg(spec.database));
        return result();
    }
    const QString where =
        sqlite ? spec.database : QStringLiteral("%1:%2/%3").arg(spec.host).arg(spec.port).arg(spec.database);
    const QString name = QStringLiteral("probe-%1").arg(g_validateCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(spec.driver, name);
        try {
            DbExecutor::ensureOpen(db, spec);
            step("connect", true, QStringLiteral("Connected to %1.").arg(where));
            const qsizetype tables = db.tables(QSql::Tables).size();
            const qsizetype views = db.tables(QSql::Views).size();
            step("tables", true,
                 QStringLiteral("%1 table(s) and %2 view(s) are visible.").arg(tables).arg(views));
        } catch (const ApiError &e) {
            step("connect", false,
                 e.message().contains(QLatin1String("initialised"))
                     ? QStringLiteral("The connection works but one of the 'init_statements' failed.")
                     : connectFailure(spec.driver, db.lastError()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result();
}

ConfigSchema SqlService::configSchema(const QString &type)
{
    auto f = [](const char *name, const char *kind, const char *label, const QString &description) {
        return ConfigField(QLatin1String(name), QLatin1String(kind), QLatin1String(label), description);
    };
    ConfigSchema schema;
    if (type == QLatin1String("sqlite")) {
        schema << f("database", "string", "Database file",
                    QStringLiteral("The SQLite file's path; a relative path is inside the data folder."))
                      .isRequired();
    } else {
        const bool pg = type == QLatin1String("pgsql");
        schema << f("host", "string", "Host", QStringLiteral("The database server's host name or address."))
                      .isRequired()
               << f("port", "integer", "Port", QString()).withDefault(pg ? 5432 : 3306).withRange(1, 65535)
               << f("database", "string", "Database", QStringLiteral("The database (schema) to serve."))
                      .isRequired()
               << f("username", "string", "Username", QString())
               << f("password", "password", "Password", QString()).isSecret();
    }
    schema << f("options", "string", "Driver options",
                QStringLiteral("Connection options for the Qt driver, separated by ';' (e.g. "
                               "QSQLITE_BUSY_TIMEOUT=5000 or sslmode=require)."))
           << f("init_statements", "array", "Init statements",
                QStringLiteral("SQL run on every new connection, one statement per line."))
           << f("statements", "array", "Per-request statements",
                QStringLiteral(
                    "SQL run before each request, one statement per line; may use {user.*} lookups."))
           << f("max_records", "integer", "Maximum records",
                QStringLiteral("The most records one request returns."))
                  .withDefault(1000)
                  .withRange(1, 100000)
           << f("max_batch_records", "integer", "Maximum batch records",
                QStringLiteral("The most records one write request may carry."))
                  .withRange(1, 100000)
           << f("pool_size", "integer", "Connections", QStringLiteral("Database connections kept open."))
                  .withDefault(type == QLatin1String("sqlite") ? 2 : 4)
                  .withRange(1, 64)
           << f("named_queries", "json", "Named queries",
                QStringLiteral("Saved parameterised queries: [{\"name\", \"sql\", \"params\"...}]."));
    return schema;
}

void SqlService::registerTypes(ServiceManager &manager)
{
    struct Kind
    {
        const char *name;
        const char *label;
        const char *description;
    };
    static const Kind kinds[] = {
        {"sqlite", "SQLite", "A SQLite database file on the gateway host."},
        {"pgsql", "PostgreSQL", "A PostgreSQL database."},
        {"mysql", "MySQL/MariaDB", "A MySQL or MariaDB database."},
    };
    for (const Kind &kind : kinds) {
        ServiceType type;
        type.name = QLatin1String(kind.name);
        type.label = QLatin1String(kind.label);
        type.group = QStringLiteral("Database");
        type.description = QLatin1String(kind.description);
        type.configSchema = configSchema(type.name);
        // SQLite ignores a password, but one stored by mistake is still masked.
        type.secretFields = {QStringLiteral("password")};
        type.create = [](const ServiceInfo &info, const ServiceEnvironment &env) -> std::shared_ptr<Service> {
            return std::make_shared<SqlService>(info, env);
        };
        type.validate = [](const ServiceInfo &info, const ServiceEnvironment &env) {
            return validate(info, env.config);
        };
        type.probe = [](const ServiceInfo &info, const ServiceEnvironment &env,
                        std::function<void(Json)> done) {
            // Connecting can take the driver's whole timeout: a worker does it, the answer comes
            // back through the event loop of the calling thread.
            auto receiver = std::shared_ptr<QObject>(new QObject, [](QObject *o) { o->deleteLater(); });
            const Config *config = env.config;
            QThreadPool::globalInstance()->start([receiver, info, config, done = std::move(done)]() mutable {
                Json result = probe(info, config);
                QObject *target = receiver.get();
                QMetaObject::invokeMethod(
                    target,
                    [receiver = std::move(receiver), done = std::move(done), result = std::move(result)] {
                        done(result);
                    },
                    Qt::QueuedConnection);
            });
        };
        manager.registerType(std::move(type));
    }
}

std::shared_ptr<const DatabaseSchema> SqlService::cachedSchema() const
{
    std::lock_guard lock(m_schemaMutex);
    return m_schema;
}

std::shared_ptr<const DatabaseSchema> SqlService::schema(QSqlDatabase &db)
{
    {
        std::lock_guard lock(m_schemaMutex);
        if (m_schema)
            return m_schema;
    }
    std::lock_guard introspecting(m_introspectMutex);
    {
        // Another worker may have read it while this one waited.
        std::lock_guard lock(m_schemaMutex);
        if (m_schema)
            return m_schema;
    }
    auto fresh = std::make_shared<const DatabaseSchema>(m_dialect->introspect(db));
    std::lock_guard lock(m_schemaMutex);
    m_schema = fresh;
    return fresh;
}

std::shared_ptr<const DatabaseSchema> SqlService::reloadSchema(QSqlDatabase &db)
{
    std::lock_guard introspecting(m_introspectMutex);
    auto fresh = std::make_shared<const DatabaseSchema>(m_dialect->introspect(db));
    std::lock_guard lock(m_schemaMutex);
    m_schema = fresh;
    return fresh;
}

QStringList SqlService::accessComponents() const
{
    QStringList components = {QString(),
                              QStringLiteral("*"),
                              QStringLiteral("_schema"),
                              QStringLiteral("_schema/*"),
                              QStringLiteral("_table"),
                              QStringLiteral("_table/*"),
                              QStringLiteral("_proc"),
                              QStringLiteral("_proc/*")};
    const bool functions = info().type != QLatin1String("sqlite");
    if (functions)
        components << QStringLiteral("_func") << QStringLiteral("_func/*");
    const std::shared_ptr<const DatabaseSchema> schema = cachedSchema();
    if (schema) {
        for (const QString &table : schema->tableNames)
            components << QLatin1String("_schema/") + table << QLatin1String("_table/") + table;
        for (const RoutineSchema &routine : schema->procedures)
            components << QLatin1String("_proc/") + routine.name;
        if (functions)
            for (const RoutineSchema &routine : schema->functions)
                components << QLatin1String("_func/") + routine.name;
    }
    // Named queries are procedures too, on every engine.
    const auto named = info().config.find("named_queries");
    if (named != info().config.end() && named->is_array()) {
        for (const Json &query : *named) {
            if (!query.is_object() || !query.contains("name") || !query["name"].is_string())
                continue;
            const QString component =
                QLatin1String("_proc/") + QString::fromStdString(query["name"].get<std::string>());
            if (!components.contains(component))
                components << component;
        }
    }
    return components;
}

HttpResponse SqlService::resourceList() const
{
    // _proc is listed on every engine because named queries are served there, SQLite
    // included; SQLite has no stored functions, so no _func.
    Json resources = Json::array({{{"name", "_schema"}}, {{"name", "_table"}}, {{"name", "_proc"}}});
    if (info().type != QLatin1String("sqlite"))
        resources.push_back({{"name", "_func"}});
    return HttpResponse::json(Json{{"resource", std::move(resources)}});
}

void SqlService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    if (!m_configError.isEmpty()) {
        done(HttpResponse::fromError(ApiError(
            503, QStringLiteral("Service '%1' is misconfigured: %2").arg(info().name, m_configError))));
        return;
    }
    if (context->resourceParts.value(0).isEmpty() && context->verb == VerbGet) {
        done(resourceList()); // needs no database: answered without a trip to a worker
        return;
    }
    m_executor->submitRequest([this, context](QSqlDatabase &db) { return serve(*context, db); },
                              std::move(done));
}

Json SqlService::openApi(const RequestContext &caller, bool expand) const
{
    return SqlServiceDocs::openApi(*this, caller, expand);
}

void SqlService::prepareDocs(std::function<void()> ready)
{
    if (cachedSchema() || !m_executor) {
        ready();
        return;
    }
    // An unreachable database still gets its generic document: `ready` runs either way.
    submitWork([](QSqlDatabase &, const DatabaseSchema &) { return HttpResponse::json(Json::object()); },
               [ready = std::move(ready)](HttpResponse) { ready(); });
}

void SqlService::submitWork(std::function<HttpResponse(QSqlDatabase &, const DatabaseSchema &)> work,
                            Completion done, std::shared_ptr<const RequestContext> caller)
{
    if (!m_executor) {
        done(HttpResponse::fromError(ApiError(
            503, QStringLiteral("Service '%1' is misconfigured: %2").arg(info().name, m_configError))));
        return;
    }
    m_executor->submitRequest(
        [this, work = std::move(work), caller = std::move(caller)](QSqlDatabase &db) {
            if (caller)
                runRequestStatements(*caller, db);
            const std::shared_ptr<const DatabaseSchema> current = schema(db);
            return work(db, *current);
        },
        std::move(done));
}

HttpResponse SqlService::serve(const RequestContext &context, QSqlDatabase &db)
{
    const QString resource = context.resourceParts.value(0);
    if (resource.isEmpty()) {
        if (context.verb != VerbGet)
            throw ApiError::methodNotAllowed(QStringLiteral("%1 is not supported on service '%2'.")
                                                 .arg(QString::fromLatin1(context.method), info().name));
        return resourceList();
    }
    if (resource != QLatin1String("_table") && resource != QLatin1String("_schema") &&
        resource != QLatin1String("_proc") && resource != QLatin1String("_func"))
        throw ApiError::notFound(
            QStringLiteral("Resource '%1' not found for service '%2'.").arg(resource, info().name));
    const bool refresh =
        context.hasParam(QStringLiteral("refresh")) && context.boolParam(QStringLiteral("refresh"));
    // Client text parsed during this request (filters) resolves {lookups} for this session;
    // public lookups only: this resolver cannot open private values.
    const LookupResolver publicLookups(context.session);
    const LookupResolver::RequestScope lookupScope(&publicLookups);
    const auto run = [&]() -> HttpResponse {
        runRequestStatements(context, db);
        SqlCall call{context,       db,        *m_dialect,   refresh ? reloadSchema(db) : schema(db),
                     info().config, info().id, m_maxRecords, [this, &db] { return reloadSchema(db); }};
        if (resource == QLatin1String("_table"))
            return TableResource::handle(call);
        if (resource == QLatin1String("_schema"))
            return SchemaResource::handle(call);
        return RoutineResource::handle(call);
    };
    try {
        return run();
    } catch (const ApiError &error) {
        if (error.status() != 503)
            throw;
        // A dropped connection stays "open" to Qt; close it so it is reopened.
        DbExecutor::close(db);
        // A pooled connection that died while idle (database restart, network blip) should not
        // cost a client an error. Reads are safe to repeat, so they get one fresh connection;
        // a write is never repeated, since it may have reached the database.
        if (context.verb != VerbGet)
            throw;
        DbExecutor::ensureOpen(db, m_executor->spec());
        return run();
    }
}

void SqlService::runRequestStatements(const RequestContext &context, QSqlDatabase &db) const
{
    if (m_statements.isEmpty())
        return;
    // Connections are shared by every user of the service, so these run before each request's
    // own SQL, not once per connection: whatever the previous request set is overwritten
    // before anything of this request reads it. A lookup with no value for this request binds
    // NULL rather than being skipped, so it too replaces the previous value. Any failure
    // closes the connection (dropping whatever state a partial run left) and fails the request
    // before its own SQL runs.
    std::optional<LookupSecrets> secrets;
    if (m_store)
        secrets.emplace(*m_store);
    const LookupResolver trusted(context.session, secrets ? &*secrets : nullptr);
    for (qsizetype i = 0; i < m_statements.size(); ++i) {
        QVariantList binds;
        const QString sql =
            trusted.bind(m_statements.at(i), binds, true, LookupResolver::Unresolved::BindNull);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        bool ok = query.prepare(sql);
        if (ok) {
            for (const QVariant &value : std::as_const(binds))
                query.addBindValue(value);
            ok = query.exec();
        }
        if (ok)
            continue;
        // Not the driver's text: it can quote a bound value, and these may be private lookups.
        const QSqlError error = query.lastError();
        const SqlFailure failure = m_dialect->classifyError(error);
        spdlog::warn("service '{}': per-request statement {} failed (SQLSTATE/code {})",
                     info().name.toStdString(), i + 1, error.nativeErrorCode().toStdString());
        query = QSqlQuery();
        DbExecutor::close(db);
        if (failure.kind == SqlFailure::Kind::ConnectionLost)
            throw ApiError(503, QStringLiteral("The database is not available. Try again later."));
        throw ApiError::internal(
            QStringLiteral("The per-request 'statements' of service '%1' failed.").arg(info().name));
    }
}
} // namespace gatehouse
