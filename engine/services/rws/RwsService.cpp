#include "RwsService.h"

#include <spdlog/spdlog.h>

#include <QCryptographicHash>
#include <QPointer>
#include <QThreadPool>
#include <QUrlQuery>

#include "RwsResponseCache.h"
#include "core/ApiError.h"
#include "http/OutboundHttp.h"
#include "http/ResponseStream.h"
#include "security/AccessTypes.h"
#include "security/LookupResolver.h"
#include "security/LookupSecrets.h"
#include "services/RequestContext.h"

namespace gatehouse {

namespace {

// Bodies up to this size (with a Content-Length) are buffered: they can be cached and wrapped
// in an error envelope. Event streams, chunked and larger bodies pass through as they arrive.
constexpr qint64 kBufferLimit = 1024 * 1024;
// A non-2xx body becomes the error message; beyond this it is cut.
constexpr qsizetype kErrorBodyLimit = 64 * 1024;

// The gateway's own credentials, never forwarded as query parameters.
bool isGatewayParameter(const QString &name)
{
    const QString lower = name.toLower();
    return lower == QLatin1String("api_key") || lower == QLatin1String("session_token");
}

// Response headers that describe this hop or would act on the gateway's origin: the gateway
// frames the response itself, CORS is the gate's, and an upstream's cookies must not land on
// the gateway's domain (they would be sent back by browsers to every gateway API).
bool isDroppedResponseHeader(const QByteArray &lower)
{
    static const QList<QByteArray> names{"connection",
                                         "keep-alive",
                                         "transfer-encoding",
                                         "te",
                                         "trailer",
                                         "upgrade",
                                         "proxy-connection",
                                         "proxy-authenticate",
                                         "content-length",
                                         "content-type",
                                         "set-cookie",
                                         "set-cookie2",
                                         "strict-transport-security",
                                         "alt-svc"};
    return names.contains(lower) || lower.startsWith("access-control-");
}

QByteArray percent(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// Everything one proxied request needs once lookups are resolved; shared by the callbacks.
struct RwsCall
{
    std::shared_ptr<const RequestContext> context;
    Service::Completion done;
    bool answered = false;
    QString serviceName;
    QPointer<OutboundHttp> outbound;
    OutboundHttp::CallId id = 0;
    std::shared_ptr<RwsResponseCache> cache;
    QByteArray cacheKey; // empty: not cacheable
    int cacheTtl = 0;
    QString target; // host:port for logs (no path query)

    HttpClientResponseHead head;
    bool streaming = false;
    bool failed = false;
    std::shared_ptr<ResponseStream> stream;
    QByteArray body;

    void answer(HttpResponse response)
    {
        if (answered)
            return;
        answered = true;
        const auto completion = std::move(done);
        completion(std::move(response));
    }
    void fail(const ApiError &error) { answer(HttpResponse::fromError(error)); }
};

HttpResponse errorEnvelope(int status, const QByteArray &body)
{
    QString message = QString::fromUtf8(body.left(kErrorBodyLimit));
    if (message.trimmed().isEmpty())
        message = QStringLiteral("The remote service answered HTTP %1.").arg(status);
    return HttpResponse::fromError(ApiError(status, message));
}

void startCall(const std::shared_ptr<RwsCall> &call, OutboundRequest request)
{
    OutboundHandlers handlers;
    std::weak_ptr<RwsCall> weak = call;
    handlers.head = [call](const HttpClientResponseHead &head) {
        call->head = head;
        const bool success = head.status >= 200 && head.status < 300;
        const QByteArray type = head.header("content-type").toLower();
        const QByteArray length = head.header("content-length");
        bool lengthOk = false;
        const qint64 size = length.trimmed().toLongLong(&lengthOk);
        const bool headOnly = call->context->method == "HEAD";
        // 204/205 never have a body (and so no length): nothing to stream.
        const bool bodiless = head.status == 204 || head.status == 205;
        call->streaming = success && !headOnly && !bodiless &&
                          (type.startsWith("text/event-stream") || !lengthOk || size > kBufferLimit);
        if (!call->streaming)
            return;
        HttpResponse response;
        response.status = head.status;
        response.contentType = head.header("content-type");
        for (const auto &header : head.headers) {
            if (!isDroppedResponseHeader(header.first))
                response.headers.append(header);
        }
        call->stream = std::make_shared<ResponseStream>();
        response.stream = call->stream;
        // The client went away: stop the upstream call too.
        QObject::connect(call->stream.get(), &ResponseStream::cancelled, call->stream.get(),
                         [weak = std::weak_ptr(call)] {
                             if (const auto c = weak.lock()) {
                                 if (c->outbound)
                                     c->outbound->abort(c->id);
                                 spdlog::info("rws service '{}': client left, upstream call to {} aborted",
                                              c->serviceName.toStdString(), c->target.toStdString());
                             }
                         });
        call->answer(std::move(response));
    };
    handlers.data = [call](const QByteArray &bytes) {
        if (call->streaming) {
            call->stream->write(bytes);
            return;
        }
        const bool success = call->head.status >= 200 && call->head.status < 300;
        const qint64 limit = success ? kBufferLimit : kErrorBodyLimit;
        if (call->body.size() < limit)
            call->body += bytes.left(limit - call->body.size());
    };
    handlers.done = [call](const OutboundError *error) {
        if (call->streaming) {
            if (error)
                spdlog::warn("rws service '{}': stream from {} ended early: {}",
                             call->serviceName.toStdString(), call->target.toStdString(),
                             error->message.toStdString());
            call->stream->end();
            return;
        }
        if (error) {
            spdlog::info("rws service '{}': call to {} failed: {}", call->serviceName.toStdString(),
                         call->target.toStdString(), error->message.toStdString());
            switch (error->kind) {
            case OutboundError::Egress:
                call->fail(ApiError::forbidden(error->message));
                return;
            case OutboundError::TooManyRedirects:
                call->fail(ApiError(502, error->message));
                return;
            case OutboundError::Network:
                if (error->networkKind == HttpClientError::Timeout)
                    call->fail(ApiError(504, QStringLiteral("The remote service did not answer in time.")));
                else
                    call->fail(ApiError(
                        502,
                        QStringLiteral("The remote service could not be reached: %1").arg(error->message)));
                return;
            }
            return;
        }
        const int status = call->head.status;
        if (status < 200 || status >= 300) {
            call->answer(status >= 300 && status <= 599
                             ? errorEnvelope(status, call->body)
                             : HttpResponse::fromError(ApiError(
                                   502, QStringLiteral("The remote service answered HTTP %1.").arg(status))));
            return;
        }
        HttpResponse response;
        response.status = status;
        response.contentType = call->head.header("content-type");
        for (const auto &header : call->head.headers) {
            if (!isDroppedResponseHeader(header.first))
                response.headers.append(header);
        }
        response.body = call->body;
        if (!call->cacheKey.isEmpty() && call->cache) {
            RwsResponseCache::Entry entry;
            entry.status = status;
            entry.contentType = response.contentType;
            entry.headers = response.headers;
            entry.body = response.body;
            call->cache->insert(call->cacheKey, std::move(entry), call->cacheTtl);
            response.headers.append(qMakePair(QByteArray("X-Gatehouse-Cache"), QByteArray("miss")));
        }
        call->answer(std::move(response));
    };
    call->id = call->outbound->start(std::move(request), std::move(handlers));
}
} // namespace

RwsService::RwsService(ServiceInfo info, const ServiceEnvironment &env)
    : Service(std::move(info))
    , m_env(env)
    , m_cache(std::make_shared<RwsResponseCache>())
{
    try {
        m_config = RwsConfig::fromConfig(this->info().config);
    } catch (const ApiError &error) {
        m_configError = error.message();
    }
}

RwsService::~RwsService() = default;

void RwsService::registerType(ServiceManager &manager)
{
    ServiceType type;
    type.name = QStringLiteral("rws");
    type.label = QStringLiteral("HTTP Service");
    type.group = QStringLiteral("Remote Service");
    type.description = QStringLiteral("A remote HTTP API behind the gateway: requests are forwarded to its "
                                      "base URL with added parameters and "
                                      "headers (lookups and secrets included), through an egress allow-list, "
                                      "with timeouts, streaming and an "
                                      "optional GET cache.");
    type.configSchema = RwsConfig::configSchema();
    type.create = [](const ServiceInfo &info, const ServiceEnvironment &env) -> std::shared_ptr<Service> {
        return std::make_shared<RwsService>(info, env);
    };
    type.validate = [](const ServiceInfo &info, const ServiceEnvironment &) {
        try {
            RwsConfig::fromConfig(info.config);
        } catch (const ApiError &error) {
            return error.message();
        }
        return QString();
    };
    manager.registerType(std::move(type));
}

QStringList RwsService::accessComponents() const
{
    // The remote API's paths are not known here: "*" covers them, roles may name any path.
    return {QString(), QStringLiteral("*")};
}

void RwsService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    if (!m_configError.isEmpty()) {
        done(HttpResponse::fromError(ApiError(
            503, QStringLiteral("The service '%1' is misconfigured: %2").arg(info().name, m_configError))));
        return;
    }
    if (!m_env.outbound) {
        done(HttpResponse::fromError(ApiError(503, QStringLiteral("Outbound HTTP is not available."))));
        return;
    }
    const QByteArray method = context->method.toUpper();
    const int verb = verbBit(method);

