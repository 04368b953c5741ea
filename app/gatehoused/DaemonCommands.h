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
};
} // namespace gatehouse
