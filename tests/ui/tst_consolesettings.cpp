// The Settings page against the real engine in-process (TestServer, reached only over HTTP
// through GatehouseClient): engine settings saved into the engine's config file, local
// validation before anything is sent, the server's refusals in plain words, CORS rules, and the
// console's own theme and language preferences.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "ConsoleChecks.h"
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "SettingsPage.h"
#include "TestServer.h"
#include "Theme.h"
#include "client/GatehouseClient.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestConsoleSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;

    QString iniPath() const { return QDir(m_dir.path()).filePath(QStringLiteral("gatehouse.ini")); }

    // A fresh, loaded page.
    std::unique_ptr<SettingsPage> openPage()
    {
        auto page = std::make_unique<SettingsPage>(m_client.get());
        page->show();
        QSignalSpy refreshed(page.get(), &SettingsPage::refreshed);
        QSignalSpy cors(page.get(), &SettingsPage::corsUpdated);
        page->refresh();
        if (!refreshed.wait(20000) || (cors.isEmpty() && !cors.wait(20000)))
            qWarning("the Settings page did not load");
        return page;
    }

    bool save(SettingsPage *page)
    {
        QSignalSpy saved(page, &SettingsPage::engineSettingsSaved);
        QTest::mouseClick(child<QPushButton>(page, QStringLiteral("saveEngine")), Qt::LeftButton);
        if (saved.isEmpty() && !saved.wait(20000))
            return false;
        return saved.first().first().toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Console preferences go to a throw-away settings location, not the developer's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("GatehouseTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_consolesettings"));
        QSettings().clear();

        QVERIFY(m_dir.isValid());
        QFile ini(iniPath());
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("; written by hand\n[gatehouse]\n");
        ini.close();
        TestServer::Options options;
        options.dataDir = m_dir.path();
        options.configFile = iniPath();
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<GatehouseClient>(QUrl(m_server->baseUrl()));
        m_client->setSessionToken(m_server->adminToken());
        QVERIFY(!m_client->sessionToken().isEmpty());
    }

    void cleanupTestCase() { QSettings().clear(); }

    void showsTheEngineSettings()
    {
        auto page = openPage();
        QVERIFY(page->messageBar()->text().isEmpty());
        QCOMPARE(page->iconName(), QStringLiteral("settings"));
        QCOMPARE(child<QLineEdit>(page.get(), QStringLiteral("listenAddress"))->text(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(child<QSpinBox>(page.get(), QStringLiteral("auditRetention"))->value(), 90);
        QCOMPARE(child<QLabel>(page.get(), QStringLiteral("dataDir"))->text(),
                 QDir(m_dir.path()).absolutePath());
        QCOMPARE(child<QLabel>(page.get(), QStringLiteral("configFile"))->text(), iniPath());
        QVERIFY2(child<QLabel>(page.get(), QStringLiteral("secretStore"))
                     ->text()
                     .startsWith(QLatin1String("Sealed")),
                 qPrintable(child<QLabel>(page.get(), QStringLiteral("secretStore"))->text()));
        QVERIFY(child<QPushButton>(page.get(), QStringLiteral("saveEngine"))->isEnabled());
        ConsoleChecks::verifyAccessible(page.get());
    }

    void retentionChangeIsSaved()
    {
        auto page = openPage();
        auto *audit = child<QSpinBox>(page.get(), QStringLiteral("auditRetention"));
        audit->setFocus();
        audit->selectAll();
        QTest::keyClicks(audit, QStringLiteral("45"));
        QCOMPARE(audit->value(), 45);
        child<QSpinBox>(page.get(), QStringLiteral("promptRetention"))->setValue(0); // keep forever
        QVERIFY(save(page.get()));
        QVERIFY2(page->messageBar()->text().contains(QLatin1String("Restart the engine")),
                 qPrintable(page->messageBar()->text()));
        QVERIFY(child<QLabel>(page.get(), QStringLiteral("pendingRestart"))
                    ->text()
                    .contains(QLatin1String("audit log retention")));

        // In the engine's config file, and what the engine reports as saved.
        const QString text = readText(iniPath());
        QVERIFY2(text.contains(QLatin1String("audit_retention_days = 45")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("ai_prompt_retention_days = 0")));
        QVERIFY2(!text.contains(QLatin1String("listen")), qPrintable(text)); // unchanged: not written
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/system/config"));
        QCOMPARE(r.json["saved"]["audit_retention_days"].get<int>(), 45);

        // A page opened later shows the saved value.
        auto again = openPage();
        QCOMPARE(child<QSpinBox>(again.get(), QStringLiteral("auditRetention"))->value(), 45);
        QCOMPARE(child<QSpinBox>(again.get(), QStringLiteral("promptRetention"))->text(),
                 QStringLiteral("Keep forever"));
    }

    void invalidPortIsRefusedBeforeSending()
    {
        auto page = openPage();
        const QString before = readText(iniPath());
        auto *port = child<QLineEdit>(page.get(), QStringLiteral("port"));
        port->clear();
        QTest::keyClicks(port, QStringLiteral("70000"));
        QVERIFY(!save(page.get()));
        QCOMPARE(page->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY2(
            page->messageBar()->text().contains(QLatin1String("port must be a whole number from 1 to 65535")),
            qPrintable(page->messageBar()->text()));
        port->setText(QStringLiteral("http"));
        QVERIFY(!save(page.get()));
        QVERIFY(page->messageBar()->text().contains(QLatin1String("1 to 65535")));
        QCOMPARE(readText(iniPath()), before);
    }

    void serverRefusalIsShownWithTheRequestId()
    {
        auto page = openPage();
        // Both files named, so the console sends them; the engine cannot load them.
        child<QLineEdit>(page.get(), QStringLiteral("tlsCert"))
            ->setText(m_dir.filePath(QStringLiteral("nope.pem")));
        child<QLineEdit>(page.get(), QStringLiteral("tlsKey"))
            ->setText(m_dir.filePath(QStringLiteral("nope.key")));
        QVERIFY(!save(page.get()));
        const QString message = page->messageBar()->text();
        QVERIFY2(message.contains(QLatin1String("not saved")) && message.contains(QLatin1String("request")),
                 qPrintable(message));
        QVERIFY(!readText(iniPath()).contains(QLatin1String("nope.pem")));
        // Only one of the two: refused locally.
        child<QLineEdit>(page.get(), QStringLiteral("tlsKey"))->clear();
        QVERIFY(!save(page.get()));
        QVERIFY(page->messageBar()->text().contains(QLatin1String("both")));
    }

    void corsRulesCanBeAddedAndRemoved()
    {
        auto page = openPage();
        auto *table = child<QTableWidget>(page.get(), QStringLiteral("cors"));
        const int before = table->rowCount();
        child<QLineEdit>(page.get(), QStringLiteral("corsPath"))->setText(QStringLiteral("legacy/*"));
        child<QLineEdit>(page.get(), QStringLiteral("corsOrigins"))
            ->setText(QStringLiteral("https://app.example.com"));
        QSignalSpy updated(page.get(), &SettingsPage::corsUpdated);
        QTest::mouseClick(child<QPushButton>(page.get(), QStringLiteral("corsAdd")), Qt::LeftButton);
        QVERIFY(updated.wait(20000));
        QVERIFY2(page->messageBar()->text().isEmpty(), qPrintable(page->messageBar()->text()));
        QCOMPARE(table->rowCount(), before + 1);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/system/cors"));
        QVERIFY(r.body.contains("https://app.example.com"));

        int row = -1;
        for (int i = 0; i < table->rowCount(); ++i)
            if (table->item(i, 0)->text() == QLatin1String("legacy/*"))
                row = i;
        QVERIFY(row >= 0);
        table->selectRow(row);
        auto *remove = child<QPushButton>(page.get(), QStringLiteral("corsRemove"));
        QVERIFY(remove->isEnabled());
        updated.clear();
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(updated.wait(20000));
        QCOMPARE(table->rowCount(), before);
        r = m_server->admin("GET", QStringLiteral("/api/v2/system/cors"));
        QVERIFY(!r.body.contains("https://app.example.com"));

        // An empty origin is refused before anything is sent.
        child<QLineEdit>(page.get(), QStringLiteral("corsPath"))->setText(QStringLiteral("*"));
        QTest::mouseClick(child<QPushButton>(page.get(), QStringLiteral("corsAdd")), Qt::LeftButton);
        QCOMPARE(page->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(page->messageBar()->text().contains(QLatin1String("origin")));
    }

    void themeSwitchAppliesAtOnce()
    {
        auto page = openPage();
        auto *theme = child<QComboBox>(page.get(), QStringLiteral("theme"));
        const int dark = theme->findData(Theme::toString(Theme::Mode::Dark));
        QVERIFY(dark >= 0);
        theme->setCurrentIndex(dark);
        Q_EMIT theme->activated(dark); // what a user's choice in the list emits
        QVERIFY(Theme::isDark());
        QCOMPARE(ConsoleSettings::theme(), Theme::Mode::Dark);
        const QPalette palette = QApplication::palette();
        QVERIFY(palette.color(QPalette::Window).lightness() < 128);
        QVERIFY(palette.color(QPalette::WindowText).lightness() > 128);
        QTRY_VERIFY(page->palette().color(QPalette::Window).lightness() < 128);

        const int light = theme->findData(Theme::toString(Theme::Mode::Light));
        theme->setCurrentIndex(light);
        Q_EMIT theme->activated(light);
        QVERIFY(!Theme::isDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 128);
        QCOMPARE(ConsoleSettings::theme(), Theme::Mode::Light);
    }

    void languageIsStoredForTheNextStart()
    {
        auto page = openPage();
        auto *language = child<QComboBox>(page.get(), QStringLiteral("language"));
        QCOMPARE(language->count(), 4);
        const int german = language->findData(QStringLiteral("de"));
        language->setCurrentIndex(german);
        Q_EMIT language->activated(german);
        QCOMPARE(ConsoleSettings::language(), QStringLiteral("de"));
        QVERIFY(page->messageBar()->text().contains(QLatin1String("next time")));
        auto again = openPage();
        QCOMPARE(child<QComboBox>(again.get(), QStringLiteral("language"))->currentData().toString(),
                 QStringLiteral("de"));
    }

    void mainWindowHasTheSettingsPage()
    {
        GatehouseClient client(QUrl(m_server->baseUrl()));
        MainWindow window;
        window.connectToEngine(&client, QString());
        SettingsPage *page = window.page<SettingsPage>();
        QVERIFY(page != nullptr);
        QCOMPARE(page->title(), QStringLiteral("Settings"));
        QVERIFY(!window.isPageEnabled(page)); // after sign-in only
    }
};

QTEST_MAIN(TestConsoleSettings)
#include "tst_consolesettings.moc"
