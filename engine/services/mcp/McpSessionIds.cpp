#include "McpSessionIds.h"

#include <QDateTime>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace gatehouse {
namespace {

constexpr QByteArrayView kPrefix = "gh1";

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}
} // namespace

McpSessionIds::McpSessionIds(QByteArray key, std::shared_ptr<Revocations> revocations)
    : m_key(std::move(key))
    , m_revocations(std::move(revocations))
{
    if (!m_revocations)
        m_revocations = std::make_shared<Revocations>();
    // Without a master key (unit tests of the service alone) ids are still unguessable per
    // process: a random key.
    if (m_key.isEmpty()) {
        m_key.resize(32);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), 8);
    }
}

QString McpSessionIds::identityOf(const Session &session)
{
    if (session.user)
        return QStringLiteral("u%1").arg(session.user->id);
    if (session.app)
        return QStringLiteral("a%1").arg(session.app->id);
    return {};
}

QByteArray McpSessionIds::mac(const QByteArray &payload) const
{
    return QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256);
}

QByteArray McpSessionIds::issue(qint64 serviceId, const QString &identity, const QString &protocolVersion,
                                qint64 now) const
{
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    const QByteArray payload = QByteArray::number(serviceId) + ':' + identity.toUtf8() + ':' +
                               QByteArray::number(now ? now : QDateTime::currentSecsSinceEpoch()) + ':' +
                               nonce.toHex() + ':' + protocolVersion.toLatin1();
    const QByteArray encoded = base64Url(payload);
    return kPrefix.toByteArray() + '.' + encoded + '.' + base64Url(mac(encoded));
}

bool McpSessionIds::parse(const QByteArray &id, Parsed *out) const
{
    if (id.size() > 512)
        return false;
    const QList<QByteArray> parts = id.split('.');
    if (parts.size() != 3 || parts[0] != kPrefix)
        return false;
    const QByteArray expected = base64Url(mac(parts[1]));
    if (!constantTimeEquals(expected, parts[2]))
        return false;
    const QByteArray payload = QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding);
    const QList<QByteArray> fields = payload.split(':');
    if (fields.size() != 5)
        return false;
    bool okService = false;
    bool okIssued = false;
    out->serviceId = fields[0].toLongLong(&okService);
    out->identity = QString::fromUtf8(fields[1]);
    out->issuedAt = fields[2].toLongLong(&okIssued);
    out->nonce = fields[3];
    out->protocolVersion = QString::fromLatin1(fields[4]);
    return okService && okIssued && !out->nonce.isEmpty();
}

bool McpSessionIds::verify(const QByteArray &id, qint64 serviceId, const QString &identity,
                           QString *protocolVersion, qint64 now) const
{
    Parsed parsed;
    if (!parse(id, &parsed))
        return false;
    if (!now)
        now = QDateTime::currentSecsSinceEpoch();
    if (parsed.serviceId != serviceId || parsed.identity != identity || identity.isEmpty())
        return false;
    if (parsed.issuedAt > now + 300 || now - parsed.issuedAt > kLifetimeSeconds)
        return false;
    if (m_revocations->contains(parsed.nonce))
        return false;
    if (protocolVersion)
        *protocolVersion = parsed.protocolVersion;
    return true;
}

void McpSessionIds::revoke(const QByteArray &id)
{
    Parsed parsed;
    if (!parse(id, &parsed))
        return;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (m_revocations->size() >= kMaxRevocations) {
        for (auto it = m_revocations->begin(); it != m_revocations->end();)
            it = it.value() < now ? m_revocations->erase(it) : std::next(it);
    }
    // Still full of live entries: the oldest-issued would expire first, but any will do; an
    // id that comes back to life is still bound to its caller and service.
    if (m_revocations->size() >= kMaxRevocations)
        m_revocations->erase(m_revocations->begin());
    m_revocations->insert(parsed.nonce, parsed.issuedAt + kLifetimeSeconds);
}
} // namespace gatehouse
