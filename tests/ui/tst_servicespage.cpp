// The Services page against the real engine in-process (TestServer with the demo database,
// reached only over HTTP through GatehouseClient): a SQLite service created through the form
// built from its config_schema, its Test button passing and failing, edit, deactivate and
// delete; and the schema browser and record viewer paging through the demo database.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "ConsoleChecks.h"
#include "JsonTableModel.h"
#include "MessageBar.h"
#include "SchemaBrowserDialog.h"
#include "ServiceConfigForm.h"
#include "ServiceEditorDialog.h"
#include "ServicesPage.h"
#include "SignInDialog.h"
#include "TestServer.h"
#include "client/GatehouseClient.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

Json storedService(TestServer &server, const QString &name)
{
    const TestResponse r = server.admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D%27") +
                                                   name + QStringLiteral("%27&fields=*"));
    return r.status == 200 && r.json.at("resource").size() == 1 ? r.json.at("resource").at(0) : Json();
}
} // namespace

class TestServicesPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;
    QTemporaryDir m_dir;
    QString m_dbPath;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<GatehouseClient>(QUrl(m_server->baseUrl()));
        m_client->setSessionToken(m_server->adminToken());
        QVERIFY(!m_client->sessionToken().isEmpty());

        m_dbPath = m_dir.filePath(QStringLiteral("inventory.db"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
        db.setDatabaseName(m_dbPath);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(
            query.exec(QStringLiteral("CREATE TABLE parts (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO parts (name) VALUES ('bolt'), ('nut')")));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("setup"));
    }

    void newMenuOffersEveryCreatableType()
    {
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        QVERIFY2(page.messageBar()->isHidden(), qPrintable(page.messageBar()->text()));
        QStringList actions;
        for (QAction *action : page.newMenu()->actions())
            if (!action->objectName().isEmpty())
                actions << action->objectName();
        for (const char *type : {"new:sqlite", "new:pgsql", "new:mysql", "new:ai", "new:mcp", "new:ldap",
                                 "new:adldap", "new:oidc"})
            QVERIFY2(actions.contains(QLatin1String(type)), qPrintable(actions.join(QLatin1Char(','))));
        QStringList names;
        for (const ServiceDefinition &service : page.services())
            names << service.name;
        QVERIFY2(names.contains(QStringLiteral("demo")), qPrintable(names.join(QLatin1Char(','))));
        // Browse is for database services only.
        QVERIFY(page.selectService(QStringLiteral("demo")));
        QVERIFY(child<QPushButton>(&page, QStringLiteral("browse"))->isEnabled());
        if (names.contains(QStringLiteral("local_ai"))) {
            QVERIFY(page.selectService(QStringLiteral("local_ai")));
            QVERIFY(!child<QPushButton>(&page, QStringLiteral("browse"))->isEnabled());
        }
    }

    void sqliteServiceThroughTheForm()
    {
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));

        // From the New menu, as a person would.
        QAction *newSqlite = page.newMenu()->findChild<QAction *>(QStringLiteral("new:sqlite"));
        QVERIFY(newSqlite);
        newSqlite->trigger();
        ServiceEditorDialog *editor = page.editor();
        QVERIFY(editor);
        if (!editor->isLoaded()) {
            QSignalSpy loaded(editor, &ServiceEditorDialog::rolesLoaded);
            QVERIFY(loaded.wait(10000));
        }
        QVERIFY2(editor->errorText().isEmpty(), qPrintable(editor->errorText()));
        ConsoleChecks::verifyAccessible(editor);
        if (QTest::currentTestFailed())
            return;
        // The form comes from the schema: one editor per key, named after it.
        auto *database = child<QLineEdit>(editor, QStringLiteral("database"));
        QVERIFY(database);
        QVERIFY(child<QSpinBox>(editor, QStringLiteral("max_records")));
        QVERIFY(child<QPushButton>(editor, QStringLiteral("test"))->isVisibleTo(editor));

        // Validation before anything is sent: the name and the required file.
        QSignalSpy failed(editor, &ServiceEditorDialog::saveFailed);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY2(editor->errorText().contains(QStringLiteral("Enter a name")),
                 qPrintable(editor->errorText()));
        QVERIFY2(editor->errorText().contains(QStringLiteral("Database file is required")),
                 qPrintable(editor->errorText()));
        QCOMPARE(failed.count(), 0);

        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("inventory"));
        child<QLineEdit>(editor, QStringLiteral("label"))->setText(QStringLiteral("Inventory"));

        // Test connection: a file that is not there fails, and says why.
        database->setText(m_dir.filePath(QStringLiteral("nothing-here.db")));
        QSignalSpy tested(editor, &ServiceEditorDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("test")), Qt::LeftButton);
        QVERIFY(tested.wait(20000));
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY2(editor->testResults().join(QLatin1Char('|')).contains(QStringLiteral("does not exist")),
                 qPrintable(editor->testResults().join(QLatin1Char('|'))));
        QVERIFY(
            child<QLabel>(editor, QStringLiteral("testSummary"))->text().contains(QStringLiteral("failed")));

        // ... and the real file passes, counting its table.
        database->setText(m_dbPath);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("test")), Qt::LeftButton);
        QVERIFY(tested.wait(20000));
        QCOMPARE(tested.last().at(0).toBool(), true);
        const QStringList steps = editor->testResults();
        QCOMPARE(steps.size(), 3);
        QVERIFY2(steps.at(2).contains(QStringLiteral("1 table(s)")),
                 qPrintable(steps.join(QLatin1Char('|'))));
        QVERIFY(
            child<QLabel>(editor, QStringLiteral("testSummary"))->text().contains(QStringLiteral("passed")));
        QVERIFY(storedService(*m_server, QStringLiteral("inventory")).is_null());

        // An optional number: only what is set is sent.
        child<QSpinBox>(editor, QStringLiteral("max_records"))->setValue(250);
        QSignalSpy saved(editor, &ServiceEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        QVERIFY(refreshed.wait(20000));
        const Json stored = storedService(*m_server, QStringLiteral("inventory"));
        QVERIFY(!stored.is_null());
        QCOMPARE(stored.at("type").get<QString>(), QStringLiteral("sqlite"));
        QCOMPARE(stored.at("label").get<QString>(), QStringLiteral("Inventory"));
        QCOMPARE(stored.at("config").dump(), (Json{{"database", m_dbPath}, {"max_records", 250}}).dump());
        // The new service serves its table.
        const TestResponse parts = m_server->admin("GET", QStringLiteral("/api/v2/inventory/_table/parts"));
        QVERIFY2(parts.status == 200 && parts.json.at("resource").size() == 2, parts.describe().constData());

        // Edit: the stored values are in the form; a change is saved.
        ServiceEditorDialog *edit = page.editService(QStringLiteral("inventory"));
        QVERIFY(edit);
        QCOMPARE(child<QLineEdit>(edit, QStringLiteral("database"))->text(), m_dbPath);
        QCOMPARE(child<QSpinBox>(edit, QStringLiteral("max_records"))->value(), 250);
        child<QLineEdit>(edit, QStringLiteral("label"))->setText(QStringLiteral("Parts inventory"));
        // Back to "not set": the key leaves the config.
        auto *maxRecords = child<QSpinBox>(edit, QStringLiteral("max_records"));
        maxRecords->setValue(maxRecords->minimum());
        QSignalSpy editSaved(edit, &ServiceEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(editSaved.wait(20000));
        QVERIFY(refreshed.wait(20000));
        const Json edited = storedService(*m_server, QStringLiteral("inventory"));
        QCOMPARE(edited.at("label").get<QString>(), QStringLiteral("Parts inventory"));
        QCOMPARE(edited.at("config").dump(), (Json{{"database", m_dbPath}}).dump());

        // Deactivate, then activate again.
        QVERIFY(page.selectService(QStringLiteral("inventory")));
        auto *toggle = child<QPushButton>(&page, QStringLiteral("toggleActive"));
        QVERIFY(toggle->text().contains(QStringLiteral("Deac")));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(storedService(*m_server, QStringLiteral("inventory")).at("is_active").get<bool>(), false);
        QVERIFY(page.selectService(QStringLiteral("inventory")));
        QVERIFY(!toggle->text().contains(QStringLiteral("Deac")));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(storedService(*m_server, QStringLiteral("inventory")).at("is_active").get<bool>(), true);

        // Delete asks first; "no" keeps the service.
        QStringList questions;
        page.setConfirmer([&questions](const QString &question) {
            questions << question;
            return false;
        });
        QVERIFY(page.selectService(QStringLiteral("inventory")));
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("delete")), Qt::LeftButton);
        QCOMPARE(questions.size(), 1);
        QVERIFY(questions.first().contains(QStringLiteral("inventory")));
        QVERIFY(!storedService(*m_server, QStringLiteral("inventory")).is_null());
        page.setConfirmer([](const QString &) { return true; });
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("delete")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        QVERIFY(storedService(*m_server, QStringLiteral("inventory")).is_null());
        for (const ServiceDefinition &service : page.services())
            QVERIFY(service.name != QLatin1String("inventory"));
    }

    void serverErrorsAreShown()
    {
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        ServiceEditorDialog *editor = page.createService(QStringLiteral("sqlite"));
        if (!editor->isLoaded()) {
            QSignalSpy loaded(editor, &ServiceEditorDialog::rolesLoaded);
            QVERIFY(loaded.wait(10000));
        }
        // The folder does not exist: the engine's validation refuses it, and the dialog says so.
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("broken"));
        child<QLineEdit>(editor, QStringLiteral("database"))
            ->setText(m_dir.filePath(QStringLiteral("no-such-folder/x.db")));
        QSignalSpy failed(editor, &ServiceEditorDialog::saveFailed);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(failed.wait(20000));
        QVERIFY2(editor->errorText().contains(QStringLiteral("folder")), qPrintable(editor->errorText()));
        QVERIFY2(editor->errorText().contains(QStringLiteral("(request ")), qPrintable(editor->errorText()));
        QVERIFY(editor->isVisible());
    }

    void genericFormValidatesAndKeepsSecrets()
    {
        // An AI connection's form: picklist, password, url, json fields.
        ServicesPage page(m_client.get());
        ServiceEditorDialog *editor = page.createService(QStringLiteral("ai"));
        QSignalSpy loaded(editor, &ServiceEditorDialog::rolesLoaded);
        QVERIFY(loaded.wait(10000));
        ServiceConfigForm *form = editor->form();
        QVERIFY(form->hasSchema());
        ConsoleChecks::verifyAccessible(editor);
        if (QTest::currentTestFailed())
            return;
        auto *provider = child<QComboBox>(editor, QStringLiteral("provider"));
        provider->setCurrentIndex(provider->findData(QStringLiteral("openai_compatible")));
        auto *key = child<QLineEdit>(editor, QStringLiteral("api_key"));
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        child<QLineEdit>(editor, QStringLiteral("base_url"))->setText(QStringLiteral("not a url"));
        qobject_cast<QPlainTextEdit *>(form->editor(QStringLiteral("rate_sheet")))
            ->setPlainText(QStringLiteral("{oops"));
        const QStringList problems = form->validate();
        QVERIFY2(problems.join(QLatin1Char('|')).contains(QStringLiteral("Base URL must be an http")),
                 qPrintable(problems.join(QLatin1Char('|'))));
        QVERIFY2(problems.join(QLatin1Char('|')).contains(QStringLiteral("Rate sheet is not valid JSON")),
                 qPrintable(problems.join(QLatin1Char('|'))));
        child<QLineEdit>(editor, QStringLiteral("base_url"))
            ->setText(QStringLiteral("http://127.0.0.1:9/v1"));
        qobject_cast<QPlainTextEdit *>(form->editor(QStringLiteral("rate_sheet")))
            ->setPlainText(QStringLiteral("{\"m\": {\"input_per_1k\": 1}}"));
        QVERIFY2(form->validate().isEmpty(), qPrintable(form->validate().join(QLatin1Char('|'))));
        const QJsonObject config = form->config();
        QCOMPARE(config.value(QLatin1String("provider")).toString(), QStringLiteral("openai_compatible"));
        QVERIFY(config.value(QLatin1String("rate_sheet")).isObject());
        QVERIFY(!config.contains(QLatin1String("api_key")));
        QVERIFY(!config.contains(QLatin1String("prompt_log"))); // a default left alone is not sent

        // A masked secret goes back untouched; keys the schema does not know survive.
        const QString mask = QStringLiteral("**********");
        form->setConfig(QJsonObject{{QStringLiteral("provider"), QStringLiteral("openai")},
                                    {QStringLiteral("api_key"), mask},
                                    {QStringLiteral("model"), QStringLiteral("gpt-x")}});
        QCOMPARE(key->text(), mask);
        const QJsonObject kept = form->config();
        QCOMPARE(kept.value(QLatin1String("api_key")).toString(), mask);
        QCOMPARE(kept.value(QLatin1String("model")).toString(), QStringLiteral("gpt-x"));
    }

    void browseTheDemoSchemaAndPageThroughRecords()
    {
        const TestResponse count =
            m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/orders?limit=1&include_count=true"));
        QVERIFY2(count.status == 200, count.describe().constData());
        const qint64 total = count.json.at("meta").at("count").get<qint64>();
        QVERIFY2(total > 4, count.describe().constData());

        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        QVERIFY(page.selectService(QStringLiteral("demo")));
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("browse")), Qt::LeftButton);
        auto *browser = page.findChild<SchemaBrowserDialog *>();
        QVERIFY(browser);
        QTRY_VERIFY_WITH_TIMEOUT(browser->tables().contains(QStringLiteral("orders")), 20000);
        QVERIFY(browser->tables().contains(QStringLiteral("customers")));
        ConsoleChecks::verifyAccessible(browser);
        if (QTest::currentTestFailed())
            return;

        browser->setPageSize(4);
        QSignalSpy tableLoaded(browser, &SchemaBrowserDialog::tableLoaded);
        QSignalSpy recordsLoaded(browser, &SchemaBrowserDialog::recordsLoaded);
        QVERIFY(browser->selectTable(QStringLiteral("orders")));
        QVERIFY(tableLoaded.wait(20000));
        QVERIFY2(browser->errorText().isEmpty(), qPrintable(browser->errorText()));
        // Columns with type, nullability, primary key and default.
        QTableWidget *columns = browser->columns();
        int idRow = -1;
        for (int row = 0; row < columns->rowCount(); ++row)
            if (columns->item(row, 0)->text() == QLatin1String("id"))
                idRow = row;
        QVERIFY(idRow >= 0);
        QCOMPARE(columns->item(idRow, 4)->text(), QStringLiteral("yes"));
        QVERIFY(!columns->item(idRow, 1)->text().isEmpty());
        // Relationships: an order belongs to a customer.
        bool toCustomers = false;
        for (int row = 0; row < browser->relationships()->rowCount(); ++row)
            toCustomers =
                toCustomers || browser->relationships()->item(row, 3)->text() == QLatin1String("customers");
        QVERIFY(toCustomers);

        // Records, a page at a time.
        if (recordsLoaded.isEmpty())
            QVERIFY(recordsLoaded.wait(20000));
        QCOMPARE(browser->records()->rowCount(), 4);
        QCOMPARE(browser->totalCount(), total);
        auto *pageLabel = child<QLabel>(browser, QStringLiteral("pageLabel"));
        QVERIFY2(pageLabel->text().contains(QString::number(total)), qPrintable(pageLabel->text()));
        auto *previous = child<QPushButton>(browser, QStringLiteral("previousPage"));
        auto *next = child<QPushButton>(browser, QStringLiteral("nextPage"));
        QVERIFY(!previous->isEnabled());
        QVERIFY(next->isEnabled());
        const QJsonValue firstId = browser->records()->record(0).value(QLatin1String("id"));
        QTest::mouseClick(next, Qt::LeftButton);
        QVERIFY(recordsLoaded.wait(20000));
        QCOMPARE(browser->offset(), 4);
        QVERIFY(browser->records()->record(0).value(QLatin1String("id")) != firstId);
        QVERIFY(previous->isEnabled());
        // To the last page: Next turns off there.
        while (next->isEnabled()) {
            QTest::mouseClick(next, Qt::LeftButton);
            QVERIFY(recordsLoaded.wait(20000));
        }
        QCOMPARE(browser->offset() + browser->records()->rowCount(), int(total));
        QTest::mouseClick(previous, Qt::LeftButton);
        QVERIFY(recordsLoaded.wait(20000));
        QVERIFY(next->isEnabled());
    }
};

QTEST_MAIN(TestServicesPage)
#include "tst_servicespage.moc"
