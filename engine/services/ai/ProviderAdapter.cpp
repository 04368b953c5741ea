#include "ProviderAdapter.h"

#include "AnthropicAdapter.h"
#include "OllamaAdapter.h"
#include "OpenAiAdapter.h"
#include "core/ApiError.h"

namespace gatehouse {

namespace {
qint64 intAt(const Json &object, const char *key, bool *present = nullptr)
{
    if (!object.is_object())
        return 0;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return 0;
    if (present)
        *present = true;
    return it->is_number_integer() ? it->get<qint64>() : qint64(it->get<double>());
}
} // namespace

AiUsage AiUsage::fromOpenAi(const Json &usage)
{
    AiUsage u;
    if (!usage.is_object())
        return u;
    bool present = false;
    u.inputTokens = intAt(usage, "prompt_tokens", &present);
    u.outputTokens = intAt(usage, "completion_tokens", &present);
    if (const auto it = usage.find("prompt_tokens_details"); it != usage.end())
        u.cachedInputTokens = intAt(*it, "cached_tokens");
    if (const auto it = usage.find("completion_tokens_details"); it != usage.end())
        u.reasoningTokens = intAt(*it, "reasoning_tokens");
    u.reported = present;
    return u;
}

Json AiUsage::toOpenAi() const
{
    return Json{{"prompt_tokens", inputTokens},
                {"completion_tokens", outputTokens},
                {"total_tokens", inputTokens + outputTokens},
                {"prompt_tokens_details", Json{{"cached_tokens", cachedInputTokens}}},
                {"completion_tokens_details", Json{{"reasoning_tokens", reasoningTokens}}}};
}

const ProviderAdapter &ProviderAdapter::forProvider(const QString &provider)
{
    static const OpenAiAdapter openAi(OpenAiAdapter::Flavour::OpenAi);
    static const OpenAiAdapter xai(OpenAiAdapter::Flavour::Xai);
    static const OpenAiAdapter compatible(OpenAiAdapter::Flavour::Compatible);
    static const AnthropicAdapter anthropic;
    static const OllamaAdapter ollama;
    if (provider == QLatin1String("openai"))
        return openAi;
    if (provider == QLatin1String("xai"))
        return xai;
    if (provider == QLatin1String("openai_compatible"))
        return compatible;
    if (provider == QLatin1String("anthropic"))
        return anthropic;
    if (provider == QLatin1String("ollama"))
        return ollama;
    throw ApiError::badRequest(QStringLiteral("Unknown AI provider '%1'.").arg(provider));
}
} // namespace gatehouse
