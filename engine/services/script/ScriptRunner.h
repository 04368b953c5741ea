#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QObject>
#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "http/InternalDispatcher.h"
#include "security/AccessTypes.h"

namespace gatehouse {

struct Config;
class OutboundHttp;
class ScriptErrorLog;

// Why a script failed. `name` is the script's name (a scripted service's name, or an event
// script's event name) and `line` the 1-based line in its source (0 when unknown): both go into
// the 500 the caller sees and into ScriptErrorLog.
struct ScriptError
{
    enum Kind
    {
        Exception, // a throw, a syntax error, a bad return value
        CpuLimit,  // ran longer than its CPU time limit (an endless loop)
        MemoryLimit,
        DepthLimit, // platform.api nested deeper than ScriptRunner::kMaxDepth
        Aborted,    // the engine is shutting down
    };
    Kind kind = Exception;
    QString name;
    QString message;
    int line = 0;
    QString requestId;
    qint64 atMs = 0; // wall clock

    QString kindName() const; // "exception", "cpu_limit", "memory_limit", "depth_limit", "aborted"
    Json toJson() const;
};

// One script run. The script sees:
//   event            = job.event ({"request": {method, path, parameters, headers, body},
//                      "response": {status_code, content, headers} for post_process,
//                      "resource": "<path below the service>"}); changes it may make to
//                      event.request / event.response come back in ScriptOutcome::event;
//   platform.api.{get,post,put,patch,delete}(path, body, {parameters, headers}) → {status_code,
//                      content, headers}: "service/resource" dispatched in-process
//                      (InternalDispatcher) under job.session with requestor SCRIPT;
//   platform.http.{get,post,...}(url, body, {parameters, headers}) through OutboundHttp with the
//                      EgressPolicy built from job.allowedHosts (none: platform.http refuses);
//   platform.session = {user, role, app, lookups (public only)}; platform.config = job.config;
//   console.log/info/warn/error → ScriptOutcome::logs.
// Nothing else: no file, process, module import or network access.
struct ScriptJob
{
    QString name;
    QString source;
    Json event = Json::object();
    Json config = Json::object();
    Session session;
    InternalOrigin origin; // origin.parentRequestId: the request that runs the script
    int depth = 0;         // 0: run for a client's request; n: inside n nested platform.api calls
    QStringList allowedHosts;
    int cpuLimitMs = 0;          // 0: the engine default (Config::scriptCpuLimitMs)
    qint64 memoryLimitBytes = 0; // 0: the engine default (Config::scriptMemoryLimitBytes)

    // A job run for `context`'s request: its identity, its origin `originName`, its nesting depth.
    static ScriptJob forRequest(const RequestContext &context, const QString &originName);
};

struct ScriptOutcome
{
    std::optional<ScriptError> error;
    Json event;  // the event object as the script left it
    Json result; // the script's return value (null for undefined)
    QStringList logs;
};

// Runs scripts on worker threads, one QJSEngine per thread, never on the event loop. A script
// blocks its own thread while a platform call runs (scripts are written synchronously, as in
// DreamFactory), so runs for client requests (depth 0) are bounded by a slot count and queue
// beyond it, while nested runs (depth > 0) always get a thread of their own: a script waiting on
// a nested script can never wait for a slot it occupies, and nesting depth bounds the extra
// threads. A watchdog interrupts a script past its CPU time (time spent waiting on platform
// calls does not count) or memory limit.
class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxDepth = 8;

    ScriptRunner(const Config &config, InternalDispatcher *dispatcher, OutboundHttp *outbound,
                 ScriptErrorLog *errors, QObject *parent = nullptr);
    ~ScriptRunner() override; // interrupts running scripts (Aborted) and joins the threads

    // Call on the event loop thread; `done` runs there, exactly once, never inside run().
    // Failures are also recorded in the ScriptErrorLog under job.name.
    void run(ScriptJob job, std::function<void(ScriptOutcome)> done);
    // Where failures are recorded (may be null).
    ScriptErrorLog *errorLog() const;
    // How many JavaScript engines the workers have made so far (a clean run reuses its engine).
    int enginesMade() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};
} // namespace gatehouse
