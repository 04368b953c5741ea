#pragma once

#include "AccessTypes.h"

namespace gatehouse {

// DreamFactory's component matching: the verb masks of every rule at the most specific
// matching level are ORed, and that level's result is final (exact > wildcard prefix >
// service-wide "*" > all services).
class Rbac
{
public:
    // Lower-cases the component and removes inline "(args)" as DF does before matching.
    static QString normalizeComponent(const QString &component);

    static int allowedVerbs(const Role &role, qint64 serviceId, const QString &component, int requestor);
    static bool isAllowed(const Session &session, qint64 serviceId, const QString &component, int verb,
                          int requestor);

    // The rule whose filters apply: the most specific matching rule that grants this verb.
    static const AccessRule *ruleFor(const Role &role, qint64 serviceId, const QString &component, int verb,
                                     int requestor);
};
} // namespace gatehouse
