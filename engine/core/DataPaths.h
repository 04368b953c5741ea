#pragma once

#include <QString>

namespace gatehouse {

// Where Gatehouse keeps its state when nobody says otherwise.
class DataPaths
{
public:
    // $XDG_DATA_HOME/gatehouse (~/.local/share/gatehouse) for a user, /var/lib/gatehouse for
    // the packaged system service (decided by the installer through GATEHOUSE_DATA_DIR).
    static QString defaultDataDir();
    // Creates `dir` (0700) if missing; returns false with a message when it cannot.
    static bool ensureDataDir(const QString &dir, QString *error);
};
} // namespace gatehouse
