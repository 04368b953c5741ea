#include "ScriptRunner.h"

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <optional>
#include <private/qv4engine_p.h>
#include <private/qv4mm_p.h>
#include <pthread.h>
#include <thread>

#include <QDateTime>
#include <QHash>
#include <QJSEngine>
#include <QMetaObject>
#include <QThread>
#include <QTimeZone>

#include "ReusableScriptEngine.h"
#include "ScriptErrorLog.h"
#include "ScriptPlatform.h"
#include "core/Config.h"
#include "security/AccessSnapshot.h"
#include "services/RequestContext.h"

namespace gatehouse {

QString ScriptError::kindName() const
{
    switch (kind) {
    case Exception:
        return QStringLiteral("exception");
    case CpuLimit:
        return QStringLiteral("cpu_limit");
    case MemoryLimit:
        return QStringLiteral("memory_limit");
    case DepthLimit:
        return QStringLiteral("depth_limit");
    case Aborted:
        return QStringLiteral("aborted");
    }
    return QStringLiteral("exception");
}

Json ScriptError::toJson() const
{
    return Json{{"name", name},
                {"kind", kindName()},
                {"message", message},
                {"line", line},
                {"request_id", requestId},
                {"time", QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)}};
}

namespace {
// The JavaScript half of `platform` and `console`: evaluated once per engine, called once per
// run (each run gets its own closures). `native` (the ScriptPlatform) stays in this closure:
// the script only ever sees the frozen wrappers, never the QObject (no deleteLater, no
// signals). JSON.parse/stringify are taken here, before the script can replace them. run() calls the script's
// function and turns whatever happens into plain strings and numbers, still inside the watchdog's reach (a
// toJSON or getter can loop too).
const char *const kPrelude = R"JS((function (native, sessionText, configText, eventText) {
    'use strict';
    var parse = JSON.parse, stringify = JSON.stringify, freeze = Object.freeze;
    function text(args) {
        var parts = [];
        for (var i = 0; i < args.length; ++i) {
            var a = args[i], s;
            if (typeof a === 'string') {
                s = a;
            } else {
                try { s = stringify(a); } catch (e) { s = undefined; }
                if (s === undefined)
                    s = String(a);
            }
            parts.push(s);
        }
        return parts.join(' ');
    }
    function json(value) {
        return value === undefined || value === null ? '' : stringify(value);
    }
    function verbs(call) {
        var v = {};
        ['get', 'post', 'put', 'patch', 'delete'].forEach(function (m) {
            v[m] = function (target, body, options) {
                return parse(call(m.toUpperCase(), String(target), json(body), json(options)));
            };
        });
        return freeze(v);
    }
    var platform = freeze({
        api: verbs(function (m, t, b, o) { return native.api(m, t, b, o); }),
        http: verbs(function (m, t, b, o) { return native.http(m, t, b, o); }),
        session: parse(sessionText),
        config: parse(configText)
    });
    function logger(level) {
        return function () { native.log(level, text(arguments)); };
    }
    var console = freeze({ log: logger('log'), info: logger('info'), warn: logger('warn'),
                           error: logger('error'), debug: logger('debug') });
    var event = parse(eventText);
    function describe(e, out) {
        try {
            if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
                out.name = String(e.name === undefined ? 'Error' : e.name);
                out.message = String(e.message === undefined ? '' : e.message);
                out.line = Number(e.lineNumber) || 0;
                out.file = String(e.fileName === undefined ? '' : e.fileName);
                out.stack = String(e.stack === undefined ? '' : e.stack);
            } else {
                out.name = 'Error';
                out.message = String(e);
            }
        } catch (x) {
            out.name = 'Error';
            out.message = 'a value that cannot be described was thrown';
        }
    }
    function run(fn) {
        var out = { ok: false };
        try {
            var value = fn(event, platform, console);
            try {
                out.result = value === undefined ? 'null' : stringify(value);
                if (out.result === undefined)
                    out.result = 'null';
                out.event = stringify(event);
                out.ok = true;
            } catch (e) {
                describe(e, out);
                out.message = 'the return value is not JSON: ' + out.message;
            }
        } catch (e) {
            describe(e, out);
        }
        return out;
    }
    return { run: run };
}))JS";

