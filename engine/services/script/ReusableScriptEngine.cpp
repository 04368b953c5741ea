#include "ReusableScriptEngine.h"

#include <private/qv4engine_p.h>
#include <private/qv4mm_p.h>

#include <QCoreApplication>

namespace gatehouse {
namespace {
// Takes the snapshot and returns the check. Everything it uses is captured before any script
// runs, so a script that replaces Reflect, Map or Array.prototype.push cannot blind it; each
// descriptor gets a null prototype, so reading a field a descriptor lacks can never reach a
// getter a script put on Object.prototype.
const char *const kGuard = R"JS((function (global) {
    'use strict';
    var R = Reflect, ownKeys = R.ownKeys, getProto = R.getPrototypeOf, isExtensible = R.isExtensible,
        describe = R.getOwnPropertyDescriptor, setProto = R.setPrototypeOf, remove = R.deleteProperty,
        apply = R.apply, same = Object.is, freeze = Object.freeze, MapType = Map, mapHas = Map.prototype.has,
        mapSet = Map.prototype.set, push = Array.prototype.push, exec = RegExp.prototype.exec,
        anything = new RegExp('(?:)');
    function own(o, key) {
        var d = describe(o, key);
        if (d !== undefined)
            setProto(d, null);
        return d;
    }
    function isObject(v) {
        return v !== null && (typeof v === 'object' || typeof v === 'function');
    }
    // [object, prototype, extensible, keys, descriptors] for every object reachable.
    var entries = [], seen = new MapType(), queue = [global], globalKeys = new MapType();
    apply(mapSet, seen, [global, true]);
    for (var q = 0; q < queue.length; ++q) {
        var o = queue[q], keys = ownKeys(o), descriptors = [];
        // Built-in methods (functions without a prototype: nothing inherits from them) are
        // frozen rather than compared; that leaves a sixth of the objects to compare. A
        // prototype or constructor is never frozen: assigning to an inherited read-only
        // property fails, so `err.name = ...` or `Ctor.prototype.toString = ...` would.
        if (typeof o === 'function' && describe(o, 'prototype') === undefined)
            freeze(o);
        else
            apply(push, entries, [[o, getProto(o), isExtensible(o), keys, descriptors]]);
        var next = [getProto(o)];
        for (var i = 0; i < keys.length; ++i) {
            var d = own(o, keys[i]);
            apply(push, descriptors, [d]);
            apply(push, next, [d.value, d.get, d.set]);
            if (o === global)
                apply(mapSet, globalKeys, [keys[i], true]);
        }
        for (var n = 0; n < next.length; ++n) {
            if (isObject(next[n]) && !apply(mapHas, seen, [next[n]])) {
                apply(mapSet, seen, [next[n], true]);
                apply(push, queue, [next[n]]);
            }
        }
    }
    function unchanged(a, b) {
        return a !== undefined && same(a.value, b.value) && same(a.get, b.get) && same(a.set, b.set) &&
               a.writable === b.writable && a.enumerable === b.enumerable &&
               a.configurable === b.configurable;
    }
    return function () {
        apply(exec, anything, ['']); // RegExp.$1 and friends hold the last match
        for (var e = 0; e < entries.length; ++e) {
            var entry = entries[e], o = entry[0], base = entry[3], descriptors = entry[4];
            if (getProto(o) !== entry[1] || isExtensible(o) !== entry[2])
                return false;
            var keys = ownKeys(o);
            if (o === global) {
                for (var g = 0; g < keys.length; ++g)
                    if (!apply(mapHas, globalKeys, [keys[g]]) && !remove(o, keys[g]))
                        return false;
                for (var b = 0; b < base.length; ++b)
                    if (!unchanged(own(o, base[b]), descriptors[b]))
                        return false;
                continue;
            }
            if (keys.length !== base.length)
                return false;
            for (var k = 0; k < keys.length; ++k)
                if (!same(keys[k], base[k]) || !unchanged(own(o, keys[k]), descriptors[k]))
                    return false;
        }
        return true;
    };
}))JS";
} // namespace

ReusableScriptEngine::ReusableScriptEngine(const QString &preludeSource)
{
    m_prelude = m_engine.evaluate(preludeSource, QStringLiteral("<gatehouse>"));
    m_check = m_engine.evaluate(QString::fromUtf8(kGuard), QStringLiteral("<gatehouse-guard>"))
                  .call({m_engine.globalObject()});
}

bool ReusableScriptEngine::recycle()
{
    // Promise reactions are posted to this thread's event queue, which never runs: drop them,
    // so that one run's continuation can never run inside another's.
    QCoreApplication::removePostedEvents(nullptr);
    if (++m_runs >= kMaxRuns || m_engine.isInterrupted() || !m_check.isCallable())
        return false;
    const QJSValue clean = m_check.call();
    if (!clean.isBool() || !clean.toBool())
        return false;
    const QV4::MemoryManager &memory = *m_engine.handle()->memoryManager;
    if (heapInUse(memory) > kCollectAboveBytes) {
        m_engine.collectGarbage();
        if (heapInUse(memory) > kCollectAboveBytes)
            return false; // something the guard does not see still holds it: start afresh
    }
    return true;
}

qint64 ReusableScriptEngine::heapInUse(const QV4::MemoryManager &memory)
{
    return qint64(memory.getUsedMem() + memory.getLargeItemsMem() + memory.unmanagedHeapSize);
}

} // namespace gatehouse
