// OAuth for MCP clients (MCP authorization, RFC 9728 / RFC 8707) through the running gateway,
// with a fake identity service standing in for oidc: the `oauth` config and its validation,
// the protected resource metadata at both well-known paths, 401 challenges with
// WWW-Authenticate (no credentials, invalid or expired tokens), 403 insufficient_scope, the
// token audience (this MCP server's resource URL only: not the REST API's, not another MCP
// server's, not another identity service's tokens), allow_api_key_auth, and no token
// passthrough (a token for the MCP resource is refused by the REST API; tools run in-process
// as the token's user, who is the one in the audit trail).
#include <QCoreApplication>
#include <QDateTime>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "TestServer.h"
#include "core/ApiError.h"
#include "services/IdentityProvider.h"
#include "services/ServiceManager.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {

QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

// A stand-in for the oidc service type: tokens are "<header>.<claims>.valid" (anything else as
// the signature fails), issued by config `issuer`, checked for exp and for `aud` containing the
// audience asked for (empty: config `audience`, as the real one does).
class FakeIdp : public Service, public IdentityProvider
{
public:
    explicit FakeIdp(ServiceInfo info)
        : Service(std::move(info))
    {
    }

    QStringList accessComponents() const override { return {}; }
    void handle(std::shared_ptr<const RequestContext>, Completion done) override
    {
        done(HttpResponse::fromError(ApiError::notFound(QStringLiteral("nothing here"))));
    }
    IdentityProvider *identityProvider() override { return this; }

    QString signInKind() const override { return QStringLiteral("oidc"); }
    const IdentityRoleMap &roleMap() const override { return m_roles; }
    bool acceptsIssuer(const QString &issuer) const override { return issuer == config("issuer"); }
    std::optional<qint64> bearerAppId() const override
    {
        const Json &c = info().config;
        if (c.contains("app_id") && c["app_id"].is_number_integer())
            return c["app_id"].get<qint64>();
        return std::nullopt;
    }
    void verifyBearer(const QString &token, const QString &audience, OnIdentity onIdentity,
                      OnError onError) override
    {
        const QString wanted = audience.isEmpty() ? config("audience") : audience;
        ++verifications;
        lastAudience = wanted;
        QString failure;
        ExternalIdentity identity;
        const QStringList parts = token.split(QLatin1Char('.'));
        Json claims;
        if (parts.size() == 3)
            claims = parseJsonOrDiscarded(
                QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding));
        if (parts.size() != 3 || parts[2] != QLatin1String("valid") || !claims.is_object())
            failure = QStringLiteral("Invalid token: the signature does not verify.");
        else if (text(claims.value("iss", Json())) != config("issuer"))
            failure = QStringLiteral("Invalid token: wrong issuer.");
        else if (claims.value("exp", Json(0)).get<qint64>() < QDateTime::currentSecsSinceEpoch())
            failure = QStringLiteral("Invalid token: the token has expired.");
        else {
            const Json aud = claims.value("aud", Json());
            bool audienceOk = aud.is_string() && text(aud) == wanted;
            if (aud.is_array())
                for (const Json &a : aud)
                    audienceOk = audienceOk || text(a) == wanted;
            if (!audienceOk)
                failure = QStringLiteral("Invalid token: the audience is not %1.").arg(wanted);
        }
        if (failure.isEmpty()) {
            identity.serviceId = info().id;
            identity.serviceName = info().name;
            identity.subject = text(claims.value("sub", Json()));
            identity.username = identity.subject;
            identity.email = text(claims.value("email", Json()));
            identity.name = text(claims.value("name", Json()));
            identity.scopes = text(claims.value("scope", Json())).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        QTimer::singleShot(0, [failure, identity, onIdentity, onError] {
            if (failure.isEmpty())
                onIdentity(identity);
            else
                onError(HttpResponse::fromError(ApiError::unauthorized(failure)));
        });
    }

    int verifications = 0;
    QString lastAudience;

private:
    QString config(const char *key) const { return text(info().config.value(key, Json())); }
    IdentityRoleMap m_roles;
};

