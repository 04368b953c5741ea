#include "LdapConfig.h"

#include <QFile>
#include <QRegularExpression>
#include <QSslCertificate>

#include "LdapEscape.h"
#include "core/ApiError.h"
#include "security/IdentityRoleMap.h"
#include "security/LookupResolver.h"

namespace gatehouse {
namespace {
ApiError badKey(const QString &key, const QString &why)
{
    return ApiError::badRequest(QStringLiteral("Config '%1' %2").arg(key, why));
}

// A string key: absent or null gives `fallback`.
QString text(const Json &config, const char *key, const QString &fallback = QString())
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        throw badKey(QLatin1String(key), QStringLiteral("must be a string."));
    return it->get<QString>().trimmed();
}

// An attribute description (RFC 4512): a name with options, or an OID.
bool isAttributeName(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(?:[A-Za-z][A-Za-z0-9-]*(?:;[A-Za-z0-9-]+)*|[0-9]+(?:\.[0-9]+)+)$)"));
    return pattern.match(name).hasMatch();
}

QString attribute(const Json &config, const char *key, const QString &fallback)
{
    const QString name = text(config, key, fallback);
    if (name.isEmpty())
        return fallback;
    if (!isAttributeName(name))
        throw badKey(QLatin1String(key), QStringLiteral("is not an LDAP attribute name."));
    return name;
}

// The filters are the admin's own text, so only their shape is checked here (the directory
// rejects the rest, and the probe shows it): parenthesised, balanced, no raw NUL.
void checkFilter(const QString &filter, const char *key)
{
    if (filter.isEmpty())
        return;
    if (!filter.startsWith(QLatin1Char('(')) || !filter.endsWith(QLatin1Char(')')))
        throw badKey(QLatin1String(key), QStringLiteral("must be an LDAP filter in parentheses."));
    int depth = 0;
    for (qsizetype i = 0; i < filter.size(); ++i) {
        const QChar c = filter.at(i);
        if (c == QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (c.unicode() == 0)
            throw badKey(QLatin1String(key), QStringLiteral("contains a NUL character."));
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth < 0)
            break;
        if (depth == 0 && i != filter.size() - 1)
            throw badKey(QLatin1String(key),
                         QStringLiteral("must be a single filter; wrap several in (&...)."));
    }
    if (depth != 0)
        throw badKey(QLatin1String(key), QStringLiteral("has unbalanced parentheses."));
}

void checkDn(const QString &dn, const char *key)
{
    // A DN is the admin's text too; libldap parses it, so the check only keeps out what no DN has.
    if (dn.contains(QChar(0)) || dn.contains(QLatin1Char('\n')) || dn.contains(QLatin1Char('\r')))
        throw badKey(QLatin1String(key), QStringLiteral("is not a distinguished name."));
    if (!dn.isEmpty() && !dn.contains(QLatin1Char('=')))
        throw badKey(QLatin1String(key),
                     QStringLiteral("is not a distinguished name (e.g. dc=example,dc=org)."));
}

} // namespace

QStringList LdapConfig::knownKeys()
{
    return configschema::keys(configSchema(Kind::ActiveDirectory));
}

