#include "RequestAudit.h"

#include <atomic>

#include <QDateTime>
#include <QRandomGenerator>
#include <QSet>

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "ResponseStream.h"
#include "security/Rbac.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {
constexpr int kMaxParamChars = 1024; // per parameter value

QString normalizedKey(const QString &name)
{
    QString key = name.trimmed().toLower();
    key.replace(QLatin1Char('-'), QLatin1Char('_'));
    return key;
}

// Query parameters as a JSON object (a repeated key becomes an array), redacted; parameters
// whose value is a JSON object or array (e.g. params=) are redacted inside too.
Json queryParams(const HttpRequest &request, QStringList *secrets)
{
    Json params = Json::object();
    for (const auto &[key, rawValue] : request.query) {
        Json value;
        if (RequestAudit::isSecretKey(key)) {
            if (!rawValue.isEmpty())
                secrets->append(rawValue);
            value = RequestAudit::redactedText;
        } else {
            QString text = rawValue;
            const QString trimmed = text.trimmed();
            if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
                Json parsed = parseJsonOrDiscarded(trimmed.toUtf8());
                if (!parsed.is_discarded()) {
                    RequestAudit::redact(parsed, secrets);
                    text = QString::fromUtf8(dumpJson(parsed));
                }
            }
            if (text.size() > kMaxParamChars)
                text = text.left(kMaxParamChars) + QStringLiteral("…");
            value = text;
        }
        const std::string name = key.toStdString();
        if (!params.contains(name)) {
            params[name] = std::move(value);
        } else {
            Json &existing = params[name];
            if (!existing.is_array())
                existing = Json::array({existing});
            existing.push_back(std::move(value));
        }
    }
    return params;
}

// Credential values sent in headers, so they can be scrubbed wherever a client echoed them.
void headerSecrets(const HttpRequest &request, QStringList *secrets)
{
    for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it) {
        if (!RequestAudit::isSecretKey(QString::fromLatin1(it.key())) || it.value().isEmpty())
            continue;
        const QString value = QString::fromLatin1(it.value()).trimmed();
        secrets->append(value);
        // "Bearer <token>", "Basic <credentials>": the credential alone may appear elsewhere.
        const qsizetype space = value.indexOf(QLatin1Char(' '));
        if (space > 0)
            secrets->append(value.mid(space + 1).trimmed());
    }
}

// The values redact() would replace, without copying the document.
void collectSecrets(const Json &value, QStringList *secrets)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!RequestAudit::isSecretKey(QString::fromStdString(it.key())))
                collectSecrets(*it, secrets);
            else if (it->is_string() && !it->get<std::string>().empty())
                secrets->append(QString::fromStdString(it->get<std::string>()));
        }
    } else if (value.is_array()) {
        for (const Json &item : value)
            collectSecrets(item, secrets);
    }
}

QString scrub(QString text, const QStringList &secrets)
{
    for (const QString &secret : secrets)
        if (secret.size() >= 4) // shorter "secrets" would blank ordinary words
            text.replace(secret, QLatin1String(RequestAudit::redactedText));
    return text;
}

QString errorMessage(const HttpResponse &response)
{
    if (response.status < 400 || !response.contentType.startsWith("application/json"))
        return {};
    const Json body = parseJsonOrDiscarded(response.body);
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object())
        return {};
    const Json &message = body["error"]["message"];
    return message.is_string() ? QString::fromStdString(message.get<std::string>()) : QString();
}

QString clientAddress(const HttpRequest &request)
{
    QHostAddress peer = request.peer;
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        peer = QHostAddress(v4); // "::ffff:127.0.0.1" → "127.0.0.1"
    return peer.isNull() ? QString() : peer.toString();
}

void fillTransport(AuditRecord &record, const HttpRequest &request, const HttpResponse &response,
                   QStringList *secrets)
{
    record.clientIp = clientAddress(request);
    record.path = request.path;
    record.verb = QString::fromLatin1(request.method);
    record.status = response.status;
    record.bytesIn = request.body.size();
    // A streamed body is still being produced when the record is made: what was written by then
    // (usually 0, the producer starts after the head) is recorded, not the final size.
    record.bytesOut = response.stream ? response.stream->bytesWritten() : response.body.size();
    record.userAgent = QString::fromLatin1(request.header("user-agent"));
    headerSecrets(request, secrets);
    record.params = queryParams(request, secrets);
}
} // namespace

QString RequestAudit::newRequestId()
{
    // Unique, not secret: it correlates a response with logs and audit records. Seconds first,
    // then a per-process counter from a random start: ids sort by time, so the audit log's
    // request-id index grows at its end instead of taking random inserts (which cost the batch
    // writer page reads), and ids from one process never repeat.
    static std::atomic<quint32> counter{QRandomGenerator::global()->generate()};
    const quint32 seconds = quint32(QDateTime::currentSecsSinceEpoch());
    const quint32 sequence = counter.fetch_add(1, std::memory_order_relaxed);
    return QString::number(seconds, 16).rightJustified(8, QLatin1Char('0')) +
           QString::number(sequence, 16).rightJustified(8, QLatin1Char('0'));
}

