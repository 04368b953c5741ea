#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace gatehouse {

class HttpClient;

// The identity provider's HTTP endpoints (discovery, JWKS, token) through the engine's async
// HttpClient, bodies capped at 1 MiB. `done` runs once on the event loop thread, never before
// the call returns.
class OidcHttp
{
public:
    struct Reply
    {
        int status = 0;  // 0: no HTTP answer at all (see error)
        QByteArray body; // up to the cap
        QString error;   // transport failure, for logs and 502/504 messages
        bool timedOut = false;
    };
    using Done = std::function<void(const Reply &)>;

    static void get(HttpClient &client, const QUrl &url, int timeoutMs, Done done);
    // GET with `Authorization: Bearer <token>` (userinfo).
    static void getWithBearer(HttpClient &client, const QUrl &url, const QString &token, int timeoutMs,
                              Done done);
    // application/x-www-form-urlencoded POST; `headers` e.g. Authorization for client_secret_basic.
    static void postForm(HttpClient &client, const QUrl &url, const QList<QPair<QString, QString>> &form,
                         const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs, Done done);
    static QByteArray formEncode(const QList<QPair<QString, QString>> &form);
};
} // namespace gatehouse
