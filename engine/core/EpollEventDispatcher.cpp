#include "EpollEventDispatcher.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <memory>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QVarLengthArray>

namespace gatehouse {
namespace {

constexpr int kMaxEvents = 256;

// An epoll event's data: the descriptor and the generation it was registered under.
quint64 pack(int fd, quint32 generation)
{
    return (quint64(generation) << 32) | quint32(fd);
}

// Which notifier a readiness wakes, as QEventDispatcherUNIX decides it; a hang-up or error also
// wakes a lone write notifier, whose write then fails and closes the socket (otherwise the
// level-triggered condition would be reported for ever).
constexpr quint32 kReadEvents = EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP;
constexpr quint32 kWriteEvents = EPOLLOUT | EPOLLHUP | EPOLLERR;
constexpr quint32 kExceptionEvents = EPOLLPRI;
} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll >= 0 && m_wake >= 0) {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = pack(m_wake, 0);
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event) != 0) {
            ::close(m_wake);
            m_wake = -1;
        }
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wake >= 0)
        ::close(m_wake);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EpollEventDispatcher::installForMainThread()
{
    auto dispatcher = std::make_unique<EpollEventDispatcher>();
    if (!dispatcher->isValid())
        return false;
    QCoreApplication::setEventDispatcher(dispatcher.release());
    return true;
}

qint64 EpollEventDispatcher::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_relaxed);
    emit awake();
    // Posted events first, as Qt's own dispatchers do: postEvent() calls wakeUp(), so any event
    // posted from here on makes the wait below return at once.
    QCoreApplication::sendPostedEvents();

    const bool includeSockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool wait =
        (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.load(std::memory_order_relaxed);
    const int timeout = wait ? nextTimeoutMs() : 0;
    if (wait)
        emit aboutToBlock();

    int activated = 0;
    if (includeSockets) {
        applyPendingSockets();
        epoll_event events[kMaxEvents];
        int count;
        do
            count = epoll_wait(m_epoll, events, kMaxEvents, timeout);
        while (count < 0 && errno == EINTR && timeout == 0);
        if (wait)
            emit awake();
        if (count > 0)
            activated += activateSockets(events, count);
    } else {
        // Only the wake-up descriptor may end the wait; sockets stay unreported until a pass
        // that includes them.
        pollfd wake{m_wake, POLLIN, 0};
        const int count = ::poll(&wake, 1, timeout);
        if (wait)
            emit awake();
        if (count > 0) {
            drainWake();
            ++activated;
        }
    }
    if (!(flags & QEventLoop::X11ExcludeTimers))
        activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::activateSockets(const ::epoll_event *events, int count)
{
    // What was ready, recorded before anything runs: a notifier's handler may close other
    // sockets, open new ones under the same numbers, or delete notifiers.
    struct Ready
    {
        int fd;
        quint32 generation;
        quint32 events;
    };
    QVarLengthArray<Ready, kMaxEvents> ready;
    int activated = 0;
    for (int i = 0; i < count; ++i) {
        const int fd = int(quint32(events[i].data.u64));
        if (fd == m_wake) {
            drainWake();
            ++activated;
            continue;
        }
        ready.append({fd, quint32(events[i].data.u64 >> 32), events[i].events});
    }
    for (const Ready &r : std::as_const(ready)) {
        for (int type = 0; type < 3; ++type) {
            const quint32 mask = type == QSocketNotifier::Read    ? kReadEvents
                                 : type == QSocketNotifier::Write ? kWriteEvents
                                                                  : kExceptionEvents;
            if (!(r.events & mask))
                continue;
            const auto it = m_sockets.constFind(r.fd);
            if (it == m_sockets.constEnd() || it->generation != r.generation)
                break; // unregistered (or replaced) since the wait returned
            QSocketNotifier *notifier = it->notifiers[type];
            if (!notifier)
                continue;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
            ++activated;
        }
    }
    return activated;
}

void EpollEventDispatcher::drainWake()
{
    // Without EFD_SEMAPHORE one read returns the whole count and resets it to zero.
    quint64 value = 0;
    while (::read(m_wake, &value, sizeof value) < 0 && errno == EINTR) {
    }
    m_wakePending.store(false, std::memory_order_release);
}

void EpollEventDispatcher::wakeUp()
{
    if (m_wakePending.exchange(true, std::memory_order_acq_rel))
        return;
    const quint64 one = 1;
    while (::write(m_wake, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    auto it = m_sockets.find(fd);
    if (it == m_sockets.end()) {
        it = m_sockets.insert(fd, Socket{});
        it->generation = ++m_nextGeneration;
    }
    if (it->notifiers[type] && it->notifiers[type] != notifier)
        qWarning("QSocketNotifier: multiple notifiers of one type on socket %d", fd);
    it->notifiers[type] = notifier;
    updateSocket(fd, *it);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    auto it = m_sockets.find(fd);
    if (it == m_sockets.end() || type < 0 || type > 2 || it->notifiers[type] != notifier)
        return;
    it->notifiers[type] = nullptr;
    if (!it->notifiers[0] && !it->notifiers[1] && !it->notifiers[2]) {
        if (it->inEpoll) {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr); // fails harmlessly for a closed descriptor
            ++m_epollChanges;
        }
        m_sockets.erase(it);
        return;
    }
    updateSocket(fd, *it);
}

void EpollEventDispatcher::updateSocket(int fd, Socket &socket)
{
    if (!socket.inEpoll) {
        applySocket(fd, socket); // a new descriptor: nothing to cancel out
        return;
    }
    if (!socket.pending) {
        socket.pending = true;
        m_pending.push_back(fd);
    }
}

void EpollEventDispatcher::applyPendingSockets()
{
    for (const int fd : m_pending) {
        const auto it = m_sockets.find(fd);
        // Gone since, or listed twice: a descriptor unregistered and registered again in between
        // was applied when it came back.
        if (it == m_sockets.end() || !it->pending)
            continue;
        it->pending = false;
        applySocket(fd, *it);
    }
    m_pending.clear();
}

void EpollEventDispatcher::applySocket(int fd, Socket &socket)
{
    epoll_event event{};
    if (socket.notifiers[QSocketNotifier::Read])
        event.events |= EPOLLIN | EPOLLRDHUP;
    if (socket.notifiers[QSocketNotifier::Write])
        event.events |= EPOLLOUT;
    if (socket.notifiers[QSocketNotifier::Exception])
        event.events |= EPOLLPRI;
    if (socket.inEpoll && event.events == socket.applied)
        return;
    event.data.u64 = pack(fd, socket.generation);
    ++m_epollChanges;
    // A descriptor closed without unregistering left the epoll set by itself, and its number
    // may be back: MOD then finds nothing (ENOENT) and ADD is right; the reverse for EEXIST.
    int result = epoll_ctl(m_epoll, socket.inEpoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
    if (result != 0 && errno == ENOENT)
        result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    else if (result != 0 && errno == EEXIST)
        result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    socket.inEpoll = result == 0;
    socket.applied = socket.inEpoll ? event.events : 0;
    if (result != 0)
        qWarning("QSocketNotifier: cannot watch descriptor %d: %s", fd, strerror(errno));
}

void EpollEventDispatcher::schedule(int timerId, Timer &timer, qint64 fromNs)
{
    timer.deadlineNs = fromNs + timer.interval * 1000000;
    m_deadlines.insert({timer.deadlineNs, timerId});
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (timerId <= 0 || interval < 0 || !object)
        return;
    unregisterTimer(timerId);
    Timer timer;
    timer.interval = interval;
    timer.type = timerType;
    timer.object = object;
    auto it = m_timers.insert(timerId, timer);
    m_timersByObject.insert(object, timerId);
    schedule(timerId, *it, nowNs());
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->deadlineNs, timerId});
    m_timersByObject.remove(it->object, timerId);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    const QList<int> ids = m_timersByObject.values(object);
    for (const int id : ids)
        unregisterTimer(id);
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (auto it = m_timersByObject.constFind(object);
         it != m_timersByObject.constEnd() && it.key() == object; ++it) {
        const Timer &timer = m_timers[it.value()];
        list.append(TimerInfo(it.value(), int(timer.interval), timer.type));
    }
    return list;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.constEnd())
        return -1;
    const qint64 left = it->deadlineNs - nowNs();
    return left <= 0 ? 0 : int((left + 999999) / 1000000);
}

