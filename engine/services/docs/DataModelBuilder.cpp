#include "DataModelBuilder.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include "OpenApiBuilder.h"
#include "core/ApiError.h"
#include "security/Rbac.h"
#include "services/RequestContext.h"
#include "services/sql/SqlService.h"

namespace gatehouse {
namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

// One step of shortening per level until the model fits its budget.
struct Level
{
    int samples;
    int sampleChars;
    int enumValues;
    int enumChars;
    bool templates;
};
constexpr Level kLevels[] = {
    {3, 40, 20, 32, true}, {2, 24, 12, 24, true}, {1, 16, 8, 16, true},
    {1, 12, 5, 12, false}, {0, 0, 5, 12, false},  {0, 0, 0, 0, false},
};
constexpr int kLevelCount = int(sizeof(kLevels) / sizeof(kLevels[0]));

Json truncated(const Json &value, int chars)
{
    if (!value.is_string())
        return value;
    const QString text = QString::fromStdString(value.get<std::string>());
    if (chars <= 0 || text.size() <= chars)
        return value;
    return s(text.left(chars - 1) + QChar(0x2026));
}

qint64 catalogEstimate(QSqlDatabase &db, SqlDialect::Kind kind, const TableSchema &table)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    switch (kind) {
    case SqlDialect::Kind::Postgres:
        query.prepare(
            QStringLiteral("SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE c.relname = ? AND n.nspname = COALESCE(NULLIF(?, ''), current_schema())"));
        query.addBindValue(table.name);
        query.addBindValue(table.schemaName);
        break;
    case SqlDialect::Kind::Mysql:
        query.prepare(QStringLiteral("SELECT TABLE_ROWS FROM information_schema.TABLES "
                                     "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"));
        query.addBindValue(table.name);
        break;
    case SqlDialect::Kind::Sqlite:
        // Present only after ANALYZE; its first number is the table's row count.
        query.prepare(QStringLiteral("SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1"));
        query.addBindValue(table.name);
        break;
    }
    if (!query.exec() || !query.next())
        return -1;
    const QString text = query.value(0).toString().section(QLatin1Char(' '), 0, 0);
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && value >= 0 ? qint64(value) : -1;
}

// Name parts that mark free text rather than a code or status.
bool looksLikeFreeText(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral(
        "(^|_)(name|names|email|mail|phone|mobile|fax|address|street|line1|line2|url|website|description|"
        "desc|notes?|comments?|title|subject|body|content|message|summary|text|password|hash|token|secret|"
        "uuid|guid|slug|path|file|filename|image|username|login|sku|isbn|iban|ssn|card|zip|postal|"
        "postcode)($|_)"));
    return pattern.match(name.toLower()).hasMatch();
}
} // namespace

QString DataModelBuilder::shortType(const QString &type)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("integer"), QStringLiteral("int")},
        {QStringLiteral("bigint"), QStringLiteral("int")},
        {QStringLiteral("smallint"), QStringLiteral("int")},
        {QStringLiteral("id"), QStringLiteral("int")},
        {QStringLiteral("reference"), QStringLiteral("int")},
        {QStringLiteral("user_id"), QStringLiteral("int")},
        {QStringLiteral("string"), QStringLiteral("str")},
        {QStringLiteral("boolean"), QStringLiteral("bool")},
        {QStringLiteral("double"), QStringLiteral("float")},
        {QStringLiteral("decimal"), QStringLiteral("dec")},
        {QStringLiteral("money"), QStringLiteral("dec")},
        {QStringLiteral("timestamp"), QStringLiteral("datetime")},
        {QStringLiteral("timestamp_on_create"), QStringLiteral("datetime")},
        {QStringLiteral("timestamp_on_update"), QStringLiteral("datetime")},
        {QStringLiteral("binary"), QStringLiteral("bin")},
    };
    return names.value(type, type);
}

bool DataModelBuilder::isEnumCandidate(const QString &name, const QString &type, int length)
{
    if (type != QLatin1String("string"))
        return false;
    if (length > 64)
        return false;
    return !looksLikeFreeText(name);
}

