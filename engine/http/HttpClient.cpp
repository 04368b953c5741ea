#include "HttpClient.h"

#include <deque>
#include <unordered_map>

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include "HttpClientConnection.h"

namespace gatehouse {
namespace {

constexpr int kIdleExpiryMs = 30'000;
constexpr int kSweepIntervalMs = 5'000;

struct Call
{
    HttpClientRequest request;
    HttpClientHandlers handlers;
    QString key; // scheme://host:port
    HttpClientConnection *connection = nullptr;
    bool reused = false;  // the connection came from the idle pool
    bool retried = false; // already moved once to a fresh connection
};

struct Host
{
    int active = 0; // connections serving a call
    QList<HttpClientConnection *> idle;
    std::deque<HttpClient::CallId> waiting; // FIFO beyond maxConnectionsPerHost
};
} // namespace

QByteArray HttpClientResponseHead::header(const QByteArray &lowerCaseName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerCaseName)
            return h.second;
    }
    return {};
}

class HttpClient::Private
{
public:
    explicit Private(HttpClient *q)
        : q(q)
    {
        tls = QSslConfiguration::defaultConfiguration(); // the system CAs
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        sweep.setInterval(kSweepIntervalMs);
        QObject::connect(&sweep, &QTimer::timeout, q, [this] { sweepIdle(); });
    }

    HttpClient *q;
    std::unordered_map<CallId, Call> calls;
    QHash<QString, Host> hosts;
    CallId nextId = 1;
    int maxPerHost = 1024;
    int maxIdlePerHost = 16;
    QSslConfiguration tls;
    bool systemCasAdded = false;
    QTimer sweep;

    void launch(CallId id, Call &call, bool forceFresh);
    void onDone(CallId id, const HttpClientError *error, bool reusable, bool received);
    void release(const QString &key, HttpClientConnection *connection, bool keep);
    void pump(const QString &key);
    void sweepIdle();
    static void discard(HttpClientConnection *connection)
    {
        connection->close();
        connection->deleteLater();
    }
};

void HttpClient::Private::launch(CallId id, Call &call, bool forceFresh)
{
    Host &host = hosts[call.key];
    if (!call.connection) {
        if (host.active >= maxPerHost) {
            host.waiting.push_back(id);
            return;
        }
        ++host.active;
    }
    HttpClientConnection *connection = nullptr;
    // The most recently used idle connection is the likeliest to be still open.
    while (!forceFresh && !connection && !host.idle.isEmpty()) {
        HttpClientConnection *candidate = host.idle.takeLast();
        if (candidate->isReusable() && candidate->idleMs() < kIdleExpiryMs) {
            connection = candidate;
            connection->onIdleLost = nullptr;
        } else {
            discard(candidate);
        }
    }
    call.reused = connection != nullptr;
    if (!connection) {
        const QUrl &url = call.request.url;
        const bool https = url.scheme() == QLatin1String("https");
        connection = new HttpClientConnection(url.host(), quint16(url.port(https ? 443 : 80)),
                                              https ? &tls : nullptr, q, call.request.connectAddress);
    }
    call.connection = connection;
    HttpClientConnection::Exchange exchange;
    // The handlers are copied before they run: a handler may abort its own call.
    exchange.head = [this, id](const HttpClientResponseHead &head) {
        const auto it = calls.find(id);
        if (it == calls.end())
            return;
        if (const auto handler = it->second.handlers.head)
            handler(head);
    };
    exchange.data = [this, id](const QByteArray &bytes) {
        const auto it = calls.find(id);
        if (it == calls.end())
            return;
        if (const auto handler = it->second.handlers.data)
            handler(bytes);
    };
    exchange.done = [this, id](const HttpClientError *error, bool reusable, bool received) {
        onDone(id, error, reusable, received);
    };
    connection->start(call.request, std::move(exchange));
}

void HttpClient::Private::onDone(CallId id, const HttpClientError *error, bool reusable, bool received)
{
    const auto it = calls.find(id);
    if (it == calls.end())
        return;
    Call &call = it->second;
    HttpClientConnection *connection = std::exchange(call.connection, nullptr);
    // A pooled connection the server had already closed fails before any response byte; the
    // request never reached a handler that answered, so it is sent once more on a new connection.
    if (error && call.reused && !received && !call.retried) {
        call.retried = true;
        discard(connection);
        --hosts[call.key].active; // the call keeps its slot: launch() takes it again at once
        launch(id, call, true);
        return;
    }
    const QString key = call.key;
    const HttpClientHandlers handlers = std::move(call.handlers);
    calls.erase(it);
    release(key, connection, reusable && !error);
    pump(key);
    // Last, because the handler may start calls, abort others or destroy the client.
    if (handlers.done)
        handlers.done(error);
}

