#pragma once

#include <QString>

#include "core/Json.h"

namespace gatehouse {

// The demo business database mounted as service `demo` on first start.
class DemoDatabase
{
public:
    // Creates the SQLite file from the embedded script unless it already exists. The file is
    // built under a temporary name and renamed, so an interrupted start never leaves half a demo.
    static bool ensureFile(const QString &path, QString *error);
    // The embedded service definition, with config.database set to `path`.
    static Json serviceDefinition(const QString &path);
    // The demo's AI connection (`local_ai`: Ollama on localhost with the AI endpoint
    // customer_summary over the demo database).
    static Json aiServiceDefinition();
};
} // namespace gatehouse