bool RequestAudit::isSecretKey(const QString &name)
{
    static const QSet<QString> exact{QStringLiteral("authorization"),
                                     QStringLiteral("proxy_authorization"),
                                     QStringLiteral("cookie"),
                                     QStringLiteral("set_cookie"),
                                     QStringLiteral("x_dreamfactory_session_token"),
                                     QStringLiteral("x_dreamfactory_api_key"),
                                     QStringLiteral("x_mcp_internal_key"),
                                     QStringLiteral("x_api_key"),
                                     QStringLiteral("session_token"),
                                     QStringLiteral("api_key"),
                                     QStringLiteral("apikey"),
                                     QStringLiteral("password"),
                                     QStringLiteral("passwd"),
                                     QStringLiteral("secret"),
                                     QStringLiteral("client_secret"),
                                     QStringLiteral("access_token"),
                                     QStringLiteral("refresh_token"),
                                     QStringLiteral("id_token"),
                                     QStringLiteral("token"),
                                     QStringLiteral("old_password"),
                                     QStringLiteral("new_password"),
                                     QStringLiteral("private_key"),
                                     QStringLiteral("master_key"),
                                     QStringLiteral("jwt")};
    const QString key = normalizedKey(name);
    return exact.contains(key) || key.contains(QLatin1String("password")) ||
           key.contains(QLatin1String("secret")) || key.endsWith(QLatin1String("_token")) ||
           key.endsWith(QLatin1String("api_key")) || key.endsWith(QLatin1String("apikey"));
}

void RequestAudit::redact(Json &value, QStringList *secrets)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (isSecretKey(QString::fromStdString(it.key()))) {
                if (secrets && it->is_string() && !it->get<std::string>().empty())
                    secrets->append(QString::fromStdString(it->get<std::string>()));
                *it = redactedText;
            } else {
                redact(*it, secrets);
            }
        }
    } else if (value.is_array()) {
        for (Json &item : value)
            redact(item, secrets);
    }
}

AuditRecord RequestAudit::fromRequest(const RequestContext &context, const HttpResponse &response)
{
    AuditRecord record;
    QStringList secrets;
    record.timeMs = context.receivedAtMs;
    record.requestId = context.requestId;
    fillTransport(record, context.request, response, &secrets);
    if (!context.method.isEmpty())
        record.verb = QString::fromLatin1(context.method); // after the verb override
    record.durationMs = context.received.isValid() ? context.received.elapsed() : 0;
    const Session &session = context.session;
    if (session.user) {
        record.userId = session.user->id;
        record.userEmail = session.user->email;
    }
    if (session.app) {
        record.appId = session.app->id;
        record.appName = session.app->name;
    }
    if (session.role) {
        record.roleId = session.role->id;
        record.roleName = session.role->name;
    }
    record.service = context.serviceName;
    record.component = context.serviceName.isEmpty() ? QString() : Rbac::normalizeComponent(context.resource);
    if (context.isPublicRoute && context.body.is_object()) {
        // Sign-in: who tried, the only body value recorded (never the password).
        for (const char *key : {"email", "username"}) {
            const auto it = context.body.find(key);
            if (it != context.body.end() && it->is_string()) {
                record.params["login"] = it->get<std::string>().substr(0, 255);
                break;
            }
        }
    }
    if (!context.origin.isEmpty()) {
        // A call the gateway made on the caller's behalf: what made it, and for which request.
        record.params["_origin"] = context.origin.toStdString();
        record.params["_parent_request_id"] = context.parentRequestId.toStdString();
    }
    record.errorMessage = errorMessage(response);
    if (!record.errorMessage.isEmpty())
        // The body is not recorded, but a credential in it must not surface through an error
        // message that quotes it. Only looked at on errors: bodies can be large.
        collectSecrets(context.body, &secrets);
    record.errorMessage = scrub(record.errorMessage, secrets);
    record.path = scrub(record.path, secrets);
    return record;
}

AuditRecord RequestAudit::fromRejected(const HttpRequest &request, const HttpResponse &response,
                                       const QString &requestId, qint64 receivedAtMs)
{
    AuditRecord record;
    QStringList secrets;
    record.event = QStringLiteral("transport");
    record.timeMs = receivedAtMs;
    record.requestId = requestId;
    fillTransport(record, request, response, &secrets);
    record.durationMs = qMax<qint64>(0, QDateTime::currentMSecsSinceEpoch() - receivedAtMs);
    record.errorMessage = scrub(errorMessage(response), secrets);
    record.path = scrub(record.path, secrets);
    return record;
}
} // namespace gatehouse
