#include "CorsPolicy.h"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>

#include "core/ApiError.h"
#include "security/AccessTypes.h"

namespace gatehouse {
namespace {

// Glob to an anchored, case-insensitive expression; `star` is what '*' stands for.
QRegularExpression globPattern(const QString &glob, const QString &star)
{
    QString pattern;
    const QStringList parts = glob.split(QLatin1Char('*'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            pattern += star;
        pattern += QRegularExpression::escape(parts[i]);
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern),
                              QRegularExpression::CaseInsensitiveOption);
}

QString normalizePath(QString path)
{
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

bool containsInsensitive(const QStringList &list, const QString &value)
{
    return list.contains(value, Qt::CaseInsensitive);
}

bool hasHeader(const HttpResponse &response, const QByteArray &name)
{
    for (const auto &header : response.headers)
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

HttpResponse refusal(const QString &message)
{
    return HttpResponse::fromError(ApiError::forbidden(message));
}
} // namespace

void addVary(HttpResponse &response, const QByteArray &value)
{
    for (auto &header : response.headers) {
        if (header.first.compare("Vary", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &existing : header.second.split(','))
            if (existing.trimmed().compare(value, Qt::CaseInsensitive) == 0)
                return;
        header.second += ", " + value;
        return;
    }
    response.headers.append({"Vary", value});
}

CorsPolicy::CorsPolicy(QList<CorsRule> rules)
{
    for (CorsRule &rule : rules) {
        if (!rule.enabled)
            continue;
        Compiled compiled;
        rule.path = normalizePath(rule.path.trimmed());
        if (rule.path.isEmpty())
            rule.path = QStringLiteral("*");
        compiled.path = globPattern(rule.path, QStringLiteral(".*"));
        for (const QString &origin : rule.origins) {
            if (origin == QLatin1String("*"))
                compiled.anyOrigin = true;
            else
                // A '*' inside an origin stands for host labels only, so "https://*.example.com"
                // can never match "https://evil.test/.example.com" or a different port.
                compiled.origins << globPattern(origin, QStringLiteral("[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*"));
        }
        compiled.anyHeader = rule.headers.contains(QStringLiteral("*"));
        compiled.rule = std::move(rule);
        m_rules << std::move(compiled);
    }
    std::stable_sort(m_rules.begin(), m_rules.end(), [](const Compiled &a, const Compiled &b) {
        if (a.rule.path.size() != b.rule.path.size())
            return a.rule.path.size() > b.rule.path.size();
        return a.rule.id < b.rule.id;
    });
}

QStringList CorsPolicy::splitList(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items << trimmed;
    }
    return items;
}

std::shared_ptr<const CorsPolicy> CorsPolicy::load(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, path, origin, header, exposed_header, method, max_age, "
                                   "supports_credentials, enabled FROM cors_config"))) {
        spdlog::error("system database: loading CORS rules failed: {}",
                      query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    QList<CorsRule> rules;
    while (query.next()) {
        CorsRule rule;
        rule.id = query.value(0).toLongLong();
        rule.path = query.value(1).toString();
        rule.origins = splitList(query.value(2).toString());
        rule.headers = splitList(query.value(3).toString());
        rule.exposedHeaders = splitList(query.value(4).toString());
        rule.methodMask = query.value(5).toInt();
        rule.maxAge = query.value(6).toInt();
        rule.supportsCredentials = query.value(7).toInt() != 0;
        rule.enabled = query.value(8).toInt() != 0;
        rules << rule;
    }
    return std::make_shared<const CorsPolicy>(std::move(rules));
}

bool CorsPolicy::isPreflight(const HttpRequest &request)
{
    return request.method == "OPTIONS" && request.headers.contains("origin") &&
           request.headers.contains("access-control-request-method");
}

const CorsPolicy::Compiled *CorsPolicy::find(const QString &requestPath) const
{
    const QString path = normalizePath(requestPath);
    for (const Compiled &rule : m_rules)
        if (rule.path.match(path).hasMatch())
            return &rule;
    return nullptr;
}

const CorsRule *CorsPolicy::match(const QString &requestPath) const
{
    const Compiled *compiled = find(requestPath);
    return compiled ? &compiled->rule : nullptr;
}

bool CorsPolicy::originAllowed(const Compiled &rule, const QString &origin)
{
    if (origin.isEmpty())
        return false;
    // "null" (sandboxed frames, file: pages) only when listed by name: "*" with credentials
    // would otherwise hand any sandboxed page the user's session.
    if (origin == QLatin1String("null"))
        return containsInsensitive(rule.rule.origins, origin) ||
               (rule.anyOrigin && !rule.rule.supportsCredentials);
    if (rule.anyOrigin)
        return true;
    for (const QRegularExpression &pattern : rule.origins)
        if (pattern.match(origin).hasMatch())
            return true;
    return false;
}

void CorsPolicy::setAllowOrigin(const Compiled &rule, const QString &origin, HttpResponse &response)
{
    if (rule.anyOrigin && !rule.rule.supportsCredentials) {
        response.setHeader("Access-Control-Allow-Origin", "*");
    } else {
        response.setHeader("Access-Control-Allow-Origin", origin.toUtf8());
        if (rule.rule.supportsCredentials)
            response.setHeader("Access-Control-Allow-Credentials", "true");
    }
}

HttpResponse CorsPolicy::preflight(const HttpRequest &request) const
{
    const QString origin = QString::fromUtf8(request.header("origin")).trimmed();
    const Compiled *rule = find(request.path);
    if (!rule || !originAllowed(*rule, origin))
        return refusal(QStringLiteral("CORS: origin '%1' is not allowed for this path.").arg(origin));
    const QByteArray method = request.header("access-control-request-method").trimmed().toUpper();
    const int bit = verbBit(method);
    if (bit == 0 || !(rule->rule.methodMask & bit))
        return refusal(QStringLiteral("CORS: method '%1' is not allowed for this path.")
                           .arg(QString::fromLatin1(method)));
    const QStringList asked =
        splitList(QString::fromLatin1(request.header("access-control-request-headers")));
    if (!rule->anyHeader) {
        for (const QString &name : asked)
            if (!containsInsensitive(rule->rule.headers, name))
                return refusal(
                    QStringLiteral("CORS: request header '%1' is not allowed for this path.").arg(name));
    }

    HttpResponse response;
    response.status = 204;
    response.contentType = "text/plain";
    setAllowOrigin(*rule, origin, response);
    response.setHeader("Access-Control-Allow-Methods",
                       verbNames(rule->rule.methodMask).join(QStringLiteral(", ")).toLatin1());
    // Echo what was asked (all of it is allowed by now) rather than "*", which browsers take
    // literally on credentialed requests.
    if (!asked.isEmpty())
        response.setHeader("Access-Control-Allow-Headers", asked.join(QStringLiteral(", ")).toLatin1());
    if (rule->rule.maxAge > 0)
        response.setHeader("Access-Control-Max-Age", QByteArray::number(rule->rule.maxAge));
    addVary(response, "Origin");
    addVary(response, "Access-Control-Request-Method");
    addVary(response, "Access-Control-Request-Headers");
    return response;
}

void CorsPolicy::decorate(const HttpRequest &request, HttpResponse &response) const
{
    if (isPreflight(request) || hasHeader(response, "Access-Control-Allow-Origin"))
        return;
    const Compiled *rule = find(request.path);
    if (!rule)
        return;
    // The answer depends on Origin wherever a rule applies, even for a request without one.
    addVary(response, "Origin");
    const QString origin = QString::fromUtf8(request.header("origin")).trimmed();
    if (!originAllowed(*rule, origin))
        return;
    const int bit = verbBit(request.method);
    if (request.method != "OPTIONS" && !(rule->rule.methodMask & bit))
        return;
    setAllowOrigin(*rule, origin, response);
    QStringList exposed = rule->rule.exposedHeaders;
    // "*" only means "every header" on requests without credentials (Fetch standard).
    if (rule->rule.supportsCredentials)
        exposed.removeAll(QStringLiteral("*"));
    if (!exposed.isEmpty())
        response.setHeader("Access-Control-Expose-Headers", exposed.join(QStringLiteral(", ")).toLatin1());
}
} // namespace gatehouse
