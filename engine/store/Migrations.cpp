#include "Migrations.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace gatehouse {
namespace {
// Arbitrary constant naming Gatehouse's migration lock among other advisory locks on the server.
constexpr qint64 kMigrationLockKey = 0x4761746548534D31; // "GateHSM1"

QList<Migration> buildMigrations()
{
    QList<Migration> list;
    // Booleans are SMALLINT 0/1 and dates are UTC text "yyyy-MM-dd HH:mm:ss": both read and
    // bind identically through every Qt SQL driver, which keeps one code path for all dialects.
    list.append(Migration{
        1,
        QStringLiteral("identity, services, roles and apps"),
        {
            QStringLiteral(R"(CREATE TABLE "user" (
                id {{ID}},
                email VARCHAR(255) NOT NULL,
                name VARCHAR(255) NOT NULL DEFAULT '',
                first_name VARCHAR(255),
                last_name VARCHAR(255),
                password_hash VARCHAR(255),
                is_active SMALLINT NOT NULL DEFAULT 1,
                is_sys_admin SMALLINT NOT NULL DEFAULT 0,
                last_login_date VARCHAR(32),
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
            QStringLiteral(R"(CREATE UNIQUE INDEX user_email_key ON "user" (email))"),
            QStringLiteral(R"(CREATE TABLE role (
                id {{ID}},
                name VARCHAR(64) NOT NULL,
                description TEXT,
                is_active SMALLINT NOT NULL DEFAULT 1,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
            QStringLiteral("CREATE UNIQUE INDEX role_name_key ON role (name)"),
            QStringLiteral(R"(CREATE TABLE service (
                id {{ID}},
                name VARCHAR(64) NOT NULL,
                label VARCHAR(255) NOT NULL DEFAULT '',
                description TEXT,
                is_active SMALLINT NOT NULL DEFAULT 1,
                type VARCHAR(64) NOT NULL,
                config TEXT NOT NULL DEFAULT '{}',
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
            QStringLiteral("CREATE UNIQUE INDEX service_name_key ON service (name)"),
            QStringLiteral(R"(CREATE TABLE role_service_access (
                id {{ID}},
                role_id {{BIGINT}} NOT NULL REFERENCES role (id) ON DELETE CASCADE,
                service_id {{BIGINT}} REFERENCES service (id) ON DELETE CASCADE,
                component VARCHAR(255) NOT NULL DEFAULT '',
                verb_mask INTEGER NOT NULL DEFAULT 0,
                requestor_mask INTEGER NOT NULL DEFAULT 1,
                filters TEXT NOT NULL DEFAULT '[]',
                filter_op VARCHAR(3) NOT NULL DEFAULT 'AND',
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
            QStringLiteral("CREATE INDEX role_service_access_role_idx ON role_service_access (role_id)"),
            QStringLiteral(
                "CREATE INDEX role_service_access_service_idx ON role_service_access (service_id)"),
            QStringLiteral(R"(CREATE TABLE app (
                id {{ID}},
                name VARCHAR(64) NOT NULL,
                description TEXT,
                is_active SMALLINT NOT NULL DEFAULT 1,
                role_id {{BIGINT}} REFERENCES role (id) ON DELETE SET NULL,
                api_key_hash VARCHAR(64) NOT NULL,
                api_key_hint VARCHAR(16) NOT NULL DEFAULT '',
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
            QStringLiteral("CREATE UNIQUE INDEX app_name_key ON app (name)"),
            QStringLiteral("CREATE UNIQUE INDEX app_api_key_hash_key ON app (api_key_hash)"),
            QStringLiteral("CREATE INDEX app_role_idx ON app (role_id)"),
            QStringLiteral(R"(CREATE TABLE user_to_app_to_role (
                id {{ID}},
                user_id {{BIGINT}} NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
                app_id {{BIGINT}} NOT NULL REFERENCES app (id) ON DELETE CASCADE,
                role_id {{BIGINT}} NOT NULL REFERENCES role (id) ON DELETE CASCADE))"),
            QStringLiteral(
                "CREATE UNIQUE INDEX user_to_app_to_role_key ON user_to_app_to_role (user_id, app_id)"),
            QStringLiteral("CREATE INDEX user_to_app_to_role_app_idx ON user_to_app_to_role (app_id)"),
            QStringLiteral("CREATE INDEX user_to_app_to_role_role_idx ON user_to_app_to_role (role_id)"),
            QStringLiteral(R"(CREATE TABLE token_revocation (
                jti VARCHAR(64) NOT NULL PRIMARY KEY,
                expires_at {{BIGINT}} NOT NULL))"),
            QStringLiteral("CREATE INDEX token_revocation_expires_idx ON token_revocation (expires_at)"),
            QStringLiteral(R"(CREATE TABLE system_setting (
                name VARCHAR(128) NOT NULL PRIMARY KEY,
                value TEXT NOT NULL))"),
            // The built-in system service is a row too (id 1, as in DreamFactory), so role rules
            // can name it through the same foreign key as any other service.
            QStringLiteral(R"(INSERT INTO service (name, label, description, is_active, type, config,
                created_date, last_modified_date)
                VALUES ('system', 'System Management', 'Service for managing system resources.', 1,
                'system', '{}', {{NOW}}, {{NOW}}))"),
        }});
    list.append(Migration{
        2,
        QStringLiteral("user token epochs"),
        {
            QStringLiteral(R"(ALTER TABLE "user" ADD COLUMN token_epoch {{BIGINT}} NOT NULL DEFAULT 0)"),
        }});
    // Custom lookups (reference §5): one table for every scope. At most one of app_id, role_id
    // and user_id is set (none: a system lookup); the expression index makes a name unique
    // within its scope, which a plain index could not do because NULLs never compare equal.
    list.append(Migration{
        3,
        QStringLiteral("lookups"),
        {
            QStringLiteral(R"(CREATE TABLE lookup (
                id {{ID}},
                name VARCHAR(128) NOT NULL,
                value TEXT,
                private SMALLINT NOT NULL DEFAULT 0,
                description TEXT,
                app_id {{BIGINT}} REFERENCES app (id) ON DELETE CASCADE,
                role_id {{BIGINT}} REFERENCES role (id) ON DELETE CASCADE,
                user_id {{BIGINT}} REFERENCES "user" (id) ON DELETE CASCADE,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL,
                CHECK ((CASE WHEN app_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN role_id IS NULL THEN 0 ELSE 1 END)
                       + (CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) <= 1)))"),
            QStringLiteral("CREATE UNIQUE INDEX lookup_scope_name_key ON lookup "
                           "(name, COALESCE(app_id, 0), COALESCE(role_id, 0), COALESCE(user_id, 0))"),
            QStringLiteral("CREATE INDEX lookup_app_idx ON lookup (app_id)"),
            QStringLiteral("CREATE INDEX lookup_role_idx ON lookup (role_id)"),
            QStringLiteral("CREATE INDEX lookup_user_idx ON lookup (user_id)"),
        }});
    list.append(
        Migration{4,
                  QStringLiteral("field masking rules"),
                  {
                      QStringLiteral(R"(CREATE TABLE field_mask (
                id {{ID}},
                role_id {{BIGINT}} NOT NULL REFERENCES role (id) ON DELETE CASCADE,
                service_id {{BIGINT}} NOT NULL REFERENCES service (id) ON DELETE CASCADE,
                table_name VARCHAR(255) NOT NULL,
                field VARCHAR(255) NOT NULL,
                mode VARCHAR(16) NOT NULL,
                keep INTEGER NOT NULL DEFAULT 4,
                detectors TEXT NOT NULL DEFAULT '[]',
                allow_filter SMALLINT NOT NULL DEFAULT 0,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
                      QStringLiteral("CREATE INDEX field_mask_role_idx ON field_mask (role_id)"),
                      QStringLiteral("CREATE INDEX field_mask_service_idx ON field_mask (service_id)"),
                  }});
    // Rate limits (df-limits' model) and, for PostgreSQL system databases shared by several
    // nodes, their counters (an SQLite node keeps counters in memory; the table stays empty).
    list.append(Migration{5,
                          QStringLiteral("rate limits"),
                          {
                              QStringLiteral(R"(CREATE TABLE limits (
                id {{ID}},
                type VARCHAR(64) NOT NULL,
                key_text VARCHAR(1024) NOT NULL,
                rate {{BIGINT}} NOT NULL,
                period INTEGER NOT NULL,
                user_id {{BIGINT}} REFERENCES "user" (id) ON DELETE CASCADE,
                role_id {{BIGINT}} REFERENCES role (id) ON DELETE CASCADE,
                service_id {{BIGINT}} REFERENCES service (id) ON DELETE CASCADE,
                endpoint VARCHAR(255),
                verb VARCHAR(16),
                name VARCHAR(64) NOT NULL,
                description TEXT,
                is_active SMALLINT NOT NULL DEFAULT 1,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
                              QStringLiteral("CREATE UNIQUE INDEX limits_key_text_key ON limits (key_text)"),
                              QStringLiteral(R"(CREATE TABLE limit_counter (
                limit_id {{BIGINT}} NOT NULL REFERENCES limits (id) ON DELETE CASCADE,
                subject VARCHAR(64) NOT NULL,
                window_start {{BIGINT}} NOT NULL,
                window_end {{BIGINT}} NOT NULL,
                hits {{BIGINT}} NOT NULL,
                PRIMARY KEY (limit_id, subject)))"),
                          }});
    // No foreign keys: the trail must outlive the users, apps and roles it names.
    list.append(
        Migration{6,
                  QStringLiteral("audit log"),
                  {
                      QStringLiteral(R"(CREATE TABLE audit_log (
                id {{ID}},
                created_date VARCHAR(32) NOT NULL,
                event VARCHAR(32) NOT NULL DEFAULT 'request',
                request_id VARCHAR(64) NOT NULL DEFAULT '',
                client_ip VARCHAR(64) NOT NULL DEFAULT '',
                user_id {{BIGINT}},
                user_email VARCHAR(255),
                app_id {{BIGINT}},
                app_name VARCHAR(255),
                role_id {{BIGINT}},
                role_name VARCHAR(255),
                service VARCHAR(255) NOT NULL DEFAULT '',
                component VARCHAR(255) NOT NULL DEFAULT '',
                verb VARCHAR(16) NOT NULL DEFAULT '',
                path VARCHAR(2048) NOT NULL DEFAULT '',
                status INTEGER NOT NULL DEFAULT 0,
                duration_ms {{BIGINT}} NOT NULL DEFAULT 0,
                bytes_in {{BIGINT}} NOT NULL DEFAULT 0,
                bytes_out {{BIGINT}} NOT NULL DEFAULT 0,
                params TEXT NOT NULL DEFAULT '{}',
                user_agent VARCHAR(512) NOT NULL DEFAULT '',
                error_message TEXT))"),
                      QStringLiteral("CREATE INDEX audit_log_created_idx ON audit_log (created_date)"),
                      QStringLiteral("CREATE INDEX audit_log_request_idx ON audit_log (request_id)"),
                      QStringLiteral("CREATE INDEX audit_log_user_idx ON audit_log (user_id)"),
                      QStringLiteral("CREATE INDEX audit_log_service_idx ON audit_log (service)"),
                  }});
    list.append(
        Migration{8,
                  QStringLiteral("CORS rules"),
                  {
                      // DreamFactory's cors_config: one row per path pattern; method is a verb mask.
                      QStringLiteral(R"(CREATE TABLE cors_config (
                id {{ID}},
                path VARCHAR(255) NOT NULL,
                description TEXT,
                origin TEXT NOT NULL DEFAULT '',
                header TEXT NOT NULL DEFAULT '',
                exposed_header TEXT NOT NULL DEFAULT '',
                method INTEGER NOT NULL DEFAULT 0,
                max_age INTEGER NOT NULL DEFAULT 0,
                supports_credentials SMALLINT NOT NULL DEFAULT 0,
                enabled SMALLINT NOT NULL DEFAULT 1,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
                      QStringLiteral("CREATE UNIQUE INDEX cors_config_path_key ON cors_config (path)"),
                  }});
    // AI usage and prompt logs: no foreign keys, like the audit log (the records outlive the
    // services and users they name). Costs are DOUBLE PRECISION (REAL affinity on SQLite).
    list.append(Migration{
        9,
        QStringLiteral("AI usage and prompt logs"),
        {
            QStringLiteral(R"(CREATE TABLE ai_usage_log (
                id {{ID}},
                created_date VARCHAR(32) NOT NULL,
                request_id VARCHAR(64) NOT NULL DEFAULT '',
                service_id {{BIGINT}},
                service_name VARCHAR(255) NOT NULL DEFAULT '',
                provider VARCHAR(64) NOT NULL DEFAULT '',
                model VARCHAR(255) NOT NULL DEFAULT '',
                user_id {{BIGINT}},
                role_id {{BIGINT}},
                app_id {{BIGINT}},
                endpoint VARCHAR(64) NOT NULL DEFAULT '',
                stream SMALLINT NOT NULL DEFAULT 0,
                input_tokens {{BIGINT}} NOT NULL DEFAULT 0,
                output_tokens {{BIGINT}} NOT NULL DEFAULT 0,
                cached_input_tokens {{BIGINT}} NOT NULL DEFAULT 0,
                reasoning_tokens {{BIGINT}} NOT NULL DEFAULT 0,
                cost DOUBLE PRECISION NOT NULL DEFAULT 0,
                estimated SMALLINT NOT NULL DEFAULT 0,
                latency_ms {{BIGINT}} NOT NULL DEFAULT 0,
                ttft_ms {{BIGINT}},
                status VARCHAR(16) NOT NULL DEFAULT 'success',
                http_status INTEGER NOT NULL DEFAULT 0,
                error_message TEXT,
                fallback_index INTEGER NOT NULL DEFAULT 0,
                attempt INTEGER NOT NULL DEFAULT 1))"),
            QStringLiteral("CREATE INDEX ai_usage_log_created_idx ON ai_usage_log (created_date)"),
            QStringLiteral(
                "CREATE INDEX ai_usage_log_service_idx ON ai_usage_log (service_id, created_date)"),
            QStringLiteral("CREATE INDEX ai_usage_log_user_idx ON ai_usage_log (user_id, created_date)"),
            QStringLiteral("CREATE INDEX ai_usage_log_request_idx ON ai_usage_log (request_id)"),
            QStringLiteral(R"(CREATE TABLE ai_prompt_log (
                id {{ID}},
                created_date VARCHAR(32) NOT NULL,
                request_id VARCHAR(64) NOT NULL DEFAULT '',
                service_id {{BIGINT}},
                user_id {{BIGINT}},
                model VARCHAR(255) NOT NULL DEFAULT '',
                prompt TEXT NOT NULL DEFAULT '',
                response TEXT NOT NULL DEFAULT ''))"),
            QStringLiteral("CREATE INDEX ai_prompt_log_created_idx ON ai_prompt_log (created_date)"),
            QStringLiteral("CREATE INDEX ai_prompt_log_request_idx ON ai_prompt_log (request_id)"),
        }});
    // Budgets, their alerts (one row per threshold and period, so an alert fires once even across
    // restarts and nodes), the shared spend counters of PostgreSQL system databases (an SQLite
    // node keeps them in memory) and the model aliases of the OpenAI-compatible endpoint.
    list.append(Migration{10,
                          QStringLiteral("AI budgets and model aliases"),
                          {
                              QStringLiteral(R"(CREATE TABLE ai_budget (
                id {{ID}},
                name VARCHAR(255) NOT NULL,
                dimension VARCHAR(16) NOT NULL,
                target_id {{BIGINT}},
                period VARCHAR(16) NOT NULL,
                limit_amount DOUBLE PRECISION NOT NULL,
                hard_stop SMALLINT NOT NULL DEFAULT 1,
                alert_webhook_url VARCHAR(2048),
                is_active SMALLINT NOT NULL DEFAULT 1,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
                              QStringLiteral("CREATE UNIQUE INDEX ai_budget_name_key ON ai_budget (name)"),
                              QStringLiteral(R"(CREATE TABLE ai_budget_alert (
                budget_id {{BIGINT}} NOT NULL REFERENCES ai_budget (id) ON DELETE CASCADE,
                period_start {{BIGINT}} NOT NULL,
                threshold INTEGER NOT NULL,
                spent DOUBLE PRECISION NOT NULL DEFAULT 0,
                sent_date VARCHAR(32),
                PRIMARY KEY (budget_id, period_start, threshold)))"),
                              QStringLiteral(R"(CREATE TABLE ai_budget_counter (
                budget_key VARCHAR(64) NOT NULL,
                period_start {{BIGINT}} NOT NULL,
                spent DOUBLE PRECISION NOT NULL DEFAULT 0,
                reserved DOUBLE PRECISION NOT NULL DEFAULT 0,
                PRIMARY KEY (budget_key, period_start)))"),
                              QStringLiteral(R"(CREATE TABLE ai_alias (
                id {{ID}},
                alias VARCHAR(128) NOT NULL,
                service_id {{BIGINT}} NOT NULL REFERENCES service (id) ON DELETE CASCADE,
                model VARCHAR(255) NOT NULL,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
                              QStringLiteral("CREATE UNIQUE INDEX ai_alias_alias_key ON ai_alias (alias)"),
                          }});
    // Users provisioned by a directory or identity provider (issue 6): the service they came
    // from, its stable id for them (an LDAP DN, an OIDC subject) and what it said at their last
    // sign-in (username, groups, mapped attributes as JSON).
    list.append(Migration{
        11,
        QStringLiteral("directory and identity-provider users"),
        {
            QStringLiteral(
                R"(ALTER TABLE "user" ADD COLUMN identity_service_id {{BIGINT}} REFERENCES service (id) ON DELETE SET NULL)"),
            QStringLiteral(R"(ALTER TABLE "user" ADD COLUMN external_id VARCHAR(512))"),
            QStringLiteral(R"(ALTER TABLE "user" ADD COLUMN directory_username VARCHAR(255))"),
            QStringLiteral(R"(ALTER TABLE "user" ADD COLUMN directory_attributes TEXT)"),
            QStringLiteral(
                R"(CREATE UNIQUE INDEX user_external_key ON "user" (identity_service_id, external_id))"),
        }});
    // Event scripts (issue 8): JavaScript run before or after a service handles a request,
    // keyed by the event name they hook ("db._table.orders.get.pre_process"). `config` is JSON
    // ({allowed_hosts, cpu_limit_ms, memory_limit_mb}).
    list.append(
        Migration{12,
                  QStringLiteral("event scripts"),
                  {
                      QStringLiteral(R"(CREATE TABLE event_script (
                id {{ID}},
                name VARCHAR(512) NOT NULL,
                type VARCHAR(32) NOT NULL DEFAULT 'javascript',
                content TEXT NOT NULL,
                config TEXT NOT NULL DEFAULT '{}',
                is_active SMALLINT NOT NULL DEFAULT 1,
                allow_event_modification SMALLINT NOT NULL DEFAULT 0,
                description TEXT,
                created_date VARCHAR(32) NOT NULL,
                last_modified_date VARCHAR(32) NOT NULL))"),
                      QStringLiteral("CREATE UNIQUE INDEX event_script_name_key ON event_script (name)"),
                  }});
    return list;
}

