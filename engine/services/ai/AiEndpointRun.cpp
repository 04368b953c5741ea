#include "AiEndpointRun.h"

#include <cmath>

#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

#include "AiCall.h"
#include "AiDataIdentity.h"
#include "AiService.h"
#include "core/ApiError.h"
#include "http/InternalDispatcher.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"

namespace gatehouse {
namespace {
QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

[[noreturn]] void badParam(const QString &name, const QString &what)
{
    throw ApiError(400, QStringLiteral("Parameter '%1' %2.").arg(name, what),
                   Json{{"field", name.toStdString()}});
}

// Nothing a prompt could be built on: no rows, or rows without values.
bool isEmptyData(const Json &data)
{
    if (data.is_null())
        return true;
    if (data.is_array() || data.is_object()) {
        if (data.empty())
            return true;
        if (data.is_array()) {
            for (const Json &item : data)
                if (!isEmptyData(item))
                    return false;
            return true;
        }
    }
    return false;
}
} // namespace

Json AiEndpointRun::validateParameters(const AiEndpointConfig &endpoint, const RequestContext &context)
{
    const bool fromBody = context.verb == VerbPost;
    if (fromBody && !context.body.is_null() && !context.body.is_object())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object of parameters."));
    Json out = Json::object();
    for (const AiEndpointParam &param : endpoint.parameters) {
        const std::string key = param.name.toStdString();
        Json value;
        if (fromBody && context.body.is_object() && context.body.contains(key) &&
            !context.body[key].is_null())
            value = context.body[key];
        else if (context.request.hasQuery(param.name))
            value = context.request.queryValue(param.name).toStdString();
        if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) {
            if (param.required)
                badParam(param.name, QStringLiteral("is required"));
            continue;
        }
        if (param.type == QLatin1String("integer")) {
            qint64 n = 0;
            if (value.is_number_integer()) {
                n = value.get<qint64>();
            } else if (value.is_number_float() && value.get<double>() == std::floor(value.get<double>()) &&
                       std::abs(value.get<double>()) < 9e15) {
                n = qint64(value.get<double>());
            } else if (value.is_string()) {
                bool ok = false;
                n = QString::fromStdString(value.get<std::string>()).trimmed().toLongLong(&ok);
                if (!ok)
                    badParam(param.name, QStringLiteral("must be an integer"));
            } else {
                badParam(param.name, QStringLiteral("must be an integer"));
            }
            if ((param.min && double(n) < *param.min) || (param.max && double(n) > *param.max))
                badParam(param.name, QStringLiteral("must be between %1 and %2")
                                         .arg(param.min ? QString::number(*param.min) : QStringLiteral("-∞"),
                                              param.max ? QString::number(*param.max) : QStringLiteral("∞")));
            out[key] = n;
        } else if (param.type == QLatin1String("number")) {
            double d = 0;
            bool ok = value.is_number();
            if (ok)
                d = value.get<double>();
            else if (value.is_string())
                d = QString::fromStdString(value.get<std::string>()).trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(d))
                badParam(param.name, QStringLiteral("must be a number"));
            if ((param.min && d < *param.min) || (param.max && d > *param.max))
                badParam(param.name, QStringLiteral("must be between %1 and %2")
                                         .arg(param.min ? QString::number(*param.min) : QStringLiteral("-∞"),
                                              param.max ? QString::number(*param.max) : QStringLiteral("∞")));
            out[key] = d;
        } else if (param.type == QLatin1String("boolean")) {
            if (value.is_boolean()) {
                out[key] = value.get<bool>();
            } else {
                const QString s = value.is_string()
                                      ? QString::fromStdString(value.get<std::string>()).toLower()
                                  : value.is_number_integer() ? QString::number(value.get<qint64>())
                                                              : QString();
                if (s == QLatin1String("true") || s == QLatin1String("1"))
                    out[key] = true;
                else if (s == QLatin1String("false") || s == QLatin1String("0"))
                    out[key] = false;
                else
                    badParam(param.name, QStringLiteral("must be true or false"));
            }
        } else {
            if (!value.is_string())
                badParam(param.name, QStringLiteral("must be a string"));
            const QString s = QString::fromStdString(value.get<std::string>());
            if (param.maxLength > 0 && s.size() > param.maxLength)
                badParam(param.name, QStringLiteral("must be at most %1 characters").arg(param.maxLength));
            if (!param.pattern.isEmpty()) {
                const QRegularExpression re(QRegularExpression::anchoredPattern(param.pattern));
                if (!re.match(s).hasMatch())
                    badParam(param.name, QStringLiteral("does not match the required pattern"));
            }
            out[key] = s.toStdString();
        }
    }
    return out;
}

