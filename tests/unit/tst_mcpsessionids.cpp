// McpSessionIds: signed MCP session ids bound to a service and a caller, carrying the
// negotiated protocol version, expiring, and ended by revocation; no stored state besides the
// revocation set, so another instance with the same key (another node) accepts them too.
#include <QTest>

#include "services/mcp/McpSessionIds.h"

using namespace gatehouse;

class TestMcpSessionIds : public QObject
{
    Q_OBJECT

private slots:
    void issueAndVerify()
    {
        const QByteArray key(32, 'k');
        McpSessionIds ids(key, nullptr);
        const QByteArray id = ids.issue(7, QStringLiteral("u42"), QStringLiteral("2025-11-25"));
        QVERIFY(id.startsWith("gh1."));
        for (const char c : id)
            QVERIFY(c >= 0x21 && c <= 0x7e);
        QString version;
        QVERIFY(ids.verify(id, 7, QStringLiteral("u42"), &version));
        QCOMPARE(version, QStringLiteral("2025-11-25"));
        QVERIFY(ids.issue(7, QStringLiteral("u42"), QStringLiteral("2025-11-25")) != id);

        // Another node with the same key accepts it; one with another key does not.
        QVERIFY(McpSessionIds(key, nullptr).verify(id, 7, QStringLiteral("u42")));
        QVERIFY(!McpSessionIds(QByteArray(32, 'x'), nullptr).verify(id, 7, QStringLiteral("u42")));
    }

    void boundToServiceAndCaller()
    {
        McpSessionIds ids(QByteArray(32, 'k'), nullptr);
        const QByteArray id = ids.issue(7, QStringLiteral("a3"), QStringLiteral("2025-06-18"));
        QVERIFY(!ids.verify(id, 8, QStringLiteral("a3")));
        QVERIFY(!ids.verify(id, 7, QStringLiteral("a4")));
        QVERIFY(!ids.verify(id, 7, QStringLiteral("u3")));
        QVERIFY(!ids.verify(id, 7, QString()));
    }

    void tamperingIsRefused()
    {
        McpSessionIds ids(QByteArray(32, 'k'), nullptr);
        const QByteArray id = ids.issue(7, QStringLiteral("u1"), QStringLiteral("2025-11-25"));
        const QList<QByteArray> parts = id.split('.');
        // Another payload under the old mac (e.g. claiming another user).
        const QByteArray forgedPayload =
            QByteArray("7:u2:1:00:2025-11-25")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QVERIFY(!ids.verify(parts[0] + '.' + forgedPayload + '.' + parts[2], 7, QStringLiteral("u2")));
        QByteArray flipped = id;
        flipped[flipped.size() - 1] = flipped.back() == 'A' ? 'B' : 'A';
        QVERIFY(!ids.verify(flipped, 7, QStringLiteral("u1")));
        for (const QByteArray &junk : {QByteArray(), QByteArray("gh1"), QByteArray("gh1.."),
                                       QByteArray("x.y.z"), QByteArray(600, 'a')})
            QVERIFY(!ids.verify(junk, 7, QStringLiteral("u1")));
    }

    void expiry()
    {
        McpSessionIds ids(QByteArray(32, 'k'), nullptr);
        const qint64 issued = 1'800'000'000;
        const QByteArray id = ids.issue(7, QStringLiteral("u1"), QStringLiteral("2025-11-25"), issued);
        QVERIFY(ids.verify(id, 7, QStringLiteral("u1"), nullptr, issued + McpSessionIds::kLifetimeSeconds));
        QVERIFY(
            !ids.verify(id, 7, QStringLiteral("u1"), nullptr, issued + McpSessionIds::kLifetimeSeconds + 1));
        // Issued in the future (beyond clock skew): refused.
        QVERIFY(!ids.verify(id, 7, QStringLiteral("u1"), nullptr, issued - 3600));
    }

    void revocationIsSharedAndEndsTheSession()
    {
        auto revocations = std::make_shared<McpSessionIds::Revocations>();
        McpSessionIds a(QByteArray(32, 'k'), revocations);
        McpSessionIds b(QByteArray(32, 'k'), revocations); // another MCP service, same process
        const QByteArray id = a.issue(7, QStringLiteral("u1"), QStringLiteral("2025-11-25"));
        const QByteArray other = a.issue(7, QStringLiteral("u1"), QStringLiteral("2025-11-25"));
        a.revoke(id);
        QVERIFY(!a.verify(id, 7, QStringLiteral("u1")));
        QVERIFY(!b.verify(id, 7, QStringLiteral("u1")));
        QVERIFY(a.verify(other, 7, QStringLiteral("u1")));
        QCOMPARE(revocations->size(), 1);
        a.revoke("garbage"); // not an id: nothing stored
        QCOMPARE(revocations->size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestMcpSessionIds)
#include "tst_mcpsessionids.moc"
