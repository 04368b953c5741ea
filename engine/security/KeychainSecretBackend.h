#pragma once

#include <mutex>

#include <QHash>

#include "SecretBackend.h"

namespace gatehouse {

// Values in the operating system's keychain through QtKeychain (Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows); the system database keeps only a
// reference, "kc:<uuid>", which names the entry (service "gatehouse", key <uuid>).
//
// QtKeychain jobs are asynchronous QObjects and its job queue is a process-wide singleton, so
// every job runs on one dedicated "keychain" thread with its own event loop. Callers post a job
// there and wait for its answer (bounded by a timeout) on their own thread: no nested event
// loop, and never the keychain thread itself. Values read or written are kept in an in-memory
// cache, so the engine's reloads after start-up normally never touch the keychain.
class KeychainSecretBackend : public SecretBackend
{
public:
    static constexpr const char *Prefix = "kc:";

    explicit KeychainSecretBackend(int timeoutMs = 10000);

    // Writes, reads back and deletes a probe entry: true when a keychain service answers and
    // accepts writes. Blocks up to the timeout (start-up and `gatehoused check` only).
    bool probe(QString *error);

    QString name() const override { return QStringLiteral("keychain"); }
    QString protect(const QByteArray &plain, QString *error) override;
    bool owns(const QString &stored) const override;
    std::optional<QByteArray> reveal(const QString &stored) override;
    void remove(const QString &stored) override;

private:
    const int m_timeoutMs;
    std::mutex m_mutex;
    QHash<QString, QByteArray> m_cache; // key -> value
};
} // namespace gatehouse
