#include "ChildProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

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
ChildProcess::Outcome ChildProcess::run(const QString &program, const QStringList &arguments,
                                        const QString &workingDirectory,
                                        const QHash<QString, QString> &environment, int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.constBegin(); it != environment.constEnd(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(program, arguments);
    loop.exec();
    Outcome outcome;
    outcome.finished = process.state() == QProcess::NotRunning;
    if (!outcome.finished)
        stop(process);
    outcome.output = process.readAll();
    outcome.succeeded =
        outcome.finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return outcome;
}
} // namespace gatehouse::test
