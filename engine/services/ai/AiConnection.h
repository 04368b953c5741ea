#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "core/Json.h"
#include "services/ConfigField.h"

namespace gatehouse {

// Prices in the configured currency per 1,000 tokens.
struct AiPrice
{
    double inputPer1k = 0;
    double outputPer1k = 0;
    double cachedInputPer1k = -1; // < 0: same as input
};

// Data-chat (POST /{svc}/data-chat): which database services the model may reach through the
// governed data tools, whether write tools exist at all, and the loop's caps.
struct AiDataChatConfig
{
    bool enabled = true;
    QStringList services;
    bool allowWrites = false;
    int maxIterations = 25;
    int maxResultChars = 50000;
};

// One parameter of an AI endpoint, validated before any data is fetched.
struct AiEndpointParam
{
    QString name;
    QString type = QStringLiteral("string"); // string | integer | number | boolean
    bool required = false;
    QString pattern; // a regular expression the whole (string) value must match
    std::optional<double> min;
    std::optional<double> max;
    int maxLength = 0; // 0: no limit
};

// A no-code AI endpoint (GET/POST /{svc}/endpoint/{name}): fetch data through a named query or
// procedure, fill a prompt template, call the model, return text or JSON.
struct AiEndpointConfig
{
    QString name;
    QString description;
    QString service; // the database service holding the query
    QString query;   // a named query or procedure on that service
    QList<AiEndpointParam> parameters;
    QString prompt;    // with {{param}} and {{data}} placeholders
    QString model;     // empty: the connection's default
    int maxTokens = 0; // 0: the connection's
    int timeoutSeconds = 60;
    bool jsonOutput = false;
};

// The configuration of one `ai` service (DreamFactory's AI Connection fields and Gatehouse's
// additions), parsed and validated from the service's config object. Secrets arrive revealed.
struct AiConnection
{
    QString provider; // openai | anthropic | xai | ollama | openai_compatible
    QString apiKey;
    QUrl baseUrl; // defaulted per provider, e.g. https://api.openai.com/v1
    QString defaultModel;
    int maxTokens = 1024;
    double temperature = 0.7;
    int timeoutSeconds = 30;
    QString organization;
    QString systemPrompt;      // always first; callers cannot remove or replace it
    int rpmPerUser = 0;        // 0 = no limit
    QStringList allowedModels; // empty = any
    QStringList allowedRoles;  // role names; empty = any role with access to the service
    QString dataAccessApiKey;  // the app whose role data-chat and AI endpoints use
    AiDataChatConfig dataChat;
    QList<AiEndpointConfig> endpoints;
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
    Json extraBody = Json::object();   // merged into every upstream request body
    QHash<QString, AiPrice> rateSheet; // by model name
    AiPrice defaultPrice;
    double monthlyBudget = 0; // 0 = none; a hard stop for the service, per calendar month (UTC)
    QList<qint64> fallbackServiceIds;
    int maxRetries = 2;          // retries of a transient failure on this service before the next one
    bool promptLog = false;      // store prompts and answers (PII-redacted) in the prompt log
    bool redactUpstream = false; // redact PII in what is sent to the provider
    QStringList redactPatterns;  // extra regular expressions to redact (prompt log and upstream)

    // Throws ApiError (400) naming the offending field.
    static AiConnection fromConfig(const Json &config);
    // Default base URL for a provider ("" for openai_compatible, which needs one).
    static QString defaultBaseUrl(const QString &provider);
    static QStringList providers();
    // The `ai` type's config_schema; with a few alternative spellings (model, timeout_seconds,
    // organization_id, rpm_per_user) it is the set of keys fromConfig() accepts.
    static ConfigSchema configSchema();

    AiPrice priceFor(const QString &model) const;
    bool allowsModel(const QString &model) const;
    const AiEndpointConfig *endpoint(const QString &name) const;
};
} // namespace gatehouse
