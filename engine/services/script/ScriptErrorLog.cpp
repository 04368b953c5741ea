#include "ScriptErrorLog.h"

#include <algorithm>

#include <QMutexLocker>

namespace gatehouse {

ScriptErrorLog::ScriptErrorLog(int perScript)
    : m_perScript(std::max(1, perScript))
{
}

void ScriptErrorLog::record(const ScriptError &error)
{
    QMutexLocker lock(&m_mutex);
    QList<ScriptError> &list = m_errors[error.name];
    list.prepend(error);
    while (list.size() > m_perScript)
        list.removeLast();
}

QList<ScriptError> ScriptErrorLog::errors(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    if (!name.isEmpty())
        return m_errors.value(name);
    QList<ScriptError> all;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        all += it.value();
    // Each script's list is newest first already; merge them by time, newest first.
    std::stable_sort(all.begin(), all.end(),
                     [](const ScriptError &a, const ScriptError &b) { return a.atMs > b.atMs; });
    return all;
}

void ScriptErrorLog::clear(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    if (name.isEmpty())
        m_errors.clear();
    else
        m_errors.remove(name);
}
} // namespace gatehouse
