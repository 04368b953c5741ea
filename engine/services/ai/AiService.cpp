#include "AiService.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include "AiCall.h"
#include "AiEndpointRun.h"
#include "DataChatRun.h"
#include "core/ApiError.h"
#include "http/HttpClient.h"
#include "security/AccessTypes.h"
#include "security/PiiRedactor.h"
#include "services/ServiceManager.h"
#include "store/AiUsageLog.h"

namespace gatehouse {
namespace {
const QStringList &resourceNames()
{
    static const QStringList names{QStringLiteral("chat"),       QStringLiteral("completion"),
                                   QStringLiteral("embeddings"), QStringLiteral("health"),
                                   QStringLiteral("models"),     QStringLiteral("usage"),
                                   QStringLiteral("data-chat"),  QStringLiteral("endpoint")};
    return names;
}

// A buffered upstream call for the small endpoints (models, health).
void fetch(HttpClient *client, HttpClientRequest request,
           std::function<void(int status, const HttpClientResponseHead &, const QByteArray &,
                              const HttpClientError *)>
               done)
{
    struct State
    {
        HttpClientResponseHead head;
        QByteArray body;
    };
    auto state = std::make_shared<State>();
    HttpClientHandlers handlers;
    handlers.head = [state](const HttpClientResponseHead &head) { state->head = head; };
    handlers.data = [state](const QByteArray &bytes) {
        if (state->body.size() < 8 * 1024 * 1024)
            state->body += bytes;
    };
    handlers.done = [state, done = std::move(done)](const HttpClientError *error) {
        done(error ? 0 : state->head.status, state->head, state->body, error);
    };
    client->start(std::move(request), std::move(handlers));
}

Json endpointSummary(const AiEndpointConfig &endpoint)
{
    Json params = Json::array();
    for (const AiEndpointParam &p : endpoint.parameters) {
        Json param{{"name", p.name.toStdString()}, {"type", p.type.toStdString()}, {"required", p.required}};
        if (!p.pattern.isEmpty())
            param["pattern"] = p.pattern.toStdString();
        if (p.min)
            param["min"] = *p.min;
        if (p.max)
            param["max"] = *p.max;
        if (p.maxLength > 0)
            param["max_length"] = p.maxLength;
        params.push_back(std::move(param));
    }
    return Json{{"name", endpoint.name.toStdString()},
                {"description", endpoint.description.toStdString()},
                {"parameters", params},
                {"output", endpoint.jsonOutput ? "json" : "text"}};
}

QString subjectOf(const RequestContext &context)
{
    const Session &session = context.session;
    if (session.user)
        return QStringLiteral("user:%1").arg(session.user->id);
    if (session.app)
        return QStringLiteral("app:%1").arg(session.app->id);
    return QStringLiteral("anonymous");
}

void requireVerb(const RequestContext &context, int verb, const char *name)
{
    if (context.verb != verb)
        throw ApiError::methodNotAllowed(
            QStringLiteral("%1 is not supported on '%2'; use %3.")
                .arg(QString::fromLatin1(context.method), context.resource, QLatin1String(name)));
}
} // namespace

AiService::AiService(const ServiceInfo &info, const ServiceEnvironment &env)
    : Service(info)
    , m_env(std::make_unique<ServiceEnvironment>(env))
{
    try {
        m_connection = AiConnection::fromConfig(info.config);
    } catch (const ApiError &e) {
        // Stored before validation existed, or edited in the database: answer with the reason.
        m_configError = e.message();
        spdlog::error("AI service '{}' is misconfigured: {}", info.name.toStdString(),
                      e.message().toStdString());
    }
}

AiService::~AiService() = default;

void AiService::probeConnection(const ServiceInfo &info, const ServiceEnvironment &env,
                                std::function<void(Json)> done)
{
    Json steps = Json::array();
    AiConnection connection;
    try {
        connection = AiConnection::fromConfig(info.config);
        steps.push_back(
            Json{{"name", "config"}, {"success", true}, {"detail", "The settings are complete."}});
    } catch (const ApiError &e) {
        steps.push_back(Json{{"name", "config"}, {"success", false}, {"detail", e.message()}});
    }
    if (!steps.back().at("success").get<bool>() || !env.httpClient) {
        if (!env.httpClient)
            steps.push_back(
                Json{{"name", "models"}, {"success", false}, {"detail", "This engine has no HTTP client."}});
        // Asynchronous like every other answer.
        QTimer::singleShot(0, [done = std::move(done), steps] {
            done(Json{{"success", false}, {"steps", steps}});
        });
        return;
    }
    // The provider's model list is the cheapest call that proves address and key alike.
    const ProviderAdapter &adapter = ProviderAdapter::forProvider(connection.provider);
    HttpClientRequest request = adapter.modelsRequest(connection);
    request.headTimeoutMs = request.idleTimeoutMs = qMax(1, connection.timeoutSeconds) * 1000;
    const QString where = connection.baseUrl.toString(QUrl::RemoveUserInfo);
    const QString model = connection.defaultModel;
    fetch(env.httpClient, std::move(request),
          [steps, where, model, &adapter,
           done = std::move(done)](int status, const HttpClientResponseHead &head, const QByteArray &body,
                                   const HttpClientError *error) mutable {
              if (error || status < 200 || status >= 300) {
                  const QString message = error ? error->message : adapter.error(status, head, body).message;
                  steps.push_back(Json{{"name", "connect"},
                                       {"success", false},
                                       {"detail", QStringLiteral("%1 answered: %2").arg(where, message)}});
                  done(Json{{"success", false}, {"steps", steps}});
                  return;
              }
              steps.push_back(Json{{"name", "connect"},
                                   {"success", true},
                                   {"detail", QStringLiteral("Reached %1.").arg(where)}});
              QStringList ids;
              try {
                  for (const Json &entry : adapter.modelsResponse(body).value("data", Json::array()))
                      if (entry.contains("id") && entry["id"].is_string())
                          ids << entry["id"].get<QString>();
              } catch (const ProviderError &e) {
                  steps.push_back(Json{{"name", "models"}, {"success", false}, {"detail", e.message}});
                  done(Json{{"success", false}, {"steps", steps}});
                  return;
              }
              const bool hasModel = model.isEmpty() || ids.isEmpty() || ids.contains(model);
              QString detail = QStringLiteral("The provider offers %1 model(s).").arg(ids.size());
              if (!hasModel)
                  detail += QStringLiteral(" The default model %1 is not among them.").arg(model);
              steps.push_back(Json{{"name", "models"}, {"success", hasModel}, {"detail", detail}});
              done(Json{{"success", hasModel}, {"steps", steps}});
          });
}

void AiService::registerType(ServiceManager &manager)
{
    ServiceType type;
    type.name = QStringLiteral("ai");
    type.label = QStringLiteral("AI Connection");
    type.group = QStringLiteral("AI");
    type.description =
        QStringLiteral("An LLM provider (OpenAI, Anthropic, xAI, Ollama or any OpenAI-compatible "
                       "server) behind the gateway: chat, completion, embeddings, usage and budgets.");
    type.configSchema = AiConnection::configSchema();
    type.create = [](const ServiceInfo &info, const ServiceEnvironment &env) -> std::shared_ptr<Service> {
        return std::make_shared<AiService>(info, env);
    };
    type.validate = [](const ServiceInfo &info, const ServiceEnvironment &) {
        try {
            AiConnection::fromConfig(info.config);
        } catch (const ApiError &e) {
            return e.message();
        }
        return QString();
    };
    type.probe = [](const ServiceInfo &info, const ServiceEnvironment &env, std::function<void(Json)> done) {
        probeConnection(info, env, std::move(done));
    };
    manager.registerType(std::move(type));
}

QStringList AiService::accessComponents() const
{
    QStringList components{QString(), QStringLiteral("*")};
    components += resourceNames();
    components += QStringLiteral("endpoint/*");
    for (const AiEndpointConfig &endpoint : m_connection.endpoints)
        components += QStringLiteral("endpoint/") + endpoint.name;
    return components;
}

void AiService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    try {
        const QString resource = context->resourceParts.value(0);
        if (resource.isEmpty()) {
            requireVerb(*context, VerbGet, "GET");
            Json list = Json::array();
            for (const QString &name : resourceNames())
                list.push_back(Json{{"name", name.toStdString()}});
            done(HttpResponse::json(Json{{"resource", list}}));
            return;
        }
        const bool isEndpoint = resource == QLatin1String("endpoint");
        if ((context->resourceParts.size() > 1 && !(isEndpoint && context->resourceParts.size() == 2)) ||
            !resourceNames().contains(resource))
            throw ApiError::notFound(QStringLiteral("Resource '%1' not found for service '%2'.")
                                         .arg(context->resource, info().name));
        if (!m_configError.isEmpty())
            throw ApiError(
                503, QStringLiteral("Service '%1' is misconfigured: %2").arg(info().name, m_configError));
        if (resource == QLatin1String("usage")) {
            requireVerb(*context, VerbGet, "GET");
            usage(*context, done);
            return;
        }
        checkCaller(*context);
        if (isEndpoint) {
            if (context->resourceParts.size() < 2) {
                requireVerb(*context, VerbGet, "GET");
                Json list = Json::array();
                for (const AiEndpointConfig &endpoint : m_connection.endpoints)
                    if (context->session.isSysAdmin() ||
                        (context->allowedVerbs(info().id,
                                               QStringLiteral("endpoint/") + endpoint.name.toLower()) &
                         (VerbGet | VerbPost)))
                        list.push_back(endpointSummary(endpoint));
                done(HttpResponse::json(Json{{"resource", list}}));
                return;
            }
            if (context->verb != VerbGet && context->verb != VerbPost)
                throw ApiError::methodNotAllowed(
                    QStringLiteral("%1 is not supported on AI endpoints; use GET or POST.")
                        .arg(QString::fromLatin1(context->method)));
            AiEndpointRun::start(shared_from_this(), context, context->resourceParts.at(1), done);
            return;
        }
        if (resource == QLatin1String("data-chat")) {
            if (context->verb == VerbGet) {
                done(DataChatRun::describe(*this, *context));
                return;
            }
            requireVerb(*context, VerbPost, "GET or POST");
            DataChatRun::start(shared_from_this(), context, done);
            return;
        }
        if (resource == QLatin1String("chat") || resource == QLatin1String("completion")) {
            requireVerb(*context, VerbPost, "POST");
            chat(context, resource == QLatin1String("completion"), done);
        } else if (resource == QLatin1String("embeddings")) {
            requireVerb(*context, VerbPost, "POST");
            embeddings(context, done);
        } else if (resource == QLatin1String("models")) {
            requireVerb(*context, VerbGet, "GET");
            models(done);
        } else {
            requireVerb(*context, VerbGet, "GET");
            health(done);
        }
    } catch (const ApiError &e) {
        HttpResponse response = HttpResponse::fromError(e);
        if (e.status() == 429 && e.context().is_object() && e.context().contains("retry_after"))
            response.setHeader("Retry-After", QByteArray::number(e.context()["retry_after"].get<qint64>()));
        done(std::move(response));
    }
}

