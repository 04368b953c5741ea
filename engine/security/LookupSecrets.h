#pragma once

#include <optional>

#include <QString>

namespace gatehouse {

class SecretBox;
class SecretStore;
class SystemStore;

// The one place where private lookup values are protected (on write) and revealed (on the
// trusted substitution path), through the engine's SecretStore (keychain or sealed). Everything
// else handles them only as at-rest text. seal() may wait on the keychain: call it on a worker.
class LookupSecrets
{
public:
    explicit LookupSecrets(const SystemStore &store);
    // For tests and tools that hold the box directly (sealed values only).
    explicit LookupSecrets(const SecretBox &box);

    QString seal(const QString &plain) const;
    // Empty when the text is not sealed or cannot be opened with this instance's key.
    std::optional<QString> open(const QString &sealed) const;

private:
    const SecretStore *m_store = nullptr;
    const SecretBox *m_box = nullptr;
};
} // namespace gatehouse