void DataModelBuilder::build(std::shared_ptr<const RequestContext> context,
                             std::shared_ptr<SqlService> service, InternalDispatcher *dispatcher,
                             Options options, std::function<void(HttpResponse)> done)
{
    std::shared_ptr<DataModelBuilder> builder(new DataModelBuilder());
    builder->m_context = std::move(context);
    builder->m_service = std::move(service);
    builder->m_dispatcher = dispatcher;
    builder->m_options = std::move(options);
    if (builder->m_options.budgetBytes <= 0)
        builder->m_options.budgetBytes = builder->m_options.stock ? 10000 : 20000;
    builder->m_done = std::move(done);
    builder->start();
}

void DataModelBuilder::start()
{
    m_schema = m_service->cachedSchema();
    if (!m_schema) {
        m_done(HttpResponse::fromError(
            ApiError(503, QStringLiteral("The database is not available. Try again later."))));
        return;
    }
    const RequestContext &caller = *m_context;
    const qint64 serviceId = m_service->info().id;
    QStringList visible;
    for (const QString &name : m_schema->tableNames) {
        if (!m_options.resource.isEmpty() && name.compare(m_options.resource, Qt::CaseInsensitive) != 0)
            continue;
        if (caller.session.isSysAdmin() ||
            caller.isAllowed(serviceId, QStringLiteral("_table/") + name, VerbGet))
            visible << name;
    }
    if (!m_options.resource.isEmpty() && visible.isEmpty()) {
        m_done(HttpResponse::fromError(
            ApiError::notFound(QStringLiteral("Table '%1' not found in service '%2'.")
                                   .arg(m_options.resource, m_service->info().name))));
        return;
    }
    m_totalTables = int(visible.size());
    for (const QString &name : visible.mid(m_options.offset, m_options.limit)) {
        TableInfo table;
        table.name = name;
        // A filter that cannot be built (an unresolvable lookup) fails closed: treated as filtered.
        const AccessRule *rule = Rbac::filterRule(caller.session, serviceId, QStringLiteral("_table/") + name,
                                                  VerbGet, caller.requestor);
        table.filtered = rule != nullptr;
        m_tables << table;
    }
    QStringList names;
    for (const TableInfo &table : std::as_const(m_tables))
        names << table.name;
    const SqlDialect::Kind kind = m_service->dialect().kind();
    const SqlDialect *dialect = &m_service->dialect();
    auto self = shared_from_this();
    m_service->submitWork(
        [names, kind, dialect](QSqlDatabase &db, const DatabaseSchema &schema) {
            Json counts = Json::object();
            for (const QString &name : names) {
                const auto table = schema.table(name);
                if (!table)
                    continue;
                // Bounded: a huge table costs at most kExactCountCap + 1 rows read.
                QSqlQuery query(db);
                query.setForwardOnly(true);
                const QString sql =
                    QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 AS x FROM %1 LIMIT %2) gh_count")
                        .arg(dialect->quoteTable(*table))
                        .arg(kExactCountCap + 1);
                if (!query.exec(sql) || !query.next())
                    continue;
                qint64 rows = query.value(0).toLongLong();
                bool estimated = false;
                bool lowerBound = false;
                if (rows > kExactCountCap) {
                    // Statistics can be stale or missing (never analysed): then only "more than".
                    const qint64 estimate = catalogEstimate(db, kind, *table);
                    lowerBound = estimate <= kExactCountCap;
                    rows = lowerBound ? kExactCountCap : estimate;
                    estimated = true;
                }
                counts[s(name)] = {{"rows", rows}, {"estimated", estimated}, {"lower_bound", lowerBound}};
            }
            return HttpResponse::json(counts);
        },
        [self](HttpResponse response) {
            self->countsArrived(response.status == 200 ? InternalDispatcher::bodyJson(response)
                                                       : Json::object());
        },
        m_context);
}

