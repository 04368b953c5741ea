#pragma once

#include <QString>

namespace gatehouse {

// Routes Qt's messages into spdlog and sets the level ("trace" … "off").
class Logging
{
public:
    static void setup(const QString &level);
};
} // namespace gatehouse
