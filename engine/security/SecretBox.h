#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

namespace gatehouse {

// Authenticated symmetric encryption (libsodium crypto_secretbox: XSalsa20-Poly1305) under
// the instance's 32-byte master key. Used for secrets at rest in the system database
// (service passwords, the JWT signing key). Immutable after construction, so one instance
// can be shared by every thread.
class SecretBox
{
public:
    static constexpr int KeyBytes = 32;

    SecretBox() = default;
    explicit SecretBox(const QByteArray &key);
    ~SecretBox();
    SecretBox(const SecretBox &other);
    SecretBox &operator=(const SecretBox &other);

    // Calls sodium_init() exactly once per process; false when libsodium cannot start.
    static bool initializeSodium();

    // Returns the master key: `configured` (base64, e.g. from GATEHOUSE_MASTER_KEY) when set,
    // else the key stored in `<dataDir>/master.key`, else a new random key written there with
    // owner-only permissions. Empty with `*error` set on failure.
    static QByteArray loadOrCreateMasterKey(const QString &configured, const QString &dataDir,
                                            QString *error);

    bool isValid() const { return m_key.size() == KeyBytes; }

    // "v1:" + base64(nonce | ciphertext). The version prefix lets a later format coexist.
    QString seal(const QByteArray &plaintext) const;
    // Empty optional when the text is not a sealed value, was tampered with, or was sealed
    // under another key.
    std::optional<QByteArray> open(const QString &sealed) const;
    static bool looksSealed(const QString &text);
    // A 32-byte subkey for another purpose (crypto_kdf_derive_from_key with an 8-character
    // `context`), so the master key itself never leaves this class. Empty when invalid.
    QByteArray deriveKey(quint64 subkeyId, const char *context) const;

private:
    QByteArray m_key;
};
} // namespace gatehouse
