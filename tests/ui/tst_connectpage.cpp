#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include "ConnectPage.h"
#include "ConsoleChecks.h"
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "ServicesPage.h"
#include "SignInDialog.h"
#include "TestServer.h"
#include "client/GatehouseClient.h"
#include "client/SessionTokenStore.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

bool signInThroughDialog(MainWindow &window)
{
    SignInDialog *dialog = window.signIn();
    if (!dialog)
        return false;
    QSignalSpy loaded(dialog, &SignInDialog::environmentLoaded);
    if (!loaded.wait(10000))
        return false;
    child<QLineEdit>(dialog, QStringLiteral("email"))->setText(QLatin1String(TestServer::kAdminEmail));
    child<QLineEdit>(dialog, QStringLiteral("password"))->setText(QLatin1String(TestServer::kAdminPassword));
    QSignalSpy signedIn(&window, &MainWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("passwordSignIn")), Qt::LeftButton);
    return signedIn.wait(20000);
}
} // namespace

// The Connect page against a real engine and, under tests/support/with-secret-service.sh, a real
// Secret Service: remote servers are remembered, and "Keep me signed in" survives a restart
// through the keychain, never a file.
class TestConnectPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    QUrl baseUrl() const { return QUrl(m_server->baseUrl()); }
    static bool inSecretService()
    {
        return qEnvironmentVariable("GATEHOUSE_IN_SECRET_SERVICE") == QLatin1String("1");
    }

    // What the keychain holds for the test server ("" when nothing).
    QString keptToken() const
    {
        QString kept;
        bool answered = false;
        QObject context;
        SessionTokenStore::load(baseUrl(), &context, [&](const QString &token, const QString &) {
            kept = token;
            answered = true;
        });
        return QTest::qWaitFor([&] { return answered; }, 10000)
                   ? kept
                   : QStringLiteral("<the keychain did not answer>");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void remoteServerIsRememberedAndBadAddressesRefused()
    {
        MainWindow window;
        ConnectPage *page = window.connectPage();
        child<QRadioButton>(page, QStringLiteral("remote"))->setChecked(true);
        auto *server = child<QComboBox>(page, QStringLiteral("server"));
        server->setCurrentText(QStringLiteral("ftp://example.org"));
        QTest::mouseClick(child<QPushButton>(page, QStringLiteral("connect")), Qt::LeftButton);
        QCOMPARE(page->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(page->messageBar()->text().contains(QStringLiteral("address")));
        QVERIFY(ConsoleSettings::rememberedServers().isEmpty());

        server->setCurrentText(baseUrl().toString() + QLatin1Char('/'));
        QTest::mouseClick(child<QPushButton>(page, QStringLiteral("connect")), Qt::LeftButton);
        QCOMPARE(ConsoleSettings::rememberedServers(), QStringList{baseUrl().toString()});
        QVERIFY(!ConsoleSettings::useEmbeddedEngine());
        QVERIFY(window.servicesPage());
        QVERIFY(!window.isPageEnabled(window.servicesPage()));
        // A new window lists it.
        MainWindow second;
        QCOMPARE(child<QComboBox>(second.connectPage(), QStringLiteral("server"))->itemText(0),
                 baseUrl().toString());
        QVERIFY(child<QRadioButton>(second.connectPage(), QStringLiteral("remote"))->isChecked());
    }

    void withoutAKeychainTheSessionIsNotKept()
    {
        if (inSecretService())
            QSKIP("runs without a Secret Service (the plain tst_connectpage)");
        MainWindow window;
        window.connectToRemote(baseUrl());
        QVERIFY(signInThroughDialog(window));
        auto *note = child<QLabel>(window.connectPage(), QStringLiteral("keychainNote"));
        QTRY_VERIFY_WITH_TIMEOUT(note->isVisibleTo(window.connectPage()), 10000);
        QVERIFY2(note->text().contains(QStringLiteral("not kept")), qPrintable(note->text()));
        QVERIFY(keptToken().isEmpty());
        MainWindow restarted;
        QSignalSpy resumed(&restarted, &MainWindow::sessionResumeFinished);
        restarted.connectToRemote(baseUrl());
        QVERIFY(resumed.wait(10000));
        QCOMPARE(resumed.at(0).at(0).toBool(), false);
    }

    void keptSessionSurvivesARestartUntilSignOut()
    {
        if (!inSecretService())
            QSKIP("needs a Secret Service: tst_connectpage_keychain runs it");
        QVERIFY(SessionTokenStore::isAvailable());
        {
            MainWindow window;
            QSignalSpy resumed(&window, &MainWindow::sessionResumeFinished);
            window.connectToRemote(baseUrl());
            QVERIFY(resumed.wait(10000));
            QCOMPARE(resumed.at(0).at(0).toBool(), false); // nothing kept yet
            QVERIFY(child<QCheckBox>(window.connectPage(), QStringLiteral("keepSignedIn"))->isChecked());
            QVERIFY(signInThroughDialog(window));
            QVERIFY(window.isPageEnabled(window.servicesPage()));
        }
        // The token went to the keychain, not to the settings file.
        const QString kept = keptToken();
        QCOMPARE(kept.count(QLatin1Char('.')), 2);
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(kept), qPrintable(key));

        QString tokenAfterRestart;
        {
            // "Restart": a new window resumes without a password, with a fresh token.
            MainWindow window;
            QSignalSpy resumed(&window, &MainWindow::sessionResumeFinished);
            window.connectToRemote(baseUrl());
            QVERIFY(resumed.wait(10000));
            QCOMPARE(resumed.at(0).at(0).toBool(), true);
            QVERIFY(window.isSignedIn());
            QVERIFY(window.isPageEnabled(window.servicesPage()));
            QSignalSpy refreshed(window.servicesPage(), &ServicesPage::refreshed);
            window.showPage(window.servicesPage());
            QVERIFY(refreshed.wait(10000));
            QVERIFY(window.servicesPage()->table()->rowCount() > 0);

            // Sign out: the server revokes the session and the keychain forgets it.
            QSignalSpy signedOut(&window, &MainWindow::signedOut);
            QTest::mouseClick(child<QPushButton>(window.connectPage(), QStringLiteral("signOut")),
                              Qt::LeftButton);
            QCOMPARE(signedOut.count(), 1);
            QVERIFY(!window.isPageEnabled(window.servicesPage()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(keptToken().isEmpty(), 10000);
        // The old token no longer works on the server either.
        const TestResponse response =
            m_server->request("GET", QStringLiteral("/api/v2/system/admin/session"), nullptr,
                              Headers{{"X-DreamFactory-Session-Token", kept.toLatin1()}});
        QVERIFY2(response.status == 401 || response.status == 403,
                 qPrintable(QString::number(response.status)));

        MainWindow window;
        QSignalSpy resumed(&window, &MainWindow::sessionResumeFinished);
        window.connectToRemote(baseUrl());
        QVERIFY(resumed.wait(10000));
        QCOMPARE(resumed.at(0).at(0).toBool(), false);
        QVERIFY(!window.isSignedIn());
    }
};

QTEST_MAIN(TestConnectPage)
#include "tst_connectpage.moc"
