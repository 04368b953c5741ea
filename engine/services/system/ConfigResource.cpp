#include "ConfigResource.h"

#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSettings>
#include <QSslConfiguration>
#include <QUrl>

#include "core/ApiError.h"
#include "core/Config.h"
#include "http/TlsListener.h"
#include "security/SecretStore.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {

const QString kGroup = QStringLiteral("gatehouse");
const QString kReadOnly = QStringLiteral("read-only");

// The settings as one flat object, in the console's names.
struct Values
{
    QString listenAddress;
    int port = 0;
    QString tlsCert;
    QString tlsKey;
    int auditRetentionDays = 0;
    int aiUsageRetentionDays = 0;
    int aiPromptRetentionDays = 0;
    QString logLevel;

    Json toJson() const
    {
        return Json{{"listen_address", listenAddress},
                    {"port", port},
                    {"tls_cert", tlsCert},
                    {"tls_key", tlsKey},
                    {"audit_retention_days", auditRetentionDays},
                    {"ai_usage_retention_days", aiUsageRetentionDays},
                    {"ai_prompt_retention_days", aiPromptRetentionDays},
                    {"log_level", logLevel}};
    }
};

Values runningValues(const Config &config)
{
    Values v;
    v.listenAddress = config.listenAddress.toString();
    v.port = config.port;
    v.tlsCert = config.tlsCert;
    v.tlsKey = config.tlsKey;
    v.auditRetentionDays = config.auditRetentionDays;
    v.aiUsageRetentionDays = config.aiUsageRetentionDays;
    v.aiPromptRetentionDays = config.aiPromptRetentionDays;
    v.logLevel = config.logLevel;
    return v;
}

// The file's [gatehouse] keys, read as Config::load reads them. Worker side.
QHash<QString, QString> readFile(const QString &file)
{
    QHash<QString, QString> values;
    if (!QFileInfo::exists(file))
        return values;
    QSettings ini(file, QSettings::IniFormat);
    ini.beginGroup(kGroup);
    for (const QString &key : ini.childKeys())
        values.insert(key, ini.value(key).toString());
    return values;
}

// What the engine would run with after a restart: the running values with the file's applied.
// Environment variables and command-line options outrank the file; those the engine can see
// (GATEHOUSE_*) are reported as overrides by the caller.
Values savedValues(const Values &running, const QHash<QString, QString> &file)
{
    Values v = running;
    if (file.contains(QStringLiteral("listen"))) {
        const QString text = file.value(QStringLiteral("listen"));
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon > 0) {
            QString host = text.left(colon);
            if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
                host = host.mid(1, host.size() - 2);
            v.listenAddress = host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : host;
            v.port = text.mid(colon + 1).toInt();
        }
    }
    const auto intOf = [&](const char *key, int &target) {
        bool ok = false;
        const int n = file.value(QLatin1String(key)).toInt(&ok);
        if (ok)
            target = n;
    };
    if (file.contains(QStringLiteral("tls_cert")))
        v.tlsCert = file.value(QStringLiteral("tls_cert")).trimmed();
    if (file.contains(QStringLiteral("tls_key")))
        v.tlsKey = file.value(QStringLiteral("tls_key")).trimmed();
    intOf("audit_retention_days", v.auditRetentionDays);
    intOf("ai_usage_retention_days", v.aiUsageRetentionDays);
    intOf("ai_prompt_retention_days", v.aiPromptRetentionDays);
    if (file.contains(QStringLiteral("log_level")))
        v.logLevel = file.value(QStringLiteral("log_level"));
    return v;
}

