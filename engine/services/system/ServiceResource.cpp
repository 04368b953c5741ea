#include "ServiceResource.h"

#include <spdlog/spdlog.h>

#include <QFutureSynchronizer>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "security/SecretStore.h"
#include "services/RequestContext.h"
#include "services/ServiceManager.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
// Connection tests can wait seconds on an unreachable host: they get their own small pool so
// they hold neither the system database workers nor the password-hashing threads.
QThreadPool *validationPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(2);
        p->setObjectName(QStringLiteral("service-validation"));
        return p;
    }();
    return pool;
}

const QString kSecretScope = QStringLiteral("service");

// Reveals the protected strings of a stored config (only secret fields, at the top level, are
// ever protected). Worker thread.
void reveal(Json &config, const SecretStore &secrets)
{
    for (auto &item : config) {
        if (item.is_string() && SecretStore::isProtected(item.get<QString>())) {
            if (const auto plain = secrets.reveal(item.get<QString>()))
                item = *plain;
        }
    }
}

// The stored row's type and config (at-rest text as stored). Worker, inside the transaction.
std::pair<QString, Json> storedConfig(QSqlDatabase &db, qint64 id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT type, config FROM service WHERE id = ?"));
    query.addBindValue(QVariant::fromValue<qlonglong>(id));
    if (!query.exec()) {
        spdlog::error("system database: reading a service failed: {}",
                      query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    if (!query.next())
        return {QString(), Json::object()};
    Json config = parseJsonOrDiscarded(query.value(1).toString().toUtf8());
    return {query.value(0).toString(), config.is_object() ? config : Json::object()};
}
} // namespace

ServiceResource::ServiceResource(SystemStore &store, ServiceManager &services)
    : RecordResource(store, QStringLiteral("service"), QStringLiteral("service"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("name"), FieldType::String, true, true, false, 64},
                         {QStringLiteral("label"), FieldType::String, true, false, false, 255},
                         {QStringLiteral("description"), FieldType::Text, true, false, true, 4000},
                         {QStringLiteral("is_active"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("type"), FieldType::String, true, true, false, 64},
                         {QStringLiteral("config"), FieldType::Json, true, false, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
    , m_services(services)
{
}

bool ServiceResource::isReservedName(const QString &name)
{
    // Names the gateway routes itself or will: built-in services and the AI drop-in endpoint.
    static const QStringList reserved{
        QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("api_docs"),
        QStringLiteral("status"), QStringLiteral("api"),  QStringLiteral("admin"),
        QStringLiteral("docs"),   QStringLiteral("mcp"),  QStringLiteral("console")};
    return reserved.contains(name) || name.startsWith(QLatin1Char('_'));
}

QStringList ServiceResource::presentKeys() const
{
    return {QStringLiteral("type"), QStringLiteral("config")};
}

QStringList ServiceResource::uniqueFields() const
{
    return {QStringLiteral("name")};
}

int ServiceResource::reloadFlags() const
{
    // Deleting a service removes its access rules (foreign key), so access changes too.
    return SystemStore::ReloadAll;
}

QStringList ServiceResource::secretFields(const QString &type) const
{
    // Types are registered at start-up, before requests are served; lookups are read-only.
    const ServiceType *t = m_services.type(type);
    return t ? t->secretFields : QStringList();
}

void ServiceResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    if (record.contains("name")) {
        static const QRegularExpression pattern(QStringLiteral("^[_0-9a-zA-Z\\-.]+$"));
        const QString name = record["name"].get<QString>().trimmed().toLower();
        if (!pattern.match(name).hasMatch())
            throw ApiError::badRequest(
                QStringLiteral("Service name '%1' is invalid: use letters, digits, '_', '-' and '.' only.")
                    .arg(record["name"].get<QString>()));
        if (isReservedName(name))
            throw ApiError::badRequest(QStringLiteral("Service name '%1' is reserved.").arg(name));
        record["name"] = name;
    }
    if (record.contains("config") && !record["config"].is_object())
        throw ApiError::badRequest(QStringLiteral("Field 'config' must be a JSON object."));
    if (record.contains("type")) {
        const QString type = record["type"].get<QString>();
        const ServiceType *t = m_services.type(type);
        if (!t)
            throw ApiError::badRequest(QStringLiteral("Unknown service type '%1'.").arg(type));
        if (t->builtIn)
            throw ApiError::badRequest(
                QStringLiteral("Services of type '%1' cannot be created or changed.").arg(type));
    }
    if (operation == Operation::Create) {
        if (!record.contains("label") || record["label"].is_null())
            record["label"] = record["name"];
        if (!record.contains("config"))
            record["config"] = Json::object();
    }
}

void ServiceResource::preprocess(std::shared_ptr<Job> job, std::function<void()> next) const
{
    if (job->operation == Operation::Delete) {
        next();
        return;
    }
    // 1. Read the stored definitions the updates apply to (secrets unsealed, kept in memory
    //    only for the merge and the test).
    QList<qint64> ids;
    for (const Item &item : job->items)
        if (!item.error && item.id)
            ids << *item.id;
    struct Stored
    {
        QHash<qint64, ServiceInfo> services;
        bool failed = false;
    };
    auto self = std::static_pointer_cast<const ServiceResource>(shared_from_this());
    const ConnectionSpec spec = store().connectionSpec();
    const SecretStore *secrets = &store().secretStore(); // the store outlives its executor's jobs
    store().executor().submit(
        [ids, spec, secrets](QSqlDatabase &db) {
            Stored stored;
            if (ids.isEmpty())
                return stored;
            try {
                DbExecutor::ensureOpen(db, spec);
                for (const qint64 id : ids) {
                    QSqlQuery query =
                        run(db,
                            QStringLiteral("SELECT id, name, label, description, is_active, type, config "
                                           "FROM service WHERE id = ?"),
                            {QVariant::fromValue<qlonglong>(id)});
                    if (!query.next())
                        continue;
                    ServiceInfo info;
                    info.id = id;
                    info.name = query.value(1).toString();
                    info.label = query.value(2).toString();
                    info.description = query.value(3).toString();
                    info.isActive = query.value(4).toInt() != 0;
                    info.type = query.value(5).toString();
                    info.config = parseJsonOrDiscarded(query.value(6).toString().toUtf8());
                    if (!info.config.is_object())
                        info.config = Json::object();
                    reveal(info.config, *secrets);
                    stored.services.insert(id, info);
                }
            } catch (const std::exception &) {
                stored.failed = true;
            }
            return stored;
        },
        [self, job, next = std::move(next)](Stored stored) mutable {
            // 2. Merge on the event loop, then 3. validate on the pool.
            struct Check
            {
                int index;
                ServiceInfo info;
                const ServiceType *type;
            };
            QList<Check> checks;
            for (int i = 0; i < job->items.size(); ++i) {
                Item &item = job->items[i];
                if (item.error)
                    continue;
                if (stored.failed) {
                    item.error = ApiError(
                        503, QStringLiteral("The system database is not available. Try again later."));
                    continue;
                }
                try {
                    const Json &record = item.record;
                    ServiceInfo info;
                    bool validate = job->operation == Operation::Create;
                    if (item.id) {
                        const auto it = stored.services.constFind(*item.id);
                        if (it == stored.services.constEnd())
                            continue; // the database job answers 404
                        info = it.value();
                        if (info.type == QLatin1String("system"))
                            throw ApiError::badRequest(
                                QStringLiteral("The system service cannot be modified."));
                        if (record.contains("type") && record["type"].get<QString>() != info.type)
                            throw ApiError::badRequest(
                                QStringLiteral("The type of a service cannot be changed."));
                        if (record.contains("config"))
                            validate = true;
                        if (record.contains("is_active") && !info.isActive)
                            validate = true; // being switched on, perhaps
                    } else {
                        info.type = record["type"].get<QString>();
                        info.config = Json::object();
                    }
                    if (record.contains("name"))
                        info.name = record["name"].get<QString>();
                    if (record.contains("label") && record["label"].is_string())
                        info.label = record["label"].get<QString>();
                    if (record.contains("is_active"))
                        info.isActive = toColumnValue(QStringLiteral("is_active"), FieldType::Boolean,
                                                      record["is_active"])
                                            .toInt() != 0;
                    const QStringList secretFields = self->secretFields(info.type);
                    QStringList changedSecrets;
                    if (record.contains("config")) {
                        // Top-level keys are merged (DF updates the keys it is sent); the mask
                        // written back means "unchanged", null removes the key (as in a JSON
                        // merge patch: the console clears a field that way).
                        for (auto it = record["config"].begin(); it != record["config"].end(); ++it) {
                            const QString key = QString::fromStdString(it.key());
                            if (secretFields.contains(key)) {
                                if (it->is_string() && it->get<QString>() == mask())
                                    continue;
                                if (!it->is_string() && !it->is_null())
                                    throw ApiError::badRequest(
                                        QStringLiteral("Field 'config.%1' must be a string.").arg(key));
                                changedSecrets << key;
                            } else if (it->is_string() && SecretStore::isProtected(it->get<QString>())) {
                                // Only secret fields are revealed; at-rest text elsewhere could
                                // be another service's secret copied in.
                                throw ApiError::badRequest(
                                    QStringLiteral("Field 'config.%1' holds a reserved value.").arg(key));
                            }
                            if (it->is_null())
                                info.config.erase(it.key());
                            else
                                info.config[it.key()] = it.value();
                        }
                    }
                    const ServiceType *type = self->m_services.type(info.type);
                    if (!type)
                        throw ApiError::badRequest(
                            QStringLiteral("Unknown service type '%1'.").arg(info.type));
                    // An inactive service is not tested, so one can be staged before its
                    // database exists; switching it on tests it.
                    if (validate && info.isActive && type->validate)
                        checks.append({i, info, type});
                    // What goes to the database job: the merged config, new secrets still
                    // plain (protected there, on the worker: a keychain write waits) and
                    // unchanged ones as the mask, which the job turns back into the at-rest
                    // text the row holds at that moment.
                    if (record.contains("config")) {
                        Json stored = info.config;
                        for (const QString &key : secretFields) {
                            auto it = stored.find(key.toStdString());
                            if (it != stored.end() && it->is_string() && !it->get<QString>().isEmpty() &&
                                !changedSecrets.contains(key))
                                *it = mask();
                        }
                        item.record["config"] = stored;
                    }
                } catch (const ApiError &error) {
                    item.error = error;
                } catch (const std::exception &) {
                    // A value of an unexpected JSON type; nothing may escape into the event loop.
                    item.error = ApiError::badRequest(QStringLiteral("The service definition is malformed."));
                }
            }
            if (checks.isEmpty()) {
                next();
                return;
            }
            const ServiceEnvironment env = self->m_services.environment();
            auto future = QtConcurrent::run(validationPool(), [checks, env]() {
                QList<QPair<int, QString>> failures;
                for (const Check &check : checks) {
                    QString message;
                    try {
                        message = check.type->validate(check.info, env);
                    } catch (const std::exception &e) {
                        spdlog::warn("service validation threw: {}", e.what());
                        message = QStringLiteral("The service configuration could not be validated.");
                    }
                    if (!message.isEmpty())
                        failures.append({check.index, message});
                }
                return failures;
            });
            future.then(&self->store(),
                        [job, next = std::move(next)](QList<QPair<int, QString>> failures) mutable {
                            for (const auto &[index, message] : failures)
                                job->items[index].error = ApiError::badRequest(message);
                            next();
                        });
        });
}

void ServiceResource::protectSecrets(QSqlDatabase &db, Item &item) const
{
    auto config = item.record.find("config");
    if (config == item.record.end() || !config->is_object())
        return;
    const auto [storedType, stored] =
        item.id ? storedConfig(db, *item.id) : std::pair<QString, Json>{QString(), Json::object()};
    const QString type = item.record.contains("type") ? item.record["type"].get<QString>() : storedType;
    const SecretStore &secrets = store().secretStore();
    for (const QString &key : secretFields(type)) {
        const std::string name = key.toStdString();
        const auto old = stored.find(name);
        const QString oldText = old != stored.end() && old->is_string() ? old->get<QString>() : QString();
        auto it = config->find(name);
        if (it == config->end() || !it->is_string() || it->get<QString>().isEmpty()) {
            if (SecretStore::isProtected(oldText))
                secrets.release(kSecretScope, oldText);
            continue;
        }
        if (it->get<QString>() == mask()) {
            // Unchanged: whatever the row holds now (another write may have replaced it)...
            if (!SecretStore::isProtected(oldText)) {
                config->erase(it);
                continue;
            }
            *it = oldText;
            // ...moved to the active backend when it was sealed before the keychain was used.
            if (secrets.isCurrent(oldText))
                continue;
            const auto plain = secrets.reveal(oldText);
            if (!plain)
                continue;
            const QString moved = secrets.protect(*plain);
            *it = moved;
            secrets.release(kSecretScope, moved);
            continue;
        }
        const QString text = secrets.protect(it->get<QString>());
        *it = text;
        // Settled after the commit: the new entry stays if the row holds it, the old one goes.
        secrets.release(kSecretScope, text);
        if (SecretStore::isProtected(oldText))
            secrets.release(kSecretScope, oldText);
    }
}

void ServiceResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    protectSecrets(db, item);
}

void ServiceResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    protectSecrets(db, item);
}

void ServiceResource::beforeDelete(QSqlDatabase &db, qint64 id) const
{
    const auto [type, stored] = storedConfig(db, id);
    if (type == QLatin1String("system"))
        throw ApiError::badRequest(QStringLiteral("The system service cannot be deleted."));
    for (auto it = stored.begin(); it != stored.end(); ++it)
        if (it->is_string() && SecretStore::isProtected(it->get<QString>()))
            store().secretStore().release(kSecretScope, it->get<QString>());
}

void ServiceResource::present(Json &row) const
{
    auto config = row.find("config");
    if (config == row.end() || !config->is_object())
        return;
    const QStringList secrets = secretFields(row.value("type", Json("")).get<QString>());
    for (auto it = config->begin(); it != config->end(); ++it) {
        const bool secret = secrets.contains(QString::fromStdString(it.key()));
        const bool atRest = it->is_string() && SecretStore::isProtected(it->get<QString>());
        if ((secret && !it->is_null() && !(it->is_string() && it->get<QString>().isEmpty())) || atRest)
            *it = mask();
    }
}
} // namespace gatehouse
