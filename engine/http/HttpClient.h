#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

namespace gatehouse {

struct HttpClientRequest
{
    QByteArray method = "POST";
    QUrl url; // http:// or https://
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int connectTimeoutMs = 10000;
    // From the start of the call to the response head (time to first byte for a stream).
    int headTimeoutMs = 30000;
    // Longest silence between two reads of the body; 0 = none.
    int idleTimeoutMs = 30000;
    // Set: connect to this address instead of resolving url.host() (the Host header and the TLS
    // peer name stay url.host()); OutboundHttp pins the address its egress check approved.
    QHostAddress connectAddress;
};

struct HttpClientResponseHead
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray header(const QByteArray &lowerCaseName) const;
};

struct HttpClientError
{
    enum Kind
    {
        Connect,  // refused, unreachable, DNS
        Timeout,  // connect, head or idle timeout
        Tls,      // handshake or certificate failure
        Protocol, // malformed response, connection closed mid-body
    };
    Kind kind = Connect;
    QString message; // for logs; never contains request headers
};

// Callbacks of one call, all on the thread of the HttpClient (the event loop). After done() no
// callback runs again; after abort() none runs at all.
struct HttpClientHandlers
{
    std::function<void(const HttpClientResponseHead &)> head;
    std::function<void(const QByteArray &)> data;      // body bytes as they arrive (de-chunked)
    std::function<void(const HttpClientError *)> done; // nullptr when the body ended normally
};

// Asynchronous HTTP/1.1 client for upstream calls (LLM providers, webhooks). Qt 6.4's
// QNetworkAccessManager opens at most six connections per host and queues the seventh request
// behind them; a gateway in front of one provider host cannot accept that. This client opens as
// many connections as there are calls in flight (up to `maxConnectionsPerHost`), keeps idle ones
// for reuse (keep-alive), streams bodies as they arrive, and never blocks a thread.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    using CallId = quint64;

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override; // aborts every call in flight, without callbacks

    CallId start(HttpClientRequest request, HttpClientHandlers handlers);
    // Closes the call's connection (never returned to the pool); no callback runs afterwards.
    void abort(CallId id);

    int callsInFlight() const;
    int idleConnections() const;

    // Defaults: 1024 connections per host in flight (more calls wait), 16 idle kept per host
    // for 30 s.
    void setMaxConnectionsPerHost(int max);
    void setMaxIdlePerHost(int max);
    // Extra CA certificates for https (tests use a private CA); system CAs are always trusted.
    void addCaCertificates(const QByteArray &pem);

private:
    class Private;
    std::unique_ptr<Private> d;
};
} // namespace gatehouse