bool exec(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}
} // namespace

Migrations::Dialect Migrations::dialectOf(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL") ? Dialect::Postgres : Dialect::Sqlite;
}

const QList<Migration> &Migrations::all()
{
    static const QList<Migration> list = buildMigrations();
    return list;
}

int Migrations::latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

QString Migrations::translate(const QString &sql, Dialect dialect)
{
    QString out = sql;
    if (dialect == Dialect::Postgres) {
        out.replace(QLatin1String("{{ID}}"),
                    QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        out.replace(QLatin1String("{{BIGINT}}"), QLatin1String("BIGINT"));
        out.replace(QLatin1String("{{NOW}}"),
                    QLatin1String("to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"));
    } else {
        // AUTOINCREMENT: ids of deleted rows are never reused, so a stale id in a client or a
        // log can never point at a newer record.
        out.replace(QLatin1String("{{ID}}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        out.replace(QLatin1String("{{BIGINT}}"), QLatin1String("INTEGER"));
        out.replace(QLatin1String("{{NOW}}"), QLatin1String("strftime('%Y-%m-%d %H:%M:%S', 'now')"));
    }
    return out;
}

QString Migrations::nowText()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

int Migrations::currentVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_migrations")))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool Migrations::migrate(QSqlDatabase &db, QString *error)
{
    const Dialect dialect = dialectOf(db);
    const int current = currentVersion(db);
    if (current < 0) {
        if (error)
            *error = QStringLiteral("cannot read the system database schema version");
        return false;
    }
    if (current > latestVersion()) {
        if (error)
            *error = QStringLiteral(
                         "the system database has schema version %1, newer than this build supports (%2); "
                         "upgrade Gatehouse")
                         .arg(current)
                         .arg(latestVersion());
        return false;
    }

    for (const Migration &migration : all()) {
        if (migration.version <= current)
            continue;
        QSqlQuery query(db);
        QString failure;
        const bool began = exec(
            query, dialect == Dialect::Postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"),
            &failure);
        bool ok = began;
        bool alreadyApplied = false;
        if (ok && dialect == Dialect::Postgres) {
            // "already exists, skipping" notices from the IF NOT EXISTS below are expected noise.
            ok = exec(query, QStringLiteral("SET LOCAL client_min_messages = warning"), &failure) &&
                 exec(query, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey),
                      &failure);
        }
        // Created inside the locked transaction: a concurrent starter waits on the lock, then
        // sees the table and the version rows the winner committed.
        if (ok)
            ok = exec(
                query,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL "
                               "PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_date VARCHAR(32) NOT NULL)"),
                &failure);
        if (ok) {
            query.prepare(QStringLiteral("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"));
            query.addBindValue(migration.version);
            ok = query.exec() && query.next();
            if (ok)
                alreadyApplied = query.value(0).toInt() > 0;
            else
                failure = query.lastError().text();
            query.finish();
        }
        if (ok && !alreadyApplied) {
            for (const QString &statement : migration.statements) {
                if (!exec(query, translate(statement, dialect), &failure)) {
                    ok = false;
                    break;
                }
            }
        }
        if (ok && !alreadyApplied) {
            query.prepare(QStringLiteral(
                "INSERT INTO schema_migrations (version, name, applied_date) VALUES (?, ?, ?)"));
            query.addBindValue(migration.version);
            query.addBindValue(migration.name);
            query.addBindValue(nowText());
            if (!query.exec()) {
                ok = false;
                failure = query.lastError().text();
            }
        }
        if (ok)
            ok = exec(query, QStringLiteral("COMMIT"), &failure);
        if (!ok) {
            if (began) {
                QSqlQuery rollback(db);
                rollback.exec(QStringLiteral("ROLLBACK"));
            }
            if (error)
                *error = QStringLiteral("system database migration %1 (%2) failed: %3")
                             .arg(migration.version)
                             .arg(migration.name, failure);
            return false;
        }
        if (!alreadyApplied)
            spdlog::info("system database: applied migration {} ({})", migration.version,
                         migration.name.toStdString());
    }
    return true;
}
} // namespace gatehouse
