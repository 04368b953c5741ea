#pragma once

#include <optional>

#include <QSqlDatabase>
#include <QString>
#include <QVariantHash>

#include "core/Json.h"

namespace gatehouse {

class LookupSecrets;

// Custom lookups as records: the rules every writer of the `lookup` table shares (system
// lookups through /system/lookup, and the scoped ones through the related arrays
// `lookup_by_app_id`, `lookup_by_role_id` and `lookup_by_user_id`).
//
// Private lookups: the value is sealed at rest (LookupSecrets), always read back as the mask
// `**********`, and a write of the mask keeps the stored value. Making a private lookup public
// needs a new value, so a secret is never turned into readable text by flipping a flag.
//
// The related arrays are written like `role_service_access_by_role_id`: an entry without an id
// is added, one with an id is changed, one sent as {"id":n,"<owner>_id":null} is removed, and
// entries left out stay as they are.
class LookupRelation
{
public:
    enum class Owner
    {
        App,
        Role,
        User
    };

    explicit LookupRelation(Owner owner);

    // "lookup_by_app_id", ... and "app_id", ...
    QString name() const;
    QString ownerColumn() const;

    // Event loop: checks the related array a client sent and returns it cleaned (throws
    // ApiError 400). A null array means "no change".
    Json validate(const Json &entries) const;
    // Worker, inside the owner's transaction: applies validated entries to owner `ownerId`.
    void write(QSqlDatabase &db, const LookupSecrets &secrets, qint64 ownerId, const Json &entries) const;
    // Worker: sets row[name()] to the owner's lookups (private values masked) for every row.
    void load(QSqlDatabase &db, Json &rows) const;

    // --- shared with LookupResource ---
    // A trimmed, valid, non-reserved lookup name, or ApiError 400.
    static QString checkName(const Json &value);
    // The stored state of a lookup being changed.
    struct Current
    {
        bool isPrivate = false;
        QVariant value; // as stored (sealed when private)
    };
    // Moves "value" and "private" out of `record` into the `columns` to write, sealing,
    // keeping or refusing as the rules above say. `current` is empty on create.
    static void valueColumns(const LookupSecrets &secrets, Json &record, QVariantHash &columns,
                             const std::optional<Current> &current, const QString &name);
    // Worker: the stored state of lookup `id` (with `condition` narrowing the scope).
    static std::optional<Current> readCurrent(QSqlDatabase &db, qint64 id, const QString &condition,
                                              const QVariantList &values);
    // Worker: 400 when `name` is taken in the scope `scopeCondition` (excluding `exclude`).
    static void checkDuplicate(QSqlDatabase &db, const QString &name, const QString &scopeCondition,
                               const QVariantList &scopeValues, std::optional<qint64> exclude);
    // The mask when the row's lookup is private.
    static void mask(Json &row);

private:
    Owner m_owner;
};
} // namespace gatehouse
