#include "LookupResolver.h"

#include <QRegularExpression>

#include "AccessSnapshot.h"
#include "core/Version.h"

namespace gatehouse {
namespace {
// `{name}` where name is a dotted identifier; a key in quotes ('{user.id}') is matched with
// its quotes so bind() can replace the whole literal.
const QRegularExpression &lookupPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("'\\{([A-Za-z_][A-Za-z0-9_.]*)\\}'|\\{([A-Za-z_][A-Za-z0-9_.]*)\\}"));
    return pattern;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
} // namespace

LookupResolver::LookupResolver(const Session &session)
    : m_session(session)
{
}

std::optional<QString> LookupResolver::builtIn(const QString &name) const
{
    const std::optional<User> &user = m_session.user;
    if (name.startsWith(QLatin1String("user."))) {
        if (!user)
            return std::nullopt;
        const QString key = name.mid(5);
        if (key == QLatin1String("id"))
            return QString::number(user->id);
        if (key == QLatin1String("email") || key == QLatin1String("username"))
            return user->email;
        if (key == QLatin1String("name") || key == QLatin1String("display_name"))
            return user->name;
        if (key == QLatin1String("first_name"))
            return user->firstName;
        if (key == QLatin1String("last_name"))
            return user->lastName;
        if (key == QLatin1String("is_sys_admin") || key == QLatin1String("is_admin"))
            return boolText(user->isSysAdmin);
        if (key == QLatin1String("last_login_date") && m_session.snapshot)
            return m_session.snapshot->lastLoginDates.value(user->id);
        return std::nullopt;
    }
    if (name.startsWith(QLatin1String("role."))) {
        if (!m_session.role)
            return std::nullopt;
        if (name == QLatin1String("role.id"))
            return QString::number(m_session.role->id);
        if (name == QLatin1String("role.name"))
            return m_session.role->name;
        return std::nullopt;
    }
    if (name.startsWith(QLatin1String("app."))) {
        if (!m_session.app)
            return std::nullopt;
        if (name == QLatin1String("app.id"))
            return QString::number(m_session.app->id);
        if (name == QLatin1String("app.name"))
            return m_session.app->name;
        return std::nullopt;
    }
    if (name == QLatin1String("session.id"))
        return m_session.tokenId.isEmpty() ? std::nullopt : std::optional<QString>(m_session.tokenId);
    if (name == QLatin1String("df.name"))
        return QStringLiteral("Gatehouse");
    if (name == QLatin1String("df.version"))
        return QString::fromLatin1(kVersion);
    if (name == QLatin1String("df.api_version"))
        return QStringLiteral("2.0");
    return std::nullopt;
}

std::optional<QString> LookupResolver::value(const QString &name, bool allowPrivate) const
{
    Q_UNUSED(allowPrivate);
    return builtIn(name);
}

QString LookupResolver::substitute(const QString &text, bool allowPrivate) const
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = lookupPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const bool quoted = match.capturedLength(1) > 0;
        const std::optional<QString> resolved = value(match.captured(quoted ? 1 : 2), allowPrivate);
        if (!resolved)
            continue;
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += quoted ? QLatin1Char('\'') + *resolved + QLatin1Char('\'') : *resolved;
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

QString LookupResolver::bind(const QString &sql, QVariantList &binds, bool allowPrivate) const
{
    if (!sql.contains(QLatin1Char('{')))
        return sql;
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = lookupPattern().globalMatch(sql);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const bool quoted = match.capturedLength(1) > 0;
        const std::optional<QString> resolved = value(match.captured(quoted ? 1 : 2), allowPrivate);
        if (!resolved)
            continue;
        out += QStringView(sql).mid(last, match.capturedStart() - last);
        out += QLatin1Char('?');
        binds.append(*resolved);
        last = match.capturedEnd();
    }
    out += QStringView(sql).mid(last);
    return out;
}
} // namespace gatehouse
