#pragma once

#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "store/AuditRecord.h"

namespace gatehouse {

struct HttpRequest;
struct HttpResponse;
struct RequestContext;

// Turns a finished request into its audit record, with every credential redacted. What is
// recorded: the caller (user, app, role as the gate resolved them), the target (service,
// component, verb, path), the outcome (status, error message, duration, bytes in and out), the
// client address and user agent, and the query parameters. Request bodies are never recorded
// (they carry the governed data itself and passwords), only their size; for the sign-in routes
// the login name the body names is recorded (`login` parameter), since the user is not known
// before the handler checks the password.
//
// Redaction: any key, at any depth (query parameters, JSON-valued parameters), whose name is a
// credential name (authorization, cookie, x-dreamfactory-session-token, x-dreamfactory-api-key,
// session_token, api_key, password, secret, client_secret, access_token, refresh_token,
// id_token, old_password, new_password …, case-insensitive, '-' and '_' alike) or contains
// "password" or "secret" or ends in "token"/"api_key" has its value replaced by
// "***REDACTED***". The credential values found (and those of the credential headers) are also
// scrubbed from the path and the error message.
class RequestAudit
{
public:
    static constexpr const char *redactedText = "***REDACTED***";

    static AuditRecord fromRequest(const RequestContext &context, const HttpResponse &response);
    // A request the HTTP layer refused before the gate (parts of it may be missing).
    static AuditRecord fromRejected(const HttpRequest &request, const HttpResponse &response,
                                    const QString &requestId, qint64 receivedAtMs);

    static QString newRequestId();
    static bool isSecretKey(const QString &name);
    // Redacts in place; appends the redacted string values to `secrets` when given.
    static void redact(Json &value, QStringList *secrets = nullptr);
};
} // namespace gatehouse
