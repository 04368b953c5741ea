#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

namespace gatehouse {

// Where secret values live at rest. A backend turns a plain value into the text the system
// database keeps ("at-rest text") and back. Implementations are thread-safe; see SecretStore for
// which threads may call what.
class SecretBackend
{
public:
    virtual ~SecretBackend() = default;

    // "sealed" or "keychain" (shown by `gatehoused check` and logged at start-up).
    virtual QString name() const = 0;
    // At-rest text for `plain`; empty with `*error` set when the value could not be stored.
    virtual QString protect(const QByteArray &plain, QString *error) = 0;
    // True when `stored` is text this backend produced (its prefix).
    virtual bool owns(const QString &stored) const = 0;
    // The plain value; empty optional when it cannot be read.
    virtual std::optional<QByteArray> reveal(const QString &stored) = 0;
    // Forgets the value behind `stored` (no-op for self-contained sealed text).
    virtual void remove(const QString &stored) = 0;
};
} // namespace gatehouse
