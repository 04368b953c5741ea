// The console's access pages (Roles, Apps, Users, Lookups, Limits) against the real engine
// in-process (TestServer with the demo database), reached only over HTTP through
// GatehouseClient. Each test drives the real widgets, then proves through the REST API that the
// engine now does what the form said.
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include "AccessRulesEditor.h"
#include "ApiKeyDialog.h"
#include "AppEditorDialog.h"
#include "AppRoleTable.h"
#include "AppsPage.h"
#include "ConsoleChecks.h"
#include "ConsolePage.h"
#include "FieldMaskTable.h"
#include "JsonTableModel.h"
#include "LimitEditorDialog.h"
#include "LimitsPage.h"
#include "LookupEditorDialog.h"
#include "LookupsPage.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "RoleEditorDialog.h"
#include "RolesPage.h"
#include "RowFilterTable.h"
#include "TestServer.h"
#include "UserEditorDialog.h"
#include "UsersPage.h"
#include "client/GatehouseClient.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

QPushButton *saveButton(QWidget *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
}

void setCell(QTableWidget *table, int row, int column, const QString &text)
{
    if (!table->item(row, column))
        table->setItem(row, column, new QTableWidgetItem);
    table->item(row, column)->setText(text);
}

// Clicks the confirming button of the open Confirmation question under `parent`.
bool confirm(QWidget *parent)
{
    QMessageBox *box = nullptr;
    for (int i = 0; i < 100 && !box; ++i) {
        box = parent->findChild<QMessageBox *>(QStringLiteral("confirmation"));
        if (!box)
            QTest::qWait(10);
    }
    if (!box)
        return false;
    auto *yes = box->findChild<QPushButton *>(QStringLiteral("confirm"));
    if (!yes)
        return false;
    yes->click();
    return true;
}

Headers apiKey(const QString &key)
{
    return {{"X-DreamFactory-API-Key", key.toUtf8()}};
}
} // namespace