QList<std::shared_ptr<AiService>> AiService::fallbackChain() const
{
    QList<std::shared_ptr<AiService>> chain{std::const_pointer_cast<AiService>(shared_from_this())};
    if (!m_env->services)
        return chain;
    for (qint64 id : m_connection.fallbackServiceIds) {
        auto next = std::dynamic_pointer_cast<AiService>(m_env->services->findById(id));
        if (!next || !next->info().isActive || !next->m_configError.isEmpty() || chain.contains(next))
            continue;
        chain.append(next);
    }
    return chain;
}

void AiService::checkCaller(const RequestContext &context) const
{
    if (m_connection.allowedRoles.isEmpty() || context.session.isSysAdmin())
        return;
    const Session &session = context.session;
    if (session.role && m_connection.allowedRoles.contains(session.role->name, Qt::CaseInsensitive))
        return;
    throw ApiError::forbidden(QStringLiteral("Your role may not use AI service '%1'.").arg(info().name));
}

void AiService::countRequest(const RequestContext &context)
{
    const qint64 wait =
        m_rpm.take(subjectOf(context), m_connection.rpmPerUser, QDateTime::currentMSecsSinceEpoch());
    if (wait <= 0)
        return;
    ApiError error(
        429,
        QStringLiteral("Too many requests to AI service '%1': the limit is %2 per minute per user.")
            .arg(info().name)
            .arg(m_connection.rpmPerUser),
        Json{{"retry_after", wait}});
    throw error;
}

