#include "AiUsageRecord.h"

#include "AuditRecord.h"

namespace gatehouse {
namespace {
QVariant optionalId(const std::optional<qint64> &id)
{
    return id ? QVariant::fromValue<qlonglong>(*id) : QVariant(QMetaType::fromType<qlonglong>());
}

// Column limits of migration 9; PostgreSQL refuses longer values. Never a null QString: Qt binds
// that as NULL, which the NOT NULL columns refuse.
QString clip(const QString &text, int max)
{
    if (text.isEmpty())
        return QStringLiteral("");
    return text.size() <= max ? text : text.left(max);
}
} // namespace

const QStringList &AiUsageRecord::columns()
{
    static const QStringList list{QStringLiteral("created_date"),     QStringLiteral("request_id"),
                                  QStringLiteral("service_id"),       QStringLiteral("service_name"),
                                  QStringLiteral("provider"),         QStringLiteral("model"),
                                  QStringLiteral("user_id"),          QStringLiteral("role_id"),
                                  QStringLiteral("app_id"),           QStringLiteral("endpoint"),
                                  QStringLiteral("stream"),           QStringLiteral("input_tokens"),
                                  QStringLiteral("output_tokens"),    QStringLiteral("cached_input_tokens"),
                                  QStringLiteral("reasoning_tokens"), QStringLiteral("cost"),
                                  QStringLiteral("estimated"),        QStringLiteral("latency_ms"),
                                  QStringLiteral("ttft_ms"),          QStringLiteral("status"),
                                  QStringLiteral("http_status"),      QStringLiteral("error_message"),
                                  QStringLiteral("fallback_index"),   QStringLiteral("attempt")};
    return list;
}

QVariantList AiUsageRecord::toRow() const
{
    const QString statusText = status == QLatin1String("partial") || status == QLatin1String("error")
                                   ? status
                                   : QStringLiteral("success");
    return {AuditRecord::timeText(timeMs),
            clip(requestId, 64),
            optionalId(serviceId),
            clip(serviceName, 255),
            clip(provider, 64),
            clip(model, 255),
            optionalId(userId),
            optionalId(roleId),
            optionalId(appId),
            clip(endpoint, 64),
            stream ? 1 : 0,
            QVariant::fromValue<qlonglong>(qMax<qint64>(0, inputTokens)),
            QVariant::fromValue<qlonglong>(qMax<qint64>(0, outputTokens)),
            QVariant::fromValue<qlonglong>(qMax<qint64>(0, cachedInputTokens)),
            QVariant::fromValue<qlonglong>(qMax<qint64>(0, reasoningTokens)),
            qMax(0.0, cost),
            estimated ? 1 : 0,
            QVariant::fromValue<qlonglong>(qMax<qint64>(0, latencyMs)),
            optionalId(ttftMs),
            statusText,
            httpStatus,
            errorMessage.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                   : QVariant(errorMessage.left(4000)),
            fallbackIndex,
            attempt};
}
} // namespace gatehouse