    // The values that may hold lookups: configured parameters, then configured headers.
    QList<const RwsConfig::Parameter *> parameters;
    QList<const RwsConfig::Header *> headers;
    QStringList values;
    bool needsLookups = false;
    for (const auto &p : m_config.parameters) {
        if (!RwsConfig::appliesTo(p.action, verb))
            continue;
        parameters.append(&p);
        values.append(p.value);
        needsLookups = needsLookups || p.value.contains(QLatin1Char('{'));
    }
    for (const auto &h : m_config.headers) {
        if (!RwsConfig::appliesTo(h.action, verb))
            continue;
        headers.append(&h);
        values.append(h.value);
        needsLookups = needsLookups || h.value.contains(QLatin1Char('{'));
    }

    auto call = std::make_shared<RwsCall>();
    call->context = context;
    call->done = std::move(done);
    call->serviceName = info().name;
    call->outbound = m_env.outbound;
    call->cache = m_cache;

    // Copies: the service may be replaced while lookups resolve.
    const RwsConfig config = m_config;
    QList<RwsConfig::Parameter> params;
    for (const auto *p : parameters)
        params.append(*p);
    QList<RwsConfig::Header> hdrs;
    for (const auto *h : headers)
        hdrs.append(*h);

    auto proceed = [call, config, params, hdrs, method](const QStringList &resolved) {
        const RequestContext &ctx = *call->context;
        // URL: base + '/' + the path segments, each encoded again.
        QByteArray path = config.baseUrl.path(QUrl::FullyEncoded).toUtf8();
        while (path.endsWith('/'))
            path.chop(1);
        if (!ctx.resource.isEmpty()) {
            for (const QString &segment : ctx.resourceParts)
                path += '/' + percent(segment);
        }
        if (ctx.trailingSlash || (ctx.resource.isEmpty() && config.baseUrl.path().endsWith(QLatin1Char('/'))))
            path += '/';
        QList<QPair<QByteArray, QByteArray>> query; // encoded
        QList<QPair<QByteArray, QByteArray>> keyQuery;
        for (const auto &item : QUrlQuery(config.baseUrl).queryItems(QUrl::FullyDecoded)) {
            query.append({percent(item.first), percent(item.second)});
            keyQuery.append(query.last());
        }
        QSet<QString> excluded;
        for (const auto &p : params) {
            if (p.exclude)
                excluded.insert(p.name.toLower());
        }
        for (const auto &item : ctx.request.query) {
            if (isGatewayParameter(item.first) || excluded.contains(item.first.toLower()))
                continue;
            query.append({percent(item.first), percent(item.second)});
            keyQuery.append(query.last());
        }
        for (qsizetype i = 0; i < params.size(); ++i) {
            const auto &p = params.at(i);
            if (p.exclude || !p.outbound)
                continue;
            query.append({percent(p.name), percent(resolved.at(i))});
            if (p.cacheKey)
                keyQuery.append(query.last());
        }
        QByteArray encodedQuery;
        for (const auto &item : query) {
            if (!encodedQuery.isEmpty())
                encodedQuery += '&';
            encodedQuery += item.first + '=' + item.second;
        }
        QUrl url = config.baseUrl;
        url.setQuery(QString());
        url.setPath(QString::fromUtf8(path), QUrl::TolerantMode);
        if (!encodedQuery.isEmpty())
            url.setQuery(QString::fromLatin1(encodedQuery), QUrl::TolerantMode);
        const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
        call->target = url.host() + QLatin1Char(':') + QString::number(port);

        OutboundRequest request;
        request.http.method = method;
        request.http.url = url;
        request.http.connectTimeoutMs = config.connectTimeoutSeconds * 1000;
        request.http.headTimeoutMs = config.timeoutSeconds * 1000;
        request.http.idleTimeoutMs = config.timeoutSeconds * 1000;
        request.maxRedirects = config.maxRedirects;
        const QByteArray contentType = ctx.request.header("content-type");
        if (!ctx.request.body.isEmpty()) {
            request.http.body = ctx.request.body;
            request.http.headers.append({"Content-Type", contentType.isEmpty()
                                                             ? QByteArray("application/octet-stream")
                                                             : contentType});
        }
        for (qsizetype i = 0; i < hdrs.size(); ++i) {
            const auto &h = hdrs.at(i);
            const QByteArray name = h.name.toLatin1();
            if (h.passFromClient) {
                const QByteArray value = ctx.request.header(name.toLower());
                if (!value.isEmpty())
                    request.http.headers.append({name, value});
                continue;
            }
            QByteArray value = resolved.at(params.size() + i).toUtf8();
            value.replace('\r', ' ').replace('\n', ' ');
            request.http.headers.append({name, value});
        }

        // The base URL's own host is allowed while it is public; internal addresses, other
        // hosts and redirect targets need allowed_hosts entries.
        request.policy = EgressPolicy::fromAllowList(config.allowedHosts);
        request.policy.allowPublic(url.host() + QLatin1Char(':') + QString::number(port));

        if (method == "GET" && config.cacheTtlSeconds > 0) {
            // Everything that shapes the upstream request is in the key (injected header
            // values included, hashed): no response crosses to a caller whose request differs.
            QCryptographicHash hash(QCryptographicHash::Sha256);
            hash.addData(QByteArray(method + '\n' + path + '\n'));
            for (const auto &item : keyQuery)
                hash.addData(QByteArray(item.first + '=' + item.second + '&'));
            hash.addData("\n");
            for (const auto &header : request.http.headers)
                hash.addData(QByteArray(header.first.toLower() + ':' + header.second + '\n'));
            call->cacheKey = hash.result();
            call->cacheTtl = config.cacheTtlSeconds;
            if (const RwsResponseCache::Entry *hit = call->cache->find(call->cacheKey)) {
                HttpResponse response;
                response.status = hit->status;
                response.contentType = hit->contentType;
                response.headers = hit->headers;
                response.headers.append(qMakePair(QByteArray("X-Gatehouse-Cache"), QByteArray("hit")));
                response.body = hit->body;
                call->answer(std::move(response));
                return;
            }
        }
        if (!call->outbound) {
            call->fail(ApiError(503, QStringLiteral("Outbound HTTP is not available.")));
            return;
        }
        spdlog::debug("rws service '{}': {} to {}", call->serviceName.toStdString(), method.toStdString(),
                      call->target.toStdString());
        startCall(call, std::move(request));
    };

    if (!needsLookups) {
        proceed(values);
        return;
    }
    // Private lookups may make the secret store ask the keychain: resolve on a worker, then go
    // on on the event loop thread.
    const SystemStore *store = m_env.store;
    QPointer<OutboundHttp> receiver = m_env.outbound;
    QThreadPool::globalInstance()->start([context, store, values, receiver, proceed, call]() {
        QStringList resolved;
        try {
            std::optional<LookupSecrets> secrets;
            if (store)
                secrets.emplace(*store);
            const LookupResolver trusted(context->session, secrets ? &*secrets : nullptr);
            for (const QString &value : values)
                resolved.append(trusted.substitute(value, true));
        } catch (...) {
            resolved.clear();
        }
        if (!receiver)
            return;
        QMetaObject::invokeMethod(
            receiver.data(),
            [resolved, proceed, call, count = values.size()] {
                if (resolved.size() != count) {
                    call->fail(
                        ApiError::internal(QStringLiteral("The service's lookups could not be resolved.")));
                    return;
                }
                proceed(resolved);
            },
            Qt::QueuedConnection);
    });
}
} // namespace gatehouse
