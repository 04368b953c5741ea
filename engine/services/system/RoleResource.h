#pragma once

#include "LookupRelation.h"
#include "RecordResource.h"

namespace gatehouse {

// /system/role with its access rules (`role_service_access_by_role_id`). Rules are written
// through the role, as in DF: a rule without an id is added, one with an id is changed, and one
// sent as {"id":n,"role_id":null} is removed; rules left out stay as they are.
class RoleResource : public RecordResource
{
public:
    explicit RoleResource(SystemStore &store);

    static constexpr auto AccessRelation = "role_service_access_by_role_id";
    static constexpr auto UserAppRelation = "user_to_app_to_role_by_role_id";
    static constexpr auto LookupRelationName = "lookup_by_role_id";

protected:
    QStringList relations() const override;
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const override;
    void loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const override;

private:
    static Json validateRule(const Json &rule);
    void writeAccessRules(QSqlDatabase &db, qint64 id, const Item &item) const;

    LookupRelation m_lookups{LookupRelation::Owner::Role};
};
} // namespace gatehouse
