#pragma once

#include <memory>
#include <optional>

#include <QList>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "HttpRequest.h"
#include "HttpResponse.h"

namespace gatehouse {

// One row of /system/cors (DreamFactory's cors_config).
struct CorsRule
{
    qint64 id = 0;
    QString path;               // glob over the request path without its leading '/': "*", "api/v2/db/*"
    QStringList origins;        // "https://app.example.com", "https://*.example.com", "*"
    QStringList headers;        // request headers a preflight may ask for; "*": any
    QStringList exposedHeaders; // Access-Control-Expose-Headers
    int methodMask = 0;         // DF verb mask (GET=1 POST=2 PUT=4 PATCH=8 DELETE=16)
    int maxAge = 0;             // seconds; 0: no Access-Control-Max-Age
    bool supportsCredentials = false;
    bool enabled = true;
};

// The CORS rules in force, immutable (held by the AccessSnapshot, rebuilt after every write to
// /system/cors). For a request path the enabled rule with the longest matching path pattern
// decides alone; a shorter rule never rescues an origin the deciding rule does not list.
// With no rules nothing gets CORS headers and every preflight is refused: the secure default.
// CORS tells browsers what they may read; it is not access control, which stays with
// authentication and RBAC.
class CorsPolicy
{
public:
    explicit CorsPolicy(QList<CorsRule> rules);

    // Worker side: reads every row of cors_config. Throws ApiError when the table cannot be read.
    static std::shared_ptr<const CorsPolicy> load(QSqlDatabase &db);

    // OPTIONS with Origin and Access-Control-Request-Method.
    static bool isPreflight(const HttpRequest &request);
    // 204 with the Access-Control-* headers when the deciding rule allows the origin, method
    // and headers asked for; else a 403 error without any of them.
    HttpResponse preflight(const HttpRequest &request) const;
    // Actual (non-preflight) requests: adds Allow-Origin (the origin itself, never "*" with
    // credentials), Allow-Credentials, Expose-Headers and Vary: Origin when the rule allows.
    void decorate(const HttpRequest &request, HttpResponse &response) const;

    const CorsRule *match(const QString &requestPath) const;
    bool isEmpty() const { return m_rules.isEmpty(); }

    // "a, b ,c" -> {"a","b","c"}.
    static QStringList splitList(const QString &text);

private:
    struct Compiled
    {
        CorsRule rule;
        QRegularExpression path;
        QList<QRegularExpression> origins; // empty pattern list + anyOrigin for "*"
        bool anyOrigin = false;
        bool anyHeader = false;
    };

    const Compiled *find(const QString &requestPath) const;
    static bool originAllowed(const Compiled &rule, const QString &origin);
    static void setAllowOrigin(const Compiled &rule, const QString &origin, HttpResponse &response);

    QList<Compiled> m_rules; // enabled rules, longest path pattern first
};

// Adds `value` to the response's Vary header (keeping what is there).
void addVary(HttpResponse &response, const QByteArray &value);
} // namespace gatehouse
