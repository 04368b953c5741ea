#include <QCoreApplication>

#include "DaemonCommands.h"
#include "core/Version.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatehoused"));
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationVersion(QLatin1String(gatehouse::kVersion));
    return gatehouse::DaemonCommands().run(QCoreApplication::arguments());
}
