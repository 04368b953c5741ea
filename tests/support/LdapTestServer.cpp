#include "LdapTestServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include "ChildProcess.h"

namespace gatehouse::test {
namespace {
QString tool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin")});
    return path;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

// sAMAccountName, memberOf and userAccountControl as Active Directory has them, on a private
// OID arc, and an auxiliary class to hang them on inetOrgPerson entries.
const char *kAdSchema = R"(attributetype ( 1.3.6.1.4.1.55555.1.1.1 NAME 'sAMAccountName'
    EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.1.2 NAME 'memberOf'
    EQUALITY distinguishedNameMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )
attributetype ( 1.3.6.1.4.1.55555.1.1.3 NAME 'userAccountControl'
    EQUALITY integerMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.55555.1.2.1 NAME 'gatehouseAdUser' AUXILIARY
    MAY ( sAMAccountName $ memberOf $ userAccountControl ) )
)";

const char *kSeed = R"(dn: dc=example,dc=org
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: ou=people,dc=example,dc=org
objectClass: organizationalUnit
ou: people

dn: ou=groups,dc=example,dc=org
objectClass: organizationalUnit
ou: groups

dn: ou=services,dc=example,dc=org
objectClass: organizationalUnit
ou: services

dn: ou=corp,dc=example,dc=org
objectClass: organizationalUnit
ou: corp

dn: cn=gatehouse,ou=services,dc=example,dc=org
objectClass: applicationProcess
objectClass: simpleSecurityObject
cn: gatehouse
userPassword: Service-Bind-Secret-42

dn: uid=alice,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: alice
cn: Alice Archer
givenName: Alice
sn: Archer
mail: alice@example.org
departmentNumber: Sales
userPassword: alice-Passw0rd

dn: uid=bob,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: bob
cn: Bob Baker
givenName: Bob
sn: Baker
mail: bob@example.org
departmentNumber: Engineering
userPassword: bob-Passw0rd

dn: uid=carol,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: carol
cn: Carol Clark
givenName: Carol
sn: Clark
mail: carol@example.org
employeeType: disabled
userPassword: carol-Passw0rd

dn: uid=zed*(x)\, jr,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: zed*(x), jr
cn: Zed Special
sn: Special
mail: zed@example.org
userPassword: zed-Passw0rd

dn: cn=specials,ou=groups,dc=example,dc=org
objectClass: groupOfNames
cn: specials
member: uid=zed*(x)\, jr,ou=people,dc=example,dc=org

dn: cn=analysts,ou=groups,dc=example,dc=org
objectClass: groupOfNames
cn: analysts
member: uid=alice,ou=people,dc=example,dc=org
member: uid=carol,ou=people,dc=example,dc=org

dn: cn=engineers,ou=groups,dc=example,dc=org
objectClass: groupOfNames
cn: engineers
member: uid=bob,ou=people,dc=example,dc=org

dn: cn=gh-admins,ou=groups,dc=example,dc=org
objectClass: groupOfNames
cn: gh-admins
member: uid=bob,ou=people,dc=example,dc=org

dn: cn=legacy,ou=groups,dc=example,dc=org
objectClass: posixGroup
cn: legacy
gidNumber: 5000
memberUid: alice

dn: cn=Dave Doe,ou=corp,dc=example,dc=org
objectClass: inetOrgPerson
objectClass: gatehouseAdUser
cn: Dave Doe
displayName: Dave Doe
givenName: Dave
sn: Doe
mail: dave@corp.example.org
sAMAccountName: ddoe
userAccountControl: 512
memberOf: cn=analysts,ou=groups,dc=example,dc=org
memberOf: cn=gh-admins,ou=groups,dc=example,dc=org
userPassword: ddoe-Passw0rd

dn: cn=Erin Eve,ou=corp,dc=example,dc=org
objectClass: inetOrgPerson
objectClass: gatehouseAdUser
cn: Erin Eve
displayName: Erin Eve
sn: Eve
mail: erin@corp.example.org
sAMAccountName: eeve
userAccountControl: 514
userPassword: eeve-Passw0rd
)";
} // namespace

LdapTestServer::~LdapTestServer()
{
    stop();
}

bool LdapTestServer::available()
{
    return !tool(QStringLiteral("slapd")).isEmpty() && !tool(QStringLiteral("slapadd")).isEmpty() &&
           !tool(QStringLiteral("ldapmodify")).isEmpty() && !tool(QStringLiteral("openssl")).isEmpty() &&
           QFile::exists(QStringLiteral("/usr/lib/ldap/back_mdb.so"));
}

bool LdapTestServer::required()
{
    return qEnvironmentVariableIntValue("GATEHOUSE_TEST_REQUIRE_DATABASES") == 1;
}

QString LdapTestServer::caCertificateFile() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("ca.pem")) : QString();
}

bool LdapTestServer::writeFile(const QString &name, const QByteArray &content)
{
    QFile file(m_dir->filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        m_error = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    return true;
}

bool LdapTestServer::run(const QString &program, const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir->path());
    process.start(tool(program), arguments);
    if (!process.waitForStarted(10000)) {
        m_error = QStringLiteral("%1 did not start").arg(program);
        return false;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2").arg(program, QString::fromUtf8(process.readAll()));
        process.kill();
        process.waitForFinished(2000);
        return false;
    }
    return true;
}

