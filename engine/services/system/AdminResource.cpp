#include "AdminResource.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include "security/PasswordHasher.h"
#include "store/SystemStore.h"

namespace gatehouse {

AdminResource::AdminResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("admin"), QStringLiteral("\"user\""),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("email"), FieldType::String, true, true, false, 255},
                         {QStringLiteral("name"), FieldType::String, true, false, false, 255},
                         {QStringLiteral("first_name"), FieldType::String, true, false, true, 255},
                         {QStringLiteral("last_name"), FieldType::String, true, false, true, 255},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("last_login_date"), FieldType::Date, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QString AdminResource::normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

QString AdminResource::scopeCondition() const
{
    return QStringLiteral("is_sys_admin = 1");
}

QStringList AdminResource::extraInputKeys() const
{
    return {QStringLiteral("password")};
}

QStringList AdminResource::uniqueFields() const
{
    // Unique across the whole user table: an admin and a user cannot share an address.
    return {QStringLiteral("email")};
}

void AdminResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("email")) {
        static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
        const QString email = normalizeEmail(record["email"].get<QString>());
        if (!pattern.match(email).hasMatch())
            throw ApiError::badRequest(QStringLiteral("Field 'email' must be a valid email address."));
        record["email"] = email;
    }
    if (record.contains("password")) {
        const Json &password = record["password"];
        if (!password.is_string())
            throw ApiError::badRequest(QStringLiteral("Field 'password' must be a string."));
        const qsizetype length = password.get<QString>().size();
        if (length < MinPasswordLength || length > 1024)
            throw ApiError::badRequest(QStringLiteral("Field 'password' must be %1 to 1024 characters long.")
                                           .arg(MinPasswordLength));
    }
    if (operation == Operation::Create &&
        (!record.contains("name") || record["name"].get<QString>().trimmed().isEmpty())) {
        const QString full = (record.value("first_name", Json("")).is_string()
                                  ? record.value("first_name", Json("")).get<QString>()
                                  : QString()) +
                             QLatin1Char(' ') +
                             (record.value("last_name", Json("")).is_string()
                                  ? record.value("last_name", Json("")).get<QString>()
                                  : QString());
        record["name"] = full.trimmed().isEmpty()
                             ? record["email"].get<QString>().section(QLatin1Char('@'), 0, 0)
                             : full.trimmed();
    }
}

void AdminResource::preprocess(std::shared_ptr<Job> job, std::function<void()> next) const
{
    QList<QPair<int, QString>> passwords;
    for (int i = 0; i < job->items.size(); ++i) {
        Item &item = job->items[i];
        if (!item.error && item.record.contains("password")) {
            passwords.append({i, item.record["password"].get<QString>()});
            item.record.erase("password"); // the plain text goes no further than the hasher
        }
    }
    if (passwords.isEmpty()) {
        next();
        return;
    }
    // Argon2id is deliberately slow: it runs on the hashing pool, never on the event loop.
    auto future = QtConcurrent::run(PasswordHasher::pool(), [passwords]() {
        QList<QPair<int, QString>> hashes;
        for (const auto &[index, password] : passwords)
            hashes.append({index, PasswordHasher::hash(password)});
        return hashes;
    });
    future.then(&store(), [job, next = std::move(next)](QList<QPair<int, QString>> hashes) mutable {
        for (const auto &[index, hash] : hashes) {
            if (hash.isEmpty())
                job->items[index].error =
                    ApiError::internal(QStringLiteral("The password could not be hashed."));
            else
                job->items[index].columns.insert(QStringLiteral("password_hash"), hash);
        }
        next();
    });
}

void AdminResource::requireAnotherActiveAdmin(QSqlDatabase &db, qint64 id)
{
    QSqlQuery query = run(
        db,
        QStringLiteral(R"(SELECT COUNT(*) FROM "user" WHERE is_sys_admin = 1 AND is_active = 1 AND id <> ?)"),
        {QVariant::fromValue<qlonglong>(id)});
    if (!query.next() || query.value(0).toLongLong() == 0)
        throw ApiError::badRequest(QStringLiteral("The last active admin cannot be deactivated or deleted."));
}

void AdminResource::beforeInsert(QSqlDatabase &, Item &item, const Job &) const
{
    item.columns.insert(QStringLiteral("is_sys_admin"), 1);
}

void AdminResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    const auto active = item.record.find("is_active");
    if (active != item.record.end() &&
        toColumnValue(QStringLiteral("is_active"), FieldType::Boolean, *active).toInt() == 0)
        requireAnotherActiveAdmin(db, *item.id);
}

void AdminResource::beforeDelete(QSqlDatabase &db, qint64 id) const
{
    requireAnotherActiveAdmin(db, id);
}
} // namespace gatehouse
