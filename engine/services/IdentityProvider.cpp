#include "IdentityProvider.h"

#include <QTimer>

#include "core/ApiError.h"

namespace gatehouse {
namespace {
// Callbacks never run before the call returns (see the class comment).
void later(IdentityProvider::OnError onError, const QString &message)
{
    QTimer::singleShot(0, [onError = std::move(onError), message] {
        onError(HttpResponse::fromError(ApiError::badRequest(message)));
    });
}
} // namespace

void IdentityProvider::signInWithPassword(const QString &, const QString &, OnIdentity, OnError onError)
{
    later(std::move(onError), QStringLiteral("This service does not sign users in with a password."));
}

void IdentityProvider::beginBrowserSignIn(std::shared_ptr<const RequestContext>,
                                          std::function<void(HttpResponse)> done)
{
    later(std::move(done), QStringLiteral("This service does not sign users in through a browser."));
}

void IdentityProvider::completeBrowserSignIn(std::shared_ptr<const RequestContext>, OnIdentity,
                                             OnError onError)
{
    later(std::move(onError), QStringLiteral("This service does not sign users in through a browser."));
}

bool IdentityProvider::acceptsIssuer(const QString &) const
{
    return false;
}

void IdentityProvider::verifyBearer(const QString &, const QString &, OnIdentity, OnError onError)
{
    later(std::move(onError), QStringLiteral("This service does not accept bearer tokens."));
}
} // namespace gatehouse
