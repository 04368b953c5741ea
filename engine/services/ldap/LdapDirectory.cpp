#include "LdapDirectory.h"

#include <algorithm>

#include "LdapConnection.h"

namespace gatehouse {
namespace {
// Longer names are no one's: refused before the directory is asked.
constexpr int kMaxNameLength = 256;
// Enough for the probe to say "about how many"; a real count could be a very long search.
constexpr int kProbeCountLimit = 1000;

LdapDirectory::Outcome refusal(int status, const QString &message)
{
    LdapDirectory::Outcome outcome;
    outcome.status = status;
    outcome.message = message;
    return outcome;
}

LdapDirectory::Outcome invalid()
{
    return refusal(401, QString::fromLatin1(LdapDirectory::kInvalidCredentials));
}

// The directory failed us (not the person signing in).
LdapDirectory::Outcome sourceFailure(const LdapConnection &connection)
{
    if (connection.failure() == LdapConnection::Failure::Timeout)
        return refusal(504,
                       QStringLiteral("The directory did not answer in time. ") + connection.errorString());
    return refusal(502, QStringLiteral("The directory could not be used. ") + connection.errorString());
}

QStringList groupNames(const QList<LdapEntry> &groups, const QString &nameAttribute)
{
    QStringList names;
    for (const LdapEntry &group : groups) {
        const QString name = group.first(nameAttribute);
        names << (name.isEmpty() ? LdapDirectory::firstRdnValue(group.dn) : name);
    }
    return names;
}
} // namespace

QString LdapDirectory::firstRdnValue(const QString &dn)
{
    const qsizetype equals = dn.indexOf(QLatin1Char('='));
    if (equals < 0)
        return QString();
    QByteArray value;
    const QByteArray bytes = dn.mid(equals + 1).toUtf8();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c == ',' || c == '+')
            break;
        if (c == '\\' && i + 1 < bytes.size()) {
            const QByteArray hex = bytes.mid(i + 1, 2);
            bool ok = false;
            const int byte = hex.size() == 2 ? hex.toInt(&ok, 16) : 0;
            if (ok) {
                value += char(byte);
                i += 2;
            } else {
                value += bytes.at(++i);
            }
            continue;
        }
        value += c;
    }
    return QString::fromUtf8(value).trimmed();
}

