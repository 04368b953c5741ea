#include "RwsConfig.h"

#include <QRegularExpression>

#include "core/ApiError.h"
#include "http/EgressPolicy.h"

namespace gatehouse {

namespace {

[[noreturn]] void bad(const QString &message)
{
    throw ApiError::badRequest(message);
}

QString text(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_number_integer())
        return QString::number(value.get<qint64>());
    if (value.is_number())
        return QString::number(value.get<double>());
    if (value.is_boolean())
        return value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

bool flag(const Json &object, const char *key, bool fallback)
{
    if (!object.contains(key) || object[key].is_null())
        return fallback;
    const Json &value = object[key];
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number())
        return value.get<double>() != 0;
    const QString s = text(value).trimmed().toLower();
    return s == QLatin1String("true") || s == QLatin1String("1") || s == QLatin1String("yes");
}

int integer(const Json &config, const char *key, int fallback, int min, int max)
{
    if (!config.contains(key) || config[key].is_null() ||
        (config[key].is_string() && text(config[key]).isEmpty()))
        return fallback;
    const Json &value = config[key];
    bool ok = value.is_number_integer();
    qint64 n = ok ? value.get<qint64>() : 0;
    if (!ok && value.is_string())
        n = text(value).trimmed().toLongLong(&ok);
    if (!ok || n < min || n > max)
        bad(QStringLiteral("%1 must be an integer from %2 to %3.").arg(QLatin1String(key)).arg(min).arg(max));
    return int(n);
}

// The console may send a json field as text.
Json list(const Json &config, const char *key)
{
    if (!config.contains(key) || config[key].is_null())
        return Json::array();
    Json value = config[key];
    if (value.is_string()) {
        const QString s = text(value).trimmed();
        if (s.isEmpty())
            return Json::array();
        value = parseJsonOrDiscarded(s.toUtf8());
    }
    if (!value.is_array())
        bad(QStringLiteral("%1 must be an array.").arg(QLatin1String(key)));
    return value;
}

int action(const Json &entry, const QString &what)
{
    if (!entry.contains("action") || entry["action"].is_null())
        return 0;
    const Json &value = entry["action"];
    bool ok = value.is_number_integer();
    qint64 n = ok ? value.get<qint64>() : 0;
    if (!ok && value.is_string())
        n = text(value).toLongLong(&ok);
    if (!ok || n < 0 || n > 31)
        bad(QStringLiteral("%1: action must be a verb mask from 0 to 31.").arg(what));
    return int(n);
}

bool validHeaderName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (c.unicode() > 126 || c.unicode() <= 32 || QStringLiteral("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}
} // namespace

RwsConfig RwsConfig::fromConfig(const Json &config)
{
    if (!config.is_object())
        bad(QStringLiteral("The config must be an object."));
    RwsConfig result;
    const QString base = config.contains("base_url") ? text(config["base_url"]).trimmed() : QString();
    if (base.isEmpty())
        bad(QStringLiteral("base_url is required."));
    result.baseUrl = QUrl(base, QUrl::StrictMode);
    const QString scheme = result.baseUrl.scheme().toLower();
    if (!result.baseUrl.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        result.baseUrl.host().isEmpty())
        bad(QStringLiteral("base_url must be an absolute http:// or https:// URL."));
    if (!result.baseUrl.userInfo().isEmpty())
        bad(QStringLiteral("base_url must not contain credentials; use a header entry."));
    if (!result.baseUrl.fragment().isEmpty())
        bad(QStringLiteral("base_url must not contain a fragment."));
    result.timeoutSeconds = integer(config, "timeout", 30, 1, 300);
    result.connectTimeoutSeconds = integer(config, "connect_timeout", 10, 1, 300);
    result.cacheTtlSeconds = integer(config, "cache_ttl", 0, 0, 86400 * 30);
    result.maxRedirects = integer(config, "max_redirects", 5, 0, 20);

    if (config.contains("allowed_hosts") && !config["allowed_hosts"].is_null()) {
        const Json &hosts = config["allowed_hosts"];
        QStringList entries;
        if (hosts.is_string()) {
            entries = text(hosts).split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        } else if (hosts.is_array()) {
            for (const Json &entry : hosts) {
                if (!entry.is_string())
                    bad(QStringLiteral("allowed_hosts entries must be strings."));
                entries.append(text(entry).trimmed());
            }
        } else {
            bad(QStringLiteral("allowed_hosts must be an array of host entries."));
        }
        QString error;
        EgressPolicy::fromAllowList(entries, &error);
        if (!error.isEmpty())
            bad(error);
        entries.removeAll(QString());
        result.allowedHosts = entries;
    }

    for (const Json &entry : list(config, "parameters")) {
        if (!entry.is_object())
            bad(QStringLiteral("parameters entries must be objects."));
        Parameter p;
        p.name = entry.contains("name") ? text(entry["name"]).trimmed() : QString();
        if (p.name.isEmpty())
            bad(QStringLiteral("Every parameters entry needs a name."));
        p.value = entry.contains("value") ? text(entry["value"]) : QString();
        p.exclude = flag(entry, "exclude", false);
        p.outbound = flag(entry, "outbound", true);
        p.cacheKey = flag(entry, "cache_key", true);
        p.action = action(entry, QStringLiteral("parameter '%1'").arg(p.name));
        result.parameters.append(p);
    }
    for (const Json &entry : list(config, "headers")) {
        if (!entry.is_object())
            bad(QStringLiteral("headers entries must be objects."));
        Header h;
        h.name = entry.contains("name") ? text(entry["name"]).trimmed() : QString();
        if (!validHeaderName(h.name))
            bad(QStringLiteral("Every headers entry needs a valid header name."));
        const QString lower = h.name.toLower();
        if (lower == QLatin1String("host") || lower == QLatin1String("content-length") ||
            lower == QLatin1String("transfer-encoding") || lower == QLatin1String("connection"))
            bad(QStringLiteral("The header '%1' is set by the gateway itself.").arg(h.name));
        h.value = entry.contains("value") ? text(entry["value"]) : QString();
        if (h.value.contains(QLatin1Char('\r')) || h.value.contains(QLatin1Char('\n')))
            bad(QStringLiteral("The value of header '%1' must be one line.").arg(h.name));
        h.passFromClient = flag(entry, "pass_from_client", false);
        h.action = action(entry, QStringLiteral("header '%1'").arg(h.name));
        result.headers.append(h);
    }
    return result;
}

ConfigSchema RwsConfig::configSchema()
{
    auto f = [](const char *name, const char *type, const char *label, const QString &description) {
        return ConfigField(QLatin1String(name), QLatin1String(type), QLatin1String(label), description);
    };
    return ConfigSchema{
        f("base_url", "url", "Base URL",
          QStringLiteral("The remote API's address; /api/v2/{service}/{path} goes to {base_url}/{path}."))
            .isRequired(),
        f("timeout", "integer", "Timeout",
          QStringLiteral("Seconds to wait for the response head, and at most between two reads of its body."))
            .withDefault(30)
            .withRange(1, 300),
        f("connect_timeout", "integer", "Connect timeout",
          QStringLiteral("Seconds to wait for the connection."))
            .withDefault(10)
            .withRange(1, 300),
        f("allowed_hosts", "array", "Allowed hosts",
          QStringLiteral(
              "Further hosts the service may reach (redirects): host, host:port, *.domain, IP, CIDR. "
              "The base URL's host is always allowed if public; loopback, private and link-local "
              "addresses need an explicit entry.")),
        f("parameters", "json", "Parameters",
          QStringLiteral(
              "[{\"name\", \"value\", \"exclude\", \"outbound\", \"cache_key\", \"action\"}]: query "
              "parameters to add (values may use {lookups}) or client parameters to exclude; action "
              "is a verb mask (0: every verb).")),
        f("headers", "json", "Headers",
          QStringLiteral(
              "[{\"name\", \"value\", \"pass_from_client\", \"action\"}]: headers to add (values may "
              "use {lookups}) or client headers to pass on; no other client header is sent.")),
        f("cache_ttl", "integer", "Cache TTL",
          QStringLiteral("Seconds GET responses are cached (0: no cache)."))
            .withDefault(0)
            .withRange(0, 86400 * 30),
        f("max_redirects", "integer", "Maximum redirects",
          QStringLiteral("Redirects followed (each target is checked against the allowed hosts)."))
            .withDefault(5)
            .withRange(0, 20),
    };
}
} // namespace gatehouse
