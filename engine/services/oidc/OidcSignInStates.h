#pragma once

#include <optional>

#include <QHash>
#include <QString>

namespace gatehouse {

// Browser sign-ins between the redirect to the identity provider and its callback, keyed by
// the random `state` sent there. Single use (take() removes), 10 minutes at most, and capped
// so a flood of started sign-ins cannot grow memory without bound (the oldest go first).
// Event loop thread only.
class OidcSignInStates
{
public:
    struct Pending
    {
        QString nonce;
        QString codeVerifier;
        // A random value also set as a cookie in the browser that started the sign-in: the
        // callback must come from that browser (no login CSRF: someone else's finished
        // sign-in cannot be planted in a victim's browser or front end).
        QString browserBinding;
        QString callbackUri;    // the redirect_uri sent to the IdP (sent again with the code)
        QString audiencePath;   // /api/v2/user/session or /api/v2/system/admin/session
        QString apiKey;         // the app the sign-in was started for
        QString clientRedirect; // a front end's redirect_uri for the session handoff
        QString clientState;
        qint64 createdAtMs = 0;
    };

    static constexpr qint64 kTtlMs = 10 * 60 * 1000;
    static constexpr int kMaxPending = 10000;

    // Stores `pending` and returns its new state value.
    QString add(Pending pending, qint64 nowMs);
    std::optional<Pending> take(const QString &state, qint64 nowMs);
    int size() const { return int(m_pending.size()); }

    // 32 random bytes, base64url (43 characters).
    static QString randomToken();

private:
    void prune(qint64 nowMs);

    QHash<QString, Pending> m_pending;
};
} // namespace gatehouse
