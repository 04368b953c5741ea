#include <QCoreApplication>

#include "DaemonCommands.h"
#include "core/Version.h"
#ifdef Q_OS_LINUX
#include "core/EpollEventDispatcher.h"
#endif

int main(int argc, char *argv[])
{
    // The HTTP thread's event dispatcher: on Linux our epoll-based one, whose wake-ups cost what
    // is ready rather than what is open (a thousand streams keep two thousand sockets open);
    // elsewhere, or with GATEHOUSE_EVENT_DISPATCHER=qt, Qt's UNIX dispatcher rather than GLib's,
    // whose per-socket bookkeeping is worse still. Measured in tests/bench/run-ai-bench.sh.
    const QString dispatcher = qEnvironmentVariable("GATEHOUSE_EVENT_DISPATCHER");
    bool installed = false;
#ifdef Q_OS_LINUX
    if (dispatcher != QLatin1String("qt") && dispatcher != QLatin1String("glib"))
        installed = gatehouse::EpollEventDispatcher::installForMainThread();
#endif
    if (!installed && dispatcher != QLatin1String("glib") && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatehoused"));
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationVersion(QLatin1String(gatehouse::kVersion));
    return gatehouse::DaemonCommands().run(QCoreApplication::arguments());
}
