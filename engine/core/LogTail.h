#pragma once

#include <deque>
#include <memory>
#include <mutex>

#include <QList>
#include <QString>

namespace gatehouse {

// The engine's most recent log lines in memory, numbered, for GET /system/log (the console's
// live tail). A bounded ring fed by an spdlog sink on the default logger: the oldest lines
// fall off, so it costs a fixed amount of memory however long the engine runs. It holds what
// the log already holds, in the same format, and the logs keep secrets out (they log ids and
// names, never credentials).
class LogTail
{
public:
    struct Line
    {
        quint64 seq = 0; // 1, 2, 3 … in the order the lines were logged
        qint64 timeMs = 0;
        QString level;
        QString text; // the formatted line, as the log file shows it
    };
    struct Page
    {
        QList<Line> lines;
        quint64 firstSeq = 0;   // oldest line still held (0: none yet)
        quint64 lastSeq = 0;    // newest line (0: none yet)
        bool truncated = false; // lines after `after` were lost to the ring's size
    };

    static constexpr int kCapacity = 2000;
    static constexpr int kMaxLineLength = 4000; // characters; longer lines are cut

    static LogTail &instance();
    // Adds the ring's sink to spdlog's current default logger unless it already has it. Call
    // after the logger is set up (Logging::setup); safe to call again.
    static void install();

    void append(Line line);
    // Up to `limit` lines with seq > `after`, oldest first.
    Page after(quint64 after, int limit) const;

private:
    mutable std::mutex m_mutex;
    std::deque<Line> m_lines;
    quint64 m_nextSeq = 1;
};
} // namespace gatehouse
