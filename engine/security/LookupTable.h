#pragma once

#include <optional>

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace gatehouse {

// One custom lookup as the hot path keeps it. A private lookup's value stays sealed here (as it
// is in the database): only LookupResolver on the trusted path, holding LookupSecrets, opens it.
struct LookupEntry
{
    QString value; // plain text for a public lookup; sealed text for a private one
    bool isPrivate = false;
};

// Every custom lookup (`lookup` table), by scope. Part of the AccessSnapshot, so a request
// resolves lookups against the same state it was authenticated against.
struct LookupTable
{
    using Names = QHash<QString, LookupEntry>;
    Names system;
    QHash<qint64, Names> byApp;
    QHash<qint64, Names> byRole;
    QHash<qint64, Names> byUser;

    // The entry that wins for `name`: user over role over app over system (reference §5).
    const LookupEntry *find(const QString &name, std::optional<qint64> userId, std::optional<qint64> roleId,
                            std::optional<qint64> appId) const;

    // Worker side: reads the whole table. Throws ApiError when the table cannot be read.
    static LookupTable load(QSqlDatabase &db);
};
} // namespace gatehouse