LdapDirectory::Outcome LdapDirectory::signIn(const LdapConfig &config, const QString &username,
                                             const QString &password)
{
    // An empty password would be an unauthenticated bind, which directories answer with
    // success for any DN (RFC 4513 §5.1.2): refused before anything is sent.
    if (password.isEmpty())
        return invalid();
    const QString name = config.accountName(username.trimmed());
    if (name.isEmpty() || name.size() > kMaxNameLength)
        return invalid();

    LdapConnection connection(config);
    if (!connection.open())
        return sourceFailure(connection);
    if (!connection.bindServiceAccount()) {
        if (connection.failure() == LdapConnection::Failure::InvalidCredentials)
            return refusal(502,
                           QStringLiteral("The directory refused the service account; check the service's "
                                          "bind_dn and bind_password."));
        return sourceFailure(connection);
    }

    bool truncated = false;
    const auto found = connection.search(config.baseDn, false, config.userSearchFilter(name),
                                         config.userAttributes(), 2, &truncated);
    if (!found)
        return sourceFailure(connection);
    // None, or a name that is not unique: the same answer as a wrong password, so the answer
    // tells nothing about which names exist.
    if (found->size() != 1 || truncated || found->first().dn.isEmpty()) {
        // The same round trips as for a real entry (disabled check, bind), so the time an
        // answer takes says little more than its text about whether the name exists.
        const QString decoy = QStringLiteral("cn=gatehouse-no-such-user,") + config.baseDn;
        if (!config.disabledFilter.isEmpty())
            connection.search(decoy, true, config.disabledFilter, {QStringLiteral("1.1")}, 1);
        connection.bind(decoy, password);
        return invalid();
    }
    const LdapEntry user = found->first();

    if (!config.disabledFilter.isEmpty()) {
        const auto disabled =
            connection.search(user.dn, true, config.disabledFilter, {QStringLiteral("1.1")}, 1);
        if (!disabled)
            return sourceFailure(connection);
        if (!disabled->isEmpty())
            return refusal(403, QStringLiteral("This account is disabled in the directory."));
    }

    if (!connection.bind(user.dn, password)) {
        switch (connection.failure()) {
        case LdapConnection::Failure::Unavailable:
        case LdapConnection::Failure::Timeout:
            return sourceFailure(connection);
        default:
            // Wrong password, or a policy refusal (expired, locked): not the caller's to learn.
            return invalid();
        }
    }

    ExternalIdentity identity;
    identity.subject = user.dn;
    identity.username = user.first(config.usernameAttribute);
    if (identity.username.isEmpty())
        identity.username = name;
    identity.email = user.first(config.emailAttribute);
    identity.name = user.first(config.nameAttribute);
    identity.firstName = user.first(config.firstNameAttribute);
    identity.lastName = user.first(config.lastNameAttribute);

    QStringList names;
    if (config.groupFilter.isEmpty()) {
        identity.groups = user.all(QStringLiteral("memberOf"));
        for (const QString &dn : identity.groups)
            names << firstRdnValue(dn);
    } else {
        // Group entries are read with the service account's rights, not the user's.
        if (!connection.bindServiceAccount())
            return sourceFailure(connection);
        const auto groups =
            connection.search(config.groupBaseDn, false, config.groupSearchFilter(user.dn, identity.username),
                              {config.groupNameAttribute}, 0);
        if (!groups)
            return sourceFailure(connection);
        for (const LdapEntry &group : *groups)
            identity.groups << group.dn;
        names = groupNames(*groups, config.groupNameAttribute);
    }
    // Sorted: directories return values in no promised order, and a reordering alone must
    // neither rewrite the user nor change what {user.groups} reads.
    std::sort(identity.groups.begin(), identity.groups.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    std::sort(names.begin(), names.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    identity.attributes.insert(QStringLiteral("group_names"), names.join(QLatin1Char(',')));
    for (const auto &[lookup, attribute] : config.attributes)
        identity.attributes.insert(lookup, user.all(attribute).join(QLatin1Char(',')));

    Outcome outcome;
    outcome.identity = std::move(identity);
    return outcome;
}

Json LdapDirectory::probe(const LdapConfig &config)
{
    Json steps = Json::array();
    auto step = [&steps](const char *name, bool success, const QString &detail) {
        steps.push_back(Json{{"name", name}, {"success", success}, {"detail", detail.toStdString()}});
        return success;
    };
    auto finish = [&steps](bool success) { return Json{{"success", success}, {"steps", steps}}; };

    LdapConnection connection(config);
    if (!connection.open())
        return finish(step("connect", false, connection.errorString()));
    QString how = QStringLiteral("Connected to %1").arg(config.url());
    if (config.encryption == LdapConfig::Encryption::StartTls)
        how += QStringLiteral(" and switched to TLS with StartTLS; the server certificate is trusted.");
    else if (config.encryption == LdapConfig::Encryption::Ldaps)
        how += QStringLiteral(" over TLS; the server certificate is trusted.");
    else
        how += QStringLiteral(" without encryption (passwords cross the network in the clear).");
    step("connect", true, how);

    if (!connection.bindServiceAccount()) {
        const QString detail =
            connection.failure() == LdapConnection::Failure::InvalidCredentials
                ? QStringLiteral("The directory refused bind_dn '%1' with the given password.")
                      .arg(config.bindDn)
                : connection.errorString();
        return finish(step("bind", false, detail));
    }
    step("bind", true,
         config.bindDn.isEmpty() ? QStringLiteral("Bound anonymously (no bind_dn is set).")
                                 : QStringLiteral("Bound as '%1'.").arg(config.bindDn));

    const QString presence = QStringLiteral("(%1=*)").arg(config.usernameAttribute);
    const QString filter =
        config.userFilter.isEmpty() ? presence : QStringLiteral("(&%1%2)").arg(config.userFilter, presence);
    bool truncated = false;
    const auto users = connection.search(config.baseDn, false, filter, {QStringLiteral("1.1")},
                                         kProbeCountLimit, &truncated);
    if (!users)
        return finish(step("search", false, connection.errorString()));
    if (users->isEmpty())
        return finish(step("search", false,
                           QStringLiteral("No users match %1 under '%2'; check base_dn, user_filter and "
                                          "username_attribute.")
                               .arg(filter, config.baseDn)));
    step("search", true,
         truncated ? QStringLiteral("More than %1 users match %2 under '%3'.")
                         .arg(users->size())
                         .arg(filter, config.baseDn)
                   : QStringLiteral("%1 user(s) match %2 under '%3'.")
                         .arg(users->size())
                         .arg(filter, config.baseDn));
    return finish(true);
}
} // namespace gatehouse
