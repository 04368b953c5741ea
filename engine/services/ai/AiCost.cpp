#include "AiCost.h"

namespace gatehouse {
namespace {
constexpr qint64 kTokensPerMessage = 4; // role and separators

qint64 textTokens(const Json &value)
{
    if (value.is_string())
        return AiCost::estimateTokens(QString::fromStdString(value.get<std::string>()));
    qint64 total = 0;
    if (value.is_array())
        for (const Json &item : value)
            total += textTokens(item.is_object() && item.contains("text") ? item["text"] : item);
    return total;
}
} // namespace

double AiCost::cost(const AiUsage &usage, const AiPrice &price)
{
    const double cachedRate = price.cachedInputPer1k < 0 ? price.inputPer1k : price.cachedInputPer1k;
    const qint64 cached = qBound<qint64>(0, usage.cachedInputTokens, usage.inputTokens);
    return (double(usage.inputTokens - cached) * price.inputPer1k + double(cached) * cachedRate +
            double(usage.outputTokens) * price.outputPer1k) /
           1000.0;
}

qint64 AiCost::estimateTokens(const QString &text)
{
    return text.isEmpty() ? 0 : (text.size() + 3) / 4;
}

qint64 AiCost::estimateRequestTokens(const Json &request)
{
    qint64 total = 0;
    if (request.contains("messages") && request["messages"].is_array()) {
        for (const Json &message : request["messages"]) {
            total += kTokensPerMessage;
            if (message.is_object() && message.contains("content"))
                total += textTokens(message["content"]);
            if (message.is_object() && message.contains("tool_calls"))
                total += estimateTokens(QString::fromUtf8(dumpJson(message["tool_calls"])));
        }
    }
    if (request.contains("tools"))
        total += estimateTokens(QString::fromUtf8(dumpJson(request["tools"])));
    if (request.contains("input"))
        total += textTokens(request["input"]);
    if (request.contains("prompt"))
        total += textTokens(request["prompt"]);
    return total;
}
} // namespace gatehouse