bool LdapTestServer::start()
{
    if (!available()) {
        m_error = QStringLiteral("slapd, slapadd, ldapmodify or openssl is not installed");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid() || !QDir(m_dir->path()).mkpath(QStringLiteral("db"))) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    // A test CA and a server certificate it issued for localhost / 127.0.0.1 (Debian's slapd
    // uses GnuTLS, which reads these PEM files as they are).
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    if (!writeFile(QStringLiteral("server-ext.cnf"),
                   "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                   "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n") ||
        !run(QStringLiteral("openssl"),
             QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                 QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                             QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                             QStringLiteral("-subj"), QStringLiteral("/CN=Gatehouse LDAP Test CA"),
                             QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                             QStringLiteral("-addext"),
                             QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}) ||
        !run(QStringLiteral("openssl"),
             QStringList{QStringLiteral("req")} + ec +
                 QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                             QStringLiteral("server.csr"), QStringLiteral("-subj"),
                             QStringLiteral("/CN=localhost")}) ||
        !run(QStringLiteral("openssl"),
             {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
              QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
              QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
              QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
              QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server-ext.cnf")}))
        return false;
    QFile ca(m_dir->filePath(QStringLiteral("ca.pem")));
    if (!ca.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("no CA certificate");
        return false;
    }
    m_caPem = ca.readAll();

    const QString dir = m_dir->path();
    const QByteArray config =
        QStringLiteral(R"(include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
include %1/gatehouse-ad.schema
pidfile %1/slapd.pid
argsfile %1/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCACertificateFile %1/ca.pem
TLSCertificateFile %1/server.pem
TLSCertificateKeyFile %1/server.key
database mdb
maxsize 16777216
suffix "%2"
rootdn "%3"
rootpw %4
directory %1/db
access to attrs=userPassword
    by self write
    by anonymous auth
    by * none
access to *
    by users read
    by * none
)")
            .arg(dir, QLatin1String(kSuffix), QLatin1String(kRootDn), QLatin1String(kRootPassword))
            .toUtf8();
    if (!writeFile(QStringLiteral("gatehouse-ad.schema"), kAdSchema) ||
        !writeFile(QStringLiteral("slapd.conf"), config) || !writeFile(QStringLiteral("seed.ldif"), kSeed))
        return false;
    if (!run(QStringLiteral("slapadd"), {QStringLiteral("-f"), m_dir->filePath(QStringLiteral("slapd.conf")),
                                         QStringLiteral("-l"), m_dir->filePath(QStringLiteral("seed.ldif"))}))
        return false;

    for (int attempt = 0; attempt < 5; ++attempt) {
        m_ldapPort = freePort();
        m_ldapsPort = freePort();
        if (!m_ldapPort || !m_ldapsPort || m_ldapPort == m_ldapsPort)
            continue;
        m_slapd.setProcessChannelMode(QProcess::MergedChannels);
        m_slapd.start(
            tool(QStringLiteral("slapd")),
            {QStringLiteral("-d"), QStringLiteral("0"), QStringLiteral("-f"),
             m_dir->filePath(QStringLiteral("slapd.conf")), QStringLiteral("-h"),
             QStringLiteral("ldap://127.0.0.1:%1/ ldaps://127.0.0.1:%2/").arg(m_ldapPort).arg(m_ldapsPort)});
        if (!m_slapd.waitForStarted(10000)) {
            m_error = QStringLiteral("slapd did not start");
            return false;
        }
        // Up when both ports accept a connection; a port taken in between makes slapd exit.
        const QDeadlineTimer deadline(20000);
        bool up = false;
        while (!deadline.hasExpired() && m_slapd.state() == QProcess::Running) {
            QTcpSocket plain, secure;
            plain.connectToHost(QHostAddress::LocalHost, m_ldapPort);
            secure.connectToHost(QHostAddress::LocalHost, m_ldapsPort);
            if (plain.waitForConnected(500) && secure.waitForConnected(500)) {
                up = true;
                break;
            }
            QThread::msleep(100);
        }
        if (up)
            return true;
        m_error = QStringLiteral("slapd did not come up: %1").arg(QString::fromUtf8(m_slapd.readAll()));
        m_slapd.kill();
        m_slapd.waitForFinished(5000);
    }
    return false;
}

void LdapTestServer::stop()
{
    ChildProcess::stop(m_slapd, 10000);
    m_ldapPort = m_ldapsPort = 0;
}

bool LdapTestServer::modify(const QByteArray &ldif)
{
    return run(QStringLiteral("ldapmodify"),
               {QStringLiteral("-x"), QStringLiteral("-H"),
                QStringLiteral("ldap://127.0.0.1:%1").arg(m_ldapPort), QStringLiteral("-D"),
                QLatin1String(kRootDn), QStringLiteral("-w"), QLatin1String(kRootPassword)},
               ldif);
}
} // namespace gatehouse::test
