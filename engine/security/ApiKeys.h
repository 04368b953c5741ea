#pragma once

#include <QByteArray>
#include <QString>

namespace gatehouse {

// App API keys: 64 lower-case hex characters (DreamFactory's format) from the CSPRNG. Only the
// SHA-256 of a key is stored; keys carry 256 bits of entropy, so a fast hash is enough and a
// lookup by hash costs microseconds on the event loop.
class ApiKeys
{
public:
    static constexpr int KeyLength = 64;
    static constexpr int HintLength = 6;

    static QString generate();
    // Lower-case hex SHA-256 of the (lower-cased) key.
    static QByteArray hash(const QString &key);
    // Exactly 64 hex digits (either case).
    static bool isWellFormed(const QString &key);
    // The part of a key that may be shown again after creation.
    static QString hint(const QString &key) { return key.left(HintLength); }
    // Length-aware comparison whose time does not depend on where the inputs differ.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};
} // namespace gatehouse
