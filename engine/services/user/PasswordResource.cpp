#include "PasswordResource.h"

#include <spdlog/spdlog.h>

#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "core/ApiError.h"
#include "core/LogContext.h"
#include "security/AccessSnapshot.h"
#include "security/Authenticator.h"
#include "security/Jwt.h"
#include "security/LoginThrottle.h"
#include "security/PasswordHasher.h"
#include "services/RequestContext.h"
#include "services/system/AccountResource.h"
#include "services/system/SessionResource.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"
#include "store/UserRowReader.h"

namespace gatehouse {
namespace {
// The outcome of the pool job: whether the old password matched, and the new hash.
struct Rehash
{
    bool verified = false;
    QString newHash;
};
} // namespace

PasswordResource::PasswordResource(SystemStore &store, std::shared_ptr<SessionResource> sessions)
    : m_store(store)
    , m_sessions(std::move(sessions))
{
}

void PasswordResource::handle(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    try {
        if (context->boolParam(QStringLiteral("reset")) ||
            (context->body.is_object() && context->body.contains("code")))
            throw ApiError(501,
                           QStringLiteral("Password reset by email is not available: ask an administrator "
                                          "to set a new password."));
        change(context, done); // copies: `done` must survive a throw
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    } catch (const std::exception &) {
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("The request is malformed."))));
    }
}

void PasswordResource::change(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    const QString token = SessionResource::tokenFrom(*context);
    if (token.isEmpty())
        throw ApiError::unauthorized(QStringLiteral("There is no valid session for the current request."));
    const User user = Authenticator(m_store).verifyToken(token, *m_store.snapshot()).second;

    const Json &body = context->body;
    if (!body.is_object() || !body.contains("old_password") || !body.contains("new_password"))
        throw ApiError::badRequest(QStringLiteral("Both 'old_password' and 'new_password' are required."));
    if (!body["old_password"].is_string())
        throw ApiError::badRequest(QStringLiteral("Field 'old_password' must be a string."));
    AccountResource::validatePassword(body["new_password"], QStringLiteral("new_password"));
    const QString oldPassword = body["old_password"].get<QString>();
    const QString newPassword = body["new_password"].get<QString>();
    const bool login = context->boolParam(QStringLiteral("login"));

    const QHostAddress peer = context->request.peer;
    if (const qint64 wait = m_store.loginThrottle().retryAfter(user.email, peer)) {
        done(LoginThrottle::lockedResponse(wait));
        return;
    }

    auto self = shared_from_this();
    UserRowReader::byId(
        m_store, QStringLiteral("password_hash"), user.id,
        [self, context, user, oldPassword, newPassword, login, peer, done](std::optional<QSqlRecord> record) {
            const QString passwordHash =
                record ? record->value(QStringLiteral("password_hash")).toString() : QString();
            // Both Argon2 steps in one job on the hashing pool, never on the event loop.
            QtConcurrent::run(PasswordHasher::pool(), [hash = passwordHash, oldPassword, newPassword] {
                Rehash out;
                out.verified = !hash.isEmpty() && PasswordHasher::verify(hash, oldPassword);
                if (out.verified)
                    out.newHash = PasswordHasher::hash(newPassword);
                return out;
            }).then(&self->m_store, [self, context, user, login, peer, done](Rehash result) {
                LogContext::Scope logScope(context->requestId);
                LoginThrottle &throttle = self->m_store.loginThrottle();
                if (!result.verified) {
                    throttle.recordFailure(user.email, peer);
                    spdlog::info("password change refused (wrong old password) for user {}", user.id);
                    done(HttpResponse::fromError(
                        ApiError::badRequest(QStringLiteral("Invalid old password supplied."))));
                    return;
                }
                throttle.recordSuccess(user.email);
                if (result.newHash.isEmpty()) {
                    done(HttpResponse::fromError(
                        ApiError::internal(QStringLiteral("The password could not be hashed."))));
                    return;
                }
                const QString hash = result.newHash;
                const qint64 userId = user.id;
                self->m_store.submitWrite(
                    [userId, hash](QSqlDatabase &db) {
                        // The epoch bump revokes every session of the user (this one too).
                        QSqlQuery query(db);
                        query.prepare(QStringLiteral(R"(UPDATE "user" SET password_hash = ?,
                                token_epoch = token_epoch + 1, last_modified_date = ? WHERE id = ?)"));
                        query.addBindValue(hash);
                        query.addBindValue(Migrations::nowText());
                        query.addBindValue(QVariant::fromValue<qlonglong>(userId));
                        if (!query.exec() || query.numRowsAffected() != 1)
                            throw ApiError::internal(QStringLiteral("The password could not be changed."));
                        return HttpResponse::json(Json{{"success", true}});
                    },
                    SystemStore::ReloadAccess,
                    [self, context, userId, login, done](HttpResponse response) {
                        if (response.status >= 400 || !login) {
                            done(std::move(response));
                            return;
                        }
                        // The reloaded snapshot has the new epoch for the new token.
                        const User *current = self->m_store.snapshot()->user(userId);
                        if (!current || !current->isActive) {
                            done(HttpResponse::fromError(ApiError::forbidden(
                                QStringLiteral("Access Forbidden. The user account is not active."))));
                            return;
                        }
                        self->m_sessions->issue(context, *current, done);
                    });
            });
        },
        done);
}
} // namespace gatehouse
