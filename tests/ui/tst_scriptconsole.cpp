// The console's script and remote-HTTP parts: the script editor (line numbers, syntax colours in
// both themes, error line), the rws form's rule tables round-tripping to config JSON, and against
// the real engine in-process: a scripted service created through the form and run with a sample
// request, its last errors, and event scripts created, edited and deleted. Parts that need an
// engine feature this build lacks (the `script` type, /system/event_script) skip and say so.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include "ConsoleChecks.h"
#include "ConsoleLanguage.h"
#include "EventScriptEditorDialog.h"
#include "EventScriptsDialog.h"
#include "JavaScriptHighlighter.h"
#include "MessageBar.h"
#include "RwsRuleTable.h"
#include "RwsServiceForm.h"
#include "ScriptEditor.h"
#include "ScriptTestPanel.h"
#include "ServiceConfigForm.h"
#include "ServiceEditorDialog.h"
#include "ServicesPage.h"
#include "TestServer.h"
#include "Theme.h"
#include "client/GatehouseClient.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

// The highlighter's format at `column` of line `line` (0-based), default when none applies.
QTextCharFormat formatAt(QPlainTextEdit &edit, int line, int column)
{
    const QTextBlock block = edit.document()->findBlockByNumber(line);
    for (const QTextLayout::FormatRange &range : block.layout()->formats())
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    return {};
}

QColor colorAt(QPlainTextEdit &edit, int line, const QString &needle, int occurrence = 0)
{
    const QString text = edit.document()->findBlockByNumber(line).text();
    qsizetype at = -1;
    for (int i = 0; i <= occurrence; ++i)
        at = text.indexOf(needle, at + 1);
    if (at < 0)
        return {};
    const QBrush brush = formatAt(edit, line, int(at)).foreground();
    return brush.style() == Qt::NoBrush ? QColor() : brush.color();
}

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

bool waitLoaded(ServiceEditorDialog *editor)
{
    if (editor->isLoaded())
        return true;
    QSignalSpy loaded(editor, &ServiceEditorDialog::rolesLoaded);
    return loaded.wait(20000);
}
} // namespace

