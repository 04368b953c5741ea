#include <atomic>
#include <sodium.h>
#include <thread>
#include <vector>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/Json.h"
#include "security/ApiKeys.h"
#include "security/Jwt.h"
#include "security/PasswordHasher.h"
#include "security/SecretBox.h"

using namespace gatehouse;

namespace {
constexpr auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray b64(const QByteArray &raw)
{
    return raw.toBase64(kB64);
}

QList<QByteArray> parts(const QString &token)
{
    return token.toLatin1().split('.');
}

QString join(const QByteArray &a, const QByteArray &b, const QByteArray &c)
{
    return QString::fromLatin1(a + '.' + b + '.' + c);
}

// Signs arbitrary header/payload JSON with a correct HMAC-SHA256 under `key`, so the tests
// show that the header and claim checks hold even when the signature is valid.
QString forge(const QByteArray &key, const QByteArray &headerJson, const QByteArray &payloadJson)
{
    const QByteArray input = b64(headerJson) + '.' + b64(payloadJson);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()),
                                size_t(key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(input.constData()),
                                  quint64(input.size()));
    QByteArray mac(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(mac.data()));
    return QString::fromLatin1(input + '.' + b64(mac));
}

Json goodPayload(qint64 now)
{
    return Json{{"iss", "gatehouse"}, {"sub", "7"},      {"jti", "abc"}, {"iat", now},          {"nbf", now},
                {"exp", now + 60},    {"orig_iat", now}, {"user_id", 7}, {"is_sys_admin", true}};
}

