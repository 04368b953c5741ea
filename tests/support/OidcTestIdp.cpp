#include "OidcTestIdp.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QTimer>
#include <QUrlQuery>

#include "ChildProcess.h"
#include "MockProvider.h"

namespace gatehouse::test {
namespace {
struct Raw
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;
    QList<QByteArray> setCookies;
};

Raw send(const QByteArray &method, const QUrl &url, const QByteArray &body,
         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    static QNetworkAccessManager *manager = new QNetworkAccessManager();
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = manager->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(60'000);
    loop.exec();
    Raw raw;
    if (reply->isFinished()) {
        raw.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        raw.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs()) {
            const QByteArray name = pair.first.toLower();
            raw.headers.insert(name, pair.second);
            if (name == "set-cookie")
                raw.setCookies += pair.second.split('\n');
        }
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return raw;
}

QString scriptPath()
{
    return QStringLiteral(GATEHOUSE_OIDC_IDP_DIR "/idp.mjs");
}
} // namespace

OidcTestIdp::~OidcTestIdp()
{
    stop();
}

bool OidcTestIdp::isInstalled()
{
    return QFileInfo::exists(
        QStringLiteral(GATEHOUSE_OIDC_IDP_DIR "/node_modules/oidc-provider/package.json"));
}

bool OidcTestIdp::start(const QStringList &redirectUris, const Json &clients)
{
    const QString node = MockProvider::nodeProgram();
    if (node.isEmpty()) {
        m_error = QStringLiteral("node not found (install nodejs or set GATEHOUSE_NODE)");
        return false;
    }
    if (!isInstalled()) {
        m_error = QStringLiteral("oidc-provider is not installed: run `npm ci` in tests/support/oidc-idp");
        return false;
    }
    Json list = clients;
    if (list.is_null()) {
        Json uris = Json::array();
        for (const QString &uri : redirectUris)
            uris.push_back(uri);
        if (uris.empty())
            uris.push_back("http://127.0.0.1/callback");
        list = Json::array({Json{{"client_id", kClientId},
                                 {"client_secret", kClientSecret},
                                 {"redirect_uris", uris},
                                 {"grant_types", Json::array({"authorization_code", "client_credentials"})},
                                 {"response_types", Json::array({"code"})},
                                 {"token_endpoint_auth_method", "client_secret_basic"}},
                            Json{{"client_id", kPublicClientId},
                                 {"token_endpoint_auth_method", "none"},
                                 {"application_type", "native"},
                                 {"redirect_uris", uris},
                                 {"grant_types", Json::array({"authorization_code", "refresh_token"})},
                                 {"response_types", Json::array({"code"})}}});
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OIDC_IDP_CLIENTS"), QString::fromStdString(list.dump()));
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(node, {scriptPath(), QStringLiteral("--port"), QStringLiteral("0")});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("could not start %1: %2").arg(node, m_process.errorString());
        return false;
    }
    QByteArray out;
    if (const auto ready = ChildProcess::waitForLine(m_process, "OIDC_IDP_READY ", 30000, &out)) {
        for (const QByteArray &field : ready->split(' ')) {
            if (field.startsWith("issuer="))
                m_issuer = QString::fromUtf8(field.mid(7)).trimmed();
            else if (field.startsWith("port="))
                m_port = field.mid(5).trimmed().toUShort();
        }
    }
    if (m_port == 0) {
        m_error = QStringLiteral("the IdP did not report ready; output: %1").arg(QString::fromUtf8(out));
        stop();
        return false;
    }
    return true;
}

void OidcTestIdp::stop()
{
    ChildProcess::stop(m_process);
    m_port = 0;
}

Json OidcTestIdp::control(const QByteArray &method, const QString &path, const Json &body)
{
    if (m_port == 0)
        return nullptr;
    const Raw raw = send(method, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)),
                         body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump()),
                         {{"content-type", "application/json"}});
    return Json::parse(raw.body.constData(), raw.body.constData() + raw.body.size(), nullptr, false);
}

QString OidcTestIdp::mintToken(const Json &request)
{
    const Json answer = control("POST", QStringLiteral("/__test/token"), request);
    return answer.is_object() && answer.contains("token") ? answer.at("token").get<QString>() : QString();
}

QStringList OidcTestIdp::rotateKeys(bool retire)
{
    const Json answer = control("POST", QStringLiteral("/__test/rotate"), Json{{"retire", retire}});
    QStringList kids;
    if (answer.is_object() && answer.contains("kids"))
        for (const Json &kid : answer.at("kids"))
            kids.append(kid.get<QString>());
    return kids;
}

bool OidcTestIdp::addClients(const Json &clients)
{
    return control("POST", QStringLiteral("/__test/clients"), clients).is_object();
}

Json OidcTestIdp::requests()
{
    const Json list = control("GET", QStringLiteral("/__test/requests"));
    return list.is_array() ? list : Json::array();
}

bool OidcTestIdp::resetRequests()
{
    return control("POST", QStringLiteral("/__test/reset-log"), Json::object()).is_object();
}

int OidcTestIdp::countRequests(const QString &path)
{
    int count = 0;
    for (const Json &entry : requests())
        if (entry.value("path", std::string()) == path.toStdString())
            ++count;
    return count;
}

