#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "core/ApiError.h"
#include "core/Json.h"
#include "services/Service.h"

namespace gatehouse {

class SystemStore;
struct RequestContext;
struct TableSchema;

// One system table exposed with DreamFactory's list semantics (reference §2.2, §2.3, §4.2):
// `{"resource":[...]}` in and out, by-id routes, ?ids=, fields, related, limit/offset, a
// whitelisted order, include_count, filter/params on reads, and the three batch modes (stop at
// the first failure, continue, rollback). Subclasses describe their columns and add hooks; all
// SQL is built from those descriptions, never from request text (filters go through the SQL
// services' FilterParser against a schema of the readable fields, values bound). Requests are
// parsed and validated on the event loop; the database work runs as one job on the system
// store's executor.
class RecordResource : public std::enable_shared_from_this<RecordResource>
{
public:
    enum class FieldType
    {
        Integer,
        Boolean,
        String,
        Text,
        Json,
        Date,
        Number // floating point (money amounts)
    };
    // The fields a client can read (fields=*), and so the only columns a filter may name. Json
    // fields are documents, not comparable values, and may hold sealed secrets
    // (service.config): they are never filterable.
    struct Field
    {
        QString name;
        FieldType type = FieldType::String;
        bool writable = true;
        bool required = false; // on create
        bool nullable = true;
        int maxLength = 0; // strings; 0: unlimited
    };
    enum class Operation
    {
        Read,
        Create,
        Update,
        Delete
    };
    enum class BatchMode
    {
        StopOnError,
        Continue,
        Rollback
    };

    // One record of a write request.
    struct Item
    {
        std::optional<qint64> id;
        Json record = Json::object();  // validated client fields and relation arrays
        QVariantHash columns;          // extra columns set by hooks (hashes, flags)
        Json output = Json::object();  // extra reply fields (e.g. a new API key, shown once)
        std::optional<ApiError> error; // failed before the database job (validation)
    };

    // A parsed request, shared between the event loop and the worker.
    struct Job
    {
        std::shared_ptr<const RequestContext> context;
        Operation operation = Operation::Read;
        std::optional<qint64> routeId; // /system/{resource}/{id}
        bool singleReply = false;      // reply with a bare object instead of the wrapper
        QList<qint64> ids;             // ?ids=
        QList<Item> items;
        QStringList fields; // empty: the default for the operation
        QStringList related;
        QList<QPair<QString, bool>> order; // field, descending
        // ?filter= (alias where) with ?params=, as SQL over the readable fields: '?' placeholders
        // and their values. Reads only; ANDed into every statement that reads rows.
        QString filterSql;
        QVariantList filterBinds;
        qint64 limit = 0;
        qint64 offset = 0;
        bool includeCount = false;
        BatchMode mode = BatchMode::StopOnError;
    };

    RecordResource(SystemStore &store, QString name, QString table, QList<Field> fields);
    virtual ~RecordResource();
    RecordResource(const RecordResource &) = delete;
    RecordResource &operator=(const RecordResource &) = delete;

    const QString &name() const { return m_name; }
    // `path` is what follows the resource name (empty, or one id).
    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done);

    static QString mask() { return QStringLiteral("**********"); }

protected:
    // --- Hooks; the event-loop ones may throw ApiError(400) for the record at hand. ---
    // Extra WHERE condition every statement gets (e.g. only admins in the user table).
    virtual QString scopeCondition() const { return {}; }
    virtual QStringList relations() const { return {}; }
    // Keys a client may send besides the writable fields and relations (e.g. "password").
    virtual QStringList extraInputKeys() const { return {}; }
    // Event loop: after the generic checks, per record.
    virtual void prepare(Item &item, Operation operation, const RequestContext &context) const;
    // Event loop: asynchronous work before the database job (hashing, connection tests).
    // Must call `next` exactly once, on the event loop thread.
    virtual void preprocess(std::shared_ptr<Job> job, std::function<void()> next) const;
    // Worker, inside the record's transaction.
    virtual void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const;
    virtual void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const;
    virtual void afterWrite(QSqlDatabase &db, qint64 id, const Item &item, Operation operation) const;
    virtual void beforeDelete(QSqlDatabase &db, qint64 id) const;
    // Worker: fills `relation` into each row (rows carry at least "id").
    virtual void loadRelation(QSqlDatabase &db, const QString &relation, Json &rows) const;
    // Columns a relation needs in the row to be loaded (besides id).
    virtual QStringList relationKeys(const QString &relation) const;
    // Worker: last touch on a row before it leaves (e.g. masking secrets).
    virtual void present(Json &row) const;
    // Columns present() needs in the row even when the client did not ask for them.
    virtual QStringList presentKeys() const { return {}; }
    // Columns that must be unique (checked first so the reply names the field).
    virtual QStringList uniqueFields() const { return {}; }
    // What the store rebuilds after a write.
    virtual int reloadFlags() const;

    // --- Helpers for subclasses ---
    SystemStore &store() const { return m_store; }
    const QString &table() const { return m_table; }
    const Field *field(const QString &name) const;
    // Runs a statement; a failure is logged with the driver's text and becomes a clean error.
    static QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
    static ApiError databaseError(const QSqlQuery &query, const QString &what);
    static bool rowExists(QSqlDatabase &db, const QString &sql, const QVariantList &values);
    static QString nowText();
    // JSON value -> bindable value for a field of `type`; throws 400 on a type mismatch.
    static QVariant toColumnValue(const QString &fieldName, FieldType type, const Json &value,
                                  int maxLength = 0);
    static Json fromColumnValue(FieldType type, const QVariant &value);
    static qint64 toId(const Json &value, const QString &what);

private:
    std::shared_ptr<Job> parse(std::shared_ptr<const RequestContext> context, const QStringList &path) const;
    void parseFilter(Job &job) const;
    void validateItem(Item &item, Operation operation, const RequestContext &context) const;
    HttpResponse execute(QSqlDatabase &db, Job &job) const;
    HttpResponse executeRead(QSqlDatabase &db, Job &job) const;
    Json writeOne(QSqlDatabase &db, Item &item, const Job &job) const;
    Json readRows(QSqlDatabase &db, const Job &job, const QString &where, const QVariantList &values,
                  const QStringList &fields, bool paged, qint64 *count) const;
    Json readOne(QSqlDatabase &db, const Job &job, qint64 id, const QStringList &fields) const;
    QStringList outputFields(const Job &job) const;
    QString where(const QString &condition) const;

    SystemStore &m_store;
    QString m_name;
    QString m_table; // as written in SQL (quoted where needed)
    QList<Field> m_fields;
    std::unique_ptr<const TableSchema> m_filterSchema; // m_fields as the filter parser sees them
};
} // namespace gatehouse
