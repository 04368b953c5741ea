#include <QApplication>
#include <QIcon>
#include <QUrl>

#include "ConsoleLanguage.h"
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "Theme.h"
#include "core/Config.h"
#include "core/Logging.h"
#include "core/Version.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatehouse"));
    QApplication::setApplicationDisplayName(QStringLiteral("Gatehouse"));
    QApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QApplication::setApplicationVersion(QLatin1String(gatehouse::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gatehouse.svg")));
    QApplication::setDesktopFileName(QStringLiteral("gatehouse"));
    gatehouse::ConsoleLanguage::install(gatehouse::ConsoleSettings::language());
    gatehouse::Theme::apply(gatehouse::ConsoleSettings::theme());

    QString error;
    const gatehouse::Config config = gatehouse::Config::load(QString(), QString(), {}, &error);
    gatehouse::Logging::setup(config.logLevel);

    gatehouse::MainWindow window;
    window.show();
    if (!error.isEmpty()) {
        window.setEngineFailed(error);
        return QApplication::exec();
    }
    window.setEmbeddedConfig(config);
    const QStringList servers = gatehouse::ConsoleSettings::rememberedServers();
    if (gatehouse::ConsoleSettings::useEmbeddedEngine() || servers.isEmpty())
        window.startEmbeddedEngine();
    else
        window.connectToRemote(QUrl(servers.first()));
    return QApplication::exec();
}