void AiService::checkModel(const Json &body) const
{
    // Refused before the request is counted against the caller's RPM.
    if (body.contains("model") && body["model"].is_string()) {
        const QString model = QString::fromStdString(body["model"].get<std::string>());
        if (!model.isEmpty() && !m_connection.allowsModel(model))
            throw ApiError::forbidden(
                QStringLiteral("Model '%1' is not allowed on AI service '%2'.").arg(model, info().name));
    }
}

Json AiService::prepareRequest(const Json &request, const QString &model, bool embeddings) const
{
    Json body = request.is_object() ? request : Json::object();
    QString chosen = model;
    if (chosen.isEmpty() && body.contains("model") && body["model"].is_string())
        chosen = QString::fromStdString(body["model"].get<std::string>());
    if (chosen.isEmpty())
        chosen = m_connection.defaultModel;
    if (chosen.isEmpty())
        throw ApiError::badRequest(
            QStringLiteral("No model given and service '%1' has no default_model.").arg(info().name));
    if (!m_connection.allowsModel(chosen))
        throw ApiError::forbidden(
            QStringLiteral("Model '%1' is not allowed on AI service '%2'.").arg(chosen, info().name));
    body["model"] = chosen.toStdString();
    if (embeddings)
        return body;

    Json messages = Json::array();
    if (!m_connection.systemPrompt.isEmpty())
        messages.push_back(Json{{"role", "system"}, {"content", m_connection.systemPrompt.toStdString()}});
    for (const Json &message : body.value("messages", Json::array()))
        messages.push_back(message);
    body["messages"] = std::move(messages);

    // The connection's max_tokens is the ceiling for the output a caller may ask for (it is what
    // the budget reserves); a caller may ask for less.
    for (const char *key : {"max_tokens", "max_completion_tokens"}) {
        if (body.contains(key) && body[key].is_number_integer())
            body[key] = qBound<qint64>(1, body[key].get<qint64>(), qint64(m_connection.maxTokens));
    }
    if (!body.contains("max_tokens") && !body.contains("max_completion_tokens"))
        body["max_tokens"] = m_connection.maxTokens;
    if (!body.contains("temperature"))
        body["temperature"] = m_connection.temperature;
    if (m_connection.redactUpstream) {
        const PiiRedactor redactor(m_connection.redactPatterns);
        redactor.redactMessages(body["messages"]);
    }
    return body;
}

