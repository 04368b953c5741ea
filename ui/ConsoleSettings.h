#pragma once

#include <QStringList>

#include "Theme.h"

namespace gatehouse {

// The console's own preferences (not the engine's configuration): stored with QSettings under
// the application's organisation, so each desktop user has their own.
class ConsoleSettings
{
public:
    // "" follows the system language; otherwise a locale name such as "de" or "ja".
    static QString language();
    static void setLanguage(const QString &language);

    static Theme::Mode theme();
    static void setTheme(Theme::Mode mode);

    // Remote engines signed into before, most recent first (at most 10).
    static QStringList rememberedServers();
    static void rememberServer(const QString &url);
    static void forgetServer(const QString &url);

    // Whether the console starts its embedded engine (true) or connects to lastServer().
    static bool useEmbeddedEngine();
    static void setUseEmbeddedEngine(bool embedded);
};
} // namespace gatehouse
