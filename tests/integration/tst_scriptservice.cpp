// Scripted services through the running gateway: CRUD on a SQLite service through
// platform.api, requestor-type RBAC (SCRIPT-only and API-only rules), script errors as 500s with
// the script's name and line, an endless loop stopped by the CPU limit while the gateway keeps
// serving, 50 concurrent requests whose scripts nest platform calls through another scripted
// service with only two script slots (no deadlock, audited with origin "script"), the classic
// orchestration (named query → prompt → AI connection → answer) against the mock LLM provider,
// and the system script_test / script_error resources.
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "MockProvider.h"
#include "TestServer.h"

using namespace gatehouse;
using namespace gatehouse::test;

class TestScriptService : public QObject
{
    Q_OBJECT

private:
    MockProvider m_mock;
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    qint64 m_notes = 0;
    QString m_scriptOnlyKey;
    QString m_apiOnlyKey;

    bool createScript(const char *name, const QString &source, const Json &extra = Json::object())
    {
        Json config = extra;
        config["content"] = source.toStdString();
        return m_server->createService(Json{{"name", name}, {"type", "script"}, {"config", config}}) != 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("notes.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO notes (title) VALUES ('first')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("seed"));

        QVERIFY2(m_mock.start(), qPrintable(m_mock.errorString()));
        TestServer::Options options;
        options.demo = true;
        options.settings.insert(QStringLiteral("script_slots"), QStringLiteral("2"));
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_notes = m_server->createService(
            Json{{"name", "notes"}, {"type", "sqlite"}, {"config", {{"database", path.toStdString()}}}});
        QVERIFY(m_notes);

        QVERIFY(createScript(
            "sc_crud",
            QStringLiteral(
                "var created = platform.api.post('notes/_table/notes', {resource: [{title: "
                "event.request.parameters.title}]});\n"
                "if (created.status_code >= 300) return {status_code: 502, content: created};\n"
                "var id = created.content.resource[0].id;\n"
                "var read = platform.api.get('/notes/_table/notes/' + id);\n"
                "platform.api.patch('notes/_table/notes/' + id, {title: read.content.title + '!'});\n"
                "var again = platform.api.get('notes/_table/notes/' + id, null, {parameters: "
                "{fields: 'title'}});\n"
                "var del = platform.api.delete('notes/_table/notes/' + id);\n"
                "var gone = platform.api.get('notes/_table/notes/' + id);\n"
                "return {title: again.content.title, deleted: del.status_code, gone: "
                "gone.status_code, who: platform.session.user && platform.session.user.email};")));
        QVERIFY(createScript("sc_read",
                             QStringLiteral("return platform.api.get('notes/_table/notes?limit=5');")));
        QVERIFY(createScript("sc_fail", QStringLiteral("var a = 1;\nvar b = 2;\nnull.boom();\n")));
        QVERIFY(createScript("sc_loop", QStringLiteral("var n = 0;\nwhile (true) { n++; }"),
                             Json{{"cpu_limit_ms", 300}}));
        QVERIFY(createScript("sc_inner",
                             QStringLiteral("var r = platform.api.get('notes/_table/notes?limit=1');\n"
                                            "return {n: event.request.parameters.n, ok: r.status_code};")));
        QVERIFY(createScript(
            "sc_outer",
            QStringLiteral("var r = platform.api.get('sc_inner?n=' + event.request.parameters.n);\n"
                           "return {n: r.content.n, inner: r.status_code, ok: r.content.ok};")));
        QVERIFY(createScript("sc_rec", QStringLiteral("return platform.api.get('sc_rec');")));
        QVERIFY(m_server->createService(Json{{"name", "sc_ai"},
                                             {"type", "ai"},
                                             {"config",
                                              {{"provider", "openai"},
                                               {"base_url", m_mock.baseUrl().toStdString() + "/v1"},
                                               {"api_key", MockProvider::kApiKey},
                                               {"default_model", "gpt-4o-mini"}}}}));
        QVERIFY(createScript(
            "sc_orch",
            QStringLiteral("var id = event.request.parameters.customer_id;\n"
                           "var data = platform.api.get('demo/_proc/GetCustomerSummaryData', null, "
                           "{parameters: {customer_id: id}});\n"
                           "if (data.status_code !== 200) return data;\n"
                           "var prompt = 'Summarise customer ' + id + ': ' + JSON.stringify(data.content);\n"
                           "var answer = platform.api.post('sc_ai/chat', {messages: [{role: 'user', content: "
                           "prompt}]});\n"
                           "if (answer.status_code !== 200) return answer;\n"
                           "return {answer: answer.content};")));

        // Requestor-type RBAC: the notes table only for scripts, or only for direct API calls.
        const qint64 readScript = m_server->serviceId(QStringLiteral("sc_read"));
        QVERIFY(readScript);
        const qint64 scriptOnly = m_server->createRole(QStringLiteral("script_only"),
                                                       Json::array({Json{{"service_id", m_notes},
                                                                         {"component", "_table/notes"},
                                                                         {"verb_mask", 1},
                                                                         {"requestor_mask", 2}},
                                                                    Json{{"service_id", readScript},
                                                                         {"component", "*"},
                                                                         {"verb_mask", 1},
                                                                         {"requestor_mask", 1}}}));
        const qint64 apiOnly =
            m_server->createRole(QStringLiteral("api_only"), Json::array({Json{{"service_id", m_notes},
                                                                               {"component", "_table/notes"},
                                                                               {"verb_mask", 1},
                                                                               {"requestor_mask", 1}},
                                                                          Json{{"service_id", readScript},
                                                                               {"component", "*"},
                                                                               {"verb_mask", 1},
                                                                               {"requestor_mask", 1}}}));
        QVERIFY(scriptOnly && apiOnly);
        m_scriptOnlyKey = m_server->createAppKey(QStringLiteral("script_only_app"), scriptOnly);
        m_apiOnlyKey = m_server->createAppKey(QStringLiteral("api_only_app"), apiOnly);
        QVERIFY(!m_scriptOnlyKey.isEmpty() && !m_apiOnlyKey.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop();
        m_mock.stop();
    }

    void crudThroughPlatformApi()
    {
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/sc_crud?title=hello"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(str(r.json["title"]), QStringLiteral("hello!"));
        QCOMPARE(r.json["deleted"].get<int>(), 200);
        QCOMPARE(r.json["gone"].get<int>(), 404);
        QCOMPARE(str(r.json["who"]), QString::fromLatin1(TestServer::kAdminEmail));
        // The nested calls are audited as the script's, under the request that ran it.
        const Json children = m_server->childAuditRecords(QString::fromLatin1(r.header("x-request-id")));
        QVERIFY2(children.size() >= 6, children.dump().c_str());
        for (const Json &child : children)
            QCOMPARE(str(child["params"]["_origin"]), QStringLiteral("script"));
    }

    void requestorTypeRbac()
    {
        const Headers scriptOnly{{"X-DreamFactory-API-Key", m_scriptOnlyKey.toLatin1()}};
        const Headers apiOnly{{"X-DreamFactory-API-Key", m_apiOnlyKey.toLatin1()}};
        // SCRIPT-only: the client is refused directly, its script is let through.
        TestResponse r =
            m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes"), nullptr, scriptOnly);
        QCOMPARE(r.status, 403);
        r = m_server->request("GET", QStringLiteral("/api/v2/sc_read"), nullptr, scriptOnly);
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.json["resource"].empty());
        // API-only: the client may read directly, its script may not.
        r = m_server->request("GET", QStringLiteral("/api/v2/notes/_table/notes"), nullptr, apiOnly);
        QVERIFY2(r.status == 200, r.describe().constData());
        r = m_server->request("GET", QStringLiteral("/api/v2/sc_read"), nullptr, apiOnly);
        QVERIFY2(r.status == 403, r.describe().constData());
    }

    void scriptErrorIs500WithNameAndLine()
    {
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/sc_fail"));
        QCOMPARE(r.status, 500);
        const QString message = str(r.json["error"]["message"]);
        QVERIFY2(message.startsWith(QStringLiteral("Script &#039;sc_fail&#039; failed at line 3")) ||
                     message.startsWith(QStringLiteral("Script 'sc_fail' failed at line 3")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("gatehouse")) && !message.contains(QLatin1String(".cpp")),
                 qPrintable(message));
    }

    void endlessLoopStoppedGatewayServes()
    {
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/sc_loop"));
        QCOMPARE(r.status, 500);
        QVERIFY2(str(r.json["error"]["message"]).contains(QLatin1String("CPU")), r.describe().constData());
        const TestResponse after = m_server->admin("GET", QStringLiteral("/api/v2/sc_crud?title=after"));
        QVERIFY2(after.status == 200, after.describe().constData());
    }

    void concurrentNestedScriptsDoNotDeadlock()
    {
        // 50 clients at once, two script slots: each outer script waits on an inner script
        // (nested runs get their own threads) which waits on the SQL service.
        constexpr int n = 50;
        const QByteArray token = m_server->adminToken().toLatin1();
        QList<QTcpSocket *> sockets;
        QHash<QTcpSocket *, QByteArray> replies;
        int closed = 0;
        QEventLoop loop;
        for (int i = 0; i < n; ++i) {
            auto *socket = new QTcpSocket(this);
            sockets << socket;
            connect(socket, &QTcpSocket::readyRead, this,
                    [socket, &replies] { replies[socket] += socket->readAll(); });
            connect(socket, &QTcpSocket::disconnected, this, [&closed, &loop] {
                if (++closed == n)
                    loop.quit();
            });
            connect(socket, &QTcpSocket::connected, this, [socket, i, token] {
                socket->write(
                    "GET /api/v2/sc_outer?n=" + QByteArray::number(i) +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-DreamFactory-Session-Token: " +
                    token + "\r\n\r\n");
            });
            socket->connectToHost(QHostAddress::LocalHost, m_server->port());
        }
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(closed, n);
        QString firstRequestId;
        for (int i = 0; i < n; ++i) {
            QTcpSocket *socket = sockets.at(i);
            replies[socket] += socket->readAll();
            const QByteArray reply = replies.value(socket);
            QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(300).constData());
            const int split = reply.indexOf("\r\n\r\n");
            const Json body = parseJsonOrDiscarded(reply.mid(split + 4));
            QVERIFY2(body.is_object() && str(body["n"]) == QString::number(i) && body["inner"] == 200 &&
                         body["ok"] == 200,
                     reply.constData());
            if (firstRequestId.isEmpty())
                for (const QByteArray &line : reply.left(split).split('\n'))
                    if (line.toLower().startsWith("x-request-id:"))
                        firstRequestId = QString::fromLatin1(line.mid(13).trimmed());
            socket->deleteLater();
        }
        // Audit: the outer script's call to sc_inner, then sc_inner's call to notes, both "script".
        QVERIFY(!firstRequestId.isEmpty());
        const Json children = m_server->childAuditRecords(firstRequestId);
        QCOMPARE(int(children.size()), 1);
        QCOMPARE(str(children[0]["params"]["_origin"]), QStringLiteral("script"));
        const Json grandChildren = m_server->childAuditRecords(str(children[0]["request_id"]));
        QVERIFY2(grandChildren.size() == 1, children.dump().c_str());
        QCOMPARE(str(grandChildren[0]["params"]["_origin"]), QStringLiteral("script"));
    }

