#pragma once

#include <QFuture>
#include <QString>

class QThreadPool;

namespace gatehouse {

// Argon2id password hashing (libsodium crypto_pwhash_str, "interactive" limits: ~64 MiB and a
// few tens of milliseconds per call). Deliberately slow, so hash() and verify() must never run
// on the event loop thread: use the *Async forms, which run on a small dedicated pool so a
// burst of logins cannot starve the database workers.
class PasswordHasher
{
public:
    // The PHC string ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"); empty on failure.
    static QString hash(const QString &password);
    static bool verify(const QString &storedHash, const QString &password);
    // True when the stored hash uses weaker parameters than the current ones.
    static bool needsRehash(const QString &storedHash);
    // Equalises timing for unknown accounts, so a login cannot reveal which emails exist.
    static void burnVerifyTime(const QString &password);

    static QFuture<QString> hashAsync(const QString &password);
    static QFuture<bool> verifyAsync(const QString &storedHash, const QString &password);

    // The pool the *Async forms use (at most two threads: each hash holds 64 MiB).
    static QThreadPool *pool();
};
} // namespace gatehouse
