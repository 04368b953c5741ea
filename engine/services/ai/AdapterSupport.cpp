#include "AdapterSupport.h"

#include <cmath>

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

#include "core/ApiError.h"

namespace gatehouse::aisupport {

QUrl joinUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

void applyExtraHeaders(QList<QPair<QByteArray, QByteArray>> &headers,
                       const QList<QPair<QByteArray, QByteArray>> &extra)
{
    for (const auto &header : extra) {
        const QByteArray name = header.first.toLower();
        headers.removeIf([&](const QPair<QByteArray, QByteArray> &h) { return h.first.toLower() == name; });
        headers.append(header);
    }
}

void mergeExtraBody(Json &body, const Json &extra)
{
    if (!extra.is_object() || !body.is_object())
        return;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        Json &target = body[it.key()];
        if (target.is_object() && it.value().is_object())
            mergeExtraBody(target, it.value());
        else
            target = it.value();
    }
}

QByteArray headerValue(const HttpClientResponseHead &head, const QByteArray &lowerCaseName)
{
    for (const auto &header : head.headers) {
        if (header.first.toLower() == lowerCaseName)
            return header.second.trimmed();
    }
    return {};
}

qint64 parseDurationMs(const QByteArray &text)
{
    static const QRegularExpression part(QStringLiteral("^(\\d+(?:\\.\\d+)?)(ms|h|m|s)"));
    QString rest = QString::fromLatin1(text.trimmed());
    if (rest.isEmpty())
        return -1;
    double total = 0;
    while (!rest.isEmpty()) {
        const QRegularExpressionMatch m = part.match(rest);
        if (!m.hasMatch())
            return -1;
        const double value = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        total += unit == QLatin1String("ms")  ? value
                 : unit == QLatin1String("s") ? value * 1000
                 : unit == QLatin1String("m") ? value * 60000
                                              : value * 3600000;
        rest = rest.mid(m.capturedLength(0));
    }
    return qint64(std::ceil(total));
}

