#include "TestServer.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include "store/AuditLog.h"

namespace gatehouse::test {

QByteArray TestResponse::describe() const
{
    return QByteArray::number(status) + ' ' + body.left(600);
}

TestServer::TestServer()
    : TestServer(Options())
{
}

TestServer::TestServer(Options options)
    : m_options(std::move(options))
{
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start()
{
    if (m_options.dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tempDir->path();
    } else {
        m_dataDir = m_options.dataDir;
    }
    QHash<QString, QString> settings = m_options.settings;
    // Loopback unless a test asks for another listen address (e.g. "0.0.0.0:0").
    if (!settings.contains(QStringLiteral("listen")))
        settings.insert(QStringLiteral("listen"), QStringLiteral("127.0.0.1:0"));
    settings.insert(QStringLiteral("demo"),
                    m_options.demo ? QStringLiteral("true") : QStringLiteral("false"));
    settings.insert(QStringLiteral("admin_email"), QLatin1String(kAdminEmail));
    settings.insert(QStringLiteral("admin_password"), QLatin1String(kAdminPassword));
    settings.insert(QStringLiteral("log_level"),
                    qEnvironmentVariable("GATEHOUSE_TEST_LOG_LEVEL", QStringLiteral("warn")));
    if (!m_options.systemDb.isEmpty())
        settings.insert(QStringLiteral("system_db"), m_options.systemDb);
    // Tests never write into the developer's own keychain unless they ask for one.
    if (!settings.contains(QStringLiteral("secret_store")))
        settings.insert(QStringLiteral("secret_store"), QStringLiteral("sealed"));
    // A missing file keeps the environment and the developer's own gatehouse.ini out of tests.
    const QString noConfig = m_dataDir + QStringLiteral("/test-no-config.ini");
    Config config = Config::load(m_dataDir, m_options.configFile, settings, &m_error);
    if (m_options.configFile.isEmpty())
        config.configFile = noConfig;
    if (!m_error.isEmpty())
        return false;
    m_engine = std::make_unique<Engine>(config);
    if (!m_engine->start(&m_error)) {
        m_engine.reset();
        return false;
    }
    return true;
}

void TestServer::stop()
{
    if (m_engine) {
        m_engine->stop();
        m_engine.reset();
    }
    m_adminToken.clear();
}

quint16 TestServer::port() const
{
    return m_engine ? m_engine->port() : 0;
}

QString TestServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

TestResponse TestServer::request(const QByteArray &method, const QString &pathAndQuery, const Json &body,
                                 const Headers &headers)
{
    Headers all = headers;
    QByteArray payload;
    if (!body.is_null()) {
        payload = dumpJson(body);
        all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    }
    return rawRequest(method, pathAndQuery, payload, all);
}

TestResponse TestServer::rawRequest(const QByteArray &method, const QString &pathAndQuery,
                                    const QByteArray &body, const Headers &headers)
{
    static QNetworkAccessManager *manager = new QNetworkAccessManager(QCoreApplication::instance());
    QNetworkRequest request(QUrl(baseUrl() + pathAndQuery, QUrl::TolerantMode));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    // HEAD must go through head(): as a custom verb Qt would wait for the announced body.
    QNetworkReply *reply =
        method == "HEAD" ? manager->head(request) : manager->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(60'000);
    loop.exec();
    TestResponse response;
    if (reply->isFinished()) {
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.insert(pair.first.toLower(), pair.second);
        response.json = parseJsonOrDiscarded(response.body);
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return response;
}

QString TestServer::adminToken()
{
    if (m_adminToken.isEmpty()) {
        const TestResponse r = request("POST", QStringLiteral("/api/v2/system/admin/session"),
                                       Json{{"email", kAdminEmail}, {"password", kAdminPassword}});
        if (r.status == 200 && r.json.is_object() && r.json.contains("session_token"))
            m_adminToken = QString::fromStdString(r.json["session_token"].get<std::string>());
    }
    return m_adminToken;
}

TestResponse TestServer::admin(const QByteArray &method, const QString &pathAndQuery, const Json &body)
{
    return request(method, pathAndQuery, body, {{"X-DreamFactory-Session-Token", adminToken().toLatin1()}});
}

qint64 TestServer::createService(const Json &definition)
{
    const TestResponse r =
        admin("POST", QStringLiteral("/api/v2/system/service"), Json{{"resource", {definition}}});
    if (r.status != 201)
        return 0;
    return r.json["resource"][0]["id"].get<qint64>();
}

qint64 TestServer::createRole(const QString &name, const Json &accessRules)
{
    const TestResponse r = admin(
        "POST", QStringLiteral("/api/v2/system/role"),
        Json{{"resource",
              {{{"name", name}, {"is_active", true}, {"role_service_access_by_role_id", accessRules}}}}});
    if (r.status != 201)
        return 0;
    return r.json["resource"][0]["id"].get<qint64>();
}

QString TestServer::createAppKey(const QString &name, qint64 roleId)
{
    const TestResponse r =
        admin("POST", QStringLiteral("/api/v2/system/app"),
              Json{{"resource", {{{"name", name}, {"is_active", true}, {"role_id", roleId}}}}});
    if (r.status != 201)
        return {};
    return QString::fromStdString(r.json["resource"][0]["api_key"].get<std::string>());
}

qint64 TestServer::createUser(const QString &email, const QString &password, const Json &extra)
{
    Json record = extra.is_object() ? extra : Json::object();
    record["email"] = email;
    record["password"] = password;
    if (!record.contains("is_active"))
        record["is_active"] = true;
    const TestResponse r = admin("POST", QStringLiteral("/api/v2/system/user"), Json{{"resource", {record}}});
    if (r.status != 201)
        return 0;
    return r.json["resource"][0]["id"].get<qint64>();
}

TestResponse TestServer::userLogin(const QString &email, const QString &password, const QString &apiKey)
{
    return request("POST", QStringLiteral("/api/v2/user/session"),
                   Json{{"email", email}, {"password", password}},
                   {{"X-DreamFactory-API-Key", apiKey.toLatin1()}});
}
bool TestServer::flushAudit()
{
    bool result = false;
    bool finished = false;
    QEventLoop loop;
    m_engine->auditLog()->flush([&](bool ok) {
        result = ok;
        finished = true;
        loop.quit();
    });
    if (!finished) {
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

qint64 TestServer::serviceId(const QString &name)
{
    const TestResponse r = admin(
        "GET", QStringLiteral("/api/v2/system/service?filter=") +
                   QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("name = '%1'").arg(name))));
    if (r.status != 200 || !r.json.contains("resource") || r.json["resource"].empty())
        return 0;
    return r.json["resource"][0]["id"].get<qint64>();
}

Json TestServer::childAuditRecords(const QString &parentRequestId, int scan)
{
    Json out = Json::array();
    if (!flushAudit())
        return out;
    const TestResponse r =
        admin("GET", QStringLiteral("/api/v2/system/audit?fields=*&order=id%20DESC&limit=%1").arg(scan));
    for (const Json &row : r.json.value("resource", Json::array())) {
        Json params = row.value("params", Json());
        if (params.is_string())
            params = parseJsonOrDiscarded(QByteArray::fromStdString(params.get<std::string>()));
        if (params.is_object() &&
            params.value("_parent_request_id", std::string()) == parentRequestId.toStdString()) {
            Json copy = row;
            copy["params"] = params;
            out.push_back(copy);
        }
    }
    return out;
}
} // namespace gatehouse::test
