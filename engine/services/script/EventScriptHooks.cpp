#include "EventScriptHooks.h"

#include "ScriptRunner.h"
#include "ScriptService.h"
#include "core/ApiError.h"
#include "http/InternalDispatcher.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {

using ScriptList = QList<std::shared_ptr<const EventScript>>;

// Headers a script neither sees nor sets: credentials (the identity was settled before the
// scripts run), framing and routing (the gateway's business).
bool isProtectedHeader(const QByteArray &lowerName)
{
    return lowerName == "authorization" || lowerName == "x-dreamfactory-api-key" ||
           lowerName == "x-dreamfactory-session-token" || lowerName == "cookie" ||
           lowerName == "proxy-authorization" || lowerName == "host" || lowerName == "content-length" ||
           lowerName == "transfer-encoding" || lowerName == "connection" || lowerName == "x-http-method" ||
           lowerName == "x-method-override" || lowerName == "x-request-id" || lowerName == "set-cookie";
}

ScriptList matching(const EventScriptTable::Scripts &scripts, const QStringList &names)
{
    ScriptList out;
    for (const QString &name : names)
        if (const auto it = scripts.constFind(name); it != scripts.constEnd())
            out << it.value();
    return out;
}

QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

HttpResponse failure(const QString &name, const ScriptError &error)
{
    return HttpResponse::fromError(ApiError(500, ScriptService::failureMessage(name, error),
                                            Json{{"script", name.toStdString()},
                                                 {"line", error.line},
                                                 {"kind", error.kindName().toStdString()}}));
}

ScriptJob jobFor(const EventScript &script, const RequestContext &context, Json event)
{
    ScriptJob job = ScriptJob::forRequest(context, QStringLiteral("event_script"));
    job.name = script.name;
    job.source = script.content;
    job.event = std::move(event);
    job.config = script.config;
    job.allowedHosts = script.allowedHosts;
    job.cpuLimitMs = script.cpuLimitMs;
    job.memoryLimitBytes = script.memoryLimitBytes;
    return job;
}

bool isSet(const Json &event, const char *key)
{
    return event.is_object() && event.contains(key) && event[key].is_object() && !event[key].empty();
}

// Runs `scripts` from `index` on, one after the other, then `next`. Shared state lives in the
// lambdas; every callback arrives on the event loop thread.
void runPre(ScriptRunner *runner, std::shared_ptr<RequestContext> context,
            std::shared_ptr<ScriptList> scripts, int index, QString resource, EventScriptHooks::Reply reply,
            std::function<void()> next)
{
    if (index >= scripts->size()) {
        next();
        return;
    }
    const auto script = scripts->at(index);
    runner->run(
        jobFor(*script, *context, EventScriptHooks::requestEvent(*context, resource)),
        [runner, context, scripts, index, resource, reply, next, script](ScriptOutcome outcome) {
            if (outcome.error) {
                reply(failure(script->name, *outcome.error));
                return;
            }
            // A response set in pre_process answers in the service's place.
            if (isSet(outcome.event, "response")) {
                reply(EventScriptHooks::shortCircuit(outcome.event["response"]));
                return;
            }
            if (script->allowModification && isSet(outcome.event, "request")) {
                try {
                    EventScriptHooks::applyRequest(*context, outcome.event["request"]);
                } catch (const ApiError &error) {
                    reply(HttpResponse::fromError(ApiError(
                        500, QStringLiteral("Script '%1' failed: %2").arg(script->name, error.message()))));
                    return;
                }
            }
            runPre(runner, context, scripts, index + 1, resource, reply, next);
        });
}

void runPost(ScriptRunner *runner, std::shared_ptr<RequestContext> context,
             std::shared_ptr<ScriptList> scripts, int index, QString resource,
             std::shared_ptr<HttpResponse> response, EventScriptHooks::Reply reply)
{
    if (index >= scripts->size()) {
        reply(std::move(*response));
        return;
    }
    const auto script = scripts->at(index);
    Json event = EventScriptHooks::requestEvent(*context, resource);
    const Json original = EventScriptHooks::responseEvent(*response);
    event["response"] = original;
    runner->run(jobFor(*script, *context, std::move(event)),
                [runner, context, scripts, index, resource, response, reply, script,
                 original](ScriptOutcome outcome) {
                    if (outcome.error) {
                        reply(failure(script->name, *outcome.error));
                        return;
                    }
                    if (script->allowModification && outcome.event.is_object() &&
                        outcome.event.contains("response") && outcome.event["response"].is_object())
                        EventScriptHooks::applyResponse(*response, outcome.event["response"], original);
                    runPost(runner, context, scripts, index + 1, resource, response, reply);
                });
}
} // namespace

