// The console's identity features against the real engine in-process (TestServer, reached only
// over HTTP through GatehouseClient), with stand-in ldap/oidc types (FakeIdentityTypes): the
// sign-in dialog (admin password, directory account, "Sign in with ..." through the system
// browser and a loopback redirect) and the Services page's identity forms with their Test button.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QUrlQuery>

#include "ConsoleChecks.h"
#include "FakeIdentityTypes.h"
#include "LdapServiceForm.h"
#include "LoopbackRedirectReceiver.h"
#include "MainWindow.h"
#include "ServiceEditorDialog.h"
#include "ServicesPage.h"
#include "SignInDialog.h"
#include "TestServer.h"
#include "client/GatehouseClient.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kMask = QStringLiteral("**********");

// What the envelope says, as plain text (the engine HTML-escapes messages).
QString serverMessage(const TestResponse &response)
{
    QString text = response.json.at("error").at("message").get<QString>();
    text.replace(QLatin1String("&#039;"), QLatin1String("'"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

struct BrowserAnswer
{
    int status = 0;
    QByteArray body;
};

// A browser request, answered while the event loop (and so the receiver) runs.
BrowserAnswer browse(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        return {};
    BrowserAnswer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         reply->readAll()};
    reply->deleteLater();
    return answer;
}

} // namespace

class TestConsoleIdentity : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;
    qint64 m_roleId = 0;

    QUrl baseUrl() const { return QUrl(m_server->baseUrl()); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        FakeIdentityTypes::install(m_server->engine().services());
        // Created through the API, as an admin would.
        QVERIFY(m_server->createService(Json{{"name", "corp"},
                                             {"label", "Corporate directory"},
                                             {"type", "ldap"},
                                             {"config",
                                              {{"host", "127.0.0.1"},
                                               {"port", 1},
                                               {"base_dn", "dc=example,dc=org"},
                                               {"bind_dn", "cn=reader,dc=example,dc=org"},
                                               {"bind_password", "reader-secret"}}}}) > 0);
        QVERIFY(m_server->createService(Json{{"name", "sso"},
                                             {"label", "Acme SSO"},
                                             {"type", "oidc"},
                                             {"config",
                                              {{"issuer", "https://idp.example.org"},
                                               {"client_id", "gatehouse"},
                                               {"client_secret", "Client-Secret-77"}}}}) > 0);
        m_roleId = m_server->createRole(QStringLiteral("analyst"), Json::array());
        QVERIFY(m_roleId > 0);
        m_client = std::make_unique<GatehouseClient>(baseUrl());
    }

    void environmentListsTheIdentityServices()
    {
        bool answered = false;
        EnvironmentInfo environment;
        ApiReply reply;
        m_client->fetchEnvironment(this, [&](const ApiReply &r, const EnvironmentInfo &e) {
            reply = r;
            environment = e;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        QVERIFY2(reply.ok(), qPrintable(reply.describeError()));
        QCOMPARE(environment.apiVersion, QStringLiteral("2.0"));
        QCOMPARE(environment.passwordServices.size(), 1);
        QCOMPARE(environment.passwordServices.first().name, QStringLiteral("corp"));
        QCOMPARE(environment.passwordServices.first().label, QStringLiteral("Corporate directory"));
        QCOMPARE(environment.browserServices.size(), 1);
        QCOMPARE(environment.browserServices.first().name, QStringLiteral("sso"));
        QCOMPARE(environment.browserServices.first().verb, QStringLiteral("GET"));
    }

    void signInDialogOffersTheIdentityServices()
    {
        GatehouseClient client(baseUrl());
        SignInDialog dialog(&client);
        dialog.show();
        QSignalSpy loaded(&dialog, &SignInDialog::environmentLoaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(!child<QGroupBox>(&dialog, QStringLiteral("directoryBox"))->isHidden());
        QVERIFY(child<QGroupBox>(&dialog, QStringLiteral("directoryBox"))
                    ->title()
                    .contains(QStringLiteral("Corporate directory")));
        auto *sso = child<QPushButton>(&dialog, QStringLiteral("sso:sso"));
        QVERIFY(sso);
        QCOMPARE(sso->text(), QStringLiteral("Sign in with Acme SSO"));
        QVERIFY(!child<QGroupBox>(&dialog, QStringLiteral("ssoBox"))->isHidden());
        // Accessible names and buddies for the form fields.
        for (const char *name : {"email", "password", "directoryUser", "directoryPassword"})
            QVERIFY2(!child<QLineEdit>(&dialog, QLatin1String(name))->accessibleName().isEmpty(), name);
        for (QLabel *label : dialog.findChildren<QLabel *>())
            if (label->text().contains(QLatin1Char('&')))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
    }

    void failedDirectorySignInShowsTheServersError()
    {
        const TestResponse direct = m_server->request(
            "POST", QStringLiteral("/api/v2/system/admin/session"),
            Json{{"service", "corp"}, {"username", "alice"}, {"password", "Alice-Passw0rd"}});
        QVERIFY2(direct.status >= 400, direct.describe().constData());
        const QString expected = serverMessage(direct);
        QVERIFY(!expected.isEmpty());

        GatehouseClient client(baseUrl());
        SignInDialog dialog(&client);
        dialog.show();
        QSignalSpy loaded(&dialog, &SignInDialog::environmentLoaded);
        QVERIFY(loaded.wait(10000));
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        child<QLineEdit>(&dialog, QStringLiteral("directoryUser"))->setText(QStringLiteral("alice"));
        child<QLineEdit>(&dialog, QStringLiteral("directoryPassword"))
            ->setText(QStringLiteral("Alice-Passw0rd"));
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("directorySignIn")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        QVERIFY2(dialog.errorText().contains(expected), qPrintable(dialog.errorText()));
        // With the request id, for the audit log.
        QVERIFY2(dialog.errorText().contains(QStringLiteral("(request ")), qPrintable(dialog.errorText()));
        QCOMPARE(signedIn.count(), 0);
        QVERIFY(client.sessionToken().isEmpty());
    }

    void browserSignInThroughTheLoopbackRedirect()
    {
        GatehouseClient client(baseUrl());
        SignInDialog dialog(&client);
        dialog.show();
        QList<QUrl> opened;
        dialog.setBrowserOpener([&opened](const QUrl &url) {
            opened << url;
            return true;
        });
        QSignalSpy loaded(&dialog, &SignInDialog::environmentLoaded);
        QVERIFY(loaded.wait(10000));
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("sso:sso")), Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QVERIFY(dialog.pendingBrowserSignIn());

        // The browser goes to the gateway, which sends it on to the identity provider.
        const QUrl start = opened.first();
        QCOMPARE(start.host(), baseUrl().host());
        QCOMPARE(start.port(), baseUrl().port());
        QCOMPARE(start.path(), QStringLiteral("/api/v2/system/admin/session"));
        const QUrlQuery query(start);
        QCOMPARE(query.queryItemValue(QStringLiteral("service")), QStringLiteral("sso"));
        const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QCOMPARE(redirect.scheme(), QStringLiteral("http"));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect.path(), QStringLiteral("/callback"));
        QVERIFY(redirect.port() > 0);
        const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        QVERIFY(state.size() >= 32);

        // An answer carrying another state is refused, and the sign-in keeps waiting.
        QUrl wrong = redirect;
        wrong.setQuery(QStringLiteral("code=stolen-code&state=not-the-state"));
        const BrowserAnswer refused = browse(wrong);
        QCOMPARE(refused.status, 400);
        QVERIFY(dialog.pendingBrowserSignIn());
        QVERIFY(dialog.errorText().isEmpty());
        QUrl otherPath = redirect;
        otherPath.setPath(QStringLiteral("/elsewhere"));
        otherPath.setQuery(QStringLiteral("code=x&state=") +
                           QString::fromLatin1(QUrl::toPercentEncoding(state)));
        QCOMPARE(browse(otherPath).status, 404);
        QVERIFY(dialog.pendingBrowserSignIn());

        // The gateway's redirect with the right state: the page tells the person to go back,
        // and the console exchanges the code. A made-up code is refused by the engine, and the
        // dialog shows what the engine said.
        const QString code = QStringLiteral("made-up-handoff-code");
        QUrl right = redirect;
        right.setQuery(QStringLiteral("code=%1&state=%2")
                           .arg(code, QString::fromLatin1(QUrl::toPercentEncoding(state))));
        const BrowserAnswer accepted = browse(right);
        QCOMPARE(accepted.status, 200);
        QVERIFY(accepted.body.contains("close this window"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        QVERIFY(!dialog.pendingBrowserSignIn());
        const TestResponse direct = m_server->request("POST", QStringLiteral("/api/v2/system/admin/session"),
                                                      Json{{"service", "sso"}, {"exchange_code", code}});
        QVERIFY2(direct.status >= 400, direct.describe().constData());
        QVERIFY2(dialog.errorText().contains(serverMessage(direct)), qPrintable(dialog.errorText()));
        QVERIFY(client.sessionToken().isEmpty());
        // The receiver is done: nothing listens there any more.
        QCOMPARE(browse(right).status, 0);
    }

    void browserSignInCanBeCancelledAndTimesOut()
    {
        GatehouseClient client(baseUrl());
        SignInDialog dialog(&client);
        dialog.show();
        dialog.setBrowserOpener([](const QUrl &) { return true; });
        QSignalSpy loaded(&dialog, &SignInDialog::environmentLoaded);
        QVERIFY(loaded.wait(10000));
        auto *sso = child<QPushButton>(&dialog, QStringLiteral("sso:sso"));
        QTest::mouseClick(sso, Qt::LeftButton);
        QVERIFY(dialog.pendingBrowserSignIn());
        QVERIFY(!sso->isEnabled());
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("cancelBrowserSignIn")), Qt::LeftButton);
        QVERIFY(!dialog.pendingBrowserSignIn());
        QVERIFY(sso->isEnabled());

        dialog.setBrowserTimeout(50);
        QTest::mouseClick(sso, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("not completed in time")), 10000);
        QVERIFY(!dialog.pendingBrowserSignIn());

        // A browser that cannot be opened: the address is shown instead.
        dialog.setBrowserOpener([](const QUrl &) { return false; });
        QTest::mouseClick(sso, Qt::LeftButton);
        QVERIFY(dialog.errorText().contains(QStringLiteral("/api/v2/system/admin/session?service=sso")));
        QVERIFY(!dialog.pendingBrowserSignIn());
    }

    void loopbackReceiverReportsTheProvidersRefusal()
    {
        LoopbackRedirectReceiver receiver;
        const QString state = LoopbackRedirectReceiver::newState();
        QVERIFY(state != LoopbackRedirectReceiver::newState());
        QVERIFY(receiver.start(state));
        QCOMPARE(receiver.redirectUri().host(), QStringLiteral("127.0.0.1"));
        QSignalSpy code(&receiver, &LoopbackRedirectReceiver::codeReceived);
        QSignalSpy failed(&receiver, &LoopbackRedirectReceiver::failed);
        QUrl url = receiver.redirectUri();
        // The error with the wrong state is someone else's: ignored.
        url.setQuery(QStringLiteral("error=access_denied&state=other"));
        QCOMPARE(browse(url).status, 400);
        QCOMPARE(failed.count(), 0);
        url.setQuery(QStringLiteral("error=access_denied&error_description=The+user+said+no&state=") +
                     QString::fromLatin1(QUrl::toPercentEncoding(state)));
        const BrowserAnswer answer = browse(url);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("The user said no"));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("The user said no"));
        QCOMPARE(code.count(), 0);
        QVERIFY(!receiver.isListening());
        // Markup in what the provider says stays text on the page.
        QVERIFY(receiver.start(state));
        url = receiver.redirectUri();
        url.setQuery(QStringLiteral("error=x&error_description=%3Cscript%3Ealert(1)%3C/script%3E&state=") +
                     QString::fromLatin1(QUrl::toPercentEncoding(state)));
        const BrowserAnswer escaped = browse(url);
        QVERIFY(!escaped.body.contains("<script>"));
        QVERIFY(escaped.body.contains("&lt;script&gt;"));
        QVERIFY(!receiver.start(QString()));
    }

    void mainWindowOpensServicesAfterSignIn()
    {
        GatehouseClient client(baseUrl());
        MainWindow window;
        window.show();
        window.connectToEngine(&client, QString());
        QVERIFY(window.servicesPage());
        QVERIFY(!window.isPageEnabled(window.servicesPage()));
        SignInDialog *dialog = window.signIn();
        QVERIFY(dialog);
        QSignalSpy loaded(dialog, &SignInDialog::environmentLoaded);
        QVERIFY(loaded.wait(10000));
        child<QLineEdit>(dialog, QStringLiteral("email"))->setText(QLatin1String(TestServer::kAdminEmail));
        child<QLineEdit>(dialog, QStringLiteral("password"))
            ->setText(QLatin1String(TestServer::kAdminPassword));
        QSignalSpy signedIn(&window, &MainWindow::signedIn);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("passwordSignIn")), Qt::LeftButton);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(window.isPageEnabled(window.servicesPage()));
        // Pages load when first shown.
        QSignalSpy refreshed(window.servicesPage(), &ServicesPage::refreshed);
        window.showPage(window.servicesPage());
        QVERIFY(refreshed.wait(20000));
        QVERIFY(window.servicesPage()->table()->rowCount() >= 2);
    }

    void adminPasswordSignIn()
    {
        SignInDialog dialog(m_client.get());
        dialog.show();
        QSignalSpy loaded(&dialog, &SignInDialog::environmentLoaded);
        QVERIFY(loaded.wait(10000));
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        child<QLineEdit>(&dialog, QStringLiteral("email"))->setText(QLatin1String(TestServer::kAdminEmail));
        child<QLineEdit>(&dialog, QStringLiteral("password"))->setText(QStringLiteral("wrong-password"));
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("passwordSignIn")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        QCOMPARE(signedIn.count(), 0);

        child<QLineEdit>(&dialog, QStringLiteral("password"))
            ->setText(QLatin1String(TestServer::kAdminPassword));
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("passwordSignIn")), Qt::LeftButton);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(!m_client->sessionToken().isEmpty());
        QCOMPARE(dialog.session().email, QLatin1String(TestServer::kAdminEmail));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void servicesPageCreatesTestsAndEditsAnLdapService()
    {
        QVERIFY(!m_client->sessionToken().isEmpty());
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        QStringList names;
        for (const ServiceDefinition &service : page.services())
            names << service.name;
        QVERIFY2(names.contains(QStringLiteral("corp")) && names.contains(QStringLiteral("sso")),
                 qPrintable(names.join(QLatin1Char(','))));

        ServiceEditorDialog *editor = page.createService(QStringLiteral("ldap"));
        QVERIFY(editor);
        QSignalSpy rolesLoaded(editor, &ServiceEditorDialog::rolesLoaded);
        QVERIFY(rolesLoaded.wait(10000));
        QVERIFY(editor->errorText().isEmpty());

        ConsoleChecks::verifyAccessible(editor);
        if (QTest::currentTestFailed())
            return;

        // Validation first: nothing is sent while the form is incomplete.
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("branch"));
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(editor->errorText().contains(QStringLiteral("host name")));
        QVERIFY(editor->errorText().contains(QStringLiteral("base DN")));

        child<QLineEdit>(editor, QStringLiteral("label"))->setText(QStringLiteral("Branch office"));
        child<QLineEdit>(editor, QStringLiteral("host"))->setText(QStringLiteral("ldap.branch.test"));
        auto *encryption = child<QComboBox>(editor, QStringLiteral("encryption"));
        encryption->setCurrentIndex(encryption->findData(QStringLiteral("ldaps")));
        QCOMPARE(child<QSpinBox>(editor, QStringLiteral("port"))->value(), 636);
        child<QLineEdit>(editor, QStringLiteral("bind_dn"))
            ->setText(QStringLiteral("cn=gate,dc=branch,dc=test"));
        auto *password = child<QLineEdit>(editor, QStringLiteral("bind_password"));
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        password->setText(QLatin1String(FakeIdentityTypes::kProbeSecret));
        child<QLineEdit>(editor, QStringLiteral("base_dn"))->setText(QStringLiteral("dc=branch,dc=test"));
        child<QLineEdit>(editor, QStringLiteral("user_filter"))
            ->setText(QStringLiteral("(objectClass=person)"));
        RoleMapTable *map = editor->form()->groupRoleMap();
        map->addRow(QStringLiteral("analysts"));
        auto *roleBox = qobject_cast<QComboBox *>(map->table()->cellWidget(0, 2));
        QVERIFY(roleBox);
        QVERIFY(roleBox->findData(m_roleId) > 0);
        roleBox->setCurrentIndex(roleBox->findData(m_roleId));
        auto *defaultRole = child<QComboBox>(editor, QStringLiteral("default_role"));
        defaultRole->setCurrentIndex(defaultRole->findData(m_roleId));

        // Test: the type's probe runs on the form's config and each step is listed.
        QSignalSpy tested(editor, &ServiceEditorDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("test")), Qt::LeftButton);
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.at(0).at(0).toBool(), true);
        const QStringList steps = editor->testResults();
        QCOMPARE(steps.size(), 2);
        QVERIFY2(steps.at(0).contains(QStringLiteral("connect")) &&
                     steps.at(0).contains(QStringLiteral("ldap.branch.test")),
                 qPrintable(steps.join(QLatin1Char('|'))));
        QVERIFY(steps.at(1).contains(QStringLiteral("bind")));
        QVERIFY(
            child<QLabel>(editor, QStringLiteral("testSummary"))->text().contains(QStringLiteral("passed")));
        // Nothing was stored by the test.
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D%27branch%27"))
                     .json.at("resource")
                     .size(),
                 size_t(0));

        // Save: the service is created with the engine's config keys.
        QSignalSpy saved(editor, &ServiceEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ServiceDefinition &service : page.services())
                    if (service.name == QLatin1String("branch"))
                        return true;
                return false;
            }(),
            10000);
        const TestResponse stored = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/service?filter=name%3D%27branch%27&fields=*"));
        QVERIFY2(stored.status == 200 && stored.json.at("resource").size() == 1,
                 stored.describe().constData());
        const Json row = stored.json.at("resource").at(0);
        QCOMPARE(row.at("type").get<QString>(), QStringLiteral("ldap"));
        QCOMPARE(row.at("label").get<QString>(), QStringLiteral("Branch office"));
        const Json expectedConfig{
            {"host", "ldap.branch.test"},
            {"port", 636},
            {"encryption", "ldaps"},
            {"bind_dn", "cn=gate,dc=branch,dc=test"},
            {"bind_password", kMask},
            {"base_dn", "dc=branch,dc=test"},
            {"user_filter", "(objectClass=person)"},
            {"default_role", m_roleId},
            {"group_role_map", Json::array({{{"group", "analysts"}, {"role_id", m_roleId}}})}};
        QCOMPARE(row.at("config").dump(), expectedConfig.dump());

        // Editing: the secret shows masked, and Test uses the stored one.
        ServiceEditorDialog *edit = page.editService(QStringLiteral("branch"));
        QVERIFY(edit);
        auto *maskedPassword = qobject_cast<LdapServiceForm *>(edit->form())->bindPasswordField();
        QCOMPARE(maskedPassword->text(), kMask);
        QCOMPARE(maskedPassword->echoMode(), QLineEdit::Password);
        QSignalSpy editLoaded(edit, &ServiceEditorDialog::rolesLoaded);
        QVERIFY(editLoaded.wait(10000));
        QCOMPARE(child<QComboBox>(edit, QStringLiteral("default_role"))->currentData().toLongLong(),
                 m_roleId);
        QCOMPARE(edit->form()->groupRoleMap()->rules().size(), 1);
        QSignalSpy editTested(edit, &ServiceEditorDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("test")), Qt::LeftButton);
        QVERIFY(editTested.wait(10000));
        QCOMPARE(editTested.at(0).at(0).toBool(), true);
        QCOMPARE(FakeIdentityTypes::probedConfigs().last().at("bind_password").get<QString>(),
                 QLatin1String(FakeIdentityTypes::kProbeSecret));
        // An edit that keeps the mask keeps the secret.
        child<QLineEdit>(edit, QStringLiteral("label"))->setText(QStringLiteral("Branch office (EU)"));
        QSignalSpy editSaved(edit, &ServiceEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(editSaved.wait(10000));
        const TestResponse probe =
            m_server->admin("POST", QStringLiteral("/api/v2/system/service/_test"),
                            Json{{"type", "ldap"}, {"id", row.at("id")}, {"config", row.at("config")}});
        QCOMPARE(probe.json.at("success").get<bool>(), true);
    }

    void servicesPageShowsServerErrors()
    {
        ServicesPage page(m_client.get());
        ServiceEditorDialog *editor = page.createService(QStringLiteral("oidc"));
        QSignalSpy rolesLoaded(editor, &ServiceEditorDialog::rolesLoaded);
        QVERIFY(rolesLoaded.wait(10000));
        ConsoleChecks::verifyAccessible(editor);
        if (QTest::currentTestFailed())
            return;
        // The issuer must be https (or loopback http).
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("corp"));
        child<QLineEdit>(editor, QStringLiteral("issuer"))->setText(QStringLiteral("http://idp.example.org"));
        child<QLineEdit>(editor, QStringLiteral("client_id"))->setText(QStringLiteral("gatehouse"));
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(editor->errorText().contains(QStringLiteral("https://")));
        child<QLineEdit>(editor, QStringLiteral("issuer"))
            ->setText(QStringLiteral("https://idp.example.org"));
        auto *secret = child<QLineEdit>(editor, QStringLiteral("client_secret"));
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        secret->setText(QStringLiteral("s"));
        // The name is taken: the engine says so, and the dialog shows it.
        QSignalSpy failed(editor, &ServiceEditorDialog::saveFailed);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(failed.wait(10000));
        QVERIFY2(editor->errorText().contains(QStringLiteral("corp")), qPrintable(editor->errorText()));
        QVERIFY2(editor->errorText().contains(QStringLiteral("(request ")), qPrintable(editor->errorText()));
        QVERIFY(editor->isVisible());
    }
};

QTEST_MAIN(TestConsoleIdentity)
#include "tst_consoleidentity.moc"
