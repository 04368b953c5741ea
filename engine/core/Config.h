#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include "Json.h"

namespace gatehouse {

// Engine settings. Precedence, lowest first: built-in defaults, gatehouse.ini in the data
// folder (or --config), GATEHOUSE_* environment variables, command-line options.
struct Config
{
    QString dataDir;
    QString configFile;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString systemDb; // empty: SQLite in the data folder; else postgresql://...
    int jwtTtlMinutes = 1440;
    int jwtRefreshTtlMinutes = 20160;
    qint64 maxBodyBytes = 16 * 1024 * 1024;
    int defaultMaxRecords = 1000; // per-service max_records default
    int maxRecordsCap = 100000;   // instance-wide cap on any max_records
    int dbStatementTimeoutMs = 30000;
    bool demo = true;
    QString adminEmail;
    QString adminPassword;
    QString logLevel = QStringLiteral("info");
    QString masterKey; // base64, normally read from the data folder
    // Failed sign-ins before a lockout, per account and per client address, and its length.
    int loginMaxFailures = 5;
    int loginAddressMaxFailures = 20;
    int loginLockoutSeconds = 900;
    // Where secrets at rest live: auto | keychain | sealed (see SecretStore).
    QString secretStore = QStringLiteral("auto");
    QString tlsCert; // PEM certificate (chain); with tlsKey set, the listener speaks only TLS
    QString tlsKey;  // PEM private key (unencrypted)
    // Host header allow-list (comma list); empty: derived from the listen address (see
    // TransportPolicy).
    QString allowedHosts;
    // The gateway's address as clients reach it (https://gw.example.com, no trailing slash);
    // empty: derived per request from the scheme and Host header (MCP OAuth resource URLs).
    QString publicUrl;

    bool tlsEnabled() const { return !tlsCert.isEmpty() || !tlsKey.isEmpty(); }
    // Audit trail (AuditLog).
    QString auditFile;                              // NDJSON copy; relative to dataDir; empty: none
    qint64 auditFileMaxBytes = 100LL * 1024 * 1024; // rotate past this size
    int auditFileKeep = 5;                          // rotated files kept
    QString auditWebhookUrl;                        // SIEM collector; empty: none
    int auditRetentionDays = 90;                    // 0: keep forever
    int auditFlushMs = 300;                         // batch window
    int auditBatchSize = 500;                       // rows per transaction
    int auditQueueMax = 100000;                     // rows waiting before new ones are refused
    // AI usage and prompt logs (AiUsageLog, AiPromptLog); 0: keep forever.
    int aiUsageRetentionDays = 90;
    int aiPromptRetentionDays = 90;
    // Scripts (ScriptRunner): per-run limits unless a script's config sets lower ones, and how
    // many scripts run for client requests at once (nested platform.api runs do not count).
    int scriptCpuLimitMs = 5000;
    qint64 scriptMemoryLimitBytes = 64LL * 1024 * 1024;
    int scriptSlots = 8;

    // Fills the fields from the ini file and the environment; `cliOverrides` holds values
    // given on the command line (same keys as the ini file), applied last.
    static Config load(const QString &dataDirOverride, const QString &configFileOverride,
                       const QHash<QString, QString> &cliOverrides, QString *error);

    QString listenText() const;
    // For `gatehoused check`: every setting, with secrets left out.
    Json describe() const;
};
} // namespace gatehouse
