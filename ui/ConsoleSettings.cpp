#include "ConsoleSettings.h"

#include <QSettings>

namespace gatehouse {
namespace {
constexpr int kMaxServers = 10;
}

QString ConsoleSettings::language()
{
    return QSettings().value(QStringLiteral("console/language")).toString();
}

void ConsoleSettings::setLanguage(const QString &language)
{
    QSettings().setValue(QStringLiteral("console/language"), language);
}

Theme::Mode ConsoleSettings::theme()
{
    return Theme::fromString(QSettings().value(QStringLiteral("console/theme")).toString());
}

void ConsoleSettings::setTheme(Theme::Mode mode)
{
    QSettings().setValue(QStringLiteral("console/theme"), Theme::toString(mode));
}

QStringList ConsoleSettings::rememberedServers()
{
    return QSettings().value(QStringLiteral("connect/servers")).toStringList();
}

void ConsoleSettings::rememberServer(const QString &url)
{
    QStringList servers = rememberedServers();
    servers.removeAll(url);
    servers.prepend(url);
    while (servers.size() > kMaxServers)
        servers.removeLast();
    QSettings().setValue(QStringLiteral("connect/servers"), servers);
}

void ConsoleSettings::forgetServer(const QString &url)
{
    QStringList servers = rememberedServers();
    servers.removeAll(url);
    QSettings().setValue(QStringLiteral("connect/servers"), servers);
}

bool ConsoleSettings::useEmbeddedEngine()
{
    return QSettings().value(QStringLiteral("connect/embedded"), true).toBool();
}

void ConsoleSettings::setUseEmbeddedEngine(bool embedded)
{
    QSettings().setValue(QStringLiteral("connect/embedded"), embedded);
}
} // namespace gatehouse
