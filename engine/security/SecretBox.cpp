#include "SecretBox.h"

#include <mutex>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace gatehouse {
namespace {
const QLatin1String kPrefix("v1:");
constexpr auto kKeyFileName = "master.key";

QByteArray decodeKey(const QByteArray &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        base64.trimmed(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? decoded.decoded : QByteArray();
}
} // namespace

SecretBox::SecretBox(const QByteArray &key)
    : m_key(key.size() == KeyBytes ? key : QByteArray())
{
    initializeSodium();
}

SecretBox::~SecretBox()
{
    // Keep the key from lingering in freed heap memory.
    if (!m_key.isEmpty() && m_key.isDetached())
        sodium_memzero(m_key.data(), size_t(m_key.size()));
}

SecretBox::SecretBox(const SecretBox &other) = default;
SecretBox &SecretBox::operator=(const SecretBox &other) = default;

bool SecretBox::initializeSodium()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = sodium_init() >= 0; });
    return ok;
}

QByteArray SecretBox::loadOrCreateMasterKey(const QString &configured, const QString &dataDir, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QByteArray();
    };
    if (!initializeSodium())
        return fail(QStringLiteral("libsodium could not be initialised"));

    if (!configured.isEmpty()) {
        QByteArray key = decodeKey(configured.toLatin1());
        if (key.size() != KeyBytes)
            return fail(
                QStringLiteral("the configured master key must be %1 bytes, base64-encoded").arg(KeyBytes));
        return key;
    }

    const QString path = QDir(dataDir).filePath(QLatin1String(kKeyFileName));
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                QStringLiteral("cannot read the master key file %1: %2").arg(path, file.errorString()));
        if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                                  QFileDevice::WriteOther))
            spdlog::warn("the master key file {} is readable by other users; restrict it to its owner (0600)",
                         path.toStdString());
        QByteArray key = decodeKey(file.readAll());
        if (key.size() != KeyBytes)
            return fail(QStringLiteral("the master key file %1 is corrupt").arg(path));
        return key;
    }

    QByteArray key(KeyBytes, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    // The key is written to a temporary file (owner-only from creation) and then renamed into
    // place without replacing: a process starting at the same moment either finds no file or a
    // complete one, never one still being written, and two processes cannot overwrite each
    // other's key.
    QTemporaryFile temporary(path + QStringLiteral(".XXXXXX"));
    const QByteArray text = key.toBase64() + '\n';
    if (!temporary.open() || temporary.write(text) != text.size() || !temporary.flush())
        return fail(
            QStringLiteral("cannot write the master key file %1: %2").arg(path, temporary.errorString()));
    temporary.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!temporary.rename(path)) {
        if (QFile::exists(path)) // lost a race with another process: use its key
            return loadOrCreateMasterKey(configured, dataDir, error);
        return fail(
            QStringLiteral("cannot create the master key file %1: %2").arg(path, temporary.errorString()));
    }
    temporary.setAutoRemove(false);
    spdlog::info("generated a new master key in {}; back it up, the system database's secrets depend on it",
                 path.toStdString());
    return key;
}

QString SecretBox::seal(const QByteArray &plaintext) const
{
    if (!isValid())
        return {};
    QByteArray out(qsizetype(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) + plaintext.size(),
                   Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    // Random 24-byte nonces: collisions are negligible, so no counter state is needed.
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(
        nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char *>(plaintext.constData()),
        quint64(plaintext.size()), nonce, reinterpret_cast<const unsigned char *>(m_key.constData()));
    return kPrefix + QString::fromLatin1(out.toBase64());
}

std::optional<QByteArray> SecretBox::open(const QString &sealed) const
{
    if (!isValid() || !sealed.startsWith(kPrefix))
        return std::nullopt;
    const auto decoded =
        QByteArray::fromBase64Encoding(sealed.mid(kPrefix.size()).toLatin1(),
                                       QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &raw = decoded.decoded;
    const qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (raw.size() < overhead)
        return std::nullopt;
    const auto *nonce = reinterpret_cast<const unsigned char *>(raw.constData());
    QByteArray plain(raw.size() - overhead, Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES,
                                   quint64(raw.size() - crypto_secretbox_NONCEBYTES), nonce,
                                   reinterpret_cast<const unsigned char *>(m_key.constData())) != 0)
        return std::nullopt;
    return plain;
}

bool SecretBox::looksSealed(const QString &text)
{
    return text.startsWith(kPrefix);
}

QByteArray SecretBox::deriveKey(quint64 subkeyId, const char *context) const
{
    if (!isValid())
        return {};
    char ctx[crypto_kdf_CONTEXTBYTES] = {};
    for (size_t i = 0; i < sizeof ctx && context[i]; ++i)
        ctx[i] = context[i];
    QByteArray out(crypto_kdf_KEYBYTES, Qt::Uninitialized);
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()), subkeyId,
                               ctx, reinterpret_cast<const unsigned char *>(m_key.constData()));
    return out;
}
} // namespace gatehouse
