#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "services/ConfigField.h"

namespace gatehouse {

// The settings of an `ldap` or `adldap` service, read from its config with the type's
// defaults filled in. fromConfig() is the validation: every problem is an ApiError 400 that
// names the key.
struct LdapConfig
{
    enum class Kind
    {
        Ldap,
        ActiveDirectory
    };
    enum class Encryption
    {
        None,
        StartTls,
        Ldaps
    };

    Kind kind = Kind::Ldap;
    QString host;
    int port = 389;
    Encryption encryption = Encryption::None;
    QString caCertificatePem;  // the CA to trust, as PEM text (inline, or read from caCertificateFile)
    QString caCertificateFile; // set when the config named a file
    QString bindDn;            // empty: anonymous search
    QString bindPassword;
    QString baseDn;
    QString userFilter; // ANDed with the name match; may be empty
    QString usernameAttribute;
    QString emailAttribute;
    QString nameAttribute;
    QString firstNameAttribute;
    QString lastNameAttribute;
    QString groupBaseDn;
    // With {dn} and {username} placeholders; empty: the user's memberOf values are the groups.
    QString groupFilter;
    QString groupNameAttribute;
    QString disabledFilter; // empty: no account is disabled by the directory
    QString domain;         // adldap: "corp.example" lets people type user@corp.example or CORP\user
    QList<QPair<QString, QString>> attributes; // lookup name → LDAP attribute
    int timeoutSeconds = 10;

    // Throws ApiError 400 naming the key. Reads a ca_certificate file when one is named.
    static LdapConfig fromConfig(const Json &config, Kind kind);
    // The keys of both kinds (adldap's superset: `domain` on an ldap service gets a clear error).
    static QStringList knownKeys();
    // The type's config_schema, role-map keys included.
    static ConfigSchema configSchema(Kind kind);

    bool tls() const { return encryption != Encryption::None; }
    // "ldap://host:389" / "ldaps://host:636".
    QString url() const;
    // "host:port", for messages.
    QString address() const;
    // The sign-in name the directory is searched for: with `domain` set, user@domain and
    // DOMAIN\user are reduced to user (another domain's name is kept whole and so not found).
    QString accountName(const QString &input) const;
    // The user search filter for an escaped name: (&<user_filter>(<attr>=<escaped>)).
    QString userSearchFilter(const QString &name) const;
    // The group search filter with {dn} and {username} filled in, both escaped (RFC 4515).
    QString groupSearchFilter(const QString &userDn, const QString &username) const;
    // The attributes the user search reads.
    QStringList userAttributes() const;
};
} // namespace gatehouse
