#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace gatehouse {

struct EngineStatus
{
    QString version;
    qint64 uptimeSeconds = 0;
    int services = 0;
};

// Typed client of Gatehouse's own REST API. The console and tools reach the engine only
// through it, so everything they do is also possible over HTTP.
class GatehouseClient : public QObject
{
    Q_OBJECT
public:
    explicit GatehouseClient(QUrl baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void fetchStatus();

Q_SIGNALS:
    void statusReceived(const gatehouse::EngineStatus &status);
    void requestFailed(const QString &message);

private:
    QUrl m_baseUrl;
    QNetworkAccessManager *m_network;
};
} // namespace gatehouse
