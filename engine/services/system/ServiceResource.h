#pragma once

#include "RecordResource.h"

namespace gatehouse {

class ServiceManager;

// /system/service: service definitions. Names follow DF's pattern and are stored lower-case;
// the type must be registered and creatable; the type's validate() (e.g. a database connection
// test) runs on a worker pool before anything is stored. Secret config fields go through the
// SecretStore (keychain reference or sealed text at rest), always come back masked; sending the
// mask back keeps the stored secret. For the same reason config is not filterable (a Json
// field): a filter could otherwise test at-rest text.
class ServiceResource : public RecordResource
{
public:
    ServiceResource(SystemStore &store, ServiceManager &services);

    static bool isReservedName(const QString &name);

protected:
    QStringList presentKeys() const override;
    QStringList uniqueFields() const override;
    int reloadFlags() const override;
    void prepare(Item &item, Operation operation, const RequestContext &context) const override;
    void preprocess(std::shared_ptr<Job> job, std::function<void()> next) const override;
    void beforeInsert(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeUpdate(QSqlDatabase &db, Item &item, const Job &job) const override;
    void beforeDelete(QSqlDatabase &db, qint64 id) const override;
    void present(Json &row) const override;

private:
    QStringList secretFields(const QString &type) const;
    // Worker, inside the record's transaction: new secrets -> at-rest text, the mask -> the
    // row's current at-rest text; replaced keychain entries are released (SecretStore::settle).
    void protectSecrets(QSqlDatabase &db, Item &item) const;

    ServiceManager &m_services;
};
} // namespace gatehouse
