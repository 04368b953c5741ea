#pragma once

#include <memory>

#include <QString>

namespace spdlog {
class formatter;
}

namespace gatehouse {

// Routes Qt's messages into spdlog and sets the level ("trace" … "off").
class Logging
{
public:
    static void setup(const QString &level);
    // The line format: time, level, "[req <id>] " while a request is handled (LogContext), text.
    static std::unique_ptr<spdlog::formatter> formatter();
};
} // namespace gatehouse
