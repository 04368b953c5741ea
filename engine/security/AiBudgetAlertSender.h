#pragma once

#include <functional>

#include <QObject>
#include <QUrl>

#include "core/Json.h"

class QNetworkAccessManager;

namespace gatehouse {

// Delivers AI budget alerts: one JSON POST per alert, retried on failure (connection errors,
// non-2xx) after 1, 2, 4, 8 and 16 s, each attempt limited to 10 s. Never blocks: everything
// runs on the event loop through QNetworkAccessManager (alerts are rare, so its per-host
// connection limit is no concern here).
class AiBudgetAlertSender : public QObject
{
    Q_OBJECT
public:
    explicit AiBudgetAlertSender(QObject *parent = nullptr);

    // `done(delivered)` after the first 2xx, or after the last attempt failed.
    void send(const QUrl &url, const Json &payload, std::function<void(bool delivered)> done);

    // Tests: base delay of the back-off (default 1000 ms).
    void setBaseDelayMs(int ms) { m_baseDelayMs = ms; }

private:
    void attempt(QUrl url, QByteArray body, int number, std::function<void(bool)> done);

    QNetworkAccessManager *m_network;
    int m_baseDelayMs = 1000;
};
} // namespace gatehouse
