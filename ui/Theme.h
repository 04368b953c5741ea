#pragma once

#include <QString>

namespace gatehouse {

// Light and dark palettes for the console. "System" keeps the platform's own style and palette;
// Light and Dark use Fusion, whose palette roles every widget honours, so charts and message
// bars that derive their colours from the palette follow along.
class Theme
{
public:
    enum class Mode
    {
        System,
        Light,
        Dark
    };

    static void apply(Mode mode);
    static Mode current();
    static bool isDark(); // the palette in use, whatever the mode

    static QString toString(Mode mode);
    static Mode fromString(const QString &name); // unknown names: System
};
} // namespace gatehouse
