#include "GatehouseClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

#include "core/Json.h"

namespace gatehouse {
namespace {
// The envelope's message is HTML-escaped for browsers; a desktop label shows plain text.
QString unescapeHtml(QString text)
{
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#039;"), QLatin1String("'"));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

AdminSession sessionFrom(const QJsonValue &body)
{
    const QJsonObject json = body.toObject();
    AdminSession session;
    session.token = json.value(QLatin1String("session_token")).toString();
    session.email = json.value(QLatin1String("email")).toString();
    session.name = json.value(QLatin1String("name")).toString();
    session.isSysAdmin = json.value(QLatin1String("is_sys_admin")).toBool();
    return session;
}

QList<IdentityServiceEntry> entries(const QJsonObject &authentication, const char *kind)
{
    QList<IdentityServiceEntry> out;
    for (const QJsonValue &value : authentication.value(QLatin1String(kind)).toArray()) {
        const QJsonObject json = value.toObject();
        IdentityServiceEntry entry;
        entry.name = json.value(QLatin1String("name")).toString();
        if (entry.name.isEmpty())
            continue;
        entry.label = json.value(QLatin1String("label")).toString(entry.name);
        entry.type = json.value(QLatin1String("type")).toString();
        entry.kind = QLatin1String(kind);
        entry.verb = json.value(QLatin1String("verb")).toString();
        entry.path = json.value(QLatin1String("path")).toString();
        out << entry;
    }
    return out;
}
} // namespace

QString ApiReply::describeError() const
{
    if (requestId.isEmpty())
        return errorMessage;
    return GatehouseClient::tr("%1 (request %2)").arg(errorMessage, requestId);
}

QJsonObject ServiceDefinition::toJson() const
{
    QJsonObject json{{QStringLiteral("name"), name},
                     {QStringLiteral("label"), label.isEmpty() ? name : label},
                     {QStringLiteral("description"), description},
                     {QStringLiteral("type"), type},
                     {QStringLiteral("is_active"), isActive},
                     {QStringLiteral("config"), config}};
    if (id > 0)
        json.insert(QStringLiteral("id"), id);
    return json;
}

ServiceDefinition ServiceDefinition::fromJson(const QJsonObject &json)
{
    ServiceDefinition service;
    service.id = json.value(QLatin1String("id")).toInteger();
    service.name = json.value(QLatin1String("name")).toString();
    service.label = json.value(QLatin1String("label")).toString();
    service.description = json.value(QLatin1String("description")).toString();
    service.type = json.value(QLatin1String("type")).toString();
    service.isActive = json.value(QLatin1String("is_active")).toBool(true);
    service.config = json.value(QLatin1String("config")).toObject();
    return service;
}

GatehouseClient::GatehouseClient(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_network(new QNetworkAccessManager(this))
{
}

void GatehouseClient::fetchStatus()
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/status"));
    QNetworkReply *reply = m_network->get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const Json json = parseJsonOrDiscarded(reply->readAll());
        if (reply->error() != QNetworkReply::NoError || !json.is_object()) {
            Q_EMIT requestFailed(reply->errorString());
            return;
        }
        EngineStatus status;
        status.version = QString::fromStdString(json.value("version", std::string()));
        status.uptimeSeconds = json.value("uptime_seconds", qint64(0));
        status.services = json.value("services", 0);
        Q_EMIT statusReceived(status);
    });
}

ApiReply GatehouseClient::replyFrom(QNetworkReply *reply)
{
    ApiReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.requestId = QString::fromLatin1(reply->rawHeader("X-Request-Id"));
    const QByteArray data = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isObject())
        result.body = document.object();
    else if (document.isArray())
        result.body = document.array();
    else {
        result.rawBody = data;
        result.contentType = reply->rawHeader("Content-Type");
    }
    if (result.status == 0) {
        result.errorMessage = tr("The engine could not be reached: %1").arg(reply->errorString());
        return result;
    }
    if (result.status >= 200 && result.status < 300)
        return result;
    const QJsonObject error = result.body.toObject().value(QLatin1String("error")).toObject();
    result.errorMessage = unescapeHtml(error.value(QLatin1String("message")).toString());
    if (result.errorMessage.isEmpty())
        result.errorMessage = tr("The engine answered %1.").arg(result.status);
    return result;
}

