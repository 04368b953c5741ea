// The MCP server (service type `mcp`, /mcp/{service}) through the running gateway: the
// Streamable HTTP transport of revision 2025-11-25 (initialize, session ids, the version
// header, notifications, GET 405, DELETE, JSON or SSE), stateless 2026-07-28 requests, Origin
// and loopback checks, JSON-RPC errors, and governance: tools filtered by role, row filters,
// masking, RBAC refusals as tool errors, write tools only when allowed, resources and prompts,
// and the audit trail of tool calls.
#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "TestServer.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "services/mcp/McpService.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
QStringList toolNames(const Json &result)
{
    QStringList names;
    if (result.is_object() && result.contains("tools"))
        for (const Json &tool : result["tools"])
            names << QString::fromStdString(tool.value("name", std::string()));
    return names;
}

const Json *findTool(const Json &result, const char *name)
{
    for (const Json &tool : result["tools"])
        if (tool.value("name", std::string()) == name)
            return &tool;
    return nullptr;
}
} // namespace

class TestMcp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    qint64 m_demo = 0;
    qint64 m_mcp = 0;
    QString m_reader;   // mcp + every demo table (read) + named queries; customers.email masked
    QString m_narrow;   // mcp + customers (row filter hides every row) + products
    QString m_toolless; // mcp only: no database access
    QString m_outsider; // demo only: no access to the mcp service
    int m_nextId = 1;

    Headers headers(const QString &key, const QByteArray &session = {}, const Headers &extra = {},
                    const QByteArray &version = "2025-11-25")
    {
        Headers h{{"X-DreamFactory-API-Key", key.toLatin1()},
                  {"Content-Type", "application/json"},
                  {"Accept", "application/json, text/event-stream"}};
        if (!session.isEmpty())
            h.append({"Mcp-Session-Id", session});
        if (!version.isEmpty())
            h.append({"MCP-Protocol-Version", version});
        h += extra;
        return h;
    }

    TestResponse post(const QString &key, const Json &message, const QByteArray &session = {},
                      const Headers &extra = {}, const QString &service = QStringLiteral("dmcp"),
                      const QByteArray &version = "2025-11-25")
    {
        return m_server->rawRequest("POST", QStringLiteral("/mcp/") + service, dumpJson(message),
                                    headers(key, session, extra, version));
    }

    Json request(const char *method, const Json &params = Json::object())
    {
        return Json{{"jsonrpc", "2.0"}, {"id", m_nextId++}, {"method", method}, {"params", params}};
    }

    Json request_(const char *method, const Json &params = Json::object()) { return request(method, params); }

    QByteArray initialize(const QString &key, const QString &service = QStringLiteral("dmcp"))
    {
        const TestResponse r =
            post(key,
                 request("initialize", {{"protocolVersion", "2025-11-25"},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "tst_mcp"}, {"version", "1"}}}}),
                 {}, {}, service, {});
        if (r.status != 200)
            qWarning("initialize failed: %s", r.describe().constData());
        return r.header("mcp-session-id");
    }

    // A request in an initialized session; the JSON-RPC response.
    Json call(const QString &key, const QByteArray &session, const char *method,
              const Json &params = Json::object(), const QString &service = QStringLiteral("dmcp"))
    {
        const TestResponse r = post(key, request(method, params), session, {}, service);
        if (r.status != 200)
            qWarning("%s failed: %s", method, r.describe().constData());
        return r.json;
    }

    Json callTool(const QString &key, const QByteArray &session, const char *name, const Json &arguments,
                  const QString &service = QStringLiteral("dmcp"))
    {
        return call(key, session, "tools/call", {{"name", name}, {"arguments", arguments}},
                    service)["result"];
    }

    qint64 createService(const Json &definition)
    {
        const TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/service"),
                                               Json{{"resource", {definition}}});
        if (r.status != 201) {
            qWarning("service create failed: %s", r.describe().constData());
            return 0;
        }
        return r.json["resource"][0]["id"].get<qint64>();
    }

    QString appKey(const char *name, const Json &rules)
    {
        const qint64 role = m_server->createRole(QLatin1String(name), rules);
        return role ? m_server->createAppKey(QLatin1String(name), role) : QString();
    }

