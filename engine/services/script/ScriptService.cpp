#include "ScriptService.h"

#include <QJSEngine>

#include "core/ApiError.h"
#include "http/EgressPolicy.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {
// Request headers a script never sees: the caller's credentials stay with the gateway.
bool isCredentialHeader(const QByteArray &lowerName)
{
    return lowerName == "authorization" || lowerName == "x-dreamfactory-api-key" ||
           lowerName == "x-dreamfactory-session-token" || lowerName == "cookie" ||
           lowerName == "proxy-authorization";
}

QStringList stringList(const Json &value)
{
    QStringList out;
    if (value.is_array())
        for (const Json &item : value)
            if (item.is_string())
                out << QString::fromStdString(item.get<std::string>()).trimmed();
    return out;
}

qint64 integer(const Json &config, const char *key)
{
    if (!config.is_object() || !config.contains(key))
        return 0;
    const Json &value = config[key];
    if (value.is_number_integer())
        return value.get<qint64>();
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>()).toLongLong();
    return 0;
}

bool looksLikeResponse(const Json &value)
{
    if (!value.is_object() || value.empty())
        return false;
    if (value.contains("status_code"))
        return true;
    for (const auto &[key, item] : value.items())
        if (key != "content" && key != "headers")
            return false;
    return value.contains("content");
}
} // namespace

ScriptService::ScriptService(ServiceInfo info, const ServiceEnvironment &env)
    : Service(std::move(info))
    , m_env(env)
{
    const Json &config = this->info().config;
    if (config.is_object()) {
        if (config.contains("content") && config["content"].is_string())
            m_content = QString::fromStdString(config["content"].get<std::string>());
        m_allowedHosts = stringList(config.value("allowed_hosts", Json::array()));
        m_cpuLimitMs = int(integer(config, "cpu_limit_ms"));
        m_memoryLimitBytes = integer(config, "memory_limit_mb") * 1024 * 1024;
        m_config = config;
        m_config.erase("content");
    } else {
        m_config = Json::object();
    }
}

ConfigSchema ScriptService::configSchema()
{
    return {
        ConfigField(QStringLiteral("content"), QStringLiteral("script"), QStringLiteral("Script"),
                    QStringLiteral("JavaScript run for every request. It sees `event.request` (method, path, "
                                   "parameters, headers, body) and `platform` (api, http, session, config) "
                                   "and returns {status_code, content, headers} or just the content."))
            .isRequired(),
        ConfigField(
            QStringLiteral("cpu_limit_ms"), QStringLiteral("integer"), QStringLiteral("CPU time limit (ms)"),
            QStringLiteral("CPU time one run may use (time waiting on platform calls does not count); "
                           "empty: the gateway's limit, which is also the upper bound."))
            .withRange(1, 3600000),
        ConfigField(
            QStringLiteral("memory_limit_mb"), QStringLiteral("integer"),
            QStringLiteral("Memory limit (MiB)"),
            QStringLiteral("JavaScript heap one run may use; empty: the gateway's limit, which is also "
                           "the upper bound."))
            .withRange(1, 65536),
        ConfigField(
            QStringLiteral("allowed_hosts"), QStringLiteral("array"), QStringLiteral("Allowed hosts"),
            QStringLiteral("Hosts platform.http may call (\"host\", \"host:port\", \"*.example.com\", "
                           "IPs, CIDR blocks). Empty: platform.http refuses every URL.")),
    };
}

void ScriptService::registerType(ServiceManager &manager)
{
    ServiceType type;
    type.name = QStringLiteral("script");
    type.label = QStringLiteral("Scripted Service");
    type.group = QStringLiteral("Script");
    type.description = QStringLiteral("A JavaScript service: the script receives the request and answers it, "
                                      "calling other services in-process through platform.api.");
    type.configSchema = configSchema();
    type.create = [](const ServiceInfo &info, const ServiceEnvironment &env) -> std::shared_ptr<Service> {
        return std::make_shared<ScriptService>(info, env);
    };
    type.validate = [](const ServiceInfo &info, const ServiceEnvironment &) -> QString {
        const Json &config = info.config;
        if (!config.is_object() || !config.contains("content") || !config["content"].is_string() ||
            QString::fromStdString(config["content"].get<std::string>()).trimmed().isEmpty())
            return QStringLiteral("A scripted service needs a script ('content').");
        if (config.contains("allowed_hosts") && !config["allowed_hosts"].is_null() &&
            !config["allowed_hosts"].is_array())
            return QStringLiteral("'allowed_hosts' must be a list of host names.");
        QString hostError;
        EgressPolicy::fromAllowList(stringList(config.value("allowed_hosts", Json::array())), &hostError);
        if (!hostError.isEmpty())
            return QStringLiteral("'allowed_hosts': %1").arg(hostError);
        const auto error =
            syntaxError(info.name, QString::fromStdString(config["content"].get<std::string>()));
        if (error)
            return failureMessage(info.name, *error);
        return QString();
    };
    manager.registerType(std::move(type));
}

QStringList ScriptService::accessComponents() const
{
    return {QString(), QStringLiteral("*")};
}