void GatehouseClient::send(const QByteArray &method, const QString &path, const QJsonValue &body,
                           QObject *context, ReplyCallback done)
{
    QUrl url = m_baseUrl;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(QStringLiteral("/api/v2/") + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (!m_sessionToken.isEmpty())
        request.setRawHeader("X-DreamFactory-Session-Token", m_sessionToken.toLatin1());
    QByteArray data;
    if (body.isObject())
        data = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        data = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, data);
    QPointer<QObject> guard(context);
    // Whoever asked is gone (a closed dialog, a cancelled export): stop the transfer too.
    if (context)
        connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
    connect(reply, &QNetworkReply::finished, this, [reply, guard, done = std::move(done)] {
        reply->deleteLater();
        if (!guard)
            return;
        done(replyFrom(reply));
    });
}

void GatehouseClient::fetchEnvironment(QObject *context, Callback<EnvironmentInfo> done)
{
    send("GET", QStringLiteral("system/environment"), QJsonValue(), context,
         [done = std::move(done)](const ApiReply &reply) {
             EnvironmentInfo info;
             const QJsonObject json = reply.body.toObject();
             const QJsonObject platform = json.value(QLatin1String("platform")).toObject();
             info.version = platform.value(QLatin1String("version")).toString();
             info.apiVersion = platform.value(QLatin1String("api_version")).toString();
             const QJsonObject auth = json.value(QLatin1String("authentication")).toObject();
             info.passwordServices = entries(auth, "ldap") + entries(auth, "adldap");
             info.browserServices = entries(auth, "oauth");
             done(reply, info);
         });
}

void GatehouseClient::signIn(const QJsonObject &body, QObject *context, Callback<AdminSession> done)
{
    QPointer<GatehouseClient> self(this);
    send("POST", QStringLiteral("system/admin/session"), body, context,
         [self, done = std::move(done)](const ApiReply &reply) {
             const AdminSession session = reply.ok() ? sessionFrom(reply.body) : AdminSession();
             if (self && !session.token.isEmpty())
                 self->m_sessionToken = session.token;
             done(reply, session);
         });
}

void GatehouseClient::resumeSession(const QString &token, QObject *context, Callback<AdminSession> done)
{
    m_sessionToken = token;
    QPointer<GatehouseClient> self(this);
    send("PUT", QStringLiteral("system/admin/session"), QJsonValue(), context,
         [self, done = std::move(done)](const ApiReply &reply) {
             const AdminSession session = reply.ok() ? sessionFrom(reply.body) : AdminSession();
             if (self)
                 self->m_sessionToken = session.token;
             done(reply, session);
         });
}

void GatehouseClient::signOut(QObject *context, ReplyCallback done)
{
    send("DELETE", QStringLiteral("system/admin/session"), QJsonValue(), context, std::move(done));
    m_sessionToken.clear();
}

void GatehouseClient::signInWithPassword(const QString &email, const QString &password, QObject *context,
                                         Callback<AdminSession> done)
{
    signIn(QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}, context,
           std::move(done));
}

void GatehouseClient::signInWithService(const QString &service, const QString &username,
                                        const QString &password, QObject *context,
                                        Callback<AdminSession> done)
{
    signIn(QJsonObject{{QStringLiteral("service"), service},
                       {QStringLiteral("username"), username},
                       {QStringLiteral("password"), password}},
           context, std::move(done));
}

void GatehouseClient::exchangeHandoffCode(const QString &service, const QString &code, QObject *context,
                                          Callback<AdminSession> done)
{
    signIn(QJsonObject{{QStringLiteral("service"), service}, {QStringLiteral("exchange_code"), code}},
           context, std::move(done));
}

