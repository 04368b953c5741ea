#include "ScriptTestResource.h"

#include <QElapsedTimer>

#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "services/script/ScriptRunner.h"
#include "services/script/ScriptService.h"

namespace gatehouse {

ScriptTestResource::ScriptTestResource(ServiceManager &services)
    : m_services(services)
{
}

void ScriptTestResource::handle(std::shared_ptr<const RequestContext> context, Service::Completion done) const
{
    if (context->verb != VerbPost)
        throw ApiError::methodNotAllowed(QStringLiteral("Use POST to run a script."));
    if (!context->session.isSysAdmin())
        throw ApiError::forbidden(
            QStringLiteral("Access Forbidden. Only system admins may run test scripts."));
    ScriptRunner *runner = m_services.environment().scripts;
    if (!runner)
        throw ApiError(503, QStringLiteral("Scripts are not available on this gateway."));
    const Json &body = context->body;
    if (!body.is_object() || !body.contains("content") || !body["content"].is_string())
        throw ApiError::badRequest(QStringLiteral("Field 'content' (the script) is required."));
    ScriptJob job = ScriptJob::forRequest(*context, QStringLiteral("script"));
    job.name = QStringLiteral("script_test");
    if (body.contains("name") && body["name"].is_string() && !body["name"].get<QString>().trimmed().isEmpty())
        job.name = body["name"].get<QString>().trimmed();
    job.source = body["content"].get<QString>();
    Json event{{"request",
                {{"method", "GET"},
                 {"path", ""},
                 {"parameters", Json::object()},
                 {"headers", Json::object()},
                 {"body", nullptr}}},
               {"resource", ""}};
    if (body.contains("event") && !body["event"].is_null()) {
        if (!body["event"].is_object())
            throw ApiError::badRequest(QStringLiteral("Field 'event' must be an object."));
        for (const auto &[key, value] : body["event"].items())
            event[key] = value;
    }
    job.event = std::move(event);
    if (body.contains("config") && !body["config"].is_null()) {
        if (!body["config"].is_object())
            throw ApiError::badRequest(QStringLiteral("Field 'config' must be an object."));
        job.config = body["config"];
        if (job.config.contains("cpu_limit_ms") && job.config["cpu_limit_ms"].is_number_integer())
            job.cpuLimitMs = job.config["cpu_limit_ms"].get<int>();
        if (job.config.contains("memory_limit_mb") && job.config["memory_limit_mb"].is_number_integer())
            job.memoryLimitBytes = job.config["memory_limit_mb"].get<qint64>() * 1024 * 1024;
    }
    if (body.contains("allowed_hosts") && !body["allowed_hosts"].is_null()) {
        if (!body["allowed_hosts"].is_array())
            throw ApiError::badRequest(QStringLiteral("Field 'allowed_hosts' must be a list."));
        for (const Json &host : body["allowed_hosts"])
            if (host.is_string())
                job.allowedHosts << host.get<QString>().trimmed();
    }
    QElapsedTimer timer;
    timer.start();
    const QString name = job.name;
    runner->run(std::move(job), [name, timer, done](ScriptOutcome outcome) {
        Json response;
        if (outcome.error) {
            const HttpResponse failure = ScriptService::response(name, outcome);
            response = Json{{"status_code", failure.status},
                            {"content", parseJsonOrDiscarded(failure.body)},
                            {"headers", Json::object()}};
        } else {
            response = ScriptService::responseJson(outcome);
        }
        Json error = nullptr;
        if (outcome.error)
            error = Json{{"kind", outcome.error->kindName()},
                         {"name", outcome.error->name},
                         {"message", outcome.error->message},
                         {"line", outcome.error->line}};
        done(HttpResponse::json(Json{{"success", !outcome.error.has_value()},
                                     {"result", outcome.result},
                                     {"event", outcome.event},
                                     {"response", std::move(response)},
                                     {"logs", outcome.logs},
                                     {"error", std::move(error)},
                                     {"duration_ms", timer.elapsed()}}));
    });
}
} // namespace gatehouse
