#include "SchemaResource.h"

#include "SchemaAssembler.h"
#include "SchemaDdl.h"
#include "SchemaJson.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

ApiError tableNotFound(const QString &name)
{
    return ApiError::notFound(QStringLiteral("Table \"%1\" does not exist in the database.").arg(name));
}

std::shared_ptr<const TableSchema> requireTable(const SqlCall &call, const QString &name)
{
    auto table = call.schema->table(name);
    if (!table)
        throw tableNotFound(name);
    return table;
}

// The role's verbs on a table's schema. DF's fallback: a role with no rule for `_schema`
// at all is judged by its `_table/<name>` rules instead.
int schemaAccess(const SqlCall &call, const QString &table)
{
    const int mask = call.ctx.allowedVerbs(call.serviceId, QStringLiteral("_schema/") + table);
    if (mask != 0)
        return mask;
    if (call.ctx.allowedVerbs(call.serviceId, QStringLiteral("_schema")) != 0)
        return 0;
    return call.ctx.allowedVerbs(call.serviceId, QStringLiteral("_table/") + table);
}

HttpResponse listResponse(const SqlCall &call, Json items)
{
    if (call.ctx.hasParam(QStringLiteral("wrap")) && !call.ctx.boolParam(QStringLiteral("wrap")))
        return HttpResponse::json(items);
    return HttpResponse::json(Json{{"resource", std::move(items)}});
}

QStringList idList(const SqlCall &call)
{
    const QString ids = call.ctx.paramAny({"ids", "names"});
    QStringList out;
    for (const QString &id : ids.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!id.trimmed().isEmpty())
            out << id.trimmed();
    return out;
}

// Table entries of a `_schema` write: {"resource":[...]}, {"table":[...]}, a bare array, or
// one table object. `single` tells the caller to answer with a bare object.
Json tableEntries(const Json &body, bool *single)
{
    *single = false;
    if (body.is_object()) {
        for (const char *key : {"resource", "table"}) {
            const auto it = body.find(key);
            if (it != body.end() && it->is_array())
                return *it;
        }
        if (body.contains("name")) {
            *single = true;
            return Json::array({body});
        }
    }
    if (body.is_array())
        return body;
    throw ApiError::badRequest(QStringLiteral("No table definitions found in the request body."));
}

QString entryName(const Json &entry)
{
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
        entry["name"].get<std::string>().empty())
        throw ApiError::badRequest(QStringLiteral("Each table definition needs a 'name'."));
    return QString::fromStdString(entry["name"].get<std::string>()).trimmed();
}

// The `field` array of a table entry, or of a `_field` request body.
Json fieldEntries(const Json &body)
{
    if (body.is_object()) {
        for (const char *key : {"field", "resource"}) {
            const auto it = body.find(key);
            if (it != body.end())
                return *it;
        }
        if (body.contains("name"))
            return Json::array({body});
    }
    if (body.is_array())
        return body;
    throw ApiError::badRequest(QStringLiteral("No field definitions found in the request body."));
}

HttpResponse listTables(SqlCall &call)
{
    const RequestContext &ctx = call.ctx;
    const QStringList ids = idList(call);
    if (!ids.isEmpty()) {
        Json items = Json::array();
        for (const QString &id : ids) {
            const auto table = requireTable(call, id);
            const QString name = SchemaAssembler::apiName(*table);
            const int access = schemaAccess(call, name);
            if (!(access & VerbGet))
                throw ApiError::forbidden(
                    QStringLiteral("Access Forbidden. GET access to component '_schema/%1' "
                                   "of service '%2' is not allowed by this user's role.")
                        .arg(name, ctx.serviceName));
            items.push_back(SchemaJson::table(*table, call.serviceId, access));
        }
        return listResponse(call, std::move(items));
    }

    const bool asList = ctx.boolParam(QStringLiteral("as_list"));
    const QString fields = ctx.paramAny({"fields", "select"});
    const bool full = fields == QLatin1String("*");
    const bool includeAccess = ctx.boolParam(QStringLiteral("include_access")) || full;
    const QString schemaFilter = ctx.param(QStringLiteral("schema"));
    Json items = Json::array();
    for (const QString &name : call.schema->tableNames) {
        const auto table = call.schema->table(name);
        if (!table)
            continue;
        if (!schemaFilter.isEmpty() && (table->schemaName.isEmpty() ? schemaFilter != QLatin1String("public")
                                                                    : table->schemaName != schemaFilter))
            continue;
        const int access = schemaAccess(call, name);
        if (access == 0)
            continue;
        if (asList) {
            items.push_back(name);
            continue;
        }
        Json item{{"name", name}};
        if (full) {
            const QString label = SchemaJson::label(name);
            item["label"] = label;
            item["plural"] = SchemaJson::plural(label);
            item["is_view"] = table->isView;
            item["description"] = nullptr;
            item["native"] = Json::array();
            item["alias"] = nullptr;
        }
        if (includeAccess)
            item["access"] = verbNames(access);
        items.push_back(std::move(item));
    }
    return listResponse(call, std::move(items));
}

