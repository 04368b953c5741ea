#include "HttpRequest.h"

namespace gatehouse {

bool HttpRequest::hasQuery(const QString &key) const
{
    for (const auto &item : query)
        if (item.first == key)
            return true;
    return false;
}

QString HttpRequest::queryValue(const QString &key, const QString &fallback) const
{
    for (const auto &item : query)
        if (item.first == key)
            return item.second;
    return fallback;
}
} // namespace gatehouse
