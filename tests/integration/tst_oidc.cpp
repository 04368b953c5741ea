// The `oidc` service type against a real OpenID provider (the certified `oidc-provider` npm
// package, tests/support/oidc-idp) on loopback: bearer tokens from the IdP (valid, wrong
// audience, expired, not yet valid, tampered, alg none, another issuer, key rotation), groups
// mapped to roles and claims to lookups ({user.email}, {user.department}) in row filters, the
// browser sign-in (authorization code + PKCE over plain HTTP with cookies, user and admin
// audiences), the one-time session handoff to a loopback redirect_uri (and no open redirect),
// state replay, the IdP's refusals, the Test probe, and the client secret kept out of the API
// and the logs.
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "MockProvider.h"
#include "OidcTestIdp.h"
#include "SqlTestFixture.h"
#include "TestMain.h"
#include "TestServer.h"
#include "services/ServiceManager.h"
#include "store/ConnectionSpec.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
// The API identifier bearer tokens must name (the service's `audience`).
const char *const kApiAudience = "https://api.gatehouse.test";

QStringList column(const Json &records, const char *field)
{
    QStringList out;
    if (records.is_array())
        for (const Json &record : records)
            out << QString::fromStdString(record.at(field).get<std::string>());
    out.sort();
    return out;
}

QString errorMessage(const TestResponse &r)
{
    if (r.json.is_object() && r.json.contains("error") && r.json.at("error").contains("message"))
        return QString::fromStdString(r.json.at("error").at("message").get<std::string>());
    return QString();
}
} // namespace

class TestOidc : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    OidcTestIdp m_idp;
    QTemporaryDir m_dir;
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_logs;
    QString m_appKey;
    qint64 m_appId = 0;
    qint64 m_analystRole = 0;
    qint64 m_engineerRole = 0;
    qint64 m_oidcServiceId = 0;

    QString userSessionUrl(const QString &query) const
    {
        return m_server->baseUrl() + QStringLiteral("/api/v2/user/session?") + query;
    }

    TestResponse notes(const QString &bearer, bool withKey = true)
    {
        Headers headers{{"Authorization", "Bearer " + bearer.toLatin1()}};
        if (withKey)
            headers.append({"X-DreamFactory-API-Key", m_appKey.toLatin1()});
        return m_server->request("GET", QStringLiteral("/api/v2/oidcdb/_table/notes"), nullptr, headers);
    }

    QString mint(const Json &request)
    {
        Json body = request;
        if (!body.contains("aud"))
            body["aud"] = kApiAudience;
        return m_idp.mintToken(body);
    }

