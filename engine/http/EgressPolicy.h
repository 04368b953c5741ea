#pragma once

#include <functional>

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace gatehouse {

// Where the gateway may send an outbound request on someone's behalf (a remote HTTP service,
// a script's platform.http). DreamFactory's RWS has no private-address blocking; here every
// outbound URL, and every redirect target, passes check() first.
//
// Allow-list entries: "host" (any port), "host:port", "*.example.com" (subdomains),
// an IP literal ("10.1.2.3", "[::1]:8443") or a CIDR block ("10.0.0.0/8"). An empty list
// allows no host at all (callers add their own base URL's host:port).
// Public addresses are allowed when the host matches the list; loopback, private (RFC 1918,
// fc00::/7), link-local (169.254/16 and fe80::/10: cloud metadata), CGNAT, multicast and
// unspecified addresses are refused unless an entry names that address or host explicitly
// (a wildcard such as "*" never unlocks them).
// A host name is resolved and every address it resolves to is checked; the call then connects
// to a checked address, so DNS rebinding between check and connect cannot reach a refused one.
struct EgressVerdict
{
    bool allowed = false;
    QString refusal;               // why not, for a 403 message (names the host, never secrets)
    QList<QHostAddress> addresses; // the checked addresses to connect to (when allowed)
    bool unresolved = false;       // refused because the name did not resolve (a network error)
};

class EgressPolicy
{
public:
    EgressPolicy() = default;
    // Malformed entries are reported in `error` (for config validation) and ignored.
    static EgressPolicy fromAllowList(const QStringList &entries, QString *error = nullptr);

    // Adds one entry (e.g. the base URL's "host:port").
    void allow(const QString &entry);
    // Adds an entry that never unlocks special addresses, as a wildcard (a remote service's own
    // base URL: its host is allowed while it resolves to public addresses).
    void allowPublic(const QString &entry);
    const QStringList &entries() const { return m_entries; }

    // Only http and https URLs with a host are considered. Resolves asynchronously (QHostInfo);
    // `done` runs on `context`'s thread, never inside check().
    void check(const QUrl &url, QObject *context, std::function<void(EgressVerdict)> done) const;
    // The same judgement for an already resolved address of `url`'s host.
    bool permits(const QUrl &url, const QHostAddress &address, QString *refusal = nullptr) const;

    // Loopback, private, link-local, CGNAT, multicast, unspecified, IPv4-mapped forms of them.
    static bool isSpecialAddress(const QHostAddress &address);

private:
    QStringList m_entries;
    QStringList m_publicEntries;
};
} // namespace gatehouse
