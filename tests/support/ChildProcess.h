#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

class QProcess;

namespace gatehouse::test {

// The parts every helper server a test starts (mock LLM provider, OpenID provider, slapd)
// shares: waiting for its ready line and stopping it.
class ChildProcess
{
public:
    // Reads `process`'s standard output until a line contains `marker` and returns the rest of
    // that line after the marker, trimmed; nullopt when the process ends or `timeoutMs` passes
    // first. `output` (optional) receives everything read, for error messages.
    static std::optional<QByteArray> waitForLine(QProcess &process, const QByteArray &marker, int timeoutMs,
                                                 QByteArray *output = nullptr);
    // SIGTERM, then SIGKILL if it has not ended within `graceMs`.
    static void stop(QProcess &process, int graceMs = 5000);

    struct Outcome
    {
        bool finished = false;  // false: it was killed after the timeout (or never started)
        bool succeeded = false; // ended normally with exit code 0
        QByteArray output;      // standard output and error, merged
    };
    // Runs `program` in `workingDirectory` with `environment` added, spinning an event loop (not
    // waitForFinished) so a gateway under test on this thread keeps serving the script.
    static Outcome run(const QString &program, const QStringList &arguments, const QString &workingDirectory,
                       const QHash<QString, QString> &environment, int timeoutMs);
};
} // namespace gatehouse::test
