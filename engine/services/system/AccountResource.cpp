#include "AccountResource.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include "security/PasswordHasher.h"
#include "store/SystemStore.h"

namespace gatehouse {

AccountResource::AccountResource(SystemStore &store, QString name, bool sysAdmins)
    : RecordResource(store, std::move(name), QStringLiteral("\"user\""),
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
                         // Set by the identity service (ldap, oidc) that provisioned the account.
                         {QStringLiteral("identity_service_id"), FieldType::Integer, false},
                         {QStringLiteral("directory_username"), FieldType::String, false},
                     })
    , m_sysAdmins(sysAdmins)
{
}

QString AccountResource::normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

void AccountResource::validatePassword(const Json &password, const QString &field)
{
    if (!password.is_string())
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be a string.").arg(field));
    const qsizetype length = password.get<QString>().size();
    if (length < MinPasswordLength || length > MaxPasswordLength)
        throw ApiError::badRequest(QStringLiteral("Field '%1' must be %2 to %3 characters long.")
                                       .arg(field)
                                       .arg(MinPasswordLength)
                                       .arg(MaxPasswordLength));
}

void AccountResource::bumpTokenEpoch(QSqlDatabase &db, qint64 userId)
{
    run(db, QStringLiteral(R"(UPDATE "user" SET token_epoch = token_epoch + 1 WHERE id = ?)"),
        {QVariant::fromValue<qlonglong>(userId)});
}

QString AccountResource::scopeCondition() const
{
    return m_sysAdmins ? QStringLiteral("is_sys_admin = 1") : QStringLiteral("is_sys_admin = 0");
}

QStringList AccountResource::extraInputKeys() const
{
    return {QStringLiteral("password")};
}

QStringList AccountResource::uniqueFields() const
{
    // Checked over the whole user table (RecordResource's check ignores the scope).
    return {QStringLiteral("email")};
}

bool AccountResource::deactivates(const Item &item)
{
    const auto active = item.record.find("is_active");
    return active != item.record.end() &&
           toColumnValue(QStringLiteral("is_active"), FieldType::Boolean, *active).toInt() == 0;
}

void AccountResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("email")) {
        static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
        const QString email = normalizeEmail(record["email"].get<QString>());
        if (!pattern.match(email).hasMatch())
            throw ApiError::badRequest(QStringLiteral("Field 'email' must be a valid email address."));
        record["email"] = email;
    }
    if (record.contains("password"))
        validatePassword(record["password"]);
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

void AccountResource::preprocess(std::shared_ptr<Job> job, std::function<void()> next) const
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

void AccountResource::beforeInsert(QSqlDatabase &, Item &item, const Job &) const
{
    item.columns.insert(QStringLiteral("is_sys_admin"), m_sysAdmins ? 1 : 0);
}

void AccountResource::afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const
{
    if (operation == Operation::Update &&
        (item.columns.contains(QStringLiteral("password_hash")) || deactivates(item)))
        bumpTokenEpoch(db, id);
}
} // namespace gatehouse
