#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "core/Json.h"
#include "services/ConfigField.h"

namespace gatehouse {

// A remote HTTP service's (`rws`) configuration, parsed and checked. fromConfig() throws
// ApiError 400 with a message naming the bad key.
struct RwsConfig
{
    struct Parameter
    {
        QString name;
        QString value;        // may hold {lookups}, private ones included
        bool exclude = false; // drop the client's parameter of this name
        bool outbound = true; // send `value` upstream (false: cache key only)
        bool cacheKey = true; // part of the GET cache key
        int action = 0;       // verb mask; 0 = every verb
    };
    struct Header
    {
        QString name;
        QString value;               // may hold {lookups}, private ones included
        bool passFromClient = false; // copy the client's header of this name instead
        int action = 0;
    };

    QUrl baseUrl;
    int timeoutSeconds = 30;
    int connectTimeoutSeconds = 10;
    QStringList allowedHosts;
    QList<Parameter> parameters;
    QList<Header> headers;
    int cacheTtlSeconds = 0;
    int maxRedirects = 5;

    static RwsConfig fromConfig(const Json &config);
    static ConfigSchema configSchema();
    // True when `action` applies to `verb` (a VerbBit).
    static bool appliesTo(int action, int verb) { return action == 0 || (action & verb) != 0; }
};
} // namespace gatehouse
