#include "DataToolbox.h"

#include <QTimer>

#include "core/ApiError.h"
#include "services/ServiceManager.h"

namespace gatehouse {
namespace {

// The argument rules a tool checks before anything is dispatched.
enum class ArgType
{
    String,
    Integer,
    Boolean,
    Object,
    StringArray,
    ObjectArray,
    IdArray, // primary key values: strings or integers
};

struct ArgSpec
{
    const char *name;
    ArgType type;
    bool required;
    const char *description;
};

Json schemaOf(ArgType type)
{
    switch (type) {
    case ArgType::String:
        return Json{{"type", "string"}};
    case ArgType::Integer:
        return Json{{"type", "integer"}};
    case ArgType::Boolean:
        return Json{{"type", "boolean"}};
    case ArgType::Object:
        return Json{{"type", "object"}};
    case ArgType::StringArray:
        return Json{{"type", "array"}, {"items", Json{{"type", "string"}}}};
    case ArgType::ObjectArray:
        return Json{{"type", "array"}, {"items", Json{{"type", "object"}}}};
    case ArgType::IdArray:
        return Json{{"type", "array"}, {"items", Json{{"type", Json::array({"string", "integer"})}}}};
    }
    return Json::object();
}

bool hasType(const Json &value, ArgType type)
{
    switch (type) {
    case ArgType::String:
        return value.is_string();
    case ArgType::Integer:
        return value.is_number_integer() ||
               (value.is_number_float() && value.get<double>() == double(qint64(value.get<double>())));
    case ArgType::Boolean:
        return value.is_boolean();
    case ArgType::Object:
        return value.is_object();
    case ArgType::StringArray:
        if (!value.is_array())
            return false;
        for (const Json &item : value)
            if (!item.is_string())
                return false;
        return true;
    case ArgType::ObjectArray:
        if (!value.is_array())
            return false;
        for (const Json &item : value)
            if (!item.is_object())
                return false;
        return true;
    case ArgType::IdArray:
        if (!value.is_array())
            return false;
        for (const Json &item : value)
            if (!item.is_string() && !item.is_number_integer())
                return false;
        return true;
    }
    return false;
}

const char *typeName(ArgType type)
{
    switch (type) {
    case ArgType::String:
        return "a string";
    case ArgType::Integer:
        return "an integer";
    case ArgType::Boolean:
        return "a boolean";
    case ArgType::Object:
        return "an object";
    case ArgType::StringArray:
        return "an array of strings";
    case ArgType::ObjectArray:
        return "an array of objects";
    case ArgType::IdArray:
        return "an array of ids";
    }
    return "a value";
}

enum class Operation
{
    ListServices,
    ListTables,
    DescribeTable,
    QueryRecords,
    CountRecords,
    AggregateRecords,
    ListNamedQueries,
    CallNamedQuery,
    CreateRecords,
    UpdateRecords,
    DeleteRecords,
};

struct ToolSpec
{
    Operation operation;
    const char *name;
    const char *title;
    const char *description;
    QList<ArgSpec> args;
    bool write;
    bool destructive;
    Json output;
};

const ArgSpec kService{"service", ArgType::String, true, "Name of the database service."};
const ArgSpec kTable{"table", ArgType::String, true, "Name of the table (or view)."};
const ArgSpec kFilter{
    "filter", ArgType::String, false,
    "Row filter in Gatehouse/DreamFactory syntax, e.g. \"(status = 'open') AND (total > 100)\". "
    "Operators: = != > >= < <= like contains starts with ends with in is null; combine with "
    "AND/OR and parentheses. Never SQL."};

Json objectSchema(std::initializer_list<std::pair<const char *, Json>> properties)
{
    Json schema{{"type", "object"}, {"properties", Json::object()}};
    for (const auto &[key, value] : properties)
        schema["properties"][key] = value;
    return schema;
}

const QList<ToolSpec> &toolSpecs()
{
    static const QList<ToolSpec> specs = [] {
        const Json records{{"type", "array"}, {"items", Json{{"type", "object"}}}};
        QList<ToolSpec> list;
        list << ToolSpec{
            Operation::ListServices,
            "list_services",
            "List data services",
            "Lists the database services you may use, with their descriptions.",
            {},
            false,
            false,
            objectSchema({{"services", Json{{"type", "array"}, {"items", Json{{"type", "object"}}}}}})};
        list << ToolSpec{
            Operation::ListTables,
            "list_tables",
            "List tables",
            "Lists the tables of a database service that you may read.",
            {kService},
            false,
            false,
            objectSchema({{"service", Json{{"type", "string"}}},
                          {"tables", Json{{"type", "array"}, {"items", Json{{"type", "string"}}}}}})};
        list << ToolSpec{Operation::DescribeTable,
                         "describe_table",
                         "Describe a table",
                         "Describes a table: its columns (type, primary key, required, foreign key) and its "
                         "relationships, whose names can be passed to query_records as `related`.",
                         {kService, kTable},
                         false,
                         false,
                         objectSchema({{"table", Json{{"type", "string"}}},
                                       {"primary_key", Json{{"type", "array"}}},
                                       {"columns", Json{{"type", "array"}}},
                                       {"relationships", Json{{"type", "array"}}}})};
        list << ToolSpec{
            Operation::QueryRecords,
            "query_records",
            "Query records",
            "Reads records from a table: choose fields, a filter, an order and a limit.",
            {kService,
             kTable,
             {"fields", ArgType::StringArray, false, "Columns to return; all when omitted."},
             kFilter,
             {"order", ArgType::String, false, "Order, e.g. \"total DESC, id\"."},
             {"limit", ArgType::Integer, false, "Maximum number of records (default 50)."},
             {"offset", ArgType::Integer, false, "Records to skip, for paging."},
             {"related", ArgType::StringArray, false,
              "Relationship names (from describe_table) whose records to include."},
             {"include_count", ArgType::Boolean, false, "Also return the total number of matches."}},
            false,
            false,
            objectSchema({{"records", records}, {"count", Json{{"type", "integer"}}}})};
        list << ToolSpec{Operation::CountRecords,
                         "count_records",
                         "Count records",
                         "Counts the records of a table that match a filter.",
                         {kService, kTable, kFilter},
                         false,
                         false,
                         objectSchema({{"count", Json{{"type", "integer"}}}})};
        list << ToolSpec{
            Operation::AggregateRecords,
            "aggregate_records",
            "Aggregate records",
            "Computes SUM, COUNT, AVG, MIN or MAX over a table, optionally grouped. Each result "
            "column is named FUNCTION_field, e.g. SUM_total.",
            {kService,
             kTable,
             {"aggregates", ArgType::ObjectArray, true,
              "Aggregates, each {\"function\": \"SUM|COUNT|AVG|MIN|MAX\", \"field\": \"column\"}."},
             {"group_by", ArgType::StringArray, false, "Columns to group by."},
             kFilter,
             {"order", ArgType::String, false, "Order, e.g. \"SUM_total DESC\"."},
             {"limit", ArgType::Integer, false, "Maximum number of groups (default 50)."}},
            false,
            false,
            objectSchema({{"records", records}})};
        list << ToolSpec{Operation::ListNamedQueries,
                         "list_named_queries",
                         "List named queries",
                         "Lists the approved named queries and stored procedures of a service, with their "
                         "parameters.",
                         {kService},
                         false,
                         false,
                         objectSchema({{"queries", Json{{"type", "array"}}}})};
        list << ToolSpec{Operation::CallNamedQuery,
                         "call_named_query",
                         "Call a named query",
                         "Runs an approved named query or stored procedure with parameters.",
                         {kService,
                          {"name", ArgType::String, true, "Name of the query or procedure."},
                          {"parameters", ArgType::Object, false, "Parameter values by name."}},
                         false,
                         false,
                         objectSchema({{"result", Json::object()}})};
        list << ToolSpec{Operation::CreateRecords,
                         "create_records",
                         "Create records",
                         "Inserts records into a table.",
                         {kService, kTable, {"records", ArgType::ObjectArray, true, "Records to insert."}},
                         true,
                         false,
                         objectSchema({{"records", records}})};
        list << ToolSpec{
            Operation::UpdateRecords,
            "update_records",
            "Update records",
            "Changes fields of the records chosen by ids or by a filter (one of them is required).",
            {kService,
             kTable,
             {"values", ArgType::Object, true, "Field values to set."},
             {"ids", ArgType::IdArray, false, "Primary key values of the records."},
             kFilter},
            true,
            false,
            objectSchema({{"records", records}})};
        list << ToolSpec{Operation::DeleteRecords,
                         "delete_records",
                         "Delete records",
                         "Deletes the records chosen by ids or by a filter (one of them is required).",
                         {kService,
                          kTable,
                          {"ids", ArgType::IdArray, false, "Primary key values of the records."},
                          kFilter},
                         true,
                         true,
                         objectSchema({{"records", records}})};
        return list;
    }();
    return specs;
}

const ToolSpec *findSpec(const QString &name)
{
    for (const ToolSpec &spec : toolSpecs())
        if (name == QLatin1String(spec.name))
            return &spec;
    return nullptr;
}

// Table and query names become one path segment of an internal request: nothing that could
// step into another resource or start a query string.
bool isSafeName(const QString &name)
{
    if (name.isEmpty() || name.size() > 128 || name == QLatin1String(".") || name == QLatin1String(".."))
        return false;
    for (const QChar c : name)
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char('?') ||
            c == QLatin1Char('#') || c == QLatin1Char('(') || c == QLatin1Char(')') ||
            c.category() == QChar::Other_Control)
            return false;
    return true;
}

QString str(const Json &args, const char *key)
{
    const auto it = args.find(key);
    return it != args.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QString joined(const Json &args, const char *key)
{
    QStringList parts;
    const auto it = args.find(key);
    if (it != args.end() && it->is_array())
        for (const Json &item : *it)
            parts << (item.is_string() ? QString::fromStdString(item.get<std::string>()).trimmed()
                                       : QString::fromStdString(item.dump()));
    return parts.join(QLatin1Char(','));
}

// A service reaches a role when any of its rules names it (or every service) with some verb.
bool reaches(const Session &session, qint64 serviceId)
{
    if (session.isSysAdmin())
        return true;
    if (!session.role)
        return false;
    for (const AccessRule &rule : session.role->rules)
        if ((!rule.serviceId || *rule.serviceId == serviceId) && (rule.requestorMask & RequestorApi) &&
            rule.verbMask != 0)
            return true;
    return false;
}

std::string text(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

Json compactSchema(const Json &schema)
{
    Json columns = Json::array();
    if (const auto fields = schema.find("field"); fields != schema.end() && fields->is_array())
        for (const Json &field : *fields) {
            Json column{{"name", text(field, "name")}, {"type", text(field, "type")}};
            if (flag(field, "is_primary_key"))
                column["pk"] = true;
            if (flag(field, "required"))
                column["required"] = true;
            if (flag(field, "is_foreign_key") && !text(field, "ref_table").empty())
                column["fk"] = text(field, "ref_table") + "." + text(field, "ref_field");
            columns.push_back(std::move(column));
        }
    Json relationships = Json::array();
    if (const auto related = schema.find("related"); related != schema.end() && related->is_array())
        for (const Json &relation : *related)
            relationships.push_back(Json{{"name", text(relation, "name")},
                                         {"type", text(relation, "type")},
                                         {"ref_table", text(relation, "ref_table")}});
    return Json{{"table", text(schema, "name")},
                {"primary_key", schema.value("primary_key", Json::array())},
                {"columns", std::move(columns)},
                {"relationships", std::move(relationships)}};
}
} // namespace

DataToolbox::DataToolbox(const ServiceManager &services, InternalDispatcher &dispatcher, Session session,
                         InternalOrigin origin, Options options, QObject *parent)
    : QObject(parent)
    , m_manager(services)
    , m_dispatcher(&dispatcher)
    , m_session(std::move(session))
    , m_origin(std::move(origin))
    , m_options(std::move(options))
{
    for (const QString &name : std::as_const(m_options.services)) {
        const auto service = m_manager.find(name.toLower());
        if (!service || !service->info().isActive || m_services.contains(service->info().name))
            continue;
        const ServiceType *type = m_manager.type(service->info().type);
        if (!type || type->group != QLatin1String("Database") || !reaches(m_session, service->info().id))
            continue;
        m_services << service->info().name;
    }
    buildTools();
}

void DataToolbox::buildTools()
{
    Json serviceSchema{{"type", "string"}, {"description", kService.description}};
    Json names = Json::array();
    for (const QString &name : std::as_const(m_services))
        names.push_back(name);
    serviceSchema["enum"] = names;

    for (const ToolSpec &spec : toolSpecs()) {
        if (spec.write && !m_options.allowWrites)
            continue;
        if (spec.operation != Operation::ListServices && m_services.isEmpty())
            continue;
        DataTool tool;
        tool.name = QLatin1String(spec.name);
        tool.title = QLatin1String(spec.title);
        tool.description = QLatin1String(spec.description);
        tool.readOnly = !spec.write;
        tool.destructive = spec.destructive;
        tool.outputSchema = spec.output;
        Json properties = Json::object();
        Json required = Json::array();
        for (const ArgSpec &arg : spec.args) {
            Json schema = qstrcmp(arg.name, "service") == 0 ? serviceSchema : schemaOf(arg.type);
            schema["description"] = arg.description;
            if (qstrcmp(arg.name, "limit") == 0)
                schema["maximum"] = m_options.maxRecords, schema["minimum"] = 1;
            if (qstrcmp(arg.name, "offset") == 0)
                schema["minimum"] = 0;
            properties[arg.name] = std::move(schema);
            if (arg.required)
                required.push_back(arg.name);
        }
        tool.inputSchema = Json{{"type", "object"}, {"properties", std::move(properties)}};
        if (!required.empty())
            tool.inputSchema["required"] = std::move(required);
        tool.inputSchema["additionalProperties"] = false;
        m_tools << std::move(tool);
    }
}

bool DataToolbox::hasTool(const QString &name) const
{
    for (const DataTool &tool : m_tools)
        if (tool.name == name)
            return true;
    return false;
}

QString DataToolbox::resultText(const Json &content, int maxChars, bool *truncated)
{
    QString text = QString::fromStdString(content.dump(-1, ' ', false, Json::error_handler_t::replace));
    *truncated = maxChars > 0 && text.size() > maxChars;
    if (*truncated) {
        text.truncate(maxChars);
        text +=
            QStringLiteral("\n[Result cut at %1 characters. Narrow the query: fewer fields, a filter, or a "
                           "smaller limit.]")
                .arg(maxChars);
    }
    return text;
}

void DataToolbox::call(const QString &name, const Json &arguments, std::function<void(DataToolResult)> done)
{
    const auto finish = [this, done](DataToolResult result) {
        QTimer::singleShot(0, this,
                           [done, result = std::move(result)]() mutable { done(std::move(result)); });
    };
    const auto refuse = [&finish](int status, const QString &message) {
        DataToolResult result;
        result.isError = true;
        result.status = status;
        result.content = Json{{"error", Json{{"status", status}, {"message", message.toStdString()}}}};
        result.text = message;
        finish(std::move(result));
    };

    const ToolSpec *spec = findSpec(name);
    if (!spec || !hasTool(name)) {
        refuse(404, QStringLiteral("Unknown tool '%1'.").arg(name));
        return;
    }
    const Json args = arguments.is_null() ? Json::object() : arguments;
    if (!args.is_object()) {
        refuse(400, QStringLiteral("The arguments of %1 must be a JSON object.").arg(name));
        return;
    }
    for (auto it = args.begin(); it != args.end(); ++it) {
        const ArgSpec *known = nullptr;
        for (const ArgSpec &arg : spec->args)
            if (it.key() == std::string(arg.name))
                known = &arg;
        if (!known) {
            refuse(400,
                   QStringLiteral("%1 has no argument '%2'.").arg(name, QString::fromStdString(it.key())));
            return;
        }
        if (!it->is_null() && !hasType(*it, known->type)) {
            refuse(400, QStringLiteral("Argument '%1' of %2 must be %3.")
                            .arg(QLatin1String(known->name), name, QLatin1String(typeName(known->type))));
            return;
        }
    }
    for (const ArgSpec &arg : spec->args)
        if (arg.required && (!args.contains(arg.name) || args[arg.name].is_null())) {
            refuse(400, QStringLiteral("%1 needs the argument '%2'.").arg(name, QLatin1String(arg.name)));
            return;
        }

    if (spec->operation == Operation::ListServices) {
        Json services = Json::array();
        for (const QString &serviceName : std::as_const(m_services))
            if (const auto service = m_manager.find(serviceName.toLower()))
                services.push_back(Json{{"name", service->info().name},
                                        {"label", service->info().label},
                                        {"description", service->info().description},
                                        {"type", service->info().type}});
        DataToolResult result;
        result.content = Json{{"services", std::move(services)}};
        result.text = resultText(result.content, m_options.maxResultChars, &result.truncated);
        finish(std::move(result));
        return;
    }

    const QString service = str(args, "service");
    if (!m_services.contains(service)) {
        refuse(403, QStringLiteral("Service '%1' is not available here. Available: %2.")
                        .arg(service, m_services.join(QStringLiteral(", "))));
        return;
    }
    const QString table = str(args, "table");
    if (args.contains("table") && !isSafeName(table)) {
        refuse(400, QStringLiteral("'%1' is not a valid table name.").arg(table));
        return;
    }
    const auto bounded = [&](const char *key, qint64 fallback, qint64 low, qint64 high, qint64 *out) {
        const auto it = args.find(key);
        *out = it == args.end() || it->is_null() ? fallback : qint64(it->get<double>());
        if (*out < low || *out > high) {
            refuse(400, QStringLiteral("Argument '%1' must be between %2 and %3.")
                            .arg(QLatin1String(key))
                            .arg(low)
                            .arg(high));
            return false;
        }
        return true;
    };

    InternalRequest request;
    request.service = service;
    const QString tablePath = QStringLiteral("_table/") + table;
    const auto addIf = [&](const char *param, const QString &value) {
        if (!value.isEmpty())
            request.addQuery(QLatin1String(param), value);
    };
    switch (spec->operation) {
    case Operation::ListServices:
        break;
    case Operation::ListTables:
        request.resource = QStringLiteral("_table");
        request.addQuery(QStringLiteral("as_list"), QStringLiteral("true"));
        break;
    case Operation::DescribeTable:
        request.resource = QStringLiteral("_schema/") + table;
        break;
    case Operation::QueryRecords: {
        qint64 limit = 0, offset = 0;
        if (!bounded("limit", 50, 1, m_options.maxRecords, &limit) ||
            !bounded("offset", 0, 0, std::numeric_limits<int>::max(), &offset))
            return;
        request.resource = tablePath;
        addIf("fields", joined(args, "fields"));
        addIf("filter", str(args, "filter"));
        addIf("order", str(args, "order"));
        addIf("related", joined(args, "related"));
        request.addQuery(QStringLiteral("limit"), QString::number(limit));
        if (offset > 0)
            request.addQuery(QStringLiteral("offset"), QString::number(offset));
        if (args.value("include_count", false))
            request.addQuery(QStringLiteral("include_count"), QStringLiteral("true"));
        break;
    }
    case Operation::CountRecords:
        request.resource = tablePath;
        addIf("filter", str(args, "filter"));
        request.addQuery(QStringLiteral("count_only"), QStringLiteral("true"));
        break;
    case Operation::AggregateRecords: {
        qint64 limit = 0;
        if (!bounded("limit", 50, 1, m_options.maxRecords, &limit))
            return;
        static const QStringList functions{QStringLiteral("SUM"), QStringLiteral("COUNT"),
                                           QStringLiteral("AVG"), QStringLiteral("MIN"),
                                           QStringLiteral("MAX")};
        QStringList fields;
        const QString groups = joined(args, "group_by");
        if (!groups.isEmpty())
            fields << groups;
        for (const Json &aggregate : args.at("aggregates")) {
            const QString function = str(aggregate, "function").toUpper();
            const QString field = str(aggregate, "field");
            if (!functions.contains(function)) {
                refuse(400, QStringLiteral("Aggregate function must be one of %1.")
                                .arg(functions.join(QLatin1Char(','))));
                return;
            }
            if (field.isEmpty() || (field == QLatin1String("*") && function != QLatin1String("COUNT"))) {
                refuse(400, QStringLiteral("Each aggregate needs a field (\"*\" only with COUNT)."));
                return;
            }
            fields << QStringLiteral("%1(%2)").arg(function, field);
        }
        if (args.at("aggregates").empty()) {
            refuse(400, QStringLiteral("aggregate_records needs at least one aggregate."));
            return;
        }
        request.resource = tablePath;
        request.addQuery(QStringLiteral("fields"), fields.join(QLatin1Char(',')));
        addIf("group", groups);
        addIf("filter", str(args, "filter"));
        addIf("order", str(args, "order"));
        request.addQuery(QStringLiteral("limit"), QString::number(limit));
        break;
    }
    case Operation::ListNamedQueries:
        request.resource = QStringLiteral("_proc");
        break;
    case Operation::CallNamedQuery: {
        const QString query = str(args, "name");
        if (!isSafeName(query)) {
            refuse(400, QStringLiteral("'%1' is not a valid query name.").arg(query));
            return;
        }
        request.method = "POST";
        request.resource = QStringLiteral("_proc/") + query;
        // Parameters go under "params", as the procedure contract wants them (reference §2.7).
        request.body = Json{{"params", args.value("parameters", Json::object())}};
        break;
    }
    case Operation::CreateRecords:
        request.method = "POST";
        request.resource = tablePath;
        request.body = Json{{"resource", args.at("records")}};
        break;
    case Operation::UpdateRecords:
    case Operation::DeleteRecords: {
        const QString ids = joined(args, "ids");
        const QString filter = str(args, "filter");
        if (ids.isEmpty() == filter.isEmpty()) {
            refuse(400, QStringLiteral("%1 needs either ids or a filter (exactly one).").arg(name));
            return;
        }
        request.method = spec->operation == Operation::UpdateRecords ? "PATCH" : "DELETE";
        request.resource = tablePath;
        addIf("ids", ids);
        addIf("filter", filter);
        if (spec->operation == Operation::UpdateRecords)
            request.body = args.at("values");
        break;
    }
    }

    if (!m_dispatcher) {
        refuse(503, QStringLiteral("The gateway is shutting down."));
        return;
    }
    const Operation operation = spec->operation;
    const int maxChars = m_options.maxResultChars;
    m_dispatcher->dispatch(
        m_session, m_origin, std::move(request),
        [operation, service, maxChars, done = std::move(done)](HttpResponse response) {
            DataToolResult result;
            result.status = response.status;
            Json body = InternalDispatcher::bodyJson(response);
            if (response.status >= 400) {
                result.isError = true;
                QString message;
                if (body.is_object() && body.contains("error") && body["error"].is_object())
                    message =
                        htmlUnescape(QString::fromStdString(body["error"].value("message", std::string())));
                if (message.isEmpty())
                    message = QStringLiteral("The request failed with status %1.").arg(response.status);
                result.content =
                    Json{{"error", Json{{"status", response.status}, {"message", message.toStdString()}}}};
                result.text = message;
                done(std::move(result));
                return;
            }
            switch (operation) {
            case Operation::ListTables:
                result.content = Json{
                    {"service", service.toStdString()},
                    {"tables", body.is_object() ? body.value("resource", Json::array()) : Json::array()}};
                break;
            case Operation::DescribeTable:
                result.content = compactSchema(body);
                break;
            case Operation::QueryRecords:
            case Operation::AggregateRecords: {
                result.content =
                    Json{{"records", body.is_object() ? body.value("resource", Json::array()) : body}};
                if (body.is_object() && body.contains("meta") && body["meta"].contains("count"))
                    result.content["count"] = body["meta"]["count"];
                break;
            }
            case Operation::CountRecords:
                result.content = Json{{"count", body}};
                break;
            case Operation::ListNamedQueries:
                result.content =
                    Json{{"queries", body.is_object() ? body.value("resource", Json::array()) : body}};
                break;
            default:
                result.content = body.is_object() && body.contains("resource")
                                     ? Json{{"records", body["resource"]}}
                                     : Json{{"result", body}};
                break;
            }
            result.text = resultText(result.content, maxChars, &result.truncated);
            done(std::move(result));
        });
}
} // namespace gatehouse
