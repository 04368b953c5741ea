#include "OpenApiBuilder.h"

#include <QRegularExpression>
#include <QSet>

#include "security/Rbac.h"
#include "services/RequestContext.h"
#include "services/Service.h"

namespace gatehouse {
namespace {

const char *const kMethods[] = {"get", "post", "put", "patch", "delete"};

int verbOf(const std::string &method)
{
    if (method == "get")
        return VerbGet;
    if (method == "post")
        return VerbPost;
    if (method == "put")
        return VerbPut;
    if (method == "patch")
        return VerbPatch;
    if (method == "delete")
        return VerbDelete;
    return 0;
}

bool isMethod(const std::string &key)
{
    return verbOf(key) != 0;
}

std::string s(const QString &text)
{
    return text.toStdString();
}

// "_table/*" → "TableById", "session" → "Session": a readable operationId stem.
QString pascal(const QString &component)
{
    QString out;
    for (const QString &segment : component.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment == QLatin1String("*")) {
            out += QStringLiteral("ById");
            continue;
        }
        for (const QString &word :
             segment.split(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), Qt::SkipEmptyParts))
            out += word.left(1).toUpper() + word.mid(1);
    }
    return out.isEmpty() ? QStringLiteral("Resources") : out;
}

// Every "$ref" to a schema in `value` whose name satisfies `rename` is rewritten.
void renameRefs(Json &value, const std::function<QString(const QString &)> &rename)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it.key() == "$ref" && it->is_string()) {
                const QString target = QString::fromStdString(it->get<std::string>());
                const QString prefix = QStringLiteral("#/components/schemas/");
                if (target.startsWith(prefix))
                    *it = s(prefix + rename(target.mid(prefix.size())));
            } else {
                renameRefs(*it, rename);
            }
        }
    } else if (value.is_array()) {
        for (Json &item : value)
            renameRefs(item, rename);
    }
}

void collectRefs(const Json &value, QSet<QString> &names)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it.key() == "$ref" && it->is_string()) {
                const QString target = QString::fromStdString(it->get<std::string>());
                const QString prefix = QStringLiteral("#/components/schemas/");
                if (target.startsWith(prefix))
                    names.insert(target.mid(prefix.size()));
            } else {
                collectRefs(*it, names);
            }
        }
    } else if (value.is_array()) {
        for (const Json &item : value)
            collectRefs(item, names);
    }
}

Json errorResponses()
{
    Json responses = Json::object();
    for (const char *code : {"400", "401", "403", "404", "429", "500", "default"})
        responses[code] = {{"$ref", "#/components/responses/Error"}};
    return responses;
}

Json infoFor(const Service &service)
{
    const QString title = service.info().label.isEmpty() ? service.info().name : service.info().label;
    Json info{{"title", s(title)}, {"version", "2.0"}};
    info["description"] =
        s(service.info().description.isEmpty()
              ? QStringLiteral("Service '%1' (%2).").arg(service.info().name, service.info().type)
              : service.info().description);
    return info;
}
} // namespace

Json OpenApiBuilder::operation(const QString &operationId, const QString &summary, const QString &component,
                               Json parameters, Json requestSchema, Json responseSchema,
                               const QString &description)
{
    Json op{{"operationId", s(operationId)}, {"summary", s(summary)}, {"x-gh-component", s(component)}};
    if (!description.isEmpty())
        op["description"] = s(description);
    if (!parameters.empty())
        op["parameters"] = std::move(parameters);
    if (!requestSchema.is_null())
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", std::move(requestSchema)}}}}}};
    Json ok{{"description", "Success"}};
    ok["content"] = {{"application/json",
                      {{"schema", responseSchema.is_null() ? Json::object() : std::move(responseSchema)}}}};
    op["responses"] = {{"200", std::move(ok)}};
    return op;
}

Json OpenApiBuilder::queryParam(const char *name, const char *type, const QString &description)
{
    return {{"name", name}, {"in", "query"}, {"description", s(description)}, {"schema", {{"type", type}}}};
}

