#include "SealedSecretBackend.h"

namespace gatehouse {

SealedSecretBackend::SealedSecretBackend(SecretBox box)
    : m_box(std::move(box))
{
}

QString SealedSecretBackend::protect(const QByteArray &plain, QString *error)
{
    const QString sealed = m_box.seal(plain);
    if (sealed.isEmpty() && error)
        *error = QStringLiteral("no valid master key");
    return sealed;
}
} // namespace gatehouse
