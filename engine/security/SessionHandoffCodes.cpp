#include "SessionHandoffCodes.h"

#include <openssl/rand.h>

#include <QUrl>

namespace gatehouse {
namespace {
HttpResponse redirectTo(const QString &redirectUri, const QList<QPair<QByteArray, QByteArray>> &params)
{
    QByteArray location = redirectUri.toUtf8();
    bool first = !location.contains('?');
    for (const auto &[name, value] : params) {
        location += first ? '?' : '&';
        first = false;
        location += name + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    HttpResponse response = HttpResponse::json(Json{{"success", false}}, 302);
    response.setHeader("Location", location);
    response.setHeader("Cache-Control", "no-store");
    return response;
}
} // namespace

HttpResponse SessionHandoffCodes::codeRedirect(const QString &redirectUri, const QString &code,
                                               const QString &state)
{
    QList<QPair<QByteArray, QByteArray>> params{{"code", code.toUtf8()}};
    if (!state.isEmpty())
        params.append({"state", state.toUtf8()});
    HttpResponse response = redirectTo(redirectUri, params);
    response.body = QByteArray(R"({"success":true})");
    return response;
}

HttpResponse SessionHandoffCodes::errorRedirect(const QString &redirectUri, const QString &state,
                                                const HttpResponse &refusal)
{
    const char *error = refusal.status == 401 || refusal.status == 403 ? "access_denied"
                        : refusal.status >= 500                        ? "temporarily_unavailable"
                                                                       : "invalid_request";
    QByteArray message;
    const Json body =
        Json::parse(refusal.body.constData(), refusal.body.constData() + refusal.body.size(), nullptr, false);
    if (body.is_object() && body.contains("error") && body.at("error").is_object()) {
        const Json &inner = body.at("error");
        if (inner.contains("message") && inner.at("message").is_string())
            message = QByteArray::fromStdString(inner.at("message").get<std::string>()).left(500);
    }
    QList<QPair<QByteArray, QByteArray>> params{{"error", error}};
    if (!message.isEmpty())
        params.append({"error_description", message});
    if (!state.isEmpty())
        params.append({"state", state.toUtf8()});
    return redirectTo(redirectUri, params);
}

void SessionHandoffCodes::prune(qint64 nowMs)
{
    for (auto it = m_codes.begin(); it != m_codes.end();)
        it = nowMs - it->createdAtMs > kTtlMs ? m_codes.erase(it) : std::next(it);
    while (m_codes.size() >= kMaxCodes) {
        auto oldest = m_codes.begin();
        for (auto it = m_codes.begin(); it != m_codes.end(); ++it)
            if (it->createdAtMs < oldest->createdAtMs)
                oldest = it;
        m_codes.erase(oldest);
    }
}

QString SessionHandoffCodes::add(const QString &serviceName, const QByteArray &sessionJson, qint64 nowMs)
{
    prune(nowMs);
    QByteArray bytes(32, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size())) != 1)
        qFatal("OpenSSL's random generator failed");
    const QString code =
        QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_codes.insert(code, Entry{serviceName.toLower(), sessionJson, nowMs});
    return code;
}

std::optional<QByteArray> SessionHandoffCodes::take(const QString &code, const QString &serviceName,
                                                    qint64 nowMs)
{
    const auto it = m_codes.find(code);
    if (it == m_codes.end())
        return std::nullopt;
    const Entry entry = std::move(*it);
    m_codes.erase(it);
    if (nowMs - entry.createdAtMs > kTtlMs || entry.serviceName != serviceName.trimmed().toLower())
        return std::nullopt;
    return entry.sessionJson;
}
} // namespace gatehouse
