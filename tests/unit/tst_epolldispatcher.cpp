// EpollEventDispatcher, installed as this process's main-thread dispatcher: timers (order,
// repetition, zero intervals, nested loops, restarts), socket notifiers (many sockets, notifiers
// removed or descriptors reused during a pass, excluded passes, changes that cancel out), posted
// events and deferred deletes, and wake-ups from other threads. Further modules run whole under
// it as *_epoll tests.

#include <fcntl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "core/EpollEventDispatcher.h"

using namespace gatehouse;

namespace {

struct Pipe
{
    int read = -1;
    int write = -1;
    bool open()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
            return false;
        read = fds[0];
        write = fds[1];
        return true;
    }
    void close()
    {
        if (read >= 0)
            ::close(read);
        if (write >= 0)
            ::close(write);
        read = write = -1;
    }
    bool put(char c) const { return ::write(write, &c, 1) == 1; }
    void drain() const
    {
        char buffer[64];
        while (::read(read, buffer, sizeof buffer) > 0) {
        }
    }
};

class TimerProbe : public QObject
{
public:
    QList<int> fired;
    std::function<void(int)> onFire;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        fired << event->timerId();
        if (onFire)
            onFire(event->timerId());
    }
};
} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void installed() { QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance())); }

    void singleShotTimersFireInDeadlineOrder()
    {
        QStringList order;
        QEventLoop loop;
        QTimer::singleShot(30, this, [&] { order << QStringLiteral("30"); });
        QTimer::singleShot(0, this, [&] { order << QStringLiteral("0"); });
        QTimer::singleShot(10, Qt::PreciseTimer, this, [&] { order << QStringLiteral("10"); });
        QTimer::singleShot(60, &loop, &QEventLoop::quit);
        QElapsedTimer clock;
        clock.start();
        loop.exec();
        QCOMPARE(order, QStringList({QStringLiteral("0"), QStringLiteral("10"), QStringLiteral("30")}));
        QVERIFY(clock.elapsed() >= 59);
    }

    void repeatingTimerStopsWhenKilled()
    {
        TimerProbe probe;
        const int id = probe.startTimer(5);
        QVERIFY(id > 0);
        const auto timers = QAbstractEventDispatcher::instance()->registeredTimers(&probe);
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timers.first().timerId, id);
        QCOMPARE(timers.first().interval, 5);
        QVERIFY(QAbstractEventDispatcher::instance()->remainingTime(id) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(probe.fired.size() >= 4, 2000);
        probe.killTimer(id);
        QCOMPARE(QAbstractEventDispatcher::instance()->remainingTime(id), -1);
        const qsizetype count = probe.fired.size();
        QTest::qWait(30);
        QCOMPARE(probe.fired.size(), count);
    }

    void zeroTimerDoesNotStarveOtherWork()
    {
        // A zero-interval timer fires once per pass: posted events and other timers still run.
        TimerProbe spinner;
        spinner.startTimer(0);
        bool posted = false;
        bool timed = false;
        QMetaObject::invokeMethod(
            this, [&] { posted = true; }, Qt::QueuedConnection);
        QTimer::singleShot(20, this, [&] { timed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(posted && timed, 2000);
        QVERIFY(spinner.fired.size() > 1);
        spinner.killTimer(spinner.fired.first());
    }

    void timerIsNotReenteredFromANestedLoop()
    {
        TimerProbe probe;
        int depth = 0;
        int maxDepth = 0;
        bool otherFired = false;
        probe.onFire = [&](int) {
            ++depth;
            maxDepth = qMax(maxDepth, depth);
            if (probe.fired.size() == 1) {
                // The other timer fires while this handler waits in a nested loop; this one not.
                QTimer::singleShot(15, this, [&] { otherFired = true; });
                QEventLoop nested;
                QTimer::singleShot(40, &nested, &QEventLoop::quit);
                nested.exec();
            }
            --depth;
        };
        const int id = probe.startTimer(2);
        QTRY_VERIFY_WITH_TIMEOUT(probe.fired.size() >= 3, 2000);
        probe.killTimer(id);
        QVERIFY(otherFired);
        QCOMPARE(maxDepth, 1);
    }

    void timerRestartedInItsHandlerKeepsNewInterval()
    {
        QTimer timer;
        int fired = 0;
        connect(&timer, &QTimer::timeout, this, [&] {
            if (++fired == 1)
                timer.start(1000); // restarted from its own handler: not due again in this test
        });
        timer.start(1);
        QTest::qWait(60);
        QCOMPARE(fired, 1);
        QVERIFY(timer.remainingTime() > 500);
    }

    void manySocketsEcho()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> accepted;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                accepted << socket;
                connect(socket, &QTcpSocket::readyRead, socket,
                        [socket] { socket->write(socket->readAll()); });
            }
        });
        constexpr int kClients = 300;
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        QHash<QTcpSocket *, QByteArray> received;
        for (int i = 0; i < kClients; ++i) {
            auto client = std::make_unique<QTcpSocket>();
            QTcpSocket *raw = client.get();
            connect(raw, &QTcpSocket::connected, raw,
                    [raw, i] { raw->write(QByteArray("hello ") + QByteArray::number(i)); });
            connect(raw, &QTcpSocket::readyRead, raw, [raw, &received] { received[raw] += raw->readAll(); });
            raw->connectToHost(QHostAddress::LocalHost, server.serverPort());
            clients.push_back(std::move(client));
        }
        QTRY_VERIFY_WITH_TIMEOUT(received.size() == kClients, 20000);
        for (int i = 0; i < kClients; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(received.value(clients[i].get()),
                                      QByteArray("hello ") + QByteArray::number(i), 5000);
        // Peers closing: every accepted socket sees the disconnect and unregisters cleanly.
        int disconnected = 0;
        for (QTcpSocket *socket : std::as_const(accepted))
            connect(socket, &QTcpSocket::disconnected, this, [&] { ++disconnected; });
        clients.clear();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected, kClients, 20000);
        qDeleteAll(accepted);
    }

    void notifierRemovedDuringAPassIsNotActivated()
    {
        Pipe a, b;
        QVERIFY(a.open() && b.open());
        auto first = std::make_unique<QSocketNotifier>(a.read, QSocketNotifier::Read);
        auto second = std::make_unique<QSocketNotifier>(b.read, QSocketNotifier::Read);
        int firstCount = 0, secondCount = 0;
        // Whichever runs first removes the other; both descriptors are ready in the same pass.
        connect(first.get(), &QSocketNotifier::activated, this, [&] {
            ++firstCount;
            a.drain();
            second.reset();
        });
        connect(second.get(), &QSocketNotifier::activated, this, [&] {
            ++secondCount;
            b.drain();
            first.reset();
        });
        QVERIFY(a.put('x') && b.put('y'));
        QTRY_VERIFY_WITH_TIMEOUT(firstCount + secondCount >= 1, 2000);
        QTest::qWait(20);
        QCOMPARE(firstCount + secondCount, 1);
        first.reset();
        second.reset();
        a.close();
        b.close();
    }

    void reusedDescriptorIsNotActivatedForItsPredecessor()
    {
        Pipe a, b;
        QVERIFY(a.open() && b.open());
        auto first = std::make_unique<QSocketNotifier>(a.read, QSocketNotifier::Read);
        auto second = std::make_unique<QSocketNotifier>(b.read, QSocketNotifier::Read);
        Pipe replacement;
        std::unique_ptr<QSocketNotifier> successor;
        int successorCount = 0;
        bool handled = false;
        const auto swap = [&](std::unique_ptr<QSocketNotifier> &other, Pipe &otherPipe) {
            if (handled)
                return;
            handled = true;
            // Close the other (ready) pipe and open a new one that takes its number: the ready
            // event recorded for the old descriptor must not reach the new notifier.
            const int number = otherPipe.read;
            other.reset();
            otherPipe.close();
            QVERIFY(replacement.open());
            if (replacement.read != number) {
                QVERIFY(::dup2(replacement.read, number) == number);
                ::close(replacement.read);
                replacement.read = number;
            }
            successor = std::make_unique<QSocketNotifier>(replacement.read, QSocketNotifier::Read);
            connect(successor.get(), &QSocketNotifier::activated, this, [&] {
                ++successorCount;
                replacement.drain();
            });
        };
        connect(first.get(), &QSocketNotifier::activated, this, [&] {
            a.drain();
            swap(second, b);
        });
        connect(second.get(), &QSocketNotifier::activated, this, [&] {
            b.drain();
            swap(first, a);
        });
        QVERIFY(a.put('x') && b.put('y'));
        QTRY_VERIFY_WITH_TIMEOUT(handled, 2000);
        QTest::qWait(20);
        QCOMPARE(successorCount, 0); // nothing was written to the new pipe
        QVERIFY(replacement.put('z'));
        QTRY_COMPARE_WITH_TIMEOUT(successorCount, 1, 2000);
        first.reset();
        second.reset();
        successor.reset();
        a.close();
        b.close();
        replacement.close();
    }

    void excludedPassLeavesSocketsForLater()
    {
        Pipe p;
        QVERIFY(p.open());
        QSocketNotifier notifier(p.read, QSocketNotifier::Read);
        int count = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            ++count;
            p.drain();
        });
        QVERIFY(p.put('x'));
        QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(count, 0);
        QTRY_COMPARE_WITH_TIMEOUT(count, 1, 2000);
        notifier.setEnabled(false);
        p.close();
    }

    void writeNotifierTogglesAndSeesHangUp()
    {
        Pipe p;
        QVERIFY(p.open());
        QSocketNotifier writable(p.write, QSocketNotifier::Write);
        int count = 0;
        connect(&writable, &QSocketNotifier::activated, this, [&] {
            ++count;
            writable.setEnabled(false);
        });
        QTRY_COMPARE_WITH_TIMEOUT(count, 1, 2000);
        QTest::qWait(10);
        QCOMPARE(count, 1); // disabled: level-triggered readiness is no longer reported
        ::close(p.read);
        p.read = -1;
        writable.setEnabled(true); // the reader is gone: the hang-up wakes the write notifier
        QTRY_COMPARE_WITH_TIMEOUT(count, 2, 2000);
        p.close();
    }

    void writeNotifierToggledWithinAPassNeverReachesTheKernel()
    {
        // What QAbstractSocket::write() and flush() do to a writable socket on every response.
        int fds[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
        auto *dispatcher = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
        QVERIFY(dispatcher);
        {
            QSocketNotifier readable(fds[0], QSocketNotifier::Read);
            QSocketNotifier writable(fds[0], QSocketNotifier::Write);
            int writes = 0;
            connect(&writable, &QSocketNotifier::activated, this, [&] {
                ++writes;
                writable.setEnabled(false);
            });
            writable.setEnabled(false);
            QCoreApplication::processEvents();
            const quint64 before = dispatcher->epollChanges();

            writable.setEnabled(true);
            writable.setEnabled(false);
            QCoreApplication::processEvents();
            QTest::qWait(10);
            QCOMPARE(writes, 0);
            QCOMPARE(dispatcher->epollChanges(), before);

            // A change that stands still reaches the kernel before the next wait: the socket is
            // writable, so the notifier fires once and its handler's disable is applied too.
            writable.setEnabled(true);
            QTRY_COMPARE_WITH_TIMEOUT(writes, 1, 2000);
            QTest::qWait(10);
            QCOMPARE(writes, 1);
            QCOMPARE(dispatcher->epollChanges(), before + 2);
        }
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void wakeUpFromAnotherThread()
    {
        QEventLoop loop;
        bool delivered = false;
        std::thread poster([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            QMetaObject::invokeMethod(
                &loop,
                [&] {
                    delivered = true;
                    loop.quit();
                },
                Qt::QueuedConnection);
        });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit); // only if the wake-up were lost
        QElapsedTimer clock;
        clock.start();
        loop.exec();
        poster.join();
        QVERIFY(delivered);
        QVERIFY(clock.elapsed() < 4000);

        // exit() from another thread interrupts a blocked wait.
        QEventLoop second;
        std::thread quitter([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            second.exit(7);
        });
        QTimer::singleShot(5000, &second, [&] { second.exit(1); });
        QCOMPARE(second.exec(), 7);
        quitter.join();
    }

    void deleteLaterRuns()
    {
        QPointer<QObject> doomed = new QObject;
        doomed->deleteLater();
        QTRY_VERIFY_WITH_TIMEOUT(doomed.isNull(), 2000);
    }
};

int main(int argc, char *argv[])
{
    if (!EpollEventDispatcher::installForMainThread())
        qFatal("cannot build the epoll event dispatcher");
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
