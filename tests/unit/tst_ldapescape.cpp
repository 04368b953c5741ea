// LDAP injection safety: RFC 4515 filter values and RFC 4514 DN values are escaped, the filters
// a sign-in builds hold the input only as an escaped literal, and the ldap/adldap config is
// validated key by key (unknown keys, attribute and lookup names, filters, TLS settings).
#include <QTest>

#include "core/ApiError.h"
#include "services/ldap/LdapConfig.h"
#include "services/ldap/LdapDirectory.h"
#include "services/ldap/LdapEscape.h"

using namespace gatehouse;

namespace {
Json baseConfig()
{
    return Json{{"host", "ldap.example.org"},
                {"base_dn", "dc=example,dc=org"},
                {"bind_dn", "cn=svc,dc=example,dc=org"},
                {"bind_password", "secret"}};
}

QString configError(const Json &config, LdapConfig::Kind kind = LdapConfig::Kind::Ldap)
{
    try {
        LdapConfig::fromConfig(config, kind);
    } catch (const ApiError &e) {
        return e.message();
    }
    return QString();
}
} // namespace

class TestLdapEscape : public QObject
{
    Q_OBJECT
private slots:
    void filterValue_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << "alice"
                               << "alice";
        QTest::newRow("star") << "*"
                              << "\\2a";
        QTest::newRow("close and reopen") << "*)(uid=*"
                                          << "\\2a\\29\\28uid=\\2a";
        QTest::newRow("or everyone") << "admin)(|(uid=*"
                                     << "admin\\29\\28|\\28uid=\\2a";
        QTest::newRow("objectClass") << "*)(|(objectClass=*"
                                     << "\\2a\\29\\28|\\28objectClass=\\2a";
        QTest::newRow("backslash") << "a\\b"
                                   << "a\\5cb";
        QTest::newRow("already escaped") << "\\2a"
                                         << "\\5c2a";
        QTest::newRow("NUL") << QString(QStringLiteral("al") + QChar(0) + QStringLiteral("ice"))
                             << "al\\00ice";
        QTest::newRow("control") << "a\nb\x7f"
                                 << "a\\0ab\\7f";
        QTest::newRow("utf-8") << QStringLiteral("j\u00f6rg") << "j\\c3\\b6rg";
        QTest::newRow("dn specials untouched") << ",+\"<>;= #"
                                               << ",+\"<>;= #";
    }
    void filterValue()
    {
        QFETCH(QString, input);
        QFETCH(QString, escaped);
        QCOMPARE(LdapEscape::filterValue(input), escaped);
        // Whatever the input, the result holds no filter syntax of its own.
        const QString out = LdapEscape::filterValue(input);
        QVERIFY(!out.contains(QLatin1Char('(')) && !out.contains(QLatin1Char(')')) &&
                !out.contains(QLatin1Char('*')));
    }

    void dnValue_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << "Alice Archer"
                               << "Alice Archer";
        QTest::newRow("specials") << ",+\"<>;="
                                  << "\\,\\+\\\"\\<\\>\\;\\=";
        QTest::newRow("backslash") << "a\\b"
                                   << "a\\\\b";
        QTest::newRow("leading hash") << "#admin"
                                      << "\\#admin";
        QTest::newRow("inner hash") << "a#b"
                                    << "a#b";
        QTest::newRow("leading space") << " admin"
                                       << "\\ admin";
        QTest::newRow("trailing space") << "admin "
                                        << "admin\\ ";
        QTest::newRow("single space") << " "
                                      << "\\ ";
        QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << "a\\00b";
        QTest::newRow("rdn injection") << "x,ou=admins,dc=example,dc=org"
                                       << "x\\,ou\\=admins\\,dc\\=example\\,dc\\=org";
        QTest::newRow("utf-8 kept") << QStringLiteral("J\u00f6rg") << QStringLiteral("J\u00f6rg");
        QTest::newRow("filter specials kept") << "*()"
                                              << "*()";
    }
    void dnValue()
    {
        QFETCH(QString, input);
        QFETCH(QString, escaped);
        QCOMPARE(LdapEscape::dnValue(input), escaped);
    }

    void firstRdnValue()
    {
        QCOMPARE(LdapDirectory::firstRdnValue(QStringLiteral("cn=Analysts,ou=groups,dc=example,dc=org")),
                 QStringLiteral("Analysts"));
        QCOMPARE(LdapDirectory::firstRdnValue(QStringLiteral("cn=Smith\\, John,ou=people")),
                 QStringLiteral("Smith, John"));
        QCOMPARE(LdapDirectory::firstRdnValue(QStringLiteral("cn=J\\c3\\b6rg,ou=people")),
                 QStringLiteral("J\u00f6rg"));
        QCOMPARE(LdapDirectory::firstRdnValue(QStringLiteral("no rdn")), QString());
    }

    void userSearchFilterEscapesInput()
    {
        Json config = baseConfig();
        config["user_filter"] = "(objectClass=inetOrgPerson)";
        const LdapConfig c = LdapConfig::fromConfig(config, LdapConfig::Kind::Ldap);
        QCOMPARE(c.userSearchFilter(QStringLiteral("alice")),
                 QStringLiteral("(&(objectClass=inetOrgPerson)(uid=alice))"));
        QCOMPARE(c.userSearchFilter(QStringLiteral("*)(uid=*")),
                 QStringLiteral("(&(objectClass=inetOrgPerson)(uid=\\2a\\29\\28uid=\\2a))"));
        const LdapConfig ad = LdapConfig::fromConfig(baseConfig(), LdapConfig::Kind::ActiveDirectory);
        QCOMPARE(ad.userSearchFilter(QStringLiteral("admin)(|(uid=*")),
                 QStringLiteral("(sAMAccountName=admin\\29\\28|\\28uid=\\2a)"));
    }

    void groupSearchFilterEscapesBothPlaceholders()
    {
        const LdapConfig c = LdapConfig::fromConfig(baseConfig(), LdapConfig::Kind::Ldap);
        QCOMPARE(
            c.groupSearchFilter(QStringLiteral("uid=a\\2a,ou=people,dc=x"), QStringLiteral("a*")),
            QStringLiteral("(|(member=uid=a\\5c2a,ou=people,dc=x)(uniqueMember=uid=a\\5c2a,ou=people,dc=x)"
                           "(memberUid=a\\2a))"));
        // A DN that contains the other placeholder's text is not expanded twice.
        QCOMPARE(c.groupSearchFilter(QStringLiteral("cn={username}"), QStringLiteral("bob")),
                 QStringLiteral("(|(member=cn={username})(uniqueMember=cn={username})(memberUid=bob))"));
    }

    void adDefaultsAndDomain()
    {
        Json config = baseConfig();
        config["domain"] = "corp.example.org";
        const LdapConfig ad = LdapConfig::fromConfig(config, LdapConfig::Kind::ActiveDirectory);
        QCOMPARE(ad.usernameAttribute, QStringLiteral("sAMAccountName"));
        QCOMPARE(ad.disabledFilter, QStringLiteral("(userAccountControl:1.2.840.113556.1.4.803:=2)"));
        QVERIFY(ad.groupFilter.isEmpty()); // memberOf
        QVERIFY(ad.userAttributes().contains(QStringLiteral("memberOf")));
        QCOMPARE(ad.accountName(QStringLiteral("ddoe@CORP.example.org")), QStringLiteral("ddoe"));
        QCOMPARE(ad.accountName(QStringLiteral("CORP\\ddoe")), QStringLiteral("ddoe"));
        QCOMPARE(ad.accountName(QStringLiteral("ddoe@other.org")), QStringLiteral("ddoe@other.org"));
        QCOMPARE(ad.port, 389);
        config["encryption"] = "ldaps";
        QCOMPARE(LdapConfig::fromConfig(config, LdapConfig::Kind::ActiveDirectory).port, 636);
        QCOMPARE(LdapConfig::fromConfig(config, LdapConfig::Kind::ActiveDirectory).url(),
                 QStringLiteral("ldaps://ldap.example.org:636"));
    }

    void configValidation_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value"); // JSON
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown key") << "bind_passwd"
                                     << "\"x\""
                                     << "bind_passwd";
        QTest::newRow("no host") << "host"
                                 << "\"\""
                                 << "host";
        QTest::newRow("host with path") << "host"
                                        << "\"ldap.example.org/x\""
                                        << "host";
        QTest::newRow("bad port") << "port"
                                  << "70000"
                                  << "port";
        QTest::newRow("bad encryption") << "encryption"
                                        << "\"tls\""
                                        << "encryption";
        QTest::newRow("ca without tls") << "ca_certificate"
                                        << "\"-----BEGIN CERTIFICATE-----\""
                                        << "ca_certificate";
        QTest::newRow("attribute injection") << "username_attribute"
                                             << "\"uid)(cn=*\""
                                             << "username_attribute";
        QTest::newRow("filter unbalanced") << "user_filter"
                                           << "\"(objectClass=person\""
                                           << "user_filter";
        QTest::newRow("filter two") << "user_filter"
                                    << "\"(a=b)(c=d)\""
                                    << "user_filter";
        QTest::newRow("filter bare") << "disabled_filter"
                                     << "\"employeeType=disabled\""
                                     << "disabled_filter";
        QTest::newRow("lookup name") << "attributes"
                                     << "{\"Department\":\"departmentNumber\"}"
                                     << "Department";
        QTest::newRow("reserved lookup") << "attributes"
                                         << "{\"email\":\"mail\"}"
                                         << "email";
        QTest::newRow("bad ldap attribute") << "attributes"
                                            << "{\"dept\":\"a b\"}"
                                            << "dept";
        QTest::newRow("timeout") << "timeout"
                                 << "0"
                                 << "timeout";
        QTest::newRow("domain on ldap") << "domain"
                                        << "\"corp.example\""
                                        << "domain";
        QTest::newRow("role map") << "group_role_map"
                                  << "[{\"group\":\"x\"}]"
                                  << "group_role_map";
    }
    void configValidation()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        Json config = baseConfig();
        config[key.toStdString()] = Json::parse(value.toStdString());
        const QString error = configError(config);
        QVERIFY2(!error.isEmpty(), "accepted");
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void unauthenticatedBindConfigsRefused()
    {
        Json config = baseConfig();
        config["bind_password"] = "";
        QVERIFY(configError(config).contains(QLatin1String("bind_dn")));
        config = baseConfig();
        config.erase("bind_dn");
        QVERIFY(configError(config).contains(QLatin1String("bind_password")));
        config.erase("bind_password");
        QVERIFY(configError(config).isEmpty()); // anonymous search is a choice
    }

    void emptyPasswordNeverBinds()
    {
        // Port 9 on loopback: a bind attempt would fail as "unavailable" (502), not 401.
        Json config = baseConfig();
        config["host"] = "127.0.0.1";
        config["port"] = 9;
        const LdapConfig c = LdapConfig::fromConfig(config, LdapConfig::Kind::Ldap);
        const auto outcome = LdapDirectory::signIn(c, QStringLiteral("alice"), QString());
        QCOMPARE(outcome.status, 401);
        QVERIFY(!outcome.identity);
        const auto down = LdapDirectory::signIn(c, QStringLiteral("alice"), QStringLiteral("x"));
        QCOMPARE(down.status, 502);
    }
};

QTEST_GUILESS_MAIN(TestLdapEscape)
#include "tst_ldapescape.moc"
