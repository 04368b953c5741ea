#include "OidcServiceForm.h"

#include <QUrl>

namespace gatehouse {
namespace {
bool isLoopbackHost(const QString &host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") ||
           host == QLatin1String("::1");
}
} // namespace

OidcServiceForm::OidcServiceForm(QWidget *parent)
    : ServiceConfigForm(QStringLiteral("oidc"), parent)
{
}

QStringList OidcServiceForm::validateExtra(const QJsonObject &config) const
{
    QStringList problems;
    const QString issuerText = config.value(QLatin1String("issuer")).toString();
    const QUrl issuer(issuerText, QUrl::StrictMode);
    if (!issuerText.isEmpty() &&
        (!issuer.isValid() || issuer.host().isEmpty() ||
         !(issuer.scheme() == QLatin1String("https") ||
           (issuer.scheme() == QLatin1String("http") && isLoopbackHost(issuer.host())))))
        problems << tr("The issuer must be an https:// URL (http:// only on this computer).");
    if (config.value(QLatin1String("client_id")).toString().isEmpty() &&
        config.value(QLatin1String("audience")).toString().isEmpty())
        problems << tr(
            "Enter the client id registered with the identity provider (or at least the audience).");
    for (const QJsonValue &entry : config.value(QLatin1String("allowed_redirect_uris")).toArray()) {
        const QUrl url(entry.toString(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.fragment().isEmpty() ||
            !(url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")))
            problems << tr("'%1' is not an http(s) address without a fragment.").arg(entry.toString());
    }
    return problems;
}
} // namespace gatehouse
