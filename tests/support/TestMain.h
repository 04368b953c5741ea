#pragma once

#include <QCoreApplication>
#include <QTest>

#include "core/EpollEventDispatcher.h"

// QTEST_GUILESS_MAIN, plus the choice of event dispatcher: with GATEHOUSE_EVENT_DISPATCHER=epoll
// the test runs on EpollEventDispatcher, the one gatehoused uses (CTest runs such modules under
// both; see tests/CMakeLists.txt).
#define GATEHOUSE_TEST_MAIN(TestObject)                                                                      \
    int main(int argc, char *argv[])                                                                         \
    {                                                                                                        \
        if (qEnvironmentVariable("GATEHOUSE_EVENT_DISPATCHER") == QLatin1String("epoll") &&                  \
            !gatehouse::EpollEventDispatcher::installForMainThread())                                        \
            qFatal("cannot install the epoll event dispatcher");                                             \
        QCoreApplication app(argc, argv);                                                                    \
        TestObject test;                                                                                     \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&test, argc, argv);                                                              \
    }
