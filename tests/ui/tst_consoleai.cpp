// The console's AI and API docs pages against the real engine in-process (TestServer with the
// demo database, reached only over HTTP through GatehouseClient) and the mock LLM provider: AI
// connections from a preset with a health check, model aliases, budgets with their spend and
// month-end projection, usage per connection, and the API docs browser with "Try it".
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

#include "AiAliasDialog.h"
#include "AiBudgetDialog.h"
#include "AiConnectionDialog.h"
#include "AiPage.h"
#include "AiProviderPreset.h"
#include "ApiDocsPage.h"
#include "BudgetProjection.h"
#include "ConsoleChecks.h"
#include "JsonTableModel.h"
#include "KeyValueTable.h"
#include "MainWindow.h"
#include "MockProvider.h"
#include "TestServer.h"
#include "TryItPanel.h"
#include "client/GatehouseClient.h"
#include "store/AiUsageLog.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

qint64 idOfNamed(const QJsonArray &rows, const char *key, const QString &value)
{
    for (const QJsonValue &row : rows)
        if (row.toObject().value(QLatin1String(key)).toString() == value)
            return row.toObject().value(QLatin1String("id")).toVariant().toLongLong();
    return 0;
}

QDateTime utc(int year, int month, int day, int hour = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), QTimeZone::utc());
}
} // namespace

class TestConsoleAi : public QObject
{
    Q_OBJECT

    MockProvider m_mock;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;

    bool refreshPage(ConsolePage *page)
    {
        QSignalSpy refreshed(page, &ConsolePage::refreshed);
        page->refresh();
        return refreshed.wait(20000);
    }

