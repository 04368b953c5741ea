#pragma once

#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

// The MCP server's prompts: ready-made starting points a user picks in a client (explore a
// table, summarize it, answer a question from the data). Each tells the model to work only
// through the gateway's tools, so whatever it does stays governed.
class McpPrompts
{
public:
    // The `prompts` array of a prompts/list result.
    static Json list();
    // The prompts/get result for `name` with string `arguments`; `services` are the exposed
    // services the caller can reach. An unknown prompt or a missing or invalid argument sets
    // `error` (a JSON-RPC invalid-params message) and returns null.
    static Json get(const QString &name, const Json &arguments, const QStringList &services, QString *error);
};
} // namespace gatehouse
