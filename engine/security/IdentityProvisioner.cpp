#include "IdentityProvisioner.h"

#include <spdlog/spdlog.h>

#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>

#include "AccessSnapshot.h"
#include "core/ApiError.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"
#include "store/SystemTransaction.h"

namespace gatehouse {
namespace {
QString knownKey(const ExternalIdentity &identity)
{
    return QString::number(identity.serviceId) + QLatin1Char(':') + identity.subject;
}

void execOrThrow(QSqlQuery &query, const char *what)
{
    if (!query.exec()) {
        spdlog::error("system database: cannot {} a directory user: {}", what,
                      query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The user could not be provisioned."));
    }
}

struct Resolved
{
    QString email;
    bool linkExisting = false;
    QHash<qint64, std::optional<qint64>> roles;
    std::optional<bool> admin;
};

// Does the snapshot already hold exactly what `identity` resolves to for `user`?
bool upToDate(const User &user, const ExternalIdentity &identity, const Resolved &resolved,
              const AccessSnapshot &snapshot)
{
    if (user.identityServiceId != identity.serviceId ||
        user.email.compare(resolved.email, Qt::CaseInsensitive) != 0 || user.name != identity.name ||
        user.firstName != identity.firstName || user.lastName != identity.lastName ||
        user.directoryUsername != identity.username || user.groups != identity.groups ||
        user.directoryAttributes != identity.attributes)
        return false;
    if (resolved.admin && *resolved.admin != user.isSysAdmin)
        return false;
    for (auto it = resolved.roles.constBegin(); it != resolved.roles.constEnd(); ++it) {
        const auto mapped = snapshot.userAppRoles.constFind(qMakePair(user.id, it.key()));
        const std::optional<qint64> current =
            mapped == snapshot.userAppRoles.constEnd() ? std::nullopt : std::optional<qint64>(mapped.value());
        if (current != it.value())
            return false;
    }
    return true;
}

ApiError inactive()
{
    return ApiError::forbidden(QStringLiteral("Access Forbidden. The user account is not active."));
}
} // namespace

IdentityProvisioner::IdentityProvisioner(SystemStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

QString IdentityProvisioner::placeholderEmail(const ExternalIdentity &identity)
{
    QString local;
    for (const QChar c : identity.username.toLower())
        local += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('.') ||
                         c == QLatin1Char('-') || c == QLatin1Char('_')
                     ? c
                     : QLatin1Char('_');
    if (local.isEmpty())
        local = QStringLiteral("user");
    return local + QLatin1Char('@') + identity.serviceName.toLower() + QStringLiteral(".invalid");
}

void IdentityProvisioner::provision(const ExternalIdentity &identity, const IdentityRoleMap &roles,
                                    std::function<void(User)> onUser,
                                    std::function<void(HttpResponse)> onError)
{
    if (identity.serviceId <= 0 || identity.subject.isEmpty()) {
        onError(HttpResponse::fromError(
            ApiError::internal(QStringLiteral("The identity service gave no subject."))));
        return;
    }
    const auto snapshot = m_store.snapshot();
    Resolved resolved;
    resolved.email =
        identity.email.trimmed().isEmpty() ? placeholderEmail(identity) : identity.email.trimmed().toLower();
    resolved.roles = roles.rolesFor(identity.groups, *snapshot);
    resolved.admin = roles.isSysAdmin(identity.groups);
    resolved.linkExisting = roles.linksExistingAccounts();

    if (const auto known = m_known.constFind(knownKey(identity)); known != m_known.constEnd()) {
        if (const User *user = snapshot->user(known.value())) {
            if (!user->isActive) {
                onError(HttpResponse::fromError(inactive()));
                return;
            }
            if (upToDate(*user, identity, resolved, *snapshot)) {
                onUser(*user);
                return;
            }
        }
    }

    QPointer<IdentityProvisioner> self(this);
    auto userId = std::make_shared<qint64>(0);
    m_store.submitWrite(
        [identity, resolved, userId](QSqlDatabase &db) {
            SystemTransaction::begin(db);
            try {
                const QString now = Migrations::nowText();
                QSqlQuery query(db);
                query.prepare(QStringLiteral(
                    R"(SELECT id, is_active, is_sys_admin FROM "user" WHERE identity_service_id = ? AND external_id = ?)"));
                query.addBindValue(QVariant::fromValue<qlonglong>(identity.serviceId));
                query.addBindValue(identity.subject);
                execOrThrow(query, "look up");
                qint64 id = 0;
                bool wasAdmin = false;
                if (query.next()) {
                    id = query.value(0).toLongLong();
                    if (query.value(1).toInt() == 0)
                        throw inactive();
                    wasAdmin = query.value(2).toInt() != 0;
                }
                query.finish();

                // The address must not belong to anyone else: no account is ever taken over
                // by a directory entry that claims its email, unless the admin has said this
                // service's addresses are trustworthy (link_existing_accounts): then the person
                // signs in to that account, which from now on follows this service.
                query.prepare(
                    QStringLiteral(R"(SELECT id, is_active, is_sys_admin FROM "user" WHERE email = ?)"));
                query.addBindValue(resolved.email);
                execOrThrow(query, "look up");
                if (query.next() && query.value(0).toLongLong() != id) {
                    if (id != 0 || !resolved.linkExisting)
                        throw ApiError(
                            409, QStringLiteral("An account with the email address %1 already exists and "
                                                "does not belong to service '%2'.")
                                     .arg(resolved.email, identity.serviceName));
                    id = query.value(0).toLongLong();
                    if (query.value(1).toInt() == 0)
                        throw inactive();
                    wasAdmin = query.value(2).toInt() != 0;
                    spdlog::info("user {} is now signed in through identity service '{}'", id,
                                 identity.serviceName.toStdString());
                }
                query.finish();

                const bool admin = resolved.admin.value_or(wasAdmin);
                // The columns the source decides, in the order both statements list them.
                const auto bindProfile = [&](QSqlQuery &q) {
                    q.addBindValue(resolved.email);
                    // "name" is NOT NULL; access tokens often carry no name claim.
                    q.addBindValue(identity.name.isNull() ? QStringLiteral("") : identity.name);
                    q.addBindValue(identity.firstName);
                    q.addBindValue(identity.lastName);
                    q.addBindValue(admin ? 1 : 0);
                    q.addBindValue(QVariant::fromValue<qlonglong>(identity.serviceId));
                    q.addBindValue(identity.subject);
                    q.addBindValue(identity.username);
                    q.addBindValue(identity.storedAttributes());
                };
                if (id == 0) {
                    query.prepare(QStringLiteral(
                        R"(INSERT INTO "user" (email, name, first_name, last_name, is_active, is_sys_admin, )"
                        R"(identity_service_id, external_id, directory_username, directory_attributes, )"
                        R"(created_date, last_modified_date) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?))"));
                    bindProfile(query);
                    query.addBindValue(now);
                    query.addBindValue(now);
                    execOrThrow(query, "create");
                    query.finish();
                    query.prepare(QStringLiteral(
                        R"(SELECT id FROM "user" WHERE identity_service_id = ? AND external_id = ?)"));
                    query.addBindValue(QVariant::fromValue<qlonglong>(identity.serviceId));
                    query.addBindValue(identity.subject);
                    execOrThrow(query, "look up");
                    if (!query.next())
                        throw ApiError::internal(QStringLiteral("The user could not be provisioned."));
                    id = query.value(0).toLongLong();
                    query.finish();
                    spdlog::info("provisioned user {} from identity service '{}'", id,
                                 identity.serviceName.toStdString());
                } else {
                    // Losing admin status ends every session the user holds.
                    query.prepare(QStringLiteral(
                        R"(UPDATE "user" SET email = ?, name = ?, first_name = ?, last_name = ?, is_sys_admin = ?, )"
                        R"(identity_service_id = ?, external_id = ?, directory_username = ?, directory_attributes = ?, )"
                        R"(last_modified_date = ?, token_epoch = token_epoch + ? WHERE id = ?)"));
                    bindProfile(query);
                    query.addBindValue(now);
                    query.addBindValue(wasAdmin && !admin ? 1 : 0);
                    query.addBindValue(QVariant::fromValue<qlonglong>(id));
                    execOrThrow(query, "update");
                    query.finish();
                }

                for (auto it = resolved.roles.constBegin(); it != resolved.roles.constEnd(); ++it) {
                    query.prepare(
                        QStringLiteral("DELETE FROM user_to_app_to_role WHERE user_id = ? AND app_id = ?"));
                    query.addBindValue(QVariant::fromValue<qlonglong>(id));
                    query.addBindValue(QVariant::fromValue<qlonglong>(it.key()));
                    execOrThrow(query, "map roles of");
                    if (it.value()) {
                        query.prepare(QStringLiteral(
                            "INSERT INTO user_to_app_to_role (user_id, app_id, role_id) VALUES (?, ?, ?)"));
                        query.addBindValue(QVariant::fromValue<qlonglong>(id));
                        query.addBindValue(QVariant::fromValue<qlonglong>(it.key()));
                        query.addBindValue(QVariant::fromValue<qlonglong>(*it.value()));
                        execOrThrow(query, "map roles of");
                    }
                }
                SystemTransaction::commit(db);
                *userId = id;
            } catch (...) {
                SystemTransaction::rollback(db);
                throw;
            }
            return HttpResponse();
        },
        SystemStore::ReloadAccess,
        [self, identity, userId, onUser = std::move(onUser),
         onError = std::move(onError)](HttpResponse response) {
            if (response.status >= 400) {
                onError(std::move(response));
                return;
            }
            if (!self) {
                onError(
                    HttpResponse::fromError(ApiError(503, QStringLiteral("The server is shutting down."))));
                return;
            }
            const User *user = self->m_store.snapshot()->user(*userId);
            if (!user) {
                onError(HttpResponse::fromError(
                    ApiError::internal(QStringLiteral("The user could not be provisioned."))));
                return;
            }
            self->m_known.insert(knownKey(identity), user->id);
            onUser(*user);
        });
}
} // namespace gatehouse
