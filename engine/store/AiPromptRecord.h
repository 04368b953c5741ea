#pragma once

#include <optional>

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace gatehouse {

// One row of `ai_prompt_log`, written only for connections that opt in. `prompt` (the messages
// as JSON) and `response` are already redacted by the caller (PiiRedactor) when they get here.
struct AiPromptRecord
{
    qint64 timeMs = 0;
    QString requestId;
    std::optional<qint64> serviceId;
    std::optional<qint64> userId;
    QString model;
    QString prompt;
    QString response;

    static const QStringList &columns();
    QVariantList toRow() const;
};
} // namespace gatehouse
