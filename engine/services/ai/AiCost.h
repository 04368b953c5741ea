#pragma once

#include <QString>

#include "AiConnection.h"
#include "ProviderAdapter.h"

namespace gatehouse {

// Prices and token estimates. Provider-reported usage always wins; an estimate (about four
// characters per token, the usual rule for English text with BPE tokenizers) is only used when a
// provider sent none, and is labelled as such wherever it appears.
class AiCost
{
public:
    // Cached input tokens are part of inputTokens and priced at the cached rate; reasoning tokens
    // are part of outputTokens and priced as output.
    static double cost(const AiUsage &usage, const AiPrice &price);
    static qint64 estimateTokens(const QString &text);
    // Input tokens of an OpenAI chat or embeddings request: message texts, tool definitions and a
    // small per-message overhead.
    static qint64 estimateRequestTokens(const Json &request);
};
} // namespace gatehouse
