#pragma once

#include <functional>

#include <QString>
#include <QUrl>

class QObject;

namespace gatehouse {

// Keeps the console's admin session token per server in the OS keychain (service
// "gatehouse-console", key: the server's URL), so a restart signs in again without a password
// and the token never lands in a settings file. Without keychain support (built without
// QtKeychain, or no keychain service running) nothing is kept and callbacks say why.
// Callbacks run on the application's main thread, and not at all once `context` is gone.
class SessionTokenStore
{
public:
    using Done = std::function<void(bool ok, const QString &error)>;
    using Loaded = std::function<void(const QString &token, const QString &error)>; // "" when none

    static bool isAvailable();
    static void save(const QUrl &server, const QString &token, QObject *context, Done done);
    static void load(const QUrl &server, QObject *context, Loaded done);
    static void remove(const QUrl &server, QObject *context, Done done);
};
} // namespace gatehouse