QString makeToken(const Json &claims, const char *signature = "valid")
{
    const QByteArray header = QByteArray("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}")
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray body =
        dumpJson(claims).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(header + '.' + body + '.' + signature);
}
} // namespace

class TestMcpOAuth : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QString m_base;   // http://127.0.0.1:<port>
    QString m_apiKey; // the app whose role reaches the MCP services and demo
    qint64 m_appId = 0;
    int m_nextId = 1;

    QString resourceOf(const char *service) const
    {
        return m_base + QStringLiteral("/mcp/") + QLatin1String(service);
    }

    QString token(const QString &audience, const QString &scope = QStringLiteral("mcp:tools openid"),
                  const QString &issuer = QStringLiteral("https://idp.test"), qint64 expiresIn = 600,
                  const char *signature = "valid")
    {
        return makeToken(Json{{"iss", issuer},
                              {"sub", "alice"},
                              {"email", "alice@corp.test"},
                              {"name", "Alice"},
                              {"aud", audience},
                              {"scope", scope},
                              {"exp", QDateTime::currentSecsSinceEpoch() + expiresIn}},
                         signature);
    }

    Json initializeMessage()
    {
        return Json{{"jsonrpc", "2.0"},
                    {"id", m_nextId++},
                    {"method", "initialize"},
                    {"params",
                     {{"protocolVersion", "2025-11-25"},
                      {"capabilities", Json::object()},
                      {"clientInfo", {{"name", "tst_mcpoauth"}, {"version", "1"}}}}}};
    }

    TestResponse post(const QString &service, const Json &message, const Headers &credentials,
                      const QByteArray &session = {})
    {
        Headers h{{"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"}};
        if (!session.isEmpty()) {
            h.append({QByteArray("Mcp-Session-Id"), session});
            h.append({QByteArray("MCP-Protocol-Version"), QByteArray("2025-11-25")});
        }
        h += credentials;
        return m_server->rawRequest("POST", QStringLiteral("/mcp/") + service, dumpJson(message), h);
    }

    static Headers bearer(const QString &t) { return {{"Authorization", "Bearer " + t.toLatin1()}}; }

    TestResponse createService(const Json &definition)
    {
        return m_server->admin("POST", QStringLiteral("/api/v2/system/service"),
                               Json{{"resource", {definition}}});
    }

    static QByteArray challengeOf(const TestResponse &r) { return r.header("www-authenticate"); }
    QByteArray metadataParam(const char *service) const
    {
        return QByteArray("resource_metadata=\"") + m_base.toLatin1() +
               QByteArray("/.well-known/oauth-protected-resource/mcp/") + service + '"';
    }

