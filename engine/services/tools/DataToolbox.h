#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "http/InternalDispatcher.h"
#include "security/AccessTypes.h"

namespace gatehouse {

class ServiceManager;

// One governed operation an AI may call (data-chat, MCP): its name, what it does, and the JSON
// Schemas of its arguments and result. Tool names match ^[a-z0-9_]{1,64}$ (every provider's
// rule for function names).
struct DataTool
{
    QString name;
    QString title;
    QString description;
    Json inputSchema = Json::object();
    Json outputSchema = Json::object(); // of DataToolResult::content
    bool readOnly = true;
    bool destructive = false;
};

// What a tool call produced. `content` is the structured result (MCP's structuredContent: always
// a JSON object); `text` is what a model reads, cut at the toolbox's size cap with a note telling
// the model to narrow its query. A refused or failed call (bad arguments, RBAC, row filter, a
// database error) is an error result with the gateway's message, not an exception: the model
// sees it and may correct itself.
struct DataToolResult
{
    bool isError = false;
    int status = 200; // the internal request's HTTP status; 400 for arguments refused up front
    Json content = Json::object();
    QString text;
    bool truncated = false;
};

// The governed data tools behind data-chat and the MCP server, for one caller: list services
// and tables, describe a table, query records (fields, filter, order, limit — never SQL), count,
// aggregate, list and call named queries/procedures, and — only with `allowWrites` — create,
// update and delete records. Every call is an InternalDispatcher request made as `session`, so
// it passes RBAC, row filters, lookups, masking, rate limits and the audit trail exactly like a
// REST call, and names its origin in the audit record. The tool list shows only services the
// session can reach among those exposed; a tool call naming anything else is refused.
// Lives on the event loop thread.
class DataToolbox : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QStringList services;     // names of the database services exposed; empty: none
        bool allowWrites = false; // create/update/delete tools (still subject to RBAC)
        int maxResultChars = 50000;
        int maxRecords = 1000; // cap on `limit` for query tools
    };

    DataToolbox(const ServiceManager &services, InternalDispatcher &dispatcher, Session session,
                InternalOrigin origin, Options options, QObject *parent = nullptr);

    const QList<DataTool> &tools() const { return m_tools; }
    bool hasTool(const QString &name) const;
    // Exposed services this session can reach, in the order configured.
    const QStringList &services() const { return m_services; }

    // Validates `arguments` against the tool, runs it, and calls `done` on the event loop
    // thread, exactly once, never before call() returns. Unknown tools and invalid arguments
    // give an error result.
    void call(const QString &name, const Json &arguments, std::function<void(DataToolResult)> done);

    // The text a model reads for a JSON result, cut at `maxChars` with a note when longer.
    static QString resultText(const Json &content, int maxChars, bool *truncated);

private:
    void buildTools();

    const ServiceManager &m_manager;
    QPointer<InternalDispatcher> m_dispatcher;
    Session m_session;
    InternalOrigin m_origin;
    Options m_options;
    QStringList m_services;
    QList<DataTool> m_tools;
};
} // namespace gatehouse
