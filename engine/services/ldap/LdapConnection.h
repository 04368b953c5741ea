#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "LdapConfig.h"

class QTemporaryFile;
typedef struct ldap LDAP;

namespace gatehouse {

struct LdapEntry
{
    QString dn;
    QHash<QString, QStringList> values; // lower-case attribute name → values (UTF-8)

    QStringList all(const QString &attribute) const { return values.value(attribute.toLower()); }
    QString first(const QString &attribute) const
    {
        const QStringList v = all(attribute);
        return v.isEmpty() ? QString() : v.first();
    }
};

// One connection to a directory through OpenLDAP's libldap. Every call blocks (up to the
// config's timeout), so it lives and dies on one worker thread of LdapService's pool, never on
// the event loop. TLS is verified always (LDAP_OPT_X_TLS_REQUIRE_CERT=HARD, the host name
// too), against the configured CA or the system's.
class LdapConnection
{
public:
    enum class Failure
    {
        None,
        InvalidCredentials, // a bind with the wrong password (LDAP result 49)
        Unavailable,        // cannot connect, connection lost, TLS refused
        Timeout,
        Refused, // any other result code (no such object, insufficient access, bad filter ...)
    };

    explicit LdapConnection(const LdapConfig &config);
    ~LdapConnection();
    LdapConnection(const LdapConnection &) = delete;
    LdapConnection &operator=(const LdapConnection &) = delete;

    // Connects (and for starttls upgrades the connection).
    bool open();
    // A simple bind. An empty password is refused here without a network call: to a
    // directory it would be an unauthenticated bind, which "succeeds" for any DN.
    bool bind(const QString &dn, const QString &password);
    bool bindServiceAccount();
    // Subtree (or base) search; at most `sizeLimit` entries (0: the server's limit). More
    // matches than that are reported through `truncated`, not as a failure.
    std::optional<QList<LdapEntry>> search(const QString &base, bool baseScope, const QString &filter,
                                           const QStringList &attributes, int sizeLimit,
                                           bool *truncated = nullptr);

    Failure failure() const { return m_failure; }
    int resultCode() const { return m_code; }
    // What went wrong, in plain words, never with a password in it.
    QString errorString() const { return m_error; }

private:
    bool fail(int code, const QString &what);

    const LdapConfig &m_config;
    LDAP *m_ld = nullptr;
    std::unique_ptr<QTemporaryFile> m_caFile;
    Failure m_failure = Failure::None;
    int m_code = 0;
    QString m_error;
};
} // namespace gatehouse