bool EventScriptHooks::intercept(const std::shared_ptr<const EventScriptTable> &table, ScriptRunner *runner,
                                 const std::shared_ptr<RequestContext> &context, const Handler &handler,
                                 const Reply &reply)
{
    if (!table)
        return false;
    const EventScriptTable::Scripts *scripts = table->forService(context->serviceName);
    if (!scripts)
        return false;
    const EventScriptNames::Candidates pre =
        EventScriptNames::forRequest(*context, EventScriptNames::Phase::PreProcess);
    const EventScriptNames::Candidates post =
        EventScriptNames::forRequest(*context, EventScriptNames::Phase::PostProcess);
    auto preScripts = std::make_shared<ScriptList>(matching(*scripts, pre.names));
    auto postScripts = std::make_shared<ScriptList>(matching(*scripts, post.names));
    if (preScripts->isEmpty() && postScripts->isEmpty())
        return false;
    if (!runner) {
        reply(HttpResponse::fromError(
            ApiError(503, QStringLiteral("Event scripts are configured but scripts can not run here."))));
        return true;
    }
    const QString resource = pre.resource;
    runPre(runner, context, preScripts, 0, resource, reply,
           [runner, context, postScripts, resource, handler, reply]() {
               handler(context, [runner, context, postScripts, resource, reply](HttpResponse response) {
                   // A streamed body is passed on as it arrives; there is nothing whole to show.
                   if (postScripts->isEmpty() || response.stream) {
                       reply(std::move(response));
                       return;
                   }
                   runPost(runner, context, postScripts, 0, resource,
                           std::make_shared<HttpResponse>(std::move(response)), reply);
               });
           });
    return true;
}

Json EventScriptHooks::requestEvent(const RequestContext &context, const QString &resource)
{
    Json event = ScriptService::requestEvent(context);
    event["request"]["service"] = context.serviceName.toStdString();
    event["request"]["resource"] = context.resource.toStdString();
    event["resource"] = resource.toStdString();
    return event;
}

Json EventScriptHooks::responseEvent(const HttpResponse &response)
{
    Json headers = Json::object();
    for (const auto &[name, value] : response.headers)
        if (!isProtectedHeader(name.toLower()))
            headers[name.toLower().toStdString()] = value.toStdString();
    headers["content-type"] = response.contentType.toStdString();
    Json content = InternalDispatcher::bodyJson(response);
    if (content.is_null() && !response.body.isEmpty())
        content = response.body.toStdString();
    return Json{
        {"status_code", response.status}, {"content", std::move(content)}, {"headers", std::move(headers)}};
}

void EventScriptHooks::applyRequest(RequestContext &context, const Json &request)
{
    if (request.contains("parameters") && request["parameters"].is_object()) {
        QList<QPair<QString, QString>> query;
        for (const auto &[key, value] : request["parameters"].items()) {
            const QString name = QString::fromStdString(key);
            if (value.is_null())
                continue;
            if (value.is_array()) {
                for (const Json &item : value)
                    query.append({name, text(item)});
            } else {
                query.append({name, value.is_boolean() ? (value.get<bool>() ? QStringLiteral("true")
                                                                            : QStringLiteral("false"))
                                                       : text(value)});
            }
        }
        context.request.query = std::move(query);
    }
    if (request.contains("body") && request["body"] != context.body) {
        const Json &body = request["body"];
        if (!body.is_null() && !body.is_object() && !body.is_array())
            throw ApiError::badRequest(QStringLiteral("event.request.body must be a JSON object or array."));
        context.body = body;
        context.request.body = body.is_null() ? QByteArray() : dumpJson(body);
        context.request.headers.insert("content-type", "application/json");
    }
    if (request.contains("headers") && request["headers"].is_object()) {
        const Json &headers = request["headers"];
        // Removed by the script (protected ones it never saw, so they stay).
        for (auto it = context.request.headers.begin(); it != context.request.headers.end();) {
            if (!isProtectedHeader(it.key()) && !headers.contains(it.key().toStdString()))
                it = context.request.headers.erase(it);
            else
                ++it;
        }
        for (const auto &[key, value] : headers.items()) {
            const QByteArray name = QByteArray::fromStdString(key).toLower();
            if (!isProtectedHeader(name) && !value.is_null())
                context.request.headers.insert(name, text(value).toUtf8());
        }
    }
}

void EventScriptHooks::applyResponse(HttpResponse &response, const Json &changed, const Json &original)
{
    if (changed.contains("status_code") && changed["status_code"].is_number_integer()) {
        const int status = changed["status_code"].get<int>();
        if (status >= 100 && status <= 599)
            response.status = status;
    }
    if (changed.contains("headers") && changed["headers"].is_object() &&
        changed["headers"] != original["headers"]) {
        const Json &headers = changed["headers"];
        QList<QPair<QByteArray, QByteArray>> kept;
        for (const auto &header : response.headers)
            if (isProtectedHeader(header.first.toLower()) ||
                headers.contains(header.first.toLower().toStdString()))
                kept.append(header);
        response.headers = std::move(kept);
        for (const auto &[key, value] : headers.items()) {
            const QByteArray name = QByteArray::fromStdString(key).toLower();
            if (isProtectedHeader(name) || value.is_null())
                continue;
            if (name == "content-type")
                response.contentType = text(value).toUtf8();
            else
                response.setHeader(name, text(value).toUtf8());
        }
    }
    if (changed.contains("content") && changed["content"] != original["content"]) {
        const Json &content = changed["content"];
        if (content.is_string() && !original["content"].is_object() && !original["content"].is_array()) {
            response.body = QByteArray::fromStdString(content.get<std::string>());
        } else {
            response.body = dumpJson(content);
            response.contentType = "application/json";
        }
    }
}

HttpResponse EventScriptHooks::shortCircuit(const Json &response)
{
    ScriptOutcome outcome;
    outcome.result = nullptr;
    outcome.event = Json{{"response", response}};
    return ScriptService::response(QString(), outcome);
}
} // namespace gatehouse
