#include "UserRowReader.h"

#include <QSqlQuery>

#include "DbExecutor.h"
#include "SystemStore.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {
struct Outcome
{
    bool failed = false;
    std::optional<QSqlRecord> row;
};
} // namespace

void UserRowReader::byEmail(const SystemStore &store, const QString &columns, const QString &email, Done done,
                            Unavailable unavailable)
{
    read(store, QStringLiteral(R"(SELECT %1 FROM "user" WHERE email = ?)").arg(columns), email,
         std::move(done), std::move(unavailable));
}

void UserRowReader::byId(const SystemStore &store, const QString &columns, qint64 id, Done done,
                         Unavailable unavailable)
{
    read(store, QStringLiteral(R"(SELECT %1 FROM "user" WHERE id = ?)").arg(columns),
         QVariant::fromValue<qlonglong>(id), std::move(done), std::move(unavailable));
}

void UserRowReader::read(const SystemStore &store, const QString &sql, const QVariant &key, Done done,
                         Unavailable unavailable)
{
    const ConnectionSpec spec = store.connectionSpec();
    store.executor().submit(
        [spec, sql, key](QSqlDatabase &db) {
            Outcome outcome;
            try {
                DbExecutor::ensureOpen(db, spec);
                QSqlQuery query(db);
                query.prepare(sql);
                query.addBindValue(key);
                if (!query.exec())
                    outcome.failed = true;
                else if (query.next())
                    outcome.row = query.record();
            } catch (const std::exception &) {
                outcome.failed = true;
            }
            return outcome;
        },
        [done = std::move(done), unavailable = std::move(unavailable)](Outcome outcome) {
            if (outcome.failed) {
                unavailable(HttpResponse::fromError(
                    ApiError(503, QStringLiteral("The system database is not available."))));
                return;
            }
            done(std::move(outcome.row));
        });
}
} // namespace gatehouse
