#include "LogRecordResource.h"

#include "services/RequestContext.h"

namespace gatehouse {

LogRecordResource::LogRecordResource(SystemStore &store, QString name, QString table, QList<Field> fields,
                                     Options options)
    : RecordResource(store, std::move(name), std::move(table), std::move(fields))
    , m_options(std::move(options))
{
}

void LogRecordResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                               Service::Completion done)
{
    if (context->verb != VerbGet) {
        done(HttpResponse::fromError(ApiError::methodNotAllowed(m_options.readOnlyMessage)));
        return;
    }
    if (m_options.adminsOnly && !context->session.isSysAdmin()) {
        done(HttpResponse::fromError(ApiError::forbidden(
            QStringLiteral("Access Forbidden. Only system admins may read the %1 log.").arg(name()))));
        return;
    }
    RecordResource::handle(std::move(context), path, std::move(done));
}
} // namespace gatehouse
