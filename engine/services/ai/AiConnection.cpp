#include "AiConnection.h"

#include <cmath>
#include <set>
#include <string>

#include <QRegularExpression>
#include <QSet>

#include "core/ApiError.h"

namespace gatehouse {

namespace {
[[noreturn]] void bad(const QString &field, const QString &what)
{
    throw ApiError::badRequest(QStringLiteral("Invalid AI connection config: %1 %2.").arg(field, what));
}

// The value of the first present, non-null key among `names` (aliases), or nullptr.
const Json *find(const Json &config, std::initializer_list<const char *> names, QString *used = nullptr)
{
    for (const char *name : names) {
        const auto it = config.find(name);
        if (it != config.end() && !it->is_null()) {
            if (used)
                *used = QLatin1String(name);
            return &*it;
        }
    }
    return nullptr;
}

QString readString(const Json &config, std::initializer_list<const char *> names)
{
    QString field;
    const Json *v = find(config, names, &field);
    if (!v)
        return {};
    if (!v->is_string())
        bad(field, QStringLiteral("must be a string"));
    return QString::fromStdString(v->get<std::string>()).trimmed();
}

// Numbers may arrive as JSON numbers or numeric strings (form-based admin UIs send strings).
std::optional<double> readNumber(const Json &config, std::initializer_list<const char *> names,
                                 QString *field)
{
    const Json *v = find(config, names, field);
    if (!v)
        return std::nullopt;
    if (v->is_number())
        return v->get<double>();
    if (v->is_string()) {
        const QString s = QString::fromStdString(v->get<std::string>()).trimmed();
        if (s.isEmpty())
            return std::nullopt;
        bool ok = false;
        const double d = s.toDouble(&ok);
        if (ok && std::isfinite(d))
            return d;
    }
    bad(*field, QStringLiteral("must be a number"));
}

double readDouble(const Json &config, std::initializer_list<const char *> names, double fallback, double min,
                  double max)
{
    QString field;
    const std::optional<double> d = readNumber(config, names, &field);
    if (!d)
        return fallback;
    if (*d < min || *d > max)
        bad(field, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
    return *d;
}

int readInt(const Json &config, std::initializer_list<const char *> names, int fallback, int min, int max)
{
    QString field;
    const std::optional<double> d = readNumber(config, names, &field);
    if (!d)
        return fallback;
    if (*d != std::floor(*d) || *d < min || *d > max)
        bad(field, QStringLiteral("must be an integer between %1 and %2").arg(min).arg(max));
    return int(*d);
}

bool readBool(const Json &config, const char *name)
{
    const Json *v = find(config, {name});
    if (!v)
        return false;
    if (v->is_boolean())
        return v->get<bool>();
    if (v->is_number_integer() && (v->get<int>() == 0 || v->get<int>() == 1))
        return v->get<int>() == 1;
    if (v->is_string()) {
        const std::string s = v->get<std::string>();
        if (s == "true" || s == "1")
            return true;
        if (s == "false" || s == "0" || s.empty())
            return false;
    }
    bad(QLatin1String(name), QStringLiteral("must be true or false"));
}

// An array of strings or a comma-separated string.
QStringList readList(const Json &config, const char *name)
{
    const Json *v = find(config, {name});
    QStringList out;
    if (!v)
        return out;
    if (v->is_string()) {
        for (const QString &item : QString::fromStdString(v->get<std::string>()).split(QLatin1Char(',')))
            if (!item.trimmed().isEmpty())
                out << item.trimmed();
        return out;
    }
    if (!v->is_array())
        bad(QLatin1String(name), QStringLiteral("must be an array of strings or a comma-separated string"));
    for (const Json &item : *v) {
        if (!item.is_string())
            bad(QLatin1String(name), QStringLiteral("must contain only strings"));
        const QString s = QString::fromStdString(item.get<std::string>()).trimmed();
        if (!s.isEmpty())
            out << s;
    }
    return out;
}

double price(const Json &object, const char *key, const QString &field, double fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_number() || it->get<double>() < 0)
        bad(field + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be a number of at least 0"));
    return it->get<double>();
}

bool isToken(const QByteArray &name)
{
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    if (name.isEmpty())
        return false;
    for (char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || extra.contains(c)))
            return false;
    }
    return true;
}

// `model` matches `pattern` exactly or, when the pattern ends with '*', by prefix.
bool matches(const QString &pattern, const QString &model)
{
    if (pattern.endsWith(QLatin1Char('*')))
        return model.startsWith(QStringView(pattern).chopped(1));
    return pattern == model;
}

const std::set<std::string> &knownKeys()
{
    static const std::set<std::string> keys = [] {
        // Alternative spellings accepted for DreamFactory-style configs; the form offers the first.
        std::set<std::string> out{"model", "timeout_seconds", "organization_id", "rpm_per_user"};
        for (const QString &key : configschema::keys(AiConnection::configSchema()))
            out.insert(key.toStdString());
        return out;
    }();
    return keys;
}
void refuseUnknown(const Json &object, const QString &field, std::initializer_list<const char *> known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool ok = false;
        for (const char *k : known)
            ok = ok || it.key() == k;
        if (!ok)
            bad(QStringLiteral("%1.%2").arg(field, QString::fromStdString(it.key())),
                QStringLiteral("is not a known option"));
    }
}

