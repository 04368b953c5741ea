#include "KeychainJobs.h"

#include <chrono>
#include <future>
#include <memory>

#include <QCoreApplication>
#include <QThread>
#include <qt6keychain/keychain.h>

namespace gatehouse {
namespace {
// Started on first use, stopped when the application object goes away.
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
} // namespace

void KeychainJobs::start(Operation operation, const QString &service, const QString &key,
                         const QByteArray &data, std::function<void(Outcome)> done)
{
    QMetaObject::invokeMethod(
        keychainContext(),
        [operation, service, key, data, done = std::move(done)] {
            QKeychain::Job *job = nullptr;
            switch (operation) {
            case Operation::Read:
                job = new QKeychain::ReadPasswordJob(service);
                break;
            case Operation::Write: {
                auto *write = new QKeychain::WritePasswordJob(service);
                write->setBinaryData(data);
                job = write;
                break;
            }
            case Operation::Delete:
                job = new QKeychain::DeletePasswordJob(service);
                break;
            }
            job->setAutoDelete(true);
            job->setInsecureFallback(false);
            job->setKey(key);
            QObject::connect(
                job, &QKeychain::Job::finished, job, [done, operation](QKeychain::Job *finished) {
                    Outcome outcome;
                    outcome.ok = finished->error() == QKeychain::NoError;
                    outcome.notFound = finished->error() == QKeychain::EntryNotFound;
                    outcome.error = outcome.ok ? QString()
                                    : finished->errorString().isEmpty()
                                        ? QStringLiteral("keychain error %1").arg(int(finished->error()))
                                        : finished->errorString();
                    if (operation == Operation::Read && outcome.ok)
                        outcome.data = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
                    done(std::move(outcome));
                });
            job->start();
        },
        Qt::QueuedConnection);
}

KeychainJobs::Outcome KeychainJobs::run(Operation operation, const QString &service, const QString &key,
                                        const QByteArray &data, int timeoutMs)
{
    if (QThread::currentThread() == keychainContext()->thread())
        return Outcome{false, false, QStringLiteral("keychain job started on the keychain thread"), {}};
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    start(operation, service, key, data,
          [promise](Outcome outcome) { promise->set_value(std::move(outcome)); });
    if (future.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready)
        return Outcome{};
    return future.get();
}
} // namespace gatehouse
