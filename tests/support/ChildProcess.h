#pragma once

#include <optional>

#include <QByteArray>

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
};
} // namespace gatehouse::test
