#pragma once

#include <functional>
#include <optional>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace gatehouse {

struct EngineStatus
{
    QString version;
    qint64 uptimeSeconds = 0;
    int services = 0;
};

// The outcome of one API call: the HTTP status, the JSON body and, for failures, the envelope's
// message in plain words plus the request id a support person can find in the audit log.
struct ApiReply
{
    int status = 0; // 0: the engine was not reached
    QJsonValue body;
    // When the answer is not JSON (an rws or scripted service may send CSV, XML, bytes): the body
    // as it came, and its Content-Type.
    QByteArray rawBody;
    QByteArray contentType;
    QString requestId;    // X-Request-Id
    QString errorMessage; // empty on success

    bool ok() const { return status >= 200 && status < 300 && errorMessage.isEmpty(); }
    // "<message> (request <id>)", or just the message when there is no id.
    QString describeError() const;
};

// One identity service as /system/environment lists it for sign-in forms.
struct IdentityServiceEntry
{
    QString name;
    QString label;
    QString type; // the service type (ldap, adldap, oidc)
    QString kind; // "ldap", "adldap" or "oauth": the list it came from
    QString verb;
    QString path;
};

struct EnvironmentInfo
{
    QString version;
    QString apiVersion;
    QList<IdentityServiceEntry> passwordServices; // ldap and adldap: username + password
    QList<IdentityServiceEntry> browserServices;  // oauth (oidc): "Sign in with ..."
};

struct AdminSession
{
    QString token;
    QString email;
    QString name;
    bool isSysAdmin = false;
};

// A row of /system/service (secret config fields arrive masked).
struct ServiceDefinition
{
    qint64 id = 0; // 0: not stored yet
    QString name;
    QString label;
    QString description;
    QString type;
    bool isActive = true;
    QJsonObject config;

    QJsonObject toJson() const;
    static ServiceDefinition fromJson(const QJsonObject &json);
};

struct ProbeStep
{
    QString name;
    bool success = false;
    QString detail;
};

struct ProbeResult
{
    bool success = false;
    QList<ProbeStep> steps;
};

// Typed client of Gatehouse's own REST API. The console and tools reach the engine only
// through it, so everything they do is also possible over HTTP. Calls are asynchronous: each
// takes a `context` object and a callback that runs on the caller's thread, and is dropped if
// `context` is gone by then. A successful sign-in keeps the session token for later calls.
class GatehouseClient : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(const ApiReply &, const T &)>;
    using ReplyCallback = std::function<void(const ApiReply &)>;

    explicit GatehouseClient(QUrl baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void fetchStatus();

    QString sessionToken() const { return m_sessionToken; }
    void setSessionToken(const QString &token) { m_sessionToken = token; }

    // GET /api/v2/system/environment (public): sign-in options.
    void fetchEnvironment(QObject *context, Callback<EnvironmentInfo> done);

    // POST /api/v2/system/admin/session, three ways in.
    void signInWithPassword(const QString &email, const QString &password, QObject *context,
                            Callback<AdminSession> done);
    void signInWithService(const QString &service, const QString &username, const QString &password,
                           QObject *context, Callback<AdminSession> done);
    // Trades the one-time code a browser sign-in handed to the loopback redirect for a session.
    void exchangeHandoffCode(const QString &service, const QString &code, QObject *context,
                             Callback<AdminSession> done);
    // Trades a kept session token for a fresh one (PUT /system/admin/session: signature,
    // revocation and the refresh window are checked), so a restarted console stays signed in.
    void resumeSession(const QString &token, QObject *context, Callback<AdminSession> done);
    // Ends the session on the server (DELETE /system/admin/session) and forgets the token.
    void signOut(QObject *context, ReplyCallback done);
    // Where the system browser starts a sign-in through `service`.
    QUrl browserSignInUrl(const QString &service, const QUrl &redirectUri, const QString &state) const;

    // /api/v2/system/service
    void listServices(QObject *context, Callback<QList<ServiceDefinition>> done);
    void createService(const ServiceDefinition &service, QObject *context, Callback<ServiceDefinition> done);
    void updateService(const ServiceDefinition &service, QObject *context, Callback<ServiceDefinition> done);
    // POST /api/v2/system/service/_test: tries a config without storing it. With `id`, masked
    // secrets are taken from that stored service.
    void testService(const QString &type, const QJsonObject &config, std::optional<qint64> id,
                     QObject *context, Callback<ProbeResult> done);

    // Stores one record of a system table (`table` as in "system/<table>"): a new one (`id` 0)
    // with POST and {"resource": [record]}, a stored one with PATCH system/<table>/<id>. `query`
    // is an encoded query string without the "?" ("fields=*"), or empty. `done` gets the record as
    // the server returned it (empty after an error).
    void saveRecord(const QString &table, qint64 id, const QJsonObject &record, const QString &query,
                    QObject *context, Callback<QJsonObject> done);

    // Generic call for what has no typed method yet; `path` is below /api/v2, e.g. "system/role",
    // and may carry an encoded query ("system/audit?limit=50"). Destroying `context` cancels the
    // call: the transfer is aborted and `done` is not called.
    void send(const QByteArray &method, const QString &path, const QJsonValue &body, QObject *context,
              ReplyCallback done);

Q_SIGNALS:
    void statusReceived(const gatehouse::EngineStatus &status);
    void requestFailed(const QString &message);

private:
    void signIn(const QJsonObject &body, QObject *context, Callback<AdminSession> done);
    static ApiReply replyFrom(QNetworkReply *reply);

    QUrl m_baseUrl;
    QNetworkAccessManager *m_network;
    QString m_sessionToken;
};
} // namespace gatehouse
