#include "SecretStore.h"

#include <spdlog/spdlog.h>

#include <QHash>

#include "SealedSecretBackend.h"
#include "core/ApiError.h"
#ifdef GATEHOUSE_HAVE_KEYCHAIN
#include "KeychainSecretBackend.h"
#endif

namespace gatehouse {
namespace {
const QLatin1String kKeychainPrefix("kc:");

// Released at-rest texts per store and scope, waiting for the reload that ends the write job
// on this worker thread (see SecretStore::release).
thread_local QHash<const SecretStore *, QHash<QString, QSet<QString>>> t_released;

struct Choice
{
    std::shared_ptr<SecretBackend> keychain; // null: sealed
    QString reason;
    QString error; // set: the configured backend cannot be used
};

Choice choose(const SecretStore::Options &options)
{
    Choice choice;
    if (options.mode == SecretStore::Mode::Sealed) {
        choice.reason = QStringLiteral("secret_store = sealed");
        return choice;
    }
    const bool required = options.mode == SecretStore::Mode::Keychain;
    if (options.sharedSystemDb) {
        if (required)
            choice.error = QStringLiteral(
                "secret_store = keychain cannot be used with a PostgreSQL system database: a host "
                "keychain is not shared by the nodes using it; use sealed (or auto)");
        else
            choice.reason = QStringLiteral("the PostgreSQL system database may be shared by several nodes, "
                                           "and a host keychain is not");
        return choice;
    }
#ifdef GATEHOUSE_HAVE_KEYCHAIN
    auto keychain = std::make_shared<KeychainSecretBackend>(options.timeoutMs);
    QString problem;
    if (keychain->probe(&problem)) {
        choice.keychain = std::move(keychain);
        choice.reason = required ? QStringLiteral("secret_store = keychain")
                                 : QStringLiteral("a keychain service answered");
    } else if (required) {
        choice.error =
            QStringLiteral("secret_store = keychain, but no keychain service answered: %1").arg(problem);
    } else {
        choice.reason = QStringLiteral("no keychain service answered (%1)").arg(problem);
    }
#else
    if (required)
        choice.error = QStringLiteral("secret_store = keychain, but this build has no keychain support");
    else
        choice.reason = QStringLiteral("this build has no keychain support");
#endif
    return choice;
}
} // namespace

std::optional<SecretStore::Mode> SecretStore::parseMode(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("auto"))
        return Mode::Auto;
    if (t == QLatin1String("keychain"))
        return Mode::Keychain;
    if (t == QLatin1String("sealed"))
        return Mode::Sealed;
    return std::nullopt;
}

std::shared_ptr<SecretStore> SecretStore::open(const SecretBox &box, const Options &options, QString *error)
{
    if (!box.isValid()) {
        if (error)
            *error = QStringLiteral("the secret store needs a valid master key");
        return nullptr;
    }
    Choice choice = choose(options);
    if (!choice.error.isEmpty()) {
        if (error)
            *error = choice.error;
        return nullptr;
    }
    std::shared_ptr<SecretBackend> backend = choice.keychain;
    if (!backend)
        backend = std::make_shared<SealedSecretBackend>(box);
    return std::shared_ptr<SecretStore>(new SecretStore(box, std::move(backend), choice.reason));
}

QString SecretStore::detect(const Options &options, QString *reason)
{
    const Choice choice = choose(options);
    if (reason)
        *reason = choice.error.isEmpty() ? choice.reason : choice.error;
    if (!choice.error.isEmpty())
        return QStringLiteral("unavailable");
    return choice.keychain ? QStringLiteral("keychain") : QStringLiteral("sealed");
}

SecretStore::SecretStore(const SecretBox &box, std::shared_ptr<SecretBackend> backend, QString reason)
    : m_box(box)
    , m_backend(std::move(backend))
    , m_reason(std::move(reason))
{
    m_sealed =
        m_backend->name() == QLatin1String("sealed") ? m_backend : std::make_shared<SealedSecretBackend>(box);
}

SecretStore::~SecretStore()
{
    t_released.remove(this);
}

QString SecretStore::backendName() const
{
    return m_backend->name();
}

QString SecretStore::protect(const QString &plain) const
{
    QString problem;
    const QString stored = m_backend->protect(plain.toUtf8(), &problem);
    if (stored.isEmpty()) {
        spdlog::error("secret store ({}): a secret could not be stored: {}", backendName().toStdString(),
                      problem.toStdString());
        throw ApiError(503, QStringLiteral("The secret store is not available. Try again later."));
    }
    return stored;
}

std::optional<QString> SecretStore::reveal(const QString &stored) const
{
    std::optional<QByteArray> plain;
    if (m_sealed->owns(stored)) {
        plain = m_sealed->reveal(stored);
        if (!plain)
            spdlog::warn("secret store: a sealed value cannot be opened with this master key");
    } else if (m_backend->owns(stored)) {
        plain = m_backend->reveal(stored);
    } else if (stored.startsWith(kKeychainPrefix)) {
        spdlog::warn("secret store: a value kept in a keychain cannot be read: the active backend is {}",
                     backendName().toStdString());
    }
    if (!plain)
        return std::nullopt;
    return QString::fromUtf8(*plain);
}

bool SecretStore::isProtected(const QString &text)
{
    return SecretBox::looksSealed(text) || text.startsWith(kKeychainPrefix);
}

bool SecretStore::isCurrent(const QString &stored) const
{
    return m_backend->owns(stored);
}

void SecretStore::release(const QString &scope, const QString &stored) const
{
    // Only keychain entries exist outside the row; sealed text disappears with it.
    if (m_backend->owns(stored) && !m_sealed->owns(stored))
        t_released[this][scope].insert(stored);
}

void SecretStore::settle(const QString &scope, const QSet<QString> &referenced) const
{
    auto store = t_released.find(this);
    if (store == t_released.end())
        return;
    const QSet<QString> released = store->take(scope);
    for (const QString &stored : released)
        if (!referenced.contains(stored))
            m_backend->remove(stored);
}
} // namespace gatehouse
