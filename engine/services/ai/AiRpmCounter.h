#pragma once

#include <QHash>
#include <QString>

namespace gatehouse {

// Requests per minute per user for one AI connection. Checked and counted in one step on the
// event loop thread, so two concurrent requests can never both take the last slot. Counted
// per node: a cluster-wide limit belongs in system/limit (shared counters on PostgreSQL).
class AiRpmCounter
{
public:
    // Counts a request for `subject` at `nowMs` if fewer than `limit` were counted in the
    // minute before; otherwise returns the seconds until a slot frees up (> 0).
    qint64 take(const QString &subject, int limit, qint64 nowMs);

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
        int previous = 0; // count of the window before, weighted in (sliding window)
    };
    QHash<QString, Window> m_windows;
    qint64 m_lastSweepMs = 0;
};
} // namespace gatehouse
