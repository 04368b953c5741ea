#include "AiRpmCounter.h"

namespace gatehouse {
namespace {
constexpr qint64 kWindowMs = 60000;
}

qint64 AiRpmCounter::take(const QString &subject, int limit, qint64 nowMs)
{
    if (limit <= 0)
        return 0;
    if (nowMs - m_lastSweepMs > 10 * kWindowMs) {
        // Forget idle users so the table stays bounded by the active ones.
        m_lastSweepMs = nowMs;
        for (auto it = m_windows.begin(); it != m_windows.end();)
            it = nowMs - it->startMs >= 2 * kWindowMs ? m_windows.erase(it) : std::next(it);
    }
    Window &w = m_windows[subject];
    const qint64 start = nowMs - nowMs % kWindowMs;
    if (w.startMs != start) {
        w.previous = w.startMs == start - kWindowMs ? w.count : 0;
        w.startMs = start;
        w.count = 0;
    }
    // Sliding window: the previous minute counts in proportion to how much of it still overlaps.
    const double overlap = 1.0 - double(nowMs - start) / double(kWindowMs);
    const double used = w.count + w.previous * overlap;
    if (used + 1 > limit) {
        const qint64 wait = w.count + 1 > limit ? start + kWindowMs - nowMs : 1000;
        return qMax<qint64>(1, (wait + 999) / 1000);
    }
    ++w.count;
    return 0;
}
} // namespace gatehouse
