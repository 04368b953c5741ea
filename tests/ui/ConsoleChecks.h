#pragma once

#include <QObject>
#include <QStringList>
#include <QtGlobal>

class QWidget;

namespace gatehouse {
class MainWindow;
namespace test {

// What the console's GUI tests check on any page or dialog.
class ConsoleChecks
{
public:
    // Problems for assistive technology and keyboard users under `root`, one line each (empty:
    // none): an input with neither an accessible name nor a label whose buddy it is; a button
    // with no text, accessible name or tooltip; a mnemonic label without a buddy; two visible
    // mnemonics on the same key.
    static QStringList accessibilityProblems(QWidget *root);
    // Fails the running test with every problem accessibilityProblems() finds.
    static void verifyAccessible(QWidget *root);

    // Signs in through the window's own sign-in dialog as TestServer's admin.
    static bool signInAsAdmin(MainWindow &window);
};

// The child of `parent` named `name`, with a warning naming what is missing (the test then
// fails on the null pointer instead of a silent skip).
template <typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}
} // namespace test
} // namespace gatehouse
