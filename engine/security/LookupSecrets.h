#pragma once

#include <optional>

#include <QString>

namespace gatehouse {

class SecretBox;
class SystemStore;

// The one place where private lookup values are sealed (on write) and opened (on the trusted
// substitution path). Everything else handles them only as sealed text, so moving lookups to
// another secret store changes this class alone.
class LookupSecrets
{
public:
    explicit LookupSecrets(const SystemStore &store);
    // For tests and tools that hold the box directly.
    explicit LookupSecrets(const SecretBox &box);

    QString seal(const QString &plain) const;
    // Empty when the text is not sealed or cannot be opened with this instance's key.
    std::optional<QString> open(const QString &sealed) const;

private:
    const SecretBox &m_box;
};
} // namespace gatehouse