QUrl GatehouseClient::browserSignInUrl(const QString &service, const QUrl &redirectUri,
                                       const QString &state) const
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/api/v2/system/admin/session"));
    auto enc = [](const QString &text) { return QString::fromLatin1(QUrl::toPercentEncoding(text)); };
    url.setQuery(QStringLiteral("service=%1&redirect_uri=%2&state=%3")
                     .arg(enc(service), enc(redirectUri.toString(QUrl::FullyEncoded)), enc(state)));
    return url;
}

void GatehouseClient::listServices(QObject *context, Callback<QList<ServiceDefinition>> done)
{
    send("GET", QStringLiteral("system/service?order=name"), QJsonValue(), context,
         [done = std::move(done)](const ApiReply &reply) {
             QList<ServiceDefinition> services;
             for (const QJsonValue &row : reply.body.toObject().value(QLatin1String("resource")).toArray())
                 services << ServiceDefinition::fromJson(row.toObject());
             done(reply, services);
         });
}

void GatehouseClient::createService(const ServiceDefinition &service, QObject *context,
                                    Callback<ServiceDefinition> done)
{
    QJsonObject record = service.toJson();
    record.remove(QStringLiteral("id"));
    send("POST", QStringLiteral("system/service?fields=*"),
         QJsonObject{{QStringLiteral("resource"), QJsonArray{record}}}, context,
         [done = std::move(done)](const ApiReply &reply) {
             const QJsonArray rows = reply.body.toObject().value(QLatin1String("resource")).toArray();
             done(reply, rows.isEmpty() ? ServiceDefinition()
                                        : ServiceDefinition::fromJson(rows.first().toObject()));
         });
}

void GatehouseClient::saveRecord(const QString &table, qint64 id, const QJsonObject &record,
                                 const QString &query, QObject *context, Callback<QJsonObject> done)
{
    QString path = id ? QStringLiteral("system/%1/%2").arg(table).arg(id) : QStringLiteral("system/") + table;
    if (!query.isEmpty())
        path += QLatin1Char('?') + query;
    const QJsonValue body =
        id ? QJsonValue(record) : QJsonValue(QJsonObject{{QStringLiteral("resource"), QJsonArray{record}}});
    send(id ? "PATCH" : "POST", path, body, context, [done = std::move(done)](const ApiReply &reply) {
        const QJsonObject answer = reply.body.toObject();
        if (!answer.contains(QLatin1String("resource")))
            return done(reply, answer);
        const QJsonArray rows = answer.value(QLatin1String("resource")).toArray();
        done(reply, rows.isEmpty() ? QJsonObject() : rows.first().toObject());
    });
}

void GatehouseClient::updateService(const ServiceDefinition &service, QObject *context,
                                    Callback<ServiceDefinition> done)
{
    QJsonObject record = service.toJson();
    record.remove(QStringLiteral("id"));
    // The type of a stored service never changes; sending it would only invite a 400.
    record.remove(QStringLiteral("type"));
    send("PATCH", QStringLiteral("system/service/%1?fields=*").arg(service.id), record, context,
         [done = std::move(done)](const ApiReply &reply) {
             done(reply, ServiceDefinition::fromJson(reply.body.toObject()));
         });
}

void GatehouseClient::testService(const QString &type, const QJsonObject &config, std::optional<qint64> id,
                                  QObject *context, Callback<ProbeResult> done)
{
    QJsonObject body{{QStringLiteral("type"), type}, {QStringLiteral("config"), config}};
    if (id && *id > 0)
        body.insert(QStringLiteral("id"), *id);
    send("POST", QStringLiteral("system/service/_test"), body, context,
         [done = std::move(done)](const ApiReply &reply) {
             ProbeResult result;
             const QJsonObject json = reply.body.toObject();
             result.success = reply.ok() && json.value(QLatin1String("success")).toBool();
             for (const QJsonValue &value : json.value(QLatin1String("steps")).toArray()) {
                 const QJsonObject step = value.toObject();
                 result.steps << ProbeStep{step.value(QLatin1String("name")).toString(),
                                           step.value(QLatin1String("success")).toBool(),
                                           step.value(QLatin1String("detail")).toString()};
             }
             done(reply, result);
         });
}
} // namespace gatehouse