ConfigSchema LdapConfig::configSchema(Kind kind)
{
    const bool ad = kind == Kind::ActiveDirectory;
    auto f = [](const char *name, const char *type, const char *label, const QString &description) {
        return ConfigField(QLatin1String(name), QLatin1String(type), QLatin1String(label), description);
    };
    ConfigSchema schema{
        f("host", "string", "Host", QStringLiteral("The directory server's host name or address."))
            .isRequired(),
        f("port", "integer", "Port", QStringLiteral("389, or 636 with LDAPS."))
            .withDefault(389)
            .withRange(1, 65535),
        f("encryption", "picklist", "Encryption",
          QStringLiteral("none, starttls (upgrade the connection) or ldaps (TLS from the start)."))
            .withValues({QStringLiteral("none"), QStringLiteral("starttls"), QStringLiteral("ldaps")})
            .withDefault("none"),
        f("ca_certificate", "text", "CA certificate",
          QStringLiteral(
              "The certificate authority that signed the server's certificate, as PEM text or a file "
              "path (TLS only); empty: the system's CAs.")),
        f("bind_dn", "string", "Bind DN",
          QStringLiteral("The account Gatehouse searches the directory with.")),
        f("bind_password", "password", "Bind password", QStringLiteral("The bind DN's password.")).isSecret(),
        f("base_dn", "string", "Base DN", QStringLiteral("The base DN users are searched under."))
            .isRequired(),
        f("user_filter", "string", "User filter",
          QStringLiteral("An extra LDAP filter users must match, e.g. (objectClass=person).")),
        f("username_attribute", "string", "Username attribute",
          QStringLiteral("The attribute people sign in with."))
            .withDefault(ad ? "sAMAccountName" : "uid"),
        f("email_attribute", "string", "Email attribute", QString()).withDefault("mail"),
        f("name_attribute", "string", "Display name attribute", QString())
            .withDefault(ad ? "displayName" : "cn"),
        f("first_name_attribute", "string", "First name attribute", QString()).withDefault("givenName"),
        f("last_name_attribute", "string", "Last name attribute", QString()).withDefault("sn"),
        f("group_base_dn", "string", "Group base DN",
          QStringLiteral("Where groups are searched (default: the base DN).")),
        f("group_filter", "string", "Group filter",
          ad ? QStringLiteral(
                   "{dn} and {username} stand for the signed-in person; empty: the memberOf values.")
             : QStringLiteral("{dn} and {username} stand for the signed-in person."))
            .withDefault(ad ? Json() : Json("(|(member={dn})(uniqueMember={dn})(memberUid={username}))")),
        f("group_name_attribute", "string", "Group name attribute", QString()).withDefault("cn"),
        f("disabled_filter", "string", "Disabled-account filter",
          QStringLiteral("Accounts matching this LDAP filter may not sign in."))
            .withDefault(ad ? Json("(userAccountControl:1.2.840.113556.1.4.803:=2)") : Json()),
    };
    if (ad)
        schema << f("domain", "string", "Domain",
                    QStringLiteral("Lets people type user@domain or DOMAIN\\user, e.g. corp.example.com."));
    schema << f("timeout", "integer", "Timeout", QStringLiteral("Seconds to wait for the directory."))
                  .withDefault(10)
                  .withRange(1, 300)
           << f("attributes", "object", "Attributes as lookups",
                QStringLiteral(
                    "Lookup name → directory attribute; each becomes a {user.<lookup name>} lookup."));
    schema += IdentityRoleMap::configSchema();
    return schema;
}

