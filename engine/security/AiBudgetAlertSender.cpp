#include "AiBudgetAlertSender.h"

#include <spdlog/spdlog.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace gatehouse {
namespace {
constexpr int kAttempts = 6;
constexpr int kAttemptTimeoutMs = 10000;
} // namespace

AiBudgetAlertSender::AiBudgetAlertSender(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

void AiBudgetAlertSender::send(const QUrl &url, const Json &payload, std::function<void(bool)> done)
{
    attempt(url, dumpJson(payload), 1, std::move(done));
}

void AiBudgetAlertSender::attempt(QUrl url, QByteArray body, int number, std::function<void(bool)> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kAttemptTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, body);
    QPointer<AiBudgetAlertSender> self(this);
    connect(reply, &QNetworkReply::finished, this,
            [self, reply, url, body, number, done = std::move(done)]() mutable {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
                    if (done)
                        done(true);
                    return;
                }
                // The URL may carry a token: log only the host.
                spdlog::warn("ai budget alert to {} failed (attempt {} of {}): HTTP {} {}",
                             url.host().toStdString(), number, kAttempts, status,
                             reply->errorString().toStdString());
                if (!self || number >= kAttempts) {
                    spdlog::error("ai budget alert to {} given up after {} attempts",
                                  url.host().toStdString(), number);
                    if (done)
                        done(false);
                    return;
                }
                const int delay = self->m_baseDelayMs * (1 << (number - 1));
                QTimer::singleShot(delay, self.data(),
                                   [self, url, body, number, done = std::move(done)]() mutable {
                                       if (self)
                                           self->attempt(url, body, number + 1, std::move(done));
                                   });
            });
}
} // namespace gatehouse
