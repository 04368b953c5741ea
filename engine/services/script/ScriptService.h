#pragma once

#include <optional>

#include "ScriptRunner.h"
#include "services/Service.h"
#include "services/ServiceManager.h"

namespace gatehouse {

// A scripted service (type `script`): every request to /api/v2/{name}/... runs the service's
// JavaScript (config `content`) on the ScriptRunner with `event.request` built from the request,
// under the caller's identity. The script answers by returning {status_code, content, headers},
// by setting event.response, or by returning any value (the content, status 200).
class ScriptService : public Service
{
public:
    ScriptService(ServiceInfo info, const ServiceEnvironment &env);

    static void registerType(ServiceManager &manager);
    static ConfigSchema configSchema();

    QStringList accessComponents() const override;
    bool acceptsRawBody() const override { return true; }
    void handle(std::shared_ptr<const RequestContext> context, Completion done) override;

    // event = {request: {method, path, parameters, headers (no credentials), body}, resource}.
    static Json requestEvent(const RequestContext &context);
    // What a scripted service answers for a finished run (also what script_test shows):
    // {status_code, content, headers}; a failed run is the 500 error envelope.
    static Json responseJson(const ScriptOutcome &outcome);
    static HttpResponse response(const QString &scriptName, const ScriptOutcome &outcome);
    // "Script 'name' failed at line 7: ..." (no internals).
    static QString failureMessage(const QString &scriptName, const ScriptError &error);
    // A syntax check that runs nothing, with the line of the first error.
    static std::optional<ScriptError> syntaxError(const QString &name, const QString &source);

private:
    ServiceEnvironment m_env;
    QString m_content;
    Json m_config;
    QStringList m_allowedHosts;
    int m_cpuLimitMs = 0;
    qint64 m_memoryLimitBytes = 0;
};
} // namespace gatehouse
