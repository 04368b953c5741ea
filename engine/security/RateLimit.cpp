#include "RateLimit.h"

#include <spdlog/spdlog.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/ApiError.h"

namespace gatehouse {
namespace {
QString idText(std::optional<qint64> id)
{
    return id ? QString::number(*id) : QString();
}
} // namespace

const QStringList &RateLimit::types()
{
    static const QStringList list{QStringLiteral("instance"),
                                  QStringLiteral("instance.user"),
                                  QStringLiteral("instance.each_user"),
                                  QStringLiteral("instance.service"),
                                  QStringLiteral("instance.user.service"),
                                  QStringLiteral("instance.each_user.service"),
                                  QStringLiteral("instance.service.endpoint"),
                                  QStringLiteral("instance.user.service.endpoint"),
                                  QStringLiteral("instance.each_user.service.endpoint"),
                                  QStringLiteral("instance.role")};
    return list;
}

const QStringList &RateLimit::periodNames()
{
    static const QStringList list{QStringLiteral("minute"), QStringLiteral("hour"), QStringLiteral("day"),
                                  QStringLiteral("7-day"), QStringLiteral("30-day")};
    return list;
}

qint64 RateLimit::periodSeconds(int period)
{
    static constexpr qint64 seconds[] = {60, 3600, 86400, 604800, 2592000};
    return period >= 0 && period < 5 ? seconds[period] : 60;
}

const QStringList &RateLimit::verbs()
{
    static const QStringList list{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                                  QStringLiteral("PATCH"), QStringLiteral("DELETE")};
    return list;
}

bool RateLimit::isEachUserType(const QString &type)
{
    return type.startsWith(QLatin1String("instance.each_user"));
}

bool RateLimit::typeNeedsUser(const QString &type)
{
    return type.startsWith(QLatin1String("instance.user"));
}

bool RateLimit::typeNeedsService(const QString &type)
{
    return type.contains(QLatin1String(".service"));
}

bool RateLimit::typeNeedsEndpoint(const QString &type)
{
    return type.endsWith(QLatin1String(".endpoint"));
}

bool RateLimit::typeNeedsRole(const QString &type)
{
    return type == QLatin1String("instance.role");
}

QString RateLimit::periodName() const
{
    return periodNames().value(period, periodNames().first());
}

QString RateLimit::buildKey(const QString &type, std::optional<qint64> userId, std::optional<qint64> roleId,
                            std::optional<qint64> serviceId, const QString &endpoint, const QString &verb,
                            int period)
{
    // The same text df-limits builds (Limit::resolveCheckKey), so keys read alike in both.
    QString key = QStringLiteral("instance");
    if (typeNeedsUser(type))
        key += QStringLiteral(".user:") + idText(userId);
    else if (isEachUserType(type))
        key += QStringLiteral(".each_user:") + idText(userId);
    if (typeNeedsRole(type))
        key += QStringLiteral(".role:") + idText(roleId);
    if (typeNeedsService(type))
        key += QStringLiteral(".service:") + idText(serviceId);
    if (typeNeedsEndpoint(type))
        key += QStringLiteral(".endpoint:") + endpoint;
    if (!verb.isEmpty())
        key += QStringLiteral(".verb:") + verb;
    return key + QLatin1Char('.') + periodNames().value(period, periodNames().first());
}

QString RateLimit::counterKey(std::optional<qint64> subjectUserId) const
{
    return buildKey(type, isEachUser() ? subjectUserId : userId, roleId, serviceId, endpoint, verb, period);
}

bool RateLimit::matchesRoute(std::optional<qint64> requestServiceId, const QString &resource,
                             const QString &method) const
{
    if (!verb.isEmpty() && verb.compare(method, Qt::CaseInsensitive) != 0)
        return false;
    if (typeNeedsService(type) && (!requestServiceId || !serviceId || *requestServiceId != *serviceId))
        return false;
    if (typeNeedsEndpoint(type)) {
        if (endpoint.endsWith(QLatin1Char('*')))
            return resource.startsWith(endpoint.chopped(1), Qt::CaseInsensitive);
        return resource.compare(endpoint, Qt::CaseInsensitive) == 0;
    }
    return true;
}

Json RateLimit::toJson() const
{
    auto optionalId = [](std::optional<qint64> id) { return id ? Json(*id) : Json(nullptr); };
    return Json{{"id", id},
                {"type", type},
                {"key_text", keyText},
                {"rate", rate},
                {"period", periodName()},
                {"user_id", optionalId(userId)},
                {"role_id", optionalId(roleId)},
                {"service_id", optionalId(serviceId)},
                {"endpoint", endpoint.isEmpty() ? Json(nullptr) : Json(endpoint)},
                {"verb", verb.isEmpty() ? Json(nullptr) : Json(verb)},
                {"name", name},
                {"description", description.isEmpty() ? Json(nullptr) : Json(description)},
                {"is_active", isActive}};
}

QList<RateLimit> RateLimit::loadAll(QSqlDatabase &db)
{
    QList<RateLimit> list;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, type, key_text, rate, period, user_id, role_id, service_id, "
                                   "endpoint, verb, name, description, is_active FROM limits ORDER BY id"))) {
        spdlog::error("system database: loading limits failed: {}", query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    auto optionalId = [](const QVariant &value) {
        return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
    };
    while (query.next()) {
        RateLimit limit;
        limit.id = query.value(0).toLongLong();
        limit.type = query.value(1).toString();
        limit.keyText = query.value(2).toString();
        limit.rate = query.value(3).toLongLong();
        limit.period = query.value(4).toInt();
        limit.userId = optionalId(query.value(5));
        limit.roleId = optionalId(query.value(6));
        limit.serviceId = optionalId(query.value(7));
        limit.endpoint = query.value(8).toString();
        limit.verb = query.value(9).toString();
        limit.name = query.value(10).toString();
        limit.description = query.value(11).toString();
        limit.isActive = query.value(12).toInt() != 0;
        list.append(std::move(limit));
    }
    return list;
}
} // namespace gatehouse