qint64 threadCpuNs(clockid_t clock)
{
    timespec ts{};
    if (clock_gettime(clock, &ts) != 0)
        return 0;
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

// The script's line from an error's fileName/lineNumber, else from the first frame of its stack
// ("function@file:line") that lies in the script (errors thrown by platform calls are created
// in the prelude, one frame below the script's call).
int scriptLine(const QString &file, int line, const QString &stack, const QString &scriptFile)
{
    // V4 reports a file name that is not a URL as "file:<name>".
    auto inScript = [&scriptFile](QString name) {
        if (name.startsWith(QLatin1String("file:")))
            name.remove(0, 5);
        return name == scriptFile;
    };
    if (inScript(file) && line > 0)
        return line;
    for (const QString &frame : stack.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString location = frame.section(QLatin1Char('@'), 1);
        const int colon = location.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && inScript(location.left(colon))) {
            bool ok = false;
            const int n = location.mid(colon + 1).toInt(&ok);
            if (ok && n > 0)
                return n;
        }
    }
    return 0;
}

// What the watchdog may read of a heap another thread is changing: two words the script thread
// updates in place (no containers that may reallocate under us), read without a lock, so at
// worst a slightly stale value. `unmanagedHeapSize`: string and array payloads held by managed
// objects; `usedSlotsAfterLastFullSweep`: the managed objects that survived the last
// collection (V4 collects often while a script allocates, so this follows a growing heap).
qint64 heapEstimate(QV4::MemoryManager &memory)
{
    const std::size_t unmanaged =
        std::atomic_ref<std::size_t>(memory.unmanagedHeapSize).load(std::memory_order_relaxed);
    const std::size_t survivors =
        std::atomic_ref<std::size_t>(memory.usedSlotsAfterLastFullSweep).load(std::memory_order_relaxed);
    return qint64(unmanaged) + qint64(survivors) * QV4::Chunk::SlotSize;
}

Json sessionJson(const Session &session)
{
    Json out = Json::object();
    if (session.user) {
        const User &u = *session.user;
        out["user"] = Json{{"id", u.id},
                           {"email", u.email},
                           {"name", u.name},
                           {"first_name", u.firstName},
                           {"last_name", u.lastName},
                           {"is_sys_admin", u.isSysAdmin}};
    } else {
        out["user"] = nullptr;
    }
    out["role"] = session.role ? Json{{"id", session.role->id}, {"name", session.role->name}} : Json(nullptr);
    out["app"] = session.app ? Json{{"id", session.app->id}, {"name", session.app->name}} : Json(nullptr);
    // Public custom lookups as LookupResolver resolves them (user over role over app over
    // system); a name whose most specific entry is private is left out altogether, so a less
    // specific public value never stands in for it.
    Json lookups = Json::object();
    if (session.snapshot) {
        const LookupTable &table = session.snapshot->lookups;
        auto apply = [&lookups](const LookupTable::Names &names) {
            for (auto it = names.cbegin(); it != names.cend(); ++it) {
                if (it.value().isPrivate)
                    lookups.erase(it.key().toStdString());
                else
                    lookups[it.key().toStdString()] = it.value().value.toStdString();
            }
        };
        apply(table.system);
        if (session.app)
            apply(table.byApp.value(session.app->id));
        if (session.role)
            apply(table.byRole.value(session.role->id));
        if (session.user)
            apply(table.byUser.value(session.user->id));
    }
    out["lookups"] = std::move(lookups);
    return out;
}
} // namespace

class ScriptRunner::Private
{
public:
    // One executing script: its worker and the watchdog share it under `mutex`.
    struct Run
    {
        QJSEngine *engine = nullptr;
        QV4::MemoryManager *memory = nullptr;
        clockid_t clock{};
        qint64 cpuStartNs = 0;
        qint64 cpuLimitNs = 0;
        qint64 memoryLimit = 0;
        std::atomic<int> stop{-1}; // a ScriptError::Kind once the run must end
        std::shared_ptr<ScriptPlatform::Wait> wait;
    };
    struct Task
    {
        quint64 id = 0;
        ScriptJob job;
        Json session;
    };
    struct Worker
    {
        QThread *thread = nullptr;
        std::mutex mutex;
        std::condition_variable wake;
        std::optional<Task> task;
        bool stop = false;
    };

    ScriptRunner *q = nullptr;
    int defaultCpuMs = 5000;
    qint64 defaultMemory = 64LL * 1024 * 1024;
    int slotCount = 8;
    InternalDispatcher *dispatcher = nullptr;
    OutboundHttp *outbound = nullptr;
    ScriptErrorLog *errors = nullptr;

    // Event loop thread only.
    QHash<quint64, std::function<void(ScriptOutcome)>> pending;
    std::vector<std::unique_ptr<Worker>> workers;
    QList<Worker *> idle;
    std::deque<Task> queued; // depth-0 runs waiting for a slot
    int busySlots = 0;
    quint64 nextId = 1;