void DataModelBuilder::countsArrived(const Json &counts)
{
    for (TableInfo &table : m_tables) {
        const std::string key = s(table.name);
        if (!counts.is_object() || !counts.contains(key))
            continue;
        table.rows = counts[key].value("rows", qint64(-1));
        table.estimated = counts[key].value("estimated", false);
        table.lowerBound = counts[key].value("lower_bound", false);
    }
    planCalls();
    pump();
}

void DataModelBuilder::planCalls()
{
    for (int i = 0; i < m_tables.size(); ++i) {
        TableInfo &table = m_tables[i];
        const QString resource = QStringLiteral("_table/") + table.name;
        // A filtered table's count is what the caller can see, asked for as the caller; only
        // when it is cheap (a small table), otherwise it is left out.
        if (table.filtered && table.rows >= 0 && !table.estimated) {
            Call call;
            call.request.resource = resource;
            call.request.addQuery(QStringLiteral("count_only"), QStringLiteral("true"));
            call.handle = [this, i](int status, const Json &body) {
                if (status == 200 && body.is_number_integer())
                    m_tables[i].visibleRows = body.get<qint64>();
            };
            m_queue << call;
        }
        if (m_options.stock || table.rows == 0)
            continue;
        Call sample;
        sample.request.resource = resource;
        sample.request.addQuery(QStringLiteral("limit"), QString::number(kMaxSamples));
        sample.handle = [this, i](int status, const Json &body) {
            if (status != 200 || !body.is_object() || !body.contains("resource") ||
                !body["resource"].is_array())
                return;
            for (const Json &row : body["resource"])
                if (row.is_object() && m_tables[i].samples.size() < kMaxSamples)
                    m_tables[i].samples.push_back(row);
        };
        m_queue << sample;
        const auto schema = m_schema->table(table.name);
        if (!schema)
            continue;
        int probes = 0;
        for (const ColumnSchema &column : schema->columns) {
            if (probes >= kMaxEnumColumnsPerTable)
                break;
            if (column.isPrimaryKey || column.isForeignKey ||
                !isEnumCandidate(column.name, column.type, column.length))
                continue;
            ++probes;
            Call probe;
            probe.request.resource = resource;
            probe.request.addQuery(QStringLiteral("fields"), column.name);
            probe.request.addQuery(QStringLiteral("group"), column.name);
            probe.request.addQuery(QStringLiteral("order"), column.name);
            probe.request.addQuery(QStringLiteral("limit"), QString::number(kMaxEnumValues + 1));
            const QString name = column.name;
            probe.handle = [this, i, name](int status, const Json &body) {
                // 403 (a masked column cannot be grouped), 429 ...: no enum, silently.
                if (status != 200 || !body.is_object() || !body.contains("resource") ||
                    !body["resource"].is_array())
                    return;
                const Json &rows = body["resource"];
                if (rows.empty() || rows.size() > size_t(kMaxEnumValues))
                    return;
                Json values = Json::array();
                for (const Json &row : rows)
                    if (row.is_object() && row.contains(s(name)) && !row[s(name)].is_null())
                        values.push_back(row[s(name)]);
                TableInfo &t = m_tables[i];
                const qint64 rowsSeen = t.filtered ? t.visibleRows : t.rows;
                // Every value distinct: an identifier or free text, not an enumeration.
                if (values.empty() || (rowsSeen >= 0 && qint64(values.size()) >= rowsSeen && rowsSeen > 3))
                    return;
                t.enums.append({name, values});
            };
            m_queue << probe;
        }
    }
}

