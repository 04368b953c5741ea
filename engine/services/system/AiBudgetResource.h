#pragma once

#include "RecordResource.h"

namespace gatehouse {

// /system/ai_budget: spending budgets for AI connections (AiBudgetLedger enforces them).
// `dimension` is global, service, user, role or app; every dimension but global names its
// subject in `target_id`, which must exist. `period` is hourly, daily or monthly (UTC calendar
// windows); `limit_amount` > 0 in the rate sheet's currency; `hard_stop` refuses calls (429)
// that would go over, otherwise the budget only alerts; `alert_webhook_url` (http or https)
// gets a POST at 50, 80 and 100 %. Every write rebuilds the AccessSnapshot, which carries the
// active budgets to the ledger.
class AiBudgetResource : public RecordResource
{
public:
    explicit AiBudgetResource(SystemStore &store);

protected:
    QStringList uniqueFields() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;

private:
    // Worker: the dimension and target as they will be stored, checked together.
    static void checkTarget(QSqlDatabase &db, Item &item, const QString &dimension, const Json &target);
};
} // namespace gatehouse
