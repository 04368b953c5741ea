#include "Authenticator.h"

#include <QDateTime>

#include "AccessSnapshot.h"
#include "ApiKeys.h"
#include "Jwt.h"
#include "core/ApiError.h"
#include "store/SystemStore.h"

namespace gatehouse {

Authenticator::Authenticator(const SystemStore &store)
    : m_store(store)
{
}

qint64 Authenticator::now() const
{
    return m_clock ? m_clock() : QDateTime::currentSecsSinceEpoch();
}

QString Authenticator::expiredMessage()
{
    return QStringLiteral("Token has expired. Session expired. Please refresh your token (if still within "
                          "refresh window) or re-login.");
}

QString Authenticator::apiKey(const HttpRequest &request)
{
    QString key = request.queryValue(QStringLiteral("api_key"));
    if (key.isEmpty())
        key = QString::fromLatin1(request.header("x-dreamfactory-api-key"));
    return key.trimmed();
}

QString Authenticator::sessionToken(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromLatin1(authorization.mid(7).trimmed());
    QString token = QString::fromLatin1(request.header("x-dreamfactory-session-token"));
    if (token.isEmpty())
        token = request.queryValue(QStringLiteral("session_token"));
    return token.trimmed();
}

std::pair<JwtClaims, User> Authenticator::verifyToken(const QString &token,
                                                      const AccessSnapshot &snapshot) const
{
    const Jwt::Result result = m_store.jwt().verify(token, now());
    switch (result.error) {
    case Jwt::Error::None:
        break;
    case Jwt::Error::Expired:
        throw ApiError::unauthorized(expiredMessage());
    case Jwt::Error::NotYetValid:
        throw ApiError::unauthorized(QStringLiteral("Invalid token: the token is not valid yet."));
    case Jwt::Error::Malformed:
    case Jwt::Error::BadSignature:
        throw ApiError::unauthorized(
            QStringLiteral("Invalid token: the session token could not be verified."));
    }
    if (snapshot.isRevoked(result.claims.jti))
        throw ApiError::forbidden(
            QStringLiteral("Token has been revoked (logged out). Please log in again."));
    const User *user = snapshot.user(result.claims.userId);
    if (!user)
        throw ApiError::unauthorized(QStringLiteral("Invalid token: the user no longer exists."));
    if (!user->isActive)
        throw ApiError::forbidden(QStringLiteral("Access Forbidden. The user account is not active."));
    return {result.claims, *user};
}

Session Authenticator::authenticate(const HttpRequest &request) const
{
    const QString key = apiKey(request);
    const QString token = sessionToken(request);
    Session session;
    if (key.isEmpty() && token.isEmpty())
        return session;

    // One pointer copy: the whole request is judged against one consistent state.
    const std::shared_ptr<const AccessSnapshot> snapshot = m_store.snapshot();
    session.snapshot = snapshot;

    if (!key.isEmpty()) {
        const App *app = ApiKeys::isWellFormed(key) ? snapshot->appByKeyHash(ApiKeys::hash(key)) : nullptr;
        if (!app)
            throw ApiError::unauthorized(QStringLiteral("Invalid API key."));
        if (!app->isActive)
            throw ApiError::forbidden(
                QStringLiteral("Access Forbidden. The application '%1' is not active.").arg(app->name));
        session.app = *app;
    }

    if (!token.isEmpty()) {
        auto [claims, user] = verifyToken(token, *snapshot);
        session.user = user;
        session.tokenId = claims.jti;
        session.tokenExpiry = claims.expiresAt;
    }

    // Role (reference §1.2): sys-admins skip RBAC and need no key; anyone else's role comes
    // from (user, app), so a user without an app has none.
    if (session.user && !session.user->isSysAdmin && !session.app)
        throw ApiError::badRequest(QStringLiteral(
            "No API Key provided. Please provide a valid API Key using X-DreamFactory-API-Key request header "
            "or 'api_key' url query parameter."));
    if (session.app) {
        if (const auto roleId = snapshot->roleIdFor(session.user, *session.app)) {
            session.role = snapshot->role(*roleId);
            if (session.role && !session.role->isActive && !session.isSysAdmin())
                throw ApiError::forbidden(
                    QStringLiteral("Access Forbidden. The role '%1' is not active.").arg(session.role->name));
        }
    }
    return session;
}
} // namespace gatehouse