    bool flushUsage()
    {
        bool done = false, ok = false;
        m_server->engine().aiUsageLog()->flush([&](bool result) {
            ok = result;
            done = true;
        });
        for (int i = 0; i < 300 && !done; ++i)
            QTest::qWait(100);
        return done && ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_mock.start(), qPrintable(m_mock.errorString()));
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<GatehouseClient>(QUrl(m_server->baseUrl()));
        bool answered = false;
        ApiReply reply;
        m_client->signInWithPassword(QString::fromLatin1(TestServer::kAdminEmail),
                                     QString::fromLatin1(TestServer::kAdminPassword), this,
                                     [&](const ApiReply &r, const AdminSession &) {
                                         reply = r;
                                         answered = true;
                                     });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
        QVERIFY2(reply.ok(), qPrintable(reply.describeError()));
    }

    void projectionIsLinearOverTheMonth()
    {
        const QDateTime start = utc(2026, 11, 1), end = utc(2026, 12, 1);
        // 10 of 30 days gone, 10 spent: 30 by the end of the month.
        auto projected = BudgetProjection::linear(10.0, start, end, utc(2026, 11, 11));
        QVERIFY(projected);
        QVERIFY(qFuzzyCompare(*projected, 30.0));
        // Half a day into November, 1.5 spent: 1.5 × 60 half-days.
        projected = BudgetProjection::linear(1.5, start, end, utc(2026, 11, 1, 12));
        QVERIFY(projected);
        QVERIFY(qFuzzyCompare(*projected, 90.0));
        // Nothing spent projects nothing.
        QCOMPARE(*BudgetProjection::linear(0, start, end, utc(2026, 11, 20)), 0.0);
        // The last moment of the period projects what was spent.
        QVERIFY(qFuzzyCompare(*BudgetProjection::linear(42, start, end, end), 42.0));
        // Too early, outside the period, or no period: nothing.
        QVERIFY(!BudgetProjection::linear(5, start, end, start.addSecs(1800)));
        QVERIFY(!BudgetProjection::linear(5, start, end, start.addDays(-1)));
        QVERIFY(!BudgetProjection::linear(5, start, end, end.addSecs(1)));
        QVERIFY(!BudgetProjection::linear(5, start, start, start));
        QVERIFY(!BudgetProjection::linear(5, QDateTime(), end, utc(2026, 11, 11)));
        // The engine's time format, read as UTC.
        QCOMPARE(BudgetProjection::parseTime(QStringLiteral("2026-11-01 00:00:00.000")), start);
        QCOMPARE(BudgetProjection::parseTime(QStringLiteral("2026-12-01 00:00:00")), end);
        QVERIFY(!BudgetProjection::parseTime(QStringLiteral("soon")).isValid());
    }

    void presetsFillTheForm()
    {
        AiPage page(m_client.get());
        QVERIFY(refreshPage(&page));
        AiConnectionDialog *dialog = page.newConnection();
        QVERIFY(dialog);
        ConsoleChecks::verifyAccessible(dialog);
        auto *provider = child<QComboBox>(dialog, QStringLiteral("provider"));
        auto *baseUrl = child<QLineEdit>(dialog, QStringLiteral("baseUrl"));
        auto *model = child<QLineEdit>(dialog, QStringLiteral("defaultModel"));
        auto *hint = child<QLabel>(dialog, QStringLiteral("keyHint"));
        QCOMPARE(provider->count(), AiProviderPreset::all().size());
        // Choosing a provider in the list (keyboard) applies its preset.
        provider->setFocus();
        const int ollama = provider->findData(QStringLiteral("ollama"));
        QVERIFY(ollama > 0);
        for (int i = provider->currentIndex(); i < ollama; ++i)
            QTest::keyClick(provider, Qt::Key_Down);
        QCOMPARE(provider->currentData().toString(), QStringLiteral("ollama"));
        QCOMPARE(baseUrl->text(), QStringLiteral("http://127.0.0.1:11434"));
        QCOMPARE(model->text(), QStringLiteral("llama3.2"));
        QVERIFY2(hint->text().contains(QStringLiteral("no API key")), qPrintable(hint->text()));
        dialog->applyPreset(QStringLiteral("anthropic"));
        QCOMPARE(baseUrl->text(), QStringLiteral("https://api.anthropic.com/v1"));
        QVERIFY2(hint->text().contains(QStringLiteral("needs an API key")), qPrintable(hint->text()));
        // Validation happens before anything is sent: no name, no key.
        QSignalSpy saved(dialog, &AiConnectionDialog::saved);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(dialog->errorText().contains(QStringLiteral("Enter a name")));
        QVERIFY(dialog->errorText().contains(QStringLiteral("Enter the API key")));
        dialog->applyPreset(QStringLiteral("openai_compatible"));
        baseUrl->setText(QStringLiteral("ftp://models.example"));
        QVERIFY(dialog->validate().join(QLatin1Char(' ')).contains(QStringLiteral("http://")));
        QCOMPARE(saved.count(), 0);
        dialog->close();
    }

    void createConnectionAndCheckHealth()
    {
        AiPage page(m_client.get());
        page.show();
        QVERIFY(refreshPage(&page));
        AiConnectionDialog *dialog = page.newConnection();
        QPointer<AiConnectionDialog> dialogGuard(dialog);
        dialog->applyPreset(QStringLiteral("openai"));
        QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("baseUrl"))->text(),
                 QStringLiteral("https://api.openai.com/v1"));
        QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("defaultModel"))->text(),
                 QStringLiteral("gpt-4o-mini"));
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("name")), QStringLiteral("mockgpt"));
        // The mock provider stands in for api.openai.com.
        child<QLineEdit>(dialog, QStringLiteral("baseUrl"))
            ->setText(m_mock.baseUrl() + QStringLiteral("/openai/v1"));
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("apiKey")),
                         QLatin1String(MockProvider::kApiKey));
        child<QDoubleSpinBox>(dialog, QStringLiteral("inputPrice"))->setValue(1.0);
        child<QDoubleSpinBox>(dialog, QStringLiteral("outputPrice"))->setValue(2.0);
        child<QSpinBox>(dialog, QStringLiteral("rpmLimit"))->setValue(600);
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        QVERIFY(!dialogGuard); // saved, closed and gone
        QVERIFY(idOfNamed(page.connections(), "name", QStringLiteral("mockgpt")) > 0);

        // Stored as typed, the key kept secret.
        const TestResponse stored =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D'mockgpt'&fields=*"));
        QCOMPARE(stored.status, 200);
        const Json config = stored.json.at("resource").at(0).at("config");
        QCOMPARE(config.at("provider").get<std::string>(), std::string("openai"));
        QCOMPARE(config.at("default_model").get<std::string>(), std::string("gpt-4o-mini"));
        QCOMPARE(config.at("api_key").get<std::string>(), std::string("**********"));
        QCOMPARE(config.at("rpm_limit").dump(), std::string("600"));

        // Health check: select the connection, press the button; the mock answers.
        for (int tab = 0; tab < page.tabs()->count(); ++tab)
            ConsoleChecks::verifyAccessible(page.tabs()->widget(tab));
        auto *view = child<QTableView>(&page, QStringLiteral("connections"));
        const int row = int(std::find_if(page.connections().begin(), page.connections().end(),
                                         [](const QJsonValue &v) {
                                             return v.toObject().value(QLatin1String("name")).toString() ==
                                                    QLatin1String("mockgpt");
                                         }) -
                            page.connections().begin());
        view->setCurrentIndex(view->model()->index(row, 0));
        QSignalSpy checked(&page, &AiPage::healthChecked);
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("healthCheck")), Qt::LeftButton);
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), true);
        QVERIFY2(page.healthText().contains(QStringLiteral("is healthy")), qPrintable(page.healthText()));
        QVERIFY(page.healthText().contains(QStringLiteral("openai")));

        // A connection whose key the provider refuses: plain words and the request id.
        QVERIFY(m_server->createService(Json{
                    {"name", "badkey"},
                    {"type", "ai"},
                    {"config",
                     {{"provider", "openai"},
                      {"base_url", QString(m_mock.baseUrl() + QStringLiteral("/openai/v1")).toStdString()},
                      {"api_key", "not-the-key"},
                      {"max_retries", 0}}}}) > 0);
        QVERIFY(refreshPage(&page));
        checked.clear();
        page.checkHealth(QStringLiteral("badkey"));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), false);
        const QString text = page.healthText();
        QVERIFY2(text.contains(QStringLiteral("\"badkey\" is not healthy")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("401")), qPrintable(text));
        const QRegularExpression requestId(QStringLiteral("\\(request ([^)]+)\\)$"));
        const auto match = requestId.match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        QVERIFY(!match.captured(1).trimmed().isEmpty());

        // Editing keeps the stored key when the mask is left alone, and config the form lacks.
        QVERIFY(m_server
                    ->admin("PATCH",
                            QStringLiteral("/api/v2/system/service/%1")
                                .arg(idOfNamed(page.connections(), "name", QStringLiteral("mockgpt"))),
                            Json{{"config", {{"system_prompt", "Be brief."}}}})
                    .status == 200);
        QVERIFY(refreshPage(&page));
        AiConnectionDialog *edit = page.editConnection(QStringLiteral("mockgpt"));
        QVERIFY(edit);
        QCOMPARE(child<QLineEdit>(edit, QStringLiteral("apiKey"))->text(), QStringLiteral("**********"));
        QVERIFY(child<QLineEdit>(edit, QStringLiteral("name"))->isReadOnly());
        child<QLineEdit>(edit, QStringLiteral("label"))->setText(QStringLiteral("Mock GPT"));
        refreshed.clear();
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        const TestResponse after =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service?filter=name%3D'mockgpt'&fields=*"));
        QCOMPARE(after.json.at("resource").at(0).at("label").get<std::string>(), std::string("Mock GPT"));
        QCOMPARE(after.json.at("resource").at(0).at("config").at("system_prompt").get<std::string>(),
                 std::string("Be brief."));
        checked.clear();
        page.checkHealth(QStringLiteral("mockgpt"));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), true); // the key survived the edit
    }

    void aliasCrud()
    {
        AiPage page(m_client.get());
        page.show();
        QVERIFY(refreshPage(&page));
        AiAliasDialog *dialog = page.newAlias();
        ConsoleChecks::verifyAccessible(dialog);
        QSignalSpy saved(dialog, &AiAliasDialog::saved);
        // A bad alias is refused before sending.
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("alias")), QStringLiteral("not valid!"));
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("model")), QStringLiteral("gpt-4o-mini"));
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(!dialog->errorText().isEmpty());
        QCOMPARE(saved.count(), 0);
        child<QLineEdit>(dialog, QStringLiteral("alias"))->setText(QStringLiteral("fast"));
        auto *service = child<QComboBox>(dialog, QStringLiteral("service"));
        service->setCurrentIndex(service->findText(QStringLiteral("mockgpt")));
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(saved.count(), 1);
        const qint64 id = idOfNamed(page.aliases(), "alias", QStringLiteral("fast"));
        QVERIFY(id > 0);
        QJsonObject row;
        for (const QJsonValue &value : page.aliases())
            if (value.toObject().value(QLatin1String("id")).toVariant().toLongLong() == id)
                row = value.toObject();
        QCOMPARE(row.value(QLatin1String("service_name")).toString(), QStringLiteral("mockgpt"));
        QCOMPARE(row.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));

        // Edit: the model changes on the server.
        AiAliasDialog *edit = page.editAlias(id);
        QCOMPARE(child<QLineEdit>(edit, QStringLiteral("alias"))->text(), QStringLiteral("fast"));
        child<QLineEdit>(edit, QStringLiteral("model"))->setText(QStringLiteral("gpt-4.1-nano"));
        refreshed.clear();
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        TestResponse stored = m_server->admin("GET", QStringLiteral("/api/v2/system/ai_alias/%1").arg(id));
        QCOMPARE(stored.json.at("model").get<std::string>(), std::string("gpt-4.1-nano"));

        // A duplicate alias: the server's message stays in the dialog.
        AiAliasDialog *duplicate = page.newAlias();
        child<QLineEdit>(duplicate, QStringLiteral("alias"))->setText(QStringLiteral("fast"));
        child<QLineEdit>(duplicate, QStringLiteral("model"))->setText(QStringLiteral("x"));
        QTest::mouseClick(child<QPushButton>(duplicate, QStringLiteral("save")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!duplicate->errorText().isEmpty(), 20000);
        QVERIFY2(duplicate->errorText().contains(QStringLiteral("request")),
                 qPrintable(duplicate->errorText()));
        duplicate->close();

        // Delete.
        refreshed.clear();
        page.removeAlias(id);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(idOfNamed(page.aliases(), "alias", QStringLiteral("fast")), 0);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/system/ai_alias/%1").arg(id)).status, 404);
    }

    void budgetShowsSpendAndProjection()
    {
        // Spend on the connection: one chat call through the gateway.
        const TestResponse chat = m_server->admin(
            "POST", QStringLiteral("/api/v2/mockgpt/chat"),
            Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "Hello there"}}})}});
        QVERIFY2(chat.status == 200, chat.describe().constData());
        const double cost = chat.json.at("cost").get<double>();
        QVERIFY2(cost > 0, chat.describe().constData());
        QVERIFY(flushUsage());

        AiPage page(m_client.get());
        page.show();
        QVERIFY(refreshPage(&page));
        AiBudgetDialog *dialog = page.newBudget();
        QPointer<AiBudgetDialog> dialogGuard(dialog);
        ConsoleChecks::verifyAccessible(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("name")), QStringLiteral("gpt monthly"));
        auto *dimension = child<QComboBox>(dialog, QStringLiteral("dimension"));
        QSignalSpy targets(dialog, &AiBudgetDialog::targetsLoaded);
        dimension->setCurrentIndex(dimension->findData(QStringLiteral("service")));
        QVERIFY(targets.wait(20000));
        auto *target = child<QComboBox>(dialog, QStringLiteral("target"));
        QVERIFY(target->findText(QStringLiteral("mockgpt")) >= 0);
        QCOMPARE(target->findText(QStringLiteral("demo")), -1); // AI connections only
        target->setCurrentIndex(target->findText(QStringLiteral("mockgpt")));
        auto *period = child<QComboBox>(dialog, QStringLiteral("period"));
        period->setCurrentIndex(period->findData(QStringLiteral("monthly")));
        // A limit of 0 and a bad webhook are refused before sending.
        child<QLineEdit>(dialog, QStringLiteral("webhook"))->setText(QStringLiteral("mailto:x@example.org"));
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(dialog->errorText().contains(QStringLiteral("greater than 0")));
        QVERIFY(dialog->errorText().contains(QStringLiteral("webhook")));
        child<QLineEdit>(dialog, QStringLiteral("webhook"))->clear();
        const double limit = cost * 4;
        child<QDoubleSpinBox>(dialog, QStringLiteral("limit"))->setDecimals(6);
        child<QDoubleSpinBox>(dialog, QStringLiteral("limit"))->setValue(limit);
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        const qint64 id = idOfNamed(page.budgets(), "name", QStringLiteral("gpt monthly"));
        QVERIFY(!dialogGuard);
        QVERIFY(id > 0);

        // The engine reports the period's spend: the chat call's cost.
        const TestResponse spend = m_server->admin("GET", QStringLiteral("/api/v2/system/ai_budget/_spend"));
        QVERIFY2(spend.status == 200, spend.describe().constData());
        Json entry;
        for (const Json &row : spend.json.at("resource"))
            if (row.at("id").get<qint64>() == id)
                entry = row;
        QVERIFY(entry.is_object());
        QVERIFY2(qAbs(entry.at("spent").get<double>() - cost) < 1e-9, entry.dump().c_str());
        QVERIFY(qAbs(entry.at("utilisation").get<double>() - 0.25) < 1e-6);
        QCOMPARE(entry.at("period").get<std::string>(), std::string("monthly"));
        QVERIFY(spend.json.contains("as_of"));

        // The page: a progress bar at a quarter, and the projection from the same numbers.
        QJsonObject budget;
        int row = -1;
        for (int i = 0; i < page.budgets().size(); ++i)
            if (page.budgets().at(i).toObject().value(QLatin1String("id")).toVariant().toLongLong() == id) {
                budget = page.budgets().at(i).toObject();
                row = i;
            }
        QVERIFY(row >= 0);
        auto *bar = child<QProgressBar>(&page, QStringLiteral("spend:gpt monthly"));
        QVERIFY(bar);
        QCOMPARE(bar->value(), 250);
        QVERIFY2(bar->text().contains(QStringLiteral("25")), qPrintable(bar->text()));
        QCOMPARE(page.budgetTable()->item(row, 1)->text(), QStringLiteral("Connection mockgpt"));
        const QDateTime asOf =
            BudgetProjection::parseTime(QString::fromStdString(spend.json.at("as_of").get<std::string>()));
        const auto projected = BudgetProjection::linear(
            budget.value(QLatin1String("spent")).toDouble(),
            BudgetProjection::parseTime(budget.value(QLatin1String("period_start")).toString()),
            BudgetProjection::parseTime(budget.value(QLatin1String("period_end")).toString()), asOf);
        const QString cell = page.budgetTable()->item(row, 4)->text();
        if (projected)
            QCOMPARE(cell, QLocale().toString(*projected, 'f', 2));
        else
            QCOMPARE(cell, QStringLiteral("—")); // the first hour of a month

        // A daily role budget: no projection, nothing spent.
        const qint64 roleId = m_server->createRole(QStringLiteral("budgeted"), Json::array());
        QVERIFY(m_server
                    ->admin("POST", QStringLiteral("/api/v2/system/ai_budget"),
                            Json{{"resource", Json::array({Json{{"name", "team daily"},
                                                                {"dimension", "role"},
                                                                {"target_id", roleId},
                                                                {"period", "daily"},
                                                                {"limit_amount", 5},
                                                                {"hard_stop", false}}})}})
                    .status == 201);
        QVERIFY(refreshPage(&page));
        const qint64 teamId = idOfNamed(page.budgets(), "name", QStringLiteral("team daily"));
        QVERIFY(teamId > 0);
        for (int i = 0; i < page.budgets().size(); ++i)
            if (page.budgets().at(i).toObject().value(QLatin1String("id")).toVariant().toLongLong() ==
                teamId) {
                QCOMPARE(page.budgetTable()->item(i, 4)->text(), QStringLiteral("—"));
                QCOMPARE(page.budgetTable()->item(i, 5)->text(), QStringLiteral("alert only"));
                QCOMPARE(page.budgetTable()->item(i, 1)->text(), QStringLiteral("Role budgeted"));
            }
        QCOMPARE(child<QProgressBar>(&page, QStringLiteral("spend:team daily"))->value(), 0);

        // Edit through the dialog, then delete.
        AiBudgetDialog *edit = page.editBudget(teamId);
        QSignalSpy editTargets(edit, &AiBudgetDialog::targetsLoaded);
        QVERIFY(editTargets.count() > 0 || editTargets.wait(20000));
        QCOMPARE(child<QComboBox>(edit, QStringLiteral("target"))->currentText(), QStringLiteral("budgeted"));
        child<QDoubleSpinBox>(edit, QStringLiteral("limit"))->setValue(7);
        refreshed.clear();
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/system/ai_budget/%1").arg(teamId))
                     .json.at("limit_amount")
                     .get<double>(),
                 7.0);
        refreshed.clear();
        page.removeBudget(teamId);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(idOfNamed(page.budgets(), "name", QStringLiteral("team daily")), 0);
    }

    void usagePerConnection()
    {
        AiPage page(m_client.get());
        page.show();
        QVERIFY(refreshPage(&page));
        auto *connection = child<QComboBox>(&page, QStringLiteral("usageConnection"));
        connection->setCurrentIndex(connection->findText(QStringLiteral("mockgpt")));
        // Opening the tab loads the chosen connection's usage.
        QSignalSpy loaded(&page, &AiPage::usageLoaded);
        page.tabs()->setCurrentIndex(3);
        QVERIFY(loaded.wait(20000));
        QVERIFY2(page.usageText().contains(QStringLiteral("Requests: 1 ")), qPrintable(page.usageText()));
        loaded.clear();
        QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("loadUsage")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QVERIFY2(page.usageText().contains(QStringLiteral("Requests: 1 ")), qPrintable(page.usageText()));
        QCOMPARE(page.usageByModel()->rowCount(), 1);
        QCOMPARE(page.usageByModel()->record(0).value(QLatin1String("model")).toString(),
                 QStringLiteral("gpt-4o-mini"));
        // An unused connection: zero.
        connection->setCurrentIndex(connection->findText(QStringLiteral("badkey")));
        loaded.clear();
        page.loadUsage();
        QVERIFY(loaded.wait(20000));
        QVERIFY2(page.usageText().contains(QStringLiteral("Requests: 0 ")), qPrintable(page.usageText()));
    }

    void apiDocsBrowseAndTryIt()
    {
        ApiDocsPage page(m_client.get());
        page.show();
        QVERIFY(refreshPage(&page));
        ConsoleChecks::verifyAccessible(&page);
        QListWidgetItem *demo = nullptr;
        for (int i = 0; i < page.serviceList()->count(); ++i)
            if (page.serviceList()->item(i)->data(Qt::UserRole).toString() == QLatin1String("demo"))
                demo = page.serviceList()->item(i);
        QVERIFY(demo);
        QSignalSpy loaded(&page, &ApiDocsPage::documentLoaded);
        page.serviceList()->setCurrentItem(demo);
        QVERIFY(loaded.wait(20000));
        QVERIFY(page.document()
                    .value(QLatin1String("paths"))
                    .toObject()
                    .contains(QStringLiteral("/_table/{table_name}")));
        QVERIFY(page.operationTree()->topLevelItemCount() > 3);
        QVERIFY(page.selectOperation(QStringLiteral("get"), QStringLiteral("/_table/{table_name}")));
        const QString details = page.detailsText();
        QVERIFY2(details.contains(QStringLiteral("Parameters")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("filter")), qPrintable(details));
        // POST shows the request body schema.
        QVERIFY(page.selectOperation(QStringLiteral("post"), QStringLiteral("/_table/{table_name}")));
        QVERIFY2(page.detailsText().contains(QStringLiteral("Request body")), qPrintable(page.detailsText()));
        QVERIFY(page.selectOperation(QStringLiteral("get"), QStringLiteral("/_table/{table_name}")));

        TryItPanel *tryIt = page.tryIt();
        auto *path = child<QLineEdit>(tryIt, QStringLiteral("tryPath"));
        QCOMPARE(path->text(), QStringLiteral("demo/_table/{table_name}"));
        QCOMPARE(child<QComboBox>(tryIt, QStringLiteral("tryMethod"))->currentText(), QStringLiteral("GET"));
        // A placeholder left in the path is caught before sending.
        QTest::mouseClick(child<QPushButton>(tryIt, QStringLiteral("trySend")), Qt::LeftButton);
        QVERIFY(tryIt->statusText().contains(QStringLiteral("placeholders")));

        path->setText(QStringLiteral("demo/_table/customers"));
        // Query parameters from the table: limit=2.
        auto *query = child<KeyValueTable>(tryIt, QStringLiteral("tryQuery"));
        QTableWidget *table = query->table();
        for (int i = 0; i < table->rowCount(); ++i)
            if (table->item(i, 0)->text() == QLatin1String("limit"))
                table->item(i, 1)->setText(QStringLiteral("2"));
        QSignalSpy finished(tryIt, &TryItPanel::finished);
        QTest::mouseClick(child<QPushButton>(tryIt, QStringLiteral("trySend")), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY2(tryIt->statusText().startsWith(QStringLiteral("Status 200")),
                 qPrintable(tryIt->statusText()));
        QVERIFY(tryIt->requestIdText().startsWith(QStringLiteral("Request id: ")));
        QVERIFY(tryIt->requestIdText().size() > 12);
        const QString response = tryIt->responseText();
        QVERIFY2(response.contains(QStringLiteral("\"resource\": [")), qPrintable(response.left(500)));
        const QJsonArray records =
            QJsonDocument::fromJson(response.toUtf8()).object().value(QLatin1String("resource")).toArray();
        QCOMPARE(records.size(), 2);
        QVERIFY(records.first().toObject().contains(QStringLiteral("id")));

        // A bad request: the error status and the server's message.
        path->setText(QStringLiteral("demo/_table/customers?filter=((id"));
        finished.clear();
        QTest::mouseClick(child<QPushButton>(tryIt, QStringLiteral("trySend")), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY2(tryIt->statusText().startsWith(QStringLiteral("Status 400")),
                 qPrintable(tryIt->statusText()));
        QVERIFY2(tryIt->responseText().contains(QStringLiteral("\"error\"")),
                 qPrintable(tryIt->responseText()));
        QVERIFY(!tryIt->requestIdText().isEmpty());
        path->setText(QStringLiteral("demo/_table/no_such_table"));
        finished.clear();
        tryIt->send();
        QVERIFY(finished.wait(20000));
        QVERIFY2(tryIt->statusText().startsWith(QStringLiteral("Status 404")),
                 qPrintable(tryIt->statusText()));

        // Answers that are not JSON (a scripted or rws service may send them): text as it came,
        // bytes described.
        QVERIFY(m_server->createService(
            Json{{"name", "csv_feed"},
                 {"type", "script"},
                 {"config",
                  {{"content", "return {status_code: 200, headers: {'Content-Type': 'text/csv'}, "
                               "content: 'id,name\\n1,Ada\\n'};"}}}}));
        QVERIFY(m_server->createService(
            Json{{"name", "blob_feed"},
                 {"type", "script"},
                 {"config",
                  {{"content", "return {status_code: 200, headers: {'Content-Type': "
                               "'application/octet-stream'}, content: 'a\\u0000b'};"}}}}));
        path->setText(QStringLiteral("csv_feed"));
        finished.clear();
        tryIt->send();
        QVERIFY(finished.wait(20000));
        QVERIFY2(tryIt->statusText().startsWith(QStringLiteral("Status 200")),
                 qPrintable(tryIt->statusText()));
        QCOMPARE(tryIt->responseText(), QStringLiteral("id,name\n1,Ada\n"));
        path->setText(QStringLiteral("blob_feed"));
        finished.clear();
        tryIt->send();
        QVERIFY(finished.wait(20000));
        QCOMPARE(tryIt->responseText(),
                 QStringLiteral("(A binary answer: 3 byte(s) of application/octet-stream.)"));

        // A body that is not JSON is refused before sending.
        child<QComboBox>(tryIt, QStringLiteral("tryMethod"))->setCurrentText(QStringLiteral("POST"));
        child<QPlainTextEdit>(tryIt, QStringLiteral("tryBody"))
            ->setPlainText(QStringLiteral("{\"resource\": ["));
        tryIt->send();
        QVERIFY(!tryIt->isBusy());
        QVERIFY2(tryIt->statusText().contains(QStringLiteral("not valid JSON")),
                 qPrintable(tryIt->statusText()));

        // Cancel while in flight: nothing is shown afterwards, the panel is free again.
        child<QPlainTextEdit>(tryIt, QStringLiteral("tryBody"))->clear();
        child<QComboBox>(tryIt, QStringLiteral("tryMethod"))->setCurrentText(QStringLiteral("GET"));
        path->setText(QStringLiteral("demo/_table/customers"));
        finished.clear();
        tryIt->send();
        QVERIFY(tryIt->isBusy());
        QVERIFY(child<QPushButton>(tryIt, QStringLiteral("tryCancel"))->isEnabled());
        QTest::mouseClick(child<QPushButton>(tryIt, QStringLiteral("tryCancel")), Qt::LeftButton);
        QVERIFY(!tryIt->isBusy());
        QCOMPARE(finished.count(), 1);
        QVERIFY(tryIt->statusText().startsWith(QStringLiteral("Cancelled")));
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        QVERIFY(tryIt->responseText().isEmpty());

        // Expanded: one path per table.
        loaded.clear();
        page.expandTables()->setChecked(true);
        QVERIFY(loaded.wait(20000));
        const QJsonObject expanded = page.document().value(QLatin1String("paths")).toObject();
        QVERIFY(expanded.contains(QStringLiteral("/_table/customers")));
        QVERIFY(!expanded.contains(QStringLiteral("/_table/{table_name}")));
        QVERIFY(page.selectOperation(QStringLiteral("get"), QStringLiteral("/_table/customers")));
        QCOMPARE(path->text(), QStringLiteral("demo/_table/customers"));
        page.expandTables()->setChecked(false);
        QVERIFY(loaded.wait(20000));

        // An AI connection documents itself too.
        loaded.clear();
        page.loadService(QStringLiteral("mockgpt"));
        QVERIFY(loaded.wait(20000));
        QVERIFY(page.document().value(QLatin1String("paths")).toObject().contains(QStringLiteral("/health")));
    }

    void pagesAreInTheMainWindow()
    {
        MainWindow window;
        window.connectToEngine(m_client.get(), QString());
        QVERIFY(window.page<AiPage>());
        QVERIFY(window.page<ApiDocsPage>());
        QCOMPARE(window.page<AiPage>()->iconName(), QStringLiteral("ai"));
        QCOMPARE(window.page<ApiDocsPage>()->iconName(), QStringLiteral("docs"));
        QVERIFY(!window.page<AiPage>()->icon().isNull());
    }
};

QTEST_MAIN(TestConsoleAi)
#include "tst_consoleai.moc"
