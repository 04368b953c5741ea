#pragma once

#include <atomic>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QMultiHash>

struct epoll_event;

namespace gatehouse {

// A Linux event dispatcher built on epoll, for the thread that serves HTTP. Qt 6.4's UNIX
// dispatcher rebuilds and poll()s the whole set of socket notifiers every time it wakes, and
// GLib's does similar bookkeeping per socket: with a thousand open streams (two sockets each)
// that linear cost, paid on every one of ~10,000 wake-ups a second, dominated the time to first
// token (docs/benchmarks.md). Here a wake-up costs what is ready, not what is open: notifiers
// live in the kernel's epoll set (level-triggered, like poll), and timers sit in an ordered set
// so the next deadline is found in O(log n). Changes to a watched descriptor's notifiers reach
// the kernel just before the next wait, not at once: QAbstractSocket::write() enables the write
// notifier and flush() disables it again, for every response and every streamed chunk, and
// applied at once that pair cost two epoll_ctl() calls (system calls are dear under a
// hypervisor). Deferred, it cancels out.
//
// Semantics follow QEventDispatcherUNIX: posted events first, then ready socket notifiers, then
// due timers, each activated at most once per pass; a timer whose handler runs a nested event
// loop is not re-entered; notifiers removed while a pass is under way are not activated.
// wakeUp() and interrupt() may be called from any thread; everything else from the owning one.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    // False when the kernel refused the epoll or eventfd descriptors; do not install it then.
    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }
    // Makes it the main thread's dispatcher; call before QCoreApplication is created. False
    // (and Qt's default stays) when it cannot be built.
    static bool installForMainThread();

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // How many changes this dispatcher has made to the kernel's epoll set (adds, modifications,
    // removals), for tests that check a change which cancels out never reaches the kernel.
    quint64 epollChanges() const { return m_epollChanges; }

private:
    struct Socket
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr}; // Read, Write, Exception
        quint32 generation = 0; // tells a reused descriptor number from the one it replaced
        quint32 applied = 0;    // the events the kernel's epoll set holds for it
        bool inEpoll = false;
        bool pending = false; // listed in m_pending
    };
    struct Timer
    {
        qint64 interval = 0; // ms
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadlineNs = 0;
        bool activating = false;
    };

    static qint64 nowNs();
    void updateSocket(int fd, Socket &socket);
    void applySocket(int fd, Socket &socket);
    void applyPendingSockets();
    // Milliseconds to the next timer, 0 when one is due, -1 when there are none.
    int nextTimeoutMs() const;
    int activateSockets(const ::epoll_event *events, int count);
    int activateTimers();
    void drainWake();
    void schedule(int timerId, Timer &timer, qint64 fromNs);

    int m_epoll = -1;
    int m_wake = -1; // eventfd: wakeUp() and interrupt() from any thread
    std::atomic<bool> m_wakePending{false};
    std::atomic<bool> m_interrupted{false};
    quint32 m_nextGeneration = 0;
    quint64 m_epollChanges = 0;
    QHash<int, Socket> m_sockets;
    std::vector<int> m_pending; // descriptors whose notifiers changed since the last wait
    QHash<int, Timer> m_timers;
    QMultiHash<QObject *, int> m_timersByObject;
    std::set<std::pair<qint64, int>> m_deadlines; // (deadline ns, timer id)
};
} // namespace gatehouse
