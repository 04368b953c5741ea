// The console's Dashboard and Logs pages against the real engine in-process (TestServer,
// reached only over HTTP through GatehouseClient): requests made here show up counted on the
// dashboard and listed in the Audit tab, AI logs page on demand, CSV export writes exactly what
// the filter matches (and can be cancelled), and the live tail shows new engine log lines.
#include <spdlog/spdlog.h>

#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "ConsoleChecks.h"
#include "CsvExporter.h"
#include "DashboardPage.h"
#include "LiveTailTab.h"
#include "LogTableTab.h"
#include "LogsPage.h"
#include "MessageBar.h"
#include "TestServer.h"
#include "client/GatehouseClient.h"
#include "store/AiPromptLog.h"
#include "store/AiPromptRecord.h"
#include "store/AiUsageLog.h"
#include "store/AiUsageRecord.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

template <typename Log>
bool flushLog(Log *log)
{
    bool ok = false;
    bool finished = false;
    QEventLoop loop;
    log->flush([&](bool result) {
        ok = result;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return ok;
}

int rowWith(const JsonTableModel *model, const QString &key, const QString &value)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (JsonTableModel::displayText(JsonTableModel::valueAt(model->record(row), key)) == value)
            return row;
    return -1;
}

QStringList readLines(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    QStringList lines = text.split(QStringLiteral("\r\n"));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}
} // namespace