HttpResponse createOrUpdateTables(SqlCall &call, SchemaDdl::UpdateMode mode)
{
    bool single = false;
    const Json entries = tableEntries(call.ctx.body, &single);
    if (entries.empty())
        throw ApiError::badRequest(QStringLiteral("No table definitions found in the request body."));
    Json done = Json::array();
    for (const Json &entry : entries) {
        const QString name = entryName(entry);
        const auto existing = call.schema->table(name);
        SchemaDdl ddl(call.db, call.dialect, call.schema);
        if (existing) {
            if (mode == SchemaDdl::UpdateMode::AddOnly)
                throw ApiError::badRequest(QStringLiteral("Table '%1' already exists.").arg(name));
            ddl.updateTable(*existing, fieldEntries(entry), mode);
        } else {
            const auto fields = entry.find("field");
            if (fields == entry.end())
                throw ApiError::badRequest(QStringLiteral("Table '%1' needs a 'field' array.").arg(name));
            ddl.createTable(name, SchemaDdl::parseNewFields(*fields));
        }
        // Reload after each table so later entries can reference the earlier ones.
        call.schema = call.reloadSchema();
        const auto table = call.schema->table(name);
        done.push_back(Json{{"name", table ? SchemaAssembler::apiName(*table) : name}});
    }
    if (single)
        return HttpResponse::json(done.at(0));
    return HttpResponse::json(Json{{"resource", done}});
}

HttpResponse dropTables(SqlCall &call)
{
    QStringList names = idList(call);
    if (names.isEmpty() && !call.ctx.body.is_null()) {
        bool single = false;
        for (const Json &entry : tableEntries(call.ctx.body, &single))
            names << entryName(entry);
    }
    if (names.isEmpty())
        throw ApiError::badRequest(QStringLiteral("No tables named for deletion; use 'ids' or a body."));
    Json done = Json::array();
    for (const QString &name : std::as_const(names)) {
        const auto table = requireTable(call, name);
        SchemaDdl(call.db, call.dialect, call.schema).dropTable(*table);
        done.push_back(Json{{"name", SchemaAssembler::apiName(*table)}});
        call.schema = call.reloadSchema();
    }
    return HttpResponse::json(Json{{"resource", done}});
}

HttpResponse handleTable(SqlCall &call, const QString &name)
{
    const QByteArray &method = call.ctx.method;
    if (method == "GET" || method == "HEAD") {
        const auto table = requireTable(call, name);
        return HttpResponse::json(
            SchemaJson::table(*table, call.serviceId, schemaAccess(call, SchemaAssembler::apiName(*table))));
    }
    if (method == "DELETE") {
        const auto table = requireTable(call, name);
        SchemaDdl(call.db, call.dialect, call.schema).dropTable(*table);
        call.schema = call.reloadSchema();
        return HttpResponse::json(Json{{"name", SchemaAssembler::apiName(*table)}});
    }
    if (method == "POST" || method == "PUT" || method == "PATCH") {
        const auto table = requireTable(call, name);
        const SchemaDdl::UpdateMode mode = method == "POST"  ? SchemaDdl::UpdateMode::AddOnly
                                           : method == "PUT" ? SchemaDdl::UpdateMode::Replace
                                                             : SchemaDdl::UpdateMode::Merge;
        SchemaDdl(call.db, call.dialect, call.schema).updateTable(*table, fieldEntries(call.ctx.body), mode);
        call.schema = call.reloadSchema();
        const auto updated = call.schema->table(name);
        return HttpResponse::json(
            updated ? SchemaJson::table(*updated, call.serviceId,
                                        schemaAccess(call, SchemaAssembler::apiName(*updated)))
                    : Json{{"name", name}});
    }
    throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb for this resource."));
}

