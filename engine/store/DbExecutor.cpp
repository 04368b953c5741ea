#include "DbExecutor.h"

#include <spdlog/spdlog.h>

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include "SqliteRows.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {
QAtomicInteger<quint64> g_connectionCounter;
}

DbExecutor::DbExecutor(ConnectionSpec spec, int threads, QString name, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_name(std::move(name))
{
    const int count = qMax(1, threads);
    for (int i = 0; i < count; ++i) {
        QThread *thread = QThread::create([this, i] { workerLoop(i); });
        thread->setObjectName(QStringLiteral("db:%1:%2").arg(m_name).arg(i));
        m_threads.push_back(thread);
        thread->start();
    }
}

DbExecutor::~DbExecutor()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (QThread *thread : m_threads) {
        thread->wait();
        delete thread;
    }
}

void DbExecutor::enqueue(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void DbExecutor::workerLoop(int index)
{
    const QString connectionName =
        QStringLiteral("%1-%2-%3").arg(m_name).arg(index).arg(g_connectionCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(m_spec.driver, connectionName);
        for (;;) {
            Job job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_queue.empty())
                    break;
                job = std::move(m_queue.front());
                m_queue.pop_front();
            }
            job(db);
        }
        close(db);
    }
    QSqlDatabase::removeDatabase(connectionName);
}

void DbExecutor::submitRequest(std::function<HttpResponse(QSqlDatabase &)> work,
                               std::function<void(HttpResponse)> done)
{
    submit(
        [this, work = std::move(work)](QSqlDatabase &db) -> HttpResponse {
            try {
                ensureOpen(db, m_spec);
                return work(db);
            } catch (const ApiError &error) {
                return HttpResponse::fromError(error);
            } catch (const std::exception &e) {
                spdlog::error("[{}] unhandled error in database job: {}", m_name.toStdString(), e.what());
                return HttpResponse::fromError(ApiError::internal(QStringLiteral("Internal server error.")));
            }
        },
        std::move(done));
}

QSqlDatabase DbExecutor::openConnection(const ConnectionSpec &spec, const QString &connectionName,
                                        QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(spec.driver, connectionName);
    try {
        ensureOpen(db, spec);
    } catch (const ApiError &e) {
        if (error)
            *error = e.message();
    }
    return db;
}

void *DbExecutor::nativeHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // Every driver stores a pointer type.
    return handle.isValid() ? *static_cast<void *const *>(handle.constData()) : nullptr;
}

void DbExecutor::close(QSqlDatabase &db)
{
    SqliteRows::release(db);
    db.close();
}

void DbExecutor::ensureOpen(QSqlDatabase &db, const ConnectionSpec &spec)
{
    if (db.isOpen() && db.isValid())
        return;
    db.setHostName(spec.host);
    if (spec.port > 0)
        db.setPort(spec.port);
    db.setDatabaseName(spec.database);
    db.setUserName(spec.username);
    db.setPassword(spec.password);
    QString options = spec.options;
    auto addOption = [&options](const QString &option) {
        if (!options.isEmpty())
            options += QLatin1Char(';');
        options += option;
    };
    if (spec.driver == QLatin1String("QPSQL"))
        addOption(QStringLiteral("connect_timeout=5"));
    else if (spec.driver == QLatin1String("QMYSQL"))
        addOption(QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=5"));
    else if (spec.driver == QLatin1String("QSQLITE"))
        addOption(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    db.setConnectOptions(options);
    if (!db.open()) {
        // The driver's text can name hosts and users: log it, do not return it.
        spdlog::warn("database connection to {} failed: {}", spec.database.toStdString(),
                     db.lastError().text().toStdString());
        throw ApiError(503, QStringLiteral("The database is not available. Try again later."));
    }
    QSqlQuery q(db);
    QStringList statements;
    if (spec.driver == QLatin1String("QPSQL"))
        // NOTICE lines would otherwise go straight to stderr through libpq, bypassing our logs.
        statements << QStringLiteral("SET statement_timeout = %1").arg(spec.statementTimeoutMs)
                   << QStringLiteral("SET client_min_messages TO WARNING");
    else if (spec.driver == QLatin1String("QMYSQL"))
        statements
            << QStringLiteral("SET SESSION max_statement_time = %1").arg(spec.statementTimeoutMs / 1000.0);
    else if (spec.driver == QLatin1String("QSQLITE"))
        // A 16 MB page cache (SQLite's default is 2 MB): the system database's log tables
        // outgrow the default quickly, and each miss is a pread on the batch writer's path.
        statements << QStringLiteral("PRAGMA foreign_keys = ON")
                   << QStringLiteral("PRAGMA cache_size = -16384");
    statements += spec.initStatements;
    for (const QString &statement : std::as_const(statements)) {
        if (!q.exec(statement)) {
            spdlog::warn("connection init statement failed: {}", q.lastError().text().toStdString());
            close(db);
            throw ApiError(503, QStringLiteral("The database connection could not be initialised."));
        }
    }
}
} // namespace gatehouse