QStringList readStringArray(const Json &object, const char *key, const QString &field)
{
    QStringList out;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return out;
    if (!it->is_array())
        bad(field, QStringLiteral("must be an array of strings"));
    for (const Json &item : *it) {
        if (!item.is_string() || item.get<std::string>().empty())
            bad(field, QStringLiteral("must contain only non-empty strings"));
        out << QString::fromStdString(item.get<std::string>());
    }
    return out;
}

QString readText(const Json &object, const char *key, const QString &field, bool required)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required)
            bad(field, QStringLiteral("is required"));
        return {};
    }
    if (!it->is_string())
        bad(field, QStringLiteral("must be a string"));
    const QString s = QString::fromStdString(it->get<std::string>());
    if (required && s.trimmed().isEmpty())
        bad(field, QStringLiteral("is required"));
    return s;
}

bool readFlag(const Json &object, const char *key, const QString &field, bool fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_boolean())
        bad(field, QStringLiteral("must be true or false"));
    return it->get<bool>();
}

int readWhole(const Json &object, const char *key, const QString &field, int fallback, int min, int max)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_number() || it->get<double>() != std::floor(it->get<double>()) || it->get<double>() < min ||
        it->get<double>() > max)
        bad(field, QStringLiteral("must be an integer between %1 and %2").arg(min).arg(max));
    return int(it->get<double>());
}

std::optional<double> readBound(const Json &object, const char *key, const QString &field)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number())
        bad(field, QStringLiteral("must be a number"));
    return it->get<double>();
}

bool isPlainName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9_-]{0,63}$"));
    return re.match(name).hasMatch();
}

AiDataChatConfig parseDataChat(const Json &v)
{
    if (!v.is_object())
        bad(QStringLiteral("data_chat"), QStringLiteral("must be an object"));
    refuseUnknown(v, QStringLiteral("data_chat"),
                  {"enabled", "services", "allow_writes", "max_iterations", "max_result_chars"});
    AiDataChatConfig c;
    c.enabled = readFlag(v, "enabled", QStringLiteral("data_chat.enabled"), true);
    c.services = readStringArray(v, "services", QStringLiteral("data_chat.services"));
    c.allowWrites = readFlag(v, "allow_writes", QStringLiteral("data_chat.allow_writes"), false);
    c.maxIterations = readWhole(v, "max_iterations", QStringLiteral("data_chat.max_iterations"), 25, 1, 100);
    c.maxResultChars =
        readWhole(v, "max_result_chars", QStringLiteral("data_chat.max_result_chars"), 50000, 100, 1000000);
    return c;
}

AiEndpointParam parseEndpointParam(const Json &v, const QString &field)
{
    if (!v.is_object())
        bad(field, QStringLiteral("must be an object"));
    refuseUnknown(v, field,
                  {"name", "type", "required", "pattern", "min", "max", "max_length", "description"});
    AiEndpointParam p;
    p.name = readText(v, "name", field + QStringLiteral(".name"), true);
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    if (!nameRe.match(p.name).hasMatch())
        bad(field + QStringLiteral(".name"),
            QStringLiteral("must be a letter or _ followed by letters, digits or _"));
    const QString type = readText(v, "type", field + QStringLiteral(".type"), false);
    if (!type.isEmpty())
        p.type = type;
    static const QStringList types{QStringLiteral("string"), QStringLiteral("integer"),
                                   QStringLiteral("number"), QStringLiteral("boolean")};
    if (!types.contains(p.type))
        bad(field + QStringLiteral(".type"), QStringLiteral("must be string, integer, number or boolean"));
    p.required = readFlag(v, "required", field + QStringLiteral(".required"), false);
    p.pattern = readText(v, "pattern", field + QStringLiteral(".pattern"), false);
    if (!p.pattern.isEmpty()) {
        const QRegularExpression re(p.pattern);
        if (!re.isValid())
            bad(field + QStringLiteral(".pattern"),
                QStringLiteral("is not a valid regular expression (%1)").arg(re.errorString()));
    }
    p.min = readBound(v, "min", field + QStringLiteral(".min"));
    p.max = readBound(v, "max", field + QStringLiteral(".max"));
    if (p.min && p.max && *p.min > *p.max)
        bad(field + QStringLiteral(".min"), QStringLiteral("must not be greater than max"));
    p.maxLength = readWhole(v, "max_length", field + QStringLiteral(".max_length"), 0, 1, 1000000);
    return p;
}

