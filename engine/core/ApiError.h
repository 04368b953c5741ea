#pragma once

#include <exception>

#include <QString>

#include "Json.h"

namespace gatehouse {

// The one error type a request handler throws or returns. It renders as the DreamFactory
// envelope {"error":{"code","message","status_code","context"}}.
class ApiError : public std::exception
{
public:
    ApiError(int status, QString message, Json context = nullptr, int code = 0);

    static ApiError badRequest(const QString &message) { return {400, message}; }
    static ApiError unauthorized(const QString &message) { return {401, message}; }
    static ApiError forbidden(const QString &message) { return {403, message}; }
    static ApiError notFound(const QString &message) { return {404, message}; }
    static ApiError methodNotAllowed(const QString &message) { return {405, message}; }
    static ApiError internal(const QString &message) { return {500, message}; }

    int status() const { return m_status; }
    int code() const { return m_code; }
    const QString &message() const { return m_message; }
    const Json &context() const { return m_context; }
    const char *what() const noexcept override;

    Json toJson() const;

private:
    int m_status;
    int m_code;
    QString m_message;
    Json m_context;
    std::string m_what;
};

// DF HTML-escapes error messages; clients that render them rely on it.
QString htmlEscape(const QString &text);
// The inverse, for messages read by a model (tool results) rather than rendered by a browser.
QString htmlUnescape(const QString &text);
} // namespace gatehouse
