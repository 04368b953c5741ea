#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include "ScriptRunner.h"

namespace gatehouse {

// The last errors of each script, kept in memory for the console (GET /system/script_error).
// Thread-safe: script threads record, the event loop reads.
class ScriptErrorLog
{
public:
    explicit ScriptErrorLog(int perScript = 20);

    void record(const ScriptError &error);
    // Newest first; an empty name: every script's, newest first.
    QList<ScriptError> errors(const QString &name = {}) const;
    void clear(const QString &name);

private:
    mutable QMutex m_mutex;
    int m_perScript;
    QHash<QString, QList<ScriptError>> m_errors;
};
} // namespace gatehouse
