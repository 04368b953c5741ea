#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace gatehouse {

// A starting point for a new AI connection: what the engine's `provider` key names, where the
// provider usually listens, a sensible default model and whether the provider needs an API key.
// Picking one in AiConnectionDialog fills the form; every value stays editable.
struct AiProviderPreset
{
    Q_DECLARE_TR_FUNCTIONS(AiProviderPreset)

public:
    QString provider; // the `provider` config value
    QString label;    // shown in the preset list (translated)
    QString baseUrl;  // empty: the provider's default applies
    QString defaultModel;
    bool needsApiKey = true;
    bool needsBaseUrl = false; // openai_compatible: there is no default address

    static QList<AiProviderPreset> all();
    // The preset for `provider` (case-insensitive), or an openai_compatible one when unknown.
    static AiProviderPreset forProvider(const QString &provider);
    // "An API key is required." style hint for the form.
    QString keyHint() const;
};
} // namespace gatehouse
