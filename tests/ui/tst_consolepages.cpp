// Every page of the console, signed in to a real engine with the demo database: it loads
// without an error, is usable from the keyboard and by assistive technology, and follows the
// light and dark palettes.
#include <QApplication>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "ConsoleChecks.h"
#include "ConsoleLanguage.h"
#include "ConsolePage.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "TestServer.h"
#include "Theme.h"
#include "client/GatehouseClient.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestConsolePages : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;
    std::unique_ptr<MainWindow> m_window;

    // Shortcuts go to the active window; a closed dialog may have left none.
    void activate()
    {
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // tst_consolepages_de / _ja run everything again in German and Japanese: every page and
        // its mnemonics must hold up in each language.
        const QString language = qEnvironmentVariable("GATEHOUSE_TEST_LANGUAGE");
        if (!language.isEmpty()) {
            QCOMPARE(ConsoleLanguage::install(language), language);
            QVERIFY(QCoreApplication::translate("gatehouse::MainWindow", "Pages") != QLatin1String("Pages"));
        }
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<GatehouseClient>(QUrl(m_server->baseUrl()));
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->connectToEngine(m_client.get(), QString());
        QVERIFY(ConsoleChecks::signInAsAdmin(*m_window));
    }

    void everyPageLoadsWithoutAnError_data()
    {
        QTest::addColumn<int>("index");
        // Pages are built by connectToEngine, so the window exists by now.
        for (int i = 0; i < m_window->pages().size(); ++i)
            QTest::newRow(qPrintable(m_window->pages().at(i)->title())) << i;
    }

    void everyPageLoadsWithoutAnError()
    {
        QFETCH(int, index);
        ConsolePage *page = m_window->pages().at(index);
        QVERIFY(m_window->isPageEnabled(page));
        {
            // Shown for the first time, a page loads itself.
            QSignalSpy firstLoad(page, &ConsolePage::refreshed);
            m_window->showPage(page);
            if (page->needsSignIn() && firstLoad.isEmpty())
                QVERIFY2(firstLoad.wait(20000), qPrintable(page->title()));
        }
        // And reloads on F5.
        QSignalSpy refreshed(page, &ConsolePage::refreshed);
        activate();
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        if (refreshed.isEmpty())
            QVERIFY2(refreshed.wait(20000), qPrintable(page->title()));
        QVERIFY2(page->messageBar()->kind() != MessageBar::Kind::Error ||
                     page->messageBar()->text().isEmpty(),
                 qPrintable(page->messageBar()->text()));
        QVERIFY(!page->icon().isNull());
        const QStringList problems = ConsoleChecks::accessibilityProblems(page);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void pageListIsKeyboardNavigable()
    {
        auto *navigation = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        QVERIFY(!navigation->accessibleName().isEmpty());
        m_window->showPage(m_window->pages().first());
        activate();
        for (int row = 1; row < m_window->pages().size(); ++row) {
            QTest::keyClick(m_window.get(), Qt::Key_PageDown, Qt::ControlModifier);
            QCOMPARE(navigation->currentRow(), row);
        }
        QTest::keyClick(m_window.get(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(navigation->currentRow(), int(m_window->pages().size()) - 2);
    }

    void signedOutPagesAreClosed()
    {
        MainWindow window;
        GatehouseClient client{QUrl(m_server->baseUrl())};
        window.connectToEngine(&client, QString());
        for (ConsolePage *page : window.pages())
            QCOMPARE(window.isPageEnabled(page), !page->needsSignIn());
        QVERIFY(window.pages().size() > 1);
    }

    void darkAndLightPalettes()
    {
        Theme::apply(Theme::Mode::Dark);
        QVERIFY(Theme::isDark());
        QCOMPARE(Theme::current(), Theme::Mode::Dark);
        const QPalette dark = QApplication::palette();
        QVERIFY(dark.color(QPalette::Base).lightness() < 100);
        QVERIFY(dark.color(QPalette::Text).lightness() > 150);
        // The message bar tints the palette's own colours: text stays readable.
        MessageBar bar;
        bar.showMessage(QStringLiteral("x"), MessageBar::Kind::Error);
        QVERIFY(bar.palette().color(QPalette::Window).lightness() < 120);
        Theme::apply(Theme::Mode::Light);
        QVERIFY(!Theme::isDark());
        QCOMPARE(Theme::fromString(Theme::toString(Theme::Mode::Dark)), Theme::Mode::Dark);
        QCOMPARE(Theme::fromString(QStringLiteral("neon")), Theme::Mode::System);
    }
};

QTEST_MAIN(TestConsolePages)
#include "tst_consolepages.moc"
