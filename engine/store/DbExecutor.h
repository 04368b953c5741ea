#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <type_traits>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>

#include "ConnectionSpec.h"
#include "core/LogContext.h"
#include "http/HttpResponse.h"

class QThread;

namespace gatehouse {

// A fixed set of worker threads, each owning one connection to one database. Work is queued
// and runs on whichever worker is free; its result is delivered back on the thread that owns
// the executor (the engine's event loop). Nothing here ever blocks that thread.
class DbExecutor : public QObject
{
    Q_OBJECT
public:
    DbExecutor(ConnectionSpec spec, int threads, QString name, QObject *parent = nullptr);
    // Runs every job already queued, then stops the workers.
    ~DbExecutor() override;

    const ConnectionSpec &spec() const { return m_spec; }

    // `work(db)` runs on a worker; `done(result)` runs afterwards on the executor's thread.
    // `work` must not throw; use submitRequest() for handlers that report ApiErrors.
    template <typename Work, typename Done>
    void submit(Work work, Done done)
    {
        using Result = std::invoke_result_t<Work &, QSqlDatabase &>;
        QPointer<DbExecutor> self(this);
        // The request the job is for follows it to the worker and back, for log lines.
        std::string requestId = LogContext::requestId();
        enqueue([self, requestId, work = std::move(work), done = std::move(done)](QSqlDatabase &db) mutable {
            LogContext::Scope scope(requestId);
            Result result = work(db);
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [requestId, done = std::move(done), result = std::move(result)]() mutable {
                    LogContext::Scope scope(requestId);
                    // Qt may free this functor on the worker (invokeMethod drops its own
                    // reference after posting); `done` can hold the last reference to a service,
                    // whose executor must not be destroyed on its own worker. Moving it into a
                    // local destroys it here, on the executor's thread.
                    auto call = std::move(done);
                    call(std::move(result));
                },
                Qt::QueuedConnection);
        });
    }

    // Request-handler form: opens the connection if needed (503 when the database is down),
    // turns a thrown ApiError into its envelope and any other exception into a 500.
    void submitRequest(std::function<HttpResponse(QSqlDatabase &)> work,
                       std::function<void(HttpResponse)> done);

    // Opens a connection with `spec` on the calling thread, for one-off use (CLI, tests).
    static QSqlDatabase openConnection(const ConnectionSpec &spec, const QString &connectionName,
                                       QString *error);
    // Throws ApiError 503 if `db` is closed and cannot be reopened.
    static void ensureOpen(QSqlDatabase &db, const ConnectionSpec &spec);
    // Closes a worker's connection (to be reopened by ensureOpen()), releasing what is kept
    // for it first; never call db.close() on a worker's connection directly.
    static void close(QSqlDatabase &db);
    // The driver's native connection (sqlite3*, PGconn*, MYSQL*); null when there is none.
    static void *nativeHandle(const QSqlDatabase &db);

private:
    using Job = std::function<void(QSqlDatabase &)>;
    void enqueue(Job job);
    void workerLoop(int index);

    ConnectionSpec m_spec;
    QString m_name;
    std::vector<QThread *> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
};
} // namespace gatehouse
