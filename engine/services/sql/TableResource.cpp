#include "TableResource.h"

#include "RecordReader.h"
#include "RecordWriter.h"
#include "SchemaJson.h"
#include "core/ApiError.h"
#include "security/AccessTypes.h"

namespace gatehouse {

HttpResponse TableResource::handle(SqlCall &call)
{
    const QStringList &parts = call.ctx.resourceParts;
    if (parts.size() < 2 || parts.at(1).isEmpty()) {
        switch (call.ctx.verb) {
        case VerbGet:
            return listTables(call);
        case VerbPost:
            throw ApiError::badRequest(QStringLiteral("Tables are created through '_schema', not '_table'."));
        default:
            throw ApiError::methodNotAllowed(
                QStringLiteral("%1 is not supported on '_table'.").arg(QString::fromLatin1(call.ctx.method)));
        }
    }
    if (parts.size() > 3)
        throw ApiError::notFound(QStringLiteral("Resource '%1' not found for service '%2'.")
                                     .arg(call.ctx.resource, call.ctx.serviceName));
    const std::shared_ptr<const TableSchema> table = call.schema->table(parts.at(1));
    if (!table)
        throw ApiError::notFound(
            QStringLiteral("Table \"%1\" does not exist in the database.").arg(parts.at(1)));
    const QString *id = parts.size() == 3 && !parts.at(2).isEmpty() ? &parts.at(2) : nullptr;

    switch (call.ctx.verb) {
    case VerbGet:
        return RecordReader(call, *table).get(id);
    case VerbPost:
        if (id)
            throw ApiError::badRequest(
                QStringLiteral("Create record by identifier not currently supported."));
        return RecordWriter(call, *table).create();
    case VerbPut:
    case VerbPatch:
        return RecordWriter(call, *table).update(id);
    case VerbDelete:
        return RecordWriter(call, *table).remove(id);
    default:
        break;
    }
    throw ApiError::methodNotAllowed(
        QStringLiteral("%1 is not supported on '_table'.").arg(QString::fromLatin1(call.ctx.method)));
}

HttpResponse TableResource::listTables(SqlCall &call)
{
    const RequestContext &ctx = call.ctx;
    const bool asList = ctx.boolParam(QStringLiteral("as_list"));
    const bool includeAccess = ctx.boolParam(QStringLiteral("include_access"));
    const QString fields = listParam(ctx, {"fields", "select"}).trimmed();
    const QString schemaFilter = ctx.param(QStringLiteral("schema")).trimmed();

    static const QStringList kKnown = {QStringLiteral("name"),        QStringLiteral("label"),
                                       QStringLiteral("plural"),      QStringLiteral("is_view"),
                                       QStringLiteral("description"), QStringLiteral("native"),
                                       QStringLiteral("alias"),       QStringLiteral("access")};
    QStringList wanted;
    if (fields == QLatin1String("*")) {
        wanted = kKnown;
    } else if (!fields.isEmpty()) {
        for (const QString &field : fields.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = field.trimmed().toLower();
            if (!kKnown.contains(name))
                throw ApiError::badRequest(
                    QStringLiteral("Invalid field requested: %1").arg(field.trimmed()));
            if (!wanted.contains(name))
                wanted << name;
        }
    } else {
        wanted << QStringLiteral("name");
    }
    if (includeAccess && !wanted.contains(QLatin1String("access")))
        wanted << QStringLiteral("access");

    Json out = Json::array();
    for (const QString &name : call.schema->tableNames) {
        if (!schemaFilter.isEmpty() && !name.startsWith(schemaFilter + QLatin1Char('.'), Qt::CaseInsensitive))
            continue;
        // Only tables the role can do anything with, as DF lists them.
        const int verbs = ctx.allowedVerbs(call.serviceId, QLatin1String("_table/") + name);
        if (verbs == 0)
            continue;
        if (asList) {
            out.push_back(name);
            continue;
        }
        const std::shared_ptr<const TableSchema> table = call.schema->table(name);
        Json entry = Json::object();
        for (const QString &field : std::as_const(wanted)) {
            if (field == QLatin1String("name")) {
                entry["name"] = name;
            } else if (field == QLatin1String("label")) {
                entry["label"] = SchemaJson::label(table ? table->name : name);
            } else if (field == QLatin1String("plural")) {
                entry["plural"] = SchemaJson::plural(SchemaJson::label(table ? table->name : name));
            } else if (field == QLatin1String("is_view")) {
                entry["is_view"] = table && table->isView;
            } else if (field == QLatin1String("description")) {
                entry["description"] = nullptr;
            } else if (field == QLatin1String("native")) {
                entry["native"] = Json::array();
            } else if (field == QLatin1String("alias")) {
                entry["alias"] = nullptr;
            } else if (field == QLatin1String("access")) {
                Json access = Json::array();
                for (const QString &verb : verbNames(verbs))
                    access.push_back(verb);
                entry["access"] = std::move(access);
            }
        }
        out.push_back(std::move(entry));
    }
    return listResponse(call, std::move(out));
}

namespace {
// `wrap=false` in the query or a header asks for a bare array.
bool bareRequested(const HttpRequest &request)
{
    QString wrap = request.queryValue(QStringLiteral("wrap"));
    if (wrap.isEmpty())
        wrap = QString::fromLatin1(request.header("wrap"));
    return wrap.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 || wrap == QLatin1String("0");
}
} // namespace

HttpResponse TableResource::listResponse(const SqlCall &call, const QByteArray &recordsJson, const Json &meta)
{
    const bool hasMeta = meta.is_object() && !meta.empty();
    HttpResponse response;
    if (!hasMeta && bareRequested(call.ctx.request)) {
        response.body = recordsJson;
        return response;
    }
    QByteArray &body = response.body;
    body.reserve(recordsJson.size() + 64);
    body += "{\"resource\":";
    body += recordsJson;
    if (hasMeta) {
        body += ",\"meta\":";
        body += dumpJson(meta);
    }
    body += '}';
    return response;
}

HttpResponse TableResource::listResponse(const SqlCall &call, Json records, Json meta)
{
    // DF wraps whenever there is meta, whatever was asked: a bare array cannot carry it.
    if (bareRequested(call.ctx.request) && (meta.is_null() || meta.empty()))
        return HttpResponse::json(records);
    Json out = Json::object();
    out["resource"] = std::move(records);
    if (meta.is_object() && !meta.empty())
        out["meta"] = std::move(meta);
    return HttpResponse::json(out);
}

Json TableResource::bodyRecords(const Json &body, bool allowSingle)
{
    if (body.is_array())
        return body;
    if (!body.is_object())
        return Json::array();
    const auto it = body.find("resource");
    if (it != body.end()) {
        if (it->is_array())
            return *it;
        if (it->is_object())
            return Json::array({*it});
        return Json::array();
    }
    if (allowSingle && !body.empty())
        return Json::array({body});
    return Json::array();
}

int TableResource::maxBatch(const SqlCall &call)
{
    int limit = 1000;
    const auto it = call.config.find("max_batch_records");
    if (it != call.config.end() && it->is_number_integer() && it->get<qint64>() > 0)
        limit = int(qMin<qint64>(it->get<qint64>(), 100000));
    return limit;
}

QString TableResource::listParam(const RequestContext &ctx, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const QString name = QLatin1String(key);
        if (ctx.request.hasQuery(name))
            return ctx.request.queryValue(name);
        if (!ctx.body.is_object())
            continue;
        const auto it = ctx.body.find(key);
        if (it == ctx.body.end() || it->is_null())
            continue;
        if (!it->is_array())
            return ctx.param(name);
        QStringList parts;
        for (const Json &item : *it)
            parts << (item.is_string() ? QString::fromStdString(item.get<std::string>())
                                       : QString::fromStdString(item.dump()));
        return parts.join(QLatin1Char(','));
    }
    return {};
}

ApiError TableResource::recordNotFound(const QString &id)
{
    return ApiError::notFound(QStringLiteral("Record with identifier '%1' not found.").arg(id));
}
} // namespace gatehouse
