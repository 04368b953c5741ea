#include "Config.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSettings>
#include <QUrl>

#include "DataPaths.h"

namespace gatehouse {
namespace {

// Ini keys and the environment variables that override them.
struct Key
{
    const char *ini;
    const char *env;
};
constexpr Key kKeys[] = {
    {"listen", "GATEHOUSE_LISTEN"},
    {"system_db", "GATEHOUSE_SYSTEM_DB"},
    {"jwt_ttl", "GATEHOUSE_JWT_TTL"},
    {"jwt_refresh_ttl", "GATEHOUSE_JWT_REFRESH_TTL"},
    {"max_body_bytes", "GATEHOUSE_MAX_BODY_BYTES"},
    {"max_records", "GATEHOUSE_MAX_RECORDS"},
    {"max_records_cap", "GATEHOUSE_MAX_RECORDS_CAP"},
    {"db_statement_timeout_ms", "GATEHOUSE_DB_STATEMENT_TIMEOUT_MS"},
    {"demo", "GATEHOUSE_DEMO"},
    {"admin_email", "GATEHOUSE_ADMIN_EMAIL"},
    {"admin_password", "GATEHOUSE_ADMIN_PASSWORD"},
    {"log_level", "GATEHOUSE_LOG_LEVEL"},
    {"master_key", "GATEHOUSE_MASTER_KEY"},
    {"login_max_failures", "GATEHOUSE_LOGIN_MAX_FAILURES"},
    {"login_address_max_failures", "GATEHOUSE_LOGIN_ADDRESS_MAX_FAILURES"},
    {"login_lockout_seconds", "GATEHOUSE_LOGIN_LOCKOUT_SECONDS"},
    {"secret_store", "GATEHOUSE_SECRET_STORE"},
    {"tls_cert", "GATEHOUSE_TLS_CERT"},
    {"tls_key", "GATEHOUSE_TLS_KEY"},
    {"allowed_hosts", "GATEHOUSE_ALLOWED_HOSTS"},
    {"audit_file", "GATEHOUSE_AUDIT_FILE"},
    {"audit_file_max_bytes", "GATEHOUSE_AUDIT_FILE_MAX_BYTES"},
    {"audit_file_keep", "GATEHOUSE_AUDIT_FILE_KEEP"},
    {"audit_webhook_url", "GATEHOUSE_AUDIT_WEBHOOK_URL"},
    {"audit_retention_days", "GATEHOUSE_AUDIT_RETENTION_DAYS"},
    {"audit_flush_ms", "GATEHOUSE_AUDIT_FLUSH_MS"},
    {"audit_batch_size", "GATEHOUSE_AUDIT_BATCH_SIZE"},
    {"audit_queue_max", "GATEHOUSE_AUDIT_QUEUE_MAX"},
    {"ai_usage_retention_days", "GATEHOUSE_AI_USAGE_RETENTION_DAYS"},
    {"ai_prompt_retention_days", "GATEHOUSE_AI_PROMPT_RETENTION_DAYS"},
    {"public_url", "GATEHOUSE_PUBLIC_URL"},
};

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    QHostAddress a;
    if (host == QLatin1String("localhost"))
        a = QHostAddress::LocalHost;
    else if (!a.setAddress(host))
        return false;
    *address = a;
    *port = quint16(p);
    return true;
}

bool parseBool(const QString &text, bool *ok)
{
    const QString t = text.trimmed().toLower();
    *ok = true;
    if (t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes") ||
        t == QLatin1String("on"))
        return true;
    if (t == QLatin1String("0") || t == QLatin1String("false") || t == QLatin1String("no") ||
        t == QLatin1String("off"))
        return false;
    *ok = false;
    return false;
}
} // namespace

