#include <QLabel>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "MainWindow.h"
#include "client/EngineHost.h"
#include "client/GatehouseClient.h"
#include "core/Config.h"

using namespace gatehouse;

// The console as a user starts it: the engine on its own thread, the window reaching it only
// through GatehouseClient over HTTP.
class TestConsole : public QObject
{
    Q_OBJECT

    static Config testConfig(const QString &dataDir)
    {
        QString error;
        Config config = Config::load(dataDir, QString(),
                                     {{QStringLiteral("listen"), QStringLiteral("127.0.0.1:0")},
                                      {QStringLiteral("demo"), QStringLiteral("true")},
                                      {QStringLiteral("log_level"), QStringLiteral("warn")},
                                      {QStringLiteral("admin_email"), QStringLiteral("console@test.local")}},
                                     &error);
        if (!error.isEmpty())
            qFatal("test config rejected: %s", qPrintable(error));
        return config;
    }

    static bool windowShows(const MainWindow &window, const QString &text)
    {
        for (const QLabel *label : window.findChildren<QLabel *>())
            if (label->text().contains(text))
                return true;
        return false;
    }

private Q_SLOTS:
    void embeddedEngineStatusReachesTheWindow()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        EngineHost host;
        QSignalSpy started(&host, &EngineHost::started);
        QSignalSpy failed(&host, &EngineHost::failed);
        window.setEngineStarting();
        host.start(testConfig(dir.path()));
        QVERIFY(started.wait(30000));
        QCOMPARE(failed.count(), 0);
        const quint16 port = started.at(0).at(0).value<quint16>();
        const QString password = started.at(0).at(1).toString();
        QVERIFY(port > 0);
        // No admin password was configured, so one was generated and handed over once.
        QVERIFY(password.size() >= 16);

        GatehouseClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        window.connectToEngine(&client, password);
        // The demo database and its AI connection (local_ai), system, user, _ai (OpenAI drop-in) and
        // api_docs are mounted: the window says so once /status answers.
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(window, QStringLiteral("6 services")), 10000);
        QVERIFY(windowShows(window, QStringLiteral("Running")));
        QVERIFY(windowShows(window, password));
    }

    void engineThatCannotStartIsShown()
    {
        QTemporaryDir dir;
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        Config config = testConfig(dir.path());
        config.port = blocker.serverPort();
        MainWindow window;
        EngineHost host;
        QObject::connect(&host, &EngineHost::failed, &window, &MainWindow::setEngineFailed);
        QSignalSpy failed(&host, &EngineHost::failed);
        host.start(config);
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("cannot listen")));
        QVERIFY(windowShows(window, QStringLiteral("Not running")));
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
