#include "AiPromptRecord.h"

#include "AuditRecord.h"

namespace gatehouse {
namespace {
QVariant optionalId(const std::optional<qint64> &id)
{
    return id ? QVariant::fromValue<qlonglong>(*id) : QVariant(QMetaType::fromType<qlonglong>());
}

QString nonNull(const QString &text, int max = 0)
{
    if (text.isEmpty())
        return QStringLiteral("");
    return max > 0 && text.size() > max ? text.left(max) : text;
}
} // namespace

const QStringList &AiPromptRecord::columns()
{
    static const QStringList list{QStringLiteral("created_date"), QStringLiteral("request_id"),
                                  QStringLiteral("service_id"),   QStringLiteral("user_id"),
                                  QStringLiteral("model"),        QStringLiteral("prompt"),
                                  QStringLiteral("response")};
    return list;
}

QVariantList AiPromptRecord::toRow() const
{
    return {AuditRecord::timeText(timeMs), nonNull(requestId, 64), optionalId(serviceId), optionalId(userId),
            nonNull(model, 255),           nonNull(prompt),        nonNull(response)};
}
} // namespace gatehouse