    void recursionStopsAtTheDepthLimit()
    {
        // Each level waits on the next; with two slots, only nested threads make this finish.
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/sc_rec"));
        QCOMPARE(r.status, 500);
        QVERIFY2(r.describe().contains("nested deeper"), r.describe().constData());
    }

    void orchestrationNamedQueryPromptAi()
    {
        const TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/sc_orch?customer_id=1"));
        QVERIFY2(r.status == 200, r.describe().constData());
        const QString answer = QString::fromStdString(r.json["answer"].dump());
        QVERIFY2(answer.contains(QLatin1String("Summarise customer 1")), qPrintable(answer));
        const Json seen = m_mock.requests(QStringLiteral("/v1/chat/completions"));
        QVERIFY(!seen.empty());
        QVERIFY2(str(seen[seen.size() - 1]["body"]).contains(QLatin1String("Amelia")), seen.dump().c_str());
    }

    void scriptTestResource()
    {
        TestResponse r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/script_test"),
            Json{{"name", "sample"},
                 {"content", "console.log('hi', event.request.body.x);\nevent.request.body.x = 2;\n"
                             "return {status_code: 201, content: {a: platform.config.k}};"},
                 {"event", {{"request", {{"method", "POST"}, {"body", {{"x", 1}}}}}}},
                 {"config", {{"k", "v"}}}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(r.json["success"].get<bool>());
        QCOMPARE(r.json["event"]["request"]["body"]["x"].get<int>(), 2);
        QCOMPARE(r.json["response"]["status_code"].get<int>(), 201);
        QCOMPARE(str(r.json["response"]["content"]["a"]), QStringLiteral("v"));
        QCOMPARE(str(r.json["logs"][0]), QStringLiteral("[log] hi 1"));
        QVERIFY(r.json["error"].is_null());
        QVERIFY(r.json.contains("duration_ms"));

        r = m_server->admin("POST", QStringLiteral("/api/v2/system/script_test"),
                            Json{{"name", "sample_bad"}, {"content", "\n\nthrow new Error('nope');"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.json["success"].get<bool>());
        QCOMPARE(str(r.json["error"]["kind"]), QStringLiteral("exception"));
        QCOMPARE(r.json["error"]["line"].get<int>(), 3);
        QCOMPARE(r.json["response"]["status_code"].get<int>(), 500);

        // Not for a non-admin, even one whose role could reach system.
        r = m_server->request("POST", QStringLiteral("/api/v2/system/script_test"),
                              Json{{"content", "return 1;"}},
                              {{"X-DreamFactory-API-Key", m_apiOnlyKey.toLatin1()}});
        QVERIFY(r.status == 403 || r.status == 401);
    }

    void scriptErrorResource()
    {
        QCOMPARE(m_server->admin("GET", QStringLiteral("/api/v2/sc_fail")).status, 500);
        TestResponse r = m_server->admin("GET", QStringLiteral("/api/v2/system/script_error?name=sc_fail"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QVERIFY(!r.json["resource"].empty());
        const Json &latest = r.json["resource"][0];
        QCOMPARE(str(latest["name"]), QStringLiteral("sc_fail"));
        QCOMPARE(str(latest["kind"]), QStringLiteral("exception"));
        QCOMPARE(latest["line"].get<int>(), 3);
        QVERIFY(!str(latest["request_id"]).isEmpty());
        r = m_server->admin("GET", QStringLiteral("/api/v2/system/script_error"));
        QVERIFY(r.json["resource"].size() >= 2); // sc_fail and sc_loop at least
        QCOMPARE(m_server->admin("DELETE", QStringLiteral("/api/v2/system/script_error?name=sc_fail")).status,
                 200);
        r = m_server->admin("GET", QStringLiteral("/api/v2/system/script_error?name=sc_fail"));
        QVERIFY(r.json["resource"].empty());
    }

    void platformHttpThroughTheEgressPolicy()
    {
        // A local upstream; loopback is reachable only when the allow-list names it.
        QTcpServer upstream;
        QVERIFY(upstream.listen(QHostAddress::LocalHost));
        int hits = 0;
        connect(&upstream, &QTcpServer::newConnection, this, [&upstream, &hits] {
            while (QTcpSocket *socket = upstream.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket, &hits] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    ++hits;
                    const QByteArray body = R"({"hello":"world"})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
        const QString url = QStringLiteral("http://127.0.0.1:%1/data").arg(upstream.serverPort());
        const QString host = QStringLiteral("127.0.0.1:%1").arg(upstream.serverPort());
        QVERIFY(createScript("sc_http_ok", QStringLiteral("return platform.http.get('%1').content;").arg(url),
                             Json{{"allowed_hosts", {host.toStdString()}}}));
        QVERIFY(createScript("sc_http_wild",
                             QStringLiteral("return platform.http.get('%1').content;").arg(url),
                             Json{{"allowed_hosts", {"*"}}}));
        QVERIFY(createScript(
            "sc_http_meta",
            QStringLiteral("return platform.http.get('http://169.254.169.254/latest/meta-data');"),
            Json{{"allowed_hosts", {host.toStdString()}}}));
        QVERIFY(createScript("sc_http_none", QStringLiteral("return platform.http.get('%1');").arg(url)));

        const TestResponse ok = m_server->admin("GET", QStringLiteral("/api/v2/sc_http_ok"));
        QVERIFY2(ok.status == 200, ok.describe().constData());
        QCOMPARE(str(ok.json["hello"]), QStringLiteral("world"));
        QCOMPARE(hits, 1);
        for (const char *refused : {"sc_http_wild", "sc_http_meta", "sc_http_none"}) {
            const TestResponse r =
                m_server->admin("GET", QStringLiteral("/api/v2/") + QLatin1String(refused));
            QVERIFY2(r.status == 500 && r.describe().contains("platform.http"), r.describe().constData());
        }
        QCOMPARE(hits, 1);
    }

    void validationRefusesBadScripts()
    {
        const TestResponse r = m_server->admin(
            "POST", QStringLiteral("/api/v2/system/service"),
            Json{{"resource",
                  {Json{{"name", "sc_bad"}, {"type", "script"}, {"config", {{"content", "var = ;"}}}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.describe().contains("line 1"), r.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestScriptService)
#include "tst_scriptservice.moc"