void HttpClient::Private::release(const QString &key, HttpClientConnection *connection, bool keep)
{
    Host &host = hosts[key];
    --host.active;
    if (!connection)
        return;
    if (!keep || host.idle.size() >= maxIdlePerHost) {
        discard(connection);
        return;
    }
    connection->onIdleLost = [this, key, connection] {
        hosts[key].idle.removeOne(connection);
        discard(connection);
    };
    host.idle.append(connection);
    if (!sweep.isActive())
        sweep.start();
}

void HttpClient::Private::pump(const QString &key)
{
    for (;;) {
        Host &host = hosts[key];
        if (host.active >= maxPerHost || host.waiting.empty())
            return;
        const CallId next = host.waiting.front();
        host.waiting.pop_front();
        const auto it = calls.find(next);
        if (it != calls.end())
            launch(next, it->second, false);
    }
}

void HttpClient::Private::sweepIdle()
{
    bool anyIdle = false;
    for (auto it = hosts.begin(); it != hosts.end();) {
        Host &host = it.value();
        for (qsizetype i = host.idle.size() - 1; i >= 0; --i) {
            if (host.idle[i]->idleMs() >= kIdleExpiryMs || !host.idle[i]->isReusable())
                discard(host.idle.takeAt(i));
        }
        anyIdle = anyIdle || !host.idle.isEmpty();
        if (host.active == 0 && host.idle.isEmpty() && host.waiting.empty())
            it = hosts.erase(it);
        else
            ++it;
    }
    if (!anyIdle)
        sweep.stop();
}

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
}

HttpClient::~HttpClient()
{
    // The connections are children of this object and are deleted with it; closing them first
    // guarantees no callback runs from here on.
    for (auto &[id, call] : d->calls) {
        if (call.connection)
            call.connection->close();
    }
    for (Host &host : d->hosts) {
        for (HttpClientConnection *connection : host.idle)
            connection->close();
    }
    d->calls.clear();
}

HttpClient::CallId HttpClient::start(HttpClientRequest request, HttpClientHandlers handlers)
{
    const CallId id = d->nextId++;
    const QUrl url = request.url;
    const QString scheme = url.scheme().toLower();
    Call &call = d->calls[id];
    call.handlers = std::move(handlers);
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        // Reported from the event loop, never from inside start(): callers are not re-entered.
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                const auto it = d->calls.find(id);
                if (it == d->calls.end())
                    return;
                const HttpClientHandlers h = std::move(it->second.handlers);
                d->calls.erase(it);
                HttpClientError error;
                error.kind = HttpClientError::Connect;
                error.message = QStringLiteral("Only absolute http:// and https:// URLs can be called.");
                if (h.done)
                    h.done(&error);
            },
            Qt::QueuedConnection);
        return id;
    }
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    call.key = scheme + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
               QString::number(url.port(defaultPort));
    // A pinned address gets its own pool: an idle connection to another address of the same
    // host must not serve it (nor the other way round).
    if (!request.connectAddress.isNull())
        call.key += QLatin1Char('@') + request.connectAddress.toString();
    call.request = std::move(request);
    d->launch(id, call, false);
    return id;
}

void HttpClient::abort(CallId id)
{
    const auto it = d->calls.find(id);
    if (it == d->calls.end())
        return;
    Call &call = it->second;
    const QString key = call.key;
    HttpClientConnection *connection = std::exchange(call.connection, nullptr);
    d->calls.erase(it);
    if (key.isEmpty())
        return; // an invalid URL: its queued error is simply dropped
    if (connection) {
        d->release(key, nullptr, false);
        Private::discard(connection);
    } else {
        auto &waiting = d->hosts[key].waiting;
        waiting.erase(std::remove(waiting.begin(), waiting.end(), id), waiting.end());
        return;
    }
    d->pump(key);
}

int HttpClient::callsInFlight() const
{
    return int(d->calls.size());
}

int HttpClient::idleConnections() const
{
    int count = 0;
    for (const Host &host : d->hosts)
        count += int(host.idle.size());
    return count;
}

void HttpClient::setMaxConnectionsPerHost(int max)
{
    d->maxPerHost = qMax(1, max);
}

void HttpClient::setMaxIdlePerHost(int max)
{
    d->maxIdlePerHost = qMax(0, max);
}

void HttpClient::addCaCertificates(const QByteArray &pem)
{
    // Qt loads the system CAs on demand only while no CA was set explicitly: adding one turns that
    // off, so the system CAs are added explicitly first (read once, here, not per handshake).
    if (!d->systemCasAdded) {
        d->systemCasAdded = true;
        d->tls.addCaCertificates(QSslConfiguration::systemCaCertificates());
    }
    d->tls.addCaCertificates(QSslCertificate::fromData(pem, QSsl::Pem));
}
} // namespace gatehouse
