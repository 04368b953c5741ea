#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/lookup: system-level custom lookups `{name,value,private,description}` (reference
// §4.2, §5). App-, role- and user-level lookups live in the same table and are written through
// their owner's related array (LookupRelation); this resource never shows or touches them.
// Private values are sealed at rest, read back as `**********`, and a write of the mask keeps
// the stored value. Every write rebuilds the AccessSnapshot, so the next request resolves the
// new values.
class LookupResource : public RecordResource
{
public:
    explicit LookupResource(SystemStore &store);

protected:
    QString scopeCondition() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void present(Json &row) const override;
    QStringList presentKeys() const override;
};
} // namespace gatehouse
