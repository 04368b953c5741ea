#include "Authenticator.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QPointer>

#include "AccessSnapshot.h"
#include "ApiKeys.h"
#include "Jwt.h"
#include "LoginThrottle.h"
#include "PasswordHasher.h"
#include "SecretBox.h"
#include "core/ApiError.h"
#include "store/SystemStore.h"
#include "store/UserRowReader.h"

namespace gatehouse {
namespace {
const App &appFor(const QString &key, const AccessSnapshot &snapshot)
{
    const App *app = ApiKeys::isWellFormed(key) ? snapshot.appByKeyHash(ApiKeys::hash(key)) : nullptr;
    if (!app)
        throw ApiError::unauthorized(QStringLiteral("Invalid API key."));
    if (!app->isActive)
        throw ApiError::forbidden(
            QStringLiteral("Access Forbidden. The application '%1' is not active.").arg(app->name));
    return *app;
}

// Role (reference §1.2): sys-admins skip RBAC and need no key; anyone else's role comes from
// (user, app), so a user without an app has none.
void applyRole(Session &session, const AccessSnapshot &snapshot)
{
    if (session.user && !session.user->isSysAdmin && !session.app)
        throw ApiError::badRequest(QStringLiteral(
            "No API Key provided. Please provide a valid API Key using X-DreamFactory-API-Key request header "
            "or 'api_key' url query parameter."));
    if (session.app) {
        if (const auto roleId = snapshot.roleIdFor(session.user, *session.app)) {
            session.role = snapshot.role(*roleId);
            if (session.role && !session.role->isActive && !session.isSysAdmin())
                throw ApiError::forbidden(
                    QStringLiteral("Access Forbidden. The role '%1' is not active.").arg(session.role->name));
        }
    }
}

HttpResponse basicRefusal(const QString &message)
{
    HttpResponse response = HttpResponse::fromError(ApiError::unauthorized(message));
    response.setHeader("WWW-Authenticate", "Basic realm=\"gatehouse\", charset=\"UTF-8\"");
    return response;
}

struct BasicRow
{
    bool found = false;
    qint64 id = 0;
    qint64 epoch = 0;
    QString passwordHash;
};
} // namespace

Authenticator::Authenticator(const SystemStore &store)
    : m_store(store)
    , m_guard(std::make_unique<QObject>())
{
    SecretBox::initializeSodium();
    m_cacheKey = QByteArray(crypto_auth_hmacsha256_KEYBYTES, Qt::Uninitialized);
    randombytes_buf(m_cacheKey.data(), size_t(m_cacheKey.size()));
}

Authenticator::~Authenticator()
{
    sodium_memzero(m_cacheKey.data(), size_t(m_cacheKey.size()));
}

qint64 Authenticator::now() const
{
    return m_clock ? m_clock() : QDateTime::currentSecsSinceEpoch();
}

QString Authenticator::expiredMessage()
{
    return QStringLiteral("Token has expired. Session expired. Please refresh your token (if still within "
                          "refresh window) or re-login.");
}

QString Authenticator::revokedMessage()
{
    return QStringLiteral("Token has been revoked (logged out). Please log in again.");
}

namespace {
// "Authorization: Bearer <credential>": a session token (a JWT: three dot-separated parts) or,
// for OpenAI-style clients that only know bearer keys, a Gatehouse API key (hex, no dots).
QByteArray bearerCredential(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.mid(7).trimmed();
    return {};
}

QString explicitApiKey(const HttpRequest &request)
{
    QString key = request.queryValue(QStringLiteral("api_key"));
    if (key.isEmpty())
        key = QString::fromLatin1(request.header("x-dreamfactory-api-key"));
    return key.trimmed();
}

// A bearer credential without dots (not a JWT) is an API key, unless an API key came in its
// own header or parameter: then the bearer is a (bad) session token and gets its 401.
bool bearerIsApiKey(const HttpRequest &request, const QByteArray &bearer)
{
    return !bearer.isEmpty() && !bearer.contains('.') && explicitApiKey(request).isEmpty();
}
} // namespace

QString Authenticator::apiKey(const HttpRequest &request)
{
    const QString key = explicitApiKey(request);
    if (!key.isEmpty())
        return key;
    const QByteArray bearer = bearerCredential(request);
    return bearerIsApiKey(request, bearer) ? QString::fromLatin1(bearer) : QString();
}

QString Authenticator::sessionToken(const HttpRequest &request)
{
    const QByteArray bearer = bearerCredential(request);
    if (!bearer.isEmpty() && !bearerIsApiKey(request, bearer))
        return QString::fromLatin1(bearer);
    QString token = QString::fromLatin1(request.header("x-dreamfactory-session-token"));
    if (token.isEmpty())
        token = request.queryValue(QStringLiteral("session_token"));
    return token.trimmed();
}

bool Authenticator::hasBasicCredentials(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    return authorization.size() > 6 && authorization.left(6).compare("basic ", Qt::CaseInsensitive) == 0 &&
           sessionToken(request).isEmpty();
}

App Authenticator::appForKey(const QString &key, const AccessSnapshot &snapshot)
{
    return appFor(key, snapshot);
}

std::pair<JwtClaims, User> Authenticator::verifyToken(const QString &token,
                                                      const AccessSnapshot &snapshot) const
{
    const Jwt::Result result = m_store.jwt().verify(token, now());
    switch (result.error) {
    case Jwt::Error::None:
        break;
    case Jwt::Error::Expired:
        throw ApiError::unauthorized(expiredMessage());
    case Jwt::Error::NotYetValid:
        throw ApiError::unauthorized(QStringLiteral("Invalid token: the token is not valid yet."));
    case Jwt::Error::Malformed:
    case Jwt::Error::BadSignature:
        throw ApiError::unauthorized(
            QStringLiteral("Invalid token: the session token could not be verified."));
    }
    if (snapshot.isRevoked(result.claims.jti))
        throw ApiError::forbidden(revokedMessage());
    const User *user = snapshot.user(result.claims.userId);
    if (!user)
        throw ApiError::unauthorized(QStringLiteral("Invalid token: the user no longer exists."));
    if (!user->isActive)
        throw ApiError::forbidden(QStringLiteral("Access Forbidden. The user account is not active."));
    // Behind the user's epoch: every session of the user was revoked after this one began
    // (password change, deactivation). "Behind" rather than "different": another node may
    // issue a token before this node's snapshot has caught up with the new epoch.
    if (result.claims.epoch < user->tokenEpoch)
        throw ApiError::forbidden(revokedMessage());
    return {result.claims, *user};
}

void Authenticator::applyAppAndRole(Session &session, const HttpRequest &request,
                                    std::optional<qint64> fallbackAppId) const
{
    if (!session.snapshot)
        session.snapshot = m_store.snapshot();
    const QString key = apiKey(request);
    if (!key.isEmpty()) {
        session.app = appFor(key, *session.snapshot);
    } else if (fallbackAppId) {
        const auto app = session.snapshot->appsById.constFind(*fallbackAppId);
        if (app == session.snapshot->appsById.constEnd())
            throw ApiError::forbidden(
                QStringLiteral("Access Forbidden. The identity service's app no longer exists."));
        if (!app->isActive)
            throw ApiError::forbidden(
                QStringLiteral("Access Forbidden. The application '%1' is not active.").arg(app->name));
        session.app = *app;
    }
    applyRole(session, *session.snapshot);
}

Session Authenticator::authenticate(const HttpRequest &request) const
{
    const QString key = apiKey(request);
    const QString token = sessionToken(request);
    Session session;
    if (key.isEmpty() && token.isEmpty())
        return session;

    // One pointer copy: the whole request is judged against one consistent state.
    const std::shared_ptr<const AccessSnapshot> snapshot = m_store.snapshot();
    session.snapshot = snapshot;

    if (!key.isEmpty())
        session.app = appFor(key, *snapshot);

    if (!token.isEmpty()) {
        auto [claims, user] = verifyToken(token, *snapshot);
        session.user = user;
        session.tokenId = claims.jti;
        session.tokenExpiry = claims.expiresAt;
    }
    applyRole(session, *snapshot);
    return session;
}

// --- Basic auth ---

QByteArray Authenticator::basicCacheKey(const QString &email, const QString &password) const
{
    // Keyed hash of the credentials: the cache never holds a password, and without the
    // per-process key an entry cannot be tested against guesses.
    QByteArray input = email.toUtf8() + '\0' + password.toUtf8();
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(m_cacheKey.constData()),
                                size_t(m_cacheKey.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(input.constData()),
                                  quint64(input.size()));
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(out.data()));
    sodium_memzero(&state, sizeof state);
    sodium_memzero(input.data(), size_t(input.size()));
    return out;
}