HttpResponse handleFields(SqlCall &call, const QString &tableName, const QString &fieldName)
{
    const QByteArray &method = call.ctx.method;
    const auto table = requireTable(call, tableName);
    const QString apiName = SchemaAssembler::apiName(*table);
    const auto fieldNotFound = [&]() {
        return ApiError::notFound(
            QStringLiteral("Field \"%1\" does not exist in table \"%2\".").arg(fieldName, apiName));
    };

    if (method == "GET" || method == "HEAD") {
        if (fieldName.isEmpty()) {
            Json items = Json::array();
            for (const ColumnSchema &column : table->columns)
                items.push_back(SchemaJson::field(column));
            return listResponse(call, std::move(items));
        }
        const ColumnSchema *column = table->column(fieldName);
        if (!column)
            throw fieldNotFound();
        return HttpResponse::json(SchemaJson::field(*column));
    }
    if (method == "DELETE") {
        if (fieldName.isEmpty())
            throw ApiError::badRequest(
                QStringLiteral("Name the field to delete: _schema/%1/_field/{name}.").arg(apiName));
        const ColumnSchema *column = table->column(fieldName);
        if (!column)
            throw fieldNotFound();
        const QString realName = column->name;
        SchemaDdl(call.db, call.dialect, call.schema).dropColumn(*table, *column);
        call.schema = call.reloadSchema();
        return HttpResponse::json(Json{{"name", realName}});
    }
    if (method == "POST" || method == "PUT" || method == "PATCH") {
        Json entries;
        if (fieldName.isEmpty()) {
            entries = fieldEntries(call.ctx.body);
        } else {
            // One named field: the body is its definition; the URL supplies the name.
            Json entry = call.ctx.body.is_object() ? call.ctx.body : Json::object();
            if (entry.contains("resource") && entry["resource"].is_array() && !entry["resource"].empty())
                entry = entry["resource"].at(0);
            entry["name"] = fieldName;
            if (method != "POST" && !table->column(fieldName))
                throw fieldNotFound();
            entries = Json::array({entry});
        }
        SchemaDdl(call.db, call.dialect, call.schema)
            .updateTable(*table, entries,
                         method == "POST" ? SchemaDdl::UpdateMode::AddOnly : SchemaDdl::UpdateMode::Merge);
        call.schema = call.reloadSchema();
        const auto updated = call.schema->table(apiName);
        Json items = Json::array();
        for (const Json &entry : entries) {
            const QString name = QString::fromStdString(entry.value("name", std::string()));
            const ColumnSchema *column = updated ? updated->column(name) : nullptr;
            items.push_back(column ? SchemaJson::field(*column) : Json{{"name", name}});
        }
        if (!fieldName.isEmpty())
            return HttpResponse::json(items.at(0));
        return listResponse(call, std::move(items));
    }
    throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb for this resource."));
}

HttpResponse handleRelations(SqlCall &call, const QString &tableName, const QString &relationName)
{
    const QByteArray &method = call.ctx.method;
    const auto table = requireTable(call, tableName);
    if (method != "GET" && method != "HEAD")
        throw ApiError(501, QStringLiteral("Virtual relationships are not supported; relationships come from "
                                           "foreign keys."));
    if (relationName.isEmpty()) {
        Json items = Json::array();
        for (const RelationSchema &relation : table->relations)
            items.push_back(SchemaJson::relation(relation, call.serviceId));
        return listResponse(call, std::move(items));
    }
    const RelationSchema *relation = table->relation(relationName);
    if (!relation)
        throw ApiError::notFound(QStringLiteral("Relationship \"%1\" does not exist in table \"%2\".")
                                     .arg(relationName, SchemaAssembler::apiName(*table)));
    return HttpResponse::json(SchemaJson::relation(*relation, call.serviceId));
}
} // namespace

HttpResponse SchemaResource::handle(SqlCall &call)
{
    const RequestContext &ctx = call.ctx;
    QStringList parts = ctx.resourceParts;
    while (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    if (parts.isEmpty() || parts.first() != QLatin1String("_schema"))
        throw ApiError::notFound(
            QStringLiteral("Resource '%1' not found for service '%2'.").arg(ctx.resource, ctx.serviceName));
    // ?refresh=true is handled by SqlService, which hands over a freshly read schema.

    const QByteArray &method = ctx.method;
    if (parts.size() == 1) {
        if (method == "GET" || method == "HEAD")
            return listTables(call);
        if (method == "POST")
            return createOrUpdateTables(call, SchemaDdl::UpdateMode::AddOnly);
        if (method == "PUT")
            return createOrUpdateTables(call, SchemaDdl::UpdateMode::Replace);
        if (method == "PATCH")
            return createOrUpdateTables(call, SchemaDdl::UpdateMode::Merge);
        if (method == "DELETE")
            return dropTables(call);
        throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb for this resource."));
    }
    const QString table = parts.at(1);
    if (parts.size() == 2)
        return handleTable(call, table);
    if (parts.size() <= 4 && parts.at(2) == QLatin1String("_field"))
        return handleFields(call, table, parts.value(3));
    if (parts.size() <= 4 && parts.at(2) == QLatin1String("_related"))
        return handleRelations(call, table, parts.value(3));
    throw ApiError::notFound(
        QStringLiteral("Resource '%1' not found for service '%2'.").arg(ctx.resource, ctx.serviceName));
}
} // namespace gatehouse
