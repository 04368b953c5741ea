#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/cors: DreamFactory's CORS rules (cors_config). `origin`, `header` and
// `exposed_header` are comma lists (a JSON array of strings is accepted too); `method` is a
// verb mask (an array or comma list of verb names is accepted and stored as the mask). Every
// write rebuilds the AccessSnapshot, so the gate applies a change from the next request on.
// Refused: an origin with a path, and "*" origins together with supports_credentials (that
// would let every web site read responses with the user's credentials).
class CorsResource : public RecordResource
{
public:
    explicit CorsResource(SystemStore &store);

protected:
    QStringList extraInputKeys() const override;
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;

private:
    static void checkCredentialsWithWildcard(const Json &record);
};
} // namespace gatehouse
