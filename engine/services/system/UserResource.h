#pragma once

#include "AccountResource.h"
#include "LookupRelation.h"

namespace gatehouse {

// /system/user: non-admin users (rows of the user table with is_sys_admin = 0) with their
// per-app roles (`user_to_app_to_role_by_user_id`, reference §4.2). Mappings are written through
// the user, as DF does: one without an id is added, or replaces the role of an existing mapping
// for the same app (one role per user and app); one with an id is changed; one sent as
// {"id":n,"user_id":null} is removed; mappings left out stay as they are.
class UserResource : public AccountResource
{
public:
    explicit UserResource(SystemStore &store);

    static constexpr auto AppRoleRelation = "user_to_app_to_role_by_user_id";
    static constexpr auto LookupRelationName = "lookup_by_user_id";

protected:
    QStringList relations() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const override;
    void loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const override;

private:
    static Json validateMapping(const Json &mapping);
    static void writeMapping(QSqlDatabase &db, qint64 userId, const Json &mapping);

    LookupRelation m_lookups{LookupRelation::Owner::User};
};
} // namespace gatehouse
