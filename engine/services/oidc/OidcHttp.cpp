#include "OidcHttp.h"

#include <memory>

#include <QPointer>
#include <QTimer>

#include "http/HttpClient.h"

namespace gatehouse {
namespace {
constexpr qsizetype kMaxBody = 1024 * 1024;

void send(HttpClient &client, HttpClientRequest request, int timeoutMs, OidcHttp::Done done)
{
    request.connectTimeoutMs = timeoutMs;
    request.headTimeoutMs = timeoutMs;
    request.idleTimeoutMs = timeoutMs;
    request.headers.append(qMakePair(QByteArray("accept"), QByteArray("application/json")));
    request.headers.append(qMakePair(QByteArray("user-agent"), QByteArray("Gatehouse-OIDC")));
    auto reply = std::make_shared<OidcHttp::Reply>();
    auto finished = std::make_shared<bool>(false);
    auto finish = [reply, finished, done](const QString &error, bool timedOut) {
        if (*finished)
            return;
        *finished = true;
        reply->error = error;
        reply->timedOut = timedOut;
        done(*reply);
    };
    auto callId = std::make_shared<HttpClient::CallId>(0);
    QPointer<HttpClient> guard(&client);
    HttpClientHandlers handlers;
    handlers.head = [reply](const HttpClientResponseHead &head) { reply->status = head.status; };
    handlers.data = [reply, finish, callId, guard](const QByteArray &bytes) {
        if (reply->body.size() + bytes.size() > kMaxBody) {
            if (guard)
                guard->abort(*callId);
            // After abort no callback runs: answer from a fresh stack.
            QTimer::singleShot(
                0, [finish] { finish(QStringLiteral("the response is larger than 1 MiB"), false); });
            return;
        }
        reply->body += bytes;
    };
    handlers.done = [reply, finish](const HttpClientError *error) {
        if (!error) {
            finish(QString(), false);
            return;
        }
        reply->status = 0;
        finish(error->message.isEmpty() ? QStringLiteral("the connection failed") : error->message,
               error->kind == HttpClientError::Timeout);
    };
    *callId = client.start(std::move(request), std::move(handlers));
}
} // namespace

QByteArray OidcHttp::formEncode(const QList<QPair<QString, QString>> &form)
{
    QByteArray body;
    for (const auto &[name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

void OidcHttp::get(HttpClient &client, const QUrl &url, int timeoutMs, Done done)
{
    HttpClientRequest request;
    request.method = "GET";
    request.url = url;
    send(client, std::move(request), timeoutMs, std::move(done));
}

void OidcHttp::getWithBearer(HttpClient &client, const QUrl &url, const QString &token, int timeoutMs,
                             Done done)
{
    HttpClientRequest request;
    request.method = "GET";
    request.url = url;
    request.headers.append(qMakePair(QByteArray("authorization"), QByteArray("Bearer ") + token.toLatin1()));
    send(client, std::move(request), timeoutMs, std::move(done));
}

void OidcHttp::postForm(HttpClient &client, const QUrl &url, const QList<QPair<QString, QString>> &form,
                        const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs, Done done)
{
    HttpClientRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = headers;
    request.headers.append(
        qMakePair(QByteArray("content-type"), QByteArray("application/x-www-form-urlencoded")));
    request.body = formEncode(form);
    send(client, std::move(request), timeoutMs, std::move(done));
}
} // namespace gatehouse
