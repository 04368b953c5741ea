#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace gatehouse {

struct User;

// What a directory (LDAP, Active Directory) or an identity provider (OpenID Connect) says about
// a person who has just proved who they are. IdentityProvisioner turns it into a Gatehouse user.
struct ExternalIdentity
{
    qint64 serviceId = 0; // the ldap/adldap/oidc service that vouched for them
    QString serviceName;
    QString subject;  // stable within that service: an LDAP entry's DN, an OIDC `sub`
    QString username; // the sign-in name: uid / sAMAccountName / preferred_username
    QString email;    // empty: the provisioner makes a placeholder address
    QString name;
    QString firstName;
    QString lastName;
    QStringList groups; // group DNs (LDAP) or names (OIDC claims), as the source gives them
    // Configured attribute or claim → lookup mappings: {"department": "Sales"} is {user.department}.
    QHash<QString, QString> attributes;
    // OAuth scopes a bearer token grants (its `scope` / `scp` claim); empty for sign-ins.
    QStringList scopes;

    // Browser sign-ins only (OIDC keeps them in its state between redirect and callback): the
    // API key the sign-in was started with (the callback arrives from the IdP without one), and
    // a front end's redirect_uri and state for the one-time session handoff (SessionResource).
    QString signInApiKey;
    QString handoffRedirectUri;
    QString handoffState;

    // The `directory_attributes` column: groups and attributes as JSON.
    QString storedAttributes() const;
    // Fills a snapshot user's groups and attributes from that column (bad JSON: left empty).
    static void applyStoredAttributes(User &user, const QString &stored);
};
} // namespace gatehouse
