#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/field_mask: how a role sees columns of a database service. One row per (role,
// service, table, field) with a mode: redact, partial (keep the last `keep` characters), hash
// (keyed, stable), null, or detect (replace what `detectors` find: email, ssn, card, phone).
// `field` "*" covers every text column of the table, `table_name` "*" every table. Masked
// fields can not be used in filter/order/group/having or id lookups unless `allow_filter`.
// Rules reach the AccessSnapshot (and so every request) before the write is answered.
class FieldMaskResource : public RecordResource
{
public:
    explicit FieldMaskResource(SystemStore &store);

protected:
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;

private:
    static void checkReferences(QSqlDatabase &db, const Item &item);
};
} // namespace gatehouse
