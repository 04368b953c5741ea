#include <QApplication>
#include <QUrl>

#include "MainWindow.h"
#include "client/EngineHost.h"
#include "client/GatehouseClient.h"
#include "core/Config.h"
#include "core/Logging.h"
#include "core/Version.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatehouse"));
    QApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QApplication::setApplicationVersion(QLatin1String(gatehouse::kVersion));

    QString error;
    const gatehouse::Config config = gatehouse::Config::load(QString(), QString(), {}, &error);
    gatehouse::Logging::setup(config.logLevel);

    gatehouse::MainWindow window;
    window.show();
    if (!error.isEmpty()) {
        window.setEngineFailed(error);
        return QApplication::exec();
    }

    gatehouse::EngineHost host;
    QObject::connect(&host, &gatehouse::EngineHost::failed, &window, &gatehouse::MainWindow::setEngineFailed);
    QObject::connect(&host, &gatehouse::EngineHost::started, &window,
                     [&window](quint16 port, const QString &password) {
                         auto *client = new gatehouse::GatehouseClient(
                             QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), &window);
                         window.connectToEngine(client, password);
                     });
    window.setEngineStarting();
    host.start(config);
    return QApplication::exec();
}