private slots:
    void initTestCase()
    {
        TestServer::Options options;
        options.demo = true;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const auto demo = m_server->engine().services().find(QStringLiteral("demo"));
        QVERIFY(demo);
        m_demo = demo->info().id;
        m_mcp = createService(
            {{"name", "dmcp"},
             {"label", "Demo MCP"},
             {"type", "mcp"},
             {"config", {{"services", {"demo"}}, {"allowed_origins", {"https://app.example.com"}}}}});
        QVERIFY(m_mcp);
        const qint64 writable = createService({{"name", "dmcpw"},
                                               {"type", "mcp"},
                                               {"config", {{"services", {"demo"}}, {"allow_writes", true}}}});
        QVERIFY(writable);

        const Json mcpRules = Json::array(
            {{{"service_id", m_mcp}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}},
             {{"service_id", writable}, {"component", "*"}, {"verb_mask", 31}, {"requestor_mask", 1}}});
        Json reader = mcpRules;
        reader.push_back(
            {{"service_id", m_demo}, {"component", "_table/*"}, {"verb_mask", 1}, {"requestor_mask", 1}});
        reader.push_back(
            {{"service_id", m_demo}, {"component", "_proc/*"}, {"verb_mask", 3}, {"requestor_mask", 1}});
        reader.push_back(
            {{"service_id", m_demo}, {"component", "_schema/*"}, {"verb_mask", 1}, {"requestor_mask", 1}});
        m_reader = appKey("mcp-reader", reader);
        QVERIFY(!m_reader.isEmpty());
        Json narrow = mcpRules;
        narrow.push_back({{"service_id", m_demo},
                          {"component", "_table/customers"},
                          {"verb_mask", 1},
                          {"requestor_mask", 1},
                          {"filters", Json::array({{{"name", "id"}, {"operator", "<"}, {"value", "0"}}})}});
        narrow.push_back({{"service_id", m_demo},
                          {"component", "_table/products"},
                          {"verb_mask", 1},
                          {"requestor_mask", 1}});
        narrow.push_back({{"service_id", m_demo},
                          {"component", "_schema/customers"},
                          {"verb_mask", 1},
                          {"requestor_mask", 1}});
        m_narrow = appKey("mcp-narrow", narrow);
        QVERIFY(!m_narrow.isEmpty());
        m_toolless = appKey("mcp-toolless", mcpRules);
        QVERIFY(!m_toolless.isEmpty());
        m_outsider = appKey("mcp-outsider", Json::array({{{"service_id", m_demo},
                                                          {"component", "_table/*"},
                                                          {"verb_mask", 1},
                                                          {"requestor_mask", 1}}}));
        QVERIFY(!m_outsider.isEmpty());

        // The reader's e-mail addresses are redacted.
        const qint64 readerRole =
            m_server->admin("GET", QStringLiteral("/api/v2/system/role?filter=name%3D'mcp-reader'"))
                .json["resource"][0]["id"]
                .get<qint64>();
        const TestResponse mask = m_server->admin("POST", QStringLiteral("/api/v2/system/field_mask"),
                                                  {{"role_id", readerRole},
                                                   {"service_id", m_demo},
                                                   {"table_name", "customers"},
                                                   {"field", "email"},
                                                   {"mode", "redact"}});
        QVERIFY2(mask.status == 201, mask.describe().constData());
    }

    void cleanupTestCase() { m_server.reset(); }

    void configIsValidated()
    {
        TestResponse r = m_server->admin("POST", QStringLiteral("/api/v2/system/service"),
                                         {{"resource",
                                           {{{"name", "mcpbad"},
                                             {"type", "mcp"},
                                             {"config", {{"services", {"demo"}}, {"allow_write", true}}}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("allow_write"), r.body.constData());
        r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            {{"resource", {{{"name", "mcpbad"}, {"type", "mcp"}, {"config", {{"services", "demo"}}}}}}});
        QCOMPARE(r.status, 400);
        r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            {{"resource",
              {{{"name", "mcpbad"}, {"type", "mcp"}, {"config", {{"allowed_origins", {"*"}}}}}}}});
        QCOMPARE(r.status, 400);
        r = m_server->admin("PATCH", QStringLiteral("/api/v2/system/service/%1").arg(m_mcp),
                            {{"config", {{"services", {"demo"}}, {"bogus", 1}}}});
        QCOMPARE(r.status, 400);
    }

    void initializeNegotiatesAndIssuesASession()
    {
        const TestResponse r =
            post(m_reader,
                 request("initialize", {{"protocolVersion", "2025-11-25"},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "tst_mcp"}, {"version", "1"}}}}),
                 {}, {}, QStringLiteral("dmcp"), {});
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        const Json &result = r.json["result"];
        QCOMPARE(result["protocolVersion"].get<std::string>(), std::string("2025-11-25"));
        QVERIFY(result["capabilities"].contains("tools"));
        QVERIFY(result["capabilities"].contains("resources"));
        QVERIFY(result["capabilities"].contains("prompts"));
        QCOMPARE(result["serverInfo"]["name"].get<std::string>(), std::string("gatehouse"));
        QVERIFY(result["instructions"].get<std::string>().find("demo") != std::string::npos);
        const QByteArray session = r.header("mcp-session-id");
        QVERIFY(!session.isEmpty());
        for (const char c : session)
            QVERIFY(c >= 0x21 && c <= 0x7e);
        // Each initialize gets its own id.
        QVERIFY(initialize(m_reader) != session);

        // A revision the server does not speak: it offers its newest.
        const TestResponse other =
            post(m_reader,
                 request("initialize", {{"protocolVersion", "2099-01-01"},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "x"}, {"version", "1"}}}}),
                 {}, {}, QStringLiteral("dmcp"), {});
        QCOMPARE(other.status, 200);
        QCOMPARE(other.json["result"]["protocolVersion"].get<std::string>(), std::string("2025-11-25"));
        const TestResponse older =
            post(m_reader,
                 request("initialize", {{"protocolVersion", "2025-06-18"},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "x"}, {"version", "1"}}}}),
                 {}, {}, QStringLiteral("dmcp"), {});
        QCOMPARE(older.json["result"]["protocolVersion"].get<std::string>(), std::string("2025-06-18"));
        // Later requests must name the version the session negotiated.
        const QByteArray olderSession = older.header("mcp-session-id");
        QCOMPARE(
            post(m_reader, request("ping"), olderSession, {}, QStringLiteral("dmcp"), "2025-06-18").status,
            200);
        QCOMPARE(
            post(m_reader, request("ping"), olderSession, {}, QStringLiteral("dmcp"), "2025-11-25").status,
            400);
    }

    void sessionRules()
    {
        const QByteArray session = initialize(m_reader);
        QVERIFY(!session.isEmpty());
        // notifications (and client responses) are accepted with no body.
        TestResponse r =
            post(m_reader, Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}}, session);
        QCOMPARE(r.status, 202);
        QVERIFY(r.body.isEmpty());
        r = post(m_reader, Json{{"jsonrpc", "2.0"}, {"id", 99}, {"result", Json::object()}}, session);
        QCOMPARE(r.status, 202);

        r = post(m_reader, request("ping"), session);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json["result"].is_object());

        // Without the session id: 400; a forged or foreign one: 404.
        r = post(m_reader, request("tools/list"));
        QCOMPARE(r.status, 400);
        QByteArray forged = session;
        forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
        r = post(m_reader, request("tools/list"), forged);
        QCOMPARE(r.status, 404);
        r = post(m_narrow, request("tools/list"), session); // another caller's session
        QCOMPARE(r.status, 404);
        r = post(m_reader, request("tools/list"), session, {}, QStringLiteral("dmcpw")); // another service
        QCOMPARE(r.status, 404);

        // An unsupported MCP-Protocol-Version: 400.
        r = post(m_reader, request("tools/list"), session, {}, QStringLiteral("dmcp"), "1999-01-01");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32022);

        // GET offers no stream: 405.
        r = m_server->rawRequest("GET", QStringLiteral("/mcp/dmcp"), {},
                                 headers(m_reader, session, {{"Accept", "text/event-stream"}}));
        QCOMPARE(r.status, 405);

        // DELETE ends the session; it is then unknown (404), on DELETE too.
        r = post(m_reader, request("tools/list"), session);
        QCOMPARE(r.status, 200);
        r = m_server->rawRequest("DELETE", QStringLiteral("/mcp/dmcp"), {}, headers(m_reader, session));
        QCOMPARE(r.status, 204);
        r = post(m_reader, request("tools/list"), session);
        QCOMPARE(r.status, 404);
        r = m_server->rawRequest("DELETE", QStringLiteral("/mcp/dmcp"), {}, headers(m_reader, session));
        QCOMPARE(r.status, 404);
    }

    void jsonOrEventStream()
    {
        const QByteArray session = initialize(m_reader);
        // The official SDKs' Accept (both types, equal rank): JSON.
        TestResponse r = post(m_reader, request("ping"), session);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        // A client that prefers SSE gets one event carrying the response.
        for (const QByteArray &accept :
             {QByteArray("text/event-stream"), QByteArray("application/json;q=0.5, text/event-stream")}) {
            r = post(m_reader, request("tools/list"), session, {{"Accept", accept}});
            QCOMPARE(r.status, 200);
            QVERIFY2(r.header("content-type").startsWith("text/event-stream"),
                     r.header("content-type").constData());
            QVERIFY2(r.body.startsWith("event: message\ndata: "), r.body.left(80).constData());
            QVERIFY(r.body.endsWith("\n\n"));
            const QByteArray data = r.body.mid(r.body.indexOf("data: ") + 6).trimmed();
            const Json message = parseJsonOrDiscarded(data);
            QVERIFY(!message.is_discarded());
            QVERIFY(toolNames(message["result"]).contains(QStringLiteral("query_records")));
        }
    }

    void statelessRevision()
    {
        const Headers modern{{"Mcp-Method", "tools/list"}};
        TestResponse r =
            post(m_reader, request("tools/list"), {}, modern, QStringLiteral("dmcp"), "2026-07-28");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["result"]["resultType"].get<std::string>(), std::string("complete"));
        QVERIFY(r.json["result"]["_meta"].contains("io.modelcontextprotocol/serverInfo"));
        QCOMPARE(r.json["result"]["cacheScope"].get<std::string>(), std::string("private"));
        QVERIFY(toolNames(r.json["result"]).contains(QStringLiteral("query_records")));

        // A tool call carries its name in Mcp-Name as well.
        Json params{{"name", "count_records"},
                    {"arguments", {{"service", "demo"}, {"table", "products"}}},
                    {"_meta", {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"}}}};
        r = post(m_reader, request("tools/call", params), {},
                 {{"Mcp-Method", "tools/call"}, {"Mcp-Name", "count_records"}}, QStringLiteral("dmcp"),
                 "2026-07-28");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["result"]["isError"].get<bool>(), false);
        QVERIFY(r.json["result"]["structuredContent"]["count"].get<int>() > 0);

        // Headers that disagree with the body: 400 HeaderMismatch.
        r = post(m_reader, request("tools/call", params), {},
                 {{"Mcp-Method", "tools/call"}, {"Mcp-Name", "query_records"}}, QStringLiteral("dmcp"),
                 "2026-07-28");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32020);
        r = post(m_reader, request("tools/list"), {}, {}, QStringLiteral("dmcp"), "2026-07-28");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32020);
        params["_meta"]["io.modelcontextprotocol/protocolVersion"] = "2025-11-25";
        r = post(m_reader, request("tools/call", params), {},
                 {{"Mcp-Method", "tools/call"}, {"Mcp-Name", "count_records"}}, QStringLiteral("dmcp"),
                 "2026-07-28");
        QCOMPARE(r.status, 400);

        // No handshake in this revision: initialize is an unknown method (HTTP 404).
        r = post(m_reader, request("initialize", {{"protocolVersion", "2026-07-28"}}), {},
                 {{"Mcp-Method", "initialize"}}, QStringLiteral("dmcp"), "2026-07-28");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32601);

        r = post(m_reader, request("server/discover"), {}, {{"Mcp-Method", "server/discover"}},
                 QStringLiteral("dmcp"), "2026-07-28");
        QCOMPARE(r.status, 200);
        QVERIFY(r.json["result"]["supportedVersions"].dump().find("2026-07-28") != std::string::npos);
    }

    void originAndPeer()
    {
        const Json init = request("initialize", {{"protocolVersion", "2025-11-25"},
                                                 {"capabilities", Json::object()},
                                                 {"clientInfo", {{"name", "x"}, {"version", "1"}}}});
        TestResponse r =
            post(m_reader, init, {}, {{"Origin", "http://evil.example"}}, QStringLiteral("dmcp"), {});
        QCOMPARE(r.status, 403);
        QVERIFY(r.json.contains("error"));
        // A page on another loopback port is another origin.
        r = post(m_reader, init, {}, {{"Origin", "http://127.0.0.1:1"}}, QStringLiteral("dmcp"), {});
        QCOMPARE(r.status, 403);
        // Same-origin loopback and the configured origins are fine.
        r = post(m_reader, init, {},
                 {{"Origin", QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()).toLatin1()}},
                 QStringLiteral("dmcp"), {});
        QCOMPARE(r.status, 200);
        r = post(m_reader, init, {}, {{"Origin", "https://app.example.com"}}, QStringLiteral("dmcp"), {});
        QCOMPARE(r.status, 200);
        // The Origin check comes before credentials.
        r = m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), dumpJson(init),
                                 {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}});
        QCOMPARE(r.status, 403);

        // A peer that is not loopback (the listener may be on 0.0.0.0 for REST): refused unless
        // the service allows remote clients.
        RequestContext context;
        context.request.method = "POST";
        context.request.path = QStringLiteral("/mcp/dmcp");
        context.request.peer = QHostAddress(QStringLiteral("192.0.2.10"));
        const auto transport = [this, &context](const char *name) {
            return m_server->engine().services().find(QLatin1String(name))->admitTransport(context.request);
        };
        std::optional<HttpResponse> refusal = transport("dmcp");
        QVERIFY(refusal);
        QCOMPARE(refusal->status, 403);
        context.request.peer = QHostAddress(QStringLiteral("::ffff:127.0.0.1"));
        QVERIFY(!transport("dmcp"));
        const qint64 remote = createService({{"name", "mcpremote"},
                                             {"type", "mcp"},
                                             {"config", {{"services", {"demo"}}, {"allow_remote", true}}}});
        QVERIFY(remote);
        context.request.peer = QHostAddress(QStringLiteral("192.0.2.10"));
        QVERIFY(!transport("mcpremote"));
        // /mcp/{name} of a service that is not an MCP server: 404.
        r = post(m_reader, init, {}, {}, QStringLiteral("demo"), {});
        QCOMPARE(r.status, 404);
    }

    void remotePeerThroughTheNetwork()
    {
        // A gateway listening on every interface, reached through this machine's own
        // non-loopback address: the peer is not loopback.
        QHostAddress external;
        for (const QHostAddress &address : QNetworkInterface::allAddresses())
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                external = address;
        if (external.isNull())
            QSKIP("this machine has no non-loopback IPv4 address");
        TestServer::Options options;
        options.demo = true;
        options.settings.insert(QStringLiteral("listen"), QStringLiteral("0.0.0.0:0"));
        TestServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 demo = server.engine().services().find(QStringLiteral("demo"))->info().id;
        Json rules = Json::array(
            {{{"service_id", demo}, {"component", "_table/*"}, {"verb_mask", 1}, {"requestor_mask", 1}}});
        for (const char *name : {"local", "remote"}) {
            Json config{{"services", {"demo"}}};
            if (qstrcmp(name, "remote") == 0)
                config["allow_remote"] = true;
            const TestResponse r =
                server.admin("POST", QStringLiteral("/api/v2/system/service"),
                             Json{{"resource", {{{"name", name}, {"type", "mcp"}, {"config", config}}}}});
            QVERIFY2(r.status == 201, r.describe().constData());
            rules.push_back({{"service_id", r.json["resource"][0]["id"]},
                             {"component", "*"},
                             {"verb_mask", 31},
                             {"requestor_mask", 1}});
        }
        const qint64 role = server.createRole(QStringLiteral("remote"), rules);
        const QString key = server.createAppKey(QStringLiteral("remote"), role);
        QVERIFY(!key.isEmpty());

        QNetworkAccessManager manager;
        const auto send = [&](const QString &service) {
            QNetworkRequest request(QUrl(QStringLiteral("http://%1:%2/mcp/%3")
                                             .arg(external.toString())
                                             .arg(server.port())
                                             .arg(service)));
            request.setRawHeader("Content-Type", "application/json");
            request.setRawHeader("X-DreamFactory-API-Key", key.toLatin1());
            QNetworkReply *reply = manager.post(
                request,
                dumpJson(request_("initialize", {{"protocolVersion", "2025-11-25"},
                                                 {"capabilities", Json::object()},
                                                 {"clientInfo", {{"name", "x"}, {"version", "1"}}}})));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        QCOMPARE(send(QStringLiteral("local")), 403);
        QCOMPARE(send(QStringLiteral("remote")), 200);
        // Loopback clients are fine either way.
        const TestResponse r = server.rawRequest(
            "POST", QStringLiteral("/mcp/local"),
            dumpJson(request_("initialize", {{"protocolVersion", "2025-11-25"},
                                             {"capabilities", Json::object()},
                                             {"clientInfo", {{"name", "x"}, {"version", "1"}}}})),
            {{"Content-Type", "application/json"}, {"X-DreamFactory-API-Key", key.toLatin1()}});
        QCOMPARE(r.status, 200);
    }

    void authenticationAndRbac()
    {
        const Json init = request("initialize", {{"protocolVersion", "2025-11-25"},
                                                 {"capabilities", Json::object()},
                                                 {"clientInfo", {{"name", "x"}, {"version", "1"}}}});
        // No credentials: refused by the gate.
        TestResponse r = m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), dumpJson(init),
                                              {{"Content-Type", "application/json"}});
        QVERIFY2(r.status == 400 || r.status == 401, r.describe().constData());
        // A role without access to the MCP service: 403.
        r = post(m_outsider, init, {}, {}, QStringLiteral("dmcp"), {});
        QCOMPARE(r.status, 403);
        // The API key as a bearer token works as well.
        r = m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), dumpJson(init),
                                 {{"Content-Type", "application/json"},
                                  {"Accept", "application/json, text/event-stream"},
                                  {"Authorization", "Bearer " + m_reader.toLatin1()}});
        QCOMPARE(r.status, 200);
        const QByteArray session = r.header("mcp-session-id");
        r = m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), dumpJson(request("ping")),
                                 {{"Content-Type", "application/json"},
                                  {"Authorization", "Bearer " + m_reader.toLatin1()},
                                  {"MCP-Protocol-Version", "2025-11-25"},
                                  {"Mcp-Session-Id", session}});
        QCOMPARE(r.status, 200);

        // A user's JWT (Bearer) with the app's key: the session is bound to the user, so the app
        // key alone cannot use it.
        QVERIFY(m_server->createUser(QStringLiteral("mcp-user@test.local"),
                                     QStringLiteral("Mcp-User-Passw0rd-1")));
        const TestResponse login = m_server->userLogin(QStringLiteral("mcp-user@test.local"),
                                                       QStringLiteral("Mcp-User-Passw0rd-1"), m_reader);
        QVERIFY2(login.status == 200, login.describe().constData());
        const QByteArray jwt = QByteArray::fromStdString(login.json["session_token"].get<std::string>());
        const Headers asUser{{"Content-Type", "application/json"},
                             {"Authorization", "Bearer " + jwt},
                             {"X-DreamFactory-API-Key", m_reader.toLatin1()}};
        r = m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), dumpJson(init), asUser);
        QCOMPARE(r.status, 200);
        const QByteArray userSession = r.header("mcp-session-id");
        Headers withSession = asUser;
        withSession.append({"Mcp-Session-Id", userSession});
        withSession.append(qMakePair(QByteArray("MCP-Protocol-Version"), QByteArray("2025-11-25")));
        r = m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), dumpJson(request("tools/list")),
                                 withSession);
        QCOMPARE(r.status, 200);
        QVERIFY(toolNames(r.json["result"]).contains(QStringLiteral("query_records")));
        r = post(m_reader, request("tools/list"), userSession);
        QCOMPARE(r.status, 404);
    }

    void jsonRpcErrors()
    {
        const QByteArray session = initialize(m_reader);
        const auto raw = [&](const QByteArray &body) {
            return m_server->rawRequest("POST", QStringLiteral("/mcp/dmcp"), body,
                                        headers(m_reader, session));
        };
        TestResponse r = raw("{not json");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32700);
        r = raw(dumpJson(Json::array({request("ping"), request("ping")})));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32600);
        r = raw(R"({"id":1,"method":"ping"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32600);
        r = raw(R"({"jsonrpc":"2.0","id":null,"method":"ping"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json["error"]["code"].get<int>(), -32600);
        r = raw(R"({"jsonrpc":"2.0","id":"a","method":42})");
        QCOMPARE(r.status, 400);

        Json reply = call(m_reader, session, "no/such/method");
        QCOMPARE(reply["error"]["code"].get<int>(), -32601);
        reply =
            call(m_reader, session, "tools/call", {{"name", "no_such_tool"}, {"arguments", Json::object()}});
        QCOMPARE(reply["error"]["code"].get<int>(), -32602);
        reply = call(m_reader, session, "tools/call", {{"name", "query_records"}, {"arguments", "nope"}});
        QCOMPARE(reply["error"]["code"].get<int>(), -32602);
        reply = call(m_reader, session, "tools/call", {{"arguments", Json::object()}});
        QCOMPARE(reply["error"]["code"].get<int>(), -32602);
        // Arguments the tool refuses are a tool error the model can correct, not a protocol error.
        const Json result = callTool(m_reader, session, "query_records",
                                     {{"service", "demo"}, {"table", "customers"}, {"limit", "many"}});
        QCOMPARE(result["isError"].get<bool>(), true);
    }

    void toolsFollowTheRole()
    {
        QByteArray session = initialize(m_reader);
        Json tools = call(m_reader, session, "tools/list")["result"];
        const QStringList names = toolNames(tools);
        for (const char *name :
             {"list_services", "list_tables", "describe_table", "query_records", "count_records",
              "aggregate_records", "list_named_queries", "call_named_query"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        // allow_writes is false on this service: no write tools at all.
        for (const char *name : {"create_records", "update_records", "delete_records"})
            QVERIFY2(!names.contains(QLatin1String(name)), name);
        const Json *query = findTool(tools, "query_records");
        QVERIFY(query);
        QCOMPARE((*query)["annotations"]["readOnlyHint"].get<bool>(), true);
        QCOMPARE((*query)["annotations"]["openWorldHint"].get<bool>(), false);
        QCOMPARE((*query)["inputSchema"]["type"].get<std::string>(), std::string("object"));
        QCOMPARE((*query)["outputSchema"]["type"].get<std::string>(), std::string("object"));
        QVERIFY((*query)["inputSchema"]["properties"]["service"]["enum"].dump() == R"(["demo"])");
        QVERIFY(!(*query)["title"].get<std::string>().empty());
        QVERIFY(!(*query)["description"].get<std::string>().empty());

        // The writable MCP service lists them, marked as writes.
        session = initialize(m_reader, QStringLiteral("dmcpw"));
        tools = call(m_reader, session, "tools/list", Json::object(), QStringLiteral("dmcpw"))["result"];
        const Json *remove = findTool(tools, "delete_records");
        QVERIFY(remove);
        QCOMPARE((*remove)["annotations"]["readOnlyHint"].get<bool>(), false);
        QCOMPARE((*remove)["annotations"]["destructiveHint"].get<bool>(), true);
        QVERIFY(findTool(tools, "create_records"));
        // Offered, but the role may only read: the write is refused as a tool error, and nothing
        // was written.
        const Json write = callTool(
            m_reader, session, "create_records",
            {{"service", "demo"}, {"table", "products"}, {"records", Json::array({{{"name", "x"}}})}},
            QStringLiteral("dmcpw"));
        QCOMPARE(write["isError"].get<bool>(), true);
        QVERIFY2(write["content"][0]["text"].get<std::string>().find("Forbidden") != std::string::npos,
                 write.dump().c_str());

        // A role with no database access gets no data tools.
        session = initialize(m_toolless);
        tools = call(m_toolless, session, "tools/list")["result"];
        QVERIFY(!toolNames(tools).contains(QStringLiteral("query_records")));
    }

    void governedData()
    {
        // Row filters: the narrow role's filter hides every customer, through MCP too.
        const TestResponse all =
            m_server->admin("GET", QStringLiteral("/api/v2/demo/_table/customers?limit=5"));
        QCOMPARE(all.status, 200);
        QVERIFY(!all.json["resource"].empty());
        const std::string realEmail = all.json["resource"][0]["email"].get<std::string>();

        QByteArray session = initialize(m_narrow);
        Json result = callTool(m_narrow, session, "query_records",
                               {{"service", "demo"}, {"table", "customers"}, {"limit", 10}});
        QCOMPARE(result["isError"].get<bool>(), false);
        QCOMPARE(result["structuredContent"]["records"].size(), size_t(0));
        result = callTool(m_narrow, session, "count_records", {{"service", "demo"}, {"table", "customers"}});
        QCOMPARE(result["structuredContent"]["count"].get<int>(), 0);
        // A table outside the role: the 403 is a tool error the model reads.
        result = callTool(m_narrow, session, "query_records",
                          {{"service", "demo"}, {"table", "orders"}, {"limit", 1}});
        QCOMPARE(result["isError"].get<bool>(), true);
        QCOMPARE(result["content"][0]["type"].get<std::string>(), std::string("text"));
        QVERIFY(!result["content"][0]["text"].get<std::string>().empty());

        // Masking: the reader's e-mail addresses stay redacted.
        session = initialize(m_reader);
        result = callTool(
            m_reader, session, "query_records",
            {{"service", "demo"}, {"table", "customers"}, {"fields", {"id", "name", "email"}}, {"limit", 5}});
        QCOMPARE(result["isError"].get<bool>(), false);
        const Json &records = result["structuredContent"]["records"];
        QVERIFY(!records.empty());
        for (const Json &record : records)
            QVERIFY2(record["email"].dump().find('@') == std::string::npos, record.dump().c_str());
        const std::string text = result["content"][0]["text"].get<std::string>();
        QVERIFY(text.find(realEmail) == std::string::npos);
        QVERIFY(text.find("@") == std::string::npos);

        // A named query through the tools.
        result = callTool(
            m_reader, session, "call_named_query",
            {{"service", "demo"}, {"name", "GetCustomerSummaryData"}, {"parameters", {{"customer_id", 1}}}});
        QVERIFY2(result["isError"] == false, result.dump().c_str());
        QVERIFY(result["structuredContent"].dump().find(realEmail) == std::string::npos);
    }

    void toolCallsAreAudited()
    {
        const QByteArray session = initialize(m_reader);
        const TestResponse r =
            post(m_reader,
                 request("tools/call", {{"name", "count_records"},
                                        {"arguments", {{"service", "demo"}, {"table", "orders"}}}}),
                 session);
        QCOMPARE(r.status, 200);
        const QByteArray requestId = r.header("x-request-id");
        QVERIFY(!requestId.isEmpty());
        QVERIFY(m_server->flushAudit());
        const TestResponse audit = m_server->admin(
            "GET", QStringLiteral("/api/v2/system/audit?fields=*&order=id%20DESC&limit=50&filter=") +
                       QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("service = 'demo'"))));
        QCOMPARE(audit.status, 200);
        bool found = false;
        for (const Json &row : audit.json["resource"]) {
            const std::string params = row.value("params", Json()).dump();
            if (params.find(requestId.toStdString()) != std::string::npos &&
                params.find("mcp") != std::string::npos)
                found = true;
        }
        QVERIFY2(found, audit.body.left(2000).constData());
    }

    void resources()
    {
        QByteArray session = initialize(m_reader);
        Json result = call(m_reader, session, "resources/list")["result"];
        QVERIFY2(result.is_object() && result["resources"].is_array(), result.dump().c_str());
        QStringList uris;
        for (const Json &resource : result["resources"])
            uris << QString::fromStdString(resource["uri"].get<std::string>());
        QVERIFY2(uris.contains(QStringLiteral("gatehouse://demo/customers/schema")),
                 qPrintable(uris.join(QLatin1Char(','))));
        QVERIFY(uris.contains(QStringLiteral("gatehouse://demo/orders/schema")));
        const Json readReply =
            call(m_reader, session, "resources/read", {{"uri", "gatehouse://demo/customers/schema"}});
        QVERIFY2(readReply.contains("result"), readReply.dump().c_str());
        const Json read = readReply["result"];
        QCOMPARE(read["contents"][0]["mimeType"].get<std::string>(), std::string("application/json"));
        const Json schema =
            parseJsonOrDiscarded(QByteArray::fromStdString(read["contents"][0]["text"].get<std::string>()));
        QVERIFY(schema.is_object());
        QVERIFY(schema.dump().find("email") != std::string::npos);
        QVERIFY(call(m_reader, session, "resources/templates/list")["result"]["resourceTemplates"].size() ==
                1);

        // The narrow role sees only its own tables, and cannot read another's schema.
        session = initialize(m_narrow);
        result = call(m_narrow, session, "resources/list")["result"];
        uris.clear();
        for (const Json &resource : result["resources"])
            uris << QString::fromStdString(resource["uri"].get<std::string>());
        QVERIFY(uris.contains(QStringLiteral("gatehouse://demo/customers/schema")));
        QVERIFY(!uris.contains(QStringLiteral("gatehouse://demo/orders/schema")));
        // products: readable rows, but no schema rule, so no resource (it could not be read).
        QVERIFY(!uris.contains(QStringLiteral("gatehouse://demo/products/schema")));
        Json error = call(m_narrow, session, "resources/read", {{"uri", "gatehouse://demo/orders/schema"}});
        QCOMPARE(error["error"]["code"].get<int>(), -32002);
        error = call(m_narrow, session, "resources/read", {{"uri", "gatehouse://system/user/schema"}});
        QCOMPARE(error["error"]["code"].get<int>(), -32002);
    }

    void prompts()
    {
        const QByteArray session = initialize(m_reader);
        const Json list = call(m_reader, session, "prompts/list")["result"]["prompts"];
        QStringList names;
        for (const Json &prompt : list)
            names << QString::fromStdString(prompt["name"].get<std::string>());
        QVERIFY(names.contains(QStringLiteral("explore_table")));
        QVERIFY(names.contains(QStringLiteral("summarize_table")));
        QVERIFY(names.contains(QStringLiteral("answer_question")));
        Json prompt = call(
            m_reader, session, "prompts/get",
            {{"name", "explore_table"}, {"arguments", {{"service", "demo"}, {"table", "orders"}}}})["result"];
        QCOMPARE(prompt["messages"][0]["role"].get<std::string>(), std::string("user"));
        QVERIFY(prompt["messages"][0]["content"]["text"].get<std::string>().find("orders") !=
                std::string::npos);
        Json error = call(m_reader, session, "prompts/get",
                          {{"name", "explore_table"}, {"arguments", {{"service", "demo"}}}});
        QCOMPARE(error["error"]["code"].get<int>(), -32602);
        error = call(m_reader, session, "prompts/get", {{"name", "nope"}});
        QCOMPARE(error["error"]["code"].get<int>(), -32602);
    }

    // Last: the limit stays for the rest of the run.
    void rateLimitsApplyToToolCalls()
    {
        const TestResponse limit = m_server->admin("POST", QStringLiteral("/api/v2/system/limit"),
                                                   {{"resource",
                                                     {{{"type", "instance.service"},
                                                       {"service_id", m_demo},
                                                       {"rate", 2},
                                                       {"period", "hour"},
                                                       {"name", "mcp-tools"}}}}});
        QVERIFY2(limit.status == 201 || limit.status == 200, limit.describe().constData());
        const QByteArray session = initialize(m_reader);
        int refused = 0;
        QString message;
        for (int i = 0; i < 4; ++i) {
            const Json result =
                callTool(m_reader, session, "count_records", {{"service", "demo"}, {"table", "products"}});
            if (result["isError"].get<bool>()) {
                ++refused;
                message = QString::fromStdString(result["content"][0]["text"].get<std::string>());
            }
        }
        QCOMPARE(refused, 2);
        QVERIFY2(message.contains(QLatin1String("limit"), Qt::CaseInsensitive), qPrintable(message));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestMcp test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mcp.moc"
