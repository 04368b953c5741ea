#include "OutboundHttp.h"

#include <map>

namespace gatehouse {

namespace {

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme().toLower() == QLatin1String("https") ? 443 : 80);
    };
    return a.scheme().toLower() == b.scheme().toLower() && a.host().toLower() == b.host().toLower() &&
           port(a) == port(b);
}
} // namespace

class OutboundHttp::Private
{
public:
    struct Call
    {
        OutboundRequest request;
        OutboundHandlers handlers;
        int redirects = 0;
        HttpClient::CallId httpId = 0;
        bool inHttp = false;
        QList<QHostAddress> addresses; // checked addresses of the current URL
        int addressIndex = 0;
        bool headSeen = false;
        QUrl redirectTo; // set once the current response turned out to be a redirect
        int lastStatus = 0;
    };

    OutboundHttp *q = nullptr;
    HttpClient *client = nullptr;
    std::map<CallId, Call> calls;
    CallId nextId = 1;

    void check(CallId id);
    void connectNext(CallId id);
    void followRedirect(CallId id);
    void finish(CallId id, const OutboundError *error);
};

void OutboundHttp::Private::finish(CallId id, const OutboundError *error)
{
    const auto it = calls.find(id);
    if (it == calls.end())
        return;
    const auto done = std::move(it->second.handlers.done);
    calls.erase(it);
    if (done)
        done(error);
}

void OutboundHttp::Private::check(CallId id)
{
    const auto it = calls.find(id);
    if (it == calls.end())
        return;
    const QUrl url = it->second.request.http.url;
    it->second.request.policy.check(url, q, [this, id](EgressVerdict verdict) {
        const auto it = calls.find(id);
        if (it == calls.end())
            return;
        if (!verdict.allowed) {
            OutboundError error;
            error.kind = verdict.unresolved ? OutboundError::Network : OutboundError::Egress;
            error.networkKind = HttpClientError::Connect;
            error.message = verdict.refusal;
            finish(id, &error);
            return;
        }
        it->second.addresses = verdict.addresses;
        it->second.addressIndex = 0;
        connectNext(id);
    });
}

void OutboundHttp::Private::connectNext(CallId id)
{
    const auto it = calls.find(id);
    if (it == calls.end())
        return;
    Call &call = it->second;
    HttpClientRequest http = call.request.http;
    http.connectAddress = call.addresses.value(call.addressIndex);
    call.headSeen = false;
    call.redirectTo = QUrl();
    call.inHttp = true;

    HttpClientHandlers handlers;
    handlers.head = [this, id](const HttpClientResponseHead &head) {
        const auto it = calls.find(id);
        if (it == calls.end())
            return;
        Call &call = it->second;
        call.headSeen = true;
        call.lastStatus = head.status;
        const QByteArray location = head.header("location");
        if (isRedirect(head.status) && !location.isEmpty()) {
            // The redirect's body is of no interest: drop the connection and go on.
            call.redirectTo = call.request.http.url.resolved(QUrl::fromEncoded(location.trimmed()));
            call.inHttp = false;
            client->abort(call.httpId);
            QMetaObject::invokeMethod(
                q, [this, id] { followRedirect(id); }, Qt::QueuedConnection);
            return;
        }
        if (const auto handler = call.handlers.head)
            handler(head);
    };
    handlers.data = [this, id](const QByteArray &bytes) {
        const auto it = calls.find(id);
        if (it == calls.end())
            return;
        if (const auto handler = it->second.handlers.data)
            handler(bytes);
    };
    handlers.done = [this, id](const HttpClientError *error) {
        const auto it = calls.find(id);
        if (it == calls.end())
            return;
        Call &call = it->second;
        call.inHttp = false;
        if (error && error->kind == HttpClientError::Connect && !call.headSeen &&
            call.addressIndex + 1 < call.addresses.size()) {
            // Another checked address of the same name may answer.
            ++call.addressIndex;
            connectNext(id);
            return;
        }
        if (!error) {
            finish(id, nullptr);
            return;
        }
        OutboundError outbound;
        outbound.kind = OutboundError::Network;
        outbound.networkKind = error->kind;
        outbound.message = error->message;
        finish(id, &outbound);
    };
    call.httpId = client->start(std::move(http), std::move(handlers));
}

void OutboundHttp::Private::followRedirect(CallId id)
{
    const auto it = calls.find(id);
    if (it == calls.end())
        return;
    Call &call = it->second;
    const QUrl target = call.redirectTo;
    if (++call.redirects > call.request.maxRedirects) {
        OutboundError error;
        error.kind = OutboundError::TooManyRedirects;
        error.message =
            QStringLiteral("The upstream redirected more than %1 times.").arg(call.request.maxRedirects);
        finish(id, &error);
        return;
    }
    HttpClientRequest &http = call.request.http;
    if (!target.isValid() || target.host().isEmpty()) {
        OutboundError error;
        error.kind = OutboundError::Network;
        error.networkKind = HttpClientError::Protocol;
        error.message = QStringLiteral("The upstream sent an invalid redirect.");
        finish(id, &error);
        return;
    }
    // 303 always, and 301/302 after POST (what browsers do), become a GET without body.
    const int status = call.lastStatus;
    const bool toGet = (status == 303 && http.method != "HEAD") ||
                       ((status == 301 || status == 302) && http.method == "POST");
    if (toGet) {
        http.method = "GET";
        http.body.clear();
        for (qsizetype i = http.headers.size() - 1; i >= 0; --i) {
            const QByteArray name = http.headers[i].first.toLower();
            if (name == "content-type" || name == "content-length" || name == "content-encoding")
                http.headers.removeAt(i);
        }
    }
    if (!sameOrigin(http.url, target)) {
        // Credentials for one origin are not handed to another (as curl and browsers do).
        for (qsizetype i = http.headers.size() - 1; i >= 0; --i) {
            const QByteArray name = http.headers[i].first.toLower();
            if (name == "authorization" || name == "proxy-authorization" || name == "cookie" ||
                name == "host")
                http.headers.removeAt(i);
        }
    }
    http.url = target;
    check(id);
}

OutboundHttp::OutboundHttp(HttpClient *client, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->client = client;
}

OutboundHttp::~OutboundHttp()
{
    for (auto &[id, call] : d->calls) {
        if (call.inHttp)
            d->client->abort(call.httpId);
    }
    d->calls.clear();
}

OutboundHttp::CallId OutboundHttp::start(OutboundRequest request, OutboundHandlers handlers)
{
    const CallId id = d->nextId++;
    Private::Call &call = d->calls[id];
    call.request = std::move(request);
    call.handlers = std::move(handlers);
    d->check(id); // asynchronous: no callback runs inside start()
    return id;
}

void OutboundHttp::abort(CallId id)
{
    const auto it = d->calls.find(id);
    if (it == d->calls.end())
        return;
    if (it->second.inHttp)
        d->client->abort(it->second.httpId);
    d->calls.erase(it);
}
} // namespace gatehouse