QString AiEndpointRun::buildPrompt(const AiEndpointConfig &endpoint, const Json &params, const Json &data)
{
    QString prompt = endpoint.prompt;
    const QString dataText = QString::fromUtf8(QByteArray::fromStdString(data.dump(2)));
    // Parameters first, data last: a value that itself contains "{{data}}" stays literal text
    // only if data is substituted once, after every parameter.
    for (const AiEndpointParam &param : endpoint.parameters) {
        const std::string key = param.name.toStdString();
        QString value;
        if (params.contains(key))
            value = params[key].is_string() ? QString::fromStdString(params[key].get<std::string>())
                                            : QString::fromStdString(params[key].dump());
        prompt.replace(QStringLiteral("{{%1}}").arg(param.name), value);
    }
    static const QRegularExpression dataPlaceholder(QStringLiteral("\\{\\{\\s*data\\s*\\}\\}"));
    if (prompt.contains(dataPlaceholder))
        prompt.replace(dataPlaceholder, dataText);
    else
        prompt += QStringLiteral("\n\nData (JSON):\n") + dataText;
    return prompt;
}

Json AiEndpointRun::parseJsonAnswer(const QString &answer)
{
    QString s = answer.trimmed();
    static const QRegularExpression fence(QStringLiteral("^```[A-Za-z0-9_-]*\\s*\\n?([\\s\\S]*?)\\n?```$"));
    const QRegularExpressionMatch m = fence.match(s);
    if (m.hasMatch())
        s = m.captured(1).trimmed();
    return parseJsonOrDiscarded(s.toUtf8());
}

void AiEndpointRun::start(std::shared_ptr<AiService> service, std::shared_ptr<const RequestContext> context,
                          const QString &name, Service::Completion &done)
{
    const AiEndpointConfig *endpoint = service->connection().endpoint(name);
    if (!endpoint)
        throw ApiError::notFound(
            QStringLiteral("AI endpoint '%1' not found for service '%2'.").arg(name, service->info().name));
    Json params = validateParameters(*endpoint, *context);
    const ServiceEnvironment &env = service->environment();
    if (!env.dispatcher)
        throw ApiError(503, QStringLiteral("AI endpoints are not available in this engine."));
    const Session session =
        AiDataIdentity::resolve(service->connection(), context->session, service->info().name);
    service->countRequest(*context);

    std::shared_ptr<AiEndpointRun> run(new AiEndpointRun(service, context, *endpoint, std::move(done)));
    run->m_self = run;
    run->m_params = params;
    run->m_timer.start();

    const InternalOrigin origin = InternalOrigin::of(*context, QStringLiteral("ai-endpoint"));
    InternalRequest request;
    request.method = "POST";
    request.service = endpoint->service;
    request.resource = QStringLiteral("_proc/") + endpoint->query;
    request.body = Json{{"params", params}};
    QPointer<AiEndpointRun> self(run.get());
    env.dispatcher->dispatch(session, origin, std::move(request), [self](HttpResponse response) {
        if (self)
            self->onData(response.status, InternalDispatcher::bodyJson(response), response.body);
    });
}

AiEndpointRun::AiEndpointRun(std::shared_ptr<AiService> service,
                             std::shared_ptr<const RequestContext> context, AiEndpointConfig endpoint,
                             Service::Completion done)
    : m_service(std::move(service))
    , m_context(std::move(context))
    , m_endpoint(std::move(endpoint))
    , m_done(std::move(done))
{
}

