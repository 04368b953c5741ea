#include "OidcServiceForm.h"

#include <QIntValidator>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QUrl>

#include "KeyValueTable.h"

namespace gatehouse {
namespace {
bool isLoopbackHost(const QString &host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") ||
           host == QLatin1String("::1");
}
} // namespace

OidcServiceForm::OidcServiceForm(QWidget *parent)
    : IdentityServiceForm(parent)
    , m_issuer(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_clientSecret(new QLineEdit(this))
    , m_scopes(new QLineEdit(this))
    , m_audience(new QLineEdit(this))
    , m_appId(new QLineEdit(this))
    , m_usernameClaim(new QLineEdit(this))
    , m_groupsClaim(new QLineEdit(this))
    , m_claims(new KeyValueTable(tr("Lookup name"), tr("Claim"), this))
    , m_redirectUris(new QPlainTextEdit(this))
{
    m_issuer->setPlaceholderText(QStringLiteral("https://login.example.com/realms/acme"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_scopes->setPlaceholderText(QStringLiteral("openid profile email"));
    m_appId->setValidator(new QIntValidator(1, 2147483647, m_appId));
    m_appId->setPlaceholderText(tr("(bearer tokens need an API key)"));
    m_usernameClaim->setPlaceholderText(QStringLiteral("preferred_username"));
    m_groupsClaim->setPlaceholderText(QStringLiteral("groups"));
    m_redirectUris->setTabChangesFocus(true);
    m_redirectUris->setMaximumHeight(70);
    m_redirectUris->setPlaceholderText(tr("One address per line; loopback addresses are always allowed."));

    addRow(tr("&Issuer:"), m_issuer, tr("Issuer"), QStringLiteral("issuer"),
           tr("The identity provider's issuer URL; its discovery document is read from there."));
    addRow(tr("&Client id:"), m_clientId, tr("Client id"), QStringLiteral("client_id"));
    addRow(tr("Client s&ecret:"), m_clientSecret, tr("Client secret"), QStringLiteral("client_secret"));
    addRow(tr("Sc&opes:"), m_scopes, tr("Scopes"), QStringLiteral("scopes"), tr("Separated by spaces."));
    addRow(tr("A&udience:"), m_audience, tr("Audience"), QStringLiteral("audience"),
           tr("The audience bearer tokens must name (default: the client id)."));
    addRow(tr("App i&d:"), m_appId, tr("App id"), QStringLiteral("app_id"),
           tr("The app whose roles apply to bearer tokens sent without an API key."));
    addRow(tr("Username claim:"), m_usernameClaim, tr("Username claim"), QStringLiteral("username_claim"));
    addRow(tr("Grou&ps claim:"), m_groupsClaim, tr("Groups claim"), QStringLiteral("groups_claim"));
    addRow(tr("Claims as loo&kups:"), m_claims, tr("Claims as lookups"), QStringLiteral("claims"),
           tr("Token claims that become {user.<lookup name>} lookups."));
    addRow(tr("Allo&wed redirect addresses:"), m_redirectUris, tr("Allowed redirect addresses"),
           QStringLiteral("allowed_redirect_uris"));
    addRoleRows();
}

QStringList OidcServiceForm::ownedKeys() const
{
    return {QStringLiteral("issuer"),         QStringLiteral("client_id"),
            QStringLiteral("client_secret"),  QStringLiteral("scopes"),
            QStringLiteral("audience"),       QStringLiteral("app_id"),
            QStringLiteral("username_claim"), QStringLiteral("groups_claim"),
            QStringLiteral("claims"),         QStringLiteral("allowed_redirect_uris")};
}

void OidcServiceForm::loadFields(const QJsonObject &config)
{
    m_issuer->setText(config.value(QLatin1String("issuer")).toString());
    m_clientId->setText(config.value(QLatin1String("client_id")).toString());
    m_clientSecret->setText(config.value(QLatin1String("client_secret")).toString());
    const QJsonValue scopes = config.value(QLatin1String("scopes"));
    QStringList scopeList;
    if (scopes.isArray())
        for (const QJsonValue &scope : scopes.toArray())
            scopeList << scope.toString();
    else
        scopeList << scopes.toString();
    m_scopes->setText(scopeList.join(QLatin1Char(' ')).trimmed());
    m_audience->setText(config.value(QLatin1String("audience")).toString());
    const QJsonValue app = config.value(QLatin1String("app_id"));
    m_appId->setText(app.isDouble() ? QString::number(app.toInteger()) : QString());
    m_usernameClaim->setText(config.value(QLatin1String("username_claim")).toString());
    m_groupsClaim->setText(config.value(QLatin1String("groups_claim")).toString());
    m_claims->setValues(config.value(QLatin1String("claims")).toObject());
    QStringList uris;
    for (const QJsonValue &uri : config.value(QLatin1String("allowed_redirect_uris")).toArray())
        uris << uri.toString();
    m_redirectUris->setPlainText(uris.join(QLatin1Char('\n')));
}

void OidcServiceForm::storeFields(QJsonObject &config) const
{
    putText(config, QStringLiteral("issuer"), m_issuer);
    putText(config, QStringLiteral("client_id"), m_clientId);
    if (!m_clientSecret->text().isEmpty())
        config.insert(QStringLiteral("client_secret"), m_clientSecret->text());
    const QStringList scopes = m_scopes->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!scopes.isEmpty())
        config.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(scopes));
    putText(config, QStringLiteral("audience"), m_audience);
    if (!m_appId->text().trimmed().isEmpty())
        config.insert(QStringLiteral("app_id"), m_appId->text().trimmed().toLongLong());
    putText(config, QStringLiteral("username_claim"), m_usernameClaim);
    putText(config, QStringLiteral("groups_claim"), m_groupsClaim);
    const QJsonObject claims = m_claims->values();
    if (!claims.isEmpty())
        config.insert(QStringLiteral("claims"), claims);
    const QStringList uris = splitLines(m_redirectUris->toPlainText());
    if (!uris.isEmpty())
        config.insert(QStringLiteral("allowed_redirect_uris"), QJsonArray::fromStringList(uris));
}

QStringList OidcServiceForm::validateFields() const
{
    QStringList problems;
    const QUrl issuer(m_issuer->text().trimmed(), QUrl::StrictMode);
    if (m_issuer->text().trimmed().isEmpty())
        problems << tr("Enter the identity provider's issuer URL.");
    else if (!issuer.isValid() || issuer.host().isEmpty() ||
             !(issuer.scheme() == QLatin1String("https") ||
               (issuer.scheme() == QLatin1String("http") && isLoopbackHost(issuer.host()))))
        problems << tr("The issuer must be an https:// URL (http:// only on this computer).");
    if (m_clientId->text().trimmed().isEmpty())
        problems << tr("Enter the client id registered with the identity provider.");
    for (const QString &uri : splitLines(m_redirectUris->toPlainText())) {
        const QUrl url(uri, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.fragment().isEmpty() ||
            !(url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")))
            problems << tr("'%1' is not an http(s) address without a fragment.").arg(uri);
    }
    problems += m_claims->validate(tr("Claims as lookups"));
    return problems;
}
} // namespace gatehouse