void Authenticator::finishBasic(const HttpRequest &request, const User &user,
                                std::function<void(Session)> onSession,
                                std::function<void(HttpResponse)> onError) const
{
    Session session;
    try {
        session.snapshot = m_store.snapshot();
        session.user = user;
        applyAppAndRole(session, request);
    } catch (const ApiError &error) {
        onError(HttpResponse::fromError(error));
        return;
    }
    onSession(std::move(session));
}

void Authenticator::authenticateBasic(const HttpRequest &request, std::function<void(Session)> onSession,
                                      std::function<void(HttpResponse)> onError) const
{
    const QByteArray encoded = request.header("authorization").trimmed().mid(6).trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
    if (colon <= 0 || colon == decoded.decoded.size() - 1) {
        onError(basicRefusal(QStringLiteral("Invalid Basic credentials: expected base64(email:password).")));
        return;
    }
    const QString email = QString::fromUtf8(decoded.decoded.left(colon)).trimmed().toLower();
    const QString password = QString::fromUtf8(decoded.decoded.mid(colon + 1));
    const QHostAddress peer = request.peer;

    LoginThrottle &throttle = m_store.loginThrottle();
    if (const qint64 wait = throttle.retryAfter(email, peer)) {
        onError(LoginThrottle::lockedResponse(wait));
        return;
    }

    // A verification remembered for a short while: Argon2id costs tens of milliseconds and
    // 64 MiB by design, which a client sending Basic credentials on every request would pay
    // every time. The entry holds only a keyed hash of the credentials and stays valid only
    // while the user exists, is active, has the same email and the same token epoch, so a
    // password change or a deactivation ends it at once.
    const QByteArray cacheKey = basicCacheKey(email, password);
    const qint64 t = now();
    {
        const auto snapshot = m_store.snapshot();
        const auto it = m_basicCache.constFind(cacheKey);
        if (it != m_basicCache.constEnd()) {
            const User *user = snapshot->user(it->userId);
            if (it->expiresAt > t && user && user->isActive && user->tokenEpoch == it->epoch &&
                user->email == it->email) {
                throttle.recordSuccess(email);
                finishBasic(request, *user, std::move(onSession), std::move(onError));
                return;
            }
            m_basicCache.remove(cacheKey);
        }
    }

    const QPointer<QObject> guard(m_guard.get());
    auto refuse = [guard, onError](HttpResponse response) {
        if (guard)
            onError(std::move(response));
    };
    UserRowReader::byEmail(
        m_store, QStringLiteral("id, password_hash, token_epoch"), email,
        [this, guard, request, email, password, peer, cacheKey, onSession = std::move(onSession),
         onError = std::move(onError)](std::optional<QSqlRecord> record) mutable {
            if (!guard)
                return;
            BasicRow row;
            if (record) {
                row.found = true;
                row.id = record->value(QStringLiteral("id")).toLongLong();
                row.passwordHash = record->value(QStringLiteral("password_hash")).toString();
                row.epoch = record->value(QStringLiteral("token_epoch")).toLongLong();
            }
            // Unknown accounts still cost one verification, so timing tells nothing.
            PasswordHasher::verifyAsync(row.found ? row.passwordHash : QString(), password)
                .then(guard.data(), [this, request, email, peer, cacheKey, row,
                                     onSession = std::move(onSession),
                                     onError = std::move(onError)](bool verified) mutable {
                    LoginThrottle &throttle = m_store.loginThrottle();
                    const auto snapshot = m_store.snapshot();
                    const User *user = row.found ? snapshot->user(row.id) : nullptr;
                    if (!verified || !user) {
                        throttle.recordFailure(email, peer);
                        spdlog::info("basic authentication refused for {}", peer.toString().toStdString());
                        onError(basicRefusal(QStringLiteral("Invalid credentials supplied.")));
                        return;
                    }
                    throttle.recordSuccess(email);
                    if (!user->isActive) {
                        onError(HttpResponse::fromError(ApiError::forbidden(
                            QStringLiteral("Access Forbidden. The user account is not active."))));
                        return;
                    }
                    // Cached only when the snapshot agrees with the row that was verified.
                    if (user->tokenEpoch == row.epoch) {
                        if (m_basicCache.size() >= BasicCacheMaxEntries) {
                            const qint64 t = now();
                            for (auto it = m_basicCache.begin(); it != m_basicCache.end();)
                                it = it->expiresAt <= t ? m_basicCache.erase(it) : std::next(it);
                            if (m_basicCache.size() >= BasicCacheMaxEntries)
                                m_basicCache.clear();
                        }
                        m_basicCache.insert(cacheKey, BasicCacheEntry{user->id, row.epoch, user->email,
                                                                      now() + BasicCacheSeconds});
                    }
                    finishBasic(request, *user, std::move(onSession), std::move(onError));
                });
        },
        std::move(refuse));
}
} // namespace gatehouse
