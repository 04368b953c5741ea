#include "ScriptPlatform.h"

#include <QJSEngine>
#include <QMetaObject>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include "http/EgressPolicy.h"
#include "http/InternalDispatcher.h"
#include "http/OutboundHttp.h"

namespace gatehouse {
namespace {
QString scalarText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return QString();
    return QString::fromStdString(value.dump());
}

// options.parameters: {name: value | [values]}, in the order given.
QList<QPair<QString, QString>> optionParameters(const Json &options)
{
    QList<QPair<QString, QString>> out;
    if (!options.is_object() || !options.contains("parameters") || !options["parameters"].is_object())
        return out;
    for (const auto &[key, value] : options["parameters"].items()) {
        const QString name = QString::fromStdString(key);
        if (value.is_array()) {
            for (const Json &item : value)
                out.append({name, scalarText(item)});
        } else {
            out.append({name, scalarText(value)});
        }
    }
    return out;
}

QList<QPair<QByteArray, QByteArray>> optionHeaders(const Json &options)
{
    QList<QPair<QByteArray, QByteArray>> out;
    if (!options.is_object() || !options.contains("headers") || !options["headers"].is_object())
        return out;
    for (const auto &[key, value] : options["headers"].items())
        out.append({QByteArray::fromStdString(key).toLower().trimmed(), scalarText(value).toUtf8()});
    return out;
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &lowerName)
{
    for (const auto &header : headers)
        if (header.first == lowerName)
            return true;
    return false;
}

const QStringList &verbs()
{
    static const QStringList list{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                                  QStringLiteral("PATCH"), QStringLiteral("DELETE")};
    return list;
}
} // namespace

