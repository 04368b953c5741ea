#include "AuditRecord.h"

#include <QDateTime>
#include <QUrl>
#include <QUrlQuery>

#include "core/Version.h"

namespace gatehouse {
namespace {
QVariant optionalId(const std::optional<qint64> &id)
{
    return id ? QVariant::fromValue<qlonglong>(*id) : QVariant(QMetaType::fromType<qlonglong>());
}

QVariant optionalText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// Column limits of migration 6; PostgreSQL refuses longer values, so a record never carries one.
// Never a null QString either: Qt binds that as NULL, which the NOT NULL columns refuse.
QString clip(const QString &text, int max)
{
    if (text.isEmpty())
        return QStringLiteral("");
    return text.size() <= max ? text : text.left(max);
}
} // namespace

const QStringList &AuditRecord::columns()
{
    static const QStringList list{
        QStringLiteral("created_date"), QStringLiteral("event"),      QStringLiteral("request_id"),
        QStringLiteral("client_ip"),    QStringLiteral("user_id"),    QStringLiteral("user_email"),
        QStringLiteral("app_id"),       QStringLiteral("app_name"),   QStringLiteral("role_id"),
        QStringLiteral("role_name"),    QStringLiteral("service"),    QStringLiteral("component"),
        QStringLiteral("verb"),         QStringLiteral("path"),       QStringLiteral("status"),
        QStringLiteral("duration_ms"),  QStringLiteral("bytes_in"),   QStringLiteral("bytes_out"),
        QStringLiteral("params"),       QStringLiteral("user_agent"), QStringLiteral("error_message")};
    return list;
}

QVariantList AuditRecord::toRow() const
{
    return {timeText(timeMs),
            clip(event, 32),
            clip(requestId, 64),
            clip(clientIp, 64),
            optionalId(userId),
            optionalText(clip(userEmail, 255)),
            optionalId(appId),
            optionalText(clip(appName, 255)),
            optionalId(roleId),
            optionalText(clip(roleName, 255)),
            clip(service, 255),
            clip(component, 255),
            clip(verb, 16),
            clip(path, 2048),
            status,
            QVariant::fromValue<qlonglong>(durationMs),
            QVariant::fromValue<qlonglong>(bytesIn),
            QVariant::fromValue<qlonglong>(bytesOut),
            QString::fromStdString(params.dump(-1, ' ', false, Json::error_handler_t::replace)),
            clip(userAgent, 512),
            optionalText(clip(errorMessage, 2000))};
}

QString AuditRecord::timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

Json AuditRecord::toEcs() const
{
    const QString timestamp =
        QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    const bool failed = status >= 400 || status == 0;
    Json eventObject{{"kind", "event"},
                     {"dataset", "gatehouse.audit"},
                     {"module", "gatehouse"},
                     {"action", event.toStdString()},
                     {"outcome", failed ? "failure" : "success"},
                     {"duration", durationMs * 1000000},
                     {"category", Json::array({"web"})},
                     {"type", Json::array({status == 401 || status == 403 ? "denied" : "access"})}};
    if (!requestId.isEmpty())
        eventObject["id"] = requestId.toStdString();

    QUrlQuery query;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const auto add = [&](const Json &value) {
            query.addQueryItem(QString::fromStdString(it.key()),
                               value.is_string() ? QString::fromStdString(value.get<std::string>())
                                                 : QString::fromStdString(value.dump()));
        };
        if (it->is_array())
            for (const Json &v : *it)
                add(v);
        else
            add(*it);
    }

    Json doc{{"@timestamp", timestamp.toStdString()},
             {"ecs", Json{{"version", "8.11.0"}}},
             {"message", QStringLiteral("%1 %2 %3").arg(verb, path).arg(status).toStdString()},
             {"event", eventObject},
             {"http", Json{{"request", Json{{"id", requestId.toStdString()}, {"bytes", bytesIn}}},
                           {"response", Json{{"status_code", status}, {"bytes", bytesOut}}}}},
             {"url", Json{{"path", path.toStdString()}}},
             {"source", Json{{"ip", clientIp.toStdString()}}},
             {"service", Json{{"name", "gatehouse"}, {"version", kVersion}}},
             {"trace", Json{{"id", requestId.toStdString()}}}};
    if (!verb.isEmpty())
        doc["http"]["request"]["method"] = verb.toStdString();
    if (!query.isEmpty())
        doc["url"]["query"] = query.toString(QUrl::FullyEncoded).toStdString();
    if (userId || !userEmail.isEmpty()) {
        Json user = Json::object();
        if (userId)
            user["id"] = QString::number(*userId).toStdString();
        if (!userEmail.isEmpty()) {
            user["email"] = userEmail.toStdString();
            user["name"] = userEmail.toStdString();
        }
        doc["user"] = user;
    }
    if (!userAgent.isEmpty())
        doc["user_agent"] = Json{{"original", userAgent.toStdString()}};
    if (!errorMessage.isEmpty())
        doc["error"] = Json{{"message", errorMessage.toStdString()}};
    Json gatehouse{
        {"service", service.toStdString()}, {"component", component.toStdString()}, {"params", params}};
    if (appId)
        gatehouse["app"] = Json{{"id", *appId}, {"name", appName.toStdString()}};
    if (roleId)
        gatehouse["role"] = Json{{"id", *roleId}, {"name", roleName.toStdString()}};
    doc["gatehouse"] = gatehouse;
    return doc;
}
} // namespace gatehouse