LdapConfig LdapConfig::fromConfig(const Json &config, Kind kind)
{
    if (!config.is_object())
        throw ApiError::badRequest(QStringLiteral("The service config must be an object."));
    const QStringList known = knownKeys();
    for (auto it = config.begin(); it != config.end(); ++it)
        if (!known.contains(QString::fromStdString(it.key())))
            throw ApiError::badRequest(
                QStringLiteral("Unknown config key '%1'.").arg(QString::fromStdString(it.key())));

    const bool ad = kind == Kind::ActiveDirectory;
    LdapConfig c;
    c.kind = kind;

    c.host = text(config, "host");
    static const QRegularExpression hostPattern(
        QStringLiteral(R"(^(?:[A-Za-z0-9._-]+|\[?[0-9A-Fa-f:.]+\]?)$)"));
    if (c.host.isEmpty())
        throw badKey(QStringLiteral("host"),
                     QStringLiteral("is required (the directory server's name or address)."));
    if (!hostPattern.match(c.host).hasMatch())
        throw badKey(QStringLiteral("host"), QStringLiteral("must be a host name or an IP address."));
    if (c.host.startsWith(QLatin1Char('[')))
        c.host = c.host.mid(1, c.host.size() - 2);

    const QString encryption = text(config, "encryption", QStringLiteral("none")).toLower();
    if (encryption == QLatin1String("none"))
        c.encryption = Encryption::None;
    else if (encryption == QLatin1String("starttls"))
        c.encryption = Encryption::StartTls;
    else if (encryption == QLatin1String("ldaps"))
        c.encryption = Encryption::Ldaps;
    else
        throw badKey(QStringLiteral("encryption"), QStringLiteral("must be none, starttls or ldaps."));

    c.port = c.encryption == Encryption::Ldaps ? 636 : 389;
    if (const auto it = config.find("port"); it != config.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<qint64>() < 1 || it->get<qint64>() > 65535)
            throw badKey(QStringLiteral("port"), QStringLiteral("must be a port number (1-65535)."));
        c.port = int(it->get<qint64>());
    }
    if (const auto it = config.find("timeout"); it != config.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<qint64>() < 1 || it->get<qint64>() > 300)
            throw badKey(QStringLiteral("timeout"), QStringLiteral("must be a number of seconds (1-300)."));
        c.timeoutSeconds = int(it->get<qint64>());
    }

    const QString ca = text(config, "ca_certificate");
    if (!ca.isEmpty()) {
        if (!c.tls())
            throw badKey(QStringLiteral("ca_certificate"),
                         QStringLiteral("needs encryption 'starttls' or 'ldaps'."));
        if (ca.startsWith(QLatin1String("-----BEGIN"))) {
            c.caCertificatePem = ca;
        } else {
            QFile file(ca);
            if (!file.open(QIODevice::ReadOnly))
                throw badKey(QStringLiteral("ca_certificate"),
                             QStringLiteral("is neither PEM text nor a readable file."));
            c.caCertificateFile = ca;
            c.caCertificatePem = QString::fromUtf8(file.read(1024 * 1024));
        }
        if (QSslCertificate::fromData(c.caCertificatePem.toUtf8(), QSsl::Pem).isEmpty())
            throw badKey(QStringLiteral("ca_certificate"), QStringLiteral("holds no PEM certificate."));
    }

    c.bindDn = text(config, "bind_dn");
    checkDn(c.bindDn, "bind_dn");
    if (const auto it = config.find("bind_password"); it != config.end() && !it->is_null()) {
        if (!it->is_string())
            throw badKey(QStringLiteral("bind_password"), QStringLiteral("must be a string."));
        c.bindPassword = it->get<QString>(); // as typed: spaces may be part of it
    }
    if (c.bindDn.isEmpty() && !c.bindPassword.isEmpty())
        throw badKey(QStringLiteral("bind_password"), QStringLiteral("needs a bind_dn."));
    if (!c.bindDn.isEmpty() && c.bindPassword.isEmpty())
        // A DN with no password is an unauthenticated bind (RFC 4513 §5.1.2): it proves nothing.
        throw badKey(QStringLiteral("bind_dn"), QStringLiteral("needs a bind_password."));

    c.baseDn = text(config, "base_dn");
    if (c.baseDn.isEmpty())
        throw badKey(QStringLiteral("base_dn"), QStringLiteral("is required (where users are searched)."));
    checkDn(c.baseDn, "base_dn");
    c.groupBaseDn = text(config, "group_base_dn", c.baseDn);
    if (c.groupBaseDn.isEmpty())
        c.groupBaseDn = c.baseDn;
    checkDn(c.groupBaseDn, "group_base_dn");

    c.userFilter = text(config, "user_filter");
    checkFilter(c.userFilter, "user_filter");
    c.usernameAttribute = attribute(config, "username_attribute",
                                    ad ? QStringLiteral("sAMAccountName") : QStringLiteral("uid"));
    c.emailAttribute = attribute(config, "email_attribute", QStringLiteral("mail"));
    c.nameAttribute =
        attribute(config, "name_attribute", ad ? QStringLiteral("displayName") : QStringLiteral("cn"));
    c.firstNameAttribute = attribute(config, "first_name_attribute", QStringLiteral("givenName"));
    c.lastNameAttribute = attribute(config, "last_name_attribute", QStringLiteral("sn"));
    c.groupNameAttribute = attribute(config, "group_name_attribute", QStringLiteral("cn"));

    const QString defaultGroupFilter =
        ad ? QString() : QStringLiteral("(|(member={dn})(uniqueMember={dn})(memberUid={username}))");
    if (const auto it = config.find("group_filter"); it != config.end() && !it->is_null())
        c.groupFilter = text(config, "group_filter"); // "" chooses memberOf explicitly
    else
        c.groupFilter = defaultGroupFilter;
    checkFilter(c.groupFilter, "group_filter");

    const QString defaultDisabled =
        ad ? QStringLiteral("(userAccountControl:1.2.840.113556.1.4.803:=2)") : QString();
    if (const auto it = config.find("disabled_filter"); it != config.end() && !it->is_null())
        c.disabledFilter = text(config, "disabled_filter");
    else
        c.disabledFilter = defaultDisabled;
    checkFilter(c.disabledFilter, "disabled_filter");

    c.domain = text(config, "domain");
    if (!c.domain.isEmpty() && !ad)
        throw badKey(QStringLiteral("domain"), QStringLiteral("applies to adldap services only."));
    static const QRegularExpression domainPattern(QStringLiteral(R"(^[A-Za-z0-9.-]+$)"));
    if (!c.domain.isEmpty() && !domainPattern.match(c.domain).hasMatch())
        throw badKey(QStringLiteral("domain"),
                     QStringLiteral("must be a domain name such as corp.example.com."));

    if (const auto it = config.find("attributes"); it != config.end() && !it->is_null()) {
        if (!it->is_object())
            throw badKey(QStringLiteral("attributes"),
                         QStringLiteral("must map lookup names to LDAP attributes, e.g. "
                                        "{\"department\": \"departmentNumber\"}."));
        static const QRegularExpression lookupName(QStringLiteral("^[a-z_][a-z0-9_]*$"));
        for (auto a = it->begin(); a != it->end(); ++a) {
            const QString name = QString::fromStdString(a.key());
            if (!lookupName.match(name).hasMatch() || name.size() > 64)
                throw badKey(QStringLiteral("attributes"),
                             QStringLiteral("has the lookup name '%1'; use lower-case letters, digits and "
                                            "underscores.")
                                 .arg(name));
            if (LookupResolver::isBuiltInUserKey(name) || name == QLatin1String("group_names"))
                throw badKey(QStringLiteral("attributes"),
                             QStringLiteral("maps '%1', which is a built-in {user.%1} lookup.").arg(name));
            if (!a->is_string() || !isAttributeName(a->get<QString>().trimmed()))
                throw badKey(
                    QStringLiteral("attributes"),
                    QStringLiteral("maps '%1' to something that is not an LDAP attribute name.").arg(name));
            c.attributes.append({name, a->get<QString>().trimmed()});
        }
    }
    // The shared role keys' shape (their role and app ids are checked against the snapshot by
    // the type's validate).
    IdentityRoleMap::fromConfig(config);
    return c;
}

