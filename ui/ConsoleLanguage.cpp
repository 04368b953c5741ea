#include "ConsoleLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace gatehouse {

QStringList ConsoleLanguage::available()
{
    return {QStringLiteral("de"), QStringLiteral("ja")};
}

QString ConsoleLanguage::install(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // Translations are compiled in by qt_add_translations under :/i18n.
    auto *console = new QTranslator(QCoreApplication::instance());
    if (!console->load(locale, QStringLiteral("gatehouse"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete console;
        QLocale::setDefault(locale);
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(console);
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    return console->language().left(2);
}
} // namespace gatehouse
