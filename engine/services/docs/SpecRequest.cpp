#include "SpecRequest.h"

#include "DataModelBuilder.h"
#include "OpenApiBuilder.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/sql/SqlService.h"

namespace gatehouse {
namespace {

int intParam(const RequestContext &context, const QString &key, int fallback, int min, int max)
{
    if (!context.hasParam(key))
        return fallback;
    bool ok = false;
    const int value = context.param(key).trimmed().toInt(&ok);
    if (!ok || value < min || value > max)
        throw ApiError::badRequest(
            QStringLiteral("'%1' must be a whole number from %2 to %3.").arg(key).arg(min).arg(max));
    return value;
}
} // namespace

bool SpecRequest::matches(const RequestContext &context)
{
    return context.resourceParts.value(0).compare(QLatin1String("_spec"), Qt::CaseInsensitive) == 0;
}

void SpecRequest::authorize(const RequestContext &context, const Service &service)
{
    if (OpenApiBuilder::mayUse(service, context, QStringLiteral("_spec"), VerbGet))
        return;
    throw ApiError::forbidden(QStringLiteral("Access Forbidden. GET access to component '_spec' of service "
                                             "'%1' is not allowed by this user's role.")
                                  .arg(service.info().name));
}

void SpecRequest::handle(std::shared_ptr<const RequestContext> context, std::shared_ptr<Service> service,
                         InternalDispatcher *dispatcher, std::function<void(HttpResponse)> done)
{
    try {
        const RequestContext &ctx = *context;
        if (ctx.verb != VerbGet)
            throw ApiError::methodNotAllowed(QStringLiteral("Only GET is supported on _spec."));
        if (ctx.resourceParts.size() > 1)
            throw ApiError::notFound(QStringLiteral("Resource '%1' not found for service '%2'.")
                                         .arg(ctx.resource, service->info().name));
        const bool compact = ctx.boolParam(QStringLiteral("compact"));
        const bool model = ctx.boolParam(QStringLiteral("model"));
        const bool stock = ctx.boolParam(QStringLiteral("stock"));
        const bool expand =
            ctx.boolParam(QStringLiteral("expand_schema"), ctx.boolParam(QStringLiteral("expand")));
        ctx.boolParam(QStringLiteral("refresh")); // accepted (nothing is cached), but must be a boolean
        const bool hasResource = ctx.hasParam(QStringLiteral("resource_name"));
        const QString resource = ctx.param(QStringLiteral("resource_name")).trimmed();
        const QString format =
            ctx.param(QStringLiteral("format"), QStringLiteral("json")).trimmed().toLower();
        if (format != QLatin1String("json"))
            throw ApiError::badRequest(QStringLiteral("Only format=json is supported."));
        if (hasResource && resource.isEmpty())
            throw ApiError::badRequest(QStringLiteral("'resource_name' must name a resource."));
        if (stock && !model)
            throw ApiError::badRequest(QStringLiteral("'stock' applies only with model=true."));
        if (model && compact)
            throw ApiError::badRequest(QStringLiteral("'model' and 'compact' cannot be combined."));
        auto sql = std::dynamic_pointer_cast<SqlService>(service);
        if (model && !sql)
            throw ApiError::badRequest(
                QStringLiteral("model=true is only available on database services; '%1' is a '%2' service.")
                    .arg(service->info().name, service->info().type));
        DataModelBuilder::Options options;
        if (model) {
            options.stock = stock;
            options.resource = resource;
            options.offset = intParam(ctx, QStringLiteral("offset"), 0, 0, 1000000);
            options.limit = intParam(ctx, QStringLiteral("limit"), 100, 1, 500);
        }
        service->prepareDocs([context, service, sql, dispatcher, done, compact, model, expand, resource,
                              options]() {
            try {
                if (model) {
                    DataModelBuilder::build(context, sql, dispatcher, options, done);
                    return;
                }
                // resource_name needs the concrete paths that name the resource.
                Json doc =
                    OpenApiBuilder::serviceDocument(*service, *context, expand || !resource.isEmpty(), false);
                if (!resource.isEmpty()) {
                    doc = OpenApiBuilder::forResource(doc, resource);
                    if (doc.is_null())
                        throw ApiError::notFound(QStringLiteral("Resource '%1' not found in service '%2'.")
                                                     .arg(resource, service->info().name));
                }
                if (compact)
                    doc = OpenApiBuilder::compact(doc);
                done(HttpResponse::json(doc));
            } catch (const ApiError &error) {
                done(HttpResponse::fromError(error));
            }
        });
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    }
}
} // namespace gatehouse
