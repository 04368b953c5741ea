#include "ScriptErrorResource.h"

#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "services/script/ScriptErrorLog.h"
#include "services/script/ScriptRunner.h"

namespace gatehouse {

ScriptErrorResource::ScriptErrorResource(ServiceManager &services)
    : m_services(services)
{
}

void ScriptErrorResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                                 Service::Completion done) const
{
    if (!path.isEmpty())
        throw ApiError::notFound(QStringLiteral("Resource 'script_error/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    ScriptRunner *runner = m_services.environment().scripts;
    ScriptErrorLog *log = runner ? runner->errorLog() : nullptr;
    if (!log)
        throw ApiError(503, QStringLiteral("Scripts are not available on this gateway."));
    const QString name = context->param(QStringLiteral("name")).trimmed();
    if (context->verb == VerbGet) {
        Json list = Json::array();
        for (const ScriptError &error : log->errors(name))
            list.push_back(error.toJson());
        done(HttpResponse::json(Json{{"resource", std::move(list)}}));
        return;
    }
    if (context->verb == VerbDelete) {
        log->clear(name);
        done(HttpResponse::json(Json{{"success", true}}));
        return;
    }
    throw ApiError::methodNotAllowed(QStringLiteral("Script errors support GET and DELETE."));
}
} // namespace gatehouse
