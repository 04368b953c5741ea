#pragma once

#include <functional>
#include <memory>

#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "http/InternalDispatcher.h"
#include "security/AccessTypes.h"

namespace gatehouse {

class DataToolbox;
class ServiceManager;

// The JSON-RPC side of the MCP server for one request: initialize (version negotiation),
// ping, server/discover, tools, resources and prompts. Tools are the governed DataToolbox
// operations run as the caller's own Session; resources are table schemas read through the
// InternalDispatcher, so RBAC applies to both. Transport concerns (headers, sessions, SSE)
// stay in McpService. Lives on the event loop thread; keeps itself alive until it answers.
class McpProtocol : public std::enable_shared_from_this<McpProtocol>
{
public:
    // 2025-era revisions spoken with the initialize handshake and sessions, newest first.
    static const QStringList &sessionVersions();
    // The stateless revision: no handshake, the version and method on every request.
    static constexpr const char *kStatelessVersion = "2026-07-28";
    static QStringList supportedVersions();

    // JSON-RPC and MCP error codes.
    enum ErrorCode
    {
        ParseError = -32700,
        InvalidRequest = -32600,
        MethodNotFound = -32601,
        InvalidParams = -32602,
        InternalError = -32603,
        ResourceNotFound = -32002,
        HeaderMismatch = -32020,
        UnsupportedProtocolVersion = -32022,
    };

    struct Options
    {
        QString serviceName; // the MCP service
        QString serviceLabel;
        QStringList services; // exposed database services
        bool allowWrites = false;
        bool stateless = false;  // a 2026-07-28 request
        QString protocolVersion; // of this request (stateless) or the session (from the header)
    };

    struct Outcome
    {
        int httpStatus = 200;
        Json message;    // the JSON-RPC response
        bool ok = false; // a result, not an error
    };

    McpProtocol(const ServiceManager &services, InternalDispatcher &dispatcher, Session session,
                InternalOrigin origin, Options options);
    ~McpProtocol();

    // Answers one JSON-RPC request (already checked to have a method and a valid id). `done`
    // runs exactly once, on the event loop thread, possibly before handle() returns.
    void handle(const Json &request, std::function<void(Outcome)> done);

    static Json errorMessage(const Json &id, int code, const QString &message, const Json &data = nullptr);
    static Json serverInfo();

private:
    void initialize(const Json &params);
    void callTool(const Json &params);
    void listResources();
    void readResource(const Json &params);
    bool canReadSchema(const QString &service, const QString &table) const;
    void getPrompt(const Json &params);

    Json capabilities() const;
    QString instructions() const;
    DataToolbox &toolbox();
    void succeed(Json result);
    void fail(int code, const QString &message, const Json &data = nullptr, int httpStatus = 200);

    const ServiceManager &m_manager;
    InternalDispatcher &m_dispatcher;
    Session m_session;
    InternalOrigin m_origin;
    Options m_options;
    Json m_id;
    std::function<void(Outcome)> m_done;
    std::unique_ptr<DataToolbox> m_toolbox;
};
} // namespace gatehouse
