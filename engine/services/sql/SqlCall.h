#pragma once

#include <functional>
#include <memory>

#include <QSqlDatabase>

#include "DbSchema.h"
#include "SqlDialect.h"
#include "core/Json.h"
#include "services/RequestContext.h"

namespace gatehouse {

// One database request being served on a worker thread: the request, the worker's
// connection and the service's schema and settings.
struct SqlCall
{
    const RequestContext &ctx;
    QSqlDatabase &db;
    const SqlDialect &dialect;
    std::shared_ptr<const DatabaseSchema> schema;
    const Json &config; // the service's config object
    qint64 serviceId = 0;
    int maxRecords = 1000; // service max_records capped by the instance-wide maximum
    // Re-reads the schema on this connection, replaces the service's cached copy and returns it.
    std::function<std::shared_ptr<const DatabaseSchema>()> reloadSchema;
};
} // namespace gatehouse