ScriptPlatform::ScriptPlatform(const ScriptJob &job, InternalDispatcher *dispatcher, OutboundHttp *outbound,
                               Hooks hooks, QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_dispatcher(dispatcher)
    , m_outbound(outbound)
    , m_hooks(std::move(hooks))
{
}

QString ScriptPlatform::fail(const QString &message)
{
    if (QJSEngine *engine = qjsEngine(this))
        engine->throwError(QJSValue::GenericError, message);
    return QString();
}

bool ScriptPlatform::block(const std::shared_ptr<Wait> &wait)
{
    bool aborted = false;
    {
        QMutexLocker lock(&wait->mutex);
        while (!wait->done && !wait->aborted)
            wait->ready.wait(&wait->mutex);
        aborted = !wait->done;
    }
    m_hooks.endWait();
    if (aborted)
        fail(QStringLiteral("The gateway is shutting down."));
    return !aborted;
}

QString ScriptPlatform::api(const QString &method, const QString &path, const QString &bodyJson,
                            const QString &optionsJson)
{
    if (const QString why = m_hooks.limitExceeded(); !why.isEmpty())
        return fail(why);
    const QString verb = method.toUpper();
    if (!verbs().contains(verb))
        return fail(QStringLiteral("platform.api: unsupported method %1.").arg(method));
    QString target = path.trimmed();
    if (target.contains(QLatin1String("://")) || target.startsWith(QLatin1String("//")))
        return fail(QStringLiteral("platform.api calls Gatehouse services by path ('service/resource'); "
                                   "use platform.http for URLs."));
    if (!m_dispatcher)
        return fail(QStringLiteral("platform.api is not available here."));
    while (target.startsWith(QLatin1Char('/')))
        target.remove(0, 1);
    if (target.startsWith(QLatin1String("api/v2/"), Qt::CaseInsensitive))
        target.remove(0, 7);
    const QString pathPart = target.section(QLatin1Char('?'), 0, 0);
    const QString queryPart = target.section(QLatin1Char('?'), 1);
    InternalRequest request;
    request.method = verb.toLatin1();
    request.service = pathPart.section(QLatin1Char('/'), 0, 0);
    request.resource = pathPart.section(QLatin1Char('/'), 1);
    if (request.service.isEmpty())
        return fail(QStringLiteral("platform.api needs a path such as 'service/resource'."));
    if (!queryPart.isEmpty())
        for (const auto &item : QUrlQuery(queryPart).queryItems(QUrl::FullyDecoded))
            request.addQuery(item.first, item.second);
    const Json options = optionsJson.isEmpty() ? Json::object() : parseJsonOrDiscarded(optionsJson.toUtf8());
    for (const auto &item : optionParameters(options))
        request.addQuery(item.first, item.second);
    request.headers = optionHeaders(options);
    if (!bodyJson.isEmpty()) {
        request.body = parseJsonOrDiscarded(bodyJson.toUtf8());
        if (request.body.is_discarded())
            return fail(QStringLiteral("platform.api: the body is not JSON."));
    }
    InternalOrigin origin = m_job.origin;
    origin.name = QStringLiteral("script");
    origin.requestor = RequestorScript;
    origin.scriptDepth = m_job.depth + 1;

    auto wait = std::make_shared<Wait>();
    if (!m_hooks.beginWait(wait))
        return fail(QStringLiteral("The gateway is shutting down."));
    InternalDispatcher *dispatcher = m_dispatcher;
    QMetaObject::invokeMethod(
        dispatcher,
        [dispatcher, session = m_job.session, origin, request = std::move(request), wait]() mutable {
            dispatcher->dispatch(session, origin, std::move(request), [wait](HttpResponse response) {
                QMutexLocker lock(&wait->mutex);
                wait->status = response.status;
                wait->contentType = response.contentType;
                wait->headers = response.headers;
                // A streamed body (SSE) is not buffered for scripts: content stays null.
                wait->body = response.stream ? QByteArray() : response.body;
                wait->done = true;
                wait->ready.wakeAll();
            });
        },
        Qt::QueuedConnection);
    if (!block(wait))
        return QString();
    return QString::fromUtf8(
        dumpJson(responseJson(wait->status, wait->contentType, wait->headers, wait->body)));
}

QString ScriptPlatform::http(const QString &method, const QString &url, const QString &bodyJson,
                             const QString &optionsJson)
{
    if (const QString why = m_hooks.limitExceeded(); !why.isEmpty())
        return fail(why);
    if (!m_outbound)
        return fail(QStringLiteral("platform.http is not available here."));
    const QString verb = method.toUpper();
    if (!verbs().contains(verb))
        return fail(QStringLiteral("platform.http: unsupported method %1.").arg(method));
    QUrl target(url.trimmed());
    const QString scheme = target.scheme().toLower();
    if (!target.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        target.host().isEmpty())
        return fail(QStringLiteral("platform.http needs an absolute http or https URL."));
    if (m_job.allowedHosts.isEmpty())
        return fail(
            QStringLiteral("platform.http: host '%1' is not allowed (this script has no allowed_hosts).")
                .arg(target.host()));
    const Json options = optionsJson.isEmpty() ? Json::object() : parseJsonOrDiscarded(optionsJson.toUtf8());
    const auto parameters = optionParameters(options);
    if (!parameters.isEmpty()) {
        QUrlQuery query(target);
        for (const auto &item : parameters)
            query.addQueryItem(item.first, item.second);
        target.setQuery(query);
    }
    OutboundRequest request;
    request.http.method = verb.toLatin1();
    request.http.url = target;
    request.http.headers = optionHeaders(options);
    if (!bodyJson.isEmpty()) {
        const Json body = parseJsonOrDiscarded(bodyJson.toUtf8());
        if (body.is_string()) {
            request.http.body = QByteArray::fromStdString(body.get<std::string>());
            if (!hasHeader(request.http.headers, "content-type"))
                request.http.headers.append(
                    qMakePair(QByteArray("content-type"), QByteArray("text/plain; charset=utf-8")));
        } else if (!body.is_discarded() && !body.is_null()) {
            request.http.body = dumpJson(body);
            if (!hasHeader(request.http.headers, "content-type"))
                request.http.headers.append(
                    qMakePair(QByteArray("content-type"), QByteArray("application/json")));
        }
    }
    request.http.headTimeoutMs = kHttpTimeoutMs;
    request.http.idleTimeoutMs = kHttpTimeoutMs;
    request.policy = EgressPolicy::fromAllowList(m_job.allowedHosts);

    auto wait = std::make_shared<Wait>();
    if (!m_hooks.beginWait(wait))
        return fail(QStringLiteral("The gateway is shutting down."));
    OutboundHttp *outbound = m_outbound;
    QMetaObject::invokeMethod(
        outbound,
        [outbound, request = std::move(request), wait]() mutable {
            auto id = std::make_shared<OutboundHttp::CallId>(0);
            OutboundHandlers handlers;
            handlers.head = [wait](const HttpClientResponseHead &head) {
                QMutexLocker lock(&wait->mutex);
                wait->status = head.status;
                wait->headers = head.headers;
                wait->contentType = head.header("content-type");
            };
            handlers.data = [wait, outbound, id](const QByteArray &bytes) {
                QMutexLocker lock(&wait->mutex);
                if (wait->done)
                    return;
                if (wait->body.size() + bytes.size() > kMaxHttpResponseBytes) {
                    wait->failure =
                        QStringLiteral("the response is larger than %1 bytes").arg(kMaxHttpResponseBytes);
                    wait->done = true;
                    wait->ready.wakeAll();
                    // Not from inside the call's own callback.
                    QTimer::singleShot(0, outbound, [outbound, id] { outbound->abort(*id); });
                    return;
                }
                wait->body += bytes;
            };
            handlers.done = [wait](const OutboundError *error) {
                QMutexLocker lock(&wait->mutex);
                if (wait->done)
                    return;
                if (error)
                    wait->failure = error->message;
                wait->done = true;
                wait->ready.wakeAll();
            };
            *id = outbound->start(std::move(request), std::move(handlers));
            QPointer<OutboundHttp> guard(outbound);
            wait->cancel = [guard, id] {
                if (guard)
                    guard->abort(*id);
            };
        },
        Qt::QueuedConnection);
    if (!block(wait))
        return QString();
    if (!wait->failure.isEmpty())
        return fail(QStringLiteral("platform.http: %1").arg(wait->failure));
    return QString::fromUtf8(
        dumpJson(responseJson(wait->status, wait->contentType, wait->headers, wait->body)));
}

void ScriptPlatform::log(const QString &level, const QString &text)
{
    if (m_logs.size() >= kMaxLogLines) {
        ++m_droppedLogs;
        if (m_droppedLogs == 1)
            m_logs.append(QStringLiteral("[warn] further console output dropped"));
        return;
    }
    QString line = QStringLiteral("[%1] %2").arg(level, text.left(kMaxLogLineChars));
    if (text.size() > kMaxLogLineChars)
        line += QStringLiteral("…");
    m_logs.append(line);
}

Json ScriptPlatform::responseJson(int status, const QByteArray &contentType,
                                  const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    Json headerObject = Json::object();
    for (const auto &[name, value] : headers)
        headerObject[name.toLower().toStdString()] = value.toStdString();
    if (!contentType.isEmpty() && !headerObject.contains("content-type"))
        headerObject["content-type"] = contentType.toStdString();
    Json content = nullptr;
    if (!body.isEmpty()) {
        content = parseJsonOrDiscarded(body);
        if (content.is_discarded())
            content = QString::fromUtf8(body).toStdString();
    }
    return Json{
        {"status_code", status}, {"content", std::move(content)}, {"headers", std::move(headerObject)}};
}
} // namespace gatehouse
