#include "LookupSecrets.h"

#include "SecretBox.h"
#include "store/SystemStore.h"

namespace gatehouse {

// Switching lookups to another secret store is this line (and the member's type).
LookupSecrets::LookupSecrets(const SystemStore &store)
    : m_box(store.secrets())
{
}

LookupSecrets::LookupSecrets(const SecretBox &box)
    : m_box(box)
{
}

QString LookupSecrets::seal(const QString &plain) const
{
    return m_box.seal(plain.toUtf8());
}

std::optional<QString> LookupSecrets::open(const QString &sealed) const
{
    const std::optional<QByteArray> plain = m_box.open(sealed);
    if (!plain)
        return std::nullopt;
    return QString::fromUtf8(*plain);
}
} // namespace gatehouse
