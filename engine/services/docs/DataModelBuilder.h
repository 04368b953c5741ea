#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/Json.h"
#include "http/HttpResponse.h"
#include "http/InternalDispatcher.h"
#include "http/RequestGate.h"

namespace gatehouse {

class SqlService;
struct RequestContext;
struct DatabaseSchema;

// `_spec?model=true`: the compact data model of a database service for an LLM's context.
//
// What the caller cannot GET is left out. Row counts: a bounded exact count on a worker
// (catalog statistics beyond kExactCountCap rows: reltuples, TABLE_ROWS, sqlite_stat1), used
// as is only for tables the caller reads unfiltered; a row-filtered table reports the count
// of a governed `count_only` request when it is small, otherwise none. Samples and enum values
// come only through InternalDispatcher as the caller (origin "spec"), so RBAC, row filters,
// field masking, rate limits and audit apply exactly as to the caller's own reads. The result
// is kept under a byte budget by shortening samples and enums step by step, then by paging.
class DataModelBuilder : public std::enable_shared_from_this<DataModelBuilder>
{
public:
    struct Options
    {
        bool stock = false;  // no samples, enums or templates
        int offset = 0;      // first table (paging)
        int limit = 100;     // tables per page
        QString resource;    // one table only (resource_name)
        int budgetBytes = 0; // 0: 10,000 for stock, 20,000 otherwise
    };
    static constexpr qint64 kExactCountCap = 10000;
    static constexpr int kMaxSamples = 3;
    static constexpr int kMaxEnumValues = 20;
    static constexpr int kMaxEnumColumnsPerTable = 3;
    static constexpr int kMaxInFlight = 4;

    static void build(std::shared_ptr<const RequestContext> context, std::shared_ptr<SqlService> service,
                      InternalDispatcher *dispatcher, Options options,
                      std::function<void(HttpResponse)> done);

    // Short type names for the model ("integer" → "int").
    static QString shortType(const QString &type);
    // Whether a column may be a low-cardinality text column worth an enum probe.
    static bool isEnumCandidate(const QString &name, const QString &type, int length);

private:
    struct TableInfo
    {
        QString name;
        qint64 rows = -1;        // -1: unknown
        bool estimated = false;  // rows from catalog statistics
        bool lowerBound = false; // no usable statistics: more than `rows`
        bool filtered = false;   // a row filter binds the caller on this table
        qint64 visibleRows = -1;
        Json samples = Json::array();
        QList<QPair<QString, Json>> enums;
    };
    struct Call
    {
        InternalRequest request;
        std::function<void(int status, const Json &body)> handle;
    };

    DataModelBuilder() = default;
    void start();
    void countsArrived(const Json &counts);
    void planCalls();
    void pump();
    void finish();
    Json assemble(int level, int tableCount) const;
    Json templates() const;

    std::shared_ptr<const RequestContext> m_context;
    std::shared_ptr<SqlService> m_service;
    std::shared_ptr<const DatabaseSchema> m_schema;
    InternalDispatcher *m_dispatcher = nullptr;
    Options m_options;
    std::function<void(HttpResponse)> m_done;
    QList<TableInfo> m_tables; // the page, in name order
    int m_totalTables = 0;
    QList<Call> m_queue;
    int m_inFlight = 0;
};
} // namespace gatehouse
