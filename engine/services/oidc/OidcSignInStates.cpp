#include "OidcSignInStates.h"

#include <openssl/rand.h>

#include <QByteArray>

namespace gatehouse {

QString OidcSignInStates::randomToken()
{
    QByteArray bytes(32, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size())) != 1)
        qFatal("OpenSSL's random generator failed");
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void OidcSignInStates::prune(qint64 nowMs)
{
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = nowMs - it->createdAtMs > kTtlMs ? m_pending.erase(it) : std::next(it);
    while (m_pending.size() >= kMaxPending) {
        auto oldest = m_pending.begin();
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it)
            if (it->createdAtMs < oldest->createdAtMs)
                oldest = it;
        m_pending.erase(oldest);
    }
}

QString OidcSignInStates::add(Pending pending, qint64 nowMs)
{
    prune(nowMs);
    pending.createdAtMs = nowMs;
    const QString state = randomToken();
    m_pending.insert(state, std::move(pending));
    return state;
}

std::optional<OidcSignInStates::Pending> OidcSignInStates::take(const QString &state, qint64 nowMs)
{
    const auto it = m_pending.find(state);
    if (it == m_pending.end())
        return std::nullopt;
    Pending pending = std::move(*it);
    m_pending.erase(it);
    if (nowMs - pending.createdAtMs > kTtlMs)
        return std::nullopt;
    return pending;
}
} // namespace gatehouse