QString OidcTestIdp::clientCredentialsToken(const QString &resource, const QString &scope)
{
    const QByteArray form = "grant_type=client_credentials&resource=" + QUrl::toPercentEncoding(resource) +
                            "&scope=" + QUrl::toPercentEncoding(scope);
    const QByteArray basic = QByteArray(kClientId) + ':' + QByteArray(kClientSecret);
    const Raw raw = send("POST", QUrl(m_issuer + QStringLiteral("/token")), form,
                         {{"content-type", "application/x-www-form-urlencoded"},
                          {"authorization", "Basic " + basic.toBase64()}});
    const Json answer =
        Json::parse(raw.body.constData(), raw.body.constData() + raw.body.size(), nullptr, false);
    return answer.is_object() && answer.contains("access_token") ? answer.at("access_token").get<QString>()
                                                                 : QString();
}

Json OidcTestIdp::authorizationCodeTokens(const QString &account, const QString &redirectUri,
                                          const QString &resource, const QString &scope,
                                          const QString &clientId)
{
    const QByteArray verifier = QByteArray(48, 'v') + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    const QByteArray challenge =
        QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QByteArray query = "response_type=code&client_id=" + QUrl::toPercentEncoding(clientId) +
                       "&redirect_uri=" + QUrl::toPercentEncoding(redirectUri) +
                       "&scope=" + QUrl::toPercentEncoding(scope) +
                       "&state=test-state&code_challenge=" + challenge +
                       "&code_challenge_method=S256&login_hint=" + QUrl::toPercentEncoding(account);
    if (!resource.isEmpty())
        query += "&resource=" + QUrl::toPercentEncoding(resource);
    const BrowseResult run =
        browse(QUrl::fromEncoded(m_issuer.toUtf8() + "/auth?" + query), {}, {redirectUri});
    const QUrl landing = run.last().url.resolved(QUrl::fromEncoded(run.last().location));
    const QString code = QUrlQuery(landing).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty())
        return nullptr;
    QByteArray form = "grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code) +
                      "&redirect_uri=" + QUrl::toPercentEncoding(redirectUri) + "&code_verifier=" + verifier;
    if (!resource.isEmpty())
        form += "&resource=" + QUrl::toPercentEncoding(resource);
    QList<QPair<QByteArray, QByteArray>> headers{{"content-type", "application/x-www-form-urlencoded"}};
    if (clientId == QLatin1String(kClientId))
        headers.append(
            {QByteArray("authorization"),
             QByteArray("Basic ") + QByteArray(QByteArray(kClientId) + ':' + kClientSecret).toBase64()});
    else
        form += "&client_id=" + QUrl::toPercentEncoding(clientId);
    const Raw raw = send("POST", QUrl(m_issuer + QStringLiteral("/token")), form, headers);
    const Json answer =
        Json::parse(raw.body.constData(), raw.body.constData() + raw.body.size(), nullptr, false);
    return answer.is_object() && answer.contains("access_token") ? answer : Json(nullptr);
}

Json OidcTestIdp::BrowseResult::json() const
{
    if (hops.isEmpty())
        return nullptr;
    const QByteArray &body = hops.last().body;
    return Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
}

void OidcTestIdp::clearCookies()
{
    m_cookies.clear();
}

OidcTestIdp::BrowseResult OidcTestIdp::browse(const QUrl &start,
                                              const QList<QPair<QByteArray, QByteArray>> &headers,
                                              const QStringList &stopAt, int maxHops)
{
    BrowseResult result;
    QUrl url = start;
    for (int i = 0; i < maxHops; ++i) {
        const QString origin = url.host() + QLatin1Char(':') + QString::number(url.port(80));
        QByteArray cookieHeader;
        for (auto it = m_cookies.constBegin(); it != m_cookies.constEnd(); ++it)
            if (it.key().startsWith(origin + QLatin1Char('|')))
                cookieHeader += (cookieHeader.isEmpty() ? "" : "; ") + it.value();
        QList<QPair<QByteArray, QByteArray>> all = i == 0 ? headers : QList<QPair<QByteArray, QByteArray>>();
        if (!cookieHeader.isEmpty())
            all.append({"cookie", cookieHeader});
        const Raw raw = send("GET", url, QByteArray(), all);
        for (const QByteArray &line : raw.setCookies) {
            const QByteArray pair = line.split(';').first().trimmed();
            const int eq = pair.indexOf('=');
            if (eq <= 0)
                continue;
            const QString key = origin + QLatin1Char('|') + QString::fromLatin1(pair.left(eq));
            if (pair.mid(eq + 1).isEmpty() || line.contains("expires=Thu, 01 Jan 1970"))
                m_cookies.remove(key);
            else
                m_cookies.insert(key, pair);
        }
        Hop hop;
        hop.status = raw.status;
        hop.url = url;
        hop.body = raw.body;
        hop.headers = raw.headers;
        hop.location = raw.headers.value("location");
        result.hops.append(hop);
        if (raw.status < 300 || raw.status >= 400 || hop.location.isEmpty())
            break;
        const QUrl next = url.resolved(QUrl::fromEncoded(hop.location));
        bool stop = false;
        for (const QString &prefix : stopAt)
            stop = stop || next.toString(QUrl::FullyEncoded).startsWith(prefix);
        if (stop)
            break;
        url = next;
    }
    return result;
}
} // namespace gatehouse::test