int EpollEventDispatcher::nextTimeoutMs() const
{
    if (m_deadlines.empty())
        return -1;
    // The earliest deadline of a timer that can fire: one inside its own handler (a nested
    // loop) waits until the handler returns.
    for (const auto &[deadline, id] : m_deadlines) {
        if (m_timers[id].activating)
            continue;
        const qint64 left = deadline - nowNs();
        if (left <= 0)
            return 0;
        return int(qMin<qint64>((left + 999999) / 1000000, std::numeric_limits<int>::max()));
    }
    return -1;
}

int EpollEventDispatcher::activateTimers()
{
    if (m_deadlines.empty())
        return 0;
    const qint64 now = nowNs();
    // The timers due now; each fires at most once in this pass, so a zero-interval timer cannot
    // keep the pass going for ever.
    QVarLengthArray<int, 32> due;
    for (const auto &[deadline, id] : m_deadlines) {
        if (deadline > now)
            break;
        due.append(id);
    }
    int activated = 0;
    for (const int id : std::as_const(due)) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->activating || it->deadlineNs > now)
            continue; // stopped, re-entered through a nested loop, or restarted by a handler
        // Next deadline from the one just missed, so a repeating timer keeps its rhythm; one that
        // fell a whole interval behind restarts from now instead of firing in a burst.
        m_deadlines.erase({it->deadlineNs, id});
        const qint64 next = it->deadlineNs + it->interval * 1000000;
        schedule(id, *it, next > now ? it->deadlineNs : now);
        it->activating = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++activated;
        it = m_timers.find(id); // the handler may have stopped or restarted it
        if (it != m_timers.end())
            it->activating = false;
    }
    return activated;
}
} // namespace gatehouse
