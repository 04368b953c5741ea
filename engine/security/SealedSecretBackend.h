#pragma once

#include "SecretBackend.h"
#include "SecretBox.h"

namespace gatehouse {

// Values sealed with libsodium under the master key ("v1:" text, see SecretBox): the at-rest
// text is the whole secret, so it works wherever the system database goes (also on PostgreSQL
// shared by several nodes, which all hold the same master key).
class SealedSecretBackend : public SecretBackend
{
public:
    explicit SealedSecretBackend(SecretBox box);

    QString name() const override { return QStringLiteral("sealed"); }
    QString protect(const QByteArray &plain, QString *error) override;
    bool owns(const QString &stored) const override { return SecretBox::looksSealed(stored); }
    std::optional<QByteArray> reveal(const QString &stored) override { return m_box.open(stored); }
    void remove(const QString &) override {}

private:
    const SecretBox m_box;
};
} // namespace gatehouse
