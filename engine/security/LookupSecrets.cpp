#include "LookupSecrets.h"

#include "SecretBox.h"
#include "SecretStore.h"
#include "store/SystemStore.h"

namespace gatehouse {

LookupSecrets::LookupSecrets(const SystemStore &store)
    : m_store(&store.secretStore())
{
}

LookupSecrets::LookupSecrets(const SecretBox &box)
    : m_box(&box)
{
}

QString LookupSecrets::seal(const QString &plain) const
{
    return m_store ? m_store->protect(plain) : m_box->seal(plain.toUtf8());
}

std::optional<QString> LookupSecrets::open(const QString &sealed) const
{
    if (m_store)
        return m_store->reveal(sealed);
    const std::optional<QByteArray> plain = m_box->open(sealed);
    if (!plain)
        return std::nullopt;
    return QString::fromUtf8(*plain);
}
} // namespace gatehouse