void AiService::chat(const std::shared_ptr<const RequestContext> &context, bool completion, Completion &done)
{
    const Json &body = context->body;
    if (!body.is_object())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object."));
    Json request = body;
    if (completion) {
        if (!body.contains("prompt") || !body["prompt"].is_string() ||
            body["prompt"].get<std::string>().empty())
            throw ApiError::badRequest(QStringLiteral("'prompt' (a non-empty string) is required."));
        request.erase("prompt");
        request["messages"] = Json::array({Json{{"role", "user"}, {"content", body["prompt"]}}});
    } else {
        if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty())
            throw ApiError::badRequest(QStringLiteral("'messages' (a non-empty array) is required."));
        static const QStringList roles{QStringLiteral("system"), QStringLiteral("developer"),
                                       QStringLiteral("user"), QStringLiteral("assistant"),
                                       QStringLiteral("tool")};
        for (const Json &message : body["messages"]) {
            if (!message.is_object() || !message.contains("role") || !message["role"].is_string() ||
                !roles.contains(QString::fromStdString(message["role"].get<std::string>())))
                throw ApiError::badRequest(QStringLiteral("Each message needs a 'role' (system, developer, "
                                                          "user, assistant or tool) and 'content'."));
        }
    }
    if (body.contains("model") && !body["model"].is_string())
        throw ApiError::badRequest(QStringLiteral("'model' must be a string."));
    if (body.contains("stream") && !body["stream"].is_boolean())
        throw ApiError::badRequest(QStringLiteral("'stream' must be true or false."));
    checkModel(body);
    countRequest(*context);

    AiCallSpec spec;
    spec.endpoint = completion ? AiEndpoint::Completion : AiEndpoint::Chat;
    spec.shape = AiReplyShape::DreamFactory;
    spec.stream = body.value("stream", false);
    spec.includeUsage = body.contains("stream_options") && body["stream_options"].is_object() &&
                        body["stream_options"].value("include_usage", false);
    spec.model =
        body.contains("model") ? QString::fromStdString(body["model"].get<std::string>()) : QString();
    spec.endpointName = completion ? QStringLiteral("completion") : QStringLiteral("chat");
    spec.request = std::move(request);
    AiCall::start(shared_from_this(), context, std::move(spec), std::move(done));
}