Config Config::load(const QString &dataDirOverride, const QString &configFileOverride,
                    const QHash<QString, QString> &cliOverrides, QString *error)
{
    Config config;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    config.dataDir = !dataDirOverride.isEmpty() ? dataDirOverride
                     : env.contains(QStringLiteral("GATEHOUSE_DATA_DIR"))
                         ? env.value(QStringLiteral("GATEHOUSE_DATA_DIR"))
                         : DataPaths::defaultDataDir();
    config.dataDir = QDir(config.dataDir).absolutePath();
    config.configFile = !configFileOverride.isEmpty() ? configFileOverride
                        : env.contains(QStringLiteral("GATEHOUSE_CONFIG"))
                            ? env.value(QStringLiteral("GATEHOUSE_CONFIG"))
                            : QDir(config.dataDir).filePath(QStringLiteral("gatehouse.ini"));

    QHash<QString, QString> values;
    if (QFileInfo::exists(config.configFile)) {
        QSettings ini(config.configFile, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            *error = QStringLiteral("cannot read %1").arg(config.configFile);
            return config;
        }
        ini.beginGroup(QStringLiteral("gatehouse"));
        for (const Key &key : kKeys) {
            const QString name = QLatin1String(key.ini);
            if (ini.contains(name))
                values.insert(name, ini.value(name).toString());
        }
    } else if (!configFileOverride.isEmpty()) {
        *error = QStringLiteral("config file %1 does not exist").arg(configFileOverride);
        return config;
    }
    for (const Key &key : kKeys) {
        const QString envName = QLatin1String(key.env);
        if (env.contains(envName))
            values.insert(QLatin1String(key.ini), env.value(envName));
    }
    for (auto it = cliOverrides.cbegin(); it != cliOverrides.cend(); ++it)
        values.insert(it.key(), it.value());

    const auto intValue = [&](const char *name, auto &target, qint64 min, qint64 max) {
        const QString key = QLatin1String(name);
        if (!values.contains(key))
            return true;
        bool ok = false;
        const qint64 v = values.value(key).toLongLong(&ok);
        if (!ok || v < min || v > max) {
            *error = QStringLiteral("%1 must be a number between %2 and %3").arg(key).arg(min).arg(max);
            return false;
        }
        target = std::remove_reference_t<decltype(target)>(v);
        return true;
    };
    if (values.contains(QStringLiteral("listen")) &&
        !parseListen(values.value(QStringLiteral("listen")), &config.listenAddress, &config.port)) {
        *error = QStringLiteral("listen must be HOST:PORT, e.g. 127.0.0.1:8080");
        return config;
    }
    if (!intValue("jwt_ttl", config.jwtTtlMinutes, 1, 525600) ||
        !intValue("jwt_refresh_ttl", config.jwtRefreshTtlMinutes, 1, 5256000) ||
        !intValue("max_body_bytes", config.maxBodyBytes, 1024, qint64(1) << 34) ||
        !intValue("max_records", config.defaultMaxRecords, 1, 100000000) ||
        !intValue("max_records_cap", config.maxRecordsCap, 1, 100000000) ||
        !intValue("db_statement_timeout_ms", config.dbStatementTimeoutMs, 100, 3600000))
        return config;
    if (!intValue("login_max_failures", config.loginMaxFailures, 1, 1000000) ||
        !intValue("login_address_max_failures", config.loginAddressMaxFailures, 1, 1000000) ||
        !intValue("login_lockout_seconds", config.loginLockoutSeconds, 1, 86400 * 30))
        return config;
    if (values.contains(QStringLiteral("demo"))) {
        bool ok = false;
        config.demo = parseBool(values.value(QStringLiteral("demo")), &ok);
        if (!ok) {
            *error = QStringLiteral("demo must be true or false");
            return config;
        }
    }
    if (!intValue("audit_file_max_bytes", config.auditFileMaxBytes, 4096, qint64(1) << 40) ||
        !intValue("audit_file_keep", config.auditFileKeep, 0, 1000) ||
        !intValue("audit_retention_days", config.auditRetentionDays, 0, 36500) ||
        !intValue("audit_flush_ms", config.auditFlushMs, 10, 60000) ||
        !intValue("audit_batch_size", config.auditBatchSize, 1, 100000) ||
        !intValue("audit_queue_max", config.auditQueueMax, 1, 100000000))
        return config;
    if (!intValue("script_cpu_limit_ms", config.scriptCpuLimitMs, 10, 600000) ||
        !intValue("script_memory_limit_bytes", config.scriptMemoryLimitBytes, 1024 * 1024, qint64(1) << 36) ||
        !intValue("script_slots", config.scriptSlots, 1, 1024))
        return config;
    if (!intValue("ai_usage_retention_days", config.aiUsageRetentionDays, 0, 36500) ||
        !intValue("ai_prompt_retention_days", config.aiPromptRetentionDays, 0, 36500))
        return config;
    config.auditFile = values.value(QStringLiteral("audit_file"));
    config.auditWebhookUrl = values.value(QStringLiteral("audit_webhook_url")).trimmed();
    if (!config.auditWebhookUrl.isEmpty()) {
        const QUrl url(config.auditWebhookUrl, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty()) {
            *error = QStringLiteral("audit_webhook_url must be an http:// or https:// URL");
            return config;
        }
    }
    config.defaultMaxRecords = qMin(config.defaultMaxRecords, config.maxRecordsCap);
    config.systemDb = values.value(QStringLiteral("system_db"));
    config.adminEmail = values.value(QStringLiteral("admin_email"));
    config.adminPassword = values.value(QStringLiteral("admin_password"));
    config.masterKey = values.value(QStringLiteral("master_key"));
    config.logLevel = values.value(QStringLiteral("log_level"), config.logLevel);
    config.tlsCert = values.value(QStringLiteral("tls_cert")).trimmed();
    config.tlsKey = values.value(QStringLiteral("tls_key")).trimmed();
    config.allowedHosts = values.value(QStringLiteral("allowed_hosts")).trimmed();
    config.publicUrl = values.value(QStringLiteral("public_url")).trimmed();
    while (config.publicUrl.endsWith(QLatin1Char('/')))
        config.publicUrl.chop(1);
    if (!config.publicUrl.isEmpty()) {
        const QUrl url(config.publicUrl, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() ||
            config.publicUrl.contains(QLatin1Char('"')) || config.publicUrl.contains(QLatin1Char('\\'))) {
            *error =
                QStringLiteral("public_url must be an http:// or https:// URL without user info, query or "
                               "fragment");
            return config;
        }
    }
    if (config.tlsCert.isEmpty() != config.tlsKey.isEmpty()) {
        *error = QStringLiteral("tls_cert and tls_key must be set together");
        return config;
    }
    static const QStringList levels = {QStringLiteral("trace"), QStringLiteral("debug"),
                                       QStringLiteral("info"),  QStringLiteral("warn"),
                                       QStringLiteral("error"), QStringLiteral("off")};
    if (!levels.contains(config.logLevel)) {
        *error = QStringLiteral("log_level must be one of %1").arg(levels.join(QStringLiteral(", ")));
        return config;
    }
    config.secretStore = values.value(QStringLiteral("secret_store"), config.secretStore).trimmed().toLower();
    if (config.secretStore != QLatin1String("auto") && config.secretStore != QLatin1String("keychain") &&
        config.secretStore != QLatin1String("sealed")) {
        *error = QStringLiteral("secret_store must be one of auto, keychain, sealed");
        return config;
    }
    return config;
}