    // Shared with the workers and the watchdog.
    std::mutex mutex;
    std::condition_variable watchdogWake;
    QList<Run *> runs;
    bool shuttingDown = false;
    std::thread watchdog;
    std::atomic<int> enginesMade{0};

    void start(Task task);
    void finished(Worker *worker, quint64 id, int depth, ScriptOutcome outcome);
    void workerLoop(Worker *worker);
    ScriptOutcome execute(ReusableScriptEngine &slot, const Task &task);
    void watch();
    QString memoryCheck(Run &run);
};

void ScriptRunner::Private::start(Task task)
{
    Worker *worker = nullptr;
    if (!idle.isEmpty()) {
        worker = idle.takeLast();
    } else {
        auto owned = std::make_unique<Worker>();
        worker = owned.get();
        worker->thread = QThread::create([this, worker] { workerLoop(worker); });
        worker->thread->setObjectName(QStringLiteral("script"));
        workers.push_back(std::move(owned));
        worker->thread->start();
    }
    {
        std::lock_guard lock(worker->mutex);
        worker->task = std::move(task);
    }
    worker->wake.notify_one();
}

void ScriptRunner::Private::finished(Worker *worker, quint64 id, int depth, ScriptOutcome outcome)
{
    idle.append(worker);
    if (depth == 0) {
        --busySlots;
        while (busySlots < slotCount && !queued.empty()) {
            ++busySlots;
            Task next = std::move(queued.front());
            queued.pop_front();
            start(std::move(next));
        }
    }
    auto done = pending.take(id);
    if (outcome.error && errors)
        errors->record(*outcome.error);
    if (done)
        done(std::move(outcome));
}

void ScriptRunner::Private::workerLoop(Worker *worker)
{
    // An engine serves run after run while it stays as it was made (ReusableScriptEngine: a
    // script may change globals and built-in prototypes, and that must never reach another
    // caller's run). A retired engine's successor is made while the worker is idle, so the
    // creation cost stays off the request path.
    const QString prelude = QString::fromUtf8(kPrelude);
    auto makeEngine = [this, &prelude] {
        enginesMade.fetch_add(1, std::memory_order_relaxed);
        return std::make_unique<ReusableScriptEngine>(prelude);
    };
    auto engine = makeEngine();
    for (;;) {
        Task task;
        {
            std::unique_lock lock(worker->mutex);
            worker->wake.wait(lock, [worker] { return worker->task.has_value() || worker->stop; });
            if (worker->stop)
                break;
            task = std::move(*worker->task);
            worker->task.reset();
        }
        ScriptOutcome outcome = execute(*engine, task);
        if (!engine->recycle())
            engine.reset();
        QMetaObject::invokeMethod(
            q,
            [this, worker, id = task.id, depth = task.job.depth, outcome = std::move(outcome)]() mutable {
                finished(worker, id, depth, std::move(outcome));
            },
            Qt::QueuedConnection);
        if (!engine)
            engine = makeEngine();
    }
}

QString ScriptRunner::Private::memoryCheck(Run &run)
{
    // On the script thread (inside a platform call): the memory manager's own counters are
    // safe to read here. Garbage counts until collected, so collect once before judging.
    auto used = [&run] { return ReusableScriptEngine::heapInUse(*run.memory); };
    if (used() > run.memoryLimit) {
        run.memory->runGC();
        if (used() > run.memoryLimit) {
            int expected = -1;
            run.stop.compare_exchange_strong(expected, ScriptError::MemoryLimit);
        }
    }
    if (run.stop.load() >= 0) {
        run.engine->setInterrupted(true);
        return QStringLiteral("The script was stopped.");
    }
    return QString();
}

