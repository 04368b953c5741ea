#include "SessionHandoffCodes.h"

#include <openssl/rand.h>

namespace gatehouse {

void SessionHandoffCodes::prune(qint64 nowMs)
{
    for (auto it = m_codes.begin(); it != m_codes.end();)
        it = nowMs - it->createdAtMs > kTtlMs ? m_codes.erase(it) : std::next(it);
    while (m_codes.size() >= kMaxCodes) {
        auto oldest = m_codes.begin();
        for (auto it = m_codes.begin(); it != m_codes.end(); ++it)
            if (it->createdAtMs < oldest->createdAtMs)
                oldest = it;
        m_codes.erase(oldest);
    }
}

QString SessionHandoffCodes::add(const QString &serviceName, const QByteArray &sessionJson, qint64 nowMs)
{
    prune(nowMs);
    QByteArray bytes(32, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size())) != 1)
        qFatal("OpenSSL's random generator failed");
    const QString code =
        QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_codes.insert(code, Entry{serviceName.toLower(), sessionJson, nowMs});
    return code;
}

std::optional<QByteArray> SessionHandoffCodes::take(const QString &code, const QString &serviceName,
                                                    qint64 nowMs)
{
    const auto it = m_codes.find(code);
    if (it == m_codes.end())
        return std::nullopt;
    const Entry entry = std::move(*it);
    m_codes.erase(it);
    if (nowMs - entry.createdAtMs > kTtlMs || entry.serviceName != serviceName.trimmed().toLower())
        return std::nullopt;
    return entry.sessionJson;
}
} // namespace gatehouse
