#pragma once

#include <functional>

class QString;
class QWidget;

namespace gatehouse {

// Asks before something that cannot be undone (delete, regenerate a key). The question is a
// window-modal QMessageBox opened with open(), so the event loop keeps running (and tests can
// answer it by clicking its buttons); `onYes` runs only when the user confirms.
class Confirmation
{
public:
    static void ask(QWidget *parent, const QString &title, const QString &text, const QString &yesText,
                    std::function<void()> onYes);
};
} // namespace gatehouse