private slots:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIntValue("GATEHOUSE_TEST_REQUIRE_DATABASES") == 1;
        if (MockProvider::nodeProgram().isEmpty()) {
            if (required)
                QFAIL("node is not installed");
            QSKIP("node is not installed");
        }
        if (!OidcTestIdp::isInstalled()) {
            if (required)
                QFAIL("oidc-provider is not installed (npm ci in tests/support/oidc-idp)");
            QSKIP("oidc-provider is not installed: run `npm ci` in tests/support/oidc-idp");
        }
        QString error;
        m_server = SqlTestFixture::startServer(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_logs = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(20000);
        spdlog::default_logger()->sinks().push_back(m_logs);

        const QString base = m_server->baseUrl();
        QVERIFY2(m_idp.start(
                     {base + QStringLiteral("/api/v2/user/session?oauth_callback=true&service=sso"),
                      base + QStringLiteral("/api/v2/system/admin/session?oauth_callback=true&service=sso")}),
                 qPrintable(m_idp.errorString()));

        // A table whose rows belong to people (by e-mail) and departments.
        ConnectionSpec spec;
        const Json dbConfig = SqlTestFixture::serviceConfig(
            QStringLiteral("sqlite"), QString(), m_dir.filePath(QStringLiteral("oidc.sqlite")), spec);
        QSqlDatabase db = SqlTestFixture::directDb(spec, QStringLiteral("oidc-direct"));
        QVERIFY(
            SqlTestFixture::exec(db, QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT, "
                                                    "department TEXT, body TEXT)")));
        QVERIFY(SqlTestFixture::exec(
            db,
            QStringLiteral("INSERT INTO notes VALUES (1, 'alice@example.test', 'Sales', 'a1'), "
                           "(2, 'alice@example.test', 'Sales', 'a2'), (3, 'bob@example.test', 'Engineering', "
                           "'b1'), (4, 'zoe@example.test', 'Engineering', 'z1'), (5, 'yan@example.test', "
                           "'Sales', 'y1')")));
        const qint64 dbId =
            m_server->createService(Json{{"name", "oidcdb"}, {"type", "sqlite"}, {"config", dbConfig}});
        QVERIFY(dbId > 0);
        auto role = [&](const char *name, const Json &filter) {
            return m_server->createRole(QString::fromLatin1(name),
                                        Json::array({{{"service_id", dbId},
                                                      {"component", "_table/*"},
                                                      {"verb_mask", 1},
                                                      {"requestor_mask", 1},
                                                      {"filters", Json::array({filter})}}}));
        };
        // Analysts see their own notes, engineers their department's.
        m_analystRole =
            role("analyst", Json{{"name", "owner"}, {"operator", "="}, {"value", "{user.email}"}});
        m_engineerRole =
            role("engineer", Json{{"name", "department"}, {"operator", "="}, {"value", "{user.department}"}});
        const qint64 nobody = m_server->createRole(QStringLiteral("nobody"), Json::array());
        QVERIFY(m_analystRole > 0 && m_engineerRole > 0 && nobody > 0);
        const TestResponse app = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/app"),
            Json{{"resource", {{{"name", "portal"}, {"is_active", true}, {"role_id", nobody}}}}});
        QVERIFY2(app.status == 201, app.describe().constData());
        m_appKey = QString::fromStdString(app.json["resource"][0]["api_key"].get<std::string>());
        m_appId = app.json["resource"][0]["id"].get<qint64>();

        Json config = Json::object();
        config["issuer"] = str(m_idp.issuer());
        config["client_id"] = OidcTestIdp::kClientId;
        config["client_secret"] = OidcTestIdp::kClientSecret;
        config["scopes"] = "openid email profile groups department";
        config["claims"] = Json{{"department", "department"}};
        config["app_id"] = m_appId;
        config["audience"] = kApiAudience;
        config["jwks_cooldown"] = 0;
        Json groups = Json::array();
        groups.push_back(Json{{"group", "analysts"}, {"role_id", m_analystRole}});
        groups.push_back(Json{{"group", "engineers"}, {"role_id", m_engineerRole}});
        config["group_role_map"] = groups;
        config["admin_groups"] = Json::array();
        config["admin_groups"].push_back("gatehouse-admins");
        m_oidcServiceId =
            m_server->createService(Json{{"name", "sso"}, {"type", "oidc"}, {"config", config}});
        QVERIFY(m_oidcServiceId > 0);
    }

    void cleanupTestCase()
    {
        if (m_logs) {
            auto &sinks = spdlog::default_logger()->sinks();
            sinks.erase(std::remove(sinks.begin(), sinks.end(), m_logs), sinks.end());
        }
        m_idp.stop();
        m_server.reset();
    }

    void bearerTokenActsAsThePerson()
    {
        const QString alice = mint(Json{{"account", "alice"}, {"scope", "read"}});
        QVERIFY(!alice.isEmpty());
        TestResponse r = notes(alice);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(column(r.json["resource"], "body"),
                 (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
        // No API key: the service's app_id decides the app.
        r = notes(alice, false);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(column(r.json["resource"], "body"),
                 (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
        // Bob is an engineer: his department's notes, through the custom claim lookup.
        const QString bob = mint(Json{{"account", "bob"}, {"alg", "ES256"}});
        r = notes(bob);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(column(r.json["resource"], "body"),
                 (QStringList{QStringLiteral("b1"), QStringLiteral("z1")}));
        // The provisioned user carries the IdP's identity.
        const TestResponse users = m_server->admin(
            "GET",
            QStringLiteral("/api/v2/system/user?filter=") +
                QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("email='bob@example.test'"))));
        QVERIFY2(users.status == 200 && users.json["resource"].size() == 1, users.describe().constData());
        QCOMPARE(QString::fromStdString(users.json["resource"][0]["name"].get<std::string>()),
                 QStringLiteral("Bob Builder"));
    }

    void unverifiedEmailIsNotTaken()
    {
        // Carol's address is not verified at the IdP: she gets a placeholder, so {user.email}
        // matches nothing (and she could not claim someone else's account by address).
        const TestResponse r = notes(mint(Json{{"account", "carol"}}));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["resource"].empty());
        const TestResponse users = m_server->admin(
            "GET",
            QStringLiteral("/api/v2/system/user?filter=") +
                QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("email='carol@example.test'"))));
        QVERIFY2(users.status == 200 && users.json["resource"].empty(), users.describe().constData());
    }

    void badBearerTokensAreRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong audience")
            << QByteArray(R"({"account":"alice","aud":"someone-else"})") << QStringLiteral("audience");
        // An ID token of Gatehouse's client is no access token for the API.
        QTest::newRow("client id audience")
            << QByteArray(R"({"account":"alice","aud":"gatehouse"})") << QStringLiteral("audience");
        QTest::newRow("expired") << QByteArray(R"({"account":"alice","exp":-120})")
                                 << QStringLiteral("expired");
        QTest::newRow("not yet valid")
            << QByteArray(R"({"account":"alice","nbf":600})") << QStringLiteral("not valid yet");
        QTest::newRow("alg none") << QByteArray(R"({"account":"alice","alg":"none"})")
                                  << QStringLiteral("algorithm");
        QTest::newRow("no exp") << QByteArray(R"({"account":"alice","exp":null})")
                                << QStringLiteral("expiry");
    }

    void badBearerTokensAreRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, message);
        const QString token = mint(Json::parse(request.constData()));
        QVERIFY(!token.isEmpty());
        const TestResponse r = notes(token);
        QCOMPARE(r.status, 401);
        QVERIFY2(errorMessage(r).contains(message, Qt::CaseInsensitive), r.describe().constData());
    }

    void tamperedAndForeignTokens()
    {
        const QString good = mint(Json{{"account", "bob"}});
        QList<QString> parts = good.split(QLatin1Char('.'));
        // Bob rewrites his token to be alice.
        Json claims = Json::parse(
            QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding).constData());
        claims["email"] = "alice@example.test";
        claims["groups"] = Json::array({"gatehouse-admins"});
        parts[1] = QString::fromLatin1(
            QByteArray::fromStdString(claims.dump())
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        TestResponse r = notes(parts.join(QLatin1Char('.')));
        QCOMPARE(r.status, 401);
        QVERIFY2(errorMessage(r).contains(QStringLiteral("signature")), r.describe().constData());
        // A token from another issuer (signed with the right key, even) is not this service's.
        r = notes(mint(Json{{"account", "alice"}, {"iss", "http://127.0.0.1:1"}}));
        QCOMPARE(r.status, 401);
    }

    void keyRotation()
    {
        const QString before = mint(Json{{"account", "alice"}});
        QCOMPARE(notes(before).status, 200);
        m_idp.resetRequests();
        // The IdP rotates and retires the old keys: a new token names a kid Gatehouse has not
        // seen, which makes it fetch the JWKS once more.
        QCOMPARE(m_idp.rotateKeys(true).size(), 2);
        const QString after = mint(Json{{"account", "alice"}});
        TestResponse r = notes(after);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(m_idp.countRequests(QStringLiteral("/jwks")), 1);
        // Cached now: no further fetch.
        QCOMPARE(notes(after).status, 200);
        QCOMPARE(m_idp.countRequests(QStringLiteral("/jwks")), 1);
        // The retired key's token no longer verifies.
        r = notes(before);
        QCOMPARE(r.status, 401);
        QVERIFY2(errorMessage(r).contains(QStringLiteral("unknown")), r.describe().constData());
    }

    void unknownKeyIdsDoNotFloodTheIdp()
    {
        // With the default cooldown (30 s), tokens naming made-up key ids cost at most one
        // JWKS fetch, however many arrive.
        Json config = Json::object();
        config["issuer"] = str(m_idp.issuer());
        config["client_id"] = OidcTestIdp::kClientId;
        config["audience"] = kApiAudience;
        config["app_id"] = m_appId;
        config["default_role"] = m_analystRole;
        const qint64 id =
            m_server->createService(Json{{"name", "sso_slow"}, {"type", "oidc"}, {"config", config}});
        QVERIFY(id > 0);
        // sso and sso_slow share the issuer: take sso out of the way meanwhile.
        QCOMPARE(m_server
                     ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_oidcServiceId),
                             Json{{"is_active", false}})
                     .status,
                 200);
        m_idp.resetRequests();
        // Carol: an account new to this service (alice's address belongs to sso).
        const int first = notes(mint(Json{{"account", "carol"}})).status; // the first fetch
        QList<int> statuses;
        for (int i = 0; i < 5; ++i)
            statuses << notes(mint(Json{{"account", "carol"}, {"headerKid", "made-up-" + std::to_string(i)}}))
                            .status;
        const int fetches = m_idp.countRequests(QStringLiteral("/jwks"));
        const int reactivated =
            m_server
                ->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_oidcServiceId),
                        Json{{"is_active", true}})
                .status;
        const int deleted =
            m_server->admin("DELETE", QStringLiteral("/api/v2/system/service/%1").arg(id)).status;
        QCOMPARE(reactivated, 200);
        QCOMPARE(deleted, 200);
        QCOMPARE(first, 200);
        QCOMPARE(statuses, QList<int>({401, 401, 401, 401, 401}));
        QCOMPARE(fetches, 1);
    }

    void browserSignIn()
    {
        m_idp.clearCookies();
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso&login_hint=alice"))),
                                      {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        QVERIFY(run.hops.size() >= 3);
        QCOMPARE(run.hops.first().status, 302);
        const QUrl authorize(QString::fromLatin1(run.hops.first().location));
        QVERIFY2(authorize.toString().startsWith(m_idp.issuer() + QStringLiteral("/auth")),
                 run.hops.first().location.constData());
        const QUrlQuery query(authorize);
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QVERIFY(!query.queryItemValue(QStringLiteral("state")).isEmpty());
        QVERIFY(!query.queryItemValue(QStringLiteral("nonce")).isEmpty());
        QVERIFY(query.queryItemValue(QStringLiteral("code_challenge")).size() >= 43);
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")),
                 QString::fromLatin1(OidcTestIdp::kClientId));

        const auto &last = run.last();
        QVERIFY2(last.status == 200, last.body.constData());
        const Json session = run.json();
        QCOMPARE(session.at("email").get<std::string>(), std::string("alice@example.test"));
        QCOMPARE(session.at("role").get<std::string>(), std::string("analyst"));
        QCOMPARE(session.at("is_sys_admin").get<bool>(), false);
        const QString token = QString::fromStdString(session.at("session_token").get<std::string>());
        const TestResponse r =
            m_server->request("GET", QStringLiteral("/api/v2/oidcdb/_table/notes"), nullptr,
                              {{"X-DreamFactory-Session-Token", token.toLatin1()},
                               {"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(column(r.json["resource"], "body"),
                 (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
    }

    void claimsFromUserinfo()
    {
        // An IdP that keeps the claims at userinfo (Okta-style): the sign-in still knows the
        // person's e-mail and groups, so role and row filter are the same.
        QVERIFY(m_idp.control("POST", QStringLiteral("/__test/config"), Json{{"conformIdTokenClaims", true}})
                    .value("conformIdTokenClaims", false));
        m_idp.clearCookies();
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso&login_hint=alice"))),
                                      {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        m_idp.control("POST", QStringLiteral("/__test/config"), Json{{"conformIdTokenClaims", false}});
        QVERIFY2(run.last().status == 200, run.last().body.constData());
        QCOMPARE(run.json().at("email").get<std::string>(), std::string("alice@example.test"));
        QCOMPARE(run.json().at("role").get<std::string>(), std::string("analyst"));
        QVERIFY(m_idp.countRequests(QStringLiteral("/me")) > 0);
    }

    void browserSignInNeedsAnApiKeyForUsers()
    {
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso"))));
        QCOMPARE(run.hops.size(), 1);
        QCOMPARE(run.last().status, 400);
    }

    void adminSignIn()
    {
        m_idp.clearCookies();
        const QString url =
            m_server->baseUrl() + QStringLiteral("/api/v2/system/admin/session?service=sso&login_hint=root");
        auto run = m_idp.browse(QUrl(url));
        QVERIFY2(run.last().status == 200, run.last().body.constData());
        QCOMPARE(run.json().at("is_sys_admin").get<bool>(), true);
        QCOMPARE(run.json().at("email").get<std::string>(), std::string("root@example.test"));
        // Alice is no admin.
        m_idp.clearCookies();
        run = m_idp.browse(QUrl(m_server->baseUrl() +
                                QStringLiteral("/api/v2/system/admin/session?service=sso&login_hint=alice")));
        QCOMPARE(run.last().status, 403);
    }

    void handoffToALoopbackFrontEnd()
    {
        m_idp.clearCookies();
        const QString frontEnd = QStringLiteral("http://127.0.0.1:9/callback");
        const QString start =
            userSessionUrl(QStringLiteral("service=sso&login_hint=bob&state=st%2Bx%26y&redirect_uri=") +
                           QString::fromLatin1(QUrl::toPercentEncoding(frontEnd)));
        const auto run =
            m_idp.browse(QUrl(start), {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}}, {frontEnd});
        QCOMPARE(run.last().status, 302);
        const QUrl landing(QString::fromLatin1(run.last().location));
        QVERIFY2(landing.toString().startsWith(frontEnd), run.last().location.constData());
        const QUrlQuery query(landing);
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+x&y"));
        const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QVERIFY(code.size() >= 40);
        // No session token anywhere in the redirect.
        QVERIFY(!run.last().location.contains("session_token"));
        QVERIFY(!run.last().body.contains("session_token"));

        // The code works for its service only ... (a wrong service spends it, too)
        TestResponse r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                                           Json{{"service", "sso"}, {"exchange_code", str(code)}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json.at("email").get<std::string>(), std::string("bob@example.test"));
        QCOMPARE(r.json.at("role").get<std::string>(), std::string("engineer"));
        QVERIFY(!r.json.at("session_token").get<std::string>().empty());
        // ... and once.
        r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                              Json{{"service", "sso"}, {"exchange_code", str(code)}});
        QCOMPARE(r.status, 401);
        r = m_server->request("POST", QStringLiteral("/api/v2/user/session"),
                              Json{{"service", "sso"}, {"exchange_code", "made-up"}});
        QCOMPARE(r.status, 401);
    }

    void handoffReportsFailuresToTheFrontEnd()
    {
        // A refused sign-in lands on the front end's redirect_uri with an error, not a code.
        const QString frontEnd = QStringLiteral("http://localhost:9/done");
        auto start = [&](const QString &path, const QString &account) {
            m_idp.clearCookies();
            return m_idp.browse(QUrl(m_server->baseUrl() + path +
                                     QStringLiteral("?service=sso&state=s1&login_hint=") + account +
                                     QStringLiteral("&redirect_uri=") +
                                     QString::fromLatin1(QUrl::toPercentEncoding(frontEnd))),
                                {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}}, {frontEnd});
        };
        // The IdP refuses (consent denied).
        auto run = start(QStringLiteral("/api/v2/user/session"), QStringLiteral("deny"));
        QCOMPARE(run.last().status, 302);
        QUrlQuery query(QUrl::fromEncoded(run.last().location));
        QVERIFY2(run.last().location.startsWith(frontEnd.toLatin1()), run.last().location.constData());
        QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
        QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("s1"));
        QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
        // Gatehouse refuses (alice is no admin).
        run = start(QStringLiteral("/api/v2/system/admin/session"), QStringLiteral("alice"));
        QCOMPARE(run.last().status, 302);
        query = QUrlQuery(QUrl::fromEncoded(run.last().location));
        QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
        QVERIFY(query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded)
                    .contains(QStringLiteral("admin")));
        QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
    }

    void noOpenRedirect_data()
    {
        QTest::addColumn<QString>("redirect");
        QTest::newRow("remote https") << QStringLiteral("https://evil.example/cb");
        QTest::newRow("remote http") << QStringLiteral("http://evil.example/cb");
        QTest::newRow("loopback-looking host") << QStringLiteral("http://127.0.0.1.evil.example/cb");
        QTest::newRow("userinfo") << QStringLiteral("http://127.0.0.1@evil.example/cb");
        QTest::newRow("scheme-relative") << QStringLiteral("//evil.example/cb");
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)");
        QTest::newRow("userinfo on loopback") << QStringLiteral("http://evil.example:80@127.0.0.1/cb");
    }

    void noOpenRedirect()
    {
        QFETCH(QString, redirect);
        const TestResponse r =
            m_server->request("GET",
                              QStringLiteral("/api/v2/user/session?service=sso&redirect_uri=") +
                                  QString::fromLatin1(QUrl::toPercentEncoding(redirect)),
                              nullptr, {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        QVERIFY2(r.status == 400, r.describe().constData());
        QVERIFY(r.header("location").isEmpty());
    }

    void stateIsSingleUse()
    {
        m_idp.clearCookies();
        const QString callbackPrefix =
            m_server->baseUrl() + QStringLiteral("/api/v2/user/session?oauth_callback=true");
        // Stop at the callback the IdP redirects to, as an attacker who captured it would.
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso&login_hint=alice"))),
                                      {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}}, {callbackPrefix});
        QVERIFY(run.last().status == 302 || run.last().status == 303);
        const QUrl callback = run.last().url.resolved(QUrl::fromEncoded(run.last().location));
        QVERIFY2(callback.toString().startsWith(callbackPrefix), run.last().location.constData());
        QCOMPARE(m_idp.browse(callback).last().status, 200);
        // Replayed: the state was spent (and the IdP would refuse the code a second time anyway).
        const auto replay = m_idp.browse(callback);
        QCOMPARE(replay.last().status, 401);
        QVERIFY(replay.json().at("error").at("message").get<std::string>().find("state") !=
                std::string::npos);
    }

    void callbackFromAnotherBrowserIsRefused()
    {
        // Login CSRF: an attacker finishes a sign-in as themselves and gets the victim's
        // browser to open the callback. The victim's browser lacks the sign-in's cookie.
        m_idp.clearCookies();
        const QString callbackPrefix =
            m_server->baseUrl() + QStringLiteral("/api/v2/user/session?oauth_callback=true");
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso&login_hint=bob"))),
                                      {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}}, {callbackPrefix});
        QVERIFY(run.hops.first().headers.value("set-cookie").contains("HttpOnly"));
        const QUrl callback = run.last().url.resolved(QUrl::fromEncoded(run.last().location));
        QVERIFY2(callback.toString().startsWith(callbackPrefix), run.last().location.constData());
        m_idp.clearCookies();
        const auto victim = m_idp.browse(callback);
        QCOMPARE(victim.last().status, 401);
        QVERIFY(victim.json().at("error").at("message").get<std::string>().find("browser") !=
                std::string::npos);
    }

    void idpErrorsAreRefused()
    {
        m_idp.clearCookies();
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso&login_hint=deny"))),
                                      {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        QCOMPARE(run.last().status, 401);
        const Json error = run.json();
        const QString message = QString::fromStdString(error.at("error").at("message").get<std::string>());
        QVERIFY2(message.contains(QStringLiteral("access_denied")), qPrintable(message));
        // A made-up callback with no sign-in behind it.
        const TestResponse r = m_server->request(
            "GET",
            QStringLiteral("/api/v2/user/session?oauth_callback=true&service=sso&code=abc&state=forged"));
        QCOMPARE(r.status, 401);
    }

    void probe()
    {
        ServiceManager &services = m_server->engine().services();
        const ServiceType *type = services.type(QStringLiteral("oidc"));
        QVERIFY(type && type->probe);
        auto runProbe = [&](const Json &config) {
            ServiceInfo info;
            info.name = QStringLiteral("probe");
            info.type = QStringLiteral("oidc");
            info.config = config;
            Json result;
            QEventLoop loop;
            type->probe(info, services.environment(), [&](Json r) {
                result = r;
                loop.quit();
            });
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
            return result;
        };
        Json result = runProbe(Json{{"issuer", str(m_idp.issuer())}, {"client_id", "gatehouse"}});
        QVERIFY2(result.value("success", false), result.dump().c_str());
        QCOMPARE(result.at("steps").size(), size_t(3));
        // The discovery document names another issuer (a trailing slash is another issuer).
        result =
            runProbe(Json{{"issuer", str(m_idp.issuer() + QStringLiteral("/"))}, {"client_id", "gatehouse"}});
        QVERIFY(!result.value("success", true));
        // Nothing listening.
        result = runProbe(Json{{"issuer", "http://127.0.0.1:1"}, {"client_id", "gatehouse"}});
        QVERIFY(!result.value("success", true));

        // The console's Test button on the stored service (its secret comes back masked and is
        // filled in by the server), and the sign-in options it offers.
        const TestResponse stored =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_oidcServiceId));
        QVERIFY2(stored.status == 200, stored.describe().constData());
        const TestResponse tested = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service/_test"),
            Json{{"id", m_oidcServiceId}, {"type", "oidc"}, {"config", stored.json.at("config")}});
        QVERIFY2(tested.status == 200 && tested.json.value("success", false), tested.describe().constData());
        QVERIFY(!tested.body.contains(OidcTestIdp::kClientSecret));
        const TestResponse env = m_server->request("GET", QStringLiteral("/api/v2/system/environment"));
        QVERIFY2(env.status == 200, env.describe().constData());
        bool listed = false;
        for (const Json &entry : env.json.at("authentication").at("oauth"))
            listed = listed || (entry.value("name", std::string()) == "sso" &&
                                entry.value("path", std::string()) == "user/session?service=sso");
        QVERIFY2(listed, env.describe().constData());
        QVERIFY(!env.body.contains("client_id"));
    }

    void accessTokensFromTheRealFlow()
    {
        // The authorization code flow of the IdP's public client (PKCE) for our API as the
        // resource: its JWT access token works; its ID token (aud = that client) does not.
        m_idp.clearCookies();
        const QString redirect =
            m_server->baseUrl() + QStringLiteral("/api/v2/user/session?oauth_callback=true&service=sso");
        const Json tokens = m_idp.authorizationCodeTokens(QStringLiteral("alice"), redirect,
                                                          QString::fromLatin1(kApiAudience),
                                                          QStringLiteral("openid email profile groups read"));
        QVERIFY2(tokens.is_object(), "the IdP issued no tokens");
        const QString access = QString::fromStdString(tokens.at("access_token").get<std::string>());
        QCOMPARE(access.count(QLatin1Char('.')), 2);
        TestResponse r = notes(access, false);
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(column(r.json["resource"], "body"),
                 (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
        const QString idToken = QString::fromStdString(tokens.at("id_token").get<std::string>());
        r = notes(idToken);
        QCOMPARE(r.status, 401);
        // client_credentials for another resource: signed right, meant for someone else.
        const QString other = m_idp.clientCredentialsToken(QStringLiteral("https://other.example.test"));
        QVERIFY(!other.isEmpty());
        r = notes(other);
        QCOMPARE(r.status, 401);
        QVERIFY2(errorMessage(r).contains(QStringLiteral("audience")), r.describe().constData());
    }

    void es256IdTokensAndClientSecretPost()
    {
        // Another client of the same IdP: ID tokens signed ES256, the secret sent in the form.
        const QString redirect =
            m_server->baseUrl() + QStringLiteral("/api/v2/user/session?oauth_callback=true&service=sso_es");
        QVERIFY(m_idp.addClients(Json::array({Json{{"client_id", "gatehouse-es"},
                                                   {"client_secret", "es-client-secret-for-tests"},
                                                   {"redirect_uris", Json::array({str(redirect)})},
                                                   {"id_token_signed_response_alg", "ES256"},
                                                   {"token_endpoint_auth_method", "client_secret_post"},
                                                   {"grant_types", Json::array({"authorization_code"})},
                                                   {"response_types", Json::array({"code"})}}})));
        Json config = Json::object();
        config["issuer"] = str(m_idp.issuer());
        config["client_id"] = "gatehouse-es";
        config["client_secret"] = "es-client-secret-for-tests";
        config["token_endpoint_auth_method"] = "client_secret_post";
        config["allowed_algorithms"] = Json::array({"ES256"});
        config["default_role"] = m_engineerRole;
        config["audience"] = kApiAudience;
        const qint64 id =
            m_server->createService(Json{{"name", "sso_es"}, {"type", "oidc"}, {"config", config}});
        QVERIFY(id > 0);
        m_idp.clearCookies();
        // Carol (an account new to this service; bob's address belongs to the other one).
        const auto run = m_idp.browse(QUrl(userSessionUrl(QStringLiteral("service=sso_es&login_hint=carol"))),
                                      {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        QVERIFY2(run.last().status == 200, run.last().body.constData());
        QCOMPARE(run.json().at("name").get<std::string>(), std::string("Carol Unverified"));
        QVERIFY(run.json().at("email").get<std::string>() != "carol@example.test"); // not verified
        QCOMPARE(run.json().at("role").get<std::string>(), std::string("engineer"));
        // The same issuer's other service must not linger for the bearer tests.
        QCOMPARE(m_server->admin("DELETE", QStringLiteral("/api/v2/system/service/%1").arg(id)).status, 200);
    }

    void configIsChecked()
    {
        auto create = [&](const Json &config) {
            return m_server->admin(
                "POST", QStringLiteral("/api/v2/system/service"),
                Json{{"resource",
                      Json::array({Json{{"name", "badsso"}, {"type", "oidc"}, {"config", config}}})}});
        };
        const std::string issuer = str(m_idp.issuer());
        QCOMPARE(create(Json{{"issuer", issuer}, {"client_id", "x"}, {"bogus", true}}).status, 400);
        QCOMPARE(
            create(
                Json{{"issuer", issuer}, {"client_id", "x"}, {"allowed_algorithms", Json::array({"HS256"})}})
                .status,
            400);
        QCOMPARE(create(Json{{"issuer", "http://idp.example.test"}, {"client_id", "x"}}).status, 400);
        QCOMPARE(create(Json{{"client_id", "x"}}).status, 400);
    }

    void unreachableIdentityProvider()
    {
        // A service whose IdP is down: its tokens and sign-ins get 502, not 401 and not a hang.
        const qint64 id = m_server->createService(
            Json{{"name", "deadsso"},
                 {"type", "oidc"},
                 {"config", {{"issuer", "http://127.0.0.1:2"}, {"client_id", "gatehouse"}, {"timeout", 5}}}});
        QVERIFY(id > 0);
        TestResponse r =
            notes(mint(Json{{"account", "alice"}, {"iss", "http://127.0.0.1:2"}, {"aud", "gatehouse"}}));
        QVERIFY2(r.status == 502 || r.status == 504, r.describe().constData());
        r = m_server->request("GET", QStringLiteral("/api/v2/user/session?service=deadsso"), nullptr,
                              {{"X-DreamFactory-API-Key", m_appKey.toLatin1()}});
        QVERIFY2(r.status == 502 || r.status == 504, r.describe().constData());
    }

    void secretStaysSecret()
    {
        const TestResponse r =
            m_server->admin("GET", QStringLiteral("/api/v2/system/service/%1").arg(m_oidcServiceId));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.body.contains(OidcTestIdp::kClientSecret));
        QVERIFY(r.json.at("config").contains("client_secret"));
        const TestResponse list = m_server->admin("GET", QStringLiteral("/api/v2/system/service"));
        QVERIFY(!list.body.contains(OidcTestIdp::kClientSecret));
        // Nothing this module did put the secret, a token or a code into the logs (which did
        // capture the refusals above).
        const auto lines = m_logs->last_formatted();
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const std::string &line) {
            return line.find("bearer token refused") != std::string::npos;
        }));
        for (const std::string &line : lines) {
            QVERIFY2(line.find(OidcTestIdp::kClientSecret) == std::string::npos, line.c_str());
            QVERIFY2(line.find("eyJ") == std::string::npos, line.c_str());
        }
    }
};

GATEHOUSE_TEST_MAIN(TestOidc)
#include "tst_oidc.moc"