QList<AiEndpointConfig> parseEndpoints(const Json &v)
{
    if (!v.is_array())
        bad(QStringLiteral("endpoints"), QStringLiteral("must be an array of endpoint definitions"));
    QList<AiEndpointConfig> out;
    QSet<QString> names;
    for (size_t i = 0; i < v.size(); ++i) {
        const Json &e = v[i];
        const QString field = QStringLiteral("endpoints[%1]").arg(i);
        if (!e.is_object())
            bad(field, QStringLiteral("must be an object"));
        refuseUnknown(e, field,
                      {"name", "description", "service", "query", "parameters", "prompt", "model",
                       "max_tokens", "timeout_seconds", "output"});
        AiEndpointConfig c;
        c.name = readText(e, "name", field + QStringLiteral(".name"), true);
        if (!isPlainName(c.name))
            bad(field + QStringLiteral(".name"),
                QStringLiteral(
                    "must start with a letter and hold only letters, digits, _ and - (64 at most)"));
        if (names.contains(c.name.toLower()))
            bad(field + QStringLiteral(".name"), QStringLiteral("'%1' is defined twice").arg(c.name));
        names.insert(c.name.toLower());
        c.description = readText(e, "description", field + QStringLiteral(".description"), false);
        c.service = readText(e, "service", field + QStringLiteral(".service"), true).trimmed();
        c.query = readText(e, "query", field + QStringLiteral(".query"), true).trimmed();
        if (c.query.contains(QLatin1Char('/')))
            bad(field + QStringLiteral(".query"), QStringLiteral("must be a named query or procedure name"));
        if (const auto it = e.find("parameters"); it != e.end() && !it->is_null()) {
            if (!it->is_array())
                bad(field + QStringLiteral(".parameters"), QStringLiteral("must be an array"));
            QSet<QString> paramNames;
            for (size_t j = 0; j < it->size(); ++j) {
                AiEndpointParam p =
                    parseEndpointParam((*it)[j], field + QStringLiteral(".parameters[%1]").arg(j));
                if (paramNames.contains(p.name))
                    bad(field + QStringLiteral(".parameters[%1].name").arg(j),
                        QStringLiteral("'%1' is defined twice").arg(p.name));
                paramNames.insert(p.name);
                c.parameters.append(std::move(p));
            }
        }
        c.prompt = readText(e, "prompt", field + QStringLiteral(".prompt"), true);
        c.model = readText(e, "model", field + QStringLiteral(".model"), false).trimmed();
        c.maxTokens = readWhole(e, "max_tokens", field + QStringLiteral(".max_tokens"), 0, 1, 10000000);
        c.timeoutSeconds =
            readWhole(e, "timeout_seconds", field + QStringLiteral(".timeout_seconds"), 60, 1, 300);
        const QString output = readText(e, "output", field + QStringLiteral(".output"), false);
        if (!output.isEmpty() && output != QLatin1String("text") && output != QLatin1String("json"))
            bad(field + QStringLiteral(".output"), QStringLiteral("must be text or json"));
        c.jsonOutput = output == QLatin1String("json");
        out.append(std::move(c));
    }
    return out;
}
} // namespace

