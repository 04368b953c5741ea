#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QString>

#include "security/AccessTypes.h"

namespace gatehouse {

// MCP session ids (Streamable HTTP `Mcp-Session-Id`) that need no per-node state: an id is
// "gh1.<payload>.<mac>", the payload naming the MCP service, the caller (user or app), when it
// was issued and a random nonce, the mac an HMAC-SHA-256 under a key derived from the master
// key, which every node of a cluster shares. Any node can check an id, so a load balancer needs
// no session affinity; an id presented by another caller or for another service is refused (it
// is a correlation handle, never a credential: every request is authenticated on its own).
// The payload also records the protocol version negotiated at initialize, so a later request's
// MCP-Protocol-Version header can be checked against it without any stored state.
// DELETE ends a session by putting its nonce in a revocation set until the id would have
// expired anyway, so the set stays small. The set is per process: a node that did not see the
// DELETE still accepts the id, which only lets that same caller keep a session it meant to end.
// Lives on the event loop thread.
class McpSessionIds
{
public:
    // Nonce → expiry (seconds since the epoch) of ended sessions, shared by every MCP service.
    using Revocations = QHash<QByteArray, qint64>;

    static constexpr qint64 kLifetimeSeconds = 7 * 24 * 3600;
    static constexpr int kMaxRevocations = 100000;

    McpSessionIds(QByteArray key, std::shared_ptr<Revocations> revocations);

    // Who a session belongs to: "u<user id>", else "a<app id>", else empty.
    static QString identityOf(const Session &session);

    // A new id for `identity` on service `serviceId`, recording the negotiated protocol
    // version. `now`: seconds since the epoch (0: the current time).
    QByteArray issue(qint64 serviceId, const QString &identity, const QString &protocolVersion,
                     qint64 now = 0) const;
    // True when `id` was issued by this gateway for this service and caller, has not expired
    // and was not ended; `protocolVersion` receives the version negotiated at initialize.
    bool verify(const QByteArray &id, qint64 serviceId, const QString &identity,
                QString *protocolVersion = nullptr, qint64 now = 0) const;
    // Ends the session (after a successful verify()).
    void revoke(const QByteArray &id);

private:
    struct Parsed
    {
        qint64 serviceId = 0;
        QString identity;
        qint64 issuedAt = 0;
        QByteArray nonce;
        QString protocolVersion;
    };
    bool parse(const QByteArray &id, Parsed *out) const;
    QByteArray mac(const QByteArray &payload) const;

    QByteArray m_key;
    std::shared_ptr<Revocations> m_revocations;
};
} // namespace gatehouse
