#include "SqlServiceDocs.h"

#include <QRegularExpression>

#include "OpenApiBuilder.h"
#include "services/RequestContext.h"
#include "services/sql/NamedQuery.h"
#include "services/sql/SqlService.h"

namespace gatehouse {
namespace {

using B = OpenApiBuilder;

std::string s(const QString &text)
{
    return text.toStdString();
}

Json listParameters()
{
    return Json::array(
        {B::queryParam("fields", "string", QStringLiteral("Comma-separated fields to return (default all).")),
         B::queryParam("filter", "string",
                       QStringLiteral("SQL-like filter, e.g. (status='open') AND (total>10).")),
         B::queryParam("limit", "integer", QStringLiteral("Maximum number of records.")),
         B::queryParam("offset", "integer", QStringLiteral("Records to skip.")),
         B::queryParam("order", "string", QStringLiteral("Sort, e.g. created_at DESC.")),
         B::queryParam("group", "string", QStringLiteral("Group by these fields.")),
         B::queryParam("related", "string",
                       QStringLiteral("Related records to include, e.g. orders_by_customer_id.")),
         B::queryParam("ids", "string", QStringLiteral("Comma-separated record ids.")),
         B::queryParam("include_count", "boolean", QStringLiteral("Add the total count to meta.")),
         B::queryParam("count_only", "boolean",
                       QStringLiteral("Return only the number of matching records."))});
}

Json idParameters()
{
    return Json::array({B::queryParam("fields", "string", QStringLiteral("Fields to return.")),
                        B::queryParam("related", "string", QStringLiteral("Related records to include."))});
}

Json recordsOf(const QString &schema)
{
    Json out{{"type", "object"}};
    out["properties"]["resource"] = {{"type", "array"}, {"items", B::ref(schema)}};
    out["properties"]["meta"] = {{"type", "object"}, {"additionalProperties", true}};
    return out;
}

// The record paths of one table: `base` is "/_table/{table_name}" or "/_table/orders".
void addTablePaths(Json &paths, const QString &base, const QString &component, const QString &stem,
                   const Json &pathParams, const QString &schema, const QString &label)
{
    Json &list = paths[s(base)];
    if (!pathParams.empty())
        list["parameters"] = pathParams;
    const Json records = schema.isEmpty() ? B::ref(QStringLiteral("Records")) : recordsOf(schema);
    list["get"] =
        B::operation(QStringLiteral("getRecords") + stem, QStringLiteral("Read records of %1.").arg(label),
                     component, listParameters(), nullptr, records);
    list["post"] = B::operation(QStringLiteral("createRecords") + stem,
                                QStringLiteral("Create one or more records in %1.").arg(label), component,
                                Json::array(), records, records);
    list["put"] = B::operation(QStringLiteral("replaceRecords") + stem,
                               QStringLiteral("Replace one or more records of %1.").arg(label), component,
                               Json::array(), records, records);
    list["patch"] = B::operation(QStringLiteral("updateRecords") + stem,
                                 QStringLiteral("Update one or more records of %1.").arg(label), component,
                                 Json::array(), records, records);
    list["delete"] =
        B::operation(QStringLiteral("deleteRecords") + stem,
                     QStringLiteral("Delete records of %1 (by ids or filter).").arg(label), component,
                     Json::array({B::queryParam("ids", "string", QStringLiteral("Record ids.")),
                                  B::queryParam("filter", "string", QStringLiteral("Filter."))}),
                     nullptr, records);

    Json &one = paths[s(base + QStringLiteral("/{id}"))];
    Json params = pathParams;
    params.push_back(B::pathParam("id", QStringLiteral("Primary key value of the record.")));
    one["parameters"] = std::move(params);
    const Json record = schema.isEmpty() ? B::ref(QStringLiteral("Record")) : B::ref(schema);
    one["get"] =
        B::operation(QStringLiteral("getRecord") + stem, QStringLiteral("Read one record of %1.").arg(label),
                     component, idParameters(), nullptr, record);
    one["put"] = B::operation(QStringLiteral("replaceRecord") + stem,
                              QStringLiteral("Replace one record of %1.").arg(label), component,
                              Json::array(), record, record);
    one["patch"] = B::operation(QStringLiteral("updateRecord") + stem,
                                QStringLiteral("Update one record of %1.").arg(label), component,
                                Json::array(), record, record);
    one["delete"] = B::operation(QStringLiteral("deleteRecord") + stem,
                                 QStringLiteral("Delete one record of %1.").arg(label), component,
                                 Json::array(), nullptr, record);
}

QString pascal(const QString &name)
{
    QString out;
    for (const QString &word :
         name.split(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), Qt::SkipEmptyParts))
        out += word.left(1).toUpper() + word.mid(1);
    return out;
}

Json routineBody()
{
    Json out{{"type", "object"}};
    Json params{{"description", "Parameters: an object by name, or a list of {name, value}."}};
    params["oneOf"] = Json::array();
    params["oneOf"].push_back({{"type", "object"}, {"additionalProperties", true}});
    params["oneOf"].push_back({{"type", "array"}, {"items", {{"type", "object"}}}});
    out["properties"]["params"] = params;
    out["properties"]["wrapper"] = {{"type", "string"}};
    out["properties"]["returns"] = {{"type", "string"}};
    return out;
}

void addRoutine(Json &paths, const QString &kind, const QString &name, const QString &summary,
                const Json &queryParams)
{
    const bool proc = kind == QLatin1String("_proc");
    const QString component = kind + QLatin1Char('/') + name;
    const QString stem = pascal(name);
    Json &item = paths[s(QLatin1Char('/') + component)];
    item["get"] =
        B::operation((proc ? QStringLiteral("callStoredProc") : QStringLiteral("callStoredFunc")) + stem,
                     summary, component, queryParams);
    item["post"] = B::operation(
        (proc ? QStringLiteral("callStoredProcWithParams") : QStringLiteral("callStoredFuncWithParams")) +
            stem,
        summary, component, Json::array(), routineBody());
}
} // namespace

