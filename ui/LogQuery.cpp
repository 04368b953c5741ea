#include "LogQuery.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUrl>

namespace gatehouse {

void LogQuery::add(const QString &condition, const QString &name, const QJsonValue &value)
{
    conditions << condition;
    params.insert(name, value);
}

QString LogQuery::pagePath(int limit, std::optional<qint64> beforeId, bool includeCount,
                           const QStringList &fields) const
{
    QStringList all;
    for (const QString &condition : conditions)
        all << QStringLiteral("(%1)").arg(condition);
    QJsonObject values = params;
    if (beforeId) {
        all << QStringLiteral("(id < :before_id)");
        values.insert(QStringLiteral("before_id"), double(*beforeId));
    }
    QStringList query;
    auto put = [&query](const QString &key, const QString &value) {
        // Encoded by hand: QUrlQuery leaves '+', '&' and '=' in values ambiguous.
        query << key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    if (!all.isEmpty()) {
        put(QStringLiteral("filter"), all.join(QStringLiteral(" AND ")));
        put(QStringLiteral("params"),
            QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact)));
    }
    put(QStringLiteral("order"), QStringLiteral("id DESC"));
    put(QStringLiteral("limit"), QString::number(limit));
    put(QStringLiteral("fields"), fields.isEmpty() ? QStringLiteral("*") : fields.join(QLatin1Char(',')));
    if (includeCount)
        put(QStringLiteral("include_count"), QStringLiteral("true"));
    return resource + QLatin1Char('?') + query.join(QLatin1Char('&'));
}

QString LogQuery::sinceText(int hours)
{
    if (hours <= 0)
        return {};
    return QDateTime::currentDateTimeUtc()
        .addSecs(-qint64(hours) * 3600)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace gatehouse
