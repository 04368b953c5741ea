#include <QCoreApplication>

#include "DaemonCommands.h"
#include "core/Version.h"

int main(int argc, char *argv[])
{
    // Qt's UNIX event dispatcher instead of GLib's: with a thousand open streams (two sockets
    // each) GLib's per-socket bookkeeping is linear in the number of sockets and a socket's write
    // notifier is toggled for every chunk; measured in tests/bench/run-ai-bench.sh.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatehoused"));
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationVersion(QLatin1String(gatehouse::kVersion));
    return gatehouse::DaemonCommands().run(QCoreApplication::arguments());
}
