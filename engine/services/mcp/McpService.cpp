#include "McpService.h"

#include <QSemaphore>
#include <QThread>
#include <QUrl>

#include "McpProtocol.h"
#include "core/ApiError.h"
#include "http/HttpRequest.h"
#include "security/SecretBox.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {

QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

// An id-less JSON-RPC error as a whole HTTP response (transport refusals).
HttpResponse rpcError(int status, int code, const QString &message, const Json &data = nullptr,
                      const Json &id = nullptr)
{
    return HttpResponse::json(McpProtocol::errorMessage(id, code, message, data), status);
}

bool isLoopback(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).isLoopback();
    return peer.isLoopback();
}

bool isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(h.startsWith(QLatin1Char('[')) ? h.mid(1, h.size() - 2) : h);
    return !address.isNull() && isLoopback(address);
}

QString normalizedOrigin(const QString &origin)
{
    QString out = origin.trimmed().toLower();
    while (out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return out;
}

// Quality of `type` in an Accept header: exact match, then "type/*", then "*/*"; -1 when the
// header does not name it at all.
double acceptQuality(const QByteArray &accept, const QByteArray &type)
{
    double exact = -1, wildcardSub = -1, any = -1;
    const QByteArray major = type.left(type.indexOf('/')) + "/*";
    for (const QByteArray &part : accept.split(',')) {
        const QList<QByteArray> pieces = part.split(';');
        const QByteArray range = pieces.value(0).trimmed().toLower();
        double q = 1.0;
        for (qsizetype i = 1; i < pieces.size(); ++i) {
            const QByteArray param = pieces[i].trimmed();
            if (param.startsWith("q=")) {
                bool ok = false;
                const double value = param.mid(2).toDouble(&ok);
                if (ok)
                    q = value;
            }
        }
        if (range == type)
            exact = std::max(exact, q);
        else if (range == major)
            wildcardSub = std::max(wildcardSub, q);
        else if (range == "*/*")
            any = std::max(any, q);
    }
    return exact >= 0 ? exact : wildcardSub >= 0 ? wildcardSub : any;
}

// SSE when the client ranks text/event-stream above JSON; JSON otherwise (also for the
// official SDKs' "application/json, text/event-stream", where both rank equal).
bool prefersEventStream(const QByteArray &accept)
{
    return acceptQuality(accept, "text/event-stream") > acceptQuality(accept, "application/json");
}

// Header values of the stateless revision may be "=?base64?...?=" for non-ASCII text.
QString headerText(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.startsWith("=?base64?") && trimmed.endsWith("?="))
        return QString::fromUtf8(QByteArray::fromBase64(trimmed.mid(9, trimmed.size() - 11)));
    return QString::fromUtf8(trimmed);
}

HttpResponse rpcResponse(const Json &message, int status, bool eventStream)
{
    HttpResponse response;
    response.status = status;
    if (eventStream) {
        // One event carrying the response, then the stream ends (nothing else is ever sent).
        response.contentType = "text/event-stream";
        response.body = "event: message\ndata: " + dumpJson(message) + "\n\n";
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    } else {
        response.contentType = "application/json";
        response.body = dumpJson(message);
    }
    return response;
}

HttpResponse accepted()
{
    HttpResponse response;
    response.status = 202;
    response.contentType.clear();
    return response;
}

// Service validation runs on a worker thread, but the mounted services belong to the
// ServiceManager's thread: the check is posted there and waited for. The wait is bounded so a
// loop that is shutting down cannot hang the worker; the check is then skipped (the request-time
// checks in McpOAuth still refuse tokens of a missing identity service).
QString checkOnServicesThread(ServiceManager &services, std::function<QString(const ServiceManager &)> check)
{
    if (QThread::currentThread() == services.thread())
        return check(services);
    struct State
    {
        QSemaphore done;
        QString result;
    };
    auto state = std::make_shared<State>();
    QMetaObject::invokeMethod(
        &services,
        [state, check = std::move(check), manager = &services] {
            state->result = check(*manager);
            state->done.release();
        },
        Qt::QueuedConnection);
    if (!state->done.tryAcquire(1, 10000))
        return {};
    return state->result;
}

} // namespace

