#pragma once

#include "LookupRelation.h"
#include "RecordResource.h"

namespace gatehouse {

// /system/app: applications and their API keys. A key is shown exactly once, in the reply that
// created it (on create, or on an update with ?regenerate=true); the database keeps only its
// SHA-256 and a short hint. Changes reach the in-memory snapshot before the reply is sent, so
// a deactivated app is refused from the next request on.
class AppResource : public RecordResource
{
public:
    explicit AppResource(SystemStore &store);

    static constexpr auto RoleRelation = "role_by_role_id";
    static constexpr auto LookupRelationName = "lookup_by_app_id";

protected:
    QStringList relations() const override;
    QStringList relationKeys(const QString &relation) const override;
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const override;
    void loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const override;

private:
    static void checkRole(QSqlDatabase &db, const Item &item);
    static void issueKey(Item &item);

    LookupRelation m_lookups{LookupRelation::Owner::App};
};
} // namespace gatehouse
