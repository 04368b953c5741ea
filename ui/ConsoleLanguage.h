#pragma once

#include <QStringList>

namespace gatehouse {

// Loads the console's translations (compiled into the binary from translations/*.ts) and Qt's
// own for standard dialogs. The language is chosen at start-up: the one set in Settings, else
// the system's; English needs no translation.
class ConsoleLanguage
{
public:
    // Locale names the console is translated into, besides English ("de", "ja").
    static QStringList available();
    // `language` "" follows the system. Returns the language installed ("en" when none applied).
    static QString install(const QString &language);
};
} // namespace gatehouse
