#include "SessionResource.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include "AccountResource.h"
#include "core/ApiError.h"
#include "core/LogContext.h"
#include "security/AccessSnapshot.h"
#include "security/ApiKeys.h"
#include "security/Authenticator.h"
#include "security/IdentityProvisioner.h"
#include "security/Jwt.h"
#include "security/LoginThrottle.h"
#include "security/PasswordHasher.h"
#include "services/IdentityProvider.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"
#include "store/UserRowReader.h"

namespace gatehouse {
namespace {
QString dateText(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

ApiError invalidCredentials()
{
    return ApiError::unauthorized(QStringLiteral("Invalid credentials supplied."));
}

struct LoginRow
{
    bool found = false;
    User user;
    QString passwordHash;
};

QString textField(const Json &body, const char *key)
{
    if (body.is_object()) {
        const Json value = body.value(key, Json());
        if (value.is_string())
            return value.get<QString>();
        if (!value.is_null())
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' must be a string.").arg(QLatin1String(key)));
    }
    return QString();
}

// Revokes `jti` until `until`; false when it was already revoked (a concurrent refresh or a
// second logout), which the primary key makes atomic across connections and nodes.
bool revoke(QSqlDatabase &db, const QString &jti, qint64 until)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO token_revocation (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING"));
    query.addBindValue(jti);
    query.addBindValue(QVariant::fromValue<qlonglong>(until));
    if (!query.exec()) {
        spdlog::error("system database: cannot revoke a token: {}", query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The session could not be ended."));
    }
    return query.numRowsAffected() > 0;
}
} // namespace

SessionResource::SessionResource(SystemStore &store, const ServiceManager &services, Audience audience)
    : m_store(store)
    , m_services(services)
    , m_audience(audience)
{
}

void SessionResource::requireAudience(const User &user) const
{
    if (m_audience == Audience::Admins && !user.isSysAdmin)
        throw ApiError::forbidden(QStringLiteral("Access Forbidden. The session is not a system admin's."));
}

void SessionResource::handle(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    try {
        switch (context->verb) {
        case VerbPost:
            login(context, done); // copies: `done` must survive a throw
            return;
        case VerbGet:
            if (context->request.queryValue(QStringLiteral("oauth_callback"))
                        .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
                !context->request.queryValue(QStringLiteral("service")).isEmpty())
                browserSignIn(context, done); // copies: `done` must survive a throw
            else
                info(*context, done);
            return;
        case VerbPut:
        case VerbPatch:
            refresh(context, done); // copies: `done` must survive a throw
            return;
        case VerbDelete:
            logout(context, done); // copies: `done` must survive a throw
            return;
        default:
            throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb used in request."));
        }
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    } catch (const std::exception &) {
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("The request is malformed."))));
    }
}

QString SessionResource::tokenFrom(const RequestContext &context)
{
    QString token = Authenticator::sessionToken(context.request);
    if (token.isEmpty() && context.body.is_object() &&
        context.body.value("session_token", Json()).is_string())
        token = context.body["session_token"].get<QString>().trimmed();
    return token;
}

Json SessionResource::sessionJson(const QString &token, const JwtClaims &claims, const User &user,
                                  const QString &lastLogin, const RequestContext &context) const
{
    Json role = nullptr;
    Json roleId = nullptr;
    // With an API key the session's role is the app's (DF's getPublicInfo); an admin needs none.
    const QString key = Authenticator::apiKey(context.request);
    if (!key.isEmpty() && ApiKeys::isWellFormed(key)) {
        const auto snapshot = m_store.snapshot();
        if (const App *app = snapshot->appByKeyHash(ApiKeys::hash(key))) {
            if (const auto id = snapshot->roleIdFor(user, *app)) {
                if (const auto r = snapshot->role(*id)) {
                    role = r->name;
                    roleId = r->id;
                }
            }
        }
    }
    return Json{{"session_token", token},
                {"session_id", token},
                {"id", user.id},
                {"name", user.name},
                {"first_name", user.firstName},
                {"last_name", user.lastName},
                {"email", user.email},
                {"is_sys_admin", user.isSysAdmin},
                {"last_login_date", lastLogin.isEmpty() ? Json(nullptr) : Json(lastLogin)},
                {"host", QSysInfo::machineHostName()},
                // The token's real expiry (DF reports now + TTL at the time of the call).
                {"token_expiry_date", dateText(claims.expiresAt)},
                {"role", role},
                {"role_id", roleId}};
}

