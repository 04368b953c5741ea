#include "PasswordHasher.h"

#include <sodium.h>

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "SecretBox.h"

namespace gatehouse {
namespace {
// Passwords longer than this are rejected rather than hashed: Argon2 accepts any length, but
// a multi-megabyte "password" is a cheap way to burn server CPU.
constexpr qsizetype kMaxPasswordBytes = 4096;

QString dummyHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("gatehouse-timing-equaliser"));
    return hash;
}
} // namespace

QString PasswordHasher::hash(const QString &password)
{
    if (!SecretBox::initializeSodium())
        return {};
    QByteArray utf8 = password.toUtf8();
    if (utf8.size() > kMaxPasswordBytes)
        return {};
    char out[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
                                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &storedHash, const QString &password)
{
    if (!SecretBox::initializeSodium() || storedHash.isEmpty())
        return false;
    const QByteArray stored = storedHash.toLatin1();
    if (stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    QByteArray utf8 = password.toUtf8();
    if (utf8.size() > kMaxPasswordBytes)
        return false;
    const bool ok = crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

bool PasswordHasher::needsRehash(const QString &storedHash)
{
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_needs_rehash(stored.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void PasswordHasher::burnVerifyTime(const QString &password)
{
    verify(dummyHash(), password);
}

QFuture<QString> PasswordHasher::hashAsync(const QString &password)
{
    return QtConcurrent::run(pool(), [password] { return hash(password); });
}

QFuture<bool> PasswordHasher::verifyAsync(const QString &storedHash, const QString &password)
{
    return QtConcurrent::run(pool(), [storedHash, password] {
        if (storedHash.isEmpty()) {
            burnVerifyTime(password);
            return false;
        }
        return verify(storedHash, password);
    });
}

QThreadPool *PasswordHasher::pool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(2);
        p->setObjectName(QStringLiteral("password-hashing"));
        return p;
    }();
    return pool;
}
} // namespace gatehouse