QString Config::listenText() const
{
    const QString host = listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(listenAddress.toString())
                             : listenAddress.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

Json Config::describe() const
{
    // The system database URL may carry a password: show only its scheme and host part.
    QString systemDbText =
        QStringLiteral("sqlite (%1)").arg(QDir(dataDir).filePath(QStringLiteral("system.db")));
    if (!systemDb.isEmpty()) {
        QUrl url(systemDb);
        url.setPassword(QString());
        systemDbText = url.toString(QUrl::RemovePassword);
    }
    Json out{{"data_dir", dataDir},
             {"config_file", configFile},
             {"listen", listenText()},
             {"system_db", systemDbText},
             {"jwt_ttl_minutes", jwtTtlMinutes},
             {"jwt_refresh_ttl_minutes", jwtRefreshTtlMinutes},
             {"max_body_bytes", maxBodyBytes},
             {"max_records", defaultMaxRecords},
             {"max_records_cap", maxRecordsCap},
             {"db_statement_timeout_ms", dbStatementTimeoutMs},
             {"demo", demo},
             {"log_level", logLevel},
             {"login_max_failures", loginMaxFailures},
             {"login_address_max_failures", loginAddressMaxFailures},
             {"login_lockout_seconds", loginLockoutSeconds}};
    // One line per later key keeps additions from touching each other.
    out["secret_store"] = secretStore;
    out["tls"] = tlsEnabled() ? Json{{"cert", tlsCert}, {"key", tlsKey}} : Json("off");
    out["allowed_hosts"] = allowedHosts.isEmpty() ? QStringLiteral("(default)") : allowedHosts;
    out["public_url"] = publicUrl.isEmpty() ? QStringLiteral("(derived from each request)") : publicUrl;
    out["audit_file"] = auditFile;
    out["audit_file_max_bytes"] = auditFileMaxBytes;
    out["audit_file_keep"] = auditFileKeep;
    // The collector URL may carry a token: show only where it goes.
    out["audit_webhook_url"] =
        QUrl(auditWebhookUrl).toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    out["audit_retention_days"] = auditRetentionDays;
    out["ai_usage_retention_days"] = aiUsageRetentionDays;
    out["ai_prompt_retention_days"] = aiPromptRetentionDays;
    out["script_cpu_limit_ms"] = scriptCpuLimitMs;
    out["script_memory_limit_bytes"] = scriptMemoryLimitBytes;
    out["script_slots"] = scriptSlots;
    return out;
}
} // namespace gatehouse
