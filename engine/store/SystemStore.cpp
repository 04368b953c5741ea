#include "SystemStore.h"

#include <atomic>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include "DbExecutor.h"
#include "Migrations.h"
#include "core/ApiError.h"
#include "http/CorsPolicy.h"
#include "security/ApiKeys.h"
#include "security/ExternalIdentity.h"
#include "security/LoginThrottle.h"
#include "security/PasswordHasher.h"
#include "services/script/EventScriptTable.h"

namespace gatehouse {
namespace {
const QString kSettingGeneration = QStringLiteral("config_generation");
const QString kSettingJwtKey = QStringLiteral("jwt_signing_key");
const QString kSettingKeyCheck = QStringLiteral("master_key_check");
const QByteArray kKeyCheckPlaintext = QByteArrayLiteral("gatehouse master key check");
const QString kDefaultAdminEmail = QStringLiteral("admin@gatehouse.local");
constexpr int kDefaultPollMs = 3000;
constexpr qint64 kPruneEverySeconds = 600;

// Orders refreshes by when their reads began, so a slow poll can never publish state older
// than what a later write already published.
std::atomic<quint64> g_loadSequence{0};

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    return QString::fromLatin1(raw.toHex());
}

QString generatePassword()
{
    // 18 random bytes -> 24 URL-safe characters (144 bits): easy to copy, impossible to guess.
    QByteArray raw(18, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void throwIfFailed(bool ok, const QSqlQuery &query, const char *what)
{
    if (ok)
        return;
    spdlog::error("system database: {} failed: {}", what, query.lastError().text().toStdString());
    throw ApiError::internal(QStringLiteral("The system database could not be read."));
}

// Reads or inserts one setting; the insert is a no-op when another node got there first, and
// the value read back is whichever won.
QString settingOrInsert(QSqlDatabase &db, const QString &name, const QString &candidate, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO system_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"));
    query.addBindValue(name);
    query.addBindValue(candidate);
    if (!query.exec()) {
        *error = QStringLiteral("cannot write setting %1: %2").arg(name, query.lastError().text());
        return {};
    }
    query.prepare(QStringLiteral("SELECT value FROM system_setting WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("cannot read setting %1: %2").arg(name, query.lastError().text());
        return {};
    }
    return query.value(0).toString();
}

// Reveals the protected strings of a service config (top level: only secret fields are
// protected, and the service API refuses protected text anywhere else) and collects the
// at-rest texts the config references.
void revealConfig(Json &config, const SecretStore &secrets, QSet<QString> &referenced)
{
    if (!config.is_object())
        return;
    for (auto &item : config) {
        if (!item.is_string())
            continue;
        const QString text = item.get<QString>();
        if (!SecretStore::isProtected(text))
            continue;
        referenced.insert(text);
        if (const auto plain = secrets.reveal(text))
            item = *plain;
    }
}
} // namespace

SystemStore::SystemStore(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_snapshot(std::make_shared<AccessSnapshot>())
{
    m_loginThrottle = std::make_unique<LoginThrottle>(config.loginMaxFailures, config.loginAddressMaxFailures,
                                                      config.loginLockoutSeconds);
    m_pollTimer.setInterval(kDefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &SystemStore::poll);
}

SystemStore::~SystemStore()
{
    m_pollTimer.stop();
    // Destroying the executor runs what is queued; their completions are dropped.
    m_executor.reset();
}

bool SystemStore::isPostgres() const
{
    return m_spec.driver == QLatin1String("QPSQL");
}

bool SystemStore::initialize(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!SecretBox::initializeSodium())
        return fail(QStringLiteral("libsodium could not be initialised"));
    if (m_config.dataDir.isEmpty())
        return fail(QStringLiteral("no data folder configured"));
    if (!QDir().mkpath(m_config.dataDir))
        return fail(QStringLiteral("cannot create the data folder %1").arg(m_config.dataDir));

    QString problem;
    const QByteArray masterKey =
        SecretBox::loadOrCreateMasterKey(m_config.masterKey, m_config.dataDir, &problem);
    if (masterKey.isEmpty())
        return fail(problem);
    m_secrets = SecretBox(masterKey);

    if (m_config.systemDb.isEmpty()) {
        m_spec.driver = QStringLiteral("QSQLITE");
        m_spec.database = QDir(m_config.dataDir).filePath(QStringLiteral("system.db"));
        // Created owner-only before SQLite opens it: it holds password hashes and sealed
        // secrets, and SQLite gives its -wal/-shm files the same mode.
        QFile file(m_spec.database);
        if (!file.exists() && file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                                        QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            file.close();
    } else {
        m_spec = ConnectionSpec::fromUrl(m_config.systemDb, &problem);
        if (!problem.isEmpty())
            return fail(QStringLiteral("system_db: %1").arg(problem));
        if (m_spec.driver != QLatin1String("QPSQL") && m_spec.driver != QLatin1String("QSQLITE"))
            return fail(
                QStringLiteral("system_db: only SQLite and PostgreSQL system databases are supported"));
    }
    m_spec.statementTimeoutMs = m_config.dbStatementTimeoutMs;

    SecretStore::Options secretOptions;
    secretOptions.mode = SecretStore::parseMode(m_config.secretStore).value_or(SecretStore::Mode::Auto);
    secretOptions.sharedSystemDb = isPostgres();
    m_secretStore = SecretStore::open(m_secrets, secretOptions, &problem);
    if (!m_secretStore)
        return fail(problem);
    spdlog::info("secret store: {} ({})", m_secretStore->backendName().toStdString(),
                 m_secretStore->reason().toStdString());

    const QString connectionName = QStringLiteral("gatehouse-system-init-%1").arg(randomHex(4));
    bool ok = false;
    {
        QSqlDatabase db = DbExecutor::openConnection(m_spec, connectionName, &problem);
        if (!db.isOpen()) {
            problem = QStringLiteral("cannot open the system database: %1").arg(problem);
        } else {
            ok = true;
            if (!isPostgres()) {
                QSqlQuery wal(db);
                if (!wal.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
                    spdlog::warn("system database: cannot switch to WAL: {}",
                                 wal.lastError().text().toStdString());
            }
            ok = Migrations::migrate(db, &problem) && bootstrapSecrets(db, &problem) &&
                 bootstrapAdmin(db, &problem);
            if (ok) {
                QSqlQuery prune(db);
                prune.prepare(QStringLiteral("DELETE FROM token_revocation WHERE expires_at < ?"));
                prune.addBindValue(QDateTime::currentSecsSinceEpoch());
                prune.exec();
                try {
                    applyRefresh(loadRefresh(db, ReloadAll));
                } catch (const ApiError &e) {
                    ok = false;
                    problem = QStringLiteral("cannot load the system database: %1").arg(e.message());
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    if (!ok)
        return fail(problem);

    m_lastPrune = QDateTime::currentSecsSinceEpoch();
    m_executor = std::make_unique<DbExecutor>(m_spec, 2, QStringLiteral("system"));
    if (m_pollTimer.interval() > 0)
        m_pollTimer.start();
    spdlog::info("system database ready ({}, schema version {})", isPostgres() ? "PostgreSQL" : "SQLite",
                 Migrations::latestVersion());
    return true;
}

bool SystemStore::bootstrapSecrets(QSqlDatabase &db, QString *error)
{
    // A sealed known value proves that this node's master key is the one the database's
    // secrets were sealed with; a node started with another key refuses to run rather than
    // fail later on every secret.
    const QString check = settingOrInsert(db, kSettingKeyCheck, m_secrets.seal(kKeyCheckPlaintext), error);
    if (check.isEmpty())
        return false;
    const auto opened = m_secrets.open(check);
    if (!opened || *opened != kKeyCheckPlaintext) {
        *error = QStringLiteral("the master key does not match the one this system database was created with "
                                "(set GATEHOUSE_MASTER_KEY to the original key, or restore master.key)");
        return false;
    }

    // The signing key lives in the database, sealed, so every node sharing it signs and
    // verifies with the same key.
    const QString sealedKey =
        settingOrInsert(db, kSettingJwtKey, m_secrets.seal(Jwt::generateKey().toBase64()), error);
    if (sealedKey.isEmpty())
        return false;
    const auto keyText = m_secrets.open(sealedKey);
    const QByteArray key = keyText ? QByteArray::fromBase64(*keyText) : QByteArray();
    if (key.size() < Jwt::MinKeyBytes) {
        *error = QStringLiteral("the JWT signing key in the system database cannot be read");
        return false;
    }
    m_jwt = Jwt(key);
    return !settingOrInsert(db, kSettingGeneration, randomHex(16), error).isEmpty();
}

bool SystemStore::bootstrapAdmin(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(R"(SELECT COUNT(*) FROM "user" WHERE is_sys_admin = 1)")) ||
        !query.next()) {
        *error = QStringLiteral("cannot read admins: %1").arg(query.lastError().text());
        return false;
    }
    if (query.value(0).toLongLong() > 0)
        return true;
    query.finish();

    const QString email =
        (m_config.adminEmail.isEmpty() ? kDefaultAdminEmail : m_config.adminEmail).trimmed().toLower();
    const bool generated = m_config.adminPassword.isEmpty();
    const QString password = generated ? generatePassword() : m_config.adminPassword;
    // Blocking, but only here, once, before the engine serves anything.
    const QString hash = PasswordHasher::hash(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("cannot hash the first admin's password");
        return false;
    }
    const QString now = Migrations::nowText();
    query.prepare(QStringLiteral(R"(INSERT INTO "user" (email, name, first_name, last_name, password_hash,
        is_active, is_sys_admin, created_date, last_modified_date)
        VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?) ON CONFLICT (email) DO NOTHING)"));
    query.addBindValue(email);
    query.addBindValue(QStringLiteral("Administrator"));
    query.addBindValue(QStringLiteral("Administrator"));
    query.addBindValue(QString());
    query.addBindValue(hash);
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        *error = QStringLiteral("cannot create the first admin: %1").arg(query.lastError().text());
        return false;
    }
    if (query.numRowsAffected() == 1) {
        spdlog::info("created the first admin {}", email.toStdString());
        if (generated)
            m_generatedAdminPassword = password;
    } else {
        // Another node created it at the same moment, or a non-admin holds the address.
        spdlog::warn("the first admin {} was not created: the email address is taken", email.toStdString());
    }
    QSqlQuery bump(db);
    bump.prepare(QStringLiteral("UPDATE system_setting SET value = ? WHERE name = ?"));
    bump.addBindValue(randomHex(16));
    bump.addBindValue(kSettingGeneration);
    bump.exec();
    return true;
}

SystemStore::Refresh SystemStore::loadRefresh(QSqlDatabase &db, int reload) const
{
    Refresh refresh;
    // Read everything in one transaction so the snapshot is consistent (REPEATABLE READ on
    // PostgreSQL; an SQLite read transaction in WAL mode sees one database state).
    QSqlQuery tx(db);
    const bool pg = db.driverName() == QLatin1String("QPSQL");
    const bool inTx =
        tx.exec(pg ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ") : QStringLiteral("BEGIN"));
    refresh.sequence = ++g_loadSequence;
    struct Finish
    {
        QSqlDatabase &db;
        bool active;
        ~Finish()
        {
            if (active)
                QSqlQuery(db).exec(QStringLiteral("COMMIT"));
        }
    } finish{db, inTx};

    QSqlQuery query(db);
    query.setForwardOnly(true);
    throwIfFailed(
        query.exec(QStringLiteral("SELECT value FROM system_setting WHERE name = 'config_generation'")),
        query, "reading the generation");
    if (query.next())
        refresh.generation = query.value(0).toString();

    if (reload & ReloadAccess) {
        auto snapshot = std::make_shared<AccessSnapshot>();
        throwIfFailed(
            query.exec(QStringLiteral(
                R"(SELECT id, email, name, first_name, last_name, is_active, is_sys_admin, last_login_date, identity_service_id, directory_username, directory_attributes FROM "user")")),
            query, "loading users");
        while (query.next()) {
            User user;
            user.id = query.value(0).toLongLong();
            user.email = query.value(1).toString();
            user.name = query.value(2).toString();
            user.firstName = query.value(3).toString();
            user.lastName = query.value(4).toString();
            user.isActive = query.value(5).toInt() != 0;
            user.isSysAdmin = query.value(6).toInt() != 0;
            if (!query.value(7).isNull())
                snapshot->lastLoginDates.insert(user.id, query.value(7).toString());
            if (!query.value(8).isNull()) {
                user.identityServiceId = query.value(8).toLongLong();
                user.directoryUsername = query.value(9).toString();
                ExternalIdentity::applyStoredAttributes(user, query.value(10).toString());
            }
            snapshot->users.insert(user.id, user);
        }

        QHash<qint64, Role> roles;
        throwIfFailed(query.exec(QStringLiteral("SELECT id, name, description, is_active FROM role")), query,
                      "loading roles");
        while (query.next()) {
            Role role;
            role.id = query.value(0).toLongLong();
            role.name = query.value(1).toString();
            role.description = query.value(2).toString();
            role.isActive = query.value(3).toInt() != 0;
            roles.insert(role.id, role);
        }
        throwIfFailed(query.exec(QStringLiteral("SELECT id, role_id, service_id, component, verb_mask, "
                                                "requestor_mask, filters, filter_op FROM role_service_access "
                                                "ORDER BY id")),
                      query, "loading access rules");
        while (query.next()) {
            auto it = roles.find(query.value(1).toLongLong());
            if (it == roles.end())
                continue;
            AccessRule rule;
            rule.id = query.value(0).toLongLong();
            if (!query.value(2).isNull())
                rule.serviceId = query.value(2).toLongLong();
            rule.component = query.value(3).toString();
            rule.verbMask = query.value(4).toInt();
            rule.requestorMask = query.value(5).toInt();
            rule.filters = parseJsonOrDiscarded(query.value(6).toString().toUtf8());
            if (!rule.filters.is_array())
                rule.filters = Json::array();
            rule.filterOp = query.value(7).toString();
            it->rules.append(rule);
        }
        for (auto it = roles.cbegin(); it != roles.cend(); ++it)
            snapshot->roles.insert(it.key(), std::make_shared<const Role>(it.value()));

        throwIfFailed(
            query.exec(QStringLiteral("SELECT id, role_id, service_id, table_name, field, mode, keep, "
                                      "detectors, allow_filter FROM field_mask ORDER BY id")),
            query, "loading field masks");
        while (query.next()) {
            FieldMaskRule mask;
            mask.id = query.value(0).toLongLong();
            mask.roleId = query.value(1).toLongLong();
            mask.serviceId = query.value(2).toLongLong();
            mask.table = query.value(3).toString();
            mask.field = query.value(4).toString();
            if (!FieldMaskRule::parseMode(query.value(5).toString(), &mask.mode))
                mask.mode = FieldMaskRule::Mode::Redact; // unknown: the strict choice
            mask.keep = query.value(6).toInt();
            const Json detectors = parseJsonOrDiscarded(query.value(7).toString().toUtf8());
            if (detectors.is_array())
                for (const Json &name : detectors)
                    if (name.is_string())
                        mask.detectors << QString::fromStdString(name.get<std::string>());
            mask.allowFilter = query.value(8).toInt() != 0;
            snapshot->fieldMasks[mask.roleId].append(mask);
        }

        throwIfFailed(
            query.exec(QStringLiteral("SELECT id, name, is_active, role_id, api_key_hash FROM app")), query,
            "loading apps");
        while (query.next()) {
            App app;
            app.id = query.value(0).toLongLong();
            app.name = query.value(1).toString();
            app.isActive = query.value(2).toInt() != 0;
            if (!query.value(3).isNull())
                app.roleId = query.value(3).toLongLong();
            snapshot->appsById.insert(app.id, app);
            snapshot->appsByKeyHash.insert(query.value(4).toString().toLatin1(), app);
        }

        throwIfFailed(query.exec(QStringLiteral("SELECT user_id, app_id, role_id FROM user_to_app_to_role")),
                      query, "loading user roles");
        while (query.next())
            snapshot->userAppRoles.insert(qMakePair(query.value(0).toLongLong(), query.value(1).toLongLong()),
                                          query.value(2).toLongLong());

        query.prepare(QStringLiteral("SELECT jti FROM token_revocation WHERE expires_at >= ?"));
        query.addBindValue(QDateTime::currentSecsSinceEpoch());
        throwIfFailed(query.exec(), query, "loading revocations");
        while (query.next())
            snapshot->revokedTokens.insert(query.value(0).toString());
        // Token epochs (migration 2): bumped to revoke every session of a user at once.
        throwIfFailed(query.exec(QStringLiteral(R"(SELECT id, token_epoch FROM "user")")), query,
                      "loading token epochs");
        while (query.next()) {
            const auto user = snapshot->users.find(query.value(0).toLongLong());
            if (user != snapshot->users.end())
                user->tokenEpoch = query.value(1).toLongLong();
        }
        snapshot->limits = RateLimit::loadAll(db);
        snapshot->lookups = LookupTable::load(db);
        snapshot->cors = CorsPolicy::load(db);
        snapshot->aiBudgets = AiBudget::loadAll(db);
        snapshot->aiAliases = AiAliasTable::load(db);
        snapshot->eventScripts = EventScriptTable::load(db);
        refresh.snapshot = std::move(snapshot);
    }

    if (reload & ReloadServices) {
        QList<ServiceInfo> services;
        QSet<QString> referencedSecrets;
        throwIfFailed(
            query.exec(QStringLiteral("SELECT id, name, label, description, is_active, type, config "
                                      "FROM service ORDER BY id")),
            query, "loading services");
        while (query.next()) {
            ServiceInfo info;
            info.id = query.value(0).toLongLong();
            info.name = query.value(1).toString();
            info.label = query.value(2).toString();
            info.description = query.value(3).toString();
            info.isActive = query.value(4).toInt() != 0;
            info.type = query.value(5).toString();
            info.config = parseJsonOrDiscarded(query.value(6).toString().toUtf8());
            if (!info.config.is_object())
                info.config = Json::object();
            revealConfig(info.config, *m_secretStore, referencedSecrets);
            services.append(std::move(info));
        }
        // Committed state: keychain entries this worker's write released and no row holds go.
        m_secretStore->settle(QStringLiteral("service"), referencedSecrets);
        refresh.services = std::move(services);
    }
    return refresh;
}

void SystemStore::applyRefresh(Refresh refresh)
{
    if (refresh.sequence != 0) {
        if (refresh.sequence < m_appliedSequence)
            return;
        m_appliedSequence = refresh.sequence;
    }
    if (refresh.snapshot) {
        m_snapshot = std::move(refresh.snapshot);
        emit snapshotChanged();
    }
    if (refresh.services) {
        QList<ServiceInfo> services;
        for (ServiceInfo &info : *refresh.services) {
            if (info.type == QLatin1String("system"))
                m_systemService = info;
            else
                services.append(std::move(info));
        }
        m_services = std::move(services);
        emit servicesChanged();
    }
    if (!refresh.generation.isEmpty())
        m_generation = refresh.generation;
}

void SystemStore::bumpGeneration(QSqlDatabase &db, QString *generation)
{
    const QString value = randomHex(16);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE system_setting SET value = ? WHERE name = 'config_generation'"));
    query.addBindValue(value);
    if (!query.exec())
        spdlog::warn("system database: cannot mark a change: {}", query.lastError().text().toStdString());
    if (generation)
        *generation = value;
}

void SystemStore::submitWrite(std::function<HttpResponse(QSqlDatabase &)> work, int reload,
                              std::function<void(HttpResponse)> done)
{
    struct Outcome
    {
        HttpResponse response;
        Refresh refresh;
    };
    const ConnectionSpec spec = m_spec;
    m_executor->submit(
        [this, spec, work = std::move(work), reload](QSqlDatabase &db) {
            Outcome outcome;
            try {
                DbExecutor::ensureOpen(db, spec);
            } catch (const ApiError &e) {
                outcome.response = HttpResponse::fromError(e);
                return outcome;
            }
            try {
                outcome.response = work(db);
            } catch (const ApiError &e) {
                outcome.response = HttpResponse::fromError(e);
            } catch (const std::exception &e) {
                spdlog::error("system database write failed: {}", e.what());
                outcome.response =
                    HttpResponse::fromError(ApiError::internal(QStringLiteral("Internal server error.")));
                // An unexpected failure must not leave a transaction (and, on SQLite, the write
                // lock) open on this connection; ApiError paths close their own.
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            }
            if (reload != ReloadNone) {
                try {
                    bumpGeneration(db);
                    outcome.refresh = loadRefresh(db, reload);
                } catch (const std::exception &) {
                    // Logged by loadRefresh; the next poll retries.
                }
            }
            return outcome;
        },
        [this, done = std::move(done)](Outcome outcome) {
            applyRefresh(std::move(outcome.refresh));
            done(std::move(outcome.response));
        });
}

void SystemStore::submitRead(std::function<HttpResponse(QSqlDatabase &)> work,
                             std::function<void(HttpResponse)> done)
{
    m_executor->submitRequest(std::move(work), std::move(done));
}

void SystemStore::reloadAll(std::function<void()> done)
{
    const ConnectionSpec spec = m_spec;
    m_executor->submit(
        [this, spec](QSqlDatabase &db) -> Refresh {
            try {
                DbExecutor::ensureOpen(db, spec);
                return loadRefresh(db, ReloadAll);
            } catch (const std::exception &) {
                return {};
            }
        },
        [this, done = std::move(done)](Refresh refresh) {
            applyRefresh(std::move(refresh));
            if (done)
                done();
        });
}

void SystemStore::setPollInterval(int milliseconds)
{
    m_pollTimer.setInterval(qMax(0, milliseconds));
    if (milliseconds <= 0)
        m_pollTimer.stop();
    else if (m_executor)
        m_pollTimer.start();
}

void SystemStore::poll()
{
    if (m_pollInFlight || !m_executor)
        return;
    m_pollInFlight = true;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const bool prune = now - m_lastPrune > kPruneEverySeconds;
    if (prune)
        m_lastPrune = now;
    const QString known = m_generation;
    const ConnectionSpec spec = m_spec;
    m_executor->submit(
        [this, spec, known, prune, now](QSqlDatabase &db) -> Refresh {
            try {
                DbExecutor::ensureOpen(db, spec);
                QSqlQuery query(db);
                if (prune) {
                    query.prepare(QStringLiteral("DELETE FROM token_revocation WHERE expires_at < ?"));
                    query.addBindValue(now);
                    query.exec();
                }
                if (!query.exec(QStringLiteral(
                        "SELECT value FROM system_setting WHERE name = 'config_generation'")) ||
                    !query.next() || query.value(0).toString() == known)
                    return {};
                query.finish();
                return loadRefresh(db, ReloadAll);
            } catch (const std::exception &) {
                return {};
            }
        },
        [this](Refresh refresh) {
            m_pollInFlight = false;
            applyRefresh(std::move(refresh));
        });
}
} // namespace gatehouse