class TestAccessPages : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;
    qint64 m_demoId = 0;

    qint64 roleId(const QString &name)
    {
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/system/role?filter=name%3D'%1'").arg(name));
        if (r.status != 200 || r.json["resource"].empty())
            return 0;
        return r.json["resource"][0]["id"].get<qint64>();
    }

    // Creates the role through the Roles page's editor: GET on demo/_table/customers, rows where
    // `field` = `value` only, emails redacted.
    void createRoleThroughEditor(const QString &name, const QString &field, const QString &value)
    {
        RolesPage page(m_client.get());
        page.show();
        QSignalSpy refreshed(&page, &RolesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        RoleEditorDialog *editor = page.createRole();
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        ConsoleChecks::verifyAccessible(editor);
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(name);

        AccessRulesEditor *rules = editor->rules();
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addRule")), Qt::LeftButton);
        QCOMPARE(rules->ruleCount(), 1);
        const int demo = rules->serviceBox()->findData(m_demoId);
        QVERIFY(demo > 0);
        rules->serviceBox()->setCurrentIndex(demo);
        // The component completion offers the demo database's tables.
        QTRY_VERIFY2_WITH_TIMEOUT(rules->componentChoices().contains(QStringLiteral("_table/customers")),
                                  qPrintable(rules->componentChoices().join(QLatin1Char(' '))), 10000);
        // … and its named queries.
        QVERIFY(rules->componentChoices().contains(QStringLiteral("_proc/GetCustomerSummaryData")));
        rules->componentBox()->setCurrentIndex(
            rules->componentBox()->findText(QStringLiteral("_table/customers")));
        QCOMPARE(rules->componentBox()->currentText(), QStringLiteral("_table/customers"));
        QVERIFY(rules->verbBox(AccessRulesEditor::Get)->isChecked());
        QVERIFY(!rules->verbBox(AccessRulesEditor::Delete)->isChecked());
        QVERIFY(rules->requestorBox(AccessRulesEditor::Api)->isChecked());

        // A row filter with an empty value is caught before anything is sent.
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addFilter")), Qt::LeftButton);
        QTableWidget *filters = rules->filterTable()->table();
        QCOMPARE(filters->rowCount(), 1);
        setCell(filters, 0, 0, field);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QCOMPARE(editor->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY2(editor->messageBar()->text().contains(QStringLiteral("needs a value")),
                 qPrintable(editor->messageBar()->text()));
        QCOMPARE(roleId(name), 0);
        setCell(filters, 0, 2, value);

        // Field mask: customers.email redacted for this role.
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addMask")), Qt::LeftButton);
        QTableWidget *masks = editor->masks()->table();
        QCOMPARE(masks->rowCount(), 1);
        auto *maskService = qobject_cast<QComboBox *>(masks->cellWidget(0, 0));
        QVERIFY(maskService);
        maskService->setCurrentIndex(maskService->findText(QStringLiteral("demo")));
        setCell(masks, 0, 1, QStringLiteral("customers"));
        setCell(masks, 0, 2, QStringLiteral("email"));

        QSignalSpy saved(editor, &RoleEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved.wait(10000), qPrintable(editor->messageBar()->text()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<GatehouseClient>(QUrl(m_server->baseUrl()));
        m_client->setSessionToken(m_server->adminToken());
        const TestResponse demo =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D'demo'"));
        QVERIFY2(demo.status == 200 && !demo.json["resource"].empty(), demo.describe().constData());
        m_demoId = demo.json["resource"][0]["id"].get<qint64>();
    }

    void roleEditorGrantsOnlyFilteredRows()
    {
        createRoleThroughEditor(QStringLiteral("germany_reader"), QStringLiteral("country"),
                                QStringLiteral("Germany"));
        if (QTest::currentTestFailed())
            return;
        const qint64 id = roleId(QStringLiteral("germany_reader"));
        QVERIFY(id > 0);
        // What the form said is what is stored.
        const TestResponse stored = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/role/%1?related=role_service_access_by_role_id").arg(id));
        const Json rule = stored.json["role_service_access_by_role_id"][0];
        QCOMPARE(rule["service_id"].get<qint64>(), m_demoId);
        QCOMPARE(rule["component"].get<QString>(), QStringLiteral("_table/customers"));
        QCOMPARE(rule["verb_mask"].get<int>(), 1);
        QCOMPARE(rule["requestor_mask"].get<int>(), 1);

        // And the engine enforces it: an app with this role sees German customers only, with
        // emails redacted, and may neither write nor read other tables.
        const QString key = m_server->createAppKey(QStringLiteral("germany_app"), id);
        QVERIFY(!key.isEmpty());
        const TestResponse all =
            m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1000"));
        const TestResponse rows = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1000"), nullptr, apiKey(key));
        QVERIFY2(rows.status == 200, rows.describe().constData());
        QVERIFY(!rows.json["resource"].empty());
        QVERIFY(rows.json["resource"].size() < all.json["resource"].size());
        for (const Json &row : rows.json["resource"]) {
            QCOMPARE(row["country"].get<QString>(), QStringLiteral("Germany"));
            QCOMPARE(row["email"].get<QString>(), QStringLiteral("**********"));
        }
        const TestResponse orders =
            m_server->request("GET", QStringLiteral("/api/v2/demo/_table/orders"), nullptr, apiKey(key));
        QCOMPARE(orders.status, 403);
        const TestResponse write =
            m_server->request("POST", QStringLiteral("/api/v2/demo/_table/customers"),
                              Json{{"resource", {{{"name", "X"}, {"email", "x@example.com"}}}}}, apiKey(key));
        QCOMPARE(write.status, 403);

        // Editing shows the stored rule again, and a change (OR, a second filter) is stored.
        RolesPage page(m_client.get());
        QSignalSpy refreshed(&page, &RolesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(page.selectRole(QStringLiteral("germany_reader")));
        RoleEditorDialog *editor = page.editRole();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        QCOMPARE(editor->rules()->ruleCount(), 1);
        QTableWidget *filters = editor->rules()->filterTable()->table();
        QCOMPARE(filters->rowCount(), 1);
        QCOMPARE(filters->item(0, 0)->text(), QStringLiteral("country"));
        QCOMPARE(filters->item(0, 2)->text(), QStringLiteral("Germany"));
        QCOMPARE(editor->masks()->table()->rowCount(), 1);
        editor->rules()->filterTable()->addRow(QStringLiteral("country"), QStringLiteral("="),
                                               QStringLiteral("Canada"));
        editor->rules()->filterTable()->filterOpBox()->setCurrentIndex(1); // OR
        // The mask becomes "partial, keep 3".
        QTableWidget *masks = editor->masks()->table();
        qobject_cast<QComboBox *>(masks->cellWidget(0, 3))->setCurrentText(QStringLiteral("partial"));
        qobject_cast<QSpinBox *>(masks->cellWidget(0, 4))->setValue(3);
        QSignalSpy saved(editor, &RoleEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved.wait(10000), qPrintable(editor->messageBar()->text()));
        const TestResponse widened = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1000"), nullptr, apiKey(key));
        QSet<QString> countries;
        for (const Json &row : widened.json["resource"])
            countries.insert(row["country"].get<QString>());
        QCOMPARE(countries, (QSet<QString>{QStringLiteral("Germany"), QStringLiteral("Canada")}));
        for (const Json &row : widened.json["resource"]) {
            const TestResponse clear = m_server->admin(
                "GET", QStringLiteral("/api/v2/demo/_table/customers/%1").arg(row["id"].get<qint64>()));
            const QString email = clear.json["email"].get<QString>();
            QVERIFY(row["email"].get<QString>() != email);
            QVERIFY2(row["email"].get<QString>().endsWith(email.right(3)),
                     qPrintable(row["email"].get<QString>()));
        }
        QCOMPARE(
            m_server->admin("GET", QStringLiteral("/api/v2/system/field_mask?filter=role_id%3D%1").arg(id))
                .json["resource"][0]["keep"]
                .get<int>(),
            3);
    }

    void roleEditorRefusesAnEmptyName()
    {
        RolesPage page(m_client.get());
        RoleEditorDialog *editor = page.createRole();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QCOMPARE(editor->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(editor->isVisible());
    }

    void serverErrorsShowTheRequestId()
    {
        // A duplicate name passes the form's checks; the server refuses it.
        RolesPage page(m_client.get());
        QPointer<RoleEditorDialog> editor = page.createRole();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        editor->nameEdit()->setText(QStringLiteral("germany_reader"));
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->messageBar()->text().isEmpty(), 10000);
        QVERIFY(editor);
        QVERIFY2(editor->messageBar()->text().contains(QStringLiteral("request")),
                 qPrintable(editor->messageBar()->text()));
    }

    void appKeyIsShownOnceAndRegenerationInvalidatesIt()
    {
        const qint64 role = roleId(QStringLiteral("germany_reader"));
        QVERIFY(role > 0);
        AppsPage page(m_client.get());
        page.show();
        QSignalSpy refreshed(&page, &AppsPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        AppEditorDialog *editor = page.createApp();
        QSignalSpy roles(editor, &AppEditorDialog::rolesLoaded);
        QVERIFY(roles.wait(10000));
        ConsoleChecks::verifyAccessible(editor);
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("portal"));
        auto *roleBox = child<QComboBox>(editor, QStringLiteral("role"));
        roleBox->setCurrentIndex(roleBox->findText(QStringLiteral("germany_reader")));
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.keyDialog(), 10000);
        ApiKeyDialog *shown = page.keyDialog();
        QVERIFY(shown->findChild<QLabel *>(QStringLiteral("warning"))
                    ->text()
                    .contains(QStringLiteral("only time")));
        const QString key = shown->key();
        QVERIFY(key.size() >= 32);
        QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("copy")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), key);
        shown->close();
        QTRY_VERIFY(!page.keyDialog());

        // The key works and carries the default role chosen in the form.
        TestResponse r =
            m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr, apiKey(key));
        QVERIFY2(r.status == 200, r.describe().constData());
        // The list shows a hint, never the key.
        QTRY_VERIFY_WITH_TIMEOUT(page.selectApp(QStringLiteral("portal")), 10000);
        const QJsonObject listed = page.list()->currentRecord();
        QVERIFY(!listed.value(QLatin1String("api_key_hint")).toString().isEmpty());
        QVERIFY(!QJsonDocument(listed).toJson().contains(key.toUtf8()));
        QCOMPARE(
            listed.value(QLatin1String("role_by_role_id")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("germany_reader"));

        // Regenerate: confirm, the new key is shown once, the old one stops working.
        page.regenerateKey();
        QVERIFY(confirm(&page));
        QTRY_VERIFY2_WITH_TIMEOUT(page.keyDialog() && page.keyDialog()->key() != key,
                                  qPrintable(page.messageBar()->text()), 10000);
        const QString newKey = page.keyDialog()->key();
        page.keyDialog()->close();
        r = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr, apiKey(key));
        QCOMPARE(r.status, 401);
        r = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr,
                              apiKey(newKey));
        QCOMPARE(r.status, 200);

        // Deactivate, then activate again.
        QTRY_VERIFY_WITH_TIMEOUT(page.selectApp(QStringLiteral("portal")), 10000);
        QSignalSpy done(&page, &AppsPage::actionFinished);
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("toggleActive")), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        r = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr,
                              apiKey(newKey));
        QCOMPARE(r.status, 403);
        QTRY_VERIFY_WITH_TIMEOUT(page.selectApp(QStringLiteral("portal")) &&
                                     !page.list()->currentRecord().value(QLatin1String("is_active")).toBool(),
                                 10000);
        QCOMPARE(child<QPushButton>(&page, QStringLiteral("toggleActive"))->text(),
                 QStringLiteral("Ac&tivate"));
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("toggleActive")), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        r = m_server->request("GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr,
                              apiKey(newKey));
        QCOMPARE(r.status, 200);
        m_portalKey = newKey;
    }

    void userWithPerAppRole()
    {
        QVERIFY(!m_portalKey.isEmpty());
        // The portal app's default role is replaced for this user by a wider one.
        const qint64 wide = m_server->createRole(QStringLiteral("all_customers"),
                                                 Json::array({{{"service_id", m_demoId},
                                                               {"component", "_table/customers"},
                                                               {"verb_mask", 1},
                                                               {"requestor_mask", 1}}}));
        QVERIFY(wide > 0);
        UsersPage page(m_client.get());
        page.show();
        QSignalSpy refreshed(&page, &UsersPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        UserEditorDialog *editor = page.createUser();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        ConsoleChecks::verifyAccessible(editor);
        child<QLineEdit>(editor, QStringLiteral("email"))->setText(QStringLiteral("carla@example.com"));
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("Carla"));
        child<QLineEdit>(editor, QStringLiteral("password"))->setText(QStringLiteral("Carla-Passw0rd"));
        child<QLineEdit>(editor, QStringLiteral("confirmPassword"))
            ->setText(QStringLiteral("Carla-Passw0rd!"));
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addAppRole")), Qt::LeftButton);
        QTableWidget *mappings = editor->appRoles()->table();
        auto *app = qobject_cast<QComboBox *>(mappings->cellWidget(0, 0));
        auto *role = qobject_cast<QComboBox *>(mappings->cellWidget(0, 1));
        app->setCurrentIndex(app->findText(QStringLiteral("portal")));
        role->setCurrentIndex(role->findText(QStringLiteral("all_customers")));
        // A mistyped confirmation is caught in the form.
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(editor->messageBar()->text().contains(QStringLiteral("confirmation")),
                 qPrintable(editor->messageBar()->text()));
        child<QLineEdit>(editor, QStringLiteral("confirmPassword"))
            ->setText(QStringLiteral("Carla-Passw0rd"));
        QSignalSpy saved(editor, &UserEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved.wait(10000), qPrintable(editor->messageBar()->text()));

        // Signed in through the portal app, Carla gets all_customers: every country.
        const TestResponse login = m_server->userLogin(QStringLiteral("carla@example.com"),
                                                       QStringLiteral("Carla-Passw0rd"), m_portalKey);
        QVERIFY2(login.status == 200, login.describe().constData());
        QCOMPARE(login.json["role_id"].get<qint64>(), wide);
        const TestResponse rows = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1000"), nullptr,
            {{"X-DreamFactory-API-Key", m_portalKey.toUtf8()},
             {"X-DreamFactory-Session-Token", login.json["session_token"].get<QString>().toUtf8()}});
        QVERIFY2(rows.status == 200, rows.describe().constData());
        QSet<QString> countries;
        for (const Json &row : rows.json["resource"])
            countries.insert(row["country"].get<QString>());
        QVERIFY(countries.size() > 2);

        // Editing shows the mapping; removing it falls back to the app's default role.
        QTRY_VERIFY_WITH_TIMEOUT(page.selectUser(QStringLiteral("carla@example.com")), 10000);
        editor = page.editUser();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        QCOMPARE(editor->appRoles()->table()->rowCount(), 1);
        QVERIFY(!editor->directoryBox()->isVisibleTo(editor));
        editor->appRoles()->table()->setCurrentCell(0, 0);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("removeAppRole")), Qt::LeftButton);
        QSignalSpy saved2(editor, &UserEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved2.wait(10000), qPrintable(editor->messageBar()->text()));
        const TestResponse again = m_server->userLogin(QStringLiteral("carla@example.com"),
                                                       QStringLiteral("Carla-Passw0rd"), m_portalKey);
        QCOMPARE(again.json["role_id"].get<qint64>(), roleId(QStringLiteral("germany_reader")));
    }

    void rowFilterWithALookupFollowsTheSignedInUser()
    {
        QVERIFY(!m_portalKey.isEmpty());
        // The filter's value is a lookup: each user sees the customer row with their own email.
        createRoleThroughEditor(QStringLiteral("own_record"), QStringLiteral("email"),
                                QStringLiteral("{user.email}"));
        if (QTest::currentTestFailed())
            return;
        const qint64 role = roleId(QStringLiteral("own_record"));
        const TestResponse apps =
            m_server->admin("GET", QStringLiteral("/api/v2/system/app?filter=name%3D'portal'"));
        const qint64 app = apps.json["resource"][0]["id"].get<qint64>();
        const qint64 user = m_server->createUser(
            QStringLiteral("sophia.fenwick@example.com"), QStringLiteral("Sophia-Passw0rd"),
            Json{{"name", "Sophia"},
                 {"user_to_app_to_role_by_user_id", Json::array({{{"app_id", app}, {"role_id", role}}})}});
        QVERIFY(user > 0);
        const TestResponse login = m_server->userLogin(QStringLiteral("sophia.fenwick@example.com"),
                                                       QStringLiteral("Sophia-Passw0rd"), m_portalKey);
        QVERIFY2(login.status == 200, login.describe().constData());
        const TestResponse rows = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1000"), nullptr,
            {{"X-DreamFactory-API-Key", m_portalKey.toUtf8()},
             {"X-DreamFactory-Session-Token", login.json["session_token"].get<QString>().toUtf8()}});
        QVERIFY2(rows.status == 200, rows.describe().constData());
        QCOMPARE(rows.json["resource"].size(), size_t(1));
        QCOMPARE(rows.json["resource"][0]["id"].get<qint64>(), qint64(3));
        // With the key alone there is no user: the filter fails closed.
        m_server->admin("PATCH", QStringLiteral("/api/v2/system/app/%1").arg(app), Json{{"role_id", role}});
        const TestResponse anonymous = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr, apiKey(m_portalKey));
        QCOMPARE(anonymous.status, 403);
        m_server->admin("PATCH", QStringLiteral("/api/v2/system/app/%1").arg(app),
                        Json{{"role_id", roleId(QStringLiteral("germany_reader"))}});
    }

    void directoryUsersShowTheirDirectoryFieldsReadOnly()
    {
        // A user as an identity service provisions it (the API does not write these fields).
        const qint64 user = m_server->createUser(QStringLiteral("dora@corp.example"),
                                                 QStringLiteral("Dora-Passw0rd"), Json{{"name", "Dora"}});
        QVERIFY(user > 0);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("provision"));
            db.setDatabaseName(QDir(m_server->dataDir()).filePath(QStringLiteral("system.db")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.prepare(QStringLiteral(
                "UPDATE user SET identity_service_id = ?, directory_username = ? WHERE id = ?")));
            query.addBindValue(m_demoId);
            query.addBindValue(QStringLiteral("dora.d"));
            query.addBindValue(user);
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("provision"));
        UsersPage page(m_client.get());
        QSignalSpy refreshed(&page, &UsersPage::refreshed);
        page.list()->searchField()->setText(QStringLiteral("dora@"));
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(page.selectUser(QStringLiteral("dora@corp.example")));
        UserEditorDialog *editor = page.editUser();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        QVERIFY(editor->directoryBox()->isVisibleTo(editor));
        auto *directoryUser = child<QLineEdit>(editor, QStringLiteral("directoryUser"));
        QCOMPARE(directoryUser->text(), QStringLiteral("dora.d"));
        QVERIFY(directoryUser->isReadOnly());
        auto *service = child<QLineEdit>(editor, QStringLiteral("directoryService"));
        QTRY_VERIFY_WITH_TIMEOUT(service->text().contains(QStringLiteral("demo")), 10000);
        QVERIFY(service->isReadOnly());
        // The directory owns the password.
        QVERIFY(!child<QLineEdit>(editor, QStringLiteral("password"))->isEnabled());
    }

    void privateLookupIsNeverShownInClear()
    {
        const QString secret = QStringLiteral("S3cret-Lookup-Value-9431");
        LookupsPage page(m_client.get());
        page.show();
        QSignalSpy refreshed(&page, &LookupsPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        LookupEditorDialog *editor = page.createLookup();
        ConsoleChecks::verifyAccessible(editor);
        // Built-in names are refused in the form.
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("user.token"));
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QCOMPARE(editor->messageBar()->kind(), MessageBar::Kind::Error);
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("vault_token"));
        child<QLineEdit>(editor, QStringLiteral("value"))->setText(secret);
        child<QCheckBox>(editor, QStringLiteral("private"))->setChecked(true);
        QCOMPARE(child<QLineEdit>(editor, QStringLiteral("value"))->echoMode(), QLineEdit::Password);
        QSignalSpy saved(editor, &LookupEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved.wait(10000), qPrintable(editor->messageBar()->text()));
        QVERIFY(refreshed.wait(10000));

        QVERIFY(page.selectLookup(QStringLiteral("vault_token")));
        auto showsSecret = [&] {
            JsonTableModel *model = page.currentModel();
            for (int row = 0; row < model->rowCount(); ++row)
                for (int column = 0; column < model->columnCount(); ++column)
                    if (model->data(model->index(row, column)).toString().contains(secret))
                        return true;
            return QJsonDocument(model->records()).toJson().contains(secret.toUtf8());
        };
        QVERIFY(!showsSecret());
        int row = page.currentView()->currentIndex().row();
        QCOMPARE(page.currentModel()->record(row).value(QLatin1String("value")).toString(),
                 QStringLiteral("**********"));

        // Editing keeps the sealed value unless a new one is typed; the field never holds it.
        editor = page.editLookup();
        QVERIFY(child<QLineEdit>(editor, QStringLiteral("value"))->text().isEmpty());
        child<QLineEdit>(editor, QStringLiteral("description"))->setText(QStringLiteral("rotated monthly"));
        QSignalSpy saved2(editor, &LookupEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved2.wait(10000), qPrintable(editor->messageBar()->text()));
        QVERIFY(refreshed.wait(10000));
        QVERIFY(!showsSecret());
        const TestResponse stored =
            m_server->admin("GET", QStringLiteral("/api/v2/system/lookup?filter=name%3D'vault_token'"));
        QCOMPARE(stored.json["resource"][0]["value"].get<QString>(), QStringLiteral("**********"));
        QCOMPARE(stored.json["resource"][0]["description"].get<QString>(), QStringLiteral("rotated monthly"));
        QVERIFY(!stored.body.contains(secret.toUtf8()));

        // Delete, after confirming.
        QVERIFY(page.selectLookup(QStringLiteral("vault_token")));
        QSignalSpy done(&page, &LookupsPage::actionFinished);
        page.deleteLookup();
        QVERIFY(confirm(&page));
        QVERIFY(done.wait(10000));
        const TestResponse gone =
            m_server->admin("GET", QStringLiteral("/api/v2/system/lookup?filter=name%3D'vault_token'"));
        QVERIFY(gone.json["resource"].empty());
    }

    void roleLookupsAreEditedOnTheRole()
    {
        const qint64 role = roleId(QStringLiteral("germany_reader"));
        QVERIFY(role > 0);
        LookupsPage page(m_client.get());
        page.show();
        QSignalSpy owners(&page, &LookupsPage::ownersLoaded);
        page.setScopeIndex(2);
        QVERIFY(owners.wait(10000));
        QComboBox *owner = page.ownerBox();
        QSignalSpy refreshed(&page, &LookupsPage::refreshed);
        owner->setCurrentIndex(owner->findText(QStringLiteral("germany_reader")));
        QCOMPARE(page.scope().ownerId, role);
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 10000);
        LookupEditorDialog *editor = page.createLookup();
        QVERIFY(editor);
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("region"));
        child<QLineEdit>(editor, QStringLiteral("value"))->setText(QStringLiteral("EU"));
        QSignalSpy saved(editor, &LookupEditorDialog::saved);
        refreshed.clear();
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved.wait(10000), qPrintable(editor->messageBar()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(page.selectLookup(QStringLiteral("region")), 10000);
        const TestResponse stored = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/role/%1?related=lookup_by_role_id").arg(role));
        QCOMPARE(stored.json["lookup_by_role_id"].size(), size_t(1));
        QCOMPARE(stored.json["lookup_by_role_id"][0]["value"].get<QString>(), QStringLiteral("EU"));
    }

    void limitCountersShowAndReset()
    {
        QVERIFY(!m_portalKey.isEmpty());
        LimitsPage page(m_client.get());
        page.show();
        QSignalSpy refreshed(&page, &LimitsPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        LimitEditorDialog *editor = page.createLimit();
        QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), 10000);
        ConsoleChecks::verifyAccessible(editor);
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("demo reads"));
        auto *type = child<QComboBox>(editor, QStringLiteral("type"));
        type->setCurrentIndex(type->findData(QStringLiteral("instance.service")));
        // The service this type needs is checked before sending.
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(editor->messageBar()->text().contains(QStringLiteral("service")),
                 qPrintable(editor->messageBar()->text()));
        auto *service = child<QComboBox>(editor, QStringLiteral("service"));
        service->setCurrentIndex(service->findText(QStringLiteral("demo")));
        child<QSpinBox>(editor, QStringLiteral("rate"))->setValue(1000);
        auto *verb = child<QComboBox>(editor, QStringLiteral("verb"));
        verb->setCurrentIndex(verb->findData(QStringLiteral("GET")));
        QSignalSpy saved(editor, &LimitEditorDialog::saved);
        QTest::mouseClick(saveButton(editor), Qt::LeftButton);
        QVERIFY2(saved.wait(10000), qPrintable(editor->messageBar()->text()));
        const TestResponse stored =
            m_server->admin("GET", QStringLiteral("/api/v2/system/limit?filter=name%3D'demo reads'"));
        QCOMPARE(stored.json["resource"][0]["type"].get<QString>(), QStringLiteral("instance.service"));
        QCOMPARE(stored.json["resource"][0]["service_id"].get<qint64>(), m_demoId);
        QCOMPARE(stored.json["resource"][0]["period"].get<QString>(), QStringLiteral("minute"));

        auto counter = [&](const char *key) {
            return page.list()->currentRecord().value(QLatin1String(key)).toInt(-1);
        };
        auto call = [&](int times) {
            for (int i = 0; i < times; ++i) {
                const TestResponse r = m_server->request(
                    "GET", QStringLiteral("/api/v2/demo/_table/customers"), nullptr, apiKey(m_portalKey));
                QVERIFY2(r.status == 200, r.describe().constData());
            }
        };
        call(3);
        QSignalSpy counters(&page, &LimitsPage::countersLoaded);
        page.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(page.selectLimit(QStringLiteral("demo reads")) && counter("_used") == 3,
                                 10000);
        QCOMPARE(counter("_remaining"), 997);
        // The window's end is shown (and is within the minute the limit counts).
        QVERIFY(!page.list()->currentRecord().value(QLatin1String("_reset")).toString().isEmpty());
        QCOMPARE(page.list()
                     ->model()
                     ->data(page.list()->model()->index(page.list()->view()->currentIndex().row(), 7))
                     .toString(),
                 QStringLiteral("3"));

        // Reset this limit.
        QSignalSpy done(&page, &LimitsPage::actionFinished);
        counters.clear();
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("reset")), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!counters.isEmpty(), 10000);
        QVERIFY(page.selectLimit(QStringLiteral("demo reads")));
        QCOMPARE(counter("_used"), 0);
        QCOMPARE(counter("_remaining"), 1000);
        QVERIFY(page.list()->currentRecord().value(QLatin1String("_reset")).toString().isEmpty());

        // Reset all, after confirming.
        call(2);
        counters.clear();
        page.refreshCounters();
        QVERIFY(counters.wait(10000));
        QVERIFY(page.selectLimit(QStringLiteral("demo reads")));
        QCOMPARE(counter("_used"), 2);
        counters.clear();
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("resetAll")), Qt::LeftButton);
        QVERIFY(confirm(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!counters.isEmpty(), 10000);
        QVERIFY(page.selectLimit(QStringLiteral("demo reads")));
        QCOMPARE(counter("_used"), 0);
    }

    void pagesWorkFromTheKeyboard()
    {
        RolesPage roles(m_client.get());
        AppsPage apps(m_client.get());
        UsersPage users(m_client.get());
        LookupsPage lookups(m_client.get());
        LimitsPage limits(m_client.get());
        for (QWidget *page : std::initializer_list<QWidget *>{&roles, &apps, &users, &lookups, &limits}) {
            ConsoleChecks::verifyAccessible(page);
            if (QTest::currentTestFailed())
                return;
        }
        users.show();
        QVERIFY(QTest::qWaitForWindowExposed(&users));
        QSignalSpy refreshed(&users, &UsersPage::refreshed);
        users.refresh();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(users.selectUser(QStringLiteral("carla@example.com")));
        users.activateWindow();
        users.list()->view()->setFocus();
        // Ctrl+N opens a new user's form; Escape closes it.
        QTest::keyClick(users.list()->view(), Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(users.editor());
        QCOMPARE(users.editor()->windowTitle(), QStringLiteral("New user"));
        users.editor()->close();
        QTRY_VERIFY(!users.editor());
        // Delete asks first; Escape (the default answer) keeps the user.
        users.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&users));
        users.list()->view()->setFocus();
        QTest::keyClick(users.list()->view(), Qt::Key_Delete);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = users.findChild<QMessageBox *>(QStringLiteral("confirmation"))));
        QVERIFY(box->defaultButton() != box->findChild<QPushButton *>(QStringLiteral("confirm")));
        QTest::keyClick(box, Qt::Key_Escape);
        QTest::qWait(50);
        const TestResponse still =
            m_server->admin("GET", QStringLiteral("/api/v2/system/user?filter=email%3D'carla@example.com'"));
        QCOMPARE(still.json["resource"].size(), size_t(1));
        // Enter on a row opens its form.
        users.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&users));
        users.list()->view()->setFocus();
        QTest::keyClick(users.list()->view(), Qt::Key_Return);
        QTRY_VERIFY(users.editor());
        QCOMPARE(users.editor()->windowTitle(), QStringLiteral("Edit user"));
    }

    void deleteAsksThenDeletes()
    {
        const qint64 role = m_server->createRole(QStringLiteral("doomed_role"), Json::array());
        QVERIFY(role > 0);
        QVERIFY(!m_server->createAppKey(QStringLiteral("doomed_app"), role).isEmpty());
        QVERIFY(m_server->createUser(QStringLiteral("doomed@example.com"), QStringLiteral("Doomed-Passw0rd"),
                                     Json{{"name", "Doomed"}}) > 0);
        QCOMPARE(m_server
                     ->admin("POST", QStringLiteral("/api/v2/system/limit"),
                             Json{{"resource",
                                   {{{"name", "doomed_limit"},
                                     {"type", "instance"},
                                     {"rate", 5},
                                     {"period", "hour"}}}}})
                     .status,
                 201);
        auto exists = [&](const QString &resource, const QString &field, const QString &value) {
            return !m_server
                        ->admin("GET", QStringLiteral("/api/v2/system/") + resource +
                                           QStringLiteral("?filter=") + field + QStringLiteral("%3D'") +
                                           value + QLatin1Char('\''))
                        .json["resource"]
                        .empty();
        };
        // Each page: select, Delete, the question, confirm, gone.
        auto run = [&](ConsolePage *page, auto select, const QString &resource, const QString &field,
                       const QString &value) {
            QSignalSpy refreshed(page, &ConsolePage::refreshed);
            page->refresh();
            QVERIFY(refreshed.wait(10000));
            QVERIFY(select(value));
            QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("delete")), Qt::LeftButton);
            QVERIFY(exists(resource, field, value)); // nothing happens before the answer
            QVERIFY(confirm(page));
            QTRY_VERIFY_WITH_TIMEOUT(!exists(resource, field, value), 10000);
        };
        AppsPage apps(m_client.get());
        run(
            &apps, [&](const QString &v) { return apps.selectApp(v); }, QStringLiteral("app"),
            QStringLiteral("name"), QStringLiteral("doomed_app"));
        RolesPage roles(m_client.get());
        run(
            &roles, [&](const QString &v) { return roles.selectRole(v); }, QStringLiteral("role"),
            QStringLiteral("name"), QStringLiteral("doomed_role"));
        UsersPage users(m_client.get());
        users.list()->searchField()->setText(QStringLiteral("doomed"));
        run(
            &users, [&](const QString &v) { return users.selectUser(v); }, QStringLiteral("user"),
            QStringLiteral("email"), QStringLiteral("doomed@example.com"));
        LimitsPage limits(m_client.get());
        run(
            &limits, [&](const QString &v) { return limits.selectLimit(v); }, QStringLiteral("limit"),
            QStringLiteral("name"), QStringLiteral("doomed_limit"));
    }

    void listsPageThroughThousandsOfRecords()
    {
        // 450 users: the list loads a first page and the rest as it is scrolled.
        Json batch = Json::array();
        for (int i = 0; i < 450; ++i)
            batch.push_back(
                Json{{"email", QStringLiteral("bulk%1@example.com").arg(i, 4, 10, QLatin1Char('0'))},
                     {"name", QStringLiteral("Bulk %1").arg(i)}});
        const TestResponse created =
            m_server->admin("POST", QStringLiteral("/api/v2/system/user"), Json{{"resource", batch}});
        QVERIFY2(created.status == 201 || created.status == 200, created.describe().constData());
        UsersPage page(m_client.get());
        page.resize(600, 400);
        page.show();
        QSignalSpy refreshed(&page, &UsersPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        PagedRecordList *list = page.list();
        QVERIFY2(list->total() >= 450, qPrintable(QString::number(list->total())));
        QVERIFY(list->model()->rowCount() < list->total());
        QVERIFY(list->hasMore());
        for (int i = 0; i < 20 && list->hasMore(); ++i) {
            QSignalSpy page2(list, &PagedRecordList::pageLoaded);
            list->view()->scrollToBottom();
            QVERIFY(page2.wait(10000));
        }
        QCOMPARE(list->model()->rowCount(), list->total());

        // The search field narrows the list on the server.
        QSignalSpy searched(list, &PagedRecordList::pageLoaded);
        QTest::keyClicks(list->searchField(), QStringLiteral("bulk0042"));
        QVERIFY(searched.wait(10000));
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->total(), 1);
        QCOMPARE(list->currentRecord().value(QLatin1String("email")).toString(),
                 QStringLiteral("bulk0042@example.com"));
        // A quote in the text is a character to look for, not a broken filter.
        searched.clear();
        list->searchField()->setText(QStringLiteral("o'brien"));
        QVERIFY(searched.wait(10000));
        QVERIFY2(searched.first().first().value<ApiReply>().ok(), qPrintable(page.messageBar()->text()));
        QCOMPARE(list->model()->rowCount(), 0);
    }

private:
    QString m_portalKey;
};

QTEST_MAIN(TestAccessPages)
#include "tst_accesspages.moc"
