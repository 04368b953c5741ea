#pragma once

#include <QStringList>

namespace gatehouse {

struct Config;

// The daemon's command line: serving (the default) and admin sub-commands.
class DaemonCommands
{
public:
    int run(const QStringList &arguments);

private:
    int serve(const Config &config);
    int check(const Config &config);
    int pruneAuditLogs(const Config &config, int olderThanDays);
    // prune-usage-logs (usage) and prune-prompt-logs, like prune-audit-logs.
    int pruneAiLogs(const Config &config, bool usage, int olderThanDays);
    int pruneLogTable(const Config &config, const QString &command, const QString &table, const QString &noun,
                      int olderThanDays);
    // Self-signed TLS certificate and key for the listener (see CertificateGenerator).
    int genCert(const Config &config, const QString &outDir, const QStringList &hosts, const QString &days,
                bool rsa, bool force);
};
} // namespace gatehouse
