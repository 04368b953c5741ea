// Renders every page of the console, signed in to an engine with the demo database and some
// traffic, into PNG files: the pictures in docs/screenshots/ and the README. Run it through
// tests/ui/screenshots.sh (under Xvfb, so fonts and styles are a real desktop's).
//
//   console-screenshots <output folder> [--dark]

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "ConsolePage.h"
#include "MainWindow.h"
#include "SignInDialog.h"
#include "TestServer.h"
#include "Theme.h"
#include "client/GatehouseClient.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
int fail(const QString &message)
{
    qCritical("console-screenshots: %s", qPrintable(message));
    return 1;
}

// Some records and traffic so the pages have something to show.
void makeTraffic(TestServer &server)
{
    const qint64 analyst = server.createRole(QStringLiteral("analyst"), Json::array());
    server.createRole(QStringLiteral("support_agent"), Json::array());
    server.admin("POST", QStringLiteral("/api/v2/system/app"),
                 Json{{"resource",
                       {{{"name", "sales-assistant"},
                         {"description", "The sales team's AI assistant"},
                         {"role_id", analyst},
                         {"is_active", true}}}}});
    server.admin("POST", QStringLiteral("/api/v2/system/ai_budget"),
                 Json{{"resource",
                       {{{"name", "company-wide"},
                         {"dimension", "global"},
                         {"period", "monthly"},
                         {"limit_amount", 500}}}}});
    server.admin("POST", QStringLiteral("/api/v2/system/limit"),
                 Json{{"resource",
                       {{{"name", "per-user reads"},
                         {"type", "instance.each_user"},
                         {"rate", 1000},
                         {"period", "hour"},
                         {"is_active", true}}}}});
    const QStringList paths{QStringLiteral("/api/v2/demo/_table/customers?limit=5"),
                            QStringLiteral("/api/v2/demo/_table/orders?limit=20"),
                            QStringLiteral("/api/v2/demo/_schema"), QStringLiteral("/api/v2/system/service"),
                            QStringLiteral("/api/v2/demo/_table/no_such_table")};
    for (int round = 0; round < 12; ++round)
        for (const QString &path : paths)
            server.admin("GET", path);
    server.flushAudit();
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatehouse-screenshots"));
    QApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QStandardPaths::setTestModeEnabled(true);
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() < 2)
        return fail(QStringLiteral("usage: console-screenshots <output folder> [--dark]"));
    const QDir output(arguments.at(1));
    if (!QDir().mkpath(output.path()))
        return fail(QStringLiteral("cannot create %1").arg(output.path()));
    const bool dark = arguments.contains(QLatin1String("--dark"));
    Theme::apply(dark ? Theme::Mode::Dark : Theme::Mode::Light);

    TestServer::Options options;
    options.demo = true;
    TestServer server(options);
    if (!server.start())
        return fail(server.errorString());
    makeTraffic(server);

    GatehouseClient client{QUrl(server.baseUrl())};
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.connectToEngine(&client, QString());
    SignInDialog *dialog = window.signIn();
    QSignalSpy loaded(dialog, &SignInDialog::environmentLoaded);
    if (!loaded.wait(10000))
        return fail(QStringLiteral("the sign-in dialog did not load"));
    dialog->findChild<QLineEdit *>(QStringLiteral("email"))->setText(QLatin1String(TestServer::kAdminEmail));
    dialog->findChild<QLineEdit *>(QStringLiteral("password"))
        ->setText(QLatin1String(TestServer::kAdminPassword));
    QSignalSpy signedIn(&window, &MainWindow::signedIn);
    dialog->findChild<QPushButton *>(QStringLiteral("passwordSignIn"))->click();
    if (!signedIn.wait(20000))
        return fail(QStringLiteral("sign-in failed"));

    int written = 0;
    for (ConsolePage *page : window.pages()) {
        QSignalSpy refreshed(page, &ConsolePage::refreshed);
        window.showPage(page);
        if (page->needsSignIn() && refreshed.isEmpty())
            refreshed.wait(15000);
        // Charts animate and tables resize after their data arrives: let them settle.
        QTest::qWait(800);
        const QString file = output.filePath(
            QStringLiteral("%1%2.png").arg(page->iconName(), dark ? QStringLiteral("-dark") : QString()));
        if (!window.grab().save(file))
            return fail(QStringLiteral("cannot write %1").arg(file));
        ++written;
    }
    qInfo("console-screenshots: %d pages written to %s", written, qPrintable(output.path()));
    return 0;
}
