#pragma once

#include "RecordResource.h"

namespace gatehouse {

// What /system/admin and /system/user share: both are rows of the one user table, told apart by
// is_sys_admin. Emails are normalised and unique across the whole table (an admin and a user
// cannot share an address); passwords are write-only and hashed with Argon2id on the hashing
// pool before the database job; setting a password or deactivating an account bumps its token
// epoch, which revokes every session it holds at once (the next request is refused).
class AccountResource : public RecordResource
{
public:
    static constexpr int MinPasswordLength = 8;
    static constexpr int MaxPasswordLength = 1024;
    static QString normalizeEmail(const QString &email);
    // 400 unless `password` is a string of an acceptable length.
    static void validatePassword(const Json &password, const QString &field = QStringLiteral("password"));
    // Worker: revokes every session of `userId` (see the class comment).
    static void bumpTokenEpoch(QSqlDatabase &db, qint64 userId);

protected:
    AccountResource(SystemStore &store, QString name, bool sysAdmins);

    QString scopeCondition() const override;
    QStringList extraInputKeys() const override;
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void preprocess(std::shared_ptr<Job> job, std::function<void()> next) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const override;

    bool sysAdmins() const { return m_sysAdmins; }
    // True when the record sets is_active to false.
    static bool deactivates(const Item &item);

private:
    bool m_sysAdmins;
};
} // namespace gatehouse