ConfigSchema McpService::configSchema()
{
    auto f = [](const char *name, const char *type, const char *label, const QString &description) {
        return ConfigField(QLatin1String(name), QLatin1String(type), QLatin1String(label), description);
    };
    return {
        f("services", "array", "Database services",
          QStringLiteral("The database services whose tables the MCP tools reach, one per line.")),
        f("allow_writes", "boolean", "Allow writes",
          QStringLiteral("Offer tools that create, update and delete records."))
            .withDefault(false),
        f("allowed_origins", "array", "Allowed origins",
          QStringLiteral("Browser origins allowed to connect, e.g. https://app.example.com, one per line.")),
        f("allow_remote", "boolean", "Allow remote clients",
          QStringLiteral("Accept connections from other computers, not only from this one."))
            .withDefault(false),
        f("oauth", "json", "OAuth",
          QStringLiteral("Sign-in through an oidc service: {\"identity_service\", \"scopes\", \"resource\", "
                         "\"allow_api_key_auth\"}.")),
    };
}

McpService::Settings McpService::parseSettings(const Json &config, QString *error)
{
    Settings settings;
    error->clear();
    if (config.is_null())
        return settings;
    if (!config.is_object()) {
        *error = QStringLiteral("The mcp service config must be a JSON object.");
        return settings;
    }
    const QStringList known = configschema::keys(configSchema());
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (!known.contains(QString::fromStdString(it.key()))) {
            *error = QStringLiteral("Unknown mcp config key '%1' (known: %2).")
                         .arg(QString::fromStdString(it.key()), known.join(QStringLiteral(", ")));
            return settings;
        }
    }
    const auto stringList = [&](const char *key, QStringList *out) {
        const auto it = config.find(key);
        if (it == config.end() || it->is_null())
            return true;
        if (!it->is_array()) {
            *error = QStringLiteral("mcp config '%1' must be an array of strings.").arg(QLatin1String(key));
            return false;
        }
        for (const Json &item : *it) {
            if (!item.is_string() || item.get<std::string>().empty()) {
                *error = QStringLiteral("mcp config '%1' must be an array of non-empty strings.")
                             .arg(QLatin1String(key));
                return false;
            }
            *out << text(item);
        }
        return true;
    };
    const auto boolean = [&](const char *key, bool *out) {
        const auto it = config.find(key);
        if (it == config.end() || it->is_null())
            return true;
        if (!it->is_boolean()) {
            *error = QStringLiteral("mcp config '%1' must be true or false.").arg(QLatin1String(key));
            return false;
        }
        *out = it->get<bool>();
        return true;
    };
    if (!stringList("services", &settings.services) ||
        !stringList("allowed_origins", &settings.allowedOrigins) ||
        !boolean("allow_writes", &settings.allowWrites) || !boolean("allow_remote", &settings.allowRemote))
        return settings;
    for (QString &origin : settings.allowedOrigins) {
        const QUrl url(origin, QUrl::StrictMode);
        if (origin == QLatin1String("*") || !url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            !(url.path().isEmpty() || url.path() == QLatin1String("/"))) {
            *error = QStringLiteral("mcp config allowed_origins: '%1' is not an origin such as "
                                    "https://app.example.com (no wildcards).")
                         .arg(origin);
            return settings;
        }
        origin = normalizedOrigin(origin);
    }
    for (const QString &service : std::as_const(settings.services))
        if (service.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0 ||
            service.compare(QLatin1String("user"), Qt::CaseInsensitive) == 0) {
            *error = QStringLiteral("mcp config services: '%1' is not a database service.").arg(service);
            return settings;
        }
    settings.oauth = McpOAuth::parse(config, error);
    return settings;
}

void McpService::registerType(ServiceManager &manager)
{
    // Ended sessions, shared by every MCP service of this process (see McpSessionIds).
    auto revocations = std::make_shared<McpSessionIds::Revocations>();
    ServiceType type;
    type.name = QStringLiteral("mcp");
    type.label = QStringLiteral("MCP Server");
    type.group = QStringLiteral("AI");
    type.ownPath = QStringLiteral("mcp");
    type.description = QStringLiteral("A Model Context Protocol server at /mcp/{name}: governed data tools, "
                                      "table schema resources and prompts over the database services it "
                                      "exposes, for Claude Desktop, IDEs and other MCP clients.");
    type.configSchema = configSchema();
    type.create = [revocations](const ServiceInfo &info,
                                const ServiceEnvironment &env) -> std::shared_ptr<Service> {
        return std::make_shared<McpService>(info, env, revocations);
    };
    type.validate = [](const ServiceInfo &info, const ServiceEnvironment &env) {
        QString error;
        const Settings settings = parseSettings(info.config, &error);
        if (error.isEmpty() && settings.oauth.enabled && env.services)
            error = checkOnServicesThread(*env.services,
                                          [oauth = settings.oauth](const ServiceManager &services) {
                                              return McpOAuth::checkIdentityService(oauth, services);
                                          });
        return error;
    };
    manager.registerType(std::move(type));
}

