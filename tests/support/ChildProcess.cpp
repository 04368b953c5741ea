#include "ChildProcess.h"

#include <QDeadlineTimer>
#include <QProcess>

namespace gatehouse::test {

std::optional<QByteArray> ChildProcess::waitForLine(QProcess &process, const QByteArray &marker,
                                                    int timeoutMs, QByteArray *output)
{
    QByteArray out;
    std::optional<QByteArray> line;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        out += process.readAllStandardOutput();
        const qsizetype at = out.indexOf(marker);
        const qsizetype end = at >= 0 ? out.indexOf('\n', at) : -1;
        if (end > at) {
            line = out.mid(at + marker.size(), end - at - marker.size()).trimmed();
            break;
        }
    }
    if (output)
        *output = out;
    return line;
}

void ChildProcess::stop(QProcess &process, int graceMs)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(graceMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
}
} // namespace gatehouse::test
