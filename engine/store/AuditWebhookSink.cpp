#include "AuditWebhookSink.h"

#include <spdlog/spdlog.h>

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "core/Version.h"

namespace gatehouse {

AuditWebhookSink::AuditWebhookSink(QUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_network(new QNetworkAccessManager(this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &AuditWebhookSink::post);
}

AuditWebhookSink::~AuditWebhookSink() = default;

QString AuditWebhookSink::target() const
{
    return m_url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

void AuditWebhookSink::send(std::deque<Json> documents)
{
    for (Json &doc : documents)
        m_queue.push_back(std::move(doc));
    const qsizetype excess = qsizetype(m_queue.size()) - maxQueued;
    if (excess > 0) {
        // The collector has been unreachable for a long time: keep the newest records.
        m_queue.erase(m_queue.begin(), m_queue.begin() + excess);
        m_dropped += excess;
        if (!m_sinceDropLog.isValid() || m_sinceDropLog.elapsed() > 10000) {
            m_sinceDropLog.start();
            spdlog::error(
                "audit webhook {}: queue full; {} records dropped so far (the database copy is kept)",
                target().toStdString(), m_dropped);
        }
    }
    if (m_inFlight == 0 && !m_retry.isActive())
        post();
}

void AuditWebhookSink::post()
{
    if (m_inFlight > 0 || m_queue.empty())
        return;
    const int count = int(qMin<size_t>(m_queue.size(), batchSize));
    Json batch = Json::array();
    for (int i = 0; i < count; ++i)
        batch.push_back(m_queue[size_t(i)]);
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray(QByteArray("Gatehouse/") + kVersion));
    request.setTransferTimeout(timeoutMs);
    m_inFlight = count;
    QNetworkReply *reply = m_network->post(request, dumpJson(batch));
    connect(reply, &QNetworkReply::finished, this, [this, reply, count] { onFinished(reply, count); });
}

void AuditWebhookSink::onFinished(QNetworkReply *reply, int count)
{
    reply->deleteLater();
    m_inFlight = 0;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        // Only now leave the queue: a failed batch is sent again, in order.
        const size_t n = qMin<size_t>(size_t(count), m_queue.size());
        m_queue.erase(m_queue.begin(), m_queue.begin() + qsizetype(n));
        m_delivered += qint64(n);
        if (m_failures > 0)
            spdlog::warn("audit webhook {}: delivering again after {} failed attempts",
                         target().toStdString(), m_failures);
        m_failures = 0;
        if (m_queue.empty())
            emit idle();
        else
            post();
        return;
    }
    ++m_failures;
    const int delayMs = qMin(60000, 1000 << qMin(m_failures - 1, 6));
    spdlog::error("audit webhook {}: delivery failed ({}; {} records waiting), retrying in {} s",
                  target().toStdString(),
                  status > 0 ? QStringLiteral("HTTP %1").arg(status).toStdString()
                             : reply->errorString().toStdString(),
                  m_queue.size(), delayMs / 1000);
    m_retry.start(delayMs);
}

void AuditWebhookSink::drain(int timeoutMs)
{
    if (m_queue.empty() && m_inFlight == 0)
        return;
    if (m_retry.isActive()) {
        m_retry.stop();
        post();
    }
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &AuditWebhookSink::idle, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    // Failed attempts keep being retried until the deadline.
    while (!m_queue.empty() && deadline.isActive())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
}
} // namespace gatehouse
