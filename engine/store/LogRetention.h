#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

namespace gatehouse {

class SystemStore;

// Time-based retention of one log table (audit_log, ai_usage_log, ai_prompt_log): rows whose
// created_date is older than `days` are deleted in chunks by id, so a large prune never holds the
// write lock for long and never loads rows into memory. Runs on the store's executor a minute
// after start and then every `everyMs`; `gatehoused prune-*` commands call prune() directly.
class LogRetention : public QObject
{
    Q_OBJECT
public:
    LogRetention(SystemStore &store, QString table, int days, int everyMs, QObject *parent = nullptr);

    void stop() { m_timer.stop(); }

    // Worker side. The number of rows deleted, or -1 with the database's message in `error`.
    // `table` is a name fixed in code, never request text.
    static qint64 prune(QSqlDatabase &db, const QString &table, int olderThanDays, QString *error);

private:
    void pruneInBackground();

    SystemStore &m_store;
    QString m_table;
    int m_days;
    int m_everyMs;
    QTimer m_timer;
    bool m_inFlight = false;
};
} // namespace gatehouse