Json ScriptService::requestEvent(const RequestContext &context)
{
    Json parameters = Json::object();
    for (const auto &[key, value] : context.request.query) {
        const std::string name = key.toStdString();
        if (!parameters.contains(name)) {
            parameters[name] = value.toStdString();
        } else {
            Json &existing = parameters[name];
            if (!existing.is_array())
                existing = Json::array({existing});
            existing.push_back(value.toStdString());
        }
    }
    Json headers = Json::object();
    for (auto it = context.request.headers.cbegin(); it != context.request.headers.cend(); ++it)
        if (!isCredentialHeader(it.key().toLower()))
            headers[it.key().toLower().toStdString()] = it.value().toStdString();
    Json body = nullptr;
    if (!context.body.is_null())
        body = context.body;
    else if (!context.request.body.isEmpty())
        body = QString::fromUtf8(context.request.body).toStdString();
    return Json{{"request",
                 {{"method", QString::fromLatin1(context.method)},
                  {"path", context.request.path},
                  {"parameters", std::move(parameters)},
                  {"headers", std::move(headers)},
                  {"body", std::move(body)}}},
                {"resource", context.resource}};
}

QString ScriptService::failureMessage(const QString &scriptName, const ScriptError &error)
{
    if (error.line > 0)
        return QStringLiteral("Script '%1' failed at line %2: %3")
            .arg(scriptName)
            .arg(error.line)
            .arg(error.message);
    return QStringLiteral("Script '%1' failed: %2").arg(scriptName, error.message);
}

Json ScriptService::responseJson(const ScriptOutcome &outcome)
{
    Json shape;
    if (looksLikeResponse(outcome.result))
        shape = outcome.result;
    else if (outcome.result.is_null() && outcome.event.is_object() && outcome.event.contains("response") &&
             looksLikeResponse(outcome.event["response"]))
        shape = outcome.event["response"];
    else
        shape = Json{{"content", outcome.result}};
    Json out{{"status_code", 200}, {"content", nullptr}, {"headers", Json::object()}};
    if (shape.contains("status_code") && shape["status_code"].is_number_integer()) {
        const int status = shape["status_code"].get<int>();
        out["status_code"] = status >= 100 && status <= 599 ? status : 500;
    }
    if (shape.contains("content"))
        out["content"] = shape["content"];
    if (shape.contains("headers") && shape["headers"].is_object())
        for (const auto &[key, value] : shape["headers"].items())
            out["headers"][QString::fromStdString(key).toLower().toStdString()] =
                value.is_string() ? value.get<std::string>() : value.dump();
    return out;
}

HttpResponse ScriptService::response(const QString &scriptName, const ScriptOutcome &outcome)
{
    if (outcome.error)
        return HttpResponse::fromError(ApiError(500, failureMessage(scriptName, *outcome.error)));
    const Json shape = responseJson(outcome);
    HttpResponse response;
    response.status = shape["status_code"].get<int>();
    const Json &content = shape["content"];
    QByteArray contentType;
    for (const auto &[key, value] : shape["headers"].items()) {
        const QByteArray name = QByteArray::fromStdString(key);
        // Framing is the gateway's business.
        if (name == "content-length" || name == "transfer-encoding" || name == "connection")
            continue;
        if (name == "content-type")
            contentType = QByteArray::fromStdString(value.get<std::string>());
        else
            response.setHeader(name, QByteArray::fromStdString(value.get<std::string>()));
    }
    if (content.is_string()) {
        response.body = QByteArray::fromStdString(content.get<std::string>());
        response.contentType = contentType.isEmpty() ? QByteArray("text/plain; charset=utf-8") : contentType;
    } else {
        response.body = dumpJson(content);
        response.contentType = contentType.isEmpty() ? QByteArray("application/json") : contentType;
    }
    return response;
}

std::optional<ScriptError> ScriptService::syntaxError(const QString &name, const QString &source)
{
    ScriptError error;
    error.kind = ScriptError::Exception;
    error.name = name;
    QJSEngine engine;
    // The program starts with `throw`, so it runs nothing even if it parses; a syntax error is
    // reported with the line as the runner numbers it (the body starts on line 1).
    const QJSValue parsed = engine.evaluate(
        QStringLiteral("throw 0; (function (event, platform, console) {") + source + QStringLiteral("\n})"),
        QStringLiteral("script"), 1);
    if (parsed.isError()) {
        error.message = QStringLiteral("%1: %2").arg(parsed.property(QStringLiteral("name")).toString(),
                                                     parsed.property(QStringLiteral("message")).toString());
        error.line = parsed.property(QStringLiteral("lineNumber")).toInt();
        return error;
    }
    // `new Function(body)` compiles the body on its own (runs none of it): a body that closes
    // the wrapper early to put code at the top level is refused here.
    const QJSValue body = engine.globalObject()
                              .property(QStringLiteral("Function"))
                              .callAsConstructor({QStringLiteral("event"), QStringLiteral("platform"),
                                                  QStringLiteral("console"), source});
    if (body.isError()) {
        error.message = QStringLiteral("SyntaxError: the script is not a function body");
        return error;
    }
    return std::nullopt;
}

void ScriptService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    if (!m_env.scripts) {
        done(HttpResponse::fromError(
            ApiError(503, QStringLiteral("Scripts are not available on this gateway."))));
        return;
    }
    if (m_content.trimmed().isEmpty()) {
        done(HttpResponse::fromError(ApiError(
            503, QStringLiteral("Service '%1' is misconfigured: it has no script.").arg(info().name))));
        return;
    }
    ScriptJob job = ScriptJob::forRequest(*context, QStringLiteral("script"));
    job.name = info().name;
    job.source = m_content;
    job.event = requestEvent(*context);
    job.config = m_config;
    job.allowedHosts = m_allowedHosts;
    job.cpuLimitMs = m_cpuLimitMs;
    job.memoryLimitBytes = m_memoryLimitBytes;
    const QString name = info().name;
    m_env.scripts->run(std::move(job),
                       [name, done](ScriptOutcome outcome) { done(response(name, outcome)); });
}
} // namespace gatehouse
