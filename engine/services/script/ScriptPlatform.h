#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QJSValue>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QWaitCondition>

#include "ScriptRunner.h"
#include "http/HttpResponse.h"

namespace gatehouse {

// The native half of one run's `platform` and `console` objects (the JavaScript half is the
// prelude in ScriptRunner.cpp, which keeps this object in a closure the script cannot reach).
// Lives and is called on the run's worker thread. A platform call hands its request to the
// event loop thread (InternalDispatcher, OutboundHttp live there) and blocks this thread until
// the answer arrives or the runner shuts down; a blocked thread uses no CPU time, so the wait
// does not count against the script's CPU limit.
class ScriptPlatform : public QObject
{
    Q_OBJECT
public:
    // One blocked platform call. The runner's shutdown sets `aborted`, runs `cancel` (on the
    // event loop thread) and wakes the waiting script thread.
    struct Wait
    {
        QMutex mutex;
        QWaitCondition ready;
        bool done = false;
        bool aborted = false;
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray contentType;
        QByteArray body;
        QString failure;              // set: the call failed (egress refusal, network, too large)
        std::function<void()> cancel; // event loop thread only
    };

    // What the runner provides: registering a wait (false when shutting down) and the memory
    // check made on the script thread at every platform call.
    struct Hooks
    {
        std::function<bool(std::shared_ptr<Wait>)> beginWait;
        std::function<void()> endWait;
        std::function<QString()> limitExceeded; // non-empty: why the run must stop
    };

    static constexpr int kMaxLogLines = 200;
    static constexpr int kMaxLogLineChars = 4096;
    static constexpr qint64 kMaxHttpResponseBytes = 8 * 1024 * 1024;
    static constexpr int kHttpTimeoutMs = 30000;

    ScriptPlatform(const ScriptJob &job, InternalDispatcher *dispatcher, OutboundHttp *outbound, Hooks hooks,
                   QObject *parent = nullptr);

    QStringList takeLogs() { return std::exchange(m_logs, {}); }

    // `bodyJson`/`optionsJson`: JSON text from the prelude ("" for none). Return the response as
    // JSON text ({status_code, content, headers}) or throw a JavaScript Error.
    Q_INVOKABLE QString api(const QString &method, const QString &path, const QString &bodyJson,
                            const QString &optionsJson);
    Q_INVOKABLE QString http(const QString &method, const QString &url, const QString &bodyJson,
                             const QString &optionsJson);
    Q_INVOKABLE void log(const QString &level, const QString &text);

    // {status_code, content (parsed JSON or text), headers} of a response.
    static Json responseJson(int status, const QByteArray &contentType,
                             const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);

private:
    QString fail(const QString &message);
    // Blocks until `wait` completes; false (with a JavaScript error thrown) when aborted.
    bool block(const std::shared_ptr<Wait> &wait);

    const ScriptJob &m_job;
    InternalDispatcher *m_dispatcher;
    OutboundHttp *m_outbound;
    Hooks m_hooks;
    QStringList m_logs;
    int m_droppedLogs = 0;
};
} // namespace gatehouse
