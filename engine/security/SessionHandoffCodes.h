#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QString>

#include "http/HttpResponse.h"

namespace gatehouse {

// One-time codes that hand a session from a browser sign-in to the front end that started it
// (the console or an app listening on a loopback redirect_uri): the callback stores the session
// JSON under a random code and redirects to the front end with it; the front end POSTs
// {"service", "exchange_code"} to the same session endpoint and receives the session. The
// session token itself never appears in a URL (browser history, logs, Referer). Codes are
// single use, live 60 s, are bound to the identity service, and are capped in number.
// Event loop thread only.
class SessionHandoffCodes
{
public:
    static constexpr qint64 kTtlMs = 60 * 1000;
    static constexpr int kMaxCodes = 10000;

    QString add(const QString &serviceName, const QByteArray &sessionJson, qint64 nowMs);
    // The session JSON for `code` if it exists, is unexpired and belongs to `serviceName`; the
    // code is spent either way.
    std::optional<QByteArray> take(const QString &code, const QString &serviceName, qint64 nowMs);
    int size() const { return int(m_codes.size()); }

    // 302 to the front end: `redirectUri?code=<code>&state=<state>` (state left out when empty).
    static HttpResponse codeRedirect(const QString &redirectUri, const QString &code, const QString &state);
    // 302 to the front end with an OAuth-style error instead of the session, so an app waiting
    // on its redirect_uri learns that the sign-in failed: `error` (access_denied for 401/403,
    // temporarily_unavailable for 5xx, invalid_request otherwise), `error_description` (the
    // refusal's message) and `state`.
    static HttpResponse errorRedirect(const QString &redirectUri, const QString &state,
                                      const HttpResponse &refusal);

private:
    struct Entry
    {
        QString serviceName;
        QByteArray sessionJson;
        qint64 createdAtMs = 0;
    };
    void prune(qint64 nowMs);

    QHash<QString, Entry> m_codes;
};
} // namespace gatehouse