namespace {
int ceilSeconds(double ms)
{
    if (ms <= 0)
        return 0;
    return int(qMin<double>(std::ceil(ms / 1000.0), 1e9));
}

// HTTP-date (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT") or RFC 3339.
QDateTime parseDate(const QByteArray &text)
{
    const QString s = QString::fromLatin1(text).trimmed();
    QDateTime dt = QDateTime::fromString(s, Qt::RFC2822Date);
    if (!dt.isValid()) {
        QString noZone = s;
        noZone.remove(QRegularExpression(QStringLiteral("\\s+(GMT|UTC)$")));
        dt = QLocale::c().toDateTime(noZone, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
        if (dt.isValid())
            dt.setTimeZone(QTimeZone::utc());
    }
    if (!dt.isValid())
        dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    return dt;
}

int retryAfterImpl(const HttpClientResponseHead &head, bool useResetHeaders)
{
    const QByteArray ms = headerValue(head, "retry-after-ms");
    bool ok = false;
    if (!ms.isEmpty()) {
        const double value = ms.toDouble(&ok);
        if (ok && value >= 0)
            return ceilSeconds(value);
    }
    const QByteArray after = headerValue(head, "retry-after");
    if (!after.isEmpty()) {
        const double value = after.toDouble(&ok);
        if (ok && value >= 0)
            return ceilSeconds(value * 1000);
        const QDateTime when = parseDate(after);
        if (when.isValid())
            return ceilSeconds(double(QDateTime::currentDateTimeUtc().msecsTo(when)));
    }
    if (!useResetHeaders)
        return -1;
    // No Retry-After: wait for the limits that are exhausted (or whose remaining count is not
    // reported) to reset.
    int best = -1;
    for (const char *kind : {"requests", "tokens"}) {
        const QByteArray reset = headerValue(head, QByteArray("x-ratelimit-reset-") + kind);
        const QByteArray remaining = headerValue(head, QByteArray("x-ratelimit-remaining-") + kind);
        if (reset.isEmpty() || !(remaining.isEmpty() || remaining == "0"))
            continue;
        const qint64 value = parseDurationMs(reset);
        if (value >= 0)
            best = qMax(best, ceilSeconds(double(value)));
    }
    for (const char *kind : {"requests", "tokens", "input-tokens", "output-tokens"}) {
        const QByteArray prefix = QByteArray("anthropic-ratelimit-") + kind;
        const QByteArray reset = headerValue(head, prefix + "-reset");
        const QByteArray remaining = headerValue(head, prefix + "-remaining");
        if (reset.isEmpty() || !(remaining.isEmpty() || remaining == "0"))
            continue;
        const QDateTime when = parseDate(reset);
        if (when.isValid())
            best = qMax(best, ceilSeconds(double(QDateTime::currentDateTimeUtc().msecsTo(when))));
    }
    return best;
}

QString stringAt(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

QString defaultType(int status)
{
    switch (status) {
    case 0:
        return QStringLiteral("api_connection_error");
    case 400:
    case 413:
    case 422:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 402:
        return QStringLiteral("insufficient_quota");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 408:
    case 504:
        return QStringLiteral("timeout_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return status >= 500 ? QStringLiteral("api_error") : QStringLiteral("invalid_request_error");
    }
}
} // namespace

int retryAfterSeconds(const HttpClientResponseHead &head)
{
    return retryAfterImpl(head, true);
}

QString normaliseFinishReason(const QString &reason)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("stop"), QStringLiteral("stop")},
        {QStringLiteral("length"), QStringLiteral("length")},
        {QStringLiteral("tool_calls"), QStringLiteral("tool_calls")},
        {QStringLiteral("content_filter"), QStringLiteral("content_filter")},
        {QStringLiteral("function_call"), QStringLiteral("function_call")},
        // Anthropic
        {QStringLiteral("end_turn"), QStringLiteral("stop")},
        {QStringLiteral("stop_sequence"), QStringLiteral("stop")},
        {QStringLiteral("pause_turn"), QStringLiteral("stop")},
        {QStringLiteral("max_tokens"), QStringLiteral("length")},
        {QStringLiteral("model_context_window_exceeded"), QStringLiteral("length")},
        {QStringLiteral("tool_use"), QStringLiteral("tool_calls")},
        {QStringLiteral("refusal"), QStringLiteral("content_filter")},
        // Compatible servers (llama.cpp, TGI)
        {QStringLiteral("eos"), QStringLiteral("stop")},
        {QStringLiteral("eos_token"), QStringLiteral("stop")},
        {QStringLiteral("max_length"), QStringLiteral("length")},
    };
    return map.value(reason, QStringLiteral("stop"));
}

QString scrubSecrets(const QString &message)
{
    // Provider keys (sk-..., sk-ant-..., xai-...) and bearer tokens: keep a short prefix.
    static const QRegularExpression key(
        QStringLiteral("\\b((?:sk-ant-|sk-proj-|sk-|xai-))([A-Za-z0-9_\\-]{4})[A-Za-z0-9_\\-*]{8,}"));
    static const QRegularExpression bearer(QStringLiteral("(?i)(bearer\\s+)\\S+"));
    QString out = message;
    out.replace(bearer, QStringLiteral("\\1***"));
    out.replace(key, QStringLiteral("\\1\\2***"));
    if (out.size() > 1000)
        out = out.left(1000) + QStringLiteral("…");
    return out;
}