ConfigSchema AiConnection::configSchema()
{
    auto f = [](const char *name, const char *type, const char *label, const QString &description) {
        return ConfigField(QLatin1String(name), QLatin1String(type), QLatin1String(label), description);
    };
    return {
        f("provider", "picklist", "Provider", QStringLiteral("The LLM provider's wire format."))
            .isRequired()
            .withValues(providers()),
        f("api_key", "password", "API key",
          QStringLiteral("The provider's API key (required for openai, anthropic and xai)."))
            .isSecret(),
        f("base_url", "url", "Base URL",
          QStringLiteral("The provider's API address (default: the provider's own; required for "
                         "openai_compatible).")),
        f("default_model", "string", "Default model",
          QStringLiteral("The model used when a request names none.")),
        f("allowed_models", "array", "Allowed models",
          QStringLiteral("One model per line; a trailing * matches a prefix. Empty: every model.")),
        f("allowed_roles", "array", "Allowed roles",
          QStringLiteral("Role names allowed to use this connection, one per line.")),
        f("max_tokens", "integer", "Maximum tokens", QString()).withDefault(1024).withRange(1, 10000000),
        f("temperature", "number", "Temperature", QString()).withDefault(0.7).withRange(0, 2),
        f("timeout", "integer", "Timeout", QStringLiteral("Seconds to wait for the provider."))
            .withDefault(30)
            .withRange(1, 3600),
        f("max_retries", "integer", "Retries", QString()).withDefault(2).withRange(0, 5),
        f("organization", "string", "Organization", QStringLiteral("OpenAI organization id.")),
        f("system_prompt", "text", "System prompt", QStringLiteral("Put before every conversation.")),
        f("rpm_limit", "integer", "Requests per minute per user", QStringLiteral("0: no limit."))
            .withDefault(0)
            .withRange(0, 1000000000),
        f("monthly_budget", "number", "Monthly budget", QStringLiteral("USD; 0: no budget."))
            .withDefault(0)
            .withRange(0, 1000000000000LL),
        f("input_price_per_1k", "number", "Input price per 1k tokens", QStringLiteral("USD."))
            .withRange(0, 1000000000),
        f("output_price_per_1k", "number", "Output price per 1k tokens", QStringLiteral("USD."))
            .withRange(0, 1000000000),
        f("cached_input_price_per_1k", "number", "Cached input price per 1k tokens", QStringLiteral("USD."))
            .withRange(0, 1000000000),
        f("rate_sheet", "json", "Rate sheet",
          QStringLiteral("Prices per model: {\"model\": {\"input_per_1k\", \"output_per_1k\"}}.")),
        f("fallback_service_ids", "json", "Fallback connections",
          QStringLiteral("Ids of AI services tried when this one fails, e.g. [3, 4].")),
        f("data_access_api_key", "password", "Data access API key",
          QStringLiteral("The API key data-chat and AI endpoints use to read governed data."))
            .isSecret(),
        f("prompt_log", "boolean", "Log prompts",
          QStringLiteral("Keep prompts and answers in the prompt log."))
            .withDefault(false),
        f("redact_upstream", "boolean", "Redact personal data",
          QStringLiteral("Mask personal data before it reaches the provider."))
            .withDefault(false),
        f("redact_patterns", "array", "Redaction patterns",
          QStringLiteral("Extra regular expressions, one per line.")),
        f("extra_headers", "object", "Extra headers", QStringLiteral("HTTP headers sent to the provider.")),
        f("extra_body", "json", "Extra body fields",
          QStringLiteral("Fields added to every provider request.")),
        f("data_chat", "json", "Data chat", QStringLiteral("The data-chat settings (docs/ai.md).")),
        f("endpoints", "json", "AI endpoints", QStringLiteral("Named prompt endpoints (docs/ai.md).")),
    };
}

QStringList AiConnection::providers()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("xai"),
            QStringLiteral("ollama"), QStringLiteral("openai_compatible")};
}

QString AiConnection::defaultBaseUrl(const QString &provider)
{
    if (provider == QLatin1String("openai"))
        return QStringLiteral("https://api.openai.com/v1");
    if (provider == QLatin1String("anthropic"))
        return QStringLiteral("https://api.anthropic.com/v1");
    if (provider == QLatin1String("xai"))
        return QStringLiteral("https://api.x.ai/v1");
    if (provider == QLatin1String("ollama"))
        return QStringLiteral("http://127.0.0.1:11434");
    return {};
}