Json OpenApiBuilder::pathParam(const char *name, const QString &description)
{
    return {{"name", name},
            {"in", "path"},
            {"required", true},
            {"description", s(description)},
            {"schema", {{"type", "string"}}}};
}

Json OpenApiBuilder::ref(const QString &schemaName)
{
    return {{"$ref", s(QStringLiteral("#/components/schemas/") + schemaName)}};
}

Json OpenApiBuilder::sharedSchemas()
{
    Json error{{"type", "object"},
               {"description", "DreamFactory error envelope."},
               {"properties",
                {{"error",
                  {{"type", "object"},
                   {"properties",
                    {{"code", {{"type", "integer"}}},
                     {"status_code", {{"type", "integer"}}},
                     {"message", {{"type", "string"}}},
                     {"context", Json::object()}}}}}}}};
    Json record{{"type", "object"}, {"additionalProperties", true}};
    Json records{{"type", "object"}};
    records["properties"]["resource"] = {{"type", "array"}, {"items", ref(QStringLiteral("Record"))}};
    records["properties"]["meta"] = {{"type", "object"}, {"additionalProperties", true}};
    Json item{{"type", "object"}};
    item["properties"]["name"] = {{"type", "string"}};
    Json list{{"type", "object"}};
    list["properties"]["resource"] = {{"type", "array"}, {"items", item}};
    Json out = Json::object();
    out["Error"] = error;
    out["Record"] = record;
    out["Records"] = records;
    out["RecordsRequest"] = records;
    out["ResourceList"] = list;
    return out;
}

bool OpenApiBuilder::isSharedSchema(const QString &name)
{
    static const QSet<QString> names{QStringLiteral("Error"), QStringLiteral("Record"),
                                     QStringLiteral("Records"), QStringLiteral("RecordsRequest"),
                                     QStringLiteral("ResourceList")};
    return names.contains(name);
}

Json OpenApiBuilder::pathsFromOperations(const QList<OpenApiOperation> &operations)
{
    Json paths = Json::object();
    static const QRegularExpression parameter(QStringLiteral("\\{([A-Za-z0-9_]+)\\}"));
    for (const OpenApiOperation &op : operations) {
        Json &item = paths[op.path];
        Json params = Json::array();
        for (const QRegularExpressionMatch &m : parameter.globalMatch(QLatin1String(op.path)))
            params.push_back(pathParam(m.captured(1).toUtf8().constData(), QStringLiteral("Name.")));
        if (!params.empty())
            item["parameters"] = params;
        item[op.method] =
            operation(QLatin1String(op.operationId), QLatin1String(op.summary), QLatin1String(op.component),
                      Json::array(), op.requestSchema ? ref(QLatin1String(op.requestSchema)) : Json(nullptr),
                      op.responseSchema ? ref(QLatin1String(op.responseSchema)) : Json(nullptr));
    }
    return paths;
}

Json OpenApiBuilder::genericPaths(const Service &service)
{
    Json paths = Json::object();
    QSet<QString> done;
    for (const QString &raw : service.accessComponents()) {
        const QString component = raw.trimmed();
        if (component == QLatin1String("*") || done.contains(component))
            continue;
        done.insert(component);
        if (component.isEmpty()) {
            paths["/"]["get"] = operation(QStringLiteral("getResources"),
                                          QStringLiteral("List the resources of the service."), QString(),
                                          Json::array(), nullptr, ref(QStringLiteral("ResourceList")));
            continue;
        }
        const bool templated = component.endsWith(QLatin1String("/*"));
        const QString base = templated ? component.chopped(2) : component;
        // Concrete children ("_table/orders") are described by their templated parent.
        if (!templated && base.contains(QLatin1Char('/')) &&
            service.accessComponents().contains(base.section(QLatin1Char('/'), 0, -2) + QLatin1String("/*")))
            continue;
        const QString path = QLatin1Char('/') + base + (templated ? QStringLiteral("/{id}") : QString());
        Json &item = paths[s(path)];
        if (templated)
            item["parameters"] = Json::array({pathParam("id", QStringLiteral("Identifier of the item."))});
        const QString stem = pascal(component);
        const struct
        {
            const char *method;
            const char *verb;
            const char *words;
        } verbs[] = {{"get", "get", "Read"},
                     {"post", "create", "Create"},
                     {"put", "replace", "Replace"},
                     {"patch", "update", "Update"},
                     {"delete", "delete", "Delete"}};
        for (const auto &v : verbs) {
            const bool body = verbOf(v.method) & (VerbPost | VerbPut | VerbPatch);
            item[v.method] = operation(
                QLatin1String(v.verb) + stem, QStringLiteral("%1 %2.").arg(QLatin1String(v.words), path),
                component, Json::array(),
                body ? Json{{"type", "object"}, {"additionalProperties", true}} : Json(nullptr));
        }
    }
    return paths;
}

