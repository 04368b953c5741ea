#include "AiProviderPreset.h"

namespace gatehouse {

QList<AiProviderPreset> AiProviderPreset::all()
{
    // Base URLs as in configuration.md ("AI connections"); models are small, cheap defaults an
    // admin is likely to start with.
    return {
        {QStringLiteral("openai"), tr("OpenAI"), QStringLiteral("https://api.openai.com/v1"),
         QStringLiteral("gpt-4o-mini"), true, false},
        {QStringLiteral("anthropic"), tr("Anthropic"), QStringLiteral("https://api.anthropic.com/v1"),
         QStringLiteral("claude-3-5-haiku-latest"), true, false},
        {QStringLiteral("xai"), tr("xAI"), QStringLiteral("https://api.x.ai/v1"),
         QStringLiteral("grok-3-mini"), true, false},
        {QStringLiteral("ollama"), tr("Ollama"), QStringLiteral("http://127.0.0.1:11434"),
         QStringLiteral("llama3.2"), false, false},
        {QStringLiteral("openai_compatible"), tr("OpenAI-compatible server"),
         QStringLiteral("http://127.0.0.1:8000/v1"), QString(), false, true},
    };
}

AiProviderPreset AiProviderPreset::forProvider(const QString &provider)
{
    const QList<AiProviderPreset> presets = all();
    for (const AiProviderPreset &preset : presets)
        if (preset.provider.compare(provider, Qt::CaseInsensitive) == 0)
            return preset;
    return presets.last();
}

QString AiProviderPreset::keyHint() const
{
    if (needsApiKey)
        return tr("%1 needs an API key.").arg(label);
    return tr("%1 needs no API key unless the server asks for one.").arg(label);
}
} // namespace gatehouse
