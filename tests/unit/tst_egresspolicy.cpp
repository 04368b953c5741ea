#include <optional>

#include <QSignalSpy>
#include <QTest>

#include "TestMain.h"
#include "http/EgressPolicy.h"

using namespace gatehouse;

class TestEgressPolicy : public QObject
{
    Q_OBJECT

private slots:
    void specialAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("special");
        QTest::newRow("loopback") << "127.0.0.1" << true;
        QTest::newRow("loopback-other") << "127.8.9.10" << true;
        QTest::newRow("v6-loopback") << "::1" << true;
        QTest::newRow("unspecified") << "0.0.0.0" << true;
        QTest::newRow("this-network") << "0.1.2.3" << true;
        QTest::newRow("v6-unspecified") << "::" << true;
        QTest::newRow("rfc1918-10") << "10.1.2.3" << true;
        QTest::newRow("rfc1918-172") << "172.31.255.1" << true;
        QTest::newRow("rfc1918-192") << "192.168.0.1" << true;
        QTest::newRow("cgnat") << "100.64.0.1" << true;
        QTest::newRow("metadata") << "169.254.169.254" << true;
        QTest::newRow("multicast") << "224.0.0.1" << true;
        QTest::newRow("broadcast") << "255.255.255.255" << true;
        QTest::newRow("ula") << "fd00::1" << true;
        QTest::newRow("v6-link-local") << "fe80::1" << true;
        QTest::newRow("v6-multicast") << "ff02::1" << true;
        QTest::newRow("mapped-loopback") << "::ffff:127.0.0.1" << true;
        QTest::newRow("mapped-metadata") << "::ffff:169.254.169.254" << true;
        QTest::newRow("nat64-private") << "64:ff9b::a00:1" << true;
        QTest::newRow("6to4-loopback") << "2002:7f00:1::" << true;
        QTest::newRow("public-v4") << "93.184.216.34" << false;
        QTest::newRow("public-172-outside") << "172.32.0.1" << false;
        QTest::newRow("public-100-outside") << "100.128.0.1" << false;
        QTest::newRow("mapped-public") << "::ffff:93.184.216.34" << false;
        QTest::newRow("public-v6") << "2606:2800:220:1::1" << false;
    }
    void specialAddresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, special);
        QCOMPARE(EgressPolicy::isSpecialAddress(QHostAddress(address)), special);
    }

    void entries()
    {
        QString error;
        EgressPolicy::fromAllowList(
            {QStringLiteral("api.example.com"), QStringLiteral("api.example.com:8443"),
             QStringLiteral("*.example.org"), QStringLiteral("10.1.2.3"), QStringLiteral("[::1]:8443"),
             QStringLiteral("10.0.0.0/8"), QStringLiteral("*"), QStringLiteral("::1")},
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const EgressPolicy bad = EgressPolicy::fromAllowList(
            {QStringLiteral("ok.example.com"), QStringLiteral("bad host"), QStringLiteral("x:99999"),
             QStringLiteral("10.0.0.0/99"), QStringLiteral("[::1")},
            &error);
        QVERIFY(error.contains(QLatin1String("bad host")));
        QVERIFY(error.contains(QLatin1String("x:99999")));
        QVERIFY(error.contains(QLatin1String("10.0.0.0/99")));
        QCOMPARE(bad.entries().size(), 1);
    }

    void permits()
    {
        const QHostAddress publicAddress(QStringLiteral("93.184.216.34"));
        const QHostAddress loopback(QStringLiteral("127.0.0.1"));
        const QHostAddress metadata(QStringLiteral("169.254.169.254"));

        EgressPolicy empty;
        QVERIFY(!empty.permits(QUrl(QStringLiteral("https://api.example.com/")), publicAddress));

        EgressPolicy names = EgressPolicy::fromAllowList(
            {QStringLiteral("api.example.com:443"), QStringLiteral("*.example.org")});
        QVERIFY(names.permits(QUrl(QStringLiteral("https://api.example.com/x")), publicAddress));
        QVERIFY(names.permits(QUrl(QStringLiteral("https://API.Example.com./x")), publicAddress));
        QVERIFY(!names.permits(QUrl(QStringLiteral("http://api.example.com/x")), publicAddress)); // port 80
        QVERIFY(names.permits(QUrl(QStringLiteral("http://a.b.example.org:81/")), publicAddress));
        QVERIFY(!names.permits(QUrl(QStringLiteral("http://example.org/")), publicAddress));
        QVERIFY(!names.permits(QUrl(QStringLiteral("http://evilexample.org/")), publicAddress));
        QVERIFY(!names.permits(QUrl(QStringLiteral("ftp://api.example.com/")), publicAddress));
        // A wildcard never unlocks internal addresses, even when the name matches.
        QString refusal;
        QVERIFY(!names.permits(QUrl(QStringLiteral("http://meta.example.org/")), metadata, &refusal));
        QVERIFY(refusal.contains(QLatin1String("meta.example.org")));

        EgressPolicy star = EgressPolicy::fromAllowList({QStringLiteral("*")});
        QVERIFY(star.permits(QUrl(QStringLiteral("https://anything.example/")), publicAddress));
        QVERIFY(!star.permits(QUrl(QStringLiteral("http://127.0.0.1/")), loopback));
        QVERIFY(!star.permits(QUrl(QStringLiteral("http://169.254.169.254/")), metadata));
        QVERIFY(!star.permits(QUrl(QStringLiteral("http://[::ffff:127.0.0.1]/")),
                              QHostAddress(QStringLiteral("::ffff:127.0.0.1"))));
        EgressPolicy everything = EgressPolicy::fromAllowList({QStringLiteral("0.0.0.0/0")});
        QVERIFY(!everything.permits(QUrl(QStringLiteral("http://10.0.0.1/")),
                                    QHostAddress(QStringLiteral("10.0.0.1"))));

        // Explicit entries do unlock them, for exactly what they name.
        EgressPolicy explicitLoopback = EgressPolicy::fromAllowList({QStringLiteral("127.0.0.1:8080")});
        QVERIFY(explicitLoopback.permits(QUrl(QStringLiteral("http://127.0.0.1:8080/")), loopback));
        QVERIFY(!explicitLoopback.permits(QUrl(QStringLiteral("http://127.0.0.1:8081/")), loopback));
        QVERIFY(!explicitLoopback.permits(QUrl(QStringLiteral("http://127.0.0.2:8080/")),
                                          QHostAddress(QStringLiteral("127.0.0.2"))));
        EgressPolicy named = EgressPolicy::fromAllowList({QStringLiteral("localhost")});
        QVERIFY(named.permits(QUrl(QStringLiteral("http://localhost:5000/")), loopback));
        EgressPolicy v6 = EgressPolicy::fromAllowList({QStringLiteral("[::1]:8443")});
        QVERIFY(v6.permits(QUrl(QStringLiteral("https://[::1]:8443/")), QHostAddress(QStringLiteral("::1"))));
        QVERIFY(
            !v6.permits(QUrl(QStringLiteral("https://[::1]:8444/")), QHostAddress(QStringLiteral("::1"))));
        EgressPolicy cidr = EgressPolicy::fromAllowList({QStringLiteral("10.0.0.0/8")});
        QVERIFY(
            cidr.permits(QUrl(QStringLiteral("http://10.9.8.7/")), QHostAddress(QStringLiteral("10.9.8.7"))));
        QVERIFY(cidr.permits(QUrl(QStringLiteral("http://internal.corp/")),
                             QHostAddress(QStringLiteral("10.9.8.7"))));
        QVERIFY(!cidr.permits(QUrl(QStringLiteral("http://11.0.0.1/")),
                              QHostAddress(QStringLiteral("11.0.0.1"))));

        // allowPublic: the base URL's host, never an unlock for internal addresses.
        EgressPolicy base;
        base.allowPublic(QStringLiteral("127.0.0.1:9000"));
        QVERIFY(!base.permits(QUrl(QStringLiteral("http://127.0.0.1:9000/")), loopback));
        base.allowPublic(QStringLiteral("api.example.com:443"));
        QVERIFY(base.permits(QUrl(QStringLiteral("https://api.example.com/")), publicAddress));
        QVERIFY(!base.permits(QUrl(QStringLiteral("https://api.example.com/")), metadata));
    }

    void checkResolves()
    {
        // "localhost" resolves to loopback addresses: refused unless named explicitly.
        EgressPolicy star = EgressPolicy::fromAllowList({QStringLiteral("*")});
        std::optional<EgressVerdict> verdict;
        star.check(QUrl(QStringLiteral("http://localhost:1/")), this,
                   [&verdict](EgressVerdict v) { verdict = v; });
        QVERIFY(!verdict); // never inside check()
        QTRY_VERIFY(verdict.has_value());
        QVERIFY(!verdict->allowed);
        QVERIFY(verdict->refusal.contains(QLatin1String("localhost")));

        EgressPolicy named = EgressPolicy::fromAllowList({QStringLiteral("localhost:1")});
        verdict.reset();
        named.check(QUrl(QStringLiteral("http://localhost:1/")), this,
                    [&verdict](EgressVerdict v) { verdict = v; });
        QTRY_VERIFY(verdict.has_value());
        QVERIFY2(verdict->allowed, qPrintable(verdict->refusal));
        QVERIFY(!verdict->addresses.isEmpty());

        EgressPolicy literal = EgressPolicy::fromAllowList({QStringLiteral("127.0.0.1:1")});
        verdict.reset();
        literal.check(QUrl(QStringLiteral("http://127.0.0.1:1/")), this,
                      [&verdict](EgressVerdict v) { verdict = v; });
        QVERIFY(!verdict);
        QTRY_VERIFY(verdict.has_value());
        QVERIFY(verdict->allowed);
        QCOMPARE(verdict->addresses.value(0), QHostAddress(QStringLiteral("127.0.0.1")));

        verdict.reset();
        literal.check(QUrl(QStringLiteral("file:///etc/passwd")), this,
                      [&verdict](EgressVerdict v) { verdict = v; });
        QTRY_VERIFY(verdict.has_value());
        QVERIFY(!verdict->allowed);
    }
};

GATEHOUSE_TEST_MAIN(TestEgressPolicy)
#include "tst_egresspolicy.moc"