bool OpenApiBuilder::mayUse(const Service &service, const RequestContext &caller, const QString &rawComponent,
                            int verb)
{
    if (caller.session.isSysAdmin())
        return true;
    const QString component = Rbac::normalizeComponent(rawComponent);
    if (service.isPublicRoute(component.endsWith(QLatin1String("/*")) ? component.chopped(2) : component,
                              verb))
        return true;
    if (component == QLatin1String("_spec") && service.info().id == 0)
        return true; // built-in services cannot be granted; their description is open to callers
    if (service.authorizesItself())
        return bool(caller.session.role);
    const qint64 id = service.info().id;
    if (caller.allowedVerbs(id, component) & verb)
        return true;
    if (component.endsWith(QLatin1String("/*"))) {
        const QString prefix = component.chopped(1);
        for (const QString &other : service.accessComponents()) {
            const QString concrete = Rbac::normalizeComponent(other);
            if (concrete.startsWith(prefix) && concrete != component &&
                !concrete.endsWith(QLatin1Char('*')) && (caller.allowedVerbs(id, concrete) & verb))
                return true;
        }
    }
    // The gate lets a role with any access on the service read its root and lists.
    if (verb == VerbGet &&
        (component.isEmpty() || component == QLatin1String("_schema") ||
         component == QLatin1String("_table") || component == QLatin1String("_proc") ||
         component == QLatin1String("_func")) &&
        caller.session.role) {
        for (const AccessRule &rule : caller.session.role->rules)
            if ((!rule.serviceId || *rule.serviceId == id) && (rule.requestorMask & caller.requestor) &&
                rule.verbMask != 0)
                return true;
    }
    return false;
}

Json OpenApiBuilder::filterPaths(const Json &paths, const Service &service, const RequestContext &caller)
{
    Json out = Json::object();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        Json item = Json::object();
        bool any = false;
        for (auto op = it->begin(); op != it->end(); ++op) {
            if (!isMethod(op.key())) {
                item[op.key()] = *op;
                continue;
            }
            Json operation = *op;
            const QString component =
                QString::fromStdString(operation.value("x-gh-component", std::string()));
            if (!mayUse(service, caller, component, verbOf(op.key())))
                continue;
            operation.erase("x-gh-component");
            static const Json errors = errorResponses();
            for (auto [code, response] : errors.items())
                if (!operation["responses"].contains(code))
                    operation["responses"][code] = response;
            item[op.key()] = std::move(operation);
            any = true;
        }
        if (any)
            out[it.key()] = std::move(item);
    }
    return out;
}

Json OpenApiBuilder::securitySchemes(bool all)
{
    Json schemes{{"ApiKeyHeader", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-DreamFactory-API-Key"}}},
                 {"SessionTokenHeader",
                  {{"type", "apiKey"}, {"in", "header"}, {"name", "X-DreamFactory-Session-Token"}}}};
    if (all) {
        schemes["BasicAuth"] = {{"type", "http"}, {"scheme", "basic"}};
        schemes["BearerAuth"] = {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}};
        schemes["ApiKeyQuery"] = {{"type", "apiKey"}, {"in", "query"}, {"name", "api_key"}};
        schemes["SessionTokenQuery"] = {{"type", "apiKey"}, {"in", "query"}, {"name", "session_token"}};
    }
    return schemes;
}

