#pragma once

#include <optional>

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace gatehouse {

// One row of `ai_usage_log`: one attempt of one AI request (a fallback chain writes one row per
// attempt, each charged to the service and model actually called). Nothing in it is secret.
struct AiUsageRecord
{
    qint64 timeMs = 0; // when the attempt started, ms since the epoch
    QString requestId;
    std::optional<qint64> serviceId;
    QString serviceName;
    QString provider;
    QString model;
    std::optional<qint64> userId;
    std::optional<qint64> roleId;
    std::optional<qint64> appId;
    QString endpoint; // "chat", "completion", "embeddings", "openai.chat" …
    bool stream = false;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cachedInputTokens = 0;
    qint64 reasoningTokens = 0;
    double cost = 0;
    bool estimated = false; // tokens (and so the cost) estimated because the provider sent none
    qint64 latencyMs = 0;
    std::optional<qint64> ttftMs;               // streams only
    QString status = QStringLiteral("success"); // success | partial | error
    int httpStatus = 0;
    QString errorMessage;
    int fallbackIndex = 0; // 0: the primary service
    int attempt = 1;       // 1-based, per service of the chain

    // The table's columns, in the order toRow() gives the values.
    static const QStringList &columns();
    QVariantList toRow() const;
};
} // namespace gatehouse
