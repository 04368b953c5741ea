#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/admin: system administrators (rows of the user table with is_sys_admin = 1; the same
// table will hold non-admin users). Passwords are write-only and hashed with Argon2id on the
// hashing pool before the database job; the last active admin can be neither deactivated nor
// deleted, so the instance cannot lock itself out.
class AdminResource : public RecordResource
{
public:
    explicit AdminResource(SystemStore &store);

    static constexpr int MinPasswordLength = 8;
    static QString normalizeEmail(const QString &email);

protected:
    QString scopeCondition() const override;
    QStringList extraInputKeys() const override;
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void preprocess(std::shared_ptr<Job> job, std::function<void()> next) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeDelete(QSqlDatabase &db, qint64 id) const override;

private:
    static void requireAnotherActiveAdmin(QSqlDatabase &db, qint64 id);
};
} // namespace gatehouse
