// ScriptRunner on its own (no gateway): return values, the event object, console output, error
// kinds and lines, the CPU and memory limits, the sandbox (no module import, no Qt objects, no
// network or file access), fresh state per run, the depth limit and queueing beyond the slots.
#include <QCoreApplication>
#include <QEventLoop>
#include <QJSEngine>
#include <QTest>
#include <QTimer>

#include "core/Config.h"
#include "services/script/ScriptErrorLog.h"
#include "services/script/ScriptRunner.h"
#include "services/script/ScriptService.h"

using namespace gatehouse;

class TestScriptRunner : public QObject
{
    Q_OBJECT

private:
    Config m_config;
    std::unique_ptr<ScriptErrorLog> m_errors;
    std::unique_ptr<ScriptRunner> m_runner;

    ScriptOutcome run(const QString &source, ScriptJob job = {})
    {
        if (job.name.isEmpty())
            job.name = QStringLiteral("unit");
        job.source = source;
        std::optional<ScriptOutcome> outcome;
        QEventLoop loop;
        bool inside = true;
        bool calledInside = false;
        m_runner->run(job, [&](ScriptOutcome o) {
            calledInside = inside;
            outcome = std::move(o);
            loop.quit();
        });
        inside = false;
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (!outcome)
            loop.exec();
        if (calledInside)
            qWarning("done ran inside run()");
        return outcome.value_or(ScriptOutcome{});
    }

    static QString errorText(const ScriptOutcome &o)
    {
        return o.error ? QStringLiteral("%1 line %2: %3")
                             .arg(o.error->kindName())
                             .arg(o.error->line)
                             .arg(o.error->message)
                       : QStringLiteral("no error");
    }

private slots:
    void initTestCase()
    {
        m_config.scriptSlots = 2;
        m_config.scriptCpuLimitMs = 5000;
        m_config.scriptMemoryLimitBytes = 64LL * 1024 * 1024;
        m_errors = std::make_unique<ScriptErrorLog>();
        m_runner = std::make_unique<ScriptRunner>(m_config, nullptr, nullptr, m_errors.get());
    }

    void cleanupTestCase() { m_runner.reset(); }