AiConnection AiConnection::fromConfig(const Json &config)
{
    if (!config.is_null() && !config.is_object())
        throw ApiError::badRequest(QStringLiteral("Invalid AI connection config: config must be an object."));
    const Json cfg = config.is_null() ? Json::object() : config;
    // Options the gateway does not implement are refused rather than silently ignored.
    for (auto it = cfg.begin(); it != cfg.end(); ++it) {
        if (!knownKeys().count(it.key()))
            bad(QString::fromStdString(it.key()), QStringLiteral("is not a known option"));
    }

    AiConnection c;
    c.provider = readString(cfg, {"provider"}).toLower();
    if (c.provider.isEmpty())
        bad(QStringLiteral("provider"), QStringLiteral("is required"));
    if (!providers().contains(c.provider))
        bad(QStringLiteral("provider"),
            QStringLiteral("must be one of %1").arg(providers().join(QStringLiteral(", "))));

    c.apiKey = readString(cfg, {"api_key"});
    if (c.apiKey.isEmpty() &&
        (c.provider == QLatin1String("openai") || c.provider == QLatin1String("anthropic") ||
         c.provider == QLatin1String("xai")))
        bad(QStringLiteral("api_key"), QStringLiteral("is required for provider %1").arg(c.provider));
    if (c.apiKey.contains(QLatin1Char('\r')) || c.apiKey.contains(QLatin1Char('\n')))
        bad(QStringLiteral("api_key"), QStringLiteral("must not contain line breaks"));

    QString base = readString(cfg, {"base_url"});
    if (base.isEmpty()) {
        base = defaultBaseUrl(c.provider);
        if (base.isEmpty())
            bad(QStringLiteral("base_url"), QStringLiteral("is required for provider %1").arg(c.provider));
    }
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    c.baseUrl = QUrl(base, QUrl::StrictMode);
    const QString scheme = c.baseUrl.scheme().toLower();
    if (!c.baseUrl.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        c.baseUrl.host().isEmpty() || !c.baseUrl.userInfo().isEmpty() || c.baseUrl.hasFragment())
        bad(QStringLiteral("base_url"), QStringLiteral("must be an http or https URL with a host"));

    c.defaultModel = readString(cfg, {"default_model", "model"});
    c.maxTokens = readInt(cfg, {"max_tokens"}, 1024, 1, 10000000);
    c.temperature = readDouble(cfg, {"temperature"}, 0.7, 0, 2);
    c.timeoutSeconds = readInt(cfg, {"timeout", "timeout_seconds"}, 30, 1, 3600);
    c.maxRetries = readInt(cfg, {"max_retries"}, 2, 0, 5);
    c.organization = readString(cfg, {"organization", "organization_id"});
    if (c.organization.contains(QLatin1Char('\r')) || c.organization.contains(QLatin1Char('\n')))
        bad(QStringLiteral("organization"), QStringLiteral("must not contain line breaks"));
    {
        const Json *v = find(cfg, {"system_prompt"});
        if (v && !v->is_string())
            bad(QStringLiteral("system_prompt"), QStringLiteral("must be a string"));
        if (v)
            c.systemPrompt = QString::fromStdString(v->get<std::string>()); // kept verbatim
    }
    c.rpmPerUser = readInt(cfg, {"rpm_limit", "rpm_per_user"}, 0, 0, 1000000000);
    c.allowedModels = readList(cfg, "allowed_models");
    c.allowedRoles = readList(cfg, "allowed_roles");
    c.dataAccessApiKey = readString(cfg, {"data_access_api_key"});

    if (const Json *headers = find(cfg, {"extra_headers"})) {
        if (!headers->is_object())
            bad(QStringLiteral("extra_headers"), QStringLiteral("must be an object of string values"));
        static const QSet<QByteArray> refused = {"host",
                                                 "content-length",
                                                 "authorization",
                                                 "x-api-key",
                                                 "transfer-encoding",
                                                 "connection",
                                                 "keep-alive",
                                                 "upgrade",
                                                 "te",
                                                 "trailer",
                                                 "proxy-authorization",
                                                 "proxy-connection"};
        for (auto it = headers->begin(); it != headers->end(); ++it) {
            const QByteArray name = QByteArray::fromStdString(it.key()).trimmed().toLower();
            const QString field = QStringLiteral("extra_headers.%1").arg(QString::fromStdString(it.key()));
            if (!isToken(name))
                bad(field, QStringLiteral("is not a valid header name"));
            if (refused.contains(name))
                bad(field, QStringLiteral("may not be set (the gateway sets it)"));
            if (!it->is_string())
                bad(field, QStringLiteral("must be a string"));
            const QByteArray value = QByteArray::fromStdString(it->get<std::string>());
            if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
                bad(field, QStringLiteral("must not contain line breaks"));
            c.extraHeaders.append({name, value});
        }
    }
    if (const Json *body = find(cfg, {"extra_body"})) {
        if (!body->is_object())
            bad(QStringLiteral("extra_body"), QStringLiteral("must be an object"));
        for (const char *key : {"model", "messages", "stream", "input"}) {
            if (body->contains(key))
                bad(QStringLiteral("extra_body.%1").arg(QLatin1String(key)),
                    QStringLiteral("may not be set (the gateway sets it)"));
        }
        c.extraBody = *body;
    }

    c.defaultPrice.inputPer1k = readDouble(cfg, {"input_price_per_1k"}, 0, 0, 1e9);
    c.defaultPrice.outputPer1k = readDouble(cfg, {"output_price_per_1k"}, 0, 0, 1e9);
    c.defaultPrice.cachedInputPer1k = readDouble(cfg, {"cached_input_price_per_1k"}, -1, 0, 1e9);
    if (const Json *sheet = find(cfg, {"rate_sheet"})) {
        if (!sheet->is_object())
            bad(QStringLiteral("rate_sheet"), QStringLiteral("must be an object keyed by model"));
        for (auto it = sheet->begin(); it != sheet->end(); ++it) {
            const QString model = QString::fromStdString(it.key());
            const QString field = QStringLiteral("rate_sheet.%1").arg(model);
            if (!it->is_object())
                bad(field, QStringLiteral("must be an object with input_per_1k and output_per_1k"));
            AiPrice p;
            p.inputPer1k = price(*it, "input_per_1k", field, 0);
            p.outputPer1k = price(*it, "output_per_1k", field, 0);
            p.cachedInputPer1k = price(*it, "cached_input_per_1k", field, -1);
            c.rateSheet.insert(model, p);
        }
    }
    c.monthlyBudget = readDouble(cfg, {"monthly_budget"}, 0, 0, 1e12);

    if (const Json *ids = find(cfg, {"fallback_service_ids"})) {
        if (!ids->is_array())
            bad(QStringLiteral("fallback_service_ids"), QStringLiteral("must be an array of service ids"));
        for (const Json &id : *ids) {
            qint64 value = 0;
            if (id.is_number_integer())
                value = id.get<qint64>();
            else if (id.is_string())
                value = QString::fromStdString(id.get<std::string>()).toLongLong();
            if (value <= 0)
                bad(QStringLiteral("fallback_service_ids"), QStringLiteral("must contain positive integers"));
            if (!c.fallbackServiceIds.contains(value))
                c.fallbackServiceIds.append(value);
        }
    }
    c.promptLog = readBool(cfg, "prompt_log");
    c.redactUpstream = readBool(cfg, "redact_upstream");
    c.redactPatterns = readList(cfg, "redact_patterns");
    if (const Json *v = find(cfg, {"redact_patterns"}); v && v->is_string()) {
        // A single pattern may itself contain commas: take the string whole.
        c.redactPatterns = {QString::fromStdString(v->get<std::string>())};
    }
    for (int i = 0; i < c.redactPatterns.size(); ++i) {
        const QRegularExpression re(c.redactPatterns.at(i));
        if (!re.isValid())
            bad(QStringLiteral("redact_patterns[%1]").arg(i),
                QStringLiteral("is not a valid regular expression (%1)").arg(re.errorString()));
    }
    if (const Json *v = find(cfg, {"data_chat"}))
        c.dataChat = parseDataChat(*v);
    if (const Json *v = find(cfg, {"endpoints"}))
        c.endpoints = parseEndpoints(*v);
    return c;
}

const AiEndpointConfig *AiConnection::endpoint(const QString &name) const
{
    for (const AiEndpointConfig &e : endpoints)
        if (e.name.compare(name, Qt::CaseInsensitive) == 0)
            return &e;
    return nullptr;
}

AiPrice AiConnection::priceFor(const QString &model) const
{
    const auto exact = rateSheet.constFind(model);
    if (exact != rateSheet.constEnd())
        return *exact;
    // The longest matching prefix pattern ("gpt-4o*") wins, so "gpt-4o-mini*" beats "gpt-4o*".
    qsizetype bestLength = -1;
    AiPrice best = defaultPrice;
    for (auto it = rateSheet.constBegin(); it != rateSheet.constEnd(); ++it) {
        if (it.key().endsWith(QLatin1Char('*')) && matches(it.key(), model) && it.key().size() > bestLength) {
            bestLength = it.key().size();
            best = it.value();
        }
    }
    return best;
}

bool AiConnection::allowsModel(const QString &model) const
{
    if (allowedModels.isEmpty())
        return true;
    for (const QString &pattern : allowedModels) {
        if (matches(pattern, model))
            return true;
    }
    return false;
}
} // namespace gatehouse