AiEndpointRun::~AiEndpointRun() = default;

void AiEndpointRun::onData(int status, const Json &body, const QByteArray &raw)
{
    Q_UNUSED(raw);
    if (status < 200 || status >= 300) {
        QString message = QStringLiteral("HTTP %1").arg(status);
        if (body.is_object() && body.contains("error") && body["error"].is_object())
            message = text(body["error"].value("message", Json(message.toStdString())));
        // The caller's own refusals (RBAC, limits, bad values) keep their status; anything else
        // is the endpoint's definition or its database failing.
        const int relayed = (status == 400 || status == 401 || status == 403 || status == 429) ? status : 502;
        answer(HttpResponse::fromError(ApiError(
            relayed, QStringLiteral("AI endpoint '%1': the data query '%2' on service '%3' failed: %4")
                         .arg(m_endpoint.name, m_endpoint.query, m_endpoint.service, message))));
        return;
    }
    if (isEmptyData(body)) {
        // Never prompt without data: a record hidden by a row filter looks exactly like one that
        // does not exist.
        answer(HttpResponse::fromError(ApiError::notFound(
            QStringLiteral("AI endpoint '%1': no data found for these parameters.").arg(m_endpoint.name))));
        return;
    }
    AiCallSpec spec;
    spec.endpoint = AiEndpoint::Chat;
    spec.shape = AiReplyShape::DreamFactory;
    Json request{{"messages",
                  Json::array({Json{{"role", "user"},
                                    {"content", buildPrompt(m_endpoint, m_params, body).toStdString()}}})}};
    if (m_endpoint.maxTokens > 0)
        request["max_tokens"] = m_endpoint.maxTokens;
    spec.request = std::move(request);
    spec.model = m_endpoint.model;
    spec.endpointName = QStringLiteral("endpoint/") + m_endpoint.name;
    spec.timeoutSeconds = m_endpoint.timeoutSeconds;
    QPointer<AiEndpointRun> self(this);
    AiCall::start(m_service, m_context, std::move(spec), [self](HttpResponse response) {
        if (self)
            self->onModel(std::move(response));
    });
}

void AiEndpointRun::onModel(HttpResponse response)
{
    if (response.status < 200 || response.status >= 300) {
        answer(std::move(response)); // already a DF envelope (502/503/504, 429, budgets ...)
        return;
    }
    const Json body = InternalDispatcher::bodyJson(response);
    const QString content = text(body.value("content", Json()));
    Json out{{"model", body.value("model", Json(m_endpoint.model.toStdString()))},
             {"provider", body.value("provider", Json())},
             {"usage",
              {{"input_tokens", body.value("input_tokens", Json(0))},
               {"output_tokens", body.value("output_tokens", Json(0))},
               {"cached_input_tokens", body.value("cached_input_tokens", Json(0))},
               {"cost", body.value("cost", Json(0))},
               {"source", body.value("usage_source", Json("provider"))}}},
             {"latency_ms", m_timer.elapsed()}};
    if (m_endpoint.jsonOutput) {
        const Json parsed = parseJsonAnswer(content);
        if (parsed.is_discarded()) {
            answer(HttpResponse::fromError(
                ApiError(502,
                         QStringLiteral("AI endpoint '%1': the model's answer is not valid JSON.")
                             .arg(m_endpoint.name),
                         Json{{"model_output", content.left(2000).toStdString()}})));
            return;
        }
        out["content"] = parsed;
    } else {
        out["content"] = content.toStdString();
    }
    answer(HttpResponse::json(out));
}

void AiEndpointRun::answer(HttpResponse response)
{
    if (m_done) {
        Service::Completion done = std::move(m_done);
        m_done = nullptr;
        done(std::move(response));
    }
    if (!m_self)
        return;
    std::shared_ptr<AiEndpointRun> self = std::move(m_self);
    QTimer::singleShot(0, [self] {});
}
} // namespace gatehouse
