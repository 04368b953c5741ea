#include "KeychainSecretBackend.h"

#include <spdlog/spdlog.h>

#include <QUuid>

#include "KeychainJobs.h"

namespace gatehouse {
namespace {
const QString kServiceName = QStringLiteral("gatehouse");
using Operation = KeychainJobs::Operation;

KeychainJobs::Outcome runJob(Operation operation, const QString &key, const QByteArray &data, int timeoutMs)
{
    return KeychainJobs::run(operation, kServiceName, key, data, timeoutMs);
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
    KeychainJobs::Outcome outcome = runJob(Operation::Write, key, value, m_timeoutMs);
    if (outcome.ok) {
        outcome = runJob(Operation::Read, key, {}, m_timeoutMs);
        if (outcome.ok && outcome.data != value) {
            outcome.ok = false;
            outcome.error = QStringLiteral("the keychain returned another value than was written");
        }
        runJob(Operation::Delete, key, {}, m_timeoutMs);
    }
    if (!outcome.ok) {
        if (error)
            *error = outcome.error;
        return false;
    }
    return true;
}

QString KeychainSecretBackend::protect(const QByteArray &plain, QString *error)
{
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const KeychainJobs::Outcome outcome = runJob(Operation::Write, key, plain, m_timeoutMs);
    if (!outcome.ok) {
        if (error)
            *error = outcome.error;
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
    const KeychainJobs::Outcome outcome = runJob(Operation::Read, key, {}, m_timeoutMs);
    if (!outcome.ok) {
        spdlog::warn("keychain: entry {} cannot be read: {}", key.toStdString(), outcome.error.toStdString());
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
    const KeychainJobs::Outcome outcome = runJob(Operation::Delete, key, {}, m_timeoutMs);
    if (!outcome.ok && !outcome.notFound)
        spdlog::warn("keychain: entry {} cannot be deleted: {}", key.toStdString(),
                     outcome.error.toStdString());
}
} // namespace gatehouse
