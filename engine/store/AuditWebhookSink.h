#pragma once

#include <deque>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include "core/Json.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace gatehouse {

// Pushes audit records to a SIEM's HTTP collector (Logstash http input, Fluent Bit, Vector,
// Splunk/Elastic via a relay): POSTs of a JSON array of ECS documents, up to `batchSize` at a
// time, one POST in flight. Runs on the event loop with QNetworkAccessManager and never blocks
// it. A POST that fails (network error, timeout of 5 s, non-2xx answer) is retried with a
// growing delay (1 s … 60 s); the queue is bounded (`maxQueued`): past it the oldest records are
// dropped, counted and logged. The database copy of the trail is unaffected by either.
class AuditWebhookSink : public QObject
{
    Q_OBJECT
public:
    explicit AuditWebhookSink(QUrl url, QObject *parent = nullptr);
    ~AuditWebhookSink() override;

    void send(std::deque<Json> documents);
    // Gives queued records up to `timeoutMs` to be delivered (shutdown), spinning a local event
    // loop; failed attempts are retried until then.
    void drain(int timeoutMs);

    qint64 delivered() const { return m_delivered; }
    qint64 dropped() const { return m_dropped; }
    qsizetype queued() const { return qsizetype(m_queue.size()) + m_inFlight; }

    static constexpr int batchSize = 200;
    static constexpr qsizetype maxQueued = 20000;
    static constexpr int timeoutMs = 5000;

signals:
    void idle(); // nothing queued and nothing in flight

private:
    void post();
    void onFinished(QNetworkReply *reply, int count);
    QString target() const; // the URL without credentials or query, for log lines

    QUrl m_url;
    QNetworkAccessManager *m_network;
    std::deque<Json> m_queue;
    int m_inFlight = 0;
    QTimer m_retry;
    int m_failures = 0;
    qint64 m_delivered = 0;
    qint64 m_dropped = 0;
    QElapsedTimer m_sinceDropLog;
};
} // namespace gatehouse
