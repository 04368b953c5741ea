#include "RequestContext.h"

#include "core/ApiError.h"
#include "security/Rbac.h"

namespace gatehouse {

bool RequestContext::hasParam(const QString &key) const
{
    if (request.hasQuery(key))
        return true;
    return body.is_object() && body.contains(key.toStdString());
}

QString RequestContext::param(const QString &key, const QString &fallback) const
{
    for (const auto &item : request.query)
        if (item.first == key)
            return item.second;
    if (body.is_object()) {
        const auto it = body.find(key.toStdString());
        if (it != body.end() && !it->is_null())
            return it->is_string() ? QString::fromStdString(it->get<std::string>())
                                   : QString::fromStdString(it->dump());
    }
    return fallback;
}

QString RequestContext::paramAny(std::initializer_list<const char *> keys, const QString &fallback) const
{
    for (const char *key : keys)
        if (hasParam(QLatin1String(key)))
            return param(QLatin1String(key), fallback);
    return fallback;
}

bool RequestContext::hasParamAny(std::initializer_list<const char *> keys) const
{
    for (const char *key : keys)
        if (hasParam(QLatin1String(key)))
            return true;
    return false;
}

bool RequestContext::boolParam(const QString &key, bool fallback) const
{
    if (!hasParam(key))
        return fallback;
    const QString value = param(key).trimmed().toLower();
    if (value == QLatin1String("true") || value == QLatin1String("1") || value.isEmpty())
        return true;
    if (value == QLatin1String("false") || value == QLatin1String("0"))
        return false;
    throw ApiError::badRequest(QStringLiteral("Parameter '%1' must be true or false.").arg(key));
}

QVariantMap RequestContext::filterParams() const
{
    QVariantMap params;
    Json source;
    if (body.is_object()) {
        const auto it = body.find("params");
        if (it != body.end())
            source = *it;
    }
    if (source.is_null() && request.hasQuery(QStringLiteral("params"))) {
        source = parseJsonOrDiscarded(request.queryValue(QStringLiteral("params")).toUtf8());
        if (!source.is_object())
            throw ApiError::badRequest(QStringLiteral("Parameter 'params' must be a JSON object."));
    }
    if (source.is_null())
        return params;
    if (!source.is_object())
        throw ApiError::badRequest(QStringLiteral("Parameter 'params' must be a JSON object."));
    for (auto it = source.begin(); it != source.end(); ++it) {
        if (it->is_array()) {
            // A list value serves "field IN :name".
            QVariantList list;
            for (const Json &item : *it)
                list << jsonToVariant(item);
            params.insert(QString::fromStdString(it.key()), list);
        } else {
            params.insert(QString::fromStdString(it.key()), jsonToVariant(*it));
        }
    }
    return params;
}

bool RequestContext::isAllowed(qint64 serviceId, const QString &component, int verbBit) const
{
    return Rbac::isAllowed(session, serviceId, component, verbBit, requestor);
}

int RequestContext::allowedVerbs(qint64 serviceId, const QString &component) const
{
    if (session.isSysAdmin())
        return VerbAll;
    if (!session.role)
        return 0;
    return Rbac::allowedVerbs(*session.role, serviceId, component, requestor);
}
} // namespace gatehouse