QString LdapConfig::url() const
{
    const QString scheme = encryption == Encryption::Ldaps ? QStringLiteral("ldaps") : QStringLiteral("ldap");
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("%1://%2:%3").arg(scheme, h).arg(port);
}

QString LdapConfig::address() const
{
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("%1:%2").arg(h).arg(port);
}

QString LdapConfig::accountName(const QString &input) const
{
    if (domain.isEmpty())
        return input;
    const qsizetype at = input.lastIndexOf(QLatin1Char('@'));
    if (at > 0 && input.mid(at + 1).compare(domain, Qt::CaseInsensitive) == 0)
        return input.left(at);
    const qsizetype slash = input.indexOf(QLatin1Char('\\'));
    if (slash > 0) {
        const QString prefix = input.left(slash);
        // The NetBIOS name is usually the first label of the DNS domain.
        if (prefix.compare(domain, Qt::CaseInsensitive) == 0 ||
            prefix.compare(domain.section(QLatin1Char('.'), 0, 0), Qt::CaseInsensitive) == 0)
            return input.mid(slash + 1);
    }
    return input;
}

QString LdapConfig::userSearchFilter(const QString &name) const
{
    const QString match = QStringLiteral("(%1=%2)").arg(usernameAttribute, LdapEscape::filterValue(name));
    if (userFilter.isEmpty())
        return match;
    return QStringLiteral("(&%1%2)").arg(userFilter, match);
}

QString LdapConfig::groupSearchFilter(const QString &userDn, const QString &username) const
{
    // One pass over the template, so text inserted for one placeholder is never read as the
    // other (a DN may contain "{username}").
    static const QString dnMark = QStringLiteral("{dn}");
    static const QString nameMark = QStringLiteral("{username}");
    QString out;
    for (qsizetype i = 0; i < groupFilter.size();) {
        if (groupFilter.mid(i, dnMark.size()) == dnMark) {
            out += LdapEscape::filterValue(userDn);
            i += dnMark.size();
        } else if (groupFilter.mid(i, nameMark.size()) == nameMark) {
            out += LdapEscape::filterValue(username);
            i += nameMark.size();
        } else {
            out += groupFilter.at(i++);
        }
    }
    return out;
}

QStringList LdapConfig::userAttributes() const
{
    QStringList attrs{usernameAttribute, emailAttribute, nameAttribute, firstNameAttribute,
                      lastNameAttribute};
    if (groupFilter.isEmpty())
        attrs << QStringLiteral("memberOf");
    for (const auto &[name, attr] : attributes)
        attrs << attr;
    attrs.removeDuplicates();
    return attrs;
}
} // namespace gatehouse