class TestConsoleObserve : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;
    QTemporaryDir m_dir;

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

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 25; ++i) {
            AiUsageRecord record;
            record.timeMs = now - 1000 * (25 - i);
            record.requestId = QStringLiteral("usage-%1").arg(i);
            record.serviceName = QStringLiteral("llm");
            record.model = i % 5 == 0 ? QStringLiteral("model-b") : QStringLiteral("model-a");
            record.inputTokens = 100;
            record.outputTokens = 10;
            record.cost = 0.25;
            m_server->engine().aiUsageLog()->record(record);
        }
        QVERIFY(flushLog(m_server->engine().aiUsageLog()));
        AiPromptRecord prompt;
        prompt.timeMs = now;
        prompt.requestId = QStringLiteral("prompt-quoted");
        prompt.model = QStringLiteral("model-a");
        prompt.prompt = QStringLiteral("Say \"hi\", then\nstop");
        prompt.response = QStringLiteral("hi");
        m_server->engine().aiPromptLog()->record(prompt);
        QVERIFY(flushLog(m_server->engine().aiPromptLog()));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void dashboardCountsTheRequestsMade()
    {
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/products?limit=1")).status,
                     200);
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/no_such_table")).status, 404);
        QVERIFY(m_server->flushAudit());
        QCOMPARE(m_server
                     ->admin("POST", QStringLiteral("/api/v2/system/ai_budget"),
                             Json{{"resource",
                                   {{{"name", "all-ai"},
                                     {"dimension", "global"},
                                     {"period", "monthly"},
                                     {"limit_amount", 25}}}}})
                     .status,
                 201);

        DashboardPage page(m_client.get());
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        page.show();
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        ConsoleChecks::verifyAccessible(&page);
        QVERIFY2(page.messageBar()->text().isEmpty(), qPrintable(page.messageBar()->text()));
        // The top services table counts the six demo requests, one of them an error.
        auto *services = qobject_cast<JsonTableModel *>(
            child<QTableView>(&page, QStringLiteral("dashboardTopServices"))->model());
        const int demo = rowWith(services, QStringLiteral("service"), QStringLiteral("demo"));
        QVERIFY(demo >= 0);
        QCOMPARE(JsonTableModel::displayText(services->record(demo).value(QStringLiteral("requests"))),
                 QStringLiteral("6"));
        QCOMPARE(JsonTableModel::displayText(services->record(demo).value(QStringLiteral("errors"))),
                 QStringLiteral("1"));
        auto *users = qobject_cast<JsonTableModel *>(
            child<QTableView>(&page, QStringLiteral("dashboardTopUsers"))->model());
        QVERIFY(rowWith(users, QStringLiteral("user_email"), QLatin1String(TestServer::kAdminEmail)) >= 0);
        const qint64 total = page.metrics()
                                 .value(QStringLiteral("requests"))
                                 .toObject()
                                 .value(QStringLiteral("total"))
                                 .toInteger();
        QVERIFY(total >= 6);
        QCOMPARE(child<QLabel>(&page, QStringLiteral("dashboardTotal"))->text(), QLocale().toString(total));
        // AI: 25 calls at 0.25 against a budget of 25 is a quarter used.
        QCOMPARE(child<QProgressBar>(&page, QStringLiteral("budget_all-ai"))->value(), 25);
        QVERIFY(child<QWidget>(&page, QStringLiteral("dashboardTokens"))
                    ->accessibleDescription()
                    .contains(QLatin1String("model-a")));
        QVERIFY(child<QWidget>(&page, QStringLiteral("dashboardTraffic"))
                    ->accessibleDescription()
                    .contains(QStringLiteral(": %1").arg(total)));

        // Charts follow the palette: a dark one gives a dark chart background and light text.
        QPalette dark = page.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Base, QColor(0x10, 0x10, 0x10));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        page.setPalette(dark);
        auto *traffic = child<QChartView>(&page, QStringLiteral("dashboardTraffic"));
        QCOMPARE(traffic->chart()->backgroundBrush().color(), QColor(0x10, 0x10, 0x10));
        QCOMPARE(traffic->chart()->titleBrush().color(), QColor(0xee, 0xee, 0xee));
        QCOMPARE(traffic->chart()->theme(), QChart::ChartThemeDark);

        // Live while shown, paused when hidden or switched off.
        QVERIFY(page.isLive());
        child<QCheckBox>(&page, QStringLiteral("dashboardLive"))->setChecked(false);
        QVERIFY(!page.isLive());
        child<QCheckBox>(&page, QStringLiteral("dashboardLive"))->setChecked(true);
        QVERIFY(page.isLive());
        // Another range fetches again.
        child<QComboBox>(&page, QStringLiteral("dashboardRange"))->setCurrentIndex(2);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(page.metrics().value(QStringLiteral("range")).toString(), QStringLiteral("7d"));
        page.hide();
        QVERIFY(!page.isLive());
    }

    void auditTabListsAndFiltersRequests()
    {
        QCOMPARE(
            m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/products?limit=2&ui_marker=1")).status,
            200);
        QVERIFY(m_server->flushAudit());
        LogsPage page(m_client.get());
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        page.show();
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        for (QWidget *tab :
             {static_cast<QWidget *>(page.auditTab()), static_cast<QWidget *>(page.aiUsageTab()),
              static_cast<QWidget *>(page.aiPromptTab()), static_cast<QWidget *>(page.liveTailTab())})
            ConsoleChecks::verifyAccessible(tab);
        LogTableTab *audit = page.auditTab();
        QVERIFY(audit->model()->rowCount() > 0);
        QVERIFY(rowWith(audit->model(), QStringLiteral("path"), QStringLiteral("demo/_table/products")) >=
                    0 ||
                rowWith(audit->model(), QStringLiteral("service"), QStringLiteral("demo")) >= 0);

        // Only the failed demo requests: service "demo", errors.
        child<QLineEdit>(audit, QStringLiteral("auditFilter_service"))->setText(QStringLiteral("demo"));
        auto *status = child<QComboBox>(audit, QStringLiteral("auditFilter_status"));
        status->setCurrentIndex(status->findData(QStringLiteral("status >= 400")));
        QSignalSpy loaded(audit, &LogTableTab::pageLoaded);
        QTest::mouseClick(child<QPushButton>(audit, QStringLiteral("auditApply")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(audit->model()->rowCount(), 1);
        QCOMPARE(audit->totalCount(), 1);
        QCOMPARE(JsonTableModel::displayText(audit->model()->record(0).value(QStringLiteral("status"))),
                 QStringLiteral("404"));
        // The detail view shows every field of the selected record.
        auto *table = child<QTableView>(audit, QStringLiteral("auditTable"));
        table->setCurrentIndex(audit->model()->index(0, 0));
        const QString detail = child<QPlainTextEdit>(audit, QStringLiteral("auditDetail"))->toPlainText();
        QVERIFY2(detail.contains(QLatin1String("status: 404")), qPrintable(detail));
        QVERIFY(detail.contains(QLatin1String("user_agent: ")));
        QVERIFY(detail.contains(QLatin1String("no_such_table")));
        // User: a "contains" match.
        child<QLineEdit>(audit, QStringLiteral("auditFilter_service"))->clear();
        status->setCurrentIndex(0);
        child<QLineEdit>(audit, QStringLiteral("auditFilter_user"))->setText(QStringLiteral("admin@test"));
        QTest::mouseClick(child<QPushButton>(audit, QStringLiteral("auditApply")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QVERIFY(audit->model()->rowCount() > 0);
        for (int row = 0; row < audit->model()->rowCount(); ++row)
            QCOMPARE(audit->model()->record(row).value(QStringLiteral("user_email")).toString(),
                     QLatin1String(TestServer::kAdminEmail));
        child<QLineEdit>(audit, QStringLiteral("auditFilter_user"))->setText(QStringLiteral("nobody"));
        QTest::keyClick(child<QLineEdit>(audit, QStringLiteral("auditFilter_user")), Qt::Key_Return);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(audit->model()->rowCount(), 0);
        child<QLineEdit>(audit, QStringLiteral("auditFilter_user"))->clear();
        // A filter value is data, never filter syntax.
        child<QLineEdit>(audit, QStringLiteral("auditFilter_service"))
            ->setText(QStringLiteral("demo' OR 1=1 OR '"));
        QTest::mouseClick(child<QPushButton>(audit, QStringLiteral("auditApply")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(audit->model()->rowCount(), 0);
        QVERIFY2(page.messageBar()->text().isEmpty(), qPrintable(page.messageBar()->text()));
    }

    void pagingLoadsMoreRows()
    {
        LogsPage page(m_client.get());
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        page.show();
        LogTableTab *usage = page.aiUsageTab();
        page.tabs()->setCurrentWidget(usage); // clicks go to what is on screen
        usage->setPageSize(10);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(usage->model()->rowCount(), 10);
        QCOMPARE(usage->totalCount(), 25);
        // Newest first.
        QCOMPARE(usage->model()->record(0).value(QStringLiteral("request_id")).toString(),
                 QStringLiteral("usage-24"));
        auto *more = child<QPushButton>(usage, QStringLiteral("aiUsageLoadMore"));
        QSignalSpy loaded(usage, &LogTableTab::pageLoaded);
        QVERIFY(more->isEnabled());
        QTest::mouseClick(more, Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(usage->model()->rowCount(), 20);
        QTest::mouseClick(more, Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(usage->model()->rowCount(), 25);
        QVERIFY(!usage->canLoadMore());
        QVERIFY(!more->isEnabled());
        QStringList ids;
        for (int row = 0; row < usage->model()->rowCount(); ++row)
            ids << usage->model()->record(row).value(QStringLiteral("request_id")).toString();
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 25); // no row twice
        QCOMPARE(ids.last(), QStringLiteral("usage-0"));
        QVERIFY(child<QLabel>(usage, QStringLiteral("aiUsageCount"))->text().contains(QLatin1String("25")));

        // The selected record's fields, all of them.
        child<QTableView>(usage, QStringLiteral("aiUsageTable"))
            ->setCurrentIndex(usage->model()->index(24, 0));
        const QString detail = child<QPlainTextEdit>(usage, QStringLiteral("aiUsageDetail"))->toPlainText();
        QVERIFY2(detail.contains(QLatin1String("request_id: usage-0\n")), qPrintable(detail));
        QVERIFY(detail.contains(QLatin1String("model: model-b\n")));
        QVERIFY(detail.contains(QLatin1String("attempt: 1\n")));

        // Filters: model contains, and a user id must be a number before anything is sent.
        child<QLineEdit>(usage, QStringLiteral("aiUsageFilter_model"))->setText(QStringLiteral("-b"));
        QTest::mouseClick(child<QPushButton>(usage, QStringLiteral("aiUsageApply")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(usage->totalCount(), 5);
        auto *user = child<QLineEdit>(usage, QStringLiteral("aiUsageFilter_user"));
        user->setText(QStringLiteral("abc"));
        QTest::mouseClick(child<QPushButton>(usage, QStringLiteral("aiUsageApply")), Qt::LeftButton);
        QCOMPARE(page.messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(page.messageBar()->text().contains(QLatin1String("User id")));
        QCOMPARE(usage->model()->rowCount(), 5); // unchanged: nothing was sent
        user->setText(QStringLiteral("12345"));
        QTest::mouseClick(child<QPushButton>(usage, QStringLiteral("aiUsageApply")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(usage->model()->rowCount(), 0);
        QVERIFY(page.messageBar()->text().isEmpty());

        // Prompt text contains.
        LogTableTab *prompts = page.aiPromptTab();
        page.tabs()->setCurrentWidget(prompts);
        child<QLineEdit>(prompts, QStringLiteral("aiPromptFilter_text"))->setText(QStringLiteral("\"hi\""));
        QSignalSpy promptsLoaded(prompts, &LogTableTab::pageLoaded);
        QTest::mouseClick(child<QPushButton>(prompts, QStringLiteral("aiPromptApply")), Qt::LeftButton);
        QVERIFY(promptsLoaded.wait(20000));
        QCOMPARE(prompts->model()->rowCount(), 1);
    }

    void csvExportWritesTheFilteredRows()
    {
        LogQuery query;
        query.resource = QStringLiteral("system/ai_usage");
        query.add(QStringLiteral("model = :model"), QStringLiteral("model"), QStringLiteral("model-a"));
        const QString fileName = m_dir.filePath(QStringLiteral("usage.csv"));
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        CsvExporter exporter(
            m_client.get(), query,
            {QStringLiteral("request_id"), QStringLiteral("model"), QStringLiteral("input_tokens")}, &file);
        exporter.setPageSize(7); // 20 rows: three pages
        QSignalSpy progress(&exporter, &CsvExporter::progress);
        QSignalSpy finished(&exporter, &CsvExporter::finished);
        exporter.start();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        file.close();
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(1).toLongLong(), 20);
        const QStringList lines = readLines(fileName);
        QCOMPARE(lines.size(), 21);
        QCOMPARE(lines.first(), QStringLiteral("request_id,model,input_tokens"));
        QCOMPARE(lines.at(1), QStringLiteral("usage-24,model-a,100"));
        for (const QString &line : lines.mid(1))
            QVERIFY2(line.endsWith(QLatin1String(",model-a,100")), qPrintable(line));

        // Quoting: a prompt with quotes, a comma and a line break is one field.
        QCOMPARE(CsvExporter::quote(QStringLiteral("plain")), QStringLiteral("plain"));
        LogsPage page(m_client.get());
        QSignalSpy refreshed(&page, &ConsolePage::refreshed);
        page.show();
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        const QString prompts = m_dir.filePath(QStringLiteral("prompts.csv"));
        QSignalSpy exported(page.aiPromptTab(), &LogTableTab::exportFinished);
        page.aiPromptTab()->exportTo(prompts);
        QVERIFY(exported.wait(20000));
        QCOMPARE(exported.first().at(0).toBool(), true);
        QFile written(prompts);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY2(text.startsWith(QLatin1String(
                     "id,created_date,request_id,service_id,user_id,model,prompt,response\r\n")),
                 qPrintable(text));
        QVERIFY2(
            text.contains(QLatin1String(",prompt-quoted,,,model-a,\"Say \"\"hi\"\", then\nstop\",hi\r\n")),
            qPrintable(text));
        QVERIFY(page.messageBar()->text().contains(QLatin1String("prompts.csv")));

        // The export writes what the table shows: the applied filter, not unapplied edits.
        LogTableTab *usage = page.aiUsageTab();
        page.tabs()->setCurrentWidget(usage);
        QSignalSpy loaded(usage, &LogTableTab::pageLoaded);
        child<QLineEdit>(usage, QStringLiteral("aiUsageFilter_model"))->setText(QStringLiteral("model-b"));
        QTest::mouseClick(child<QPushButton>(usage, QStringLiteral("aiUsageApply")), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        child<QLineEdit>(usage, QStringLiteral("aiUsageFilter_model"))->setText(QStringLiteral("model-a"));
        const QString applied = m_dir.filePath(QStringLiteral("applied.csv"));
        QSignalSpy usageExported(usage, &LogTableTab::exportFinished);
        usage->exportTo(applied);
        QVERIFY(usageExported.wait(20000));
        const QStringList appliedLines = readLines(applied);
        QCOMPARE(appliedLines.size(), 6); // header + the five model-b calls
        for (const QString &line : appliedLines.mid(1))
            QVERIFY2(line.contains(QLatin1String(",model-b,")), qPrintable(line));
    }

    void csvExportCanBeCancelled()
    {
        // Directly: cancelled after the first page, the rest is never fetched.
        const QString fileName = m_dir.filePath(QStringLiteral("cancelled.csv"));
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        LogQuery query;
        query.resource = QStringLiteral("system/ai_usage");
        CsvExporter exporter(m_client.get(), query, {QStringLiteral("id")}, &file);
        exporter.setPageSize(5);
        QSignalSpy finished(&exporter, &CsvExporter::finished);
        connect(&exporter, &CsvExporter::progress, &exporter, &CsvExporter::cancel);
        exporter.start();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(1).toString().isEmpty());
        QVERIFY(exporter.isCancelled());
        QCOMPARE(exporter.written(), 5);
        QTest::qWait(200); // no further page arrives
        QCOMPARE(exporter.written(), 5);
        file.close();
        QCOMPARE(readLines(fileName).size(), 6);

        // Through the page: the progress dialog's Cancel leaves no file behind.
        LogsPage page(m_client.get());
        page.show();
        const QString target = m_dir.filePath(QStringLiteral("never.csv"));
        QSignalSpy exported(page.auditTab(), &LogTableTab::exportFinished);
        page.auditTab()->exportTo(target);
        auto *progress = page.findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
        QVERIFY(progress);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(exported.wait(20000));
        QCOMPARE(exported.first().at(0).toBool(), false);
        QVERIFY(!QFile::exists(target));
        QVERIFY(page.messageBar()->text().contains(QLatin1String("cancelled")));
    }

    void liveTailShowsNewLines()
    {
        LogsPage page(m_client.get());
        page.show();
        page.tabs()->setCurrentWidget(page.liveTailTab());
        LiveTailTab *tail = page.liveTailTab();
        QVERIFY(tail->isPolling());
        QSignalSpy polled(tail, &LiveTailTab::polled);
        QVERIFY(polled.wait(20000)); // the poll started when the tab was shown
        const quint64 seen = tail->lastSeq();
        QVERIFY(seen > 0);
        spdlog::warn("ui tail marker {}", 42);
        tail->pollNow();
        QVERIFY(polled.wait(20000));
        QVERIFY(tail->lastSeq() > seen);
        QVERIFY2(tail->text().contains(QLatin1String("ui tail marker 42")),
                 qPrintable(tail->text().right(500)));
        QVERIFY(!tail->text().contains(QLatin1String(TestServer::kAdminPassword)));
        // Paused: no polling; hidden: none either.
        QTest::mouseClick(child<QCheckBox>(tail, QStringLiteral("liveTailPause")), Qt::LeftButton);
        QVERIFY(tail->isPaused());
        QVERIFY(!tail->isPolling());
        QTest::mouseClick(child<QCheckBox>(tail, QStringLiteral("liveTailPause")), Qt::LeftButton);
        QVERIFY(tail->isPolling());
        page.tabs()->setCurrentWidget(page.auditTab());
        QVERIFY(!tail->isPolling());
    }
};

QTEST_MAIN(TestConsoleObserve)
#include "tst_consoleobserve.moc"
