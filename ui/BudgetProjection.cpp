#include "BudgetProjection.h"

#include <QTimeZone>

namespace gatehouse {

std::optional<double> BudgetProjection::linear(double spent, const QDateTime &periodStart,
                                               const QDateTime &periodEnd, const QDateTime &now)
{
    if (!periodStart.isValid() || !periodEnd.isValid() || !now.isValid())
        return std::nullopt;
    const qint64 elapsed = periodStart.msecsTo(now);
    const qint64 length = periodStart.msecsTo(periodEnd);
    constexpr qint64 kMinimumElapsedMs = 3600 * 1000;
    if (length <= 0 || elapsed < kMinimumElapsedMs || elapsed > length)
        return std::nullopt;
    return spent * double(length) / double(elapsed);
}

QDateTime BudgetProjection::parseTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    if (!time.isValid())
        time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid())
        time.setTimeZone(QTimeZone::utc());
    return time;
}
} // namespace gatehouse
