#pragma once

#include <memory>

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace gatehouse::test {

// A real OpenLDAP server (Debian's slapd) on two free loopback ports, plain LDAP (also for
// StartTLS) and LDAPS, with a throw-away database seeded from an LDIF and a test CA that
// issued its certificate (for localhost and 127.0.0.1). The directory (suffix dc=example,dc=org):
//   cn=gatehouse,ou=services         the service account (kServicePassword); reads everything
//   uid=alice,ou=people              Alice Archer, alice@example.org, departmentNumber Sales,
//                                    in cn=analysts (groupOfNames) and cn=legacy (posixGroup, memberUid)
//   uid=bob,ou=people                Bob Baker, bob@example.org, Engineering, in cn=engineers and
//                                    cn=gh-admins
//   uid=carol,ou=people              employeeType "disabled" (for a disabled_filter), in cn=analysts
//   uid=zed*(x)\, jr,ou=people       filter and DN specials in the name, in cn=specials
//   cn=Dave Doe,ou=corp              AD-like: sAMAccountName ddoe, userAccountControl 512 (enabled),
//                                    memberOf cn=analysts and cn=gh-admins
//   cn=Erin Eve,ou=corp              AD-like: sAMAccountName eeve, userAccountControl 514 (disabled)
// Every user's password is "<name>-Passw0rd" (alice-Passw0rd, ddoe-Passw0rd, ...). The AD
// attributes come from a small test schema (sAMAccountName, memberOf, userAccountControl as an
// INTEGER so integerBitAndMatch 1.2.840.113556.1.4.803 works, auxiliary class gatehouseAdUser).
class LdapTestServer
{
public:
    static constexpr const char *kSuffix = "dc=example,dc=org";
    static constexpr const char *kRootDn = "cn=admin,dc=example,dc=org";
    static constexpr const char *kRootPassword = "Root-Passw0rd";
    static constexpr const char *kServiceDn = "cn=gatehouse,ou=services,dc=example,dc=org";
    static constexpr const char *kServicePassword = "Service-Bind-Secret-42";

    LdapTestServer() = default;
    ~LdapTestServer();
    LdapTestServer(const LdapTestServer &) = delete;
    LdapTestServer &operator=(const LdapTestServer &) = delete;

    // Is slapd (and slapadd, openssl, ldapmodify) installed?
    static bool available();
    // With GATEHOUSE_TEST_REQUIRE_DATABASES=1 a missing slapd is a failure, not a skip.
    static bool required();

    // Writes the config, certificates and seed, runs slapadd, starts slapd and waits (up to
    // 20 s) until it answers. False with errorString() on failure.
    bool start();
    void stop();
    QString errorString() const { return m_error; }

    quint16 ldapPort() const { return m_ldapPort; }
    quint16 ldapsPort() const { return m_ldapsPort; }
    QByteArray caCertificatePem() const { return m_caPem; }
    QString caCertificateFile() const;

    // Applies an LDIF change record as the root DN (ldapmodify); false with errorString().
    bool modify(const QByteArray &ldif);

private:
    bool run(const QString &program, const QStringList &arguments, const QByteArray &input = {});
    bool writeFile(const QString &name, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_slapd;
    quint16 m_ldapPort = 0;
    quint16 m_ldapsPort = 0;
    QByteArray m_caPem;
    QString m_error;
};
} // namespace gatehouse::test

// In a test function: skips (or, in CI, fails) when slapd is missing.
#define GATEHOUSE_REQUIRE_SLAPD()                                                                            \
    do {                                                                                                     \
        if (!gatehouse::test::LdapTestServer::available()) {                                                 \
            if (gatehouse::test::LdapTestServer::required())                                                 \
                QFAIL("slapd is required (GATEHOUSE_TEST_REQUIRE_DATABASES=1) but not installed "            \
                      "(apt-get install slapd ldap-utils)");                                                 \
            QSKIP("slapd is not installed (apt-get install slapd ldap-utils)");                              \
        }                                                                                                    \
    } while (false)