McpService::McpService(ServiceInfo info, const ServiceEnvironment &env,
                       std::shared_ptr<McpSessionIds::Revocations> revocations)
    : Service(std::move(info))
    , m_env(env)
    , m_settings(parseSettings(this->info().config, &m_configError))
    , m_sessionIds(env.secrets ? env.secrets->deriveKey(2, "mcpsessn") : QByteArray(), std::move(revocations))
    , m_oauth(m_settings.oauth, env.config, env.services, this->info().name,
              this->info().label.isEmpty() ? this->info().name : this->info().label)
{
}

QString McpService::bearerAudience(const RequestContext &context) const
{
    return m_oauth.enabled() ? m_oauth.resourceUrl(context) : QString();
}

HttpResponse McpService::challengeRefusal(const RequestContext &context, HttpResponse refusal) const
{
    return m_oauth.challengeRefusal(context, std::move(refusal));
}

std::optional<HttpResponse> McpService::admitCaller(const RequestContext &context) const
{
    if (!m_configError.isEmpty())
        return std::nullopt; // handle() answers 503
    return m_oauth.admitCaller(context);
}

std::optional<HttpResponse> McpService::wellKnownDocument(const QString &document,
                                                          const RequestContext &context) const
{
    if (document != QLatin1String("oauth-protected-resource") || !m_oauth.enabled())
        return std::nullopt;
    return m_oauth.metadata(context);
}

QStringList McpService::accessComponents() const
{
    return {QString(), QStringLiteral("*")};
}

std::optional<HttpResponse> McpService::admitTransport(const HttpRequest &request) const
{
    // Local MCP servers are what DNS-rebinding attacks aim at: a page in the user's browser
    // posting to 127.0.0.1. A browser always sends Origin; it must be this very server on a
    // loopback name, or one the admin allowed.
    const QByteArray origin = request.header("origin").trimmed();
    if (!origin.isEmpty()) {
        const QString normalized = normalizedOrigin(QString::fromLatin1(origin));
        bool allowed = m_settings.allowedOrigins.contains(normalized);
        if (!allowed) {
            const QUrl url(normalized);
            const QString host = QString::fromLatin1(request.header("host")).trimmed().toLower();
            const QString authority =
                url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString());
            const QString bracketed =
                url.host().contains(QLatin1Char(':'))
                    ? QStringLiteral("[%1]").arg(url.host()) +
                          (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString())
                    : authority;
            allowed = (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
                      isLoopbackHost(url.host()) && (host == authority || host == bracketed);
        }
        if (!allowed)
            return rpcError(403, McpProtocol::InvalidRequest,
                            QStringLiteral("Forbidden: the Origin %1 is not allowed for this MCP server.")
                                .arg(QString::fromLatin1(origin)));
    }
    if (!m_settings.allowRemote && !isLoopback(request.peer))
        return rpcError(403, McpProtocol::InvalidRequest,
                        QStringLiteral("Forbidden: this MCP server only answers clients on this machine "
                                       "(loopback); an administrator can set allow_remote."));
    return std::nullopt;
}

void McpService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    if (!m_configError.isEmpty()) {
        done(rpcError(
            503, McpProtocol::InternalError,
            QStringLiteral("MCP service '%1' is misconfigured: %2").arg(info().name, m_configError)));
        return;
    }
    if (context->verb == VerbPost) {
        post(context, done);
        return;
    }
    if (context->verb == VerbDelete) {
        endSession(*context, done);
        return;
    }
    // No server-initiated stream is offered (nothing is ever pushed), so GET is 405 as the
    // transport allows; the official clients then carry on with POST alone.
    HttpResponse refusal = rpcError(405, McpProtocol::InvalidRequest,
                                    QStringLiteral("Method Not Allowed: this MCP endpoint accepts POST (and "
                                                   "DELETE to end a session)."));
    refusal.setHeader("Allow", "POST, DELETE");
    done(std::move(refusal));
}

