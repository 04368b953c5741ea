#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/limit: rate limits with DreamFactory's df-limits rules (reference §6). The server
// builds `key_text` from the type and the ids it needs (ids the type does not use are
// cleared), so two limits with the same meaning cannot both exist. `period` is accepted by name
// or index (0-4), stored as the index and returned by name, as DF does. A change of `rate` (or
// of anything in the key) resets the limit's counters, which clears an active lockout.
class LimitResource : public RecordResource
{
public:
    explicit LimitResource(SystemStore &store);

    // Name or index (number or numeric text) -> index; nullopt when it is neither.
    static std::optional<int> parsePeriod(const Json &value);

protected:
    QStringList extraInputKeys() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void present(Json &row) const override;

private:
    // Worker: merges the record over `current` (empty on create), checks it against its type
    // and moves every key-defining value into item.columns with the new key_text.
    void finalize(QSqlDatabase &db, Item &item, const QVariantHash &current) const;
};
} // namespace gatehouse
