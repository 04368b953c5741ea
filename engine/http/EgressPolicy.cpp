#include "EgressPolicy.h"

#include <memory>
#include <optional>

#include <QHostInfo>
#include <QPointer>

namespace gatehouse {

namespace {

// One parsed allow-list entry.
struct Entry
{
    enum Kind
    {
        Any,    // "*"
        Suffix, // "*.example.com": names under example.com
        Name,   // "api.example.com"
        Address,
        Subnet,
    };
    Kind kind = Name;
    QString name;         // Name: the host; Suffix: ".example.com"
    QHostAddress address; // Address, Subnet
    int prefix = -1;      // Subnet
    int port = -1;        // -1: any port
    // Whether the entry names a special address (or a host that may resolve to one) on purpose;
    // wildcards never do.
    bool explicitName() const
    {
        if (kind == Any || kind == Suffix)
            return false;
        if (kind == Subnet) // "0.0.0.0/0" or "::/0" is a wildcard in disguise
            return prefix >= (address.protocol() == QAbstractSocket::IPv6Protocol ? 7 : 8);
        return true;
    }
};

// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address they carry.
QHostAddress normalized(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        bool ok = false;
        const quint32 v4 = address.toIPv4Address(&ok);
        if (ok)
            return QHostAddress(v4);
        QHostAddress copy = address;
        copy.setScopeId(QString());
        return copy;
    }
    return address;
}

QString normalizedHost(QString host)
{
    host = host.trimmed().toLower();
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

bool parsePort(const QString &text, int *port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return false;
    *port = value;
    return true;
}

bool validName(const QString &name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.') ||
              c == QLatin1Char('_')))
            return false;
    }
    return !name.startsWith(QLatin1Char('.')) && !name.contains(QLatin1String(".."));
}

std::optional<Entry> parseEntry(const QString &raw)
{
    const QString text = raw.trimmed().toLower();
    if (text.isEmpty())
        return std::nullopt;
    Entry entry;
    if (text == QLatin1String("*")) {
        entry.kind = Entry::Any;
        return entry;
    }
    // CIDR: "10.0.0.0/8", "fc00::/7"
    if (text.contains(QLatin1Char('/'))) {
        const auto subnet = QHostAddress::parseSubnet(text);
        if (subnet.first.isNull())
            return std::nullopt;
        entry.kind = Entry::Subnet;
        entry.address = subnet.first;
        entry.prefix = subnet.second;
        return entry;
    }
    // "[v6]" or "[v6]:port"
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return std::nullopt;
        const QHostAddress address(text.mid(1, close - 1));
        if (address.isNull())
            return std::nullopt;
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty() && (!rest.startsWith(QLatin1Char(':')) || !parsePort(rest.mid(1), &entry.port)))
            return std::nullopt;
        entry.kind = Entry::Address;
        entry.address = normalized(address);
        return entry;
    }
    // Bare IPv6 literal (several colons, no port possible)
    if (text.count(QLatin1Char(':')) > 1) {
        const QHostAddress address(text);
        if (address.isNull())
            return std::nullopt;
        entry.kind = Entry::Address;
        entry.address = normalized(address);
        return entry;
    }
    QString host = text;
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host = text.left(colon);
        if (!parsePort(text.mid(colon + 1), &entry.port))
            return std::nullopt;
    }
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    const QHostAddress address(host);
    if (!address.isNull()) {
        entry.kind = Entry::Address;
        entry.address = normalized(address);
        return entry;
    }
    if (host.startsWith(QLatin1String("*."))) {
        if (!validName(host.mid(2)))
            return std::nullopt;
        entry.kind = Entry::Suffix;
        entry.name = host.mid(1); // ".example.com"
        return entry;
    }
    if (!validName(host))
        return std::nullopt;
    entry.kind = Entry::Name;
    entry.name = host;
    return entry;
}

bool inV4(quint32 a, quint32 net, int prefix)
{
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return (a & mask) == (net & mask);
}

bool isSpecialV4(quint32 a)
{
    return inV4(a, 0x00000000, 8)     // 0.0.0.0/8 "this network"
           || inV4(a, 0x0A000000, 8)  // 10/8
           || inV4(a, 0x64400000, 10) // 100.64/10 CGNAT
           || inV4(a, 0x7F000000, 8)  // 127/8 loopback
           || inV4(a, 0xA9FE0000, 16) // 169.254/16 link-local, cloud metadata
           || inV4(a, 0xAC100000, 12) // 172.16/12
           || inV4(a, 0xC0000000, 24) // 192.0.0/24 IETF protocol assignments
           || inV4(a, 0xC0A80000, 16) // 192.168/16
           || inV4(a, 0xC6120000, 15) // 198.18/15 benchmarking
           || inV4(a, 0xE0000000, 4)  // multicast
           || inV4(a, 0xF0000000, 4); // reserved, broadcast
}
} // namespace

