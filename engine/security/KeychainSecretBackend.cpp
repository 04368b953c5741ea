#include "KeychainSecretBackend.h"

#include <chrono>
#include <future>
#include <memory>
#include <spdlog/spdlog.h>

#include <QCoreApplication>
#include <QThread>
#include <QUuid>
#include <qt6keychain/keychain.h>

namespace gatehouse {
namespace {
const QString kServiceName = QStringLiteral("gatehouse");

struct Outcome
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString = QStringLiteral("the keychain did not answer in time");
    QByteArray data;
};

// The one thread every QtKeychain job runs on (QtKeychain queues jobs in a process-wide
// singleton that must stay on one thread). Started on first use, stopped when the application
// object goes away.
QObject *keychainContext()
{
    static QObject *context = [] {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("keychain"));
        auto *object = new QObject;
        object->moveToThread(thread);
        QObject::connect(thread, &QThread::finished, object, &QObject::deleteLater);
        thread->start();
        qAddPostRoutine([] {
            if (QThread *t = keychainContext()->thread()) {
                t->quit();
                t->wait(5000);
            }
        });
        return object;
    }();
    return context;
}

enum class Operation
{
    Read,
    Write,
    Delete
};

// Runs one job on the keychain thread and waits for it on the calling thread.
Outcome runJob(Operation operation, const QString &key, const QByteArray &data, int timeoutMs)
{
    QObject *context = keychainContext();
    if (QThread::currentThread() == context->thread())
        return Outcome{
            QKeychain::OtherError, QStringLiteral("keychain job started on the keychain thread"), {}};
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    QMetaObject::invokeMethod(
        context,
        [operation, key, data, promise] {
            QKeychain::Job *job = nullptr;
            switch (operation) {
            case Operation::Read:
                job = new QKeychain::ReadPasswordJob(kServiceName);
                break;
            case Operation::Write: {
                auto *write = new QKeychain::WritePasswordJob(kServiceName);
                write->setBinaryData(data);
                job = write;
                break;
            }
            case Operation::Delete:
                job = new QKeychain::DeletePasswordJob(kServiceName);
                break;
            }
            job->setAutoDelete(true);
            job->setInsecureFallback(false);
            job->setKey(key);
            QObject::connect(job, &QKeychain::Job::finished, job, [promise, operation](QKeychain::Job *done) {
                Outcome outcome;
                outcome.error = done->error();
                outcome.errorString = done->errorString();
                if (operation == Operation::Read && outcome.error == QKeychain::NoError)
                    outcome.data = static_cast<QKeychain::ReadPasswordJob *>(done)->binaryData();
                promise->set_value(std::move(outcome));
            });
            job->start();
        },
        Qt::QueuedConnection);
    if (future.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready)
        return Outcome{};
    return future.get();
}

QString keyOf(const QString &stored)
{
    return stored.mid(qsizetype(qstrlen(KeychainSecretBackend::Prefix)));
}
} // namespace

KeychainSecretBackend::KeychainSecretBackend(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
}

bool KeychainSecretBackend::probe(QString *error)
{
    // A write, not just a read: a locked or read-only keychain answers reads of missing keys.
    const QString key = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray value = QUuid::createUuid().toByteArray();
    Outcome outcome = runJob(Operation::Write, key, value, m_timeoutMs);
    if (outcome.error == QKeychain::NoError) {
        outcome = runJob(Operation::Read, key, {}, m_timeoutMs);
        if (outcome.error == QKeychain::NoError && outcome.data != value) {
            outcome.error = QKeychain::OtherError;
            outcome.errorString = QStringLiteral("the keychain returned another value than was written");
        }
        runJob(Operation::Delete, key, {}, m_timeoutMs);
    }
    if (outcome.error != QKeychain::NoError) {
        if (error)
            *error = outcome.errorString.isEmpty()
                         ? QStringLiteral("keychain error %1").arg(int(outcome.error))
                         : outcome.errorString;
        return false;
    }
    return true;
}

QString KeychainSecretBackend::protect(const QByteArray &plain, QString *error)
{
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Outcome outcome = runJob(Operation::Write, key, plain, m_timeoutMs);
    if (outcome.error != QKeychain::NoError) {
        if (error)
            *error = outcome.errorString;
        return {};
    }
    {
        std::lock_guard lock(m_mutex);
        m_cache.insert(key, plain);
    }
    return QLatin1String(Prefix) + key;
}

bool KeychainSecretBackend::owns(const QString &stored) const
{
    return stored.startsWith(QLatin1String(Prefix)) && stored.size() > qsizetype(qstrlen(Prefix));
}

std::optional<QByteArray> KeychainSecretBackend::reveal(const QString &stored)
{
    if (!owns(stored))
        return std::nullopt;
    const QString key = keyOf(stored);
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_cache.constFind(key);
        if (it != m_cache.constEnd())
            return *it;
    }
    const Outcome outcome = runJob(Operation::Read, key, {}, m_timeoutMs);
    if (outcome.error != QKeychain::NoError) {
        spdlog::warn("keychain: entry {} cannot be read: {}", key.toStdString(),
                     outcome.errorString.toStdString());
        return std::nullopt;
    }
    std::lock_guard lock(m_mutex);
    m_cache.insert(key, outcome.data);
    return outcome.data;
}

void KeychainSecretBackend::remove(const QString &stored)
{
    if (!owns(stored))
        return;
    const QString key = keyOf(stored);
    {
        std::lock_guard lock(m_mutex);
        m_cache.remove(key);
    }
    const Outcome outcome = runJob(Operation::Delete, key, {}, m_timeoutMs);
    if (outcome.error != QKeychain::NoError && outcome.error != QKeychain::EntryNotFound)
        spdlog::warn("keychain: entry {} cannot be deleted: {}", key.toStdString(),
                     outcome.errorString.toStdString());
}
} // namespace gatehouse
