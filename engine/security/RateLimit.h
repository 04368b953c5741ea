#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "core/Json.h"

class QSqlDatabase;

namespace gatehouse {

// One row of the `limits` table (DreamFactory's df-limits model, reference §6): `rate`
// requests per `period` for the callers and routes its `type` names. Immutable values; the
// AccessSnapshot holds the list the gate checks.
struct RateLimit
{
    qint64 id = 0;
    QString type; // one of types()
    QString keyText;
    qint64 rate = 0;
    int period = 0; // index into periodNames()
    std::optional<qint64> userId;
    std::optional<qint64> roleId;
    std::optional<qint64> serviceId;
    QString endpoint; // empty: none; "x*" matches by prefix
    QString verb;     // empty: every verb
    QString name;
    QString description;
    bool isActive = true;

    // The ten types, in DF's order.
    static const QStringList &types();
    // "minute", "hour", "day", "7-day", "30-day": the period as stored (index) and named.
    static const QStringList &periodNames();
    // Window length in seconds. 30 days is 2,592,000 s (DF's 18,144,000 s is a bug).
    static qint64 periodSeconds(int period);
    // Verbs a limit may name.
    static const QStringList &verbs();

    static bool isEachUserType(const QString &type);
    static bool typeNeedsUser(const QString &type);
    static bool typeNeedsService(const QString &type);
    static bool typeNeedsEndpoint(const QString &type);
    static bool typeNeedsRole(const QString &type);

    bool isEachUser() const { return isEachUserType(type); }
    qint64 periodSeconds() const { return periodSeconds(period); }
    QString periodName() const;

    // DF's key: "instance[.user:U|.each_user[:U]][.role:R][.service:S][.endpoint:E][.verb:V].period".
    // For each-user types `subjectUserId` fills the user slot (the per-user counter key);
    // without it the key is the limit's own key_text.
    static QString buildKey(const QString &type, std::optional<qint64> userId, std::optional<qint64> roleId,
                            std::optional<qint64> serviceId, const QString &endpoint, const QString &verb,
                            int period);
    QString counterKey(std::optional<qint64> subjectUserId = std::nullopt) const;

    // Does the limit's route part (service, endpoint, verb) cover this request? Endpoints
    // compare case-insensitively: table names are, so "_table/Orders" must not slip past a
    // limit on "_table/orders".
    bool matchesRoute(std::optional<qint64> requestServiceId, const QString &resource,
                      const QString &method) const;

    // The record as the API shows it (period by name), e.g. in a 429's context.
    Json toJson() const;

    // Every row of the table (worker side, for the AccessSnapshot). Throws ApiError on failure.
    static QList<RateLimit> loadAll(QSqlDatabase &db);
};
} // namespace gatehouse
