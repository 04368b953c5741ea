#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace gatehouse {

// Which Host header values the listener answers, against DNS rebinding: a web page on
// attacker.example whose name is re-pointed at 127.0.0.1 can make the victim's browser send
// requests to a loopback Gatehouse, but those carry "Host: attacker.example" and are refused.
//
// Entries: a host name or IP literal (exact, case-insensitive, port ignored), ".example.com"
// (example.com and every name under it) or "*" (no check). With no configured entries the list
// follows the listen address: a loopback address accepts localhost, 127.0.0.1 and ::1; a
// specific address accepts itself, those and this machine's host name; a wildcard address
// (0.0.0.0, ::) accepts any host, since the names clients use are unknown — set
// allowed_hosts there. A request without a Host header is accepted (browsers always send one).
class HostAllowList
{
public:
    HostAllowList(const QString &configured, const QHostAddress &listenAddress);

    bool allowsAny() const { return m_any; }
    bool allows(const QString &host) const;
    QStringList entries() const { return m_entries; }

    // The host part of a Host header value, lower-case, without port, brackets or trailing dot;
    // empty when the value is malformed.
    static QString hostOf(const QByteArray &headerValue);

private:
    void add(const QString &entry);

    bool m_any = false;
    QStringList m_entries;  // exact names and normalised IP literals
    QStringList m_suffixes; // ".example.com"
};
} // namespace gatehouse