Json SqlServiceDocs::columnSchema(const ColumnSchema &column, bool namesRef)
{
    const QString type = column.type;
    Json schema = Json::object();
    if (column.isBoolean())
        schema["type"] = "boolean";
    else if (column.isInteger())
        schema["type"] = "integer";
    else if (column.isNumeric())
        schema["type"] = "number";
    else if (type == QLatin1String("date"))
        schema = {{"type", "string"}, {"format", "date"}};
    else if (type == QLatin1String("datetime") || type == QLatin1String("timestamp") ||
             type == QLatin1String("timestamp_on_create") || type == QLatin1String("timestamp_on_update"))
        schema = {{"type", "string"}, {"format", "date-time"}};
    else if (type == QLatin1String("binary"))
        schema = {{"type", "string"}, {"format", "byte"}};
    else
        schema["type"] = "string";
    if (column.allowNull)
        schema["nullable"] = true;
    if (column.length > 0 && schema["type"] == "string" && !schema.contains("format"))
        schema["maxLength"] = column.length;
    if (namesRef && column.isForeignKey && !column.refTable.isEmpty())
        schema["description"] = s(QStringLiteral("References %1.%2").arg(column.refTable, column.refField));
    return schema;
}

Json SqlServiceDocs::tableSchema(const TableSchema &table,
                                 const std::function<bool(const QString &)> &namesRef)
{
    Json properties = Json::object();
    Json required = Json::array();
    for (const ColumnSchema &column : table.columns) {
        properties[s(column.name)] = columnSchema(column, !namesRef || namesRef(column.refTable));
        if (column.required())
            required.push_back(s(column.name));
    }
    Json schema{{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty())
        schema["required"] = std::move(required);
    return schema;
}

Json SqlServiceDocs::resourcesExtension(const SqlService &service, const RequestContext &caller)
{
    Json tables = Json::array();
    if (const auto schema = service.cachedSchema())
        for (const QString &name : schema->tableNames)
            if (OpenApiBuilder::mayUse(service, caller, QStringLiteral("_table/") + name, VerbGet))
                tables.push_back(s(name));
    return {{"type", "database"}, {"count", tables.size()}, {"tables", tables}};
}

Json SqlServiceDocs::openApi(const SqlService &service, const RequestContext &caller, bool expand)
{
    Json paths = Json::object();
    Json schemas = Json::object();
    const bool functions = service.info().type != QLatin1String("sqlite");
    paths["/"]["get"] =
        B::operation(QStringLiteral("getSchemas"), QStringLiteral("List the resources of the service."),
                     QString(), Json::array(), nullptr, B::ref(QStringLiteral("ResourceList")));
    paths["/_table"]["get"] = B::operation(
        QStringLiteral("getTables"), QStringLiteral("List the tables the role can reach."),
        QStringLiteral("_table"), Json::array(), nullptr, B::ref(QStringLiteral("ResourceList")));
    paths["/_schema"]["get"] = B::operation(
        QStringLiteral("describeSchema"), QStringLiteral("List the tables with their schema."),
        QStringLiteral("_schema"), Json::array(), nullptr, B::ref(QStringLiteral("ResourceList")));
    paths["/_proc"]["get"] =
        B::operation(QStringLiteral("getStoredProcs"), QStringLiteral("List procedures and named queries."),
                     QStringLiteral("_proc"), Json::array(), nullptr, B::ref(QStringLiteral("ResourceList")));
    if (functions)
        paths["/_func"]["get"] = B::operation(
            QStringLiteral("getStoredFuncs"), QStringLiteral("List stored functions."),
            QStringLiteral("_func"), Json::array(), nullptr, B::ref(QStringLiteral("ResourceList")));

    const std::shared_ptr<const DatabaseSchema> schema = service.cachedSchema();
    if (expand && schema) {
        for (const QString &name : schema->tableNames) {
            const auto table = schema->table(name);
            // A table the role cannot reach at all leaves no trace, not even its schema.
            if (!table || caller.allowedVerbs(service.info().id, QStringLiteral("_table/") + name) == 0)
                continue;
            schemas[s(name)] = tableSchema(*table, [&](const QString &ref) {
                return caller.allowedVerbs(service.info().id, QStringLiteral("_table/") + ref) != 0;
            });
            addTablePaths(paths, QStringLiteral("/_table/") + name, QStringLiteral("_table/") + name,
                          pascal(name), Json::array(), name, name);
            paths[s(QStringLiteral("/_schema/") + name)]["get"] = B::operation(
                QStringLiteral("describeTable") + pascal(name),
                QStringLiteral("Describe the table %1.").arg(name), QStringLiteral("_schema/") + name);
        }
        for (const RoutineSchema &routine : schema->procedures) {
            Json params = Json::array();
            for (const RoutineParam &p : routine.params)
                if (p.paramType != QLatin1String("OUT"))
                    params.push_back(
                        B::queryParam(p.name.toUtf8().constData(), "string",
                                      QStringLiteral("%1 parameter (%2).").arg(p.paramType, p.type)));
            addRoutine(paths, QStringLiteral("_proc"), routine.name,
                       QStringLiteral("Call the stored procedure %1.").arg(routine.name), params);
        }
        if (functions)
            for (const RoutineSchema &routine : schema->functions)
                addRoutine(paths, QStringLiteral("_func"), routine.name,
                           QStringLiteral("Call the stored function %1.").arg(routine.name), Json::array());
    } else {
        const Json table = Json::array({B::pathParam("table_name", QStringLiteral("Name of the table."))});
        addTablePaths(paths, QStringLiteral("/_table/{table_name}"), QStringLiteral("_table/*"),
                      QStringLiteral("ByTable"), table, QString(), QStringLiteral("a table"));
        Json &describe = paths["/_schema/{table_name}"];
        describe["parameters"] = table;
        describe["get"] = B::operation(QStringLiteral("describeTable"), QStringLiteral("Describe a table."),
                                       QStringLiteral("_schema/*"));
        const Json routine =
            Json::array({B::pathParam("procedure_name", QStringLiteral("Name of the procedure."))});
        Json &proc = paths["/_proc/{procedure_name}"];
        proc["parameters"] = routine;
        proc["get"] = B::operation(QStringLiteral("callStoredProc"),
                                   QStringLiteral("Call a stored procedure or named query."),
                                   QStringLiteral("_proc/*"));
        proc["post"] = B::operation(QStringLiteral("callStoredProcWithParams"),
                                    QStringLiteral("Call a stored procedure or named query with parameters."),
                                    QStringLiteral("_proc/*"), Json::array(), routineBody());
        if (functions) {
            const Json fn =
                Json::array({B::pathParam("function_name", QStringLiteral("Name of the function."))});
            Json &func = paths["/_func/{function_name}"];
            func["parameters"] = fn;
            func["get"] = B::operation(QStringLiteral("callStoredFunc"),
                                       QStringLiteral("Call a stored function."), QStringLiteral("_func/*"));
            func["post"] = B::operation(QStringLiteral("callStoredFuncWithParams"),
                                        QStringLiteral("Call a stored function with parameters."),
                                        QStringLiteral("_func/*"), Json::array(), routineBody());
        }
    }
    // Named queries are admin-defined and named even without expand: their names are the API.
    for (const NamedQuery &query : NamedQuery::fromConfig(service.info().config)) {
        Json params = Json::array();
        for (const NamedQueryParam &p : query.params) {
            Json param = B::queryParam(p.name.toUtf8().constData(), "string",
                                       p.description.isEmpty() ? QStringLiteral("%1 parameter.").arg(p.type)
                                                               : p.description);
            if (p.required)
                param["required"] = true;
            params.push_back(std::move(param));
        }
        addRoutine(paths, QStringLiteral("_proc"), query.name,
                   query.description.isEmpty() ? QStringLiteral("Run the named query %1.").arg(query.name)
                                               : query.description,
                   params);
    }
    Json out{{"paths", std::move(paths)}};
    if (!schemas.empty())
        out["components"]["schemas"] = std::move(schemas);
    out["x-dreamfactory-resources"] = resourcesExtension(service, caller);
    return out;
}
} // namespace gatehouse
