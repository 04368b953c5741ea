#pragma once

#include "AccountResource.h"

namespace gatehouse {

// /system/admin: system administrators (rows of the user table with is_sys_admin = 1). The last
// active admin can be neither deactivated nor deleted, so the instance cannot lock itself out.
class AdminResource : public AccountResource
{
public:
    explicit AdminResource(SystemStore &store);

protected:
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeDelete(QSqlDatabase &db, qint64 id) const override;

private:
    static void requireAnotherActiveAdmin(QSqlDatabase &db, qint64 id);
};
} // namespace gatehouse
