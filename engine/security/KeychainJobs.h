#pragma once

#include <functional>

#include <QByteArray>
#include <QString>

namespace gatehouse {

// Runs QtKeychain jobs for the whole process. QtKeychain jobs are asynchronous QObjects and its
// job queue is a process-wide singleton, so every job runs on one dedicated "keychain" thread
// with its own event loop, whoever asks: the engine's secret store (blocking, on worker
// threads) and the console's session store (asynchronous, on the UI thread) share it.
class KeychainJobs
{
public:
    enum class Operation
    {
        Read,
        Write,
        Delete
    };

    struct Outcome
    {
        bool ok = false;
        bool notFound = false; // a Read or Delete of an entry that does not exist
        QString error = QStringLiteral("the keychain did not answer in time");
        QByteArray data; // Read
    };

    // Starts a job; `done` runs once, on the keychain thread.
    static void start(Operation operation, const QString &service, const QString &key, const QByteArray &data,
                      std::function<void(Outcome)> done);
    // Runs a job and waits up to `timeoutMs` for it. Never call it on the keychain thread.
    static Outcome run(Operation operation, const QString &service, const QString &key,
                       const QByteArray &data, int timeoutMs);
};
} // namespace gatehouse