void AiService::embeddings(const std::shared_ptr<const RequestContext> &context, Completion &done)
{
    const Json &body = context->body;
    if (!body.is_object() || !body.contains("input") ||
        !(body["input"].is_string() || (body["input"].is_array() && !body["input"].empty())))
        throw ApiError::badRequest(QStringLiteral("'input' (a string or a non-empty array) is required."));
    if (body.contains("model") && !body["model"].is_string())
        throw ApiError::badRequest(QStringLiteral("'model' must be a string."));
    checkModel(body);
    countRequest(*context);
    AiCallSpec spec;
    spec.endpoint = AiEndpoint::Embeddings;
    spec.shape = AiReplyShape::OpenAi;
    spec.model =
        body.contains("model") ? QString::fromStdString(body["model"].get<std::string>()) : QString();
    spec.endpointName = QStringLiteral("embeddings");
    spec.request = body;
    AiCall::start(shared_from_this(), context, std::move(spec), std::move(done));
}

void AiService::models(Completion &done)
{
    const ProviderAdapter &adapter = ProviderAdapter::forProvider(m_connection.provider);
    HttpClientRequest request = adapter.modelsRequest(m_connection);
    request.headTimeoutMs = request.idleTimeoutMs = qMax(1, m_connection.timeoutSeconds) * 1000;
    const std::shared_ptr<const AiService> self = shared_from_this();
    fetch(m_env->httpClient, std::move(request),
          [self, &adapter, done = std::move(done)](int status, const HttpClientResponseHead &head,
                                                   const QByteArray &body, const HttpClientError *error) {
              if (error || status < 200 || status >= 300) {
                  const QString message = error ? error->message : adapter.error(status, head, body).message;
                  done(HttpResponse::fromError(ApiError(
                      502, QStringLiteral("The AI provider's model list is unavailable: %1").arg(message))));
                  return;
              }
              Json list;
              try {
                  list = adapter.modelsResponse(body);
              } catch (const ProviderError &e) {
                  done(HttpResponse::fromError(ApiError(502, e.message)));
                  return;
              }
              Json data = Json::array();
              for (const Json &model : list.value("data", Json::array()))
                  if (model.contains("id") && model["id"].is_string() &&
                      self->m_connection.allowsModel(QString::fromStdString(model["id"].get<std::string>())))
                      data.push_back(model);
              done(HttpResponse::json(Json{{"object", "list"}, {"data", data}}));
          });
}

void AiService::health(Completion &done)
{
    const ProviderAdapter &adapter = ProviderAdapter::forProvider(m_connection.provider);
    HttpClientRequest request = adapter.modelsRequest(m_connection);
    request.headTimeoutMs = request.idleTimeoutMs = qMax(1, m_connection.timeoutSeconds) * 1000;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const QString provider = m_connection.provider;
    fetch(m_env->httpClient, std::move(request),
          [provider, timer, &adapter, done = std::move(done)](int status, const HttpClientResponseHead &head,
                                                              const QByteArray &body,
                                                              const HttpClientError *error) {
              Json out{{"provider", provider.toStdString()}, {"latency_ms", timer->elapsed()}};
              if (!error && status >= 200 && status < 300) {
                  out["status"] = "ok";
                  done(HttpResponse::json(out));
                  return;
              }
              out["status"] = "error";
              out["error"] =
                  (error ? error->message : adapter.error(status, head, body).message).toStdString();
              if (status)
                  out["upstream_status"] = status;
              done(HttpResponse::json(out, 503));
          });
}

void AiService::usage(const RequestContext &context, Completion &done)
{
    const QString period = context.param(QStringLiteral("period"), QStringLiteral("7d"));
    const qint64 periodMs = AiUsageLog::periodMs(period);
    if (periodMs <= 0)
        throw ApiError::badRequest(QStringLiteral("'period' must be one of 24h, 7d, 30d, 90d."));
    if (!m_env->aiUsage)
        throw ApiError(503, QStringLiteral("The usage log is not available."));
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - periodMs;
    m_env->aiUsage->summary(info().id, since, [period, done = std::move(done)](Json summary) {
        if (summary.is_object())
            summary["period"] = period.toStdString();
        done(HttpResponse::json(summary));
    });
}
} // namespace gatehouse