Json OpenApiBuilder::serviceDocument(const Service &service, const RequestContext &caller, bool expand,
                                     bool allSchemes)
{
    Json described = service.openApi(caller, expand);
    Json paths = described.value("paths", Json::object());
    paths["/_spec"]["get"] = operation(
        QStringLiteral("getServiceSpec"), QStringLiteral("This service's OpenAPI document or data model."),
        QStringLiteral("_spec"),
        Json::array(
            {queryParam("compact", "boolean", QStringLiteral("Endpoints as a flat list.")),
             queryParam("resource_name", "string", QStringLiteral("Only paths of this resource.")),
             queryParam("model", "boolean", QStringLiteral("The compact data model (databases).")),
             queryParam("stock", "boolean", QStringLiteral("With model: no samples, enums or templates."))}));
    Json components = described.value("components", Json::object());
    Json schemas = sharedSchemas();
    if (components.contains("schemas"))
        for (auto it = components["schemas"].begin(); it != components["schemas"].end(); ++it)
            schemas[it.key()] = *it;
    components["schemas"] = std::move(schemas);
    components["responses"]["Error"] = {
        {"description", "Error"},
        {"content", {{"application/json", {{"schema", ref(QStringLiteral("Error"))}}}}}};
    components["securitySchemes"] = securitySchemes(allSchemes);

    Json security = Json::array();
    for (auto it = components["securitySchemes"].begin(); it != components["securitySchemes"].end(); ++it)
        security.push_back({{it.key(), Json::array()}});

    const std::string tag = s(service.info().name);
    Json filtered = filterPaths(paths, service, caller);
    for (auto &[path, item] : filtered.items())
        for (auto &[method, op] : item.items())
            if (isMethod(method))
                op["tags"] = Json::array({tag});
    Json doc{{"openapi", kVersion},
             {"info", infoFor(service)},
             {"servers", Json::array({{{"url", s(QStringLiteral("/api/v2/") + service.info().name)}}})},
             {"security", security},
             {"tags", Json::array({{{"name", tag}, {"description", infoFor(service)["description"]}}})},
             {"paths", std::move(filtered)},
             {"components", std::move(components)}};
    for (auto it = described.begin(); it != described.end(); ++it)
        if (QString::fromStdString(it.key()).startsWith(QLatin1String("x-")))
            doc[it.key()] = *it;
    return doc;
}

Json OpenApiBuilder::combinedDocument(const QList<std::shared_ptr<Service>> &services,
                                      const RequestContext &caller, bool expand)
{
    Json paths = Json::object();
    Json schemas = sharedSchemas();
    Json tags = Json::array();
    Json components;
    for (const std::shared_ptr<Service> &service : services) {
        Json doc = serviceDocument(*service, caller, expand, true);
        // A service whose only operation left is its own _spec is not one the caller can reach.
        if (doc["paths"].empty() || (doc["paths"].size() == 1 && doc["paths"].contains("/_spec")))
            continue;
        if (components.is_null())
            components = doc["components"];
        const QString name = service->info().name;
        const auto rename = [&name](const QString &schema) {
            return isSharedSchema(schema) ? schema : name + QLatin1Char('.') + schema;
        };
        renameRefs(doc["paths"], rename);
        for (auto &[schema, value] : doc["components"]["schemas"].items()) {
            if (isSharedSchema(QString::fromStdString(schema)))
                continue;
            renameRefs(value, rename);
            schemas[s(rename(QString::fromStdString(schema)))] = value;
        }
        for (auto &[path, item] : doc["paths"].items()) {
            for (auto &[method, op] : item.items())
                if (isMethod(method))
                    op["operationId"] = s(name) + "_" + op["operationId"].get<std::string>();
            const std::string full = "/" + s(name) + (path == "/" ? std::string() : path);
            paths[full] = item;
        }
        tags.push_back(doc["tags"][0]);
    }
    if (components.is_null()) {
        components["responses"]["Error"] = {
            {"description", "Error"},
            {"content", {{"application/json", {{"schema", ref(QStringLiteral("Error"))}}}}}};
        components["securitySchemes"] = securitySchemes(true);
    }
    components["schemas"] = std::move(schemas);
    Json security = Json::array();
    for (auto it = components["securitySchemes"].begin(); it != components["securitySchemes"].end(); ++it)
        security.push_back({{it.key(), Json::array()}});
    return {{"openapi", kVersion},
            {"info",
             {{"title", "Gatehouse API"},
              {"version", "2.0"},
              {"description", "Every service the caller can reach, with the operations its role allows."}}},
            {"servers", Json::array({{{"url", "/api/v2"}}})},
            {"security", std::move(security)},
            {"tags", std::move(tags)},
            {"paths", std::move(paths)},
            {"components", std::move(components)}};
}

