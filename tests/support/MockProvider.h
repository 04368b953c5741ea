#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>

#include "core/Json.h"

namespace gatehouse::test {

// The scriptable mock LLM provider (tests/support/mock-llm/mock-llm.mjs) in a child Node.js
// process on a random loopback port. It speaks OpenAI (/v1/chat/completions, /v1/embeddings,
// /v1/models), Anthropic (/v1/messages) and Ollama (/api/chat, /api/embed, /api/tags); a path
// prefix (/openai, /xai, /anthropic, /ollama) picks the flavour explicitly. The control calls
// block (they spin a local event loop), which is fine in tests.
class MockProvider
{
public:
    // The key every provider flavour accepts unless the mock is reconfigured.
    static constexpr const char *kApiKey = "mock-key";

    MockProvider() = default;
    ~MockProvider();
    MockProvider(const MockProvider &) = delete;
    MockProvider &operator=(const MockProvider &) = delete;

    // Starts node and waits (up to 15 s) for the port; false with errorString() on failure.
    bool start();
    void stop();
    bool isRunning() const { return m_port != 0; }
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    // http://127.0.0.1:<port>; append "/xai", "/anthropic", ... for an explicit flavour.
    QString baseUrl() const;

    // Queues steps (a JSON list) consumed in order by the matching provider requests.
    bool script(const Json &steps);
    // The same, each step limited to requests for `path` (e.g. "/v1/chat/completions").
    bool script(const QString &path, const Json &steps);
    // Merges settings into the mock's configuration (apiKey, auth, models, strictModels, defaults).
    bool configure(const Json &config);
    // Every provider request received since the last reset: [{method, path, query, headers, body}].
    Json requests(const QString &path = {});
    // Drops scripts, the request log and configuration changes; closes hanging requests.
    bool reset();

    // One blocking call to the control API; returns the parsed JSON (null on failure).
    Json control(const QByteArray &method, const QString &path, const Json &body = nullptr);

    // Runs tests/interop/openai-dropin.mjs (the official `openai` npm client) against
    // `openAiBaseUrl` (e.g. TestServer::baseUrl() + "/api/v2/_ai/v1") with this mock behind it.
    // Spins the caller's event loop while it waits, so an in-process gateway keeps serving.
    // Returns the script's exit code (0: every check passed), kNotInstalled when the package is
    // missing (run `npm ci` in tests/interop), or -1 when node could not run; `output` gets
    // stdout and stderr.
    static constexpr int kNotInstalled = -2;
    int runOpenAiInterop(const QString &openAiBaseUrl, const QString &apiKey, const QString &chatModel,
                         const QString &embeddingModel, QByteArray *output, int timeoutMs = 180000);

    // The Node.js program the mock and the interop scripts run on (empty when not found).
    static QString nodeProgram();

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace gatehouse::test