ScriptOutcome ScriptRunner::Private::execute(ReusableScriptEngine &slot, const Task &task)
{
    QJSEngine &engine = slot.engine();
    const ScriptJob &job = task.job;
    ScriptOutcome outcome;
    outcome.event = job.event;
    auto failWith = [&outcome, &job](ScriptError::Kind kind, const QString &message, int line) {
        ScriptError error;
        error.kind = kind;
        error.name = job.name;
        error.message = message;
        error.line = line;
        error.requestId = job.origin.parentRequestId;
        error.atMs = QDateTime::currentMSecsSinceEpoch();
        outcome.error = error;
    };

    Run run;
    run.engine = &engine;
    run.memory = engine.handle()->memoryManager;
    pthread_getcpuclockid(pthread_self(), &run.clock);
    const int cpuMs = job.cpuLimitMs > 0 ? std::min(job.cpuLimitMs, defaultCpuMs) : defaultCpuMs;
    run.cpuLimitNs = qint64(cpuMs) * 1000000LL;
    run.memoryLimit =
        job.memoryLimitBytes > 0 ? std::min(job.memoryLimitBytes, defaultMemory) : defaultMemory;

    ScriptPlatform::Hooks hooks;
    hooks.beginWait = [this, &run](std::shared_ptr<ScriptPlatform::Wait> wait) {
        std::lock_guard lock(mutex);
        if (shuttingDown)
            return false;
        run.wait = std::move(wait);
        return true;
    };
    hooks.endWait = [this, &run] {
        std::lock_guard lock(mutex);
        run.wait.reset();
    };
    hooks.limitExceeded = [this, &run] { return memoryCheck(run); };
    ScriptPlatform native(job, dispatcher, outbound, std::move(hooks));
    QJSEngine::setObjectOwnership(&native, QJSEngine::CppOwnership);

    const QString scriptFile = QStringLiteral("script:") + job.name;
    {
        std::lock_guard lock(mutex);
        if (shuttingDown) {
            failWith(ScriptError::Aborted, QStringLiteral("The gateway is shutting down."), 0);
            return outcome;
        }
        run.cpuStartNs = threadCpuNs(run.clock);
        runs.append(&run);
    }
    watchdogWake.notify_all();

    QString name, message, file, stack, resultText, eventText;
    int line = 0;
    bool ok = false, syntax = false;
    try {
        QJSValue parts = slot.prelude().call(
            {engine.newQObject(&native), QString::fromUtf8(dumpJson(task.session)),
             QString::fromUtf8(dumpJson(job.config.is_null() ? Json::object() : job.config)),
             QString::fromUtf8(dumpJson(job.event))});
        // The script becomes the body of a function, so `return` works at its top level as in
        // DreamFactory; its first line stays line 1.
        QJSValue fn = engine.evaluate(QStringLiteral("(function (event, platform, console) {") + job.source +
                                          QStringLiteral("\n})"),
                                      scriptFile, 1);
        if (fn.isError()) {
            syntax = true;
            name = fn.property(QStringLiteral("name")).toString();
            message = fn.property(QStringLiteral("message")).toString();
            line = fn.property(QStringLiteral("lineNumber")).toInt();
        } else if (!fn.isCallable() || parts.isError()) {
            syntax = true;
            name = QStringLiteral("SyntaxError");
            message = QStringLiteral("the script is not a function body");
        } else {
            QJSValue out = parts.property(QStringLiteral("run")).call({fn});
            ok = out.property(QStringLiteral("ok")).toBool();
            if (ok) {
                resultText = out.property(QStringLiteral("result")).toString();
                eventText = out.property(QStringLiteral("event")).toString();
            } else {
                name = out.property(QStringLiteral("name")).toString();
                message = out.property(QStringLiteral("message")).toString();
                line = out.property(QStringLiteral("line")).toInt();
                file = out.property(QStringLiteral("file")).toString();
                stack = out.property(QStringLiteral("stack")).toString();
            }
        }
    } catch (const std::exception &) {
        ok = false;
        name = QStringLiteral("Error");
        message = QStringLiteral("the script engine failed");
    }
    {
        std::lock_guard lock(mutex);
        runs.removeOne(&run);
    }
    outcome.logs = native.takeLogs();

    const int stop = run.stop.load();
    if (stop == ScriptError::CpuLimit) {
        failWith(ScriptError::CpuLimit, QStringLiteral("exceeded its CPU time limit of %1 ms").arg(cpuMs), 0);
    } else if (stop == ScriptError::MemoryLimit) {
        failWith(ScriptError::MemoryLimit,
                 QStringLiteral("exceeded its memory limit of %1 MiB").arg(run.memoryLimit / (1024 * 1024)),
                 0);
    } else if (stop == ScriptError::Aborted) {
        failWith(ScriptError::Aborted, QStringLiteral("The gateway is shutting down."), 0);
    } else if (syntax) {
        failWith(ScriptError::Exception, QStringLiteral("%1: %2").arg(name, message), line);
    } else if (!ok) {
        failWith(ScriptError::Exception,
                 name.isEmpty() ? message : QStringLiteral("%1: %2").arg(name, message),
                 scriptLine(file, line, stack, scriptFile));
    } else {
        const Json result = parseJsonOrDiscarded(resultText.toUtf8());
        const Json event = parseJsonOrDiscarded(eventText.toUtf8());
        outcome.result = result.is_discarded() ? Json(nullptr) : result;
        if (!event.is_discarded())
            outcome.event = event;
    }
    return outcome;
}

