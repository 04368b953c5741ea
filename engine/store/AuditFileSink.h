#pragma once

#include <atomic>
#include <memory>

#include <QByteArrayList>
#include <QString>
#include <QThreadPool>

namespace gatehouse {

// Appends audit records as NDJSON (one ECS document a line) to a file for log shippers
// (Filebeat, Fluent Bit, Vector), rotating by size: `audit.log` → `audit.log.1` → … →
// `audit.log.<keep>`, the oldest dropped. Writes run in order on a thread of their own, so a slow
// disk never stalls the event loop. Memory is bounded: past `maxPendingBytes` waiting to be
// written, lines are refused with a logged error (the database copy of the trail is unaffected).
// The file is created owner-only: it names users and client addresses.
class AuditFileSink
{
public:
    AuditFileSink(QString path, qint64 maxBytes, int keep);
    ~AuditFileSink(); // writes what is pending

    const QString &path() const { return m_path; }
    void write(QByteArrayList lines);
    // Blocks until every line handed over so far is written.
    void waitForWritten();

    static constexpr qint64 maxPendingBytes = 64 * 1024 * 1024;

private:
    struct State;
    QString m_path;
    std::shared_ptr<State> m_state;
    QThreadPool m_pool;
};
} // namespace gatehouse