// Ini text for a value QSettings reads back unchanged: plain when it is safe, else quoted.
QString iniValue(const QString &value)
{
    static const QString special = QStringLiteral(",;\"\\=#[]");
    bool plain = !value.isEmpty() && value.trimmed() == value;
    for (const QChar c : value)
        if (special.contains(c))
            plain = false;
    if (plain)
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Sets `updates` in the [gatehouse] section of `file`, keeping every other line (comments
// included) and replacing commented-out defaults ";key = ..." of the same key in place.
// Atomic: readers see the old or the new file. Worker side.
bool writeFile(const QString &file, const QList<QPair<QString, QString>> &updates, QString *error)
{
    QStringList lines;
    const bool existed = QFileInfo::exists(file);
    if (existed) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) {
            *error = QStringLiteral("cannot read the config file %1: %2").arg(file, in.errorString());
            return false;
        }
        lines = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'));
        if (!lines.isEmpty() && lines.constLast().isEmpty())
            lines.removeLast();
    }
    const auto keyOf = [](QString line) {
        line = line.trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        return eq > 0 ? line.left(eq).trimmed() : QString();
    };
    qsizetype sectionStart = -1;
    qsizetype sectionEnd = lines.size();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString t = lines.at(i).trimmed();
        if (t.startsWith(QLatin1Char('['))) {
            if (sectionStart >= 0) {
                sectionEnd = i;
                break;
            }
            if (t.compare(QLatin1String("[gatehouse]"), Qt::CaseInsensitive) == 0)
                sectionStart = i;
        }
    }
    if (sectionStart < 0) {
        if (!lines.isEmpty() && !lines.constLast().trimmed().isEmpty())
            lines << QString();
        lines << QStringLiteral("[gatehouse]");
        sectionStart = lines.size() - 1;
        sectionEnd = lines.size();
    }
    for (const auto &[key, value] : updates) {
        const QString line = QStringLiteral("%1 = %2").arg(key, iniValue(value));
        qsizetype found = -1;
        qsizetype commented = -1;
        for (qsizetype i = sectionStart + 1; i < sectionEnd; ++i) {
            const QString t = lines.at(i).trimmed();
            if (t.startsWith(QLatin1Char(';')) || t.startsWith(QLatin1Char('#'))) {
                if (commented < 0 && keyOf(t.mid(1)) == key)
                    commented = i;
            } else if (keyOf(t) == key) {
                found = i;
            }
        }
        if (found < 0)
            found = commented;
        if (found >= 0) {
            lines[found] = line;
        } else {
            // After the section's last non-blank line.
            qsizetype at = sectionEnd;
            while (at > sectionStart + 1 && lines.at(at - 1).trimmed().isEmpty())
                --at;
            lines.insert(at, line);
            ++sectionEnd;
        }
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    // A file the engine may write in a folder it may not (a packaged /etc layout) is written
    // in place rather than not at all.
    out.setDirectWriteFallback(true);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot write the config file %1: %2").arg(file, out.errorString());
        return false;
    }
    out.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    if (!out.commit()) {
        *error = QStringLiteral("cannot write the config file %1: %2").arg(file, out.errorString());
        return false;
    }
    // A new file may later hold an admin password or the master key: owner only.
    if (!existed)
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

// The environment variables that outrank the file for each console key.
QStringList overriddenKeys()
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList keys;
    if (env.contains(QStringLiteral("GATEHOUSE_LISTEN")))
        keys << QStringLiteral("listen_address") << QStringLiteral("port");
    for (const char *key : {"tls_cert", "tls_key", "audit_retention_days", "ai_usage_retention_days",
                            "ai_prompt_retention_days", "log_level"}) {
        const QString name = QLatin1String(key);
        if (env.contains(QStringLiteral("GATEHOUSE_") + name.toUpper()))
            keys << name;
    }
    return keys;
}

int intField(const Json &body, const char *key, int min, int max, Json &errors)
{
    const Json &v = body.at(key);
    if (!v.is_number_integer() || v.get<qint64>() < min || v.get<qint64>() > max) {
        errors[key] = QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max);
        return 0;
    }
    return int(v.get<qint64>());
}

QString stringField(const Json &body, const char *key, Json &errors)
{
    const Json &v = body.at(key);
    if (v.is_null())
        return QString();
    if (!v.is_string()) {
        errors[key] = QStringLiteral("must be text");
        return QString();
    }
    const QString text = v.get<QString>().trimmed();
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            errors[key] = QStringLiteral("must not contain control characters");
            return QString();
        }
    }
    return text;
}
} // namespace

ConfigResource::ConfigResource(SystemStore &store, const ServiceManager &services)
    : m_store(store)
    , m_services(services)
{
}

const QStringList &ConfigResource::editableKeys()
{
    static const QStringList keys = {QStringLiteral("listen_address"),
                                     QStringLiteral("port"),
                                     QStringLiteral("tls_cert"),
                                     QStringLiteral("tls_key"),
                                     QStringLiteral("audit_retention_days"),
                                     QStringLiteral("ai_usage_retention_days"),
                                     QStringLiteral("ai_prompt_retention_days"),
                                     QStringLiteral("log_level")};
    return keys;
}

void ConfigResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                            Service::Completion done) const
{
    if (!path.isEmpty())
        throw ApiError::notFound(QStringLiteral("Resource 'config/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    const Config *config = m_services.environment().config;
    if (!config)
        throw ApiError(503, QStringLiteral("The engine's configuration is not available."));
    if (context->verb == VerbGet) {
        const QString file = config->configFile;
        m_store.submitRead(
            [file](QSqlDatabase &) {
                Json saved = Json::object();
                for (auto [key, value] : readFile(file).asKeyValueRange())
                    saved[key.toStdString()] = value;
                return HttpResponse::json(saved);
            },
            [this, done](HttpResponse fileValues) {
                // The worker's answer carries the file's keys; the reply is built here.
                const Json saved = parseJsonOrDiscarded(fileValues.body);
                done(HttpResponse::json(describe(saved.is_object() ? saved : Json::object())));
            });
        return;
    }
    if (context->verb == VerbPatch || context->verb == VerbPost) {
        patch(context->body, done);
        return;
    }
    throw ApiError::methodNotAllowed(
        QStringLiteral("Use GET to read the settings and PATCH to change them."));
}

Json ConfigResource::describe(const Json &saved) const
{
    const Config &config = *m_services.environment().config;
    const Values running = runningValues(config);
    QHash<QString, QString> file;
    for (auto it = saved.begin(); it != saved.end(); ++it)
        if (it->is_string())
            file.insert(QString::fromStdString(it.key()), it->get<QString>());
    const Json runningJson = running.toJson();
    const Json savedJson = savedValues(running, file).toJson();
    Json pending = Json::array();
    for (const QString &key : editableKeys()) {
        const std::string k = key.toStdString();
        if (runningJson.at(k) != savedJson.at(k))
            pending.push_back(key);
    }

    Json out = runningJson;
    out["tls_enabled"] = config.tlsEnabled();
    out["data_dir"] = config.dataDir;
    out["config_file"] = config.configFile;
    const QFileInfo fileInfo(config.configFile);
    out["config_file_exists"] = fileInfo.exists();
    out["config_file_writable"] =
        fileInfo.exists() ? fileInfo.isWritable() : QFileInfo(fileInfo.absolutePath()).isWritable();
    // The system database URL may hold a password: its kind and host only.
    if (config.systemDb.isEmpty()) {
        out["system_db"] = QStringLiteral("sqlite");
    } else {
        const QUrl url(config.systemDb);
        out["system_db"] = QStringLiteral("%1://%2").arg(url.scheme(), url.host());
    }
    Json secretStore{{"setting", config.secretStore}};
    if (const SecretStore *store = m_services.environment().secretStore) {
        secretStore["backend"] = store->backendName();
        secretStore["reason"] = store->reason();
        secretStore["status"] = "ok";
    } else {
        secretStore["backend"] = nullptr;
        secretStore["status"] = "unavailable";
    }
    out["secret_store"] = secretStore;
    out["saved"] = savedJson;
    out["pending_restart"] = pending;
    out["overridden"] = overriddenKeys();
    out["editable"] = editableKeys();
    return out;
}

void ConfigResource::patch(const Json &body, Service::Completion done) const
{
    if (!body.is_object() || body.empty())
        throw ApiError::badRequest(QStringLiteral("Send a JSON object with the settings to change, e.g. "
                                                  "{\"audit_retention_days\": 30}."));
    const Config &config = *m_services.environment().config;
    Json errors = Json::object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (!editableKeys().contains(key))
            errors[it.key()] = QStringLiteral("is not a setting that can be changed here (editable: %1)")
                                   .arg(editableKeys().join(QStringLiteral(", ")));
    }
    // Start from what the file would give after a restart, so a partial PATCH (just the port)
    // keeps the saved address.
    struct Patch
    {
        std::optional<QString> address;
        std::optional<int> port;
        std::optional<QString> tlsCert;
        std::optional<QString> tlsKey;
        QList<QPair<QString, int>> days;
        std::optional<QString> logLevel;
    } p;
    if (body.contains("listen_address")) {
        const QString text = stringField(body, "listen_address", errors);
        QHostAddress address;
        if (!errors.contains("listen_address")) {
            if (text == QLatin1String("localhost"))
                p.address = QStringLiteral("127.0.0.1");
            else if (!text.isEmpty() && address.setAddress(text) && address.scopeId().isEmpty())
                p.address = address.toString();
            else
                errors["listen_address"] =
                    QStringLiteral("must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1");
        }
    }
    if (body.contains("port"))
        p.port = intField(body, "port", 1, 65535, errors);
    if (body.contains("tls_cert"))
        p.tlsCert = stringField(body, "tls_cert", errors);
    if (body.contains("tls_key"))
        p.tlsKey = stringField(body, "tls_key", errors);
    for (const char *key : {"audit_retention_days", "ai_usage_retention_days", "ai_prompt_retention_days"})
        if (body.contains(key))
            p.days.append({QLatin1String(key), intField(body, key, 0, 36500, errors)});
    if (body.contains("log_level")) {
        static const QStringList levels = {QStringLiteral("trace"), QStringLiteral("debug"),
                                           QStringLiteral("info"),  QStringLiteral("warn"),
                                           QStringLiteral("error"), QStringLiteral("off")};
        const QString level = stringField(body, "log_level", errors).toLower();
        if (!errors.contains("log_level") && !levels.contains(level))
            errors["log_level"] = QStringLiteral("must be one of %1").arg(levels.join(QStringLiteral(", ")));
        p.logLevel = level;
    }
    if (!errors.empty()) {
        QStringList parts;
        for (auto it = errors.begin(); it != errors.end(); ++it)
            parts << QStringLiteral("%1 %2").arg(QString::fromStdString(it.key()), it->get<QString>());
        throw ApiError(400, QStringLiteral("Invalid settings: %1.").arg(parts.join(QStringLiteral("; "))),
                       Json{{"errors", errors}});
    }

    // The rest (reading the file, checking certificate files, writing) touches the disk: worker.
    const Values running = runningValues(config);
    const QString file = config.configFile;
    m_store.submitRead(
        [p, running, file](QSqlDatabase &) {
            const Values before = savedValues(running, readFile(file));
            Values after = before;
            QList<QPair<QString, QString>> updates;
            if (p.address || p.port) {
                after.listenAddress = p.address.value_or(before.listenAddress);
                after.port = p.port.value_or(before.port);
                const QHostAddress address(after.listenAddress);
                const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                         ? QStringLiteral("[%1]").arg(after.listenAddress)
                                         : after.listenAddress;
                updates.append({QStringLiteral("listen"), QStringLiteral("%1:%2").arg(host).arg(after.port)});
            }
            if (p.tlsCert)
                after.tlsCert = *p.tlsCert;
            if (p.tlsKey)
                after.tlsKey = *p.tlsKey;
            if (p.tlsCert || p.tlsKey) {
                if (after.tlsCert.isEmpty() != after.tlsKey.isEmpty())
                    throw ApiError(
                        400,
                        QStringLiteral("Invalid settings: tls_cert and tls_key must be set together "
                                       "(or both cleared to serve plain HTTP)."),
                        Json{{"errors",
                              {{after.tlsCert.isEmpty() ? "tls_cert" : "tls_key",
                                "must be set together with the other"}}}});
                if (!after.tlsCert.isEmpty()) {
                    // The engine refuses to start with files it cannot load: check them now.
                    QSslConfiguration tls;
                    QString problem;
                    if (!TlsListener::loadConfiguration(after.tlsCert, after.tlsKey, &tls, &problem))
                        throw ApiError(400, QStringLiteral("Invalid settings: %1.").arg(problem),
                                       Json{{"errors", {{"tls_cert", problem}}}});
                }
                updates.append({QStringLiteral("tls_cert"), after.tlsCert});
                updates.append({QStringLiteral("tls_key"), after.tlsKey});
            }
            for (const auto &[key, days] : p.days)
                updates.append({key, QString::number(days)});
            if (p.logLevel)
                updates.append({QStringLiteral("log_level"), *p.logLevel});
            QString error;
            if (!writeFile(file, updates, &error))
                throw ApiError(500, error);
            // The file as written, for the reply.
            Json saved = Json::object();
            for (auto [key, value] : readFile(file).asKeyValueRange())
                saved[key.toStdString()] = value;
            return HttpResponse::json(saved);
        },
        [this, done, sent = body](HttpResponse written) {
            if (written.status != 200) {
                done(std::move(written));
                return;
            }
            const Json saved = parseJsonOrDiscarded(written.body);
            Json out = describe(saved.is_object() ? saved : Json::object());
            // The engine reads its settings only at start: every key this request changed to
            // something other than the running value waits for a restart.
            Json restart = Json::array();
            for (const QString &key : editableKeys()) {
                const std::string k = key.toStdString();
                if (sent.contains(k) && out.at(k) != out.at("saved").at(k))
                    restart.push_back(key);
            }
            out["restart_required"] = restart;
            done(HttpResponse::json(out));
        });
}
} // namespace gatehouse
