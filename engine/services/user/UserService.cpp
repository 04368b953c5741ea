#include "UserService.h"

#include "PasswordResource.h"
#include "ProfileResource.h"
#include "core/ApiError.h"
#include "services/RequestContext.h"
#include "services/docs/UserServiceDocs.h"
#include "services/system/SessionResource.h"

namespace gatehouse {
namespace {
// DF's verb masks for the user service's access exceptions: session 31, password 2, profile 15.
int publicVerbs(const QString &resource)
{
    if (resource == QLatin1String("session"))
        return VerbAll;
    if (resource == QLatin1String("password"))
        return VerbPost;
    if (resource == QLatin1String("profile"))
        return VerbGet | VerbPost | VerbPut | VerbPatch;
    if (resource.isEmpty())
        return VerbGet; // the list of the three names above
    return 0;
}
} // namespace

UserService::UserService(SystemStore &store, const ServiceManager &services)
    : Service(builtInInfo())
    , m_session(std::make_shared<SessionResource>(store, services, SessionResource::Audience::Users))
    , m_profile(std::make_shared<ProfileResource>(store))
    , m_password(std::make_shared<PasswordResource>(store, m_session))
{
}

UserService::~UserService() = default;

ServiceInfo UserService::builtInInfo()
{
    ServiceInfo info;
    info.id = 0;
    info.name = QStringLiteral("user");
    info.label = QStringLiteral("User Management");
    info.description =
        QStringLiteral("Service for managing the signed-in user's session, profile and password.");
    info.type = QStringLiteral("user");
    return info;
}

bool UserService::isPublicRoute(const QString &resource, int verb) const
{
    QString path = resource.toLower();
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return (publicVerbs(path) & verb) != 0;
}

QStringList UserService::accessComponents() const
{
    return {QString(), QStringLiteral("session"), QStringLiteral("profile"), QStringLiteral("password")};
}

void UserService::handle(std::shared_ptr<const RequestContext> context, Completion done)
{
    try {
        QStringList path;
        for (const QString &part : context->resourceParts)
            if (!part.isEmpty())
                path << part.toLower();
        if (path.size() > 1)
            throw ApiError::notFound(QStringLiteral("Resource '%1' not found for service 'user'.")
                                         .arg(path.join(QLatin1Char('/'))));
        const QString resource = path.value(0);
        if (resource.isEmpty()) {
            if (context->verb != VerbGet)
                throw ApiError::methodNotAllowed(
                    QStringLiteral("Only GET is supported on the service root."));
            done(HttpResponse::json(
                Json{{"resource",
                      {Json{{"name", "session"}}, Json{{"name", "profile"}}, Json{{"name", "password"}}}}}));
            return;
        }
        if (!(publicVerbs(resource) & context->verb)) {
            if (publicVerbs(resource) == 0)
                throw ApiError::notFound(
                    QStringLiteral("Resource '%1' not found for service 'user'.").arg(resource));
            throw ApiError::methodNotAllowed(QStringLiteral("%1 is not supported on user/%2.")
                                                 .arg(QString::fromLatin1(context->method), resource));
        }
        if (resource == QLatin1String("session"))
            m_session->handle(std::move(context), std::move(done));
        else if (resource == QLatin1String("profile"))
            m_profile->handle(std::move(context), std::move(done));
        else
            m_password->handle(std::move(context), std::move(done));
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    } catch (const std::exception &) {
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("The request is malformed."))));
    }
}

Json UserService::openApi(const RequestContext &caller, bool expand) const
{
    Q_UNUSED(caller);
    Q_UNUSED(expand);
    return UserServiceDocs::openApi();
}
} // namespace gatehouse
