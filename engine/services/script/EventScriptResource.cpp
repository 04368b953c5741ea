#include "EventScriptResource.h"

#include <QSqlQuery>

#include "EventScriptNames.h"
#include "ScriptService.h"
#include "services/RequestContext.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {

bool isId(const QString &text)
{
    bool ok = false;
    return text.toLongLong(&ok) > 0 && ok;
}

void checkLimit(const Json &config, const char *key, qint64 max)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return;
    if (!it->is_number_integer() || it->get<qint64>() < 1 || it->get<qint64>() > max)
        throw ApiError::badRequest(QStringLiteral("config.%1 must be an integer between 1 and %2.")
                                       .arg(QLatin1String(key))
                                       .arg(max));
}
} // namespace

EventScriptResource::EventScriptResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("event_script"), QStringLiteral("event_script"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 512},
                         {QStringLiteral("type"), FieldType::String, true, false, false, 32},
                         {QStringLiteral("content"), FieldType::Text, true, true, false, 1024 * 1024},
                         {QStringLiteral("config"), FieldType::Json, true, false, false},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("allow_event_modification"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

QStringList EventScriptResource::uniqueFields() const
{
    return {QStringLiteral("name")};
}

void EventScriptResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("name")) {
        if (!record["name"].is_string())
            throw ApiError::badRequest(QStringLiteral("Field 'name' must be a string."));
        QString name = QString::fromStdString(record["name"].get<std::string>()).trimmed();
        // The service segment is matched lower-case, as the gate routes it.
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (dot > 0)
            name = name.left(dot).toLower() + name.mid(dot);
        if (!EventScriptNames::isValid(name))
            throw ApiError::badRequest(
                QStringLiteral("Field 'name' must be an event name such as "
                               "'db._table.orders.get.pre_process' ({service}.{path}.{verb}.pre_process or "
                               ".post_process; see GET /api/v2/system/event)."));
        // A script here could lock every admin out of the API that removes it.
        if (name.startsWith(QLatin1String("system.event_script")))
            throw ApiError::badRequest(QStringLiteral("Event scripts can not hook system.event_script."));
        record["name"] = name.toStdString();
    }
    if (record.contains("type")) {
        if (!record["type"].is_string() || record["type"].get<std::string>() != "javascript")
            throw ApiError::badRequest(QStringLiteral("Field 'type' must be 'javascript'."));
    } else if (operation == Operation::Create) {
        record["type"] = "javascript";
    }
    if (record.contains("config") && !record["config"].is_null()) {
        const Json &config = record["config"];
        if (!config.is_object())
            throw ApiError::badRequest(QStringLiteral("Field 'config' must be a JSON object."));
        if (config.contains("allowed_hosts") && !config["allowed_hosts"].is_null()) {
            if (!config["allowed_hosts"].is_array())
                throw ApiError::badRequest(
                    QStringLiteral("config.allowed_hosts must be a list of host names."));
            for (const Json &host : config["allowed_hosts"])
                if (!host.is_string())
                    throw ApiError::badRequest(
                        QStringLiteral("config.allowed_hosts must be a list of host names."));
        }
        checkLimit(config, "cpu_limit_ms", 3600000);
        checkLimit(config, "memory_limit_mb", 65536);
    } else if (record.contains("config") || operation == Operation::Create) {
        record["config"] = Json::object();
    }
    if (record.contains("content")) {
        if (!record["content"].is_string())
            throw ApiError::badRequest(QStringLiteral("Field 'content' must be a string."));
        const QString content = QString::fromStdString(record["content"].get<std::string>());
        if (content.trimmed().isEmpty())
            throw ApiError::badRequest(QStringLiteral("Field 'content' must hold the script."));
        const QString name = record.contains("name") && record["name"].is_string()
                                 ? QString::fromStdString(record["name"].get<std::string>())
                                 : QStringLiteral("event script");
        if (const auto error = ScriptService::syntaxError(name, content))
            throw ApiError(400, ScriptService::failureMessage(name, *error),
                           Json{{"line", error->line}, {"message", error->message.toStdString()}});
    }
    if (operation == Operation::Create) {
        if (!record.contains("is_active"))
            record["is_active"] = true;
        if (!record.contains("allow_event_modification"))
            record["allow_event_modification"] = false;
    }
}

void EventScriptResource::handleNamed(std::shared_ptr<const RequestContext> context, const QStringList &path,
                                      Service::Completion done)
{
    if (!context->session.isSysAdmin()) {
        done(HttpResponse::fromError(
            ApiError::forbidden(QStringLiteral("Event scripts are managed by system administrators only."))));
        return;
    }
    if (path.size() != 1 || isId(path.first())) {
        handle(std::move(context), path, std::move(done));
        return;
    }
    const QString name = path.first();
    if (context->verb == VerbPost) {
        // POST /system/event_script/{name} with one record: the name comes from the path.
        auto copy = std::make_shared<RequestContext>(*context);
        if (!copy->body.is_object() || copy->body.contains("resource"))
            throw ApiError::badRequest(
                QStringLiteral("POST /system/event_script/{name} takes one event script object."));
        copy->body["name"] = name.toStdString();
        handle(std::move(copy), {}, std::move(done));
        return;
    }
    auto self = std::static_pointer_cast<EventScriptResource>(shared_from_this());
    store().submitRead(
        [name](QSqlDatabase &db) {
            QSqlQuery query = run(db, QStringLiteral("SELECT id FROM event_script WHERE name = ?"), {name});
            if (!query.next())
                return HttpResponse::fromError(
                    ApiError::notFound(QStringLiteral("Event script '%1' not found.").arg(name)));
            return HttpResponse::json(Json{{"id", query.value(0).toLongLong()}});
        },
        [self, context, done](HttpResponse found) {
            if (found.status != 200) {
                done(std::move(found));
                return;
            }
            const Json id = parseJsonOrDiscarded(found.body);
            self->handle(context, {QString::number(id["id"].get<qint64>())}, done);
        });
}
} // namespace gatehouse