const QByteArray kHs256Header = R"({"alg":"HS256","typ":"JWT"})";
} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(SecretBox::initializeSodium()); }

    void jwtRoundTrip()
    {
        const Jwt jwt(Jwt::generateKey());
        const qint64 now = 1800000000;
        const JwtClaims claims = Jwt::newClaims(7, true, now, 60);
        const QString token = jwt.sign(claims);
        const Jwt::Result result = jwt.verify(token, now + 10);
        QVERIFY(result.ok());
        QCOMPARE(result.claims.userId, 7);
        QCOMPARE(result.claims.subject, QStringLiteral("7"));
        QVERIFY(result.claims.isSysAdmin);
        QCOMPARE(result.claims.expiresAt, now + 3600);
        QCOMPARE(result.claims.firstIssuedAt, now);
        QCOMPARE(result.claims.jti.size(), 32);
        QVERIFY(result.claims.jti != Jwt::newClaims(7, true, now, 60).jti);

        const Json header = parseJsonOrDiscarded(QByteArray::fromBase64(parts(token)[0], kB64));
        QVERIFY(header == (Json{{"alg", "HS256"}, {"typ", "JWT"}}));
        const Json payload = parseJsonOrDiscarded(QByteArray::fromBase64(parts(token)[1], kB64));
        for (const char *claim :
             {"iat", "exp", "nbf", "iss", "jti", "sub", "user_id", "is_sys_admin", "orig_iat"})
            QVERIFY2(payload.contains(claim), claim);
        QVERIFY(payload["iss"] == Json("gatehouse"));
    }

    void jwtRejectsOtherKeyAndTampering()
    {
        const Jwt jwt(Jwt::generateKey());
        const Jwt other(Jwt::generateKey());
        const qint64 now = 1800000000;
        const QString token = jwt.sign(Jwt::newClaims(7, false, now, 60));
        QCOMPARE(other.verify(token, now).error, Jwt::Error::BadSignature);

        // Flip the admin flag in the payload and keep the signature.
        const auto p = parts(token);
        Json payload = parseJsonOrDiscarded(QByteArray::fromBase64(p[1], kB64));
        payload["is_sys_admin"] = true;
        QCOMPARE(jwt.verify(join(p[0], b64(dumpJson(payload)), p[2]), now).error, Jwt::Error::BadSignature);
        payload["is_sys_admin"] = false;
        payload["user_id"] = 1;
        payload["sub"] = "1";
        QCOMPARE(jwt.verify(join(p[0], b64(dumpJson(payload)), p[2]), now).error, Jwt::Error::BadSignature);

        // One character of the signature changed.
        QByteArray sig = p[2];
        sig[5] = sig[5] == 'A' ? 'B' : 'A';
        QVERIFY(!jwt.verify(join(p[0], p[1], sig), now).ok());
        // Signature removed / truncated.
        QVERIFY(!jwt.verify(join(p[0], p[1], QByteArray()), now).ok());
        QVERIFY(!jwt.verify(QString::fromLatin1(p[0] + '.' + p[1] + '.'), now).ok());
        QVERIFY(!jwt.verify(QString::fromLatin1(p[0] + '.' + p[1]), now).ok());
        QVERIFY(!jwt.verify(join(p[0], p[1], p[2].left(p[2].size() - 2)), now).ok());
        // Extra segment.
        QVERIFY(!jwt.verify(token + QStringLiteral(".e30"), now).ok());
    }

    void jwtRejectsAlgorithmTricks_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("none") << QByteArray(R"({"alg":"none","typ":"JWT"})");
        QTest::newRow("nOnE") << QByteArray(R"({"alg":"nOnE","typ":"JWT"})");
        QTest::newRow("NONE") << QByteArray(R"({"alg":"NONE","typ":"JWT"})");
        QTest::newRow("HS512") << QByteArray(R"({"alg":"HS512","typ":"JWT"})");
        QTest::newRow("HS384") << QByteArray(R"({"alg":"HS384","typ":"JWT"})");
        QTest::newRow("RS256") << QByteArray(R"({"alg":"RS256","typ":"JWT"})");
        QTest::newRow("ES256") << QByteArray(R"({"alg":"ES256","typ":"JWT"})");
        QTest::newRow("hs256 lower") << QByteArray(R"({"alg":"hs256","typ":"JWT"})");
        QTest::newRow("no typ") << QByteArray(R"({"alg":"HS256"})");
        QTest::newRow("other typ") << QByteArray(R"({"alg":"HS256","typ":"JWE"})");
        QTest::newRow("extra kid") << QByteArray(R"({"alg":"HS256","typ":"JWT","kid":"../../etc/passwd"})");
        QTest::newRow("jku") << QByteArray(R"({"alg":"HS256","typ":"JWT","jku":"evil.example"})");
        QTest::newRow("array") << QByteArray(R"(["HS256"])");
        QTest::newRow("not json") << QByteArray("alg=HS256");
        QTest::newRow("alg number") << QByteArray(R"({"alg":256,"typ":"JWT"})");
    }

    void jwtRejectsAlgorithmTricks()
    {
        QFETCH(QByteArray, header);
        const Jwt jwt(Jwt::generateKey());
        const qint64 now = 1800000000;
        const QString token = jwt.sign(Jwt::newClaims(7, true, now, 60));
        const auto p = parts(token);
        // Keep the genuine payload and signature: only the header changes.
        QCOMPARE(jwt.verify(join(b64(header), p[1], p[2]), now).error, Jwt::Error::Malformed);
        // "none" style: empty signature.
        QVERIFY(!jwt.verify(join(b64(header), p[1], QByteArray()), now).ok());
        QVERIFY(!jwt.verify(QString::fromLatin1(b64(header) + '.' + p[1] + '.'), now).ok());
        // Even with a correct HMAC over the altered header (an "algorithm switch" by someone
        // who knows the key), nothing but the exact HS256 header passes.
        const QByteArray key = Jwt::generateKey();
        const Jwt keyed(key);
        QVERIFY(keyed.verify(forge(key, kHs256Header, dumpJson(goodPayload(now))), now).ok());
        QCOMPARE(keyed.verify(forge(key, header, dumpJson(goodPayload(now))), now).error,
                 Jwt::Error::Malformed);
    }

    void jwtReorderedHeaderStillNeedsOurSignature()
    {
        // A header with the same members in another spelling passes the header check, but the
        // signature covers the exact bytes, so a swapped-in header fails on the signature.
        const Jwt jwt(Jwt::generateKey());
        const qint64 now = 1800000000;
        const auto p = parts(jwt.sign(Jwt::newClaims(7, true, now, 60)));
        const QByteArray spaced = b64(R"({ "typ":"JWT", "alg":"HS256" })");
        QCOMPARE(jwt.verify(join(spaced, p[1], p[2]), now).error, Jwt::Error::BadSignature);
    }

    void jwtRejectsBadBase64()
    {
        const Jwt jwt(Jwt::generateKey());
        const qint64 now = 1800000000;
        const QString token = jwt.sign(Jwt::newClaims(7, true, now, 60));
        const auto p = parts(token);
        QVERIFY(jwt.verify(token, now).ok());
        // Standard base64 characters and padding are not base64url.
        QVERIFY(!jwt.verify(join(p[0] + "==", p[1], p[2]), now).ok());
        QVERIFY(!jwt.verify(join(p[0], p[1] + "=", p[2]), now).ok());
        QVERIFY(!jwt.verify(join(p[0], QByteArray(p[1]).replace('-', '+'), p[2]), now).ok() ||
                !p[1].contains('-'));
        QVERIFY(!jwt.verify(join(p[0], p[1], QByteArray(p[2]).append('/')), now).ok());
        QVERIFY(!jwt.verify(join(p[0], p[1] + "!", p[2]), now).ok());
        QVERIFY(!jwt.verify(join(p[0], p[1], p[2] + " "), now).ok());
        // Impossible length (4n+1).
        QVERIFY(!jwt.verify(join(p[0], p[1] + "A", p[2]), now).ok());
        // Empty segments, garbage, too long, non-Latin-1.
        QVERIFY(!jwt.verify(QStringLiteral(".."), now).ok());
        QVERIFY(!jwt.verify(QString(), now).ok());
        QVERIFY(!jwt.verify(QStringLiteral("abc"), now).ok());
        QVERIFY(!jwt.verify(QString(Jwt::MaxTokenLength + 1, QLatin1Char('a')), now).ok());
        QVERIFY(!jwt.verify(token + QString(QChar(0x263A)), now).ok());
        // Non-canonical encoding: change the unused low bits of the last character.
        QByteArray sig = p[2];
        if (sig.size() % 4 != 0) {
            const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            const int index = int(alphabet.indexOf(sig.back()));
            sig.back() = alphabet.at(index ^ 1);
            QVERIFY(!jwt.verify(join(p[0], p[1], sig), now).ok());
        }
    }

    void jwtTimeChecks()
    {
        const Jwt jwt(Jwt::generateKey());
        const qint64 now = 1800000000;
        const QString token = jwt.sign(Jwt::newClaims(7, true, now, 60));
        QVERIFY(jwt.verify(token, now + 3599).ok());
        QCOMPARE(jwt.verify(token, now + 3600).error, Jwt::Error::Expired);
        QCOMPARE(jwt.verify(token, now + 100000).error, Jwt::Error::Expired);
        // Expiry is the only check refresh skips.
        QVERIFY(jwt.verify(token, now + 100000, false).ok());
        // nbf/iat in the future beyond the tolerated clock skew.
        QVERIFY(jwt.verify(token, now - Jwt::ClockSkewSeconds).ok());
        QCOMPARE(jwt.verify(token, now - Jwt::ClockSkewSeconds - 1).error, Jwt::Error::NotYetValid);
        QCOMPARE(jwt.verify(token, now - 100000, false).error, Jwt::Error::NotYetValid);
    }

    void jwtRefreshWindow()
    {
        const qint64 first = 1800000000;
        const int refreshMinutes = 20160;
        JwtClaims claims = Jwt::newClaims(7, true, first, 60);
        QVERIFY(Jwt::withinRefreshWindow(claims, first + 3600 * 24, refreshMinutes));
        QVERIFY(!Jwt::withinRefreshWindow(claims, first + refreshMinutes * 60, refreshMinutes));
        // A refreshed token keeps the first issue time: the window does not slide.
        const JwtClaims refreshed =
            Jwt::newClaims(7, true, first + refreshMinutes * 60 - 10, 60, claims.firstIssuedAt);
        QCOMPARE(refreshed.firstIssuedAt, first);
        QVERIFY(!Jwt::withinRefreshWindow(refreshed, first + refreshMinutes * 60 + 1, refreshMinutes));
        const Jwt jwt(Jwt::generateKey());
        const Jwt::Result result = jwt.verify(jwt.sign(refreshed), first + refreshMinutes * 60);
        QVERIFY(result.ok());
        QCOMPARE(result.claims.firstIssuedAt, first);
    }

    void jwtRejectsMissingOrBadClaims()
    {
        const QByteArray key = Jwt::generateKey();
        const Jwt jwt(key);
        const qint64 now = 1800000000;
        QVERIFY(jwt.verify(forge(key, kHs256Header, dumpJson(goodPayload(now))), now).ok());
        for (const char *claim :
             {"iss", "sub", "jti", "iat", "nbf", "exp", "orig_iat", "user_id", "is_sys_admin"}) {
            Json payload = goodPayload(now);
            payload.erase(claim);
            QVERIFY2(!jwt.verify(forge(key, kHs256Header, dumpJson(payload)), now).ok(), claim);
        }
        const QList<std::pair<const char *, Json>> bad = {
            {"iss", "someone-else"}, {"iss", 1},   {"exp", "2099"}, {"exp", 1.5},
            {"user_id", "7"},        {"sub", "8"}, {"jti", ""},     {"is_sys_admin", 1},
            {"orig_iat", now + 5},   {"exp", now}};
        for (const auto &[claim, value] : bad) {
            Json payload = goodPayload(now);
            payload[claim] = value;
            QVERIFY2(!jwt.verify(forge(key, kHs256Header, dumpJson(payload)), now).ok(), claim);
        }
        QVERIFY(!jwt.verify(forge(key, kHs256Header, "[]"), now).ok());
        QVERIFY(!jwt.verify(forge(key, kHs256Header, "not json"), now).ok());

        const Jwt weak(QByteArray(16, 'k'));
        QVERIFY(!weak.isValid());
        QVERIFY(weak.sign(Jwt::newClaims(1, true, 1, 1)).isEmpty());
        QVERIFY(!weak.verify(QStringLiteral("a.b.c"), 1).ok());
        QVERIFY(!Jwt().isValid());
    }

    void jwtEpochClaim()
    {
        const QByteArray key = Jwt::generateKey();
        const Jwt jwt(key);
        const qint64 now = 1800000000;
        JwtClaims claims = Jwt::newClaims(7, false, now, 60);
        claims.epoch = 4;
        const Jwt::Result result = jwt.verify(jwt.sign(claims), now);
        QVERIFY(result.ok());
        QCOMPARE(result.claims.epoch, 4);
        // Tokens from before epochs existed read as epoch 0; a malformed epoch is refused even
        // under a valid signature.
        QVERIFY(jwt.verify(forge(key, kHs256Header, dumpJson(goodPayload(now))), now).ok());
        QCOMPARE(jwt.verify(forge(key, kHs256Header, dumpJson(goodPayload(now))), now).claims.epoch, 0);
        for (const Json &bad : {Json("4"), Json(-1), Json(1.5), Json(nullptr)}) {
            Json payload = goodPayload(now);
            payload["epoch"] = bad;
            QVERIFY(!jwt.verify(forge(key, kHs256Header, dumpJson(payload)), now).ok());
        }
        // Raising the epoch in a genuine token breaks its signature.
        const auto p = parts(jwt.sign(claims));
        Json payload = parseJsonOrDiscarded(QByteArray::fromBase64(p[1], kB64));
        payload["epoch"] = 5;
        QCOMPARE(jwt.verify(join(p[0], b64(dumpJson(payload)), p[2]), now).error, Jwt::Error::BadSignature);
    }

    void jwtRs256HeaderWithHmacSignature()
    {
        // The classic key-confusion attack: an RS256 header over a payload HMAC-signed with the
        // server's secret. The header alone decides: refused, whatever the signature.
        const QByteArray key = Jwt::generateKey();
        const Jwt jwt(key);
        const qint64 now = 1800000000;
        const QString forged = forge(key, R"({"alg":"RS256","typ":"JWT"})", dumpJson(goodPayload(now)));
        QCOMPARE(jwt.verify(forged, now).error, Jwt::Error::Malformed);
        QCOMPARE(jwt.verify(forged, now, false).error, Jwt::Error::Malformed);
    }

    void secretBoxRoundTrip()
    {
        SecretBox box(QByteArray(32, '\x11'));
        QVERIFY(box.isValid());
        const QByteArray secret = "p@ss w0rd \xc3\xa9";
        const QString sealed = box.seal(secret);
        QVERIFY(sealed.startsWith(QStringLiteral("v1:")));
        QVERIFY(!sealed.contains(QString::fromLatin1(secret)));
        QCOMPARE(box.open(sealed).value_or(QByteArray("?")), secret);
        // Random nonces: the same secret never seals to the same text.
        QVERIFY(box.seal(secret) != sealed);
        QCOMPARE(box.open(box.seal(QByteArray())).value_or(QByteArray("?")), QByteArray());
        QVERIFY(SecretBox::looksSealed(sealed));
        QVERIFY(!SecretBox(QByteArray(31, 'x')).isValid());
    }

    void secretBoxTamper()
    {
        SecretBox box(QByteArray(32, '\x11'));
        SecretBox other(QByteArray(32, '\x22'));
        const QString sealed = box.seal("secret");
        QVERIFY(!other.open(sealed));
        QByteArray raw = QByteArray::fromBase64(sealed.mid(3).toLatin1());
        for (int i : {0, 23, 24, int(raw.size()) - 1}) {
            QByteArray t = raw;
            t[i] = char(t[i] ^ 0x01);
            QVERIFY2(!box.open(QStringLiteral("v1:") + QString::fromLatin1(t.toBase64())),
                     qPrintable(QString::number(i)));
        }
        QVERIFY(!box.open(QStringLiteral("v1:") + QString::fromLatin1(raw.left(20).toBase64())));
        QVERIFY(!box.open(QStringLiteral("v2:") + sealed.mid(3)));
        QVERIFY(!box.open(QStringLiteral("v1:!!notbase64")));
        QVERIFY(!box.open(QStringLiteral("secret")));
        QVERIFY(!box.open(QString()));
    }

    void masterKeyFile()
    {
        QTemporaryDir dir;
        QString error;
        const QByteArray key = SecretBox::loadOrCreateMasterKey(QString(), dir.path(), &error);
        QCOMPARE(key.size(), 32);
        QFile file(dir.filePath(QStringLiteral("master.key")));
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(SecretBox::loadOrCreateMasterKey(QString(), dir.path(), &error), key);
        // A configured key wins, and must be 32 bytes of base64.
        const QByteArray configured(32, '\x05');
        QCOMPARE(
            SecretBox::loadOrCreateMasterKey(QString::fromLatin1(configured.toBase64()), dir.path(), &error),
            configured);
        QVERIFY(SecretBox::loadOrCreateMasterKey(QStringLiteral("c2hvcnQ="), dir.path(), &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    // Processes starting at the same moment on one data folder (several nodes, a service manager
    // restarting quickly) must agree on one key: none may read a key file still being written.
    void masterKeyFileRace()
    {
        for (int round = 0; round < 300; ++round) {
            QTemporaryDir dir;
            constexpr int Starters = 6;
            QByteArray keys[Starters];
            QString errors[Starters];
            std::atomic<int> ready{0};
            std::vector<std::thread> threads;
            for (int i = 0; i < Starters; ++i)
                threads.emplace_back([&, i] {
                    ++ready;
                    while (ready.load() < Starters) {
                    }
                    keys[i] = SecretBox::loadOrCreateMasterKey(QString(), dir.path(), &errors[i]);
                });
            for (std::thread &thread : threads)
                thread.join();
            for (int i = 0; i < Starters; ++i) {
                QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i]));
                QCOMPARE(keys[i].size(), 32);
                QCOMPARE(keys[i], keys[0]);
            }
            // Nothing but the key is left behind.
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("master.key")});
        }
    }

    void argon2()
    {
        const QString hash = PasswordHasher::hash(QStringLiteral("correct horse"));
        QVERIFY(hash.startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!hash.contains(QStringLiteral("correct horse")));
        QVERIFY(PasswordHasher::verify(hash, QStringLiteral("correct horse")));
        QVERIFY(!PasswordHasher::verify(hash, QStringLiteral("correct horsE")));
        QVERIFY(!PasswordHasher::verify(hash, QString()));
        QVERIFY(!PasswordHasher::verify(QString(), QStringLiteral("correct horse")));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("$argon2id$garbage"), QStringLiteral("x")));
        QVERIFY(hash != PasswordHasher::hash(QStringLiteral("correct horse"))); // salted
        QVERIFY(!PasswordHasher::needsRehash(hash));
        QVERIFY(PasswordHasher::hash(QString(5000, QLatin1Char('a'))).isEmpty());

        auto future = PasswordHasher::verifyAsync(hash, QStringLiteral("correct horse"));
        future.waitForFinished();
        QVERIFY(future.result());
        auto missing = PasswordHasher::verifyAsync(QString(), QStringLiteral("x"));
        missing.waitForFinished();
        QVERIFY(!missing.result());
    }

    void apiKeys()
    {
        const QString key = ApiKeys::generate();
        QCOMPARE(key.size(), 64);
        QVERIFY(ApiKeys::isWellFormed(key));
        QVERIFY(key == key.toLower());
        for (const QChar c : key)
            QVERIFY(QStringLiteral("0123456789abcdef").contains(c));
        QVERIFY(ApiKeys::generate() != key);
        QVERIFY(!ApiKeys::isWellFormed(key.left(63)));
        QVERIFY(!ApiKeys::isWellFormed(key + QLatin1Char('0')));
        QVERIFY(!ApiKeys::isWellFormed(key.left(63) + QLatin1Char('g')));

        const QByteArray hash = ApiKeys::hash(key);
        QCOMPARE(hash.size(), 64);
        QVERIFY(hash != key.toLatin1());
        QCOMPARE(ApiKeys::hash(key.toUpper()), hash);
        // SHA-256("abc")
        QCOMPARE(ApiKeys::hash(QStringLiteral("abc")),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(ApiKeys::hint(key), key.left(6));
        QVERIFY(ApiKeys::constantTimeEquals(hash, ApiKeys::hash(key)));
        QVERIFY(!ApiKeys::constantTimeEquals(hash, ApiKeys::hash(ApiKeys::generate())));
        QVERIFY(!ApiKeys::constantTimeEquals(hash, hash.left(63)));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