void ScriptRunner::Private::watch()
{
    // Polls each running script's own thread CPU clock: time blocked in a platform call does
    // not advance it. Memory: heapEstimate() (two words, read without a lock); the full
    // counters are checked on the script thread at platform calls (memoryCheck).
    std::unique_lock lock(mutex);
    while (!shuttingDown) {
        if (runs.isEmpty())
            watchdogWake.wait(lock);
        else
            watchdogWake.wait_for(lock, std::chrono::milliseconds(10));
        for (Run *run : std::as_const(runs)) {
            if (run->stop.load() >= 0)
                continue;
            int reason = -1;
            if (threadCpuNs(run->clock) - run->cpuStartNs > run->cpuLimitNs)
                reason = ScriptError::CpuLimit;
            else if (heapEstimate(*run->memory) > run->memoryLimit)
                reason = ScriptError::MemoryLimit;
            if (reason >= 0) {
                int expected = -1;
                if (run->stop.compare_exchange_strong(expected, reason))
                    run->engine->setInterrupted(true);
            }
        }
    }
}

ScriptJob ScriptJob::forRequest(const RequestContext &context, const QString &originName)
{
    ScriptJob job;
    job.session = context.session;
    job.origin = InternalOrigin::of(context, originName);
    job.depth = context.scriptDepth;
    return job;
}

ScriptRunner::ScriptRunner(const Config &config, InternalDispatcher *dispatcher, OutboundHttp *outbound,
                           ScriptErrorLog *errors, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->defaultCpuMs = std::max(1, config.scriptCpuLimitMs);
    d->defaultMemory = std::max<qint64>(1024 * 1024, config.scriptMemoryLimitBytes);
    d->slotCount = std::max(1, config.scriptSlots);
    d->dispatcher = dispatcher;
    d->outbound = outbound;
    d->errors = errors;
    d->watchdog = std::thread([this] { d->watch(); });
}

ScriptRunner::~ScriptRunner()
{
    {
        std::lock_guard lock(d->mutex);
        d->shuttingDown = true;
        for (Private::Run *run : std::as_const(d->runs)) {
            int expected = -1;
            run->stop.compare_exchange_strong(expected, ScriptError::Aborted);
            run->engine->setInterrupted(true);
            if (run->wait) {
                QMutexLocker waitLock(&run->wait->mutex);
                run->wait->aborted = true;
                if (run->wait->cancel)
                    run->wait->cancel();
                run->wait->ready.wakeAll();
            }
        }
    }
    d->watchdogWake.notify_all();
    d->watchdog.join();
    for (const auto &worker : d->workers) {
        {
            std::lock_guard lock(worker->mutex);
            worker->stop = true;
        }
        worker->wake.notify_one();
    }
    for (const auto &worker : d->workers) {
        worker->thread->wait();
        delete worker->thread;
    }
    // Runs that never finished get no callback: whoever waited is being torn down too.
    d->pending.clear();
    d->queued.clear();
}

ScriptErrorLog *ScriptRunner::errorLog() const
{
    return d->errors;
}

int ScriptRunner::enginesMade() const
{
    return d->enginesMade.load(std::memory_order_relaxed);
}

void ScriptRunner::run(ScriptJob job, std::function<void(ScriptOutcome)> done)
{
    Private::Task task;
    task.id = d->nextId++;
    task.session = sessionJson(job.session);
    task.job = std::move(job);
    if (task.job.depth > kMaxDepth || d->shuttingDown) {
        ScriptError error;
        error.kind = d->shuttingDown ? ScriptError::Aborted : ScriptError::DepthLimit;
        error.name = task.job.name;
        error.message =
            error.kind == ScriptError::Aborted
                ? QStringLiteral("The gateway is shutting down.")
                : QStringLiteral("platform.api calls are nested deeper than %1 scripts").arg(kMaxDepth);
        error.requestId = task.job.origin.parentRequestId;
        error.atMs = QDateTime::currentMSecsSinceEpoch();
        ScriptOutcome outcome;
        outcome.event = task.job.event;
        outcome.error = error;
        QMetaObject::invokeMethod(
            this,
            [this, outcome = std::move(outcome), done = std::move(done)]() mutable {
                if (d->errors)
                    d->errors->record(*outcome.error);
                done(std::move(outcome));
            },
            Qt::QueuedConnection);
        return;
    }
    d->pending.insert(task.id, std::move(done));
    if (task.job.depth > 0) {
        d->start(std::move(task)); // nested: never waits for a slot its caller may hold
    } else if (d->busySlots < d->slotCount) {
        ++d->busySlots;
        d->start(std::move(task));
    } else {
        d->queued.push_back(std::move(task));
    }
}
} // namespace gatehouse
