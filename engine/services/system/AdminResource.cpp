#include "AdminResource.h"

#include <QSqlQuery>

namespace gatehouse {

AdminResource::AdminResource(SystemStore &store)
    : AccountResource(store, QStringLiteral("admin"), true)
{
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

void AdminResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    if (deactivates(item))
        requireAnotherActiveAdmin(db, *item.id);
}

void AdminResource::beforeDelete(QSqlDatabase &db, qint64 id) const
{
    requireAnotherActiveAdmin(db, id);
}
} // namespace gatehouse
