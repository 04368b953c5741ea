#include "ConsoleChecks.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextEdit>

#include "MainWindow.h"
#include "SignInDialog.h"
#include "TestServer.h"

namespace gatehouse::test {
namespace {
QString describe(const QWidget *widget)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
}

bool isInput(const QWidget *widget)
{
    // A combo box's own line edit is named through the combo box.
    if (qobject_cast<const QLineEdit *>(widget) && qobject_cast<const QComboBox *>(widget->parentWidget()))
        return false;
    // Spin boxes own a line edit too.
    if (qobject_cast<const QLineEdit *>(widget) &&
        qobject_cast<const QAbstractSpinBox *>(widget->parentWidget()))
        return false;
    if (qobject_cast<const QHeaderView *>(widget)) // part of its table
        return false;
    return qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QComboBox *>(widget) ||
           qobject_cast<const QAbstractSpinBox *>(widget) || qobject_cast<const QPlainTextEdit *>(widget) ||
           qobject_cast<const QTextEdit *>(widget) || qobject_cast<const QAbstractItemView *>(widget);
}

QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}
} // namespace

void ConsoleChecks::verifyAccessible(QWidget *root)
{
    const QStringList problems = accessibilityProblems(root);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QStringList ConsoleChecks::accessibilityProblems(QWidget *root)
{
    QStringList problems;
    QHash<const QWidget *, bool> labelled;
    QHash<QChar, QString> mnemonics;
    const auto claim = [&](const QChar key, const QString &owner) {
        if (key.isNull())
            return;
        if (mnemonics.contains(key))
            problems << QStringLiteral("mnemonic &%1 used by both %2 and %3")
                            .arg(key, mnemonics.value(key), owner);
        else
            mnemonics.insert(key, owner);
    };
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->buddy())
            labelled.insert(label->buddy(), true);
        const QChar key = mnemonicOf(label->text());
        if (key.isNull() || !label->isVisibleTo(root))
            continue;
        if (!label->buddy())
            problems << QStringLiteral("label \"%1\" has a mnemonic but no buddy").arg(label->text());
        claim(key, label->text());
    }
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (!button->isVisibleTo(root))
            continue;
        if (qobject_cast<QAbstractItemView *>(button->parentWidget())) // e.g. a table's corner button
            continue;
        if (button->text().isEmpty() && button->accessibleName().isEmpty() && button->toolTip().isEmpty() &&
            !button->objectName().startsWith(QLatin1String("qt_")))
            problems << QStringLiteral("%1 has no text, accessible name or tooltip").arg(describe(button));
        // Buttons inside item views and tool bars are reached otherwise.
        if (qobject_cast<QPushButton *>(button) || button->inherits("QCheckBox") ||
            button->inherits("QRadioButton"))
            claim(mnemonicOf(button->text()), button->text());
    }
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!isInput(widget) || !widget->isVisibleTo(root) ||
            widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        // A label may name a composite widget (a table with its buttons) as a whole.
        bool named = !widget->accessibleName().isEmpty();
        for (const QWidget *w = widget; !named && w && w != root; w = w->parentWidget())
            named = labelled.contains(w) || (w != widget && !w->accessibleName().isEmpty() && !w->isWindow());
        if (!named)
            problems << QStringLiteral("%1 has neither an accessible name nor a label").arg(describe(widget));
    }
    return problems;
}

bool ConsoleChecks::signInAsAdmin(MainWindow &window)
{
    SignInDialog *dialog = window.signIn();
    if (!dialog)
        return false;
    QSignalSpy loaded(dialog, &SignInDialog::environmentLoaded);
    if (!loaded.wait(10000))
        return false;
    auto *email = dialog->findChild<QLineEdit *>(QStringLiteral("email"));
    auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("password"));
    auto *signIn = dialog->findChild<QPushButton *>(QStringLiteral("passwordSignIn"));
    if (!email || !password || !signIn)
        return false;
    email->setText(QLatin1String(TestServer::kAdminEmail));
    password->setText(QLatin1String(TestServer::kAdminPassword));
    QSignalSpy signedIn(&window, &MainWindow::signedIn);
    signIn->click();
    return signedIn.wait(20000);
}
} // namespace gatehouse::test
