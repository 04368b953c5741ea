#pragma once

#include <QColor>
#include <QFont>
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
    // The fixed-pitch font for code and JSON (the platform's, so it matches the user's setup).
    static QFont monospaceFont();
    // Colours for code in the palette in use: readable on the light and the dark Base colour.
    enum class CodeRole
    {
        Keyword,
        String,
        Number,
        Comment,
        Global,
        CurrentLine,
        ErrorLine
    };
    static QColor codeColor(CodeRole role);

    static QString toString(Mode mode);
    static Mode fromString(const QString &name); // unknown names: System
};
} // namespace gatehouse