void McpService::endSession(const RequestContext &context, const Completion &done)
{
    if (headerText(context.request.header("mcp-protocol-version")) ==
        QLatin1String(McpProtocol::kStatelessVersion)) {
        HttpResponse refusal =
            rpcError(405, McpProtocol::InvalidRequest,
                     QStringLiteral("Method Not Allowed: revision 2026-07-28 has no sessions."));
        refusal.setHeader("Allow", "POST");
        done(std::move(refusal));
        return;
    }
    const QByteArray id = context.request.header("mcp-session-id").trimmed();
    if (id.isEmpty()) {
        done(rpcError(400, McpProtocol::InvalidRequest,
                      QStringLiteral("Bad Request: Mcp-Session-Id header is required.")));
        return;
    }
    if (!m_sessionIds.verify(id, info().id, McpSessionIds::identityOf(context.session))) {
        done(rpcError(404, -32001, QStringLiteral("Session not found")));
        return;
    }
    m_sessionIds.revoke(id);
    HttpResponse ended;
    ended.status = 204;
    ended.contentType.clear();
    done(std::move(ended));
}

void McpService::post(const std::shared_ptr<const RequestContext> &context, const Completion &done)
{
    const HttpRequest &request = context->request;
    const QByteArray contentType = request.header("content-type").split(';').value(0).trimmed().toLower();
    if (!contentType.isEmpty() && contentType != "application/json") {
        done(rpcError(415, McpProtocol::InvalidRequest,
                      QStringLiteral("Unsupported Media Type: MCP messages are application/json.")));
        return;
    }
    const Json message = parseJsonOrDiscarded(request.body);
    if (request.body.trimmed().isEmpty() || message.is_discarded()) {
        done(rpcError(400, McpProtocol::ParseError,
                      QStringLiteral("Parse error: the body is not valid JSON.")));
        return;
    }
    if (message.is_array()) {
        done(rpcError(400, McpProtocol::InvalidRequest,
                      QStringLiteral("Invalid Request: JSON-RPC batches are not supported (one message per "
                                     "POST since MCP 2025-06-18).")));
        return;
    }
    if (!message.is_object() || message.value("jsonrpc", Json()) != "2.0") {
        done(rpcError(400, McpProtocol::InvalidRequest,
                      QStringLiteral("Invalid Request: not a JSON-RPC 2.0 message (\"jsonrpc\": \"2.0\").")));
        return;
    }
    const bool hasId = message.contains("id");
    const Json id = message.value("id", Json());
    const bool validId = id.is_string() || id.is_number_integer() || id.is_number_unsigned();
    const auto methodIt = message.find("method");
    if (methodIt == message.end()) {
        // A response from the client (to a request this server never sends): acknowledged.
        if (hasId && (message.contains("result") || message.contains("error"))) {
            done(accepted());
            return;
        }
        done(rpcError(400, McpProtocol::InvalidRequest, QStringLiteral("Invalid Request: no method.")));
        return;
    }
    if (!methodIt->is_string() || methodIt->get<std::string>().empty() || (hasId && !validId)) {
        done(rpcError(400, McpProtocol::InvalidRequest,
                      QStringLiteral("Invalid Request: method must be a string and id a string or an integer "
                                     "(never null)."),
                      nullptr, validId ? id : Json()));
        return;
    }
    const QString method = text(*methodIt);
    const bool isNotification = !hasId;
    const Json params = message.value("params", Json::object());

    // The revision: the header names it (required after initialize); absent, a 2025-era
    // client is assumed, as the transport says.
    const QString version = headerText(request.header("mcp-protocol-version"));
    const bool stateless = version == QLatin1String(McpProtocol::kStatelessVersion);
    if (!version.isEmpty() && !stateless && !McpProtocol::sessionVersions().contains(version)) {
        Json supported = Json::array();
        for (const QString &v : McpProtocol::supportedVersions())
            supported.push_back(v);
        done(rpcError(400, McpProtocol::UnsupportedProtocolVersion,
                      QStringLiteral("Bad Request: unsupported MCP-Protocol-Version '%1'.").arg(version),
                      Json{{"supported", supported}, {"requested", version}}, validId ? id : Json()));
        return;
    }

    bool issueSession = false;
    if (stateless) {
        // Gateways route and audit by these headers, so they must say what the body does.
        const QString headerMethod = headerText(request.header("mcp-method"));
        QString mismatch;
        if (headerMethod != method)
            mismatch = QStringLiteral("the Mcp-Method header must equal the method (%1).").arg(method);
        else if (!isNotification &&
                 (method == QLatin1String("tools/call") || method == QLatin1String("prompts/get") ||
                  method == QLatin1String("resources/read"))) {
            const QString name =
                text(params.is_object()
                         ? params.value(method == QLatin1String("resources/read") ? "uri" : "name", Json())
                         : Json());
            if (headerText(request.header("mcp-name")) != name)
                mismatch = QStringLiteral("the Mcp-Name header must equal the %1.")
                               .arg(method == QLatin1String("resources/read") ? QStringLiteral("uri")
                                                                              : QStringLiteral("name"));
        }
        if (mismatch.isEmpty() && params.is_object()) {
            const Json meta = params.value("_meta", Json::object());
            if (meta.is_object() && meta.contains("io.modelcontextprotocol/protocolVersion") &&
                meta["io.modelcontextprotocol/protocolVersion"] != McpProtocol::kStatelessVersion)
                mismatch =
                    QStringLiteral("_meta protocolVersion must equal the MCP-Protocol-Version header.");
        }
        if (!mismatch.isEmpty()) {
            done(rpcError(400, McpProtocol::HeaderMismatch, QStringLiteral("Header mismatch: ") + mismatch,
                          nullptr, validId ? id : Json()));
            return;
        }
    } else if (method == QLatin1String("initialize")) {
        if (isNotification) {
            done(rpcError(400, McpProtocol::InvalidRequest, QStringLiteral("initialize must be a request.")));
            return;
        }
        issueSession = true;
    } else {
        const QByteArray sessionId = request.header("mcp-session-id").trimmed();
        if (sessionId.isEmpty()) {
            done(rpcError(
                400, McpProtocol::InvalidRequest,
                QStringLiteral("Bad Request: Mcp-Session-Id header is required (initialize first, or "
                               "send MCP-Protocol-Version: 2026-07-28 for stateless requests)."),
                nullptr, validId ? id : Json()));
            return;
        }
        QString negotiated;
        if (!m_sessionIds.verify(sessionId, info().id, McpSessionIds::identityOf(context->session),
                                 &negotiated)) {
            done(rpcError(404, -32001, QStringLiteral("Session not found"), nullptr, validId ? id : Json()));
            return;
        }
        // The header must name the version this session negotiated (absent: tolerated, as the
        // transport lets servers assume a default).
        if (!version.isEmpty() && version != negotiated) {
            done(rpcError(400, McpProtocol::InvalidRequest,
                          QStringLiteral("Bad Request: MCP-Protocol-Version '%1' is not the version this "
                                         "session negotiated (%2).")
                              .arg(version, negotiated),
                          nullptr, validId ? id : Json()));
            return;
        }
    }
    if (isNotification) {
        done(accepted());
        return;
    }
    if (!m_env.dispatcher || !m_env.services) {
        done(rpcError(503, McpProtocol::InternalError, QStringLiteral("The MCP server is not available."),
                      nullptr, id));
        return;
    }

    McpProtocol::Options options;
    options.serviceName = info().name;
    options.serviceLabel = info().label;
    options.services = m_settings.services;
    options.allowWrites = m_settings.allowWrites;
    options.stateless = stateless;
    options.protocolVersion = version;
    InternalOrigin origin{QStringLiteral("mcp"), context->requestId, request.peer,
                          request.header("user-agent")};
    auto protocol = std::make_shared<McpProtocol>(*m_env.services, *m_env.dispatcher, context->session,
                                                  std::move(origin), std::move(options));
    const bool eventStream = prefersEventStream(request.header("accept"));
    const QString identity = McpSessionIds::identityOf(context->session);
    // The service outlives this call: the gate holds it until `done` runs.
    protocol->handle(
        message, [this, done, eventStream, issueSession, identity](McpProtocol::Outcome outcome) {
            HttpResponse response =
                rpcResponse(outcome.message, outcome.httpStatus, eventStream && outcome.httpStatus == 200);
            if (issueSession && outcome.ok && !identity.isEmpty()) {
                const QString negotiated =
                    QString::fromStdString(outcome.message["result"].value("protocolVersion", std::string()));
                response.setHeader("Mcp-Session-Id", m_sessionIds.issue(info().id, identity, negotiated));
            }
            response.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id");
            done(std::move(response));
        });
}
} // namespace gatehouse
