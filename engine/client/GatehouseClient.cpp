#include "GatehouseClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include "core/Json.h"

namespace gatehouse {

GatehouseClient::GatehouseClient(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_network(new QNetworkAccessManager(this))
{
}

void GatehouseClient::fetchStatus()
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/status"));
    QNetworkReply *reply = m_network->get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const Json json = parseJsonOrDiscarded(reply->readAll());
        if (reply->error() != QNetworkReply::NoError || !json.is_object()) {
            Q_EMIT requestFailed(reply->errorString());
            return;
        }
        EngineStatus status;
        status.version = QString::fromStdString(json.value("version", std::string()));
        status.uptimeSeconds = json.value("uptime_seconds", qint64(0));
        status.services = json.value("services", 0);
        Q_EMIT statusReceived(status);
    });
}
} // namespace gatehouse
