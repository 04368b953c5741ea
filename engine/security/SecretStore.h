#pragma once

#include <memory>
#include <optional>

#include <QSet>
#include <QString>

#include "SecretBox.h"

namespace gatehouse {

class SecretBackend;

// Every secret the gateway keeps at rest (service passwords, private lookups, provider keys)
// goes through one SecretStore. Its backend is chosen once, at start-up:
// - "keychain": the value goes into the OS keychain (QtKeychain), the database keeps only a
//   reference "kc:<uuid>";
// - "sealed": the value is sealed with libsodium under the master key, "v1:<base64>".
// Whatever the active backend, sealed "v1:" text is always readable (the master key is always
// loaded: the JWT signing key and the key check stay sealed), so existing values keep working
// after a switch to the keychain and move there when they are next written.
//
// Threads: reveal() answers from memory for every value read at start-up or written since;
// only a value never seen before makes it ask the keychain and wait (bounded). protect() and
// the clean-up of released keychain entries talk to the keychain and wait: call them on a
// worker (a database job) or at start-up, never on the event loop. With the sealed backend
// every call is immediate.
class SecretStore
{
public:
    enum class Mode
    {
        Auto,
        Keychain,
        Sealed
    };
    static std::optional<Mode> parseMode(const QString &text);

    struct Options
    {
        Mode mode = Mode::Auto;
        // A system database shared by several nodes (PostgreSQL): a host keychain is not
        // shared, so auto picks sealed there and keychain is refused.
        bool sharedSystemDb = false;
        int timeoutMs = 10000; // per keychain operation, and for the start-up probe
    };

    // Start-up only (blocks up to the probe timeout): picks and opens the backend. Null with
    // `*error` set when the configured backend cannot be used.
    static std::shared_ptr<SecretStore> open(const SecretBox &box, const Options &options, QString *error);
    // For `gatehoused check`: the backend `options` would pick on this host, and why.
    static QString detect(const Options &options, QString *reason);

    ~SecretStore();

    QString backendName() const;
    // Why this backend was chosen, for the start-up log and `check` (never holds a value).
    QString reason() const { return m_reason; }
    const SecretBox &box() const { return m_box; }

    // The at-rest text for `plain` ("kc:…" or "v1:…"). Throws ApiError 503 when the backend
    // cannot store it. Worker or start-up only (see the class comment).
    QString protect(const QString &plain) const;
    // The plain value behind at-rest text; empty optional when `stored` is not at-rest text or
    // cannot be read (logged, without the value).
    std::optional<QString> reveal(const QString &stored) const;
    // True for text protect() produces: what must never be shown and what reveal() opens.
    static bool isProtected(const QString &text);
    // True when `stored` belongs to the active backend (false e.g. for a sealed value while the
    // keychain is active: a writer may move it there).
    bool isCurrent(const QString &stored) const;

    // Deleting keychain entries safely when the rows referencing them are written in
    // transactions: a writer calls release() for every at-rest text its write may stop
    // referencing (the old value it replaces, the value of a row it deletes) and for every new
    // value it protect()ed (in case the transaction rolls back). After the write, the reload
    // that follows on the same worker thread calls settle() with every reference the committed
    // rows hold; released entries not among them are deleted. Scopes keep owners apart (e.g.
    // "service", "lookup"): settle() only looks at releases of its own scope.
    void release(const QString &scope, const QString &stored) const;
    void settle(const QString &scope, const QSet<QString> &referenced) const;

private:
    SecretStore(const SecretBox &box, std::shared_ptr<SecretBackend> backend, QString reason);

    const SecretBox m_box;
    std::shared_ptr<SecretBackend> m_backend; // the active one: new values go here
    std::shared_ptr<SecretBackend> m_sealed;  // always there: "v1:" values stay readable
    QString m_reason;
};
} // namespace gatehouse
