#include "ProfileResource.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/Authenticator.h"
#include "security/Jwt.h"
#include "services/RequestContext.h"
#include "services/system/AccountResource.h"
#include "services/system/SessionResource.h"
#include "store/Migrations.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
Json profileJson(const User &user)
{
    auto orNull = [](const QString &text) { return text.isNull() ? Json(nullptr) : Json(text); };
    return Json{{"name", user.name},
                {"first_name", orNull(user.firstName)},
                {"last_name", orNull(user.lastName)},
                {"email", user.email}};
}

// The changes a profile write may make, validated; column -> value.
QVariantHash profileChanges(const Json &body)
{
    if (!body.is_object())
        throw ApiError::badRequest(QStringLiteral("The profile must be a JSON object."));
    QVariantHash changes;
    for (const char *key : {"name", "first_name", "last_name", "email"}) {
        const auto it = body.find(key);
        if (it == body.end())
            continue;
        const QString field = QLatin1String(key);
        const bool optional = field == QLatin1String("first_name") || field == QLatin1String("last_name");
        if (it->is_null() && optional) {
            changes.insert(field, QVariant());
            continue;
        }
        if (!it->is_string())
            throw ApiError::badRequest(QStringLiteral("Field '%1' must be a string.").arg(field));
        QString text = it->get<QString>().trimmed();
        if (text.size() > 255)
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' is longer than 255 characters.").arg(field));
        if (field == QLatin1String("email")) {
            static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
            text = AccountResource::normalizeEmail(text);
            if (!pattern.match(text).hasMatch())
                throw ApiError::badRequest(QStringLiteral("Field 'email' must be a valid email address."));
        }
        if (field == QLatin1String("name") && text.isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'name' can not be empty."));
        changes.insert(field, text);
    }
    return changes;
}
} // namespace

ProfileResource::ProfileResource(SystemStore &store)
    : m_store(store)
{
}

void ProfileResource::handle(std::shared_ptr<const RequestContext> context, Service::Completion done)
{
    try {
        const QString token = SessionResource::tokenFrom(*context);
        if (token.isEmpty())
            throw ApiError::unauthorized(
                QStringLiteral("There is no valid session for the current request."));
        const auto snapshot = m_store.snapshot();
        const User user = Authenticator(m_store).verifyToken(token, *snapshot).second;
        if (context->verb == VerbGet) {
            done(HttpResponse::json(profileJson(user)));
            return;
        }
        const QVariantHash changes = profileChanges(context->body);
        if (changes.isEmpty()) {
            done(HttpResponse::json(Json{{"success", true}}));
            return;
        }
        const qint64 userId = user.id;
        m_store.submitWrite(
            [userId, changes](QSqlDatabase &db) {
                QSqlQuery query(db);
                if (changes.contains(QStringLiteral("email"))) {
                    query.prepare(QStringLiteral(R"(SELECT id FROM "user" WHERE email = ? AND id <> ?)"));
                    query.addBindValue(changes.value(QStringLiteral("email")));
                    query.addBindValue(QVariant::fromValue<qlonglong>(userId));
                    if (!query.exec())
                        throw ApiError::internal(QStringLiteral("The profile could not be saved."));
                    if (query.next())
                        throw ApiError::badRequest(
                            QStringLiteral("Duplicate value '%1' for unique field 'email'.")
                                .arg(changes.value(QStringLiteral("email")).toString()));
                    query.finish();
                }
                QStringList sets;
                QVariantList values;
                for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
                    sets << it.key() + QStringLiteral(" = ?"); // keys come from the fixed list above
                    values << it.value();
                }
                sets << QStringLiteral("last_modified_date = ?");
                values << Migrations::nowText() << QVariant::fromValue<qlonglong>(userId);
                query.prepare(QStringLiteral(R"(UPDATE "user" SET )") + sets.join(QStringLiteral(", ")) +
                              QStringLiteral(" WHERE id = ?"));
                for (const QVariant &value : values)
                    query.addBindValue(value);
                if (!query.exec())
                    throw ApiError::internal(QStringLiteral("The profile could not be saved."));
                return HttpResponse::json(Json{{"success", true}});
            },
            SystemStore::ReloadAccess, std::move(done));
    } catch (const ApiError &error) {
        done(HttpResponse::fromError(error));
    } catch (const std::exception &) {
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("The request is malformed."))));
    }
}
} // namespace gatehouse
