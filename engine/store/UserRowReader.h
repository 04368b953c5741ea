#pragma once

#include <functional>
#include <optional>

#include <QSqlRecord>
#include <QString>
#include <QVariant>

#include "http/HttpResponse.h"

namespace gatehouse {

class SystemStore;

// Reads one row of the system "user" table on the system store's executor: the fresh lookup
// every password check starts with (Basic auth, sign-in, password change), since the snapshot
// holds no password hashes. `done` runs on the event loop with the requested columns, or
// nullopt when no user matched; when the system database cannot answer, `unavailable` gets
// the 503 reply instead.
class UserRowReader
{
public:
    using Done = std::function<void(std::optional<QSqlRecord>)>;
    using Unavailable = std::function<void(HttpResponse)>;

    // `columns` is a fixed select list from the caller's code, never user input.
    static void byEmail(const SystemStore &store, const QString &columns, const QString &email, Done done,
                        Unavailable unavailable);
    static void byId(const SystemStore &store, const QString &columns, qint64 id, Done done,
                     Unavailable unavailable);

private:
    static void read(const SystemStore &store, const QString &sql, const QVariant &key, Done done,
                     Unavailable unavailable);
};
} // namespace gatehouse
