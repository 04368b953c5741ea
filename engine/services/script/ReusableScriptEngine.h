#pragma once

#include <QJSEngine>
#include <QJSValue>
#include <QString>

namespace QV4 {
class MemoryManager;
}

namespace gatehouse {

// One QJSEngine serving run after run on a script worker for as long as it stays as it was
// made. Making an engine costs milliseconds of CPU (V4 maps and zeroes its stacks and heap, and
// unmapping them makes the kernel flush TLBs across threads): most of what a short script
// costs. Reuse must never let one run see another's state, so recycle() compares every object
// reachable from the global object (built-in constructors, prototypes, their functions,
// namespaces such as JSON and Math) with a snapshot taken when the engine was made: prototype,
// extensibility and each own property's descriptor. Globals a run added are deleted; any other
// change retires the engine, and the worker makes a fresh one while idle. Use it on one thread.
class ReusableScriptEngine
{
public:
    // Runs per engine before it is retired anyway, bounding whatever V4 keeps between runs.
    static constexpr int kMaxRuns = 1000;
    // Heap left after a run above which it is collected before the next run: the watchdog
    // counts garbage too, and must not charge a run for what the one before it left.
    static constexpr qint64 kCollectAboveBytes = 8LL * 1024 * 1024;

    // `preludeSource` is evaluated once; prelude() is its value.
    explicit ReusableScriptEngine(const QString &preludeSource);

    QJSEngine &engine() { return m_engine; }
    const QJSValue &prelude() const { return m_prelude; }

    // After a run: drops what the run left behind (its globals, pending promise reactions,
    // RegExp's last match) and answers whether the engine may serve another run.
    bool recycle();
    // V4's count of the heap in use: managed objects, large items and the payloads they hold.
    // Read it on the engine's own thread.
    static qint64 heapInUse(const QV4::MemoryManager &memory);

private:
    QJSEngine m_engine;
    QJSValue m_prelude;
    QJSValue m_check;
    int m_runs = 0;
};

} // namespace gatehouse