    void returnValues()
    {
        ScriptOutcome o = run(QStringLiteral("return 1 + 2;"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
        QCOMPARE(QString::fromStdString(o.result.dump()), QStringLiteral("3"));
        o = run(QStringLiteral("var x = {a: [1, 'two'], b: null};\nreturn x;"));
        QCOMPARE(QString::fromStdString(o.result.dump()), QStringLiteral(R"({"a":[1,"two"],"b":null})"));
        o = run(QStringLiteral("var unused = 1;"));
        QVERIFY(!o.error);
        QVERIFY(o.result.is_null());
        o = run(QStringLiteral("return function () {};"));
        QVERIFY(!o.error);
        QVERIFY(o.result.is_null());
    }

    void eventModification()
    {
        ScriptJob job;
        job.event = Json{{"request", {{"method", "POST"}, {"body", {{"x", 1}}}}}};
        job.config = Json{{"greeting", "hi"}};
        const ScriptOutcome o =
            run(QStringLiteral("event.request.body.x += 41;\n"
                               "event.response = {status_code: 201, content: platform.config.greeting};\n"
                               "return event.request.method;"),
                job);
        QVERIFY2(!o.error, qPrintable(errorText(o)));
        QCOMPARE(QString::fromStdString(o.result.dump()), QStringLiteral("\"POST\""));
        QCOMPARE(o.event["request"]["body"]["x"].get<int>(), 42);
        QCOMPARE(o.event["response"]["status_code"].get<int>(), 201);
        QCOMPARE(QString::fromStdString(o.event["response"]["content"].get<std::string>()),
                 QStringLiteral("hi"));
    }

    void console()
    {
        const ScriptOutcome o =
            run(QStringLiteral("console.log('a', {b: 1}, 2);\nconsole.error('bad');\nreturn null;"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
        QCOMPARE(o.logs.size(), 2);
        QCOMPARE(o.logs.at(0), QStringLiteral(R"([log] a {"b":1} 2)"));
        QCOMPARE(o.logs.at(1), QStringLiteral("[error] bad"));
        // Capped.
        const ScriptOutcome many = run(QStringLiteral("for (var i = 0; i < 1000; ++i) console.log(i);"));
        QVERIFY(many.logs.size() <= 201);
    }

    void syntaxErrorLine()
    {
        const ScriptOutcome o = run(QStringLiteral("var a = 1;\nvar b = ;\nreturn a;"));
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::Exception);
        QCOMPARE(o.error->line, 2);
        QVERIFY2(o.error->message.contains(QLatin1String("SyntaxError")), qPrintable(o.error->message));
        // The validation check finds the same line without running anything.
        const auto checked =
            ScriptService::syntaxError(QStringLiteral("unit"), QStringLiteral("var a = 1;\nvar b = ;\n"));
        QVERIFY(checked);
        QCOMPARE(checked->line, 2);
        QVERIFY(!ScriptService::syntaxError(QStringLiteral("unit"), QStringLiteral("return 1;")));
        // A body that tries to close the function early is refused, not run.
        QVERIFY(ScriptService::syntaxError(QStringLiteral("unit"),
                                           QStringLiteral("}); while (true) {} (function () {")));
    }

    void runtimeErrorLine()
    {
        ScriptOutcome o = run(QStringLiteral("var a = 1;\n\nnull.x;\n"));
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::Exception);
        QCOMPARE(o.error->line, 3);
        QVERIFY2(o.error->message.contains(QLatin1String("TypeError")), qPrintable(o.error->message));
        o = run(QStringLiteral("function f() {\n  throw new Error('boom');\n}\nf();"));
        QVERIFY(o.error);
        QCOMPARE(o.error->line, 2);
        QVERIFY2(o.error->message.contains(QLatin1String("boom")), qPrintable(o.error->message));
        o = run(QStringLiteral("throw 'plain';"));
        QVERIFY(o.error);
        QVERIFY2(o.error->message.contains(QLatin1String("plain")), qPrintable(o.error->message));
        // A platform call's error names the script's line, not the prelude's.
        o = run(QStringLiteral("var r = 1;\nplatform.api.get('db/_table/x');"));
        QVERIFY(o.error);
        QCOMPARE(o.error->line, 2);
        // Recorded.
        QVERIFY(!m_errors->errors(QStringLiteral("unit")).isEmpty());
    }

    void cpuLimit()
    {
        ScriptJob job;
        job.cpuLimitMs = 200;
        ScriptOutcome o = run(QStringLiteral("while (true) {}"), job);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::CpuLimit);
        o = run(QStringLiteral("function spin() {\n  for (;;) { try { spin2(); } catch (e) {} }\n}\nfunction "
                               "spin2() { var x = 0; for (var i = 0; i < 10; ++i) x += i; }\nspin();"),
                job);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::CpuLimit);
        // A loop in toJSON of the return value is stopped too.
        o = run(QStringLiteral("return {toJSON: function () { while (true) {} }};"), job);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::CpuLimit);
        // The runner still works afterwards.
        o = run(QStringLiteral("return 'ok';"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
    }

    void memoryLimit()
    {
        ScriptJob job;
        job.memoryLimitBytes = 32LL * 1024 * 1024;
        ScriptOutcome o =
            run(QStringLiteral("var a = [];\nwhile (true) a.push('x'.repeat(1e6) + a.length);"), job);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::MemoryLimit);
        // Many small objects, no platform call: the managed heap grows instead.
        o = run(QStringLiteral("var a = [];\nwhile (true) a.push({i: a.length, j: [1, 2]});"), job);
        QVERIFY(o.error);
        QVERIFY2(o.error->kind == ScriptError::MemoryLimit, qPrintable(errorText(o)));
        o = run(QStringLiteral("var s = 'xxxxxxxx';\nwhile (true) { s = s + s; s.charAt(1); }"), job);
        QVERIFY(o.error);
        QVERIFY2(o.error->kind == ScriptError::MemoryLimit || o.error->kind == ScriptError::Exception,
                 qPrintable(errorText(o)));
        o = run(QStringLiteral("return 'ok';"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
    }

    void sandbox()
    {
        const ScriptOutcome o = run(QStringLiteral(
            "return {require: typeof require, Qt: typeof Qt, xhr: typeof XMLHttpRequest, print: typeof "
            "print,\n"
            "        importScripts: typeof importScripts, fetch: typeof fetch, process: typeof process,\n"
            "        qsTr: typeof qsTr, globals: Object.getOwnPropertyNames((function () { return this; "
            "})()).sort().join(',')};"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
        qInfo("globals: %s", o.result["globals"].get<std::string>().c_str());
        for (const char *name :
             {"require", "Qt", "xhr", "print", "importScripts", "fetch", "process", "qsTr"})
            QVERIFY2(o.result[name] == "undefined", name);
        // Dynamic import: not even parsed (Qt 6.4's engine has no import() in scripts).
        for (const char *url : {"file:///etc/passwd", "/etc/passwd", "http://127.0.0.1:1/x.mjs"}) {
            const ScriptOutcome imported =
                run(QStringLiteral("var p = import('%1');\nreturn typeof p;").arg(QLatin1String(url)));
            QVERIFY2(imported.error && imported.error->message.contains(QLatin1String("SyntaxError")),
                     qPrintable(errorText(imported)));
        }
        // Nor through eval or the Function constructor.
        const ScriptOutcome evaluated = run(QStringLiteral("return eval(\"import('file:///etc/passwd')\");"));
        QVERIFY2(evaluated.error && evaluated.error->message.contains(QLatin1String("SyntaxError")),
                 qPrintable(errorText(evaluated)));
        // platform.api takes service paths only; platform.http needs allowed hosts.
        ScriptOutcome refused = run(QStringLiteral("return platform.api.get('http://127.0.0.1/x');"));
        QVERIFY(refused.error);
        QVERIFY2(refused.error->message.contains(QLatin1String("platform.http")),
                 qPrintable(refused.error->message));
        refused = run(QStringLiteral("return platform.http.get('http://169.254.169.254/latest/meta-data');"));
        QVERIFY(refused.error);
    }

    void freshStatePerRun()
    {
        ScriptOutcome o = run(QStringLiteral("(function () { return this; })().leak = 'secret'; "
                                             "Array.prototype.evil = 1; JSON.stringify = null;\n"
                                             "return 1;"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
        for (int i = 0; i < 4; ++i) {
            o = run(
                QStringLiteral("return typeof leak + ',' + typeof [].evil + ',' + typeof JSON.stringify;"));
            QVERIFY2(!o.error, qPrintable(errorText(o)));
            QCOMPARE(QString::fromStdString(o.result.get<std::string>()),
                     QStringLiteral("undefined,undefined,function"));
        }
    }

    void cleanRunsReuseTheirEngine()
    {
        QVERIFY(!run(QStringLiteral("return 1;")).error);
        const int made = m_runner->enginesMade();
        // Scripts that leave only globals behind (deleted after each run) keep their engine.
        for (int i = 0; i < 30; ++i) {
            const ScriptOutcome o = run(QStringLiteral("var before = typeof counter;\n"
                                                       "counter = %1; this.other = [1, 2];\n"
                                                       "return before + ',' + JSON.stringify({n: counter});")
                                            .arg(i));
            QVERIFY2(!o.error, qPrintable(errorText(o)));
            QCOMPARE(QString::fromStdString(o.result.get<std::string>()),
                     QStringLiteral("undefined,{\"n\":%1}").arg(i));
        }
        // Built-in methods are frozen: nothing sticks to them, so the engine stays.
        const ScriptOutcome onMethod =
            run(QStringLiteral("JSON.parse.cache = 's'; return typeof JSON.parse.cache;"));
        QVERIFY2(!onMethod.error, qPrintable(errorText(onMethod)));
        QCOMPARE(QString::fromStdString(onMethod.result.get<std::string>()), QStringLiteral("undefined"));
        // Errors are runs like any other.
        QVERIFY(run(QStringLiteral("throw new Error('x');")).error);
        QVERIFY(!run(QStringLiteral("return [1, 2, 3].map(function (x) { return x * 2; });")).error);
        QCOMPARE(m_runner->enginesMade(), made);
    }

    void changesToBuiltInsRetireTheEngine_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("probe");
        QTest::newRow("prototype method") << "Array.prototype.push = function () { return 0; };"
                                          << "var a = []; a.push(1); return a.length;";
        QTest::newRow("property on a constructor") << "Array.cache = 'secret';"
                                                   << "return typeof Array.cache;";
        QTest::newRow("accessor on Object.prototype")
            << "Object.defineProperty(Object.prototype, 'get', {get: function () { return 'x'; }});"
            << "return typeof ({}).get;";
        QTest::newRow("prototype swapped") << "Object.setPrototypeOf(Math, null);"
                                           << "return typeof Math.hasOwnProperty;";
        QTest::newRow("frozen namespace") << "Object.freeze(JSON);"
                                          << "return Object.isFrozen(JSON);";
        QTest::newRow("global that cannot be deleted")
            << "Object.defineProperty((function () { return this; })(), 'pinned', {value: 's'});"
            << "return typeof pinned;";
        QTest::newRow("built-in global replaced") << "Math = {max: function () { return -1; }};"
                                                  << "return Math.max(1, 2);";
        QTest::newRow("deleted built-in") << "delete Array.prototype.map;"
                                          << "return typeof [].map;";
    }

    void changesToBuiltInsRetireTheEngine()
    {
        QFETCH(QString, change);
        QFETCH(QString, probe);
        const ScriptOutcome pristine = run(probe);
        QVERIFY2(!pristine.error, qPrintable(errorText(pristine)));
        const int made = m_runner->enginesMade();
        const ScriptOutcome changed = run(change + QStringLiteral("\nreturn 1;"));
        QVERIFY2(!changed.error, qPrintable(errorText(changed)));
        QCOMPARE(m_runner->enginesMade(), made + 1);
        const ScriptOutcome after = run(probe);
        QVERIFY2(!after.error, qPrintable(errorText(after)));
        QCOMPARE(after.result.dump(), pristine.result.dump());
    }

    void nothingCarriesOverBetweenRuns()
    {
        // The last match of a regular expression (RegExp.$1) and promise reactions, which never
        // run, must not reach the next run either.
        QVERIFY(!run(QStringLiteral("/(s3cr3t)/.exec('the s3cr3t'); return 1;")).error);
        ScriptOutcome o = run(QStringLiteral("return String(RegExp.$1 === undefined ? '' : RegExp.$1);"));
        QVERIFY2(!o.error, qPrintable(errorText(o)));
        QVERIFY(!QString::fromStdString(o.result.get<std::string>()).contains(QLatin1String("s3cr3t")));
        QVERIFY(!run(QStringLiteral("var g = this; Promise.resolve(1).then(function () { g.late = 1; });"
                                    "return 1;"))
                     .error);
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::processEvents();
            o = run(QStringLiteral("return typeof late;"));
            QCOMPARE(QString::fromStdString(o.result.get<std::string>()), QStringLiteral("undefined"));
        }
    }

    void garbageOfEarlierRunsIsNotChargedToTheNext()
    {
        // Runs that each leave tens of MiB of garbage behind on a reused engine, then a run
        // with a tight memory limit that allocates next to nothing while the watchdog looks.
        for (int i = 0; i < 4; ++i) {
            const ScriptOutcome big = run(QStringLiteral(
                "var parts = []; for (var i = 0; i < 40; ++i) parts.push('x'.repeat(5e5) + i);\n"
                "return parts.length;"));
            QVERIFY2(!big.error, qPrintable(errorText(big)));
        }
        ScriptJob tight;
        tight.memoryLimitBytes = 12LL * 1024 * 1024;
        const ScriptOutcome o =
            run(QStringLiteral("var t = Date.now(); while (Date.now() - t < 150) {}\nreturn 'ok';"), tight);
        QVERIFY2(!o.error, qPrintable(errorText(o)));
    }

    void depthLimit()
    {
        ScriptJob job;
        job.depth = ScriptRunner::kMaxDepth + 1;
        const ScriptOutcome o = run(QStringLiteral("return 1;"), job);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, ScriptError::DepthLimit);
        job.depth = ScriptRunner::kMaxDepth;
        QVERIFY(!run(QStringLiteral("return 1;"), job).error);
    }

    void queuedBeyondSlots()
    {
        // More runs than slots: all complete, each with its own result.
        constexpr int n = 12;
        int finished = 0;
        bool allRight = true;
        QEventLoop loop;
        for (int i = 0; i < n; ++i) {
            ScriptJob job;
            job.name = QStringLiteral("queued");
            job.source =
                QStringLiteral("var x = 0; for (var j = 0; j < 20000; ++j) x += j; return %1;").arg(i);
            m_runner->run(job, [&, i](ScriptOutcome o) {
                allRight = allRight && !o.error && o.result == i;
                if (++finished == n)
                    loop.quit();
            });
        }
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(finished, n);
        QVERIFY(allRight);
    }

    void shutdownStopsRunningScripts()
    {
        // A runner destroyed under a running endless loop interrupts it and returns; the
        // unfinished run gets no callback.
        ScriptErrorLog errors;
        auto runner = std::make_unique<ScriptRunner>(m_config, nullptr, nullptr, &errors);
        bool called = false;
        ScriptJob job;
        job.name = QStringLiteral("endless");
        job.source = QStringLiteral("while (true) {}");
        runner->run(job, [&called](ScriptOutcome) { called = true; });
        QTest::qWait(100);
        runner.reset();
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void errorLog()
    {
        ScriptErrorLog log(2);
        ScriptError e;
        e.name = QStringLiteral("a");
        for (int i = 1; i <= 3; ++i) {
            e.line = i;
            e.atMs = i;
            log.record(e);
        }
        e.name = QStringLiteral("b");
        e.atMs = 10;
        log.record(e);
        QCOMPARE(log.errors(QStringLiteral("a")).size(), 2);
        QCOMPARE(log.errors(QStringLiteral("a")).first().line, 3);
        QCOMPARE(log.errors().first().name, QStringLiteral("b"));
        log.clear(QStringLiteral("a"));
        QCOMPARE(log.errors().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "tst_scriptrunner.moc"