void DataModelBuilder::pump()
{
    if (m_queue.isEmpty() && m_inFlight == 0) {
        finish();
        return;
    }
    const InternalOrigin origin = InternalOrigin::of(*m_context, QStringLiteral("spec"));
    // A few at a time: the caller's request should not occupy every worker of the database.
    while (!m_queue.isEmpty() && m_inFlight < kMaxInFlight) {
        Call call = m_queue.takeFirst();
        call.request.service = m_service->info().name;
        ++m_inFlight;
        if (!m_dispatcher) {
            --m_inFlight;
            continue;
        }
        auto self = shared_from_this();
        m_dispatcher->dispatch(m_context->session, origin, call.request,
                               [self, handle = call.handle](HttpResponse response) {
                                   --self->m_inFlight;
                                   handle(response.status, InternalDispatcher::bodyJson(response));
                                   self->pump();
                               });
    }
    if (m_queue.isEmpty() && m_inFlight == 0)
        finish();
}

Json DataModelBuilder::templates() const
{
    // The most connected table makes the best example.
    const TableInfo *main = nullptr;
    int best = -1;
    for (const TableInfo &table : m_tables) {
        const auto schema = m_schema->table(table.name);
        if (!schema)
            continue;
        const int score = int(schema->relations.size()) * 10 + (table.samples.empty() ? 0 : 1);
        if (score > best) {
            best = score;
            main = &table;
        }
    }
    if (!main)
        return nullptr;
    const auto schema = m_schema->table(main->name);
    const QString base = QStringLiteral("GET /api/v2/%1/_table/%2").arg(m_service->info().name, main->name);
    const QString pk = schema->primaryKey.value(0, schema->columns.isEmpty() ? QStringLiteral("id")
                                                                             : schema->columns.first().name);
    Json out = Json::object();
    out["list"] = s(base + QStringLiteral("?fields=%1&order=%1 DESC&limit=10&offset=0").arg(pk));
    out["by_id"] = s(base + QStringLiteral("/{%1}").arg(pk));
    QString filter;
    for (const auto &[column, values] : main->enums)
        if (!values.empty() && values[0].is_string()) {
            filter =
                QStringLiteral("(%1='%2')").arg(column, QString::fromStdString(values[0].get<std::string>()));
            out["group_by"] = s(base + QStringLiteral("?fields=%1&group=%1").arg(column));
            break;
        }
    if (filter.isEmpty())
        filter = QStringLiteral("(%1>10)").arg(pk);
    out["filter"] = s(base + QStringLiteral("?filter=%1&limit=20").arg(filter));
    out["count"] = s(base + QStringLiteral("?count_only=true&filter=%1").arg(filter));
    for (const RelationSchema &relation : schema->relations) {
        if (m_context->session.isSysAdmin() ||
            m_context->isAllowed(m_service->info().id, QStringLiteral("_table/") + relation.refTable,
                                 VerbGet)) {
            out["related"] = s(base + QStringLiteral("?related=%1&limit=5").arg(relation.name));
            break;
        }
    }
    return out;
}