private slots:
    void initTestCase()
    {
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_base = m_server->baseUrl();
        while (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);

        ServiceType fake;
        fake.name = QStringLiteral("fakeidp");
        fake.label = QStringLiteral("Fake identity provider");
        fake.group = QStringLiteral("Identity");
        fake.create = [](const ServiceInfo &info, const ServiceEnvironment &) -> std::shared_ptr<Service> {
            return std::make_shared<FakeIdp>(info);
        };
        m_server->engine().services().registerType(std::move(fake));

        // MCP services first (their ids go into the role), the app, then the identity services
        // naming that app.
        const Json secure{
            {"name", "secure"},
            {"label", "Secure data"},
            {"type", "mcp"},
            {"config",
             {{"services", {"demo"}}, {"oauth", {{"identity_service", "corp"}, {"scopes", {"mcp:tools"}}}}}}};
        const Json strict{{"name", "strict"},
                          {"type", "mcp"},
                          {"config",
                           {{"services", {"demo"}},
                            {"oauth", {{"identity_service", "corp"}, {"allow_api_key_auth", false}}}}}};
        const Json fixed{
            {"name", "fixed"},
            {"type", "mcp"},
            {"config",
             {{"services", {"demo"}},
              {"oauth", {{"identity_service", "corp"}, {"resource", "https://gw.example.com/mcp/fixed/"}}}}}};
        const Json plain{{"name", "plain"}, {"type", "mcp"}, {"config", {{"services", {"demo"}}}}};
        // The identity service must exist before an MCP service can name it.
        const qint64 demo = m_server->engine().services().find(QStringLiteral("demo"))->info().id;
        QCOMPARE(
            createService(Json{{"name", "corp"},
                               {"type", "fakeidp"},
                               {"config", {{"issuer", "https://idp.test"}, {"audience", "gatehouse-api"}}}})
                .status,
            201);
        QCOMPARE(
            createService(Json{{"name", "other"},
                               {"type", "fakeidp"},
                               {"config", {{"issuer", "https://other.test"}, {"audience", "gatehouse-api"}}}})
                .status,
            201);
        Json rules = Json::array();
        for (const Json &definition : {secure, strict, fixed, plain}) {
            const TestResponse created = createService(definition);
            QVERIFY2(created.status == 201, created.describe().constData());
            rules.push_back({{"service_id", created.json["resource"][0]["id"]},
                             {"component", "*"},
                             {"verb_mask", 31},
                             {"requestor_mask", 1}});
        }
        rules.push_back(
            {{"service_id", demo}, {"component", "_table/*"}, {"verb_mask", 1}, {"requestor_mask", 1}});
        rules.push_back(
            {{"service_id", demo}, {"component", "_schema/*"}, {"verb_mask", 1}, {"requestor_mask", 1}});
        const qint64 role = m_server->createRole(QStringLiteral("mcp-oauth"), rules);
        QVERIFY(role);
        m_apiKey = m_server->createAppKey(QStringLiteral("mcp-oauth"), role);
        QVERIFY(!m_apiKey.isEmpty());
        const TestResponse apps = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/app?filter=") +
                       QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("name = 'mcp-oauth'"))));
        QVERIFY2(apps.status == 200 && apps.json["resource"].size() == 1, apps.describe().constData());
        m_appId = apps.json["resource"][0]["id"].get<qint64>();
        // Bearer-token callers without an API key get this app (and its role).
        for (const char *idp : {"corp", "other"}) {
            const auto service = m_server->engine().services().find(QLatin1String(idp));
            QVERIFY(service);
            Json config = service->info().config;
            config["app_id"] = m_appId;
            const TestResponse patched =
                m_server->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(service->info().id),
                                Json{{"config", config}});
            QVERIFY2(patched.status == 200, patched.describe().constData());
        }
    }

    void configIsValidated_data()
    {
        QTest::addColumn<QByteArray>("oauth");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << QByteArray("\"corp\"") << "must be an object";
        QTest::newRow("unknown key") << QByteArray("{\"identity_service\":\"corp\",\"audience\":\"x\"}")
                                     << "oauth.audience";
        QTest::newRow("no identity service")
            << QByteArray("{\"scopes\":[\"mcp:tools\"]}") << "identity_service";
        QTest::newRow("missing service")
            << QByteArray("{\"identity_service\":\"nope\"}") << "no service named";
        QTest::newRow("not an identity service")
            << QByteArray("{\"identity_service\":\"demo\"}") << "is not an identity service";
        QTest::newRow("scope with a space")
            << QByteArray("{\"identity_service\":\"corp\",\"scopes\":[\"a b\"]}") << "oauth.scopes";
        QTest::newRow("scope with a quote")
            << QByteArray("{\"identity_service\":\"corp\",\"scopes\":[\"a\\\"\"]}") << "oauth.scopes";
        QTest::newRow("scopes not a list")
            << QByteArray("{\"identity_service\":\"corp\",\"scopes\":\"mcp:tools\"}") << "oauth.scopes";
        QTest::newRow("resource not http")
            << QByteArray("{\"identity_service\":\"corp\",\"resource\":\"ftp://x/mcp\"}") << "oauth.resource";
        QTest::newRow("resource with fragment")
            << QByteArray("{\"identity_service\":\"corp\",\"resource\":\"https://x/mcp#a\"}")
            << "oauth.resource";
        QTest::newRow("resource relative")
            << QByteArray("{\"identity_service\":\"corp\",\"resource\":\"/mcp/x\"}") << "oauth.resource";
        QTest::newRow("allow_api_key_auth not bool")
            << QByteArray("{\"identity_service\":\"corp\",\"allow_api_key_auth\":\"no\"}")
            << "allow_api_key_auth";
    }

    void configIsValidated()
    {
        QFETCH(QByteArray, oauth);
        QFETCH(QString, expected);
        const TestResponse r =
            createService(Json{{"name", "badoauth"},
                               {"type", "mcp"},
                               {"config", {{"services", {"demo"}}, {"oauth", Json::parse(oauth)}}}});
        QVERIFY2(r.status == 400, r.describe().constData());
        QVERIFY2(r.body.contains(expected.toUtf8()), r.describe().constData());
    }

    void protectedResourceMetadata_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("path-inserted") << QStringLiteral("/.well-known/oauth-protected-resource/mcp/secure");
        QTest::newRow("path-appended") << QStringLiteral("/mcp/secure/.well-known/oauth-protected-resource");
    }

    void protectedResourceMetadata()
    {
        QFETCH(QString, path);
        // Public: no credentials at all.
        const TestResponse r = m_server->request("GET", path);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.header("content-type").startsWith("application/json"));
        QCOMPARE(text(r.json["resource"]), resourceOf("secure"));
        QCOMPARE(r.json["authorization_servers"].dump(), std::string("[\"https://idp.test\"]"));
        QCOMPARE(r.json["scopes_supported"].dump(), std::string("[\"mcp:tools\"]"));
        QCOMPARE(r.json["bearer_methods_supported"].dump(), std::string("[\"header\"]"));
        QCOMPARE(text(r.json["resource_name"]), QStringLiteral("Secure data"));
    }

    void metadataOfAConfiguredResource()
    {
        const TestResponse r =
            m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/fixed"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(text(r.json["resource"]), QStringLiteral("https://gw.example.com/mcp/fixed"));
        QVERIFY(!r.json.contains("scopes_supported"));
    }

    void metadataOnlyForOAuthServices()
    {
        QCOMPARE(m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/plain"))
                     .status,
                 404);
        QCOMPARE(m_server->request("GET", QStringLiteral("/mcp/plain/.well-known/oauth-protected-resource"))
                     .status,
                 404);
        QCOMPARE(m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/nosuch"))
                     .status,
                 404);
        QCOMPARE(
            m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/demo")).status,
            404);
        QCOMPARE(
            m_server->request("GET", QStringLiteral("/.well-known/openid-configuration/mcp/secure")).status,
            404);
        QCOMPARE(m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource")).status,
                 404);
        const TestResponse post = m_server->request(
            "POST", QStringLiteral("/.well-known/oauth-protected-resource/mcp/secure"), Json::object());
        QCOMPARE(post.status, 405);
    }

    void metadataKeepsTransportRules()
    {
        // The MCP server's Origin check applies to its documents too.
        const TestResponse r =
            m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/secure"),
                              nullptr, {{"Origin", "https://evil.example"}});
        QCOMPARE(r.status, 403);
    }

    void noCredentialsGetsAChallenge()
    {
        const TestResponse r = post(QStringLiteral("secure"), initializeMessage(), {});
        QVERIFY2(r.status == 401, r.describe().constData());
        const QByteArray challenge = challengeOf(r);
        QVERIFY2(challenge.startsWith("Bearer "), challenge.constData());
        QVERIFY2(challenge.contains(metadataParam("secure")), challenge.constData());
        QVERIFY2(challenge.contains("scope=\"mcp:tools\""), challenge.constData());
        QVERIFY2(!challenge.contains("error="), challenge.constData());
        QVERIFY2(r.json.contains("error"), r.describe().constData());
        QCOMPARE(r.json["error"]["status_code"].get<int>(), 401);

        // The URL in the challenge serves the document.
        const TestResponse document =
            m_server->request("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/secure"));
        QCOMPARE(document.status, 200);
    }

    void mcpWithoutOAuthIsUnchanged()
    {
        const TestResponse r = post(QStringLiteral("plain"), initializeMessage(), {});
        QCOMPARE(r.status, 400);
        QVERIFY(challengeOf(r).isEmpty());
    }

    void invalidTokensGetInvalidToken_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("bad signature") << 0;
        QTest::newRow("expired") << 1;
        QTest::newRow("not a JWT") << 2;
        QTest::newRow("our own issuer forged") << 3;
    }

    void invalidTokensGetInvalidToken()
    {
        QFETCH(int, kind);
        QString t;
        switch (kind) {
        case 0:
            t = token(resourceOf("secure"), QStringLiteral("mcp:tools"), QStringLiteral("https://idp.test"),
                      600, "forged");
            break;
        case 1:
            t = token(resourceOf("secure"), QStringLiteral("mcp:tools"), QStringLiteral("https://idp.test"),
                      -60);
            break;
        case 2:
            t = QStringLiteral("not-a-token");
            break;
        default:
            t = makeToken(
                Json{{"iss", "gatehouse"}, {"sub", "1"}, {"exp", QDateTime::currentSecsSinceEpoch() + 60}});
        }
        const TestResponse r = post(QStringLiteral("secure"), initializeMessage(), bearer(t));
        QVERIFY2(r.status == 401, r.describe().constData());
        const QByteArray challenge = challengeOf(r);
        QVERIFY2(challenge.contains("error=\"invalid_token\""), challenge.constData());
        QVERIFY2(challenge.contains("resource_metadata=\""), challenge.constData());
    }

    void tokenForThisResourceWorks()
    {
        auto corp =
            std::dynamic_pointer_cast<FakeIdp>(m_server->engine().services().find(QStringLiteral("corp")));
        QVERIFY(corp);
        const QString t = token(resourceOf("secure"));
        const TestResponse init = post(QStringLiteral("secure"), initializeMessage(), bearer(t));
        QVERIFY2(init.status == 200, init.describe().constData());
        // The gate asked the identity service for this MCP server's resource as the audience.
        QCOMPARE(corp->lastAudience, resourceOf("secure"));
        const QByteArray session = init.header("mcp-session-id");
        QVERIFY(!session.isEmpty());

        const TestResponse list =
            post(QStringLiteral("secure"),
                 Json{{"jsonrpc", "2.0"}, {"id", m_nextId++}, {"method", "tools/list"}}, bearer(t), session);
        QVERIFY2(list.status == 200 && list.json.contains("result"), list.describe().constData());

        // A tool runs in-process as the token's user (no token is forwarded anywhere).
        const TestResponse call = post(
            QStringLiteral("secure"),
            Json{{"jsonrpc", "2.0"},
                 {"id", m_nextId++},
                 {"method", "tools/call"},
                 {"params",
                  {{"name", "count_records"}, {"arguments", {{"service", "demo"}, {"table", "customers"}}}}}},
            bearer(t), session);
        QVERIFY2(call.status == 200 && call.json["result"]["isError"] == false, call.describe().constData());
        const QByteArray requestId = call.header("x-request-id");
        QVERIFY(m_server->flushAudit());
        const TestResponse audit = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/audit?fields=*&order=id%20DESC&limit=50&filter=") +
                       QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("service = 'demo'"))));
        QCOMPARE(audit.status, 200);
        bool found = false;
        for (const Json &row : audit.json["resource"])
            if (row.dump().find(requestId.toStdString()) != std::string::npos)
                found = found || row.dump().find("alice@corp.test") != std::string::npos;
        QVERIFY2(found, audit.body.left(3000).constData());
    }

    void tokenWithoutNameClaimsWorks()
    {
        // Access tokens often carry only sub, email and scope: the person is still provisioned.
        const QString t = makeToken(Json{{"iss", "https://idp.test"},
                                         {"sub", "carol"},
                                         {"email", "carol@corp.test"},
                                         {"aud", resourceOf("secure")},
                                         {"scope", "mcp:tools"},
                                         {"exp", QDateTime::currentSecsSinceEpoch() + 600}});
        const TestResponse r = post(QStringLiteral("secure"), initializeMessage(), bearer(t));
        QVERIFY2(r.status == 200, r.describe().constData());
    }

    void tokenForAnotherAudienceIsRefused_data()
    {
        QTest::addColumn<QString>("audience");
        QTest::newRow("the REST API's audience") << QStringLiteral("gatehouse-api");
        QTest::newRow("another MCP server") << QStringLiteral("MCP:strict");
        QTest::newRow("an OAuth client id") << QStringLiteral("mcp-inspector");
        QTest::newRow("trailing slash") << QStringLiteral("MCP:secure/");
    }

    void tokenForAnotherAudienceIsRefused()
    {
        QFETCH(QString, audience);
        if (audience.startsWith(QLatin1String("MCP:")))
            audience = m_base + QStringLiteral("/mcp/") + audience.mid(4);
        const TestResponse r = post(QStringLiteral("secure"), initializeMessage(), bearer(token(audience)));
        QVERIFY2(r.status == 401, r.describe().constData());
        QVERIFY2(challengeOf(r).contains("error=\"invalid_token\""), challengeOf(r).constData());
    }

    void tokenOfAnotherIdentityServiceIsRefused()
    {
        // `other` would vouch for it (its issuer, our resource as audience), but this MCP server
        // trusts `corp` only.
        const QString t = makeToken(Json{{"iss", "https://other.test"},
                                         {"sub", "bob"},
                                         {"email", "bob@other.test"},
                                         {"name", "Bob"},
                                         {"aud", resourceOf("secure")},
                                         {"scope", "mcp:tools"},
                                         {"exp", QDateTime::currentSecsSinceEpoch() + 600}});
        const TestResponse r = post(QStringLiteral("secure"), initializeMessage(), bearer(t));
        QVERIFY2(r.status == 401, r.describe().constData());
        QVERIFY2(challengeOf(r).contains("error=\"invalid_token\""), challengeOf(r).constData());
        QVERIFY2(r.body.contains("corp"), r.describe().constData());
    }

    void missingScopeIsForbidden()
    {
        const TestResponse r = post(QStringLiteral("secure"), initializeMessage(),
                                    bearer(token(resourceOf("secure"), QStringLiteral("openid profile"))));
        QVERIFY2(r.status == 403, r.describe().constData());
        const QByteArray challenge = challengeOf(r);
        QVERIFY2(challenge.startsWith("Bearer error=\"insufficient_scope\""), challenge.constData());
        QVERIFY2(challenge.contains("scope=\"mcp:tools\""), challenge.constData());
        QVERIFY2(challenge.contains(metadataParam("secure")), challenge.constData());
    }

    void noTokenPassthroughToTheRestApi()
    {
        // A token issued for the MCP resource is not a token for the REST API (whose audience is
        // the identity service's own), so a server that received it cannot replay it there.
        const QString t = token(resourceOf("secure"));
        const TestResponse rest = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1"), nullptr,
            {{"Authorization", "Bearer " + t.toLatin1()}, {"X-DreamFactory-API-Key", m_apiKey.toLatin1()}});
        QVERIFY2(rest.status == 401, rest.describe().constData());
        // ... nor for another MCP server.
        const TestResponse other = post(QStringLiteral("strict"), initializeMessage(), bearer(t));
        QVERIFY2(other.status == 401, other.describe().constData());
        // The REST API takes a token issued for it.
        const TestResponse ok = m_server->request(
            "GET", QStringLiteral("/api/v2/demo/_table/customers?limit=1"), nullptr,
            {{"Authorization", "Bearer " + token(QStringLiteral("gatehouse-api")).toLatin1()}});
        QVERIFY2(ok.status == 200, ok.describe().constData());
    }

    void apiKeysFollowAllowApiKeyAuth()
    {
        const Headers key{{"X-DreamFactory-API-Key", m_apiKey.toLatin1()}};
        // secure: allow_api_key_auth defaults to true.
        const TestResponse secure = post(QStringLiteral("secure"), initializeMessage(), key);
        QVERIFY2(secure.status == 200, secure.describe().constData());
        // strict: OAuth tokens only.
        const TestResponse strict = post(QStringLiteral("strict"), initializeMessage(), key);
        QVERIFY2(strict.status == 401, strict.describe().constData());
        QVERIFY2(challengeOf(strict).contains(metadataParam("strict")), challengeOf(strict).constData());
        QVERIFY2(!challengeOf(strict).contains("scope="), challengeOf(strict).constData());
        // A Gatehouse session token is not an OAuth token for this resource either.
        const TestResponse admin =
            post(QStringLiteral("strict"), initializeMessage(),
                 {{"X-DreamFactory-Session-Token", m_server->adminToken().toLatin1()}});
        QVERIFY2(admin.status == 401, admin.describe().constData());
        QVERIFY2(challengeOf(admin).contains("error=\"invalid_token\""), challengeOf(admin).constData());
        // A token for it works (no scopes are required there).
        const TestResponse token = post(QStringLiteral("strict"), initializeMessage(),
                                        bearer(this->token(resourceOf("strict"), {})));
        QVERIFY2(token.status == 200, token.describe().constData());
    }

    void configuredResourceIsTheAudience()
    {
        const TestResponse wrong =
            post(QStringLiteral("fixed"), initializeMessage(), bearer(token(resourceOf("fixed"))));
        QCOMPARE(wrong.status, 401);
        const TestResponse right = post(QStringLiteral("fixed"), initializeMessage(),
                                        bearer(token(QStringLiteral("https://gw.example.com/mcp/fixed"))));
        QVERIFY2(right.status == 200, right.describe().constData());
    }

    void publicUrlNamesTheResource()
    {
        // Behind a proxy the gateway's own address is configured: resource and metadata URLs
        // follow it, whatever Host the request carried.
        TestServer::Options options;
        options.settings.insert(QStringLiteral("public_url"), QStringLiteral("https://gw.example.com/"));
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        ServiceType fake;
        fake.name = QStringLiteral("fakeidp");
        fake.create = [](const ServiceInfo &info, const ServiceEnvironment &) -> std::shared_ptr<Service> {
            return std::make_shared<FakeIdp>(info);
        };
        server.engine().services().registerType(std::move(fake));
        QVERIFY(server.createService(
            Json{{"name", "corp"}, {"type", "fakeidp"}, {"config", {{"issuer", "https://idp.test"}}}}));
        QVERIFY(server.createService(Json{
            {"name", "data"}, {"type", "mcp"}, {"config", {{"oauth", {{"identity_service", "corp"}}}}}}));
        const TestResponse document =
            server.request("GET", QStringLiteral("/mcp/data/.well-known/oauth-protected-resource"));
        QVERIFY2(document.status == 200, document.describe().constData());
        QCOMPARE(text(document.json["resource"]), QStringLiteral("https://gw.example.com/mcp/data"));
        const TestResponse challenge =
            server.rawRequest("POST", QStringLiteral("/mcp/data"), dumpJson(initializeMessage()),
                              {{"Content-Type", "application/json"}});
        QCOMPARE(challenge.status, 401);
        QCOMPARE(challengeOf(challenge),
                 QByteArray("Bearer resource_metadata=\"https://gw.example.com/.well-known/"
                            "oauth-protected-resource/mcp/data\""));
    }

    void badPublicUrlIsRefusedAtStart()
    {
        TestServer::Options options;
        options.settings.insert(QStringLiteral("public_url"), QStringLiteral("gw.example.com/x?y"));
        TestServer server(options);
        QVERIFY(!server.start());
        QVERIFY2(server.errorString().contains(QLatin1String("public_url")),
                 qPrintable(server.errorString()));
    }

    void hostileHostHeaderDoesNotReachTheChallenge()
    {
        // A Host the allow-list refuses never gets this far; one it accepts but that could break
        // out of the quoted parameter is replaced by the listen address.
        const TestResponse r =
            m_server->rawRequest("POST", QStringLiteral("/mcp/secure"), dumpJson(initializeMessage()),
                                 {{"Content-Type", "application/json"}, {"Host", "evil.example"}});
        QCOMPARE(r.status, 421);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestMcpOAuth test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mcpoauth.moc"
