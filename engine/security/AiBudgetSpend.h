#pragma once

#include <optional>

#include <QSqlDatabase>
#include <QString>

namespace gatehouse {

// Settled AI spend as the usage log records it: what a budget's counters start from, what
// /system/ai_budget/_spend reports and what the dashboard compares budgets against, so all
// three always agree. Worker side (database reads).
class AiBudgetSpend
{
public:
    // The ai_usage_log column a budget dimension charges by; empty for global (and unknown).
    static QString usageColumn(const QString &dimension);
    // Sum of `cost` in [fromMs, toMs), where `column` (one of usageColumn's names, or empty for
    // everything) equals `value`. nullopt when the read failed (logged).
    static std::optional<double> settled(QSqlDatabase &db, const QString &column, qint64 value, qint64 fromMs,
                                         qint64 toMs);
};
} // namespace gatehouse
