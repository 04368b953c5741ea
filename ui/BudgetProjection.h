#pragma once

#include <optional>

#include <QDateTime>
#include <QString>

namespace gatehouse {

// Where a budget's spend is heading. The console shows a month-end projection for monthly
// budgets only: a straight line through the spend so far (spent / elapsed × whole period).
// Early in a month one expensive day dominates the line, so the projection waits for an hour of
// data before it says anything.
class BudgetProjection
{
public:
    // The spend at `periodEnd` if it continues at the average rate since `periodStart`; nothing
    // when `now` is outside the period or less than an hour into it.
    static std::optional<double> linear(double spent, const QDateTime &periodStart,
                                        const QDateTime &periodEnd, const QDateTime &now);
    // The engine's "2026-11-01 00:00:00.000" (UTC) as a date-time.
    static QDateTime parseTime(const QString &text);
};
} // namespace gatehouse