Json DataModelBuilder::assemble(int levelIndex, int tableCount) const
{
    const Level &level = kLevels[levelIndex];
    Json tables = Json::object();
    for (int t = 0; t < tableCount && t < m_tables.size(); ++t) {
        const TableInfo &info = m_tables.at(t);
        const auto schema = m_schema->table(info.name);
        if (!schema)
            continue;
        Json table = Json::object();
        const qint64 rows = info.filtered ? info.visibleRows : info.rows;
        if (rows >= 0)
            table["rows"] = !info.estimated || info.filtered ? Json(rows)
                            : info.lowerBound                ? Json(s(QStringLiteral(">%1").arg(rows)))
                                                             : Json(s(QStringLiteral("~%1").arg(rows)));
        // An array, not an object: the schema's column order is kept (JSON objects here are
        // sorted by key) and sample rows follow it.
        Json cols = Json::array();
        for (const ColumnSchema &column : schema->columns) {
            QString text = column.name + QLatin1Char(' ') + shortType(column.type);
            if (column.isPrimaryKey)
                text += QStringLiteral(" pk");
            if (column.required())
                text += QStringLiteral(" req");
            // A reference into a table the caller cannot read is not named.
            if (column.isForeignKey && !column.refTable.isEmpty() &&
                (m_context->session.isSysAdmin() ||
                 m_context->isAllowed(m_service->info().id, QStringLiteral("_table/") + column.refTable,
                                      VerbGet)))
                text += QStringLiteral(" fk:%1.%2").arg(column.refTable, column.refField);
            cols.push_back(s(text));
        }
        table["cols"] = std::move(cols);
        Json rel = Json::object();
        for (const RelationSchema &relation : schema->relations) {
            // A relation into a table the caller cannot read would only produce 403s.
            if (!m_context->session.isSysAdmin() &&
                !m_context->isAllowed(m_service->info().id, QStringLiteral("_table/") + relation.refTable,
                                      VerbGet))
                continue;
            // A belongs_to named by the rule (an fk column c -> t.f gives t_by_c) is already
            // stated by its column's fk marker; only other names (aliases) are listed.
            if (relation.type == RelationSchema::Type::BelongsTo &&
                relation.name == relation.refTable + QLatin1String("_by_") + relation.field)
                continue;
            const char *key = relation.type == RelationSchema::Type::BelongsTo ? "bt"
                              : relation.type == RelationSchema::Type::HasMany ? "hm"
                                                                               : "mm";
            rel[key].push_back(s(relation.name));
        }
        if (!rel.empty())
            table["rel"] = std::move(rel);
        if (level.samples > 0 && !info.samples.empty()) {
            Json samples = Json::array();
            for (const Json &row : info.samples) {
                if (int(samples.size()) >= level.samples)
                    break;
                Json values = Json::array();
                for (const ColumnSchema &column : schema->columns)
                    values.push_back(truncated(row.value(s(column.name), Json()), level.sampleChars));
                samples.push_back(std::move(values));
            }
            table["sample"] = std::move(samples);
        }
        if (level.enumValues > 0 && !info.enums.isEmpty()) {
            Json enums = Json::object();
            for (const auto &[column, values] : info.enums) {
                Json list = Json::array();
                for (const Json &value : values) {
                    if (int(list.size()) >= level.enumValues)
                        break;
                    list.push_back(truncated(value, level.enumChars));
                }
                enums[s(column)] = std::move(list);
            }
            table["enum"] = std::move(enums);
        }
        tables[s(info.name)] = std::move(table);
    }
    const QString service = m_service->info().name;
    Json model{{"service", s(service)}, {"type", s(m_service->info().type)}};
    if (!m_service->info().description.isEmpty())
        model["description"] = s(m_service->info().description);
    model["legend"] =
        s(QStringLiteral("cols: name type [pk] [req] [fk:t.f]; an fk column c gives related=t_by_c "
                         "(belongs_to). rel: more related= names (hm has_many, mm many_many, bt). "
                         "rows: ~N estimate, >N more than N. sample: rows in cols order. enum: values. "
                         "GET /api/v2/%1/_table/{table}?filter=&fields=&related=&order=&limit=")
              .arg(service));
    model["table_count"] = m_totalTables;
    if (m_options.offset > 0 || tableCount < m_totalTables)
        model["offset"] = m_options.offset;
    if (m_options.offset + tableCount < m_totalTables)
        model["next_offset"] = m_options.offset + tableCount;
    model["tables"] = std::move(tables);
    if (!m_options.stock && level.templates) {
        Json examples = templates();
        if (!examples.is_null())
            model["templates"] = std::move(examples);
    }
    return model;
}

void DataModelBuilder::finish()
{
    if (!m_done)
        return;
    const auto done = std::move(m_done);
    m_done = nullptr;
    const size_t budget = size_t(m_options.budgetBytes);
    int count = int(m_tables.size());
    // Shorten samples and enums first; page only when the bare schema does not fit.
    for (int level = m_options.stock ? kLevelCount - 1 : 0; level < kLevelCount; ++level) {
        Json model = assemble(level, count);
        if (model.dump().size() <= budget || level == kLevelCount - 1) {
            while (model.dump().size() > budget && count > 1)
                model = assemble(level, --count);
            done(HttpResponse::json(model));
            return;
        }
    }
}
} // namespace gatehouse
