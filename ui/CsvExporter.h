#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "LogQuery.h"

class QIODevice;

namespace gatehouse {

class GatehouseClient;

// Writes every record a LogQuery matches to a device as CSV (RFC 4180: a header row, fields
// quoted when they hold a comma, quote or line break, quotes doubled, CRLF line ends), paging
// through the engine so a table of millions of rows never sits in memory. No widgets: the Logs
// page wraps it in a file dialog and a progress dialog, tests drive it directly.
class CsvExporter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 500;

    CsvExporter(GatehouseClient *client, LogQuery query, QStringList fields, QIODevice *out,
                QObject *parent = nullptr);
    ~CsvExporter() override;

    // Records per request (tests use small pages to cross page boundaries).
    void setPageSize(int size) { m_pageSize = size; }
    void start();
    // Stops after the page in flight (its transfer is aborted); finished(false, {}) follows.
    void cancel();
    bool isCancelled() const { return m_cancelled; }
    qint64 written() const { return m_written; }

    static QString quote(const QString &field);
    static QString cellText(const QJsonValue &value);

Q_SIGNALS:
    // `total` is what the filter matched when the export began (-1 while unknown).
    void progress(qint64 written, qint64 total);
    // ok: every record written; otherwise `error` says why (empty when cancelled).
    void finished(bool ok, const QString &error);

private:
    void fetchNext();
    void finish(bool ok, const QString &error);
    bool writeLine(const QStringList &cells);

    GatehouseClient *m_client;
    LogQuery m_query;
    QStringList m_fields;
    QIODevice *m_out;
    std::unique_ptr<QObject> m_call; // the page in flight; deleting it aborts the transfer
    std::optional<qint64> m_cursor;
    qint64 m_written = 0;
    int m_pageSize = kPageSize;
    qint64 m_total = -1;
    bool m_cancelled = false;
    bool m_done = false;
};
} // namespace gatehouse
