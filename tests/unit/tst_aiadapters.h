#pragma once

// The test class lives in a header: moc cannot parse the raw-string payloads in the .cpp.
#include <QObject>

class TestAiAdapters : public QObject
{
    Q_OBJECT

private slots:
    // --- decoders --------------------------------------------------------------------------
    void sseDecoder_data();
    void sseDecoder();
    void ndjsonDecoder();

    // --- AiConnection ------------------------------------------------------------------------
    void connectionDefaults();
    void connectionAliasesAndLists();
    void connectionInvalid_data();
    void connectionInvalid();
    void prices();
    void allowedModels();

    // --- OpenAI family -------------------------------------------------------------------------
    void openAiRequest_data();
    void openAiRequest();
    void openAiHeadersAndExtras();
    void openAiResponse();
    void openAiStream();
    void openAiStreamToolCalls();
    void openAiStreamWithoutRoleOrUsage();
    void openAiStreamErrors();
    void openAiEmbeddingsAndModels();

    // --- Anthropic --------------------------------------------------------------------------
    void anthropicRequest();
    void anthropicToolChoice_data();
    void anthropicToolChoice();
    void anthropicRequestErrors();
    void anthropicResponse();
    void anthropicStopReasons_data();
    void anthropicStopReasons();
    void anthropicStream();
    void anthropicStreamErrors();
    void anthropicModels();

    // --- Ollama ------------------------------------------------------------------------------
    void ollamaRequest();
    void ollamaResponse();
    void ollamaStream();
    void ollamaStreamErrors();
    void ollamaEmbeddingsAndTags();

    // --- shared ------------------------------------------------------------------------------
    void errorClassification_data();
    void errorClassification();
    void retryAfterDate();
    void usageRoundTrip();
    void forProvider();
    void finishReasons();
    void malformedBodies();
};