class TestScriptConsole : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<GatehouseClient> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Run by hand with GATEHOUSE_TEST_LANGUAGE=de|ja to see the dialogs' mnemonics hold up in
        // a translation (the checks on English messages then fail, as they should).
        const QString language = qEnvironmentVariable("GATEHOUSE_TEST_LANGUAGE");
        if (!language.isEmpty())
            QCOMPARE(ConsoleLanguage::install(language), language);
        Theme::apply(Theme::Mode::Light);
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<GatehouseClient>(QUrl(m_server->baseUrl()));
        m_client->setSessionToken(m_server->adminToken());
        QVERIFY(!m_client->sessionToken().isEmpty());
    }

    void lineNumberMarginGrowsWithTheLineCount()
    {
        ScriptEditor editor;
        editor.setPlainText(QStringLiteral("return 1;"));
        const int few = editor.lineNumberAreaWidth();
        QVERIFY(few > 0);
        QStringList lines;
        for (int i = 0; i < 12000; ++i)
            lines << QStringLiteral("x = %1;").arg(i);
        editor.setPlainText(lines.join(QLatin1Char('\n')));
        QCOMPARE(editor.blockCount(), 12000);
        const int many = editor.lineNumberAreaWidth();
        QVERIFY2(many > few, qPrintable(QStringLiteral("%1 vs %2").arg(many).arg(few)));
        // The margin widget itself follows on the next layout.
        editor.resize(400, 300);
        editor.show();
        QTRY_COMPARE(editor.lineNumberArea()->width(), many);
        editor.setPlainText(QStringLiteral("a"));
        QCOMPARE(editor.lineNumberAreaWidth(), few);
    }

    void highlighterColoursKeywordsStringsNumbersAndComments()
    {
        ScriptEditor editor;
        editor.setPlainText(QStringLiteral("const s = \"x // y\"; // note\n"
                                           "/* open\n"
                                           "still */ let n = 42;\n"
                                           "platform.api.get(`a\n"
                                           "b`, event);\n"
                                           "var quote = 'it''s';"));
        const JavaScriptHighlighter *h = editor.highlighter();
        const QColor keyword = h->format(JavaScriptHighlighter::Role::Keyword).foreground().color();
        const QColor string = h->format(JavaScriptHighlighter::Role::String).foreground().color();
        const QColor comment = h->format(JavaScriptHighlighter::Role::Comment).foreground().color();
        const QColor number = h->format(JavaScriptHighlighter::Role::Number).foreground().color();
        const QColor global = h->format(JavaScriptHighlighter::Role::Global).foreground().color();
        QVERIFY(keyword != string && string != comment && number != keyword && global != keyword);

        QCOMPARE(colorAt(editor, 0, QStringLiteral("const")), keyword);
        // "//" inside a string is part of the string, not a comment.
        QCOMPARE(colorAt(editor, 0, QStringLiteral("//")), string);
        QCOMPARE(colorAt(editor, 0, QStringLiteral("note")), comment);
        QCOMPARE(colorAt(editor, 0, QStringLiteral("s =")), QColor()); // an identifier
        // A block comment carries over to the next line, and ends there.
        QCOMPARE(colorAt(editor, 1, QStringLiteral("open")), comment);
        QCOMPARE(colorAt(editor, 2, QStringLiteral("still")), comment);
        QCOMPARE(colorAt(editor, 2, QStringLiteral("let")), keyword);
        QCOMPARE(colorAt(editor, 2, QStringLiteral("42")), number);
        // The script's globals, and a template literal over two lines.
        QCOMPARE(colorAt(editor, 3, QStringLiteral("platform")), global);
        QCOMPARE(colorAt(editor, 3, QStringLiteral("get")), QColor()); // a property
        QCOMPARE(colorAt(editor, 4, QStringLiteral("b")), string);
        QCOMPARE(colorAt(editor, 4, QStringLiteral("event")), global);
        QCOMPARE(colorAt(editor, 5, QStringLiteral("var")), keyword);
        QCOMPARE(colorAt(editor, 5, QStringLiteral("it")), string);
    }

    void coloursFollowTheDarkTheme()
    {
        Theme::apply(Theme::Mode::Light);
        ScriptEditor editor;
        editor.setPlainText(QStringLiteral("return 'text';"));
        const QColor light = colorAt(editor, 0, QStringLiteral("return"));
        Theme::apply(Theme::Mode::Dark);
        QCoreApplication::processEvents();
        const QColor dark = colorAt(editor, 0, QStringLiteral("return"));
        Theme::apply(Theme::Mode::Light);
        QVERIFY(light.isValid() && dark.isValid());
        QVERIFY2(light != dark, qPrintable(light.name()));
        // Readable on the dark background: lighter than it.
        QVERIFY(dark.lightness() > 128);
    }

    void errorLineIsMarkedAndJumpedTo()
    {
        ScriptEditor editor;
        editor.setPlainText(QStringLiteral("let a = 1;\nlet b = c;\nreturn b;\n"));
        editor.setErrorLine(2);
        QCOMPARE(editor.errorLine(), 2);
        const QColor errorColor = Theme::codeColor(Theme::CodeRole::ErrorLine);
        bool marked = false;
        for (const QTextEdit::ExtraSelection &selection : editor.extraSelections())
            if (selection.cursor.blockNumber() == 1 && selection.format.background().color() == errorColor)
                marked = true;
        QVERIFY(marked);
        editor.goToLine(3);
        QCOMPARE(editor.textCursor().blockNumber(), 2);
        // Out of range: no mark.
        editor.setErrorLine(99);
        QCOMPARE(editor.errorLine(), 0);
        // Editing clears the mark: the line may have moved.
        editor.setErrorLine(2);
        editor.textCursor().insertText(QStringLiteral("\n"));
        QCOMPARE(editor.errorLine(), 0);
        // Tab inserts four spaces.
        editor.setPlainText(QString());
        QTest::keyClick(&editor, Qt::Key_Tab);
        QCOMPARE(editor.toPlainText(), QStringLiteral("    "));
    }

    void samplePanelChecksItsInputsFirst()
    {
        // Nothing is sent while the sample is not JSON or the script is empty.
        ScriptEditor editor;
        ScriptTestPanel panel(m_client.get(), ScriptTestPanel::Kind::Event);
        panel.setEditor(&editor);
        QVERIFY(child<QPlainTextEdit>(&panel, QStringLiteral("sampleResponse")));
        QSignalSpy finished(&panel, &ScriptTestPanel::finished);
        child<QPlainTextEdit>(&panel, QStringLiteral("sampleParameters"))
            ->setPlainText(QStringLiteral("{id: 5"));
        panel.run();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("not valid JSON")),
                 qPrintable(panel.summaryText()));
        QVERIFY2(panel.summaryText().contains(QStringLiteral("script is empty")),
                 qPrintable(panel.summaryText()));
        QVERIFY(!panel.isRunning());
        const QStringList a11y = ConsoleChecks::accessibilityProblems(&panel);
        QVERIFY2(a11y.isEmpty(), qPrintable(a11y.join(QLatin1Char('\n'))));
    }

    void rwsRuleTablesRoundTripToConfig()
    {
        const TestResponse type = m_server->admin("GET", QStringLiteral("/api/v2/system/service_type/rws"));
        QCOMPARE(type.status, 200);
        const QJsonArray schema =
            QJsonDocument::fromJson(type.body).object().value(QLatin1String("config_schema")).toArray();
        QVERIFY(!schema.isEmpty());
        RwsServiceForm form;
        form.setSchema(schema);
        RwsRuleTable *parameters = form.parametersTable();
        RwsRuleTable *headers = form.headersTable();
        QVERIFY(parameters && headers);
        QVERIFY(child<QLabel>(&form, QStringLiteral("allowedHostsHint")));

        const QJsonArray storedParameters{QJsonObject{{QStringLiteral("name"), QStringLiteral("api_key")},
                                                      {QStringLiteral("value"), QStringLiteral("{api_key}")},
                                                      {QStringLiteral("exclude"), false},
                                                      {QStringLiteral("outbound"), true},
                                                      {QStringLiteral("cache_key"), false},
                                                      {QStringLiteral("action"), 3}},
                                          QJsonObject{{QStringLiteral("name"), QStringLiteral("debug")},
                                                      {QStringLiteral("value"), QString()},
                                                      {QStringLiteral("exclude"), true},
                                                      {QStringLiteral("outbound"), false},
                                                      {QStringLiteral("cache_key"), true},
                                                      {QStringLiteral("action"), 31}}};
        const QJsonArray storedHeaders{
            QJsonObject{{QStringLiteral("name"), QStringLiteral("Authorization")},
                        {QStringLiteral("value"), QStringLiteral("Bearer {token}")},
                        {QStringLiteral("pass_from_client"), false},
                        {QStringLiteral("action"), 1}}};
        const QJsonObject config{
            {QStringLiteral("base_url"), QStringLiteral("https://api.example.com/v1")},
            {QStringLiteral("parameters"), storedParameters},
            {QStringLiteral("headers"), storedHeaders},
            {QStringLiteral("allowed_hosts"), QJsonArray{QStringLiteral("10.0.0.5:8080")}}};
        form.setConfig(config);
        QCOMPARE(parameters->table()->rowCount(), 2);
        QCOMPARE(headers->table()->rowCount(), 1);
        // Columns: name, value, exclude, outbound, cache key, GET, POST, PUT, PATCH, DELETE.
        QCOMPARE(parameters->table()->item(0, 0)->text(), QStringLiteral("api_key"));
        QCOMPARE(parameters->table()->item(0, 3)->checkState(), Qt::Checked);
        QCOMPARE(parameters->table()->item(0, 5)->checkState(), Qt::Checked);   // GET
        QCOMPARE(parameters->table()->item(0, 6)->checkState(), Qt::Checked);   // POST
        QCOMPARE(parameters->table()->item(0, 7)->checkState(), Qt::Unchecked); // PUT
        QCOMPARE(parameters->table()->item(1, 2)->checkState(), Qt::Checked);   // exclude
        // Unchanged, the config comes back as it went in.
        QCOMPARE(compact(form.config()), compact(config));
        QVERIFY2(form.validate().isEmpty(), qPrintable(form.validate().join(QLatin1Char('\n'))));

        // Edits: the header passes from the client and applies to DELETE too; a new parameter.
        headers->table()->item(0, 2)->setCheckState(Qt::Checked);
        headers->table()->item(0, 7)->setCheckState(Qt::Checked); // DELETE (columns shift by one)
        child<QPushButton>(parameters, QStringLiteral("addRule"))->click();
        QCOMPARE(parameters->table()->rowCount(), 3);
        parameters->table()->item(2, 0)->setText(QStringLiteral("format"));
        parameters->table()->item(2, 1)->setText(QStringLiteral("json"));
        const QJsonObject edited = form.config();
        const QJsonObject header = edited.value(QLatin1String("headers")).toArray().at(0).toObject();
        QCOMPARE(header.value(QLatin1String("pass_from_client")).toBool(), true);
        QCOMPARE(header.value(QLatin1String("action")).toInt(), 1 | 16);
        const QJsonObject added = edited.value(QLatin1String("parameters")).toArray().at(2).toObject();
        QCOMPARE(added.value(QLatin1String("name")).toString(), QStringLiteral("format"));
        QCOMPARE(added.value(QLatin1String("outbound")).toBool(), true);
        QCOMPARE(added.value(QLatin1String("action")).toInt(), RwsRuleTable::kAllVerbs);

        // A rule needs a name and at least one verb.
        parameters->table()->item(2, 0)->setText(QString());
        for (int column = 5; column < 10; ++column)
            parameters->table()->item(2, column)->setCheckState(Qt::Unchecked);
        const QString problems = form.validate().join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(QStringLiteral("row 3 needs a name")), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("no verb")), qPrintable(problems));
        // Removing the row removes it from the config.
        parameters->table()->setCurrentCell(2, 0);
        child<QPushButton>(parameters, QStringLiteral("removeRule"))->click();
        QCOMPARE(form.config().value(QLatin1String("parameters")).toArray().size(), 2);
        // Emptied tables clear the key.
        parameters->setRules({});
        QVERIFY(form.config().value(QLatin1String("parameters")).isNull());

        const QStringList a11y = ConsoleChecks::accessibilityProblems(&form);
        QVERIFY2(a11y.isEmpty(), qPrintable(a11y.join(QLatin1Char('\n'))));
    }

    void rwsServiceThroughTheServicesPage()
    {
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        ServiceEditorDialog *editor = page.createService(QStringLiteral("rws"));
        QVERIFY(waitLoaded(editor));
        QVERIFY2(editor->errorText().isEmpty(), qPrintable(editor->errorText()));
        auto *form = qobject_cast<RwsServiceForm *>(editor->form());
        QVERIFY(form);
        QVERIFY(form->parametersTable());
        QVERIFY(!editor->scriptPanel());
        const QStringList a11y = ConsoleChecks::accessibilityProblems(editor);
        QVERIFY2(a11y.isEmpty(), qPrintable(a11y.join(QLatin1Char('\n'))));

        // Stored through the engine, the rules come back as the table made them.
        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("weather"));
        child<QLineEdit>(form, QStringLiteral("base_url"))
            ->setText(QStringLiteral("https://api.example.com/v1"));
        form->parametersTable()->addRule(QJsonObject{{QStringLiteral("name"), QStringLiteral("units")},
                                                     {QStringLiteral("value"), QStringLiteral("metric")},
                                                     {QStringLiteral("outbound"), true},
                                                     {QStringLiteral("action"), 1}});
        QSignalSpy saved(editor, &ServiceEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(editor->errorText()));
        const TestResponse stored = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/service?filter=name%3D%27weather%27&fields=*"));
        QCOMPARE(stored.status, 200);
        const QJsonArray rows =
            QJsonDocument::fromJson(stored.body).object().value(QLatin1String("resource")).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonArray parameters = rows.at(0)
                                          .toObject()
                                          .value(QLatin1String("config"))
                                          .toObject()
                                          .value(QLatin1String("parameters"))
                                          .toArray();
        QCOMPARE(parameters.size(), 1);
        QCOMPARE(parameters.at(0).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("units"));
        QCOMPARE(parameters.at(0).toObject().value(QLatin1String("action")).toInt(), 1);
        QCOMPARE(parameters.at(0).toObject().value(QLatin1String("outbound")).toBool(), true);
    }

    void scriptedServiceRunWithASampleRequest()
    {
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        QAction *newScript = page.newMenu()->findChild<QAction *>(QStringLiteral("new:script"));
        QVERIFY(newScript);
        newScript->trigger();
        ServiceEditorDialog *editor = page.editor();
        QVERIFY(editor);
        QVERIFY(waitLoaded(editor));
        QVERIFY2(editor->errorText().isEmpty(), qPrintable(editor->errorText()));
        // Any schema field of type script gets the editor, and with it the test panel.
        ScriptEditor *script = editor->form()->scriptEditor();
        QVERIFY(script);
        QCOMPARE(script->objectName(), QStringLiteral("content"));
        ScriptTestPanel *panel = editor->scriptPanel();
        QVERIFY(panel);
        const QStringList a11y = ConsoleChecks::accessibilityProblems(editor);
        QVERIFY2(a11y.isEmpty(), qPrintable(a11y.join(QLatin1Char('\n'))));

        child<QLineEdit>(editor, QStringLiteral("name"))->setText(QStringLiteral("greeter"));
        script->setPlainText(
            QStringLiteral("console.log('greeting ' + event.request.parameters.who);\n"
                           "return {status_code: 201, content: {hello: event.request.parameters.who, "
                           "method: event.request.method}};\n"));
        panel->setSample(QStringLiteral("POST"), QStringLiteral("greet"),
                         QJsonObject{{QStringLiteral("who"), QStringLiteral("ada")}});
        QSignalSpy finished(panel, &ScriptTestPanel::finished);
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("runSample")), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(panel->summaryText()));
        QVERIFY2(panel->summaryText().contains(QStringLiteral("201")), qPrintable(panel->summaryText()));
        QVERIFY2(panel->resultText().contains(QStringLiteral("\"ada\"")), qPrintable(panel->resultText()));
        QVERIFY2(panel->resultText().contains(QStringLiteral("POST")), qPrintable(panel->resultText()));
        QVERIFY2(panel->logLines().join(QLatin1Char('|')).contains(QStringLiteral("greeting ada")),
                 qPrintable(panel->logLines().join(QLatin1Char('|'))));
        QCOMPARE(panel->lastErrorLine(), 0);

        // A script error names its line; the link marks it in the editor.
        script->setPlainText(QStringLiteral("let a = 1;\nlet b = 2;\nreturn missing.value;\n"));
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("runSample")), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(panel->lastErrorLine(), 3);
        QCOMPARE(script->errorLine(), 3);
        auto *link = child<QLabel>(panel, QStringLiteral("errorLink"));
        QVERIFY(link && link->isVisibleTo(panel));
        script->goToLine(1);
        Q_EMIT link->linkActivated(QStringLiteral("#line"));
        QCOMPARE(script->textCursor().blockNumber(), 2);

        // Saved, then called: the failure is one of its last errors, which can be cleared.
        QSignalSpy saved(editor, &ServiceEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(editor->errorText()));
        const TestResponse call = m_server->admin("GET", QStringLiteral("/api/v2/greeter"));
        QCOMPARE(call.status, 500);
        ServiceEditorDialog *again = page.editService(QStringLiteral("greeter"));
        if (!again) {
            QVERIFY(refreshed.wait(20000));
            again = page.editService(QStringLiteral("greeter"));
        }
        QVERIFY(again);
        QVERIFY(waitLoaded(again));
        ScriptTestPanel *errors = again->scriptPanel();
        QVERIFY(errors);
        QCOMPARE(again->form()->scriptEditor()->toPlainText(),
                 QStringLiteral("let a = 1;\nlet b = 2;\nreturn missing.value;\n"));
        QSignalSpy errorsLoaded(errors, &ScriptTestPanel::errorsLoaded);
        errors->refreshErrors();
        QVERIFY(errorsLoaded.wait(20000));
        QVERIFY(!errors->errorEntries().isEmpty());
        QVERIFY2(errors->errorEntries().first().contains(QStringLiteral("(line 3)")),
                 qPrintable(errors->errorEntries().join(QLatin1Char('|'))));
        errors->errorList()->setCurrentRow(0);
        Q_EMIT errors->errorList()->itemActivated(errors->errorList()->item(0));
        QCOMPARE(again->form()->scriptEditor()->errorLine(), 3);
        QSignalSpy cleared(errors, &ScriptTestPanel::errorsCleared);
        QTest::mouseClick(child<QPushButton>(errors, QStringLiteral("clearErrors")), Qt::LeftButton);
        QVERIFY(cleared.wait(20000));
        errors->refreshErrors();
        QVERIFY(errorsLoaded.wait(20000));
        QVERIFY(errors->errorEntries().isEmpty());
        again->close();
    }

    void eventScriptsCreateEditDelete()
    {
        ServicesPage page(m_client.get());
        QSignalSpy refreshed(&page, &ServicesPage::refreshed);
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        EventScriptsDialog *dialog = page.openEventScripts();
        QVERIFY(dialog);
        QSignalSpy listed(dialog, &EventScriptsDialog::refreshed);
        QVERIFY(listed.wait(20000));
        const QStringList dialogA11y = ConsoleChecks::accessibilityProblems(dialog);
        QVERIFY2(dialogA11y.isEmpty(), qPrintable(dialogA11y.join(QLatin1Char('\n'))));

        // New: the event names come from the engine, narrowed to a service.
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("new")), Qt::LeftButton);
        EventScriptEditorDialog *editor = dialog->editor();
        QVERIFY(editor);
        QSignalSpy eventsLoaded(editor, &EventScriptEditorDialog::eventsLoaded);
        QVERIFY(eventsLoaded.wait(20000));
        auto *service = child<QComboBox>(editor, QStringLiteral("service"));
        service->setCurrentIndex(service->findData(QStringLiteral("demo")));
        QVERIFY(eventsLoaded.wait(20000));
        const QStringList events = editor->eventNames();
        QVERIFY2(!events.isEmpty(), qPrintable(editor->errorText()));
        for (const QString &name : events)
            QVERIFY2(name.startsWith(QLatin1String("demo.")), qPrintable(name));
        QString event;
        for (const QString &name : events)
            if (name.endsWith(QLatin1String(".get.pre_process")) && name.contains(QLatin1String("_table")) &&
                !name.contains(QLatin1Char('{')) && event.isEmpty())
                event = name;
        QVERIFY2(!event.isEmpty(), qPrintable(events.join(QLatin1Char(','))));
        const QStringList editorA11y = ConsoleChecks::accessibilityProblems(editor);
        QVERIFY2(editorA11y.isEmpty(), qPrintable(editorA11y.join(QLatin1Char('\n'))));

        auto *eventEdit = child<QLineEdit>(editor, QStringLiteral("event"));
        eventEdit->setText(event);
        Q_EMIT eventEdit->editingFinished();
        child<QLineEdit>(editor, QStringLiteral("description"))->setText(QStringLiteral("tags the request"));
        editor->scriptEditor()->setPlainText(QStringLiteral("event.request.parameters.tagged = 'yes';\n"));
        child<QCheckBox>(editor, QStringLiteral("allow_event_modification"))->setChecked(true);

        // Run on a sample event: the request as the script left it.
        ScriptTestPanel *panel = editor->testPanel();
        QSignalSpy finished(panel, &ScriptTestPanel::finished);
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("runSample")), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(panel->summaryText()));
        QVERIFY2(panel->resultText().contains(QStringLiteral("tagged")), qPrintable(panel->resultText()));

        QSignalSpy saved(editor, &EventScriptEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(editor->errorText()));
        QVERIFY(listed.wait(20000));
        QVERIFY2(dialog->scriptNames().contains(event),
                 qPrintable(dialog->scriptNames().join(QLatin1Char(','))));
        TestResponse stored = m_server->admin("GET", QStringLiteral("/api/v2/system/event_script/") + event);
        QCOMPARE(stored.status, 200);
        QCOMPARE(QString::fromStdString(stored.json.value("description", std::string())),
                 QStringLiteral("tags the request"));
        QVERIFY(stored.json.value("allow_event_modification", false));

        // Edit: the name is the key and stays; the description changes.
        EventScriptEditorDialog *edit = dialog->editScript(event);
        QVERIFY(edit);
        if (!edit->isLoaded()) {
            QSignalSpy loaded(edit, &EventScriptEditorDialog::loaded);
            QVERIFY(loaded.wait(20000));
        }
        QVERIFY(child<QLineEdit>(edit, QStringLiteral("event"))->isReadOnly());
        QCOMPARE(edit->scriptEditor()->toPlainText(),
                 QStringLiteral("event.request.parameters.tagged = 'yes';\n"));
        child<QLineEdit>(edit, QStringLiteral("description"))->setText(QStringLiteral("changed"));
        child<QCheckBox>(edit, QStringLiteral("is_active"))->setChecked(false);
        QSignalSpy savedAgain(edit, &EventScriptEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(edit, QStringLiteral("save")), Qt::LeftButton);
        QVERIFY2(savedAgain.wait(20000), qPrintable(edit->errorText()));
        QVERIFY(listed.wait(20000));
        stored = m_server->admin("GET", QStringLiteral("/api/v2/system/event_script/") + event);
        QCOMPARE(QString::fromStdString(stored.json.value("description", std::string())),
                 QStringLiteral("changed"));
        QCOMPARE(stored.json.value("is_active", true), false);

        // Delete, after the question.
        QStringList questions;
        dialog->setConfirmer([&questions](const QString &question, std::function<void()> onYes) {
            questions << question;
            onYes();
        });
        QVERIFY(dialog->selectScript(event));
        QSignalSpy deleted(dialog, &EventScriptsDialog::deleted);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("delete")), Qt::LeftButton);
        QVERIFY(deleted.wait(20000));
        QCOMPARE(questions.size(), 1);
        QVERIFY(questions.first().contains(event));
        QVERIFY(listed.wait(20000));
        QVERIFY(!dialog->scriptNames().contains(event));
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/system/event_script/") + event).status, 404);

        // An event name with placeholders ("….{id}.get.pre_process") is edited and deleted too.
        QString braced;
        for (const QString &name : events)
            if (name.contains(QLatin1Char('{')) && braced.isEmpty())
                braced = name;
        QVERIFY2(!braced.isEmpty(), qPrintable(events.join(QLatin1Char(','))));
        {
            EventScriptEditorDialog *create = dialog->createScript();
            child<QLineEdit>(create, QStringLiteral("event"))->setText(braced);
            create->scriptEditor()->setPlainText(QStringLiteral("var unused = 1;\n"));
            QSignalSpy createdBraced(create, &EventScriptEditorDialog::saved);
            create->save();
            QVERIFY2(createdBraced.wait(20000), qPrintable(create->errorText()));
            QVERIFY(listed.wait(20000));
            EventScriptEditorDialog *editBraced = dialog->editScript(braced);
            QVERIFY(editBraced);
            if (!editBraced->isLoaded()) {
                QSignalSpy loaded(editBraced, &EventScriptEditorDialog::loaded);
                QVERIFY(loaded.wait(20000));
            }
            QSignalSpy savedBraced(editBraced, &EventScriptEditorDialog::saved);
            editBraced->save();
            QVERIFY2(savedBraced.wait(20000), qPrintable(editBraced->errorText()));
            QVERIFY(listed.wait(20000));
            QVERIFY(dialog->selectScript(braced));
            dialog->deleteSelected();
            QVERIFY(deleted.wait(20000));
            QVERIFY(listed.wait(20000));
            QVERIFY2(!dialog->scriptNames().contains(braced), qPrintable(dialog->messageBar()->text()));
        }
        dialog->close();
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }
};

QTEST_MAIN(TestScriptConsole)
#include "tst_scriptconsole.moc"