void SessionResource::requireAppKey(const RequestContext &context) const
{
    if (m_audience != Audience::Users)
        return;
    const QString key = Authenticator::apiKey(context.request);
    if (key.isEmpty())
        throw ApiError::badRequest(QStringLiteral(
            "No API Key provided. Please provide a valid API Key using X-DreamFactory-API-Key request "
            "header or 'api_key' url query parameter."));
    Authenticator::appForKey(key, *m_store.snapshot());
}

std::shared_ptr<Service> SessionResource::identityService(const QString &name) const
{
    const auto service = m_services.find(name.trimmed().toLower());
    if (!service || !service->identityProvider())
        throw ApiError::badRequest(QStringLiteral("Invalid login service '%1'.").arg(name.trimmed()));
    if (!service->info().isActive)
        throw ApiError::forbidden(QStringLiteral("Service %1 is deactivated.").arg(service->info().name));
    return service;
}

void SessionResource::loginThroughService(std::shared_ptr<const RequestContext> context,
                                          const QString &serviceName, Service::Completion done)
{
    const auto service = identityService(serviceName);
    // Directories sign in by name: "username", or "email" as DreamFactory's forms send it.
    QString username = textField(context->body, "username").trimmed();
    if (username.isEmpty())
        username = textField(context->body, "email").trimmed();
    const QString password = textField(context->body, "password");
    if (username.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Login request is missing required username."));
    if (password.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Login request is missing required password."));
    requireAppKey(*context);
    // Counted per (service, name) and client address, like local accounts.
    const QString throttleKey = service->info().name + QLatin1Char(':') + username.toLower();
    const QHostAddress peer = context->request.peer;
    if (const qint64 wait = m_store.loginThrottle().retryAfter(throttleKey, peer)) {
        done(LoginThrottle::lockedResponse(wait));
        return;
    }
    auto self = shared_from_this();
    service->identityProvider()->signInWithPassword(
        username, password,
        [self, context, service, throttleKey, done](ExternalIdentity identity) {
            self->m_store.loginThrottle().recordSuccess(throttleKey);
            self->finishExternal(context, service, identity, done);
        },
        [self, context, service, throttleKey, peer, done](HttpResponse refusal) {
            LogContext::Scope logScope(context->requestId);
            if (refusal.status == 401) {
                self->m_store.loginThrottle().recordFailure(throttleKey, peer);
                spdlog::info("sign-in through '{}' refused for {}", service->info().name.toStdString(),
                             peer.toString().toStdString());
            }
            done(std::move(refusal));
        });
}

void SessionResource::browserSignIn(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    const auto service = identityService(context->request.queryValue(QStringLiteral("service")));
    IdentityProvider *provider = service->identityProvider();
    if (context->request.queryValue(QStringLiteral("oauth_callback"))
            .compare(QLatin1String("true"), Qt::CaseInsensitive) != 0) {
        requireAppKey(*context);
        provider->beginBrowserSignIn(context, done);
        return;
    }
    auto self = shared_from_this();
    provider->completeBrowserSignIn(
        context,
        [self, context, service, done](ExternalIdentity identity) {
            // The IdP's redirect carries no API key: the one the sign-in started with decides
            // the app (and nothing in the callback URL may override it).
            std::shared_ptr<const RequestContext> signIn = context;
            if (!identity.signInApiKey.isEmpty()) {
                auto copy = std::make_shared<RequestContext>(*context);
                copy->request.query.removeIf([](const QPair<QString, QString> &item) {
                    return item.first == QLatin1String("api_key");
                });
                copy->request.headers.insert("x-dreamfactory-api-key", identity.signInApiKey.toLatin1());
                signIn = copy;
            }
            Service::Completion finish = done;
            if (!identity.handoffRedirectUri.isEmpty()) {
                // A front end asked for the session: it gets a one-time code on its redirect_uri
                // (checked when the sign-in started), never the token in a URL.
                finish = [self, service, redirect = identity.handoffRedirectUri,
                          state = identity.handoffState, done](HttpResponse response) {
                    if (response.status != 200) {
                        done(SessionHandoffCodes::errorRedirect(redirect, state, response));
                        return;
                    }
                    const QString code = self->m_handoffs.add(service->info().name, response.body,
                                                              QDateTime::currentMSecsSinceEpoch());
                    done(SessionHandoffCodes::codeRedirect(redirect, code, state));
                };
            }
            self->finishExternal(signIn, service, identity, finish);
        },
        done);
}

void SessionResource::exchangeHandoff(const QString &serviceName, const QString &code,
                                      Service::Completion done)
{
    const auto session = m_handoffs.take(code, serviceName, QDateTime::currentMSecsSinceEpoch());
    if (!session)
        throw ApiError::unauthorized(
            QStringLiteral("The exchange code is invalid, expired or already used. Please sign in again."));
    HttpResponse response;
    response.body = *session;
    response.setHeader("Cache-Control", "no-store");
    done(std::move(response));
}

void SessionResource::finishExternal(std::shared_ptr<const RequestContext> context,
                                     std::shared_ptr<Service> service, const ExternalIdentity &identity,
                                     Service::Completion done)
{
    IdentityProvisioner *provisioner = m_services.environment().identities;
    if (!provisioner) {
        done(HttpResponse::fromError(
            ApiError::internal(QStringLiteral("Identity services are not available."))));
        return;
    }
    auto self = shared_from_this();
    provisioner->provision(
        identity, service->identityProvider()->roleMap(),
        [self, context, done](User user) {
            LogContext::Scope logScope(context->requestId);
            try {
                if (self->m_audience == Audience::Admins && !user.isSysAdmin)
                    throw ApiError::forbidden(
                        QStringLiteral("Access Forbidden. The user is not a system admin."));
                if (self->m_audience == Audience::Users) {
                    Session session;
                    session.user = user;
                    const Authenticator authenticator(self->m_store);
                    authenticator.applyAppAndRole(session, context->request);
                    if (!user.isSysAdmin && !session.role)
                        throw ApiError::forbidden(
                            QStringLiteral("Access Forbidden. The user has no role for application '%1'.")
                                .arg(session.app ? session.app->name : QString()));
                }
            } catch (const ApiError &error) {
                done(HttpResponse::fromError(error));
                return;
            }
            self->issue(context, user, done);
        },
        done);
}

void SessionResource::login(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    if (const QString serviceName = textField(context->body, "service"); !serviceName.trimmed().isEmpty()) {
        if (const QString code = textField(context->body, "exchange_code"); !code.isEmpty()) {
            exchangeHandoff(serviceName, code, done);
            return;
        }
        loginThroughService(context, serviceName, done);
        return;
    }
    const QString email = AccountResource::normalizeEmail(textField(context->body, "email"));
    const QString password = textField(context->body, "password");
    if (email.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Login request is missing required email."));
    if (password.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Login request is missing required password."));
    // A user signs in through an app: its API key decides the role (reference §1.2). Checked
    // before the password, so a request that cannot succeed costs no Argon2 time.
    requireAppKey(*context);
    const QHostAddress peer = context->request.peer;
    if (const qint64 wait = m_store.loginThrottle().retryAfter(email, peer)) {
        done(LoginThrottle::lockedResponse(wait));
        return;
    }

    auto self = shared_from_this();
    UserRowReader::byEmail(
        m_store,
        QStringLiteral("id, email, name, first_name, last_name, is_active, is_sys_admin, password_hash, "
                       "token_epoch"),
        email,
        [self, context, email, password, peer, done](std::optional<QSqlRecord> record) {
            LoginRow row;
            if (record) {
                row.found = true;
                row.user.id = record->value(QStringLiteral("id")).toLongLong();
                row.user.email = record->value(QStringLiteral("email")).toString();
                row.user.name = record->value(QStringLiteral("name")).toString();
                row.user.firstName = record->value(QStringLiteral("first_name")).toString();
                row.user.lastName = record->value(QStringLiteral("last_name")).toString();
                row.user.isActive = record->value(QStringLiteral("is_active")).toInt() != 0;
                row.user.isSysAdmin = record->value(QStringLiteral("is_sys_admin")).toInt() != 0;
                row.passwordHash = record->value(QStringLiteral("password_hash")).toString();
                row.user.tokenEpoch = record->value(QStringLiteral("token_epoch")).toLongLong();
            }
            // Unknown accounts still cost one Argon2 verification, so timing does not tell
            // which addresses exist.
            PasswordHasher::verifyAsync(row.found ? row.passwordHash : QString(), password)
                .then(&self->m_store, [self, context, email, peer, row, done](bool verified) {
                    LogContext::Scope logScope(context->requestId);
                    LoginThrottle &throttle = self->m_store.loginThrottle();
                    if (!verified || !row.found) {
                        throttle.recordFailure(email, peer);
                        spdlog::info("{} sign-in refused for {}",
                                     self->m_audience == Audience::Admins ? "admin" : "user",
                                     peer.toString().toStdString());
                        done(HttpResponse::fromError(invalidCredentials()));
                        return;
                    }
                    throttle.recordSuccess(email);
                    if (!row.user.isActive ||
                        (self->m_audience == Audience::Admins && !row.user.isSysAdmin)) {
                        done(HttpResponse::fromError(invalidCredentials()));
                        return;
                    }
                    try {
                        if (self->m_audience == Audience::Users) {
                            // The same rules as every later request with this token and key.
                            Session session;
                            session.user = row.user;
                            const Authenticator authenticator(self->m_store);
                            authenticator.applyAppAndRole(session, context->request);
                            if (!row.user.isSysAdmin && !session.role)
                                throw ApiError::forbidden(
                                    QStringLiteral(
                                        "Access Forbidden. The user has no role for application '%1'.")
                                        .arg(session.app ? session.app->name : QString()));
                        }
                    } catch (const ApiError &error) {
                        done(HttpResponse::fromError(error));
                        return;
                    }
                    self->issue(context, row.user, done);
                });
        },
        done);
}

void SessionResource::issue(std::shared_ptr<const RequestContext> context, const User &user,
                            Service::Completion done)
{
    auto self = shared_from_this();
    const QString now = Migrations::nowText();
    const qint64 userId = user.id;
    m_store.submitWrite(
        [userId, now](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral(R"(UPDATE "user" SET last_login_date = ? WHERE id = ?)"));
            query.addBindValue(now);
            query.addBindValue(QVariant::fromValue<qlonglong>(userId));
            if (!query.exec())
                spdlog::warn("cannot record the last login: {}", query.lastError().text().toStdString());
            return HttpResponse();
        },
        SystemStore::ReloadAccess,
        [self, context, user, now, done](HttpResponse) {
            const Config &config = self->m_store.config();
            JwtClaims claims = Jwt::newClaims(user.id, user.isSysAdmin, QDateTime::currentSecsSinceEpoch(),
                                              config.jwtTtlMinutes);
            claims.epoch = user.tokenEpoch;
            const QString token = self->m_store.jwt().sign(claims);
            done(HttpResponse::json(self->sessionJson(token, claims, user, now, *context)));
        });
}

void SessionResource::info(const RequestContext &context, Service::Completion done)
{
    const QString token = tokenFrom(context);
    if (token.isEmpty())
        throw ApiError::unauthorized(QStringLiteral("There is no valid session for the current request."));
    const auto snapshot = m_store.snapshot();
    const Authenticator authenticator(m_store);
    auto [claims, user] = authenticator.verifyToken(token, *snapshot);
    requireAudience(user);
    done(HttpResponse::json(
        sessionJson(token, claims, user, snapshot->lastLoginDates.value(user.id), context)));
}

void SessionResource::refresh(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    const QString token = tokenFrom(*context);
    if (token.isEmpty())
        throw ApiError::unauthorized(QStringLiteral("There is no valid session for the current request."));
    const Config &config = m_store.config();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // Everything but the expiry is checked: signature, revocation, the refresh window.
    const Jwt::Result result = m_store.jwt().verify(token, now, false);
    if (result.error == Jwt::Error::NotYetValid)
        throw ApiError::unauthorized(QStringLiteral("Invalid token: the token is not valid yet."));
    if (!result.ok())
        throw ApiError::unauthorized(
            QStringLiteral("Invalid token: the session token could not be verified."));
    const JwtClaims old = result.claims;
    const auto snapshot = m_store.snapshot();
    if (snapshot->isRevoked(old.jti))
        throw ApiError::forbidden(Authenticator::revokedMessage());
    if (!Jwt::withinRefreshWindow(old, now, config.jwtRefreshTtlMinutes))
        throw ApiError::unauthorized(
            QStringLiteral("Token has expired and is past its refresh window. Please log in again."));
    const User *current = snapshot->user(old.userId);
    if (!current)
        throw ApiError::unauthorized(QStringLiteral("Invalid token: the user no longer exists."));
    if (!current->isActive)
        throw ApiError::forbidden(QStringLiteral("Access Forbidden. The user account is not active."));
    // Every session of the user was revoked after this one began (password change, ...).
    if (old.epoch < current->tokenEpoch)
        throw ApiError::forbidden(Authenticator::revokedMessage());
    requireAudience(*current);

    const User user = *current;
    const QString lastLogin = snapshot->lastLoginDates.value(user.id);
    // The old token stays revoked for as long as it could still be refreshed.
    const qint64 until = qMax(old.expiresAt, old.firstIssuedAt + qint64(config.jwtRefreshTtlMinutes) * 60);
    JwtClaims next = Jwt::newClaims(user.id, user.isSysAdmin, now, config.jwtTtlMinutes, old.firstIssuedAt);
    next.epoch = user.tokenEpoch;
    auto self = shared_from_this();
    const QString jti = old.jti;
    m_store.submitWrite(
        [jti, until](QSqlDatabase &db) {
            if (!revoke(db, jti, until))
                throw ApiError::forbidden(Authenticator::revokedMessage());
            return HttpResponse();
        },
        SystemStore::ReloadAccess,
        [self, context, next, user, lastLogin, done](HttpResponse response) {
            if (response.status >= 400) {
                done(std::move(response));
                return;
            }
            const QString token = self->m_store.jwt().sign(next);
            done(HttpResponse::json(self->sessionJson(token, next, user, lastLogin, *context)));
        });
}

void SessionResource::logout(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    const QString token = tokenFrom(*context);
    if (token.isEmpty())
        throw ApiError::badRequest(QStringLiteral("No session token (JWT) detected in the request."));
    // An expired token may still be refreshable, so it is revoked as well.
    const Jwt::Result result = m_store.jwt().verify(token, QDateTime::currentSecsSinceEpoch(), false);
    if (!result.ok() && result.error != Jwt::Error::NotYetValid)
        throw ApiError::unauthorized(
            QStringLiteral("Invalid token: the session token could not be verified."));
    const qint64 until =
        qMax(result.claims.expiresAt,
             result.claims.firstIssuedAt + qint64(m_store.config().jwtRefreshTtlMinutes) * 60);
    const QString jti = result.claims.jti;
    m_store.submitWrite(
        [jti, until](QSqlDatabase &db) {
            revoke(db, jti, until); // already revoked: signing out again is not an error
            return HttpResponse::json(Json{{"success", true}});
        },
        SystemStore::ReloadAccess, std::move(done));
}
} // namespace gatehouse
