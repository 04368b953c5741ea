#include "HostAllowList.h"

#include <QHostInfo>
#include <QRegularExpression>

namespace gatehouse {
namespace {

// ":port" suffixes are checked on every request: a loop, not a regular expression (building one
// per request JIT-compiled it each time and cost a third of the event loop's time).
bool isPortText(QStringView text)
{
    if (text.size() > 5)
        return false;
    for (const QChar c : text)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

QString normalized(const QString &host)
{
    const QHostAddress address(host);
    return address.isNull() ? host.toLower() : address.toString().toLower();
}
} // namespace

HostAllowList::HostAllowList(const QString &configured, const QHostAddress &listenAddress)
{
    const QStringList items = configured.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items)
        add(item.trimmed());
    if (!m_entries.isEmpty() || !m_suffixes.isEmpty() || m_any)
        return;

    if (listenAddress == QHostAddress::Any || listenAddress == QHostAddress::AnyIPv4 ||
        listenAddress == QHostAddress::AnyIPv6) {
        m_any = true;
        return;
    }
    add(QStringLiteral("localhost"));
    add(QStringLiteral("127.0.0.1"));
    add(QStringLiteral("::1"));
    add(listenAddress.toString());
    if (!listenAddress.isLoopback()) {
        const QString machine = QHostInfo::localHostName();
        if (!machine.isEmpty())
            add(machine);
    }
}

void HostAllowList::add(const QString &entry)
{
    if (entry.isEmpty())
        return;
    if (entry == QLatin1String("*")) {
        m_any = true;
    } else if (entry.startsWith(QLatin1String("*."))) {
        m_suffixes << entry.mid(1).toLower();
    } else if (entry.startsWith(QLatin1Char('.'))) {
        m_suffixes << entry.toLower();
        m_entries << entry.mid(1).toLower();
    } else {
        QString host = entry;
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        const QString value = normalized(host);
        if (!m_entries.contains(value))
            m_entries << value;
    }
}

QString HostAllowList::hostOf(const QByteArray &headerValue)
{
    QString value = QString::fromLatin1(headerValue.trimmed());
    QString host;
    if (value.startsWith(QLatin1Char('['))) {
        const qsizetype close = value.indexOf(QLatin1Char(']'));
        if (close < 0)
            return {};
        const QString rest = value.mid(close + 1);
        if (!rest.isEmpty() && !(rest.startsWith(QLatin1Char(':')) && isPortText(QStringView(rest).mid(1))))
            return {};
        host = value.mid(1, close - 1);
        if (QHostAddress(host).protocol() != QAbstractSocket::IPv6Protocol)
            return {};
        return normalized(host);
    }
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    host = colon < 0 ? value : value.left(colon);
    if (colon >= 0 && !isPortText(QStringView(value).mid(colon + 1)))
        return {};
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$"));
    if (host.isEmpty() || host.size() > 253 || !name.match(host).hasMatch())
        return {};
    return normalized(host);
}

bool HostAllowList::allows(const QString &host) const
{
    if (m_any)
        return true;
    if (host.isEmpty())
        return false;
    if (m_entries.contains(host))
        return true;
    for (const QString &suffix : m_suffixes)
        if (host.endsWith(suffix) && host.size() > suffix.size())
            return true;
    return false;
}
} // namespace gatehouse
