#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/ai_alias: model aliases for the OpenAI-compatible endpoint, `{alias, service_id,
// model}`. An alias is 1-128 of [A-Za-z0-9._:/-] and unique; the service must exist and be of
// type `ai`. Every write rebuilds the AccessSnapshot, whose AiAliasTable resolves aliases.
class AiAliasResource : public RecordResource
{
public:
    explicit AiAliasResource(SystemStore &store);

protected:
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;

private:
    static void checkService(QSqlDatabase &db, const Item &item);
};
} // namespace gatehouse