Json OpenApiBuilder::compact(const Json &document)
{
    Json endpoints = Json::array();
    for (auto &[path, item] : document["paths"].items()) {
        for (auto &[method, op] : item.items()) {
            if (!isMethod(method))
                continue;
            Json parameters = Json::array();
            const auto describe = [&parameters](const Json &p) {
                parameters.push_back(p.value("name", std::string()) + " (" + p.value("in", std::string()) +
                                     ", " +
                                     (p.contains("schema") ? p["schema"].value("type", std::string("string"))
                                                           : std::string("string")) +
                                     ")");
            };
            if (item.contains("parameters"))
                for (const Json &p : item["parameters"])
                    describe(p);
            if (op.contains("parameters"))
                for (const Json &p : op["parameters"])
                    describe(p);
            endpoints.push_back({{"path", path},
                                 {"method", QString::fromStdString(method).toUpper().toStdString()},
                                 {"summary", op.value("summary", std::string())},
                                 {"operationId", op.value("operationId", std::string())},
                                 {"parameters", std::move(parameters)},
                                 {"has_request_body", op.contains("requestBody")}});
        }
    }
    Json out{{"openapi", document["openapi"]},
             {"info", document["info"]},
             {"servers", document["servers"]},
             {"security", document["security"]}};
    for (auto it = document.begin(); it != document.end(); ++it)
        if (QString::fromStdString(it.key()).startsWith(QLatin1String("x-")))
            out[it.key()] = *it;
    out["endpoint_count"] = endpoints.size();
    out["endpoints"] = std::move(endpoints);
    return out;
}

Json OpenApiBuilder::forResource(const Json &document, const QString &resource)
{
    Json paths = Json::object();
    for (auto &[path, item] : document["paths"].items()) {
        const QStringList segments = QString::fromStdString(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (const QString &segment : segments)
            if (segment.compare(resource, Qt::CaseInsensitive) == 0) {
                paths[path] = item;
                break;
            }
    }
    if (paths.empty())
        return nullptr;
    // The schemas the kept paths reference, and the ones those reference in turn.
    const Json &all = document["components"]["schemas"];
    QSet<QString> wanted{QStringLiteral("Error")};
    collectRefs(paths, wanted);
    QSet<QString> seen;
    QList<QString> queue(wanted.begin(), wanted.end());
    Json schemas = Json::object();
    while (!queue.isEmpty()) {
        const QString name = queue.takeFirst();
        if (seen.contains(name))
            continue;
        seen.insert(name);
        const std::string key = s(name);
        if (!all.contains(key))
            continue;
        schemas[key] = all[key];
        QSet<QString> more;
        collectRefs(all[key], more);
        for (const QString &next : more)
            queue.append(next);
    }
    Json out = document;
    out["paths"] = std::move(paths);
    out["components"]["schemas"] = std::move(schemas);
    return out;
}
} // namespace gatehouse