ProviderError classify(int status, const HttpClientResponseHead &head, const QByteArray &body)
{
    ProviderError e;
    e.status = status;
    if (status == 0) {
        e.retryable = true;
        e.type = defaultType(0);
        // For transport failures the caller passes HttpClientError::message, which never contains
        // request headers.
        e.message = body.isEmpty() ? QStringLiteral("upstream connection failed")
                                   : scrubSecrets(QString::fromUtf8(body));
        return e;
    }

    const Json json = parseJsonOrDiscarded(body);
    QString code;
    QString detailCode;
    if (json.is_object()) {
        const auto err = json.find("error");
        if (err != json.end() && err->is_object()) {
            e.message = stringAt(*err, "message");
            e.type = stringAt(*err, "type");
            code = stringAt(*err, "code");
            const auto details = err->find("details");
            if (details != err->end())
                detailCode = stringAt(*details, "error_code");
        } else if (err != json.end() && err->is_string()) {
            e.message = QString::fromStdString(err->get<std::string>()); // Ollama, xAI
        }
        if (e.message.isEmpty())
            e.message = stringAt(json, "message");
        if (e.message.isEmpty())
            e.message = stringAt(json, "detail"); // FastAPI-based servers (vLLM)
        if (e.type.isEmpty() && stringAt(json, "type") != QLatin1String("error"))
            e.type = stringAt(json, "type");
    }

    const bool quota = status == 402 || code == QLatin1String("insufficient_quota") ||
                       e.type == QLatin1String("insufficient_quota") ||
                       code == QLatin1String("billing_hard_limit_reached") ||
                       detailCode == QLatin1String("enforced_spend_limit_reached");
    e.retryable = status == 408 || status == 409 || status == 429 || status >= 500;
    const QByteArray shouldRetry = headerValue(head, "x-should-retry");
    if (shouldRetry == "true")
        e.retryable = true;
    else if (shouldRetry == "false")
        e.retryable = false;
    if (quota) {
        e.retryable = false;
        e.type = QStringLiteral("insufficient_quota");
    }
    if (e.type.isEmpty())
        e.type = defaultType(status);
    if (e.retryable)
        e.retryAfterSeconds = retryAfterImpl(head, status == 429);
    if (e.message.isEmpty())
        e.message = QStringLiteral("upstream returned HTTP %1").arg(status);
    e.message = scrubSecrets(e.message);
    return e;
}

ProviderError malformed(const QString &what)
{
    ProviderError e;
    e.status = 0;
    e.retryable = true;
    e.type = QStringLiteral("api_error");
    e.message = QStringLiteral("malformed response from the provider: %1").arg(what);
    return e;
}

QString newCompletionId()
{
    quint32 words[3];
    QRandomGenerator::global()->fillRange(words);
    return QStringLiteral("chatcmpl-") +
           QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

Json argumentsObject(const Json &arguments, const QString &field)
{
    if (arguments.is_object())
        return arguments;
    if (arguments.is_null())
        return Json::object();
    if (arguments.is_string()) {
        const QByteArray text = QByteArray::fromStdString(arguments.get<std::string>()).trimmed();
        if (text.isEmpty())
            return Json::object();
        Json parsed = parseJsonOrDiscarded(text);
        if (parsed.is_object())
            return parsed;
    }
    throw ApiError::badRequest(QStringLiteral("%1 must be a JSON object").arg(field));
}

QString contentText(const Json &content)
{
    if (content.is_string())
        return QString::fromStdString(content.get<std::string>());
    QString out;
    if (content.is_array()) {
        for (const Json &part : content) {
            if (part.is_string())
                out += QString::fromStdString(part.get<std::string>());
            else if (part.is_object() && part.contains("text") && part["text"].is_string())
                out += QString::fromStdString(part["text"].get<std::string>());
        }
    }
    return out;
}

Json ChunkBuilder::chunk(Json delta, const Json &finishReason) const
{
    return Json{
        {"id", id},
        {"object", "chat.completion.chunk"},
        {"created", created},
        {"model", model},
        {"choices",
         Json::array({Json{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finishReason}}})}};
}

void ChunkBuilder::start(std::vector<Json> &chunks)
{
    if (started)
        return;
    started = true;
    chunks.push_back(chunk(Json{{"role", "assistant"}, {"content", ""}}));
}

void ChunkBuilder::emitDelta(std::vector<Json> &chunks, Json delta, const Json &finishReason)
{
    start(chunks);
    chunks.push_back(chunk(std::move(delta), finishReason));
}
} // namespace gatehouse::aisupport