bool EgressPolicy::isSpecialAddress(const QHostAddress &raw)
{
    if (raw.isNull())
        return true;
    const QHostAddress address = normalized(raw);
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return isSpecialV4(address.toIPv4Address());
    const Q_IPV6ADDR b = address.toIPv6Address();
    // ::/96 (unspecified, loopback, IPv4-compatible) is never a public destination
    bool zero96 = true;
    for (int i = 0; i < 12; ++i)
        zero96 = zero96 && b[i] == 0;
    if (zero96)
        return true;
    const auto v4At = [&b](int i) {
        return (quint32(b[i]) << 24) | (quint32(b[i + 1]) << 16) | (quint32(b[i + 2]) << 8) |
               quint32(b[i + 3]);
    };
    if ((b[0] & 0xFE) == 0xFC) // fc00::/7 unique local
        return true;
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) // fe80::/10 link-local
        return true;
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) // fec0::/10 old site-local
        return true;
    if (b[0] == 0xFF) // multicast
        return true;
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address the packet may reach.
    const quint8 nat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    bool isNat64 = true;
    for (int i = 0; i < 12; ++i)
        isNat64 = isNat64 && b[i] == nat64[i];
    if (isNat64)
        return isSpecialV4(v4At(12));
    if (b[0] == 0x20 && b[1] == 0x02)
        return isSpecialV4(v4At(2));
    return false;
}

EgressPolicy EgressPolicy::fromAllowList(const QStringList &entries, QString *error)
{
    EgressPolicy policy;
    QStringList bad;
    for (const QString &entry : entries) {
        if (entry.trimmed().isEmpty())
            continue;
        if (parseEntry(entry))
            policy.m_entries.append(entry.trimmed());
        else
            bad.append(entry);
    }
    if (error)
        *error =
            bad.isEmpty()
                ? QString()
                : QStringLiteral("Malformed allowed_hosts entries: %1").arg(bad.join(QLatin1String(", ")));
    return policy;
}

void EgressPolicy::allow(const QString &entry)
{
    if (parseEntry(entry))
        m_entries.append(entry.trimmed());
}

void EgressPolicy::allowPublic(const QString &entry)
{
    if (parseEntry(entry))
        m_publicEntries.append(entry.trimmed());
}

bool EgressPolicy::permits(const QUrl &url, const QHostAddress &rawAddress, QString *refusal) const
{
    const QString scheme = url.scheme().toLower();
    const QString host = normalizedHost(url.host());
    const auto refuse = [refusal](const QString &text) {
        if (refusal)
            *refusal = text;
        return false;
    };
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) || host.isEmpty())
        return refuse(QStringLiteral("Only http and https URLs with a host may be called."));
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    const QHostAddress address = normalized(rawAddress);
    const QHostAddress hostLiteral = normalized(QHostAddress(host));
    const bool special = isSpecialAddress(address);

    bool matched = false;
    const QStringList all = m_entries + m_publicEntries;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const bool publicOnly = i >= m_entries.size();
        const auto entry = parseEntry(all.at(i));
        if (!entry || (entry->port >= 0 && entry->port != port))
            continue;
        bool matches = false;
        switch (entry->kind) {
        case Entry::Any:
            matches = true;
            break;
        case Entry::Suffix:
            matches = hostLiteral.isNull() && host.endsWith(entry->name);
            break;
        case Entry::Name:
            matches = hostLiteral.isNull() && host == entry->name;
            break;
        case Entry::Address:
            matches = address == entry->address;
            break;
        case Entry::Subnet:
            matches = address.isInSubnet(entry->address, entry->prefix);
            break;
        }
        if (!matches)
            continue;
        matched = true;
        if (!special || (entry->explicitName() && !publicOnly))
            return true;
    }
    if (!matched)
        return refuse(QStringLiteral("Outbound requests to '%1:%2' are not allowed (not in allowed_hosts).")
                          .arg(host)
                          .arg(port));
    return refuse(
        QStringLiteral("Outbound requests to '%1' are not allowed: it resolves to the internal address %2, "
                       "which only an explicit allowed_hosts entry permits.")
            .arg(host, address.toString()));
}

void EgressPolicy::check(const QUrl &url, QObject *context, std::function<void(EgressVerdict)> done) const
{
    const EgressPolicy policy = *this;
    const QString host = normalizedHost(url.host());
    const QString scheme = url.scheme().toLower();
    const auto deliverLater = [context, done](EgressVerdict verdict) {
        // Never from inside check(): the caller is not re-entered.
        QMetaObject::invokeMethod(
            context, [done, verdict = std::move(verdict)] { done(verdict); }, Qt::QueuedConnection);
    };
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) || host.isEmpty()) {
        EgressVerdict verdict;
        verdict.refusal = QStringLiteral("Only http and https URLs with a host may be called.");
        deliverLater(std::move(verdict));
        return;
    }
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        EgressVerdict verdict;
        verdict.allowed = policy.permits(url, literal, &verdict.refusal);
        if (verdict.allowed)
            verdict.addresses.append(literal);
        deliverLater(std::move(verdict));
        return;
    }
    QPointer<QObject> guard(context);
    QHostInfo::lookupHost(host, context, [policy, url, host, done, guard](const QHostInfo &info) {
        if (!guard)
            return;
        EgressVerdict verdict;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            verdict.refusal = QStringLiteral("Cannot resolve '%1'.").arg(host);
            verdict.unresolved = true;
            done(verdict);
            return;
        }
        // Every address must pass: a name resolving to one public and one internal address
        // would otherwise reach the internal one on a later connect.
        for (const QHostAddress &address : info.addresses()) {
            QString refusal;
            if (!policy.permits(url, address, &refusal)) {
                verdict.refusal = refusal;
                verdict.addresses.clear();
                done(verdict);
                return;
            }
            verdict.addresses.append(address);
        }
        verdict.allowed = true;
        done(verdict);
    });
}
} // namespace gatehouse
